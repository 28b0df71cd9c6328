"""The audit trail of a plan (the Historik page): who changed what, when, old and new."""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine

from tracking.i18n import translate, translate_or
from tracking.readmodel.frames import query_frame

COLUMNS = ["happened_at", "actor", "entity", "entity_id", "action", "old_values",
           "new_values"]


@dataclass(frozen=True)
class HistoryFilter:
    entity: str | None = None  # table name, e.g. "measurement"
    actor: str | None = None  # the name shown
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    limit: int = 5000


def plan_history(engine: Engine, plan_id: int, f: HistoryFilter = HistoryFilter()
                 ) -> pd.DataFrame:
    """The plan's audit records, newest first, filtered in the database."""
    sql = [f"SELECT {', '.join(COLUMNS)} FROM audit_record WHERE plan_id = :plan_id"]
    params: dict[str, object] = {"plan_id": plan_id, "limit": f.limit}
    if f.entity:
        sql.append("AND entity = :entity")
        params["entity"] = f.entity
    if f.actor:
        sql.append("AND actor = :actor")
        params["actor"] = f.actor
    if f.since:
        sql.append("AND happened_at >= :since")
        params["since"] = datetime.combine(f.since, time.min)
    if f.until:
        sql.append("AND happened_at < :until")
        params["until"] = datetime.combine(f.until + timedelta(days=1), time.min)
    sql.append("ORDER BY id DESC LIMIT :limit")
    return query_frame(engine, " ".join(sql), params)


def history_choices(engine: Engine, plan_id: int) -> tuple[list[str], list[str]]:
    """The entities and the people that occur in a plan's trail (for the filters)."""
    entities = query_frame(engine, "SELECT DISTINCT entity FROM audit_record "
                                   "WHERE plan_id = :p ORDER BY entity", {"p": plan_id})
    actors = query_frame(engine, "SELECT DISTINCT actor FROM audit_record "
                                 "WHERE plan_id = :p ORDER BY actor", {"p": plan_id})
    return entities["entity"].tolist(), actors["actor"].tolist()


# Columns of a table that say nothing to a reader of the trail (ids it already shows).
_INTERNAL = {"comment": {"plan_id", "author_user_id"}}
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")  # an ISO timestamp in the JSON


def field_label(entity: str | None, column: str, lang: str | None) -> str:
    """A column as Historik names it: `history.field.<entity>.<column>` from the
    catalogue, else the raw name (tables without labels yet)."""
    if lang is None or entity is None:
        return column
    return translate_or(f"history.field.{entity}.{column}", column, lang)


def _shown_value(entity: str | None, column: str, value: object, lang: str | None) -> object:
    if lang is None or entity is None:
        return value
    if entity == "comment" and column == "target" and value:
        return translate_or(f"comment.target.{value}", str(value), lang)
    if isinstance(value, str) and _MOMENT.match(value):
        from tracking.formatting import format_datetime

        with contextlib.suppress(ValueError):
            return format_datetime(datetime.fromisoformat(value), lang)
    return value


def describe_change(old_json: str, new_json: str, entity: str | None = None,
                    lang: str | None = None) -> str:
    """'status: decided → started; deadline: 2026-12-01 → 2026-12-15' from the two JSONs;
    with `entity` and `lang`, the columns by their catalogue names ('Tekst: … → …')."""
    old = json.loads(old_json) if old_json else {}
    new = json.loads(new_json) if new_json else {}
    hidden = {"updated_at", "version", "created_at", "id", *_INTERNAL.get(entity or "", ())}
    keys = [k for k in dict.fromkeys([*new, *old]) if k not in hidden]
    parts = []
    for k in keys:
        name = field_label(entity, k, lang)
        before = _shown_value(entity, k, old.get(k), lang)
        after = _shown_value(entity, k, new.get(k), lang)
        if k in old and k in new:
            parts.append(f"{name}: {_short(before)} → {_short(after)}")
        elif k in new:
            if after not in (None, ""):  # a new row: only the fields it was given
                parts.append(f"{name}: {_short(after)}")
        else:
            parts.append(f"{name}: {_short(before)} →")
    return "; ".join(parts)


def _short(value: object, limit: int = 80) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def history_workbook(frame: pd.DataFrame, lang: str = "da") -> bytes:
    """The trail as an Excel sheet: Danish headers, real timestamps, one row per change
    (written in one pass: tracking.xlsx)."""
    from tracking.xlsx import add_sheet, append_row, new_book, to_bytes

    book = new_book()
    sheet = add_sheet(book, translate("history.sheet", lang),
                      [translate(f"history.col.{c}", lang) for c in
                       ("happened_at", "actor", "entity", "entity_id", "action", "change")],
                      (20, 24, 18, 10, 14, 100))
    formats = ("dd-mm-yyyy hh:mm:ss",)
    for row in frame.itertuples(index=False):
        at = pd.Timestamp(row.happened_at)
        at = (at.tz_convert("Europe/Copenhagen").tz_localize(None) if at.tzinfo
              else at).to_pydatetime()
        append_row(sheet, [at, row.actor,
                           translate_or(f"entity.{row.entity}", row.entity, lang),
                           row.entity_id,
                           translate_or(f"history.action.{row.action}", row.action, lang),
                           describe_change(row.old_values, row.new_values, row.entity,
                                           lang)], formats)
    return to_bytes(book)
