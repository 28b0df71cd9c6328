"""The expected attainment at full effect, as the goal page and the board show it."""

from __future__ import annotations

import pandas as pd

from dashboard.components.i18n import t
from tracking.forecast import MIN_FIGURES
from tracking.formatting import format_month, format_percent, format_value


def forecast_help() -> str:
    return t("forecast.help", minimum=MIN_FIGURES)


def expected_text(row: pd.Series | None, unit: str, lang: str) -> str:
    """'Forventet målopfyldelse ved fuld effekt: 87 % (jun. 2026: 78,0 % mod måltal 85,0 %)'."""
    label = t("forecast.expected")
    if row is None or row["source"] is None or pd.isna(row["expected_value"]):
        return f"{label}: " + t("forecast.none", count=MIN_FIGURES)
    if pd.isna(row["expected_attainment"]):
        return f"{label}: " + t("forecast.no_target")
    key = "forecast.expected_actual" if row["source"] == "actual" else "forecast.expected_value"
    return f"{label}: **" + t(
        key, attainment=format_percent(row["expected_attainment"], lang),
        month=format_month(row["full_effect_month"], lang),
        value=format_value(row["expected_value"], unit, lang),
        target=format_value(row["target"], unit, lang)) + "**"
