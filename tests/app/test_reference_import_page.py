"""Import of reference cases on Mål (AppTest, real DuckDB file): a CSV as Danish Excel
writes it (semicolons, decimal comma, UTF-8 BOM) is imported and can be linked at once;
a file with bad rows is refused whole, each bad row named by row and column; a member
of the plan sees no upload."""

from __future__ import annotations

from tests.app.test_goal_pages import APP, demo, run_app, texts  # noqa: F401 (fixture)
from tests.support.accounts import ensure_account, plan_person, signed_in_app
from tracking.services.reference_cases import list_reference_cases

HEADER = "case;municipality;title;unit;direction;months_since_start;value;source\r\n"
EXCEL = ("\ufeff" + HEADER
         + "vejle-selvbetjening;Vejle Kommune;Selvbetjening;pct;higher;0;31,5;KL 2024\r\n"
         + "vejle-selvbetjening;Vejle Kommune;Selvbetjening;pct;higher;12;78,25;KL 2024\r\n"
         ).encode("utf-8")
BAD = (HEADER + "vejle-x;Vejle Kommune;T;pct;higher;0;31,5;KL\r\n"
       + "vejle-x;Vejle Kommune;T;procent;higher;6;40;KL\r\n"
       + "vejle-x;Vejle Kommune;T;pct;higher;tolv;50;KL\r\n").encode("utf-8")


def _upload(at, plan_id: int, name: str, data: bytes):
    at.file_uploader(key=f"reference_import_{plan_id}").upload(name, data, "text/csv")
    at.run()
    at.button(key=f"reference_import_go_{plan_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_csv_from_excel_is_imported_and_offered_for_linking(demo):  # noqa: F811
    engine, ksd = demo
    at = _upload(run_app(query={"plan": str(ksd.id)}), ksd.id, "cases.csv", EXCEL)
    assert "1 referencecase importeret: vejle-selvbetjening." in texts(at)
    case = list_reference_cases(engine)["vejle-selvbetjening"]
    assert case.points == ((0, 31.5), (12, 78.25)) and case.municipality == "Vejle Kommune"
    share = at.selectbox(key=f"reference_{ksd.id}_1")  # a share: the new case fits it
    assert any("Vejle Kommune: Selvbetjening" in o for o in share.options)


def test_a_file_with_bad_rows_is_refused_whole_naming_row_and_column(demo):  # noqa: F811
    engine, ksd = demo
    at = _upload(run_app(query={"plan": str(ksd.id)}), ksd.id, "fejl.csv", BAD)
    shown = texts(at)
    assert "Filen er afvist, intet er importeret: 2 rækker har fejl." in shown
    assert "Række 3, kolonne »unit«: ukendt enhed »procent«" in shown
    assert "Række 4, kolonne »months_since_start«" in shown
    assert "vejle-x" not in list_reference_cases(engine)


def test_a_workbook_is_refused_with_a_message(demo):  # noqa: F811
    _, ksd = demo
    at = _upload(run_app(query={"plan": str(ksd.id)}), ksd.id, "cases.csv", b"PK\x03\x04xx")
    assert "Filen er ikke en CSV-fil i UTF-8" in texts(at)


def test_a_member_sees_no_upload(demo):  # noqa: F811
    engine, ksd = demo
    member = plan_person(engine, ksd.id, "Mona Medlem", "member")
    ensure_account(engine, member.email, member.name, "hemmeligt-kodeord-1")
    at = signed_in_app(APP, default_timeout=60, email=member.email,
                       password="hemmeligt-kodeord-1")
    at.query_params["plan"] = str(ksd.id)
    at.run()
    at.switch_page("pages/goal.py")  # a member starts on Mine opgaver
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("vega_lite_chart"), texts(at)
    assert not [u for u in at.file_uploader
                if u.key and u.key.startswith("reference_import")]
