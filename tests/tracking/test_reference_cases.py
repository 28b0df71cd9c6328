"""Reference cases: the shipped catalogue from seeds 002/003, CSV import (and its refusals),
linking an indicator (unit must match, facilitator only, audited), the demo's links, the
chart's thin line aligned on months since start, and the CLI. Both engines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.conftest import TODAY
from tests.support.actors import SYSTEM
from tracking.auth import Actor, PermissionDenied
from tracking.errors import ValidationError
from tracking.models import AuditRecord
from tracking.readmodel.plans import list_indicators, list_plans
from tracking.readmodel.reference_cases import list_reference_cases, plan_references
from tracking.reference_cases import (
    ReferenceRowsError,
    decode_csv,
    parse_cases,
    shipped_cases,
)
from tracking.services.reference_cases import import_reference_cases, link_reference_case

HEADER = "case;municipality;title;unit;direction;months_since_start;value;source\n"


def test_the_shipped_catalogue_holds_the_seed_figures() -> None:
    cases = {c.key: c for c in shipped_cases()}
    assert cases["esbjerg-faktura"].points == ((12, 20), (24, 30), (36, 40), (48, 50))
    assert cases["rudersdal-rpa"].points[-1] == (6, 38)
    assert cases["nordfyns-koersel"].points[-1] == (6, 99)
    assert cases["rksk-sygedagpenge"].points[0] == (0, 700)
    assert cases["horsens-restancer"].points == ((0, 1_411_741), (1, 940_325))
    assert all(c.source and "seed 00" in c.source for c in cases.values())
    assert cases["rudersdal-rpa"].label.startswith("Rudersdal Kommune (KL")


@pytest.mark.parametrize("body,code,line,column", [
    ("x;X;T;pct;higher;abc;1;s\n", "error.reference_months", 2, "months_since_start"),
    ("x;X;T;pct;higher;300;1;s\n", "error.reference_months", 2, "months_since_start"),
    ("x;X;T;liter;higher;1;1;s\n", "error.reference_unit", 2, "unit"),
    ("x;X;T;pct;up;1;1;s\n", "error.reference_direction", 2, "direction"),
    ("x;X;T;pct;higher;1;mange;s\n", "error.reference_value", 2, "value"),
    ("x;X;T;pct;higher;1;1;s\nx;Y;T;pct;higher;2;1;s\n", "error.reference_inconsistent", 3,
     "case"),
    ("x;X;T;pct;higher;1;1;s\nx;X;T;pct;higher;1;2;s\n", "error.reference_duplicate", 3,
     "months_since_start"),
    ("Ab C;X;T;pct;higher;1;1;s\n", "error.reference_key", 2, "case"),
    (";X;T;pct;higher;1;1;s\n", "error.reference_missing", 2, "case"),
    ("x;X;" + "T" * 301 + ";pct;higher;1;1;s\n", "error.reference_too_long", 2, "title"),
])
def test_a_bad_csv_is_refused_naming_the_row_and_column(body: str, code: str, line: int,
                                                        column: str) -> None:
    with pytest.raises(ReferenceRowsError) as refused:
        parse_cases(HEADER + body)
    assert [r.code for r in refused.value.rows] == [code]
    assert refused.value.message("da").startswith(f"Række {line}, kolonne »{column}«:")
    with pytest.raises(ValidationError) as no_columns:
        parse_cases("case,value\nx,1\n")
    assert "municipality" in no_columns.value.message("da")


def test_every_bad_row_is_named_and_the_whole_file_refused(engine: Engine) -> None:
    text = HEADER + "ok-case;X;T;pct;higher;0;1;s\n" \
        "ok-case;X;T;pct;higher;6;abc;s\n" \
        "ok-case;X;T;pct;sideways;12;3;s\n"
    with pytest.raises(ReferenceRowsError) as refused:
        import_reference_cases(engine, text, SYSTEM)
    message = refused.value.message("da")
    assert message.splitlines() == [
        "Filen er afvist, intet er importeret: 2 rækker har fejl.",
        "- Række 3, kolonne »value«: »abc« er ikke et tal (skriv fx 38,5).",
        "- Række 4, kolonne »direction«: retningen skal være higher eller lower, ikke "
        "»sideways«."]
    assert "ok-case" not in list_reference_cases(engine)  # the good row neither


def test_a_csv_as_excel_writes_it_is_read() -> None:
    """Semicolons, decimal commas and a UTF-8 BOM (Excel's "CSV UTF-8"); Danish Excel's
    plain CSV is Windows-1252; a workbook is not a CSV."""
    body = HEADER + "aarhus-post;Aarhus Kommune;Digital Post;pct;higher;6;72,5;KL 2024\n"
    for data in (b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode("utf-8"),
                 body.replace("Aarhus", "Århus").encode("cp1252")):
        [case] = parse_cases(decode_csv(data))
        assert case.points == ((6, 72.5),) and case.source == "KL 2024"
    assert decode_csv(body.replace("Aarhus", "Århus").encode("cp1252")).count("Århus") == 1
    with pytest.raises(ValidationError) as workbook:
        decode_csv(b"PK\x03\x04 a zip")
    assert workbook.value.code == "error.reference_not_text"


def test_a_plans_facilitator_imports_from_the_plan_a_member_cannot(demo_engine: Engine
                                                                  ) -> None:
    from tests.support.accounts import plan_person

    ksd = next(p.id for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    text = HEADER + "vejle-x;Vejle Kommune;T;pct;higher;0;5;s\n"
    people = {role: plan_person(demo_engine, ksd, f"Test {role}", role)
              for role in ("facilitator", "member")}
    facilitator, member = (Actor(name=u.name, user_id=u.id, email=u.email)
                           for u in people.values())
    assert import_reference_cases(demo_engine, text, facilitator, plan_id=ksd) == ["vejle-x"]
    with pytest.raises(PermissionDenied):
        import_reference_cases(demo_engine, text, member, plan_id=ksd)
    with pytest.raises(PermissionDenied):  # without a plan: administrators only
        import_reference_cases(demo_engine, text, facilitator)
    with Session(demo_engine) as s:
        trail = s.exec(select(AuditRecord).where(
            AuditRecord.entity == "reference_case")).all()
    assert trail and trail[0].actor == facilitator.name


def test_import_adds_cases_and_replaces_only_imported_ones(engine: Engine) -> None:
    text = HEADER + "thisted-flex;Thisted Kommune;Flexløn;pct;higher;0;0;KL\n" \
        "thisted-flex;Thisted Kommune;Flexløn;pct;higher;6;55,5;KL\n"
    assert import_reference_cases(engine, text, SYSTEM) == ["thisted-flex"]
    assert list_reference_cases(engine)["thisted-flex"].points == ((0, 0), (6, 55.5))
    import_reference_cases(engine, text.replace("55,5", "60"), SYSTEM)
    assert list_reference_cases(engine)["thisted-flex"].points[-1] == (6, 60)
    with pytest.raises(ValidationError) as shipped:
        import_reference_cases(engine, HEADER + "rudersdal-rpa;R;T;pct;higher;0;1;s\n", SYSTEM)
    assert shipped.value.code == "error.reference_shipped"
    with pytest.raises(PermissionDenied):
        import_reference_cases(engine, text, None)


def test_the_demo_links_and_a_facilitator_changes_a_link(demo_engine: Engine) -> None:
    plans = {p.name: p.id for p in list_plans(demo_engine)}
    ksd = plans["KSD – sygedagpenge"]
    refs = plan_references(demo_engine, ksd)
    inds = {i.name: i for i in list_indicators(demo_engine, ksd)}
    share = inds["Andel ansøgninger via selvbetjening"]
    assert {k: c.key for k, c in refs.items()} == {share.id: "nordfyns-koersel"}
    rpa = plan_references(demo_engine, plans["Fakturaautomatisering (RPA)"])
    assert [c.key for c in rpa.values()] == ["rudersdal-rpa"]
    # A case in another unit cannot be drawn on the same axis.
    with pytest.raises(ValidationError) as unit:
        link_reference_case(demo_engine, inds["Sagsbehandlingstid (dage)"].id,
                            "rksk-sygedagpenge", SYSTEM)
    assert unit.value.code == "error.reference_unit_mismatch"
    with pytest.raises(ValidationError):
        link_reference_case(demo_engine, share.id, "findes-ikke", SYSTEM)
    with pytest.raises(PermissionDenied):
        link_reference_case(demo_engine, share.id, "rudersdal-rpa",
                            Actor(name="Ukendt", user_id=None))
    link_reference_case(demo_engine, share.id, "rudersdal-rpa", SYSTEM)
    assert plan_references(demo_engine, ksd)[share.id].key == "rudersdal-rpa"
    link_reference_case(demo_engine, share.id, None, SYSTEM)
    assert plan_references(demo_engine, ksd) == {}
    with Session(demo_engine) as s:
        trail = s.exec(select(AuditRecord).where(
            AuditRecord.entity == "indicator_reference",
            AuditRecord.entity_id == str(share.id)).order_by(AuditRecord.id)).all()
    assert [a.action for a in trail] == ["create", "update", "update"]


def test_the_chart_draws_the_case_aligned_on_months_since_start(demo_engine: Engine) -> None:
    from dashboard.charts.goal import goal_chart, reference_frame
    from tracking.readmodel.goal import plan_series

    ksd = next(p.id for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    share = list_indicators(demo_engine, ksd)[0]
    case = plan_references(demo_engine, ksd)[share.id]
    frame = reference_frame(case, share.target_start_month, "da")
    # Month 0 is the indicator's first target month (Jan 2025), month 6 is July 2025.
    assert share.target_start_month == date(2025, 1, 1)
    assert [m.date() for m in frame["month"]] == [date(2025, 1, 1), date(2025, 7, 1)]
    assert list(frame["value_label"]) == ["0,0 %", "99,0 %"]
    series = plan_series(demo_engine, ksd)
    spec = goal_chart(series[series["indicator_id"] == share.id], share, "da", TODAY,
                      reference=case).to_dict()
    text = str(spec)
    assert "Reference: Nordfyns Kommune" in text and "#31a354" in text
    thin = [layer for layer in spec["layer"] if isinstance(layer.get("mark"), dict)
            and layer["mark"].get("strokeWidth") == 1.5]
    assert len(thin) == 1


def test_cli_lists_and_imports(tmp_path: Path, duckdb_file_url: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    from tracking.cli import main

    assert main(["--database", duckdb_file_url, "reference-cases", "list"]) == 0
    assert "horsens-restancer: Horsens Kommune" in capsys.readouterr().out
    good = tmp_path / "cases.csv"
    good.write_text(HEADER + "thisted-flex;Thisted Kommune;Flexløn;pct;higher;6;55;KL\n",
                    encoding="utf-8")
    assert main(["--database", duckdb_file_url, "reference-cases", "import", str(good)]) == 0
    assert "1 referencecase importeret: thisted-flex." in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "x;X;T;pct;higher;abc;1;s\n", encoding="utf-8")
    assert main(["--database", duckdb_file_url, "reference-cases", "import", str(bad)]) == 2
    assert "Række 2, kolonne »months_since_start«: måneder efter start" in \
        capsys.readouterr().err
