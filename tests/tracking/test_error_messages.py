"""Every refusal is worded by one function (tracking.errors.render_message): a figure's
month, a deadline's day, a moment in Danish time, a status, a percentage, an amount and
a phrase from the catalogue, each in the reader's language."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracking.board_rules import BoardError, StaleError
from tracking.business_case import BusinessCaseError, Task, cost_per_hour, efficiency_potential
from tracking.errors import GevinstError, ValidationError, render_message
from tracking.models.board import ActionStatus
from tracking.services.users import AccountStale


def test_a_figure_month_and_a_deadline_day_are_shown_differently() -> None:
    month = ValidationError("error.month_in_future", "month", month=date(2026, 10, 1))
    assert "okt. 2026" in month.message("da")
    board = BoardError("error.deadline_before_decided", "deadline",
                       deadline=date(2026, 11, 2), decided=date(2026, 11, 20))
    assert board.message("da") == \
        "Fristen 02.11.2026 ligger før handlingen blev besluttet (20.11.2026)."
    assert board.message("en") == \
        "The deadline 2 Nov 2026 is before the action was decided (20 Nov 2026)."


def test_statuses_are_named_in_the_readers_language() -> None:
    error = BoardError("error.action_skip", "status", current=ActionStatus.DECIDED,
                       target=ActionStatus.FINISHED)
    assert "»Besluttet«" in error.message("da") and "»Afsluttet«" in error.message("da")
    assert "“Decided”" in error.message("en")


def test_a_stale_account_names_the_account_and_the_time_in_danish_time() -> None:
    # 23:30 UTC on 23 Nov is 00:30 on 24 Nov in Copenhagen, whatever the server's zone
    error = AccountStale("error.stale_record", "version", current=None, name="Bo Holm",
                         by="Ane", at=datetime(2026, 11, 23, 23, 30, tzinfo=UTC))
    assert error.message("da").startswith(
        "Kontoen »Bo Holm« er ændret af Ane 24.11.2026 kl. 00:30")
    assert error.message("en").startswith("The account “Bo Holm” was changed by Ane")
    assert isinstance(error, StaleError)


def test_business_case_refusals_come_from_the_catalogue() -> None:
    with pytest.raises(BusinessCaseError) as below:
        cost_per_hour(-30_000)
    assert below.value.message("da") == \
        "Månedslønnen må ikke være under 0, men er -30.000 kr."
    assert below.value.message("en") == \
        "The monthly salary cannot be below 0, but is -30,000 kr."
    assert below.value.code.startswith("bc.err.")
    with pytest.raises(BusinessCaseError) as shares:
        efficiency_potential([Task("a", 0.6, 0.5), Task("b", 0.445, 0.5)])
    # 104,5 % rounds half away from zero, to one decimal: no banker's rounding
    assert shares.value.message("da") == \
        "Opgavernes andele summer til 104,5 %, men kan højst være 100 %."
    assert isinstance(shares.value, ValidationError)


@pytest.mark.parametrize("error", [
    ValidationError("error.not_a_number", "value", text="x"),
    BoardError("error.deadline_required", "deadline"),
    AccountStale("error.stale_record", "version", name="Bo", by="Ane", at="nu"),
    BusinessCaseError("fte", "bc.err.no_tasks"),
])
def test_one_rendering_path(error: GevinstError) -> None:
    for lang in ("da", "en"):
        assert error.message(lang) == render_message(error, lang)
        assert not error.message(lang).startswith(("error.", "bc."))  # never a bare key
    assert type(error).message is GevinstError.message  # no subclass words its own text
