"""A whole municipality of plans (default 30), for screenshots and tests of the overview.

Written through the ordinary services (plans, indicators, figures, actions), with board
meetings as plain rows (the meeting service is another area's). Deterministic: the same
seed gives the same municipality. Includes the awkward cases: a plan without indicators,
a plan that has not started, a target equal to its baseline, FTE without a business case.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from sqlalchemy import Engine

from tests.support.actors import SYSTEM, who
from tracking.auth import bind
from tracking.db import get_engine, init_schema, session_scope
from tracking.models import Meeting
from tracking.months import add_months, month_range
from tracking.services.actions import ActionInput, create_action
from tracking.services.measurements import FigureInput, record_actuals
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan

DEPARTMENTS = {
    "Beskæftigelse og Social": ["Jobcenter", "Ydelser"],
    "Børn og Unge": ["Dagtilbud", "Skoler"],
    "Sundhed og Omsorg": ["Hjemmepleje", "Sundhed"],
    "Teknik og Miljø": ["Byggeri", "Vej og Park"],
    "Økonomi og Personale": ["Økonomi og Indkøb", "Løn og HR"],
}
SOLUTIONS = ["KSD", "KY", "Fakturarobot", "Kørselsapp", "Vagtplan", "Flexløntilskud",
             "Selvbetjening", "Digital post", "Restanceinddrivelse", "Byggesagsportal"]
OWNERS = ["Mette Sørensen", "Lars Kjær", "Anne Lund", "Jonas Holm", "Pia Andersen",
          "Ahmed Rashid", "Sara Nielsen", "Henrik Bach"]
# (name, unit, direction, baseline, target)
KINDS = [
    ("Andel via selvbetjening", "pct", "higher", 30.0, 80.0),
    ("Sagsbehandlingstid (dage)", "days", "lower", 30.0, 20.0),
    ("Frigjorte årsværk", "fte", "higher", 0.0, 3.0),
    ("Udgifter til porto (kr.)", "kr", "lower", 120_000.0, 60_000.0),
    ("Besparelse (1.000 kr.)", "tkr", "higher", 0.0, 150.0),
]


def make_municipality(engine: Engine, plans: int = 30, on: date = date(2026, 11, 23),
                      seed: int = 6) -> None:
    rng = random.Random(seed)
    closed = add_months(date(on.year, on.month, 1), -1)
    departments = list(DEPARTMENTS)
    for n in range(plans):
        department = departments[n % len(departments)]
        area = DEPARTMENTS[department][(n // len(departments)) % 2]
        solution = SOLUTIONS[n % len(SOLUTIONS)]
        start = date(2025, 1 + n % 12, 1) if n != 1 else date(2027, 2, 1)  # 1: not started
        plan = create_plan(engine, PlanInput(
            name=f"{solution} – {area} {n + 1}", solution=solution,
            benefit_owner=OWNERS[n % len(OWNERS)], department=department, area=area,
            start_month=start, end_month=add_months(start, 35)), actor=SYSTEM)
        if n == 0:
            continue  # a plan without indicators
        # How well this plan is doing: mostly on track, some behind.
        pace = rng.choice([1.05, 1.0, 1.0, 0.97, 0.9, 0.85, 0.6])
        for k in range(1 + n % 3):
            name, unit, direction, baseline, target = KINDS[(n + k) % len(KINDS)]
            if n == 2 and k == 0:
                target = baseline  # no planned improvement
            ind = create_indicator(engine, plan.id, IndicatorInput(
                name=name, unit=unit, direction=direction, baseline_value=baseline,
                baseline_month=add_months(start, -1), target_value=target,
                target_start_month=start, full_effect_month=add_months(start, 17),
                owner=OWNERS[(n + k) % len(OWNERS)]), actor=SYSTEM)
            if start > closed:
                continue
            months = list(month_range(start, closed))
            figures = []
            for i, month in enumerate(months):
                if n % 7 == 3 and k == 0 and month == closed:
                    continue  # the latest figure is missing
                share = min(1.0, (i + 1) / 18) * pace * rng.uniform(0.95, 1.05)
                figures.append(FigureInput(ind.id, month,
                                           round(baseline + (target - baseline) * share, 1)))
            record_actuals(engine, figures, actor=who(OWNERS[n % len(OWNERS)]), on=on)
        for a in range(n % 4):
            create_action(engine, plan.id, ActionInput(
                title=f"Handling {a + 1}", responsible=OWNERS[a % len(OWNERS)],
                deadline=on - timedelta(days=3 + 7 * a) if a % 2 == 0
                else on + timedelta(days=10)), actor=who("test"),
                on=on - timedelta(days=40), confirm_over_capacity=True)
        if n % 5 != 4:
            with session_scope(engine) as session:
                bind(session, SYSTEM)  # meetings are audited like every write
                session.add(Meeting(plan_id=plan.id, held_on=on - timedelta(days=n % 20),
                                    started_by="test", closed_at=None))


if __name__ == "__main__":  # python -m tests.support.municipality duckdb:////tmp/x.duckdb
    eng = get_engine(sys.argv[1])
    init_schema(eng)
    make_municipality(eng, int(sys.argv[2]) if len(sys.argv) > 2 else 30)
