"""/api/v1 against the real server: `gevinst serve` (uvicorn) on loopback, once on a
DuckDB file and once on PostgreSQL, called with httpx.

One server per engine for the module; each test writes its own months and indicators,
so the tests do not depend on each other's order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from tests.conftest import TODAY
from tests.support.accounts import TEST_ACTOR, ensure_account, ensure_admin
from tests.support.app_server import AppServer
from tests.support.postgres import PostgresCluster, unique_db_name
from tracking.config import duckdb_url
from tracking.db import dispose_engine, get_engine, init_schema
from tracking.demo import load_demo
from tracking.models import ApiToken, AuditRecord, Measurement
from tracking.services.api_tokens import create_token, revoke_token
from tracking.services.users import deactivate_user, set_membership

RATE = 40  # calls a minute per token in this module's server


@dataclass
class Api:
    server: AppServer
    db_url: str
    tokens: dict[str, str] = field(default_factory=dict)
    plans: dict[str, int] = field(default_factory=dict)

    def client(self, who: str = "admin", lang: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        if lang:
            headers["Accept-Language"] = lang
        return httpx.Client(base_url=f"{self.server.url}/api/v1", headers=headers,
                            timeout=30)


def _prepare(engine: Engine) -> tuple[dict[str, str], dict[str, int]]:
    init_schema(engine)
    plans = load_demo(engine)
    ksd, rpa = plans[0].id, plans[1].id
    admin = ensure_admin(engine)
    viewer = ensure_account(engine, "viewer@test.example", "Vera Viewer")
    set_membership(engine, ksd, viewer.id, "viewer", actor=TEST_ACTOR)
    gone = ensure_account(engine, "gone@test.example", "Gustav Gone")
    tokens = {}
    for name, user, kwargs in [
        ("admin", admin, {}), ("burst", admin, {}), ("retry", admin, {}),
        ("reader", admin, {"read_only": True}), ("ksd_only", admin, {"plan_ids": [ksd]}),
        ("viewer", viewer, {}), ("revoked", admin, {}), ("gone", gone, {}),
    ]:
        row, tokens[name] = create_token(engine, user.id, actor=TEST_ACTOR, label=name,
                                         **kwargs)
        if name == "revoked":
            revoke_token(engine, row.id, actor=TEST_ACTOR)
    deactivate_user(engine, gone.id, actor=TEST_ACTOR)
    return tokens, {"ksd": ksd, "rpa": rpa}


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[Api]:
    tmp: Path = tmp_path_factory.mktemp("api")
    cluster: PostgresCluster | None = None
    if request.param == "duckdb":
        url = duckdb_url(tmp / "api.duckdb")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        name = unique_db_name()
        url = cluster.create_database(name)
    tokens, plans = _prepare(get_engine(url))
    dispose_engine(url)  # the server holds a DuckDB file alone
    server = AppServer(serve=True, log_path=tmp / "serve.log", env={
        "DATABASE_URL": url, "GEVINST_TODAY": TODAY.isoformat(),
        "GEVINST_API_RATE_PER_MINUTE": str(RATE)})
    with server:
        yield Api(server, url, tokens, plans)
    if cluster is not None:
        dispose_engine(url)
        cluster.drop_database(name)


def _indicators(api: Api, plan: str) -> list[dict]:
    with api.client() as c:
        reply = c.get(f"/plans/{api.plans[plan]}/indicators")
    assert reply.status_code == 200, reply.text
    return reply.json()


def _figure(api: Api, indicator_id: int, month: str) -> dict | None:
    for ind in _indicators(api, "ksd") + _indicators(api, "rpa"):
        if ind["id"] == indicator_id:
            return next((m for m in ind["months"] if m["month"] == month), None)
    return None


# -- reading ---------------------------------------------------------------------------

def test_plans_and_the_dashboard_are_served_by_one_process(api: Api) -> None:
    with api.client() as c:
        plans = c.get("/plans").json()
    assert [p["name"] for p in plans] == ["KSD – sygedagpenge", "Fakturaautomatisering (RPA)"]
    assert plans[0]["start_month"] == "2025-01" and plans[0]["archived"] is False
    # The same port serves the Streamlit page and its health check.
    assert httpx.get(f"{api.server.url}/_stcore/health").text == "ok"
    assert "<title>" in httpx.get(api.server.url).text


def test_indicators_carry_targets_and_figures(api: Api) -> None:
    inds = _indicators(api, "ksd")
    first = inds[0]
    assert first["name"] == "Andel ansøgninger via selvbetjening"
    assert first["unit"] == "pct" and first["target_value"] == 85.0
    october = next(m for m in first["months"] if m["month"] == "2026-10")
    assert october["actual"] == 80.5 and october["target"] == 85.0
    assert october["status"] == "at_risk"  # 80.5 / 85 = 0.947 < 0.95
    # Every month of the plan is listed, January 2025 to December 2027.
    assert first["months"][0]["month"] == "2025-01"
    assert len(first["months"]) == 36


def test_statuses_actions_and_overview(api: Api) -> None:
    ksd = api.plans["ksd"]
    with api.client() as c:
        statuses = c.get(f"/plans/{ksd}/statuses").json()
        actions = c.get(f"/plans/{ksd}/actions").json()
        overview = c.get("/overview").json()
    assert {s["status"] for s in statuses} <= {"on_track", "at_risk", "off_track", "missing",
                                                "not_started"}
    assert statuses[0]["month"] == "2026-10" and statuses[0]["actual"] == 80.5
    assert actions and all(a["plan_id"] == ksd for a in actions)
    assert {a["status"] for a in actions} <= {"decided", "started", "finished", "evaluated"}
    assert overview["on"] == TODAY.isoformat() and overview["closed_month"] == "2026-10"
    assert {p["plan_id"] for p in overview["plans"]} == set(api.plans.values())
    with api.client() as c:
        one = c.get(f"/plans/{ksd}").json()
    assert (one["id"], one["name"], one["end_month"]) == (ksd, "KSD – sygedagpenge", "2027-12")


def test_a_token_limited_to_a_plan_sees_only_that_plan(api: Api) -> None:
    with api.client("ksd_only", lang="en") as c:
        assert [p["id"] for p in c.get("/plans").json()] == [api.plans["ksd"]]
        assert [p["plan_id"] for p in c.get("/overview").json()["plans"]] == [api.plans["ksd"]]
        refused = c.get(f"/plans/{api.plans['rpa']}/indicators")
    assert refused.status_code == 403
    assert refused.json()["error"] == {
        "code": "error.api_plan_not_allowed", "field": None,
        "message": 'The API token does not cover the plan "Fakturaautomatisering (RPA)" '
                   f"(id {api.plans['rpa']})."}


def test_unknown_plan_and_address_are_404(api: Api) -> None:
    with api.client() as c:
        plan = c.get("/plans/9999/statuses")
        nowhere = c.get("/nothing-here")
    assert plan.status_code == 404
    assert plan.json()["error"]["message"] == "Planen findes ikke (id 9999)."
    assert nowhere.status_code == 404
    assert nowhere.json()["error"]["code"] == "error.api_not_found"


# -- refused tokens --------------------------------------------------------------------

@pytest.mark.parametrize("who, lang, message", [
    ("", None, "Der mangler en API-nøgle. Send den som »Authorization: Bearer NØGLE«."),
    ("revoked", "en", "The API token is unknown or revoked, or its account is deactivated. "
                      "Ask an administrator for a new token."),
    ("gone", "da-DK,da;q=0.9", "API-nøglen er ukendt, tilbagekaldt, eller kontoen er "
                               "deaktiveret. Bed en administrator om en ny nøgle."),
])
def test_missing_revoked_and_deactivated_tokens_are_401(api: Api, who: str, lang: str | None,
                                                         message: str) -> None:
    with api.client(who, lang=lang) as c:
        reply = c.get("/plans")
    assert reply.status_code == 401
    assert reply.headers["www-authenticate"] == "Bearer"
    assert reply.json()["error"]["message"] == message


def test_a_made_up_token_and_a_basic_header_are_401(api: Api) -> None:
    for header in ("Bearer gvt_made-up", "Basic YWRtaW46YWRtaW4=", "Bearer x"):
        reply = httpx.get(f"{api.server.url}/api/v1/plans", headers={"Authorization": header})
        assert reply.status_code == 401, header
        assert reply.json()["error"]["code"].startswith("error.api_token_")


def test_the_rate_limit_is_per_token(api: Api) -> None:
    with api.client("burst", lang="en") as c:
        codes = [c.get("/plans").status_code for _ in range(RATE)]
        over = c.get("/plans")
    assert codes == [200] * RATE
    assert over.status_code == 429
    assert 1 <= int(over.headers["retry-after"]) <= 60
    assert over.json()["error"]["message"].startswith("Too many calls with this API token.")
    with api.client("admin") as c:  # another token is not held up
        assert c.get("/plans").status_code == 200


# -- writing ---------------------------------------------------------------------------

def test_a_batch_is_saved_and_read_back(api: Api) -> None:
    body = {"figures": [
        {"indicator_id": 1, "month": "2026-11", "value": 81.5, "comment": "fra KSD"},
        {"indicator_id": 2, "month": "2026-10", "value": "19,5"},  # the demo's gap
        {"indicator_id": 3, "month": "2026-10", "value": 2.9},  # as stored: unchanged
    ]}
    with api.client() as c:
        reply = c.post("/figures", json=body)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {
        "created": [
            {"indicator_id": 1, "month": "2026-11", "value": 81.5, "previous_value": None},
            {"indicator_id": 2, "month": "2026-10", "value": 19.5, "previous_value": None}],
        "corrected": [],
        "unchanged": [
            {"indicator_id": 3, "month": "2026-10", "value": 2.9, "previous_value": None}],
    }
    november = _figure(api, 1, "2026-11")
    assert november is not None
    assert (november["actual"], november["comment"]) == (81.5, "fra KSD")
    assert november["entered_by"] == "Test Administrator via API"
    with api.client() as c:
        corrected = c.post("/figures", json={"figures": [
            {"indicator_id": 1, "month": "2026-11", "value": 82}]}).json()
    assert corrected["corrected"] == [
        {"indicator_id": 1, "month": "2026-11", "value": 82.0, "previous_value": 81.5}]


def test_one_bad_figure_writes_nothing_and_every_refusal_is_named(api: Api) -> None:
    body = {"figures": [
        {"indicator_id": 4, "month": "2026-11", "value": 10},  # fine on its own
        {"indicator_id": 4, "month": "2026-13", "value": 10},
        {"indicator_id": 5, "month": "2027-01", "value": 10},
        {"indicator_id": 5, "month": "2026-09", "value": "mange"},
        {"indicator_id": 9999, "month": "2026-09", "value": 1},
    ]}
    with api.client(lang="en") as c:
        reply = c.post("/figures", json=body)
    assert reply.status_code == 422
    error = reply.json()["error"]
    assert error["message"] == ("4 figures were refused; nothing was saved. Correct them "
                                "and save again.")
    assert [(f["index"], f["field"], f["code"]) for f in error["figures"]] == [
        (1, "month", "error.import_bad_month"), (2, "month", "error.month_in_future"),
        (3, "value", "error.not_a_number"), (4, "indicator_id", "error.indicator_not_found")]
    assert error["figures"][1]["message"] == ("Jan 2027 is in the future; figures can be "
                                              "entered once the month has begun.")
    assert _figure(api, 4, "2026-11")["actual"] is None  # the good one was not saved


def test_a_retry_with_the_same_key_saves_nothing_twice(api: Api) -> None:
    body = {"figures": [{"indicator_id": 4, "month": "2026-11", "value": 12}]}
    headers = {"Idempotency-Key": "opus-2026-11-batch-1"}
    with api.client("retry") as c:
        first = c.post("/figures", json=body, headers=headers)
        again = c.post("/figures", json=body, headers=headers)
        other = c.post("/figures", json={"figures": [
            {"indicator_id": 4, "month": "2026-11", "value": 13}]}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json()["created"][0]["value"] == 12.0
    assert again.json() == first.json()  # the first reply, not "unchanged"
    assert again.headers["idempotent-replayed"] == "true"
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "error.idempotency_conflict"
    assert _figure(api, 4, "2026-11")["actual"] == 12.0


def test_parallel_retries_with_one_key_all_get_the_first_reply(api: Api) -> None:
    body = {"figures": [{"indicator_id": 5, "month": "2026-10", "value": 950000}]}
    headers = {"Idempotency-Key": "robot-parallel-1"}

    def post(_: int) -> httpx.Response:
        with api.client("retry") as c:
            return c.post("/figures", json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(post, range(4)))
    assert {r.status_code for r in replies} == {200}
    bodies = [r.json() for r in replies]
    assert all(b == bodies[0] for b in bodies)
    assert len(bodies[0]["created"]) + len(bodies[0]["corrected"]) == 1  # never "unchanged"
    assert _figure(api, 5, "2026-10")["actual"] == 950000.0


def test_read_only_token_and_a_viewer_cannot_write(api: Api) -> None:
    body = {"figures": [{"indicator_id": 5, "month": "2026-11", "value": 1}]}
    with api.client("reader") as c:
        reader = c.post("/figures", json=body)
    with api.client("viewer") as c:
        viewer = c.post("/figures", json={"figures": [
            {"indicator_id": 1, "month": "2026-11", "value": 1}]})
    with api.client("ksd_only") as c:
        outside = c.post("/figures", json=body)  # plan 2's indicator
    assert reader.status_code == 403
    assert reader.json()["error"]["message"] == "API-nøglen må kun læse; den kan ikke gemme tal."
    assert viewer.status_code == 403
    assert viewer.json()["error"]["code"] == "error.needs_enter_figures"
    assert outside.status_code == 403
    assert outside.json()["error"]["code"] == "error.api_plan_not_allowed"
    assert _figure(api, 5, "2026-11")["actual"] is None


def test_malformed_bodies_are_422_with_the_field(api: Api) -> None:
    with api.client() as c:
        no_json = c.post("/figures", content=b"{not json",
                         headers={"Content-Type": "application/json"})
        wrong = c.post("/figures", json={"figures": [{"indicator_id": "x", "month": "2026-10",
                                                      "value": 1}]})
        empty = c.post("/figures", json={"figures": []})
    assert no_json.status_code == wrong.status_code == empty.status_code == 422
    assert no_json.json()["error"]["code"] == "error.api_body_invalid"
    assert wrong.json()["error"]["field"] == "figures.0.indicator_id"
    assert wrong.json()["error"]["message"].startswith("Ugyldig værdi i figures.0.indicator_id")
    assert empty.json()["error"]["field"] == "figures"


def test_openapi_and_docs_are_served(api: Api) -> None:
    schema = httpx.get(f"{api.server.url}/api/v1/openapi.json").json()
    assert {"/plans", "/plans/{plan_id}/indicators", "/plans/{plan_id}/statuses",
            "/plans/{plan_id}/actions", "/overview", "/figures"} <= set(schema["paths"])
    assert schema["servers"] == [{"url": "/api/v1"}]
    docs = httpx.get(f"{api.server.url}/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/docs-static/swagger-ui-bundle.js" in docs.text
    assert httpx.get(f"{api.server.url}/api/v1/docs-static/swagger-ui-bundle.js"
                     ).status_code == 200


def test_writes_are_audited_as_the_account_via_the_api(api: Api) -> None:
    """Last in the module: stops the server to read its database (DuckDB has one
    process)."""
    with api.client() as c:
        assert c.post("/figures", json={"figures": [
            {"indicator_id": 3, "month": "2026-11", "value": 3.1}]}).status_code == 200
    api.server.stop()
    engine = get_engine(api.db_url)
    try:
        with Session(engine) as session:
            rows = [r for r in session.exec(select(AuditRecord).where(
                AuditRecord.entity == "measurement", AuditRecord.action == "create"))
                if json.loads(r.new_values)["indicator_id"] == 3
                and json.loads(r.new_values)["month"] == "2026-11-01"]
            figure = session.exec(select(Measurement).where(
                Measurement.indicator_id == 3)).all()
            token_rows = session.exec(select(ApiToken)).all()
            token_audit = session.exec(select(AuditRecord).where(
                AuditRecord.entity == "api_token")).all()
        assert len(rows) == 1
        assert rows[0].actor == "Test Administrator via API"
        assert rows[0].user_id is not None and rows[0].plan_id == api.plans["ksd"]
        assert json.loads(rows[0].new_values)["value"] == 3.1
        assert any(m.value == 3.1 for m in figure)
        # Tokens are stored hashed only, and never copied into the trail.
        assert all(t.token_hash != api.tokens[t.label] and len(t.token_hash) == 64
                   for t in token_rows)
        assert not any(api.tokens["admin"] in (r.new_values + r.old_values)
                       for r in token_audit)
        assert all("token_hash" not in r.new_values for r in token_audit)
        assert {r.action for r in token_audit} == {"create", "update"}  # made, revoked
    finally:
        dispose_engine(api.db_url)
