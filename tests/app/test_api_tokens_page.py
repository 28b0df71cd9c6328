"""Brugere → API-nøgler: an administrator makes a token (shown once, working), sees it
listed without its text, and revokes it. AppTest on the demo."""

from __future__ import annotations

import pytest

from tests.app.test_goal_pages import texts
from tests.support.accounts import signed_in_app
from tracking.config import REPO_ROOT
from tracking.demo import load_demo
from tracking.readmodel.api_tokens import list_tokens
from tracking.readmodel.users import find_user
from tracking.services.api_tokens import TokenRefused, authenticate

APP = str(REPO_ROOT / "dashboard" / "app.py")


def test_an_administrator_makes_and_revokes_a_token(app_env, duck_engine):
    load_demo(duck_engine)
    at = signed_in_app(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/users.py").run()
    assert "Ingen aktive API-nøgler." in texts(at)
    mette = find_user(duck_engine, "mette.sorensen@fjordby.example")
    at.selectbox(key="api_token_person").set_value(mette.id)
    at.text_input(key="api_token_label").input("KSD-robot")
    at.multiselect(key="api_token_plans").set_value([1])
    at.checkbox(key="api_token_read_only").check()
    at.button(key="FormSubmitter:api_token_create-Lav nøgle").click().run()
    assert not at.exception, [e.value for e in at.exception]
    token = at.code[0].value
    assert token.startswith("gvt_")
    assert "API-nøglen »KSD-robot« er lavet. Kopiér den nu; den vises ikke igen:" in texts(at)
    grant = authenticate(duck_engine, token)
    assert grant.actor.user_id == mette.id and grant.read_only and grant.plan_ids == {1}
    table = next(df.value for df in at.dataframe if "Adgang" in df.value.columns)
    assert table.iloc[0]["Konto"] == "mette.sorensen@fjordby.example"
    assert table.iloc[0]["Planer"] == "KSD – sygedagpenge"
    assert table.iloc[0]["Adgang"] == "Kun læse"
    assert token not in table.to_string()

    at.run()  # shown once: gone on the next run
    assert not at.code
    at.button(key="FormSubmitter:api_token_revoke-Tilbagekald").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert list_tokens(duck_engine) == []
    assert any("er tilbagekaldt" in s for s in [m.value for m in at.success])
    with pytest.raises(TokenRefused):
        authenticate(duck_engine, token)
