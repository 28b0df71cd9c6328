"""Synthetic data at three scales (`gevinst synth --scale S|M|L`), written in bulk.

    generate(engine, scale_of("L"), seed=1)

Deterministic for a seed. Ids continue after what the database holds, and every id
sequence is moved past the largest id afterwards, so the services' later inserts get
fresh ids. The same rows on every engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel

from tracking import changes
from tracking.backup.document import _advance_sequences  # the restore's sequence logic
from tracking.db import init_schema
from tracking.kept_status import rebuild
from tracking.synth.bulk import insert_rows
from tracking.synth.generate import REFERENCE_DAY, REFERENCE_END, Ids, municipality_rows
from tracking.synth.scales import SCALES, Scale, scale_of

__all__ = ["REFERENCE_DAY", "REFERENCE_END", "SCALES", "Scale", "SynthSummary", "generate",
           "scale_of"]

# Foreign-key order.
TABLES = ("plan", "indicator", "target_month", "measurement", "idea", "action",
          "action_event")


@dataclass
class SynthSummary:
    scale: str
    rows: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        return ", ".join(f"{name} {n:,}".replace(",", ".") for name, n in self.rows.items())


def _next_ids(conn) -> Ids:
    ids = Ids()
    for name in TABLES:
        table = SQLModel.metadata.tables[name]
        if "id" in table.c:
            top = conn.execute(select(func.max(table.c.id))).scalar()
            ids.next[name] = int(top or 0) + 1
    return ids


def generate(engine: Engine, scale: Scale, seed: int = 1,
             progress: Callable[[int, int], None] | None = None) -> SynthSummary:
    """Add `scale`'s plans to the database in one transaction; returns the row counts."""
    init_schema(engine)
    summary = SynthSummary(scale.name, {name: 0 for name in TABLES})
    tables = SQLModel.metadata.tables
    with engine.begin() as conn:
        ids = _next_ids(conn)
        for m in range(scale.municipalities):
            rows = municipality_rows(scale, m, seed, ids)
            for name in TABLES:
                summary.rows[name] += insert_rows(conn, tables[name], rows[name])
            if progress:
                progress(m + 1, scale.municipalities)
        if conn.dialect.name in ("duckdb", "postgresql"):
            for name in TABLES:
                _advance_sequences(conn, tables[name])
        rebuild(conn)  # the overview's kept rows: bulk rows bypass the session listener
        changes.bump(conn)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:  # fresh planner statistics for a million new rows
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return summary
