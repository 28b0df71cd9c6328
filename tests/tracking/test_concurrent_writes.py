"""Several people writing at once, through the services, on both engines.

Eight threads save figures and move cards on the demo at the same time. Every write
either commits or is refused with the program's own message (a stale version, named);
no engine error reaches a page, and nothing committed is lost. A bounded number of
writes, not a timed run: the throughput is measured in `make bench`.
"""

from __future__ import annotations

import random
import threading
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.conftest import TODAY
from tests.support.actors import SYSTEM
from tracking.errors import GevinstError
from tracking.models import Action, ActionStatus, Measurement, MeasurementRevision
from tracking.services.actions import move_action
from tracking.services.measurements import record_actual

THREADS = 8
WRITES_PER_THREAD = 12
MONTH = date(2026, 11, 1)  # no figure yet in the demo: the first-figure race


def _figures(engine: Engine) -> dict[tuple[int, date], float]:
    with Session(engine) as session:
        return {(m.indicator_id, m.month): m.value for m in session.exec(select(Measurement))}


def test_eight_people_writing_at_once_lose_nothing(demo_engine: Engine) -> None:
    engine = demo_engine
    with Session(engine) as session:
        actions = [a.id for a in session.exec(select(Action))]
    start = threading.Barrier(THREADS)
    unexpected: list[BaseException] = []
    refused: list[GevinstError] = []
    written: list[tuple[int, date, float]] = []
    lock = threading.Lock()

    def person(n: int) -> None:
        rng = random.Random(n)
        start.wait()
        for k in range(WRITES_PER_THREAD):
            try:
                if k % 3 == 2:
                    action_id = rng.choice(actions)
                    with Session(engine) as session:
                        action = session.get(Action, action_id)
                        version, status = action.version, action.status
                    to = ActionStatus.STARTED if status == ActionStatus.DECIDED \
                        else ActionStatus.DECIDED
                    move_action(engine, action_id, to, version, actor=SYSTEM)
                else:
                    indicator = 1 + (n + k) % 5
                    value = float(n * 100 + k)
                    record_actual(engine, indicator, MONTH, value, actor=SYSTEM, on=TODAY)
                    with lock:
                        written.append((indicator, MONTH, value))
            except GevinstError as exc:  # the program's own refusal: fine
                with lock:
                    refused.append(exc)
            except BaseException as exc:
                with lock:
                    unexpected.append(exc)

    threads = [threading.Thread(target=person, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    assert unexpected == [], [repr(e) for e in unexpected[:3]]
    figures = _figures(engine)
    # Every indicator that was written has this month's figure, and it is one of the values
    # written for it (the last to commit); the others are kept as revisions.
    for indicator in {i for i, _, _ in written}:
        assert figures[(indicator, MONTH)] in {v for i, _, v in written if i == indicator}
    with Session(engine) as session:
        revisions = len(session.exec(select(MeasurementRevision).where(
            MeasurementRevision.month == MONTH)).all())
    written_per_indicator = {i: sum(1 for j, _, _ in written if j == i) for i, _, _ in written}
    # One new figure per indicator and one correction for each later write that changed it.
    assert revisions == sum(n - 1 for n in written_per_indicator.values())
    assert len(refused) <= THREADS * WRITES_PER_THREAD // 3  # only card moves can be stale
