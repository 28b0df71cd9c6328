"""Recording realised figures (record_actual) and reading their history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from tracking.auth import Actor, Permission, authorize, bind
from tracking.clock import now, today
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.formatting import format_month
from tracking.models import Indicator, Measurement, MeasurementRevision, Plan
from tracking.months import month_of
from tracking.parsing import finite_number, parse_number, refuse_control_chars
from tracking.units import MAX_FIGURE, Unit, can_be_negative
from tracking.versioning import stale

T = TypeVar("T")

MAX_COMMENT = 1000


class Outcome(StrEnum):
    CREATED = "created"
    CORRECTED = "corrected"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RecordResult:
    outcome: Outcome
    measurement: Measurement
    previous_value: float | None = None


@dataclass(frozen=True)
class FigureInput:
    indicator_id: int
    month: date
    value: str | float
    comment: str = ""
    # The version of the figure the user saw: None = no check (imports), 0 = there was
    # no figure yet. A different stored version refuses the write (someone else's edit).
    seen_version: int | None = None


def _check(session: Session, figure: FigureInput, on: date) -> tuple[Indicator, date, float]:
    """Validate one figure; returns the indicator, its month and the parsed value."""
    ind = session.get(Indicator, figure.indicator_id)
    if ind is None or ind.archived_at is not None:
        raise NotFoundError("error.indicator_not_found", "indicator_id", id=figure.indicator_id)
    plan = session.get(Plan, ind.plan_id)
    month = month_of(figure.month)
    if month > month_of(on):
        raise ValidationError("error.month_in_future", "month", month=month)
    if not plan.start_month <= month <= plan.end_month:
        raise ValidationError("error.month_outside_plan", "month", month=month,
                              start=plan.start_month, end=plan.end_month)
    if isinstance(figure.value, str) and not figure.value.strip():
        raise ValidationError("error.value_required", "value")
    value = finite_number(parse_number(figure.value, "value"), "value", MAX_FIGURE[Unit(ind.unit)])
    if value < 0 and not can_be_negative(ind.unit):
        raise ValidationError("error.negative_not_allowed", "value", unit=ind.unit)
    refuse_control_chars(figure.comment, "comment")
    if len(figure.comment or "") > MAX_COMMENT:
        raise ValidationError("error.comment_too_long", "comment", max=MAX_COMMENT)
    return ind, month, value


def check_figure(session: Session, figure: FigureInput,
                 on: date) -> tuple[Indicator, date, float]:
    """The checks `record_actual` makes, for callers that preview before they write
    (the spreadsheet import). Raises ValidationError / NotFoundError."""
    return _check(session, figure, on)


def _current(session: Session, keys: set[tuple[int, date]]) -> dict[tuple[int, date],
                                                                     Measurement]:
    """The stored figures of these (indicator, month) pairs, in one query."""
    if not keys:
        return {}
    query = select(Measurement).where(
        Measurement.indicator_id.in_({i for i, _ in keys}),  # type: ignore[attr-defined]
        Measurement.month.in_({m for _, m in keys}))  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        # Two people correcting the same month at once: the second waits for the first
        # and keeps its value as a revision, instead of overwriting it unseen.
        query = query.with_for_update()
    return {(m.indicator_id, m.month): m for m in session.exec(query)
            if (m.indicator_id, m.month) in keys}


def _write(session: Session, ind: Indicator, month: date, value: float, comment: str,
           actor: Actor, seen_version: int | None = None,
           known: dict[tuple[int, date], Measurement] | None = None) -> RecordResult:
    """Write one figure. `known`: the stored figures, fetched beforehand for a batch (new
    ones are added to it); without it the figure is looked up and flushed at once."""
    comment = (comment or "").strip()
    single = known is None
    if known is None:
        known = _current(session, {(ind.id, month)})  # type: ignore[arg-type]
    current = known.get((ind.id, month))  # type: ignore[arg-type]
    if seen_version is not None and (current.version if current else 0) != seen_version:
        if current is None:  # cannot happen without deletes; refuse plainly
            raise ValidationError("error.concurrent_write", "value")
        raise stale(session, current, f"{ind.name} ({format_month(month)})")
    if current is None:
        m = Measurement(indicator_id=ind.id, month=month, value=value, comment=comment,
                        entered_by=actor.name)
        session.add(m)
        known[(ind.id, month)] = m  # type: ignore[index]
        if single:
            session.flush()
        return RecordResult(Outcome.CREATED, m)
    if current.value == value and current.comment == comment:
        return RecordResult(Outcome.UNCHANGED, current, current.value)
    session.add(MeasurementRevision(
        measurement_id=current.id, indicator_id=ind.id, month=month, value=current.value,
        comment=current.comment, entered_by=current.entered_by,
        entered_at=current.entered_at, replaced_by=actor.name))
    previous = current.value
    current.value, current.comment = value, comment
    current.entered_by, current.entered_at = actor.name, now()
    current.version += 1
    session.add(current)
    if single:
        session.flush()
    return RecordResult(Outcome.CORRECTED, current, previous)


def record_actual(engine: Engine, indicator_id: int, month: date, value: str | float,
                  comment: str = "", actor: Actor | None = None, on: date | None = None,
                  seen_version: int | None = None) -> RecordResult:
    """Record the realised value of a month; a correction keeps the earlier value."""
    figure = FigureInput(indicator_id, month, value, comment, seen_version)

    def attempt() -> RecordResult:
        with session_scope(engine) as session:
            _authorize_figure(session, actor, indicator_id)
            ind, checked_month, parsed = _check(session, figure, on or today())
            return _write(session, ind, checked_month, parsed, comment, actor, seen_version)

    return _first_figure_race(attempt)


def _first_figure_race(attempt: Callable[[], T]) -> T:
    """Run a figure-writing transaction again when another one stored the first figure of
    the same month between our read and our insert (PostgreSQL refuses the second insert
    by the unique key): the second is then a correction, and nothing is refused."""
    for _ in range(2):
        try:
            return attempt()
        except IntegrityError as exc:
            if "measurement" not in str(exc.orig or exc):
                raise
    return attempt()


def _authorize_figure(session: Session, actor: Actor | None, indicator_id: int) -> None:
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFoundError("error.indicator_not_found", "indicator_id", id=indicator_id)
    authorize(session, actor, Permission.ENTER_FIGURES, ind.plan_id, indicator_id)


@dataclass(frozen=True)
class FigureError:
    index: int  # position in the list given
    figure: FigureInput
    error: ValidationError | NotFoundError


def _preload(session: Session, indicator_ids: set[int]) -> list[object]:
    inds = list(session.exec(select(Indicator).where(
        Indicator.id.in_(indicator_ids)))) if indicator_ids else []  # type: ignore[union-attr]
    plans = list(session.exec(select(Plan).where(
        Plan.id.in_({i.plan_id for i in inds})))) if inds else []  # type: ignore[union-attr]
    return [*inds, *plans]


def record_actuals(engine: Engine, figures: list[FigureInput], actor: Actor | None = None,
                   on: date | None = None) -> list[RecordResult]:
    """Record several figures all or nothing.

    Every figure is checked first; if any is refused, nothing is written and
    `FigureBatchError` lists every refused figure.
    """
    on = on or today()
    return _first_figure_race(lambda: _record_actuals(engine, figures, actor, on))


def _record_actuals(engine: Engine, figures: list[FigureInput], actor: Actor | None,
                    on: date) -> list[RecordResult]:
    with session_scope(engine) as session:
        checked, errors = [], []
        # Held here so that the session's (weak) identity map keeps them: every later
        # session.get of them is then answered without a query.
        held = _preload(session, {f.indicator_id for f in figures})
        for figure in figures:  # permission first: a refusal is not a row error
            if session.get(Indicator, figure.indicator_id) is not None:
                _authorize_figure(session, actor, figure.indicator_id)
        bind(session, actor)  # an empty batch writes nothing, but name the actor anyway
        for i, figure in enumerate(figures):
            try:
                checked.append((_check(session, figure, on), figure))
            except (ValidationError, NotFoundError) as exc:
                errors.append(FigureError(i, figure, exc))
        if errors:
            raise FigureBatchError(errors)
        # One query for the stored figures and one flush for the lot, not one per figure.
        known = _current(session, {(ind.id, month) for (ind, month, _), _ in checked})
        results = [_write(session, ind, month, value, figure.comment, actor,
                          figure.seen_version, known)
                   for (ind, month, value), figure in checked]
        session.flush()
        del held
        return results


class FigureBatchError(ValidationError):
    def __init__(self, errors: list[FigureError]) -> None:
        super().__init__("error.batch_refused", None, count=len(errors))
        self.errors = errors


