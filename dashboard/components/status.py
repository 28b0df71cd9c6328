"""The status of an indicator, shown by symbol and words (never by colour alone)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.i18n import lang, t
from tracking.formatting import format_date, format_month, format_percent, format_value
from tracking.models import Indicator
from tracking.readmodel.goal import LatestStatus
from tracking.rules import Status

# Streamlit's bundled Material icons: they render on any screen, emoji fonts or not.
SYMBOLS = {
    Status.ON_TRACK: ":material/check_circle:",
    Status.AT_RISK: ":material/warning:",
    Status.OFF_TRACK: ":material/arrow_downward:",
    Status.MISSING: ":material/help:",
    Status.NOT_STARTED: ":material/schedule:",
    Status.AWAITING: ":material/hourglass_empty:",
}
BOX = {
    Status.ON_TRACK: st.success,
    Status.AT_RISK: st.warning,
    Status.OFF_TRACK: st.error,
    Status.MISSING: st.info,
    Status.NOT_STARTED: st.info,
    Status.AWAITING: st.info,
}


def status_label(status: Status) -> str:
    return f"{SYMBOLS[status]} {t(f'status.{status.value}')}"


def status_panel(ind: Indicator, latest: LatestStatus | None) -> None:
    """Latest status beside a chart: the word, then the month's figures."""
    status = latest.status if latest else Status.NOT_STARTED
    BOX[status](f"**{status_label(status)}**")
    if latest is None or latest.month is None:
        return
    lg = lang()
    lines = [
        f"{t('ui.latest_month')}: **{format_month(latest.month, lg)}**",
        f"{t('ui.actual')}: **{format_value(latest.actual, ind.unit, lg)}**",
        f"{t('ui.target')}: **{format_value(latest.target, ind.unit, lg)}**",
    ]
    if latest.attainment is not None:
        lines.append(f"{t('ui.attainment')}: **{format_percent(latest.attainment, lg)}**")
    if latest.missing_months:
        lines.append(t("ui.missing_months", count=latest.missing_months))
    if latest.awaiting_month is not None:
        lines.append(f"{SYMBOLS[Status.AWAITING]} " + t(
            "report.awaiting_until", month=format_month(latest.awaiting_month, lg),
            deadline=format_date(latest.awaiting_due, lg)))
    st.markdown("  \n".join(lines))
