"""Words, symbols and short money amounts shared by the overview page and its reports."""

from __future__ import annotations

from tracking.formatting import format_number
from tracking.i18n import translate

# Text symbols (not emoji, not icon fonts): they print in a PDF and a spreadsheet cell
# too. The same shapes as the goal chart's marks (◆ at risk, ▼ off track).
STATUS_GLYPHS = {
    "on_track": "✓",
    "at_risk": "◆",
    "off_track": "▼",
    "missing": "?",
    "not_started": "○",
    "no_indicators": "–",
    "overdue": "!",
}
# Background and text colours per status (green, orange, red, grey), as on the board.
STATUS_COLOURS = {
    "on_track": ("#dff3e4", "#1b5e20"),
    "at_risk": ("#fff1d6", "#8a4b00"),
    "off_track": ("#fde0e0", "#b71c1c"),
    "missing": ("#e8eef7", "#1f3b66"),
    "not_started": ("#f0f0f0", "#424242"),
    "no_indicators": ("#f0f0f0", "#424242"),
    "overdue": ("#fff1d6", "#8a4b00"),
}
# The arrow shows where the figure moved; its word (and colour on screen) whether that
# is better or worse for the indicator's direction.
MOVEMENT_GLYPHS = {"up": "↑", "down": "↓", "flat": "→"}
TRENDS = ("better", "worse", "flat")


def status_text(status: str, lang: str) -> str:
    """'▼ Bagud': symbol and word, never colour alone."""
    key = f"status.{status}" if status in ("on_track", "at_risk", "off_track", "missing",
                                           "not_started") else f"overview.status.{status}"
    return f"{STATUS_GLYPHS[status]} {translate(key, lang)}"


def trend_text(trend: str | None, movement: str | None, lang: str) -> str:
    """'↓ Bedre end måneden før' (a case time that fell); empty without a trend."""
    if trend not in TRENDS or movement not in MOVEMENT_GLYPHS:
        return ""
    return f"{MOVEMENT_GLYPHS[movement]} {translate(f'overview.trend.{trend}', lang)}"


def format_kr_short(value: float | None, lang: str = "da") -> str:
    """Money for a glance: 3_412_000 -> '3,4 mio. kr.', 845_300 -> '845.300 kr.'."""
    if value is None:
        return "–"
    if abs(value) >= 1_000_000:
        unit = "mio. kr." if lang == "da" else "m kr."
        return f"{format_number(value / 1_000_000, 1, lang)} {unit}"
    return f"{format_number(value, 0, lang)} kr."


def realised_of_planned(realised: float, planned: float, lang: str) -> str:
    """'realiseret 3,4 mio. kr. af planlagt 4,1 mio. kr.'"""
    return translate("overview.realised_of_planned", lang,
                     realised=format_kr_short(realised, lang),
                     planned=format_kr_short(planned, lang))


def harvest_text(row, lang: str) -> str:
    """'Hjemtaget: 270.600 kr. · besluttet: 541.200 kr. · råderum: 757.680 kr.'"""
    return translate("overview.harvest_line", lang,
                     harvested=format_kr_short(row["harvested"], lang),
                     decided=format_kr_short(row["harvest_decided"], lang),
                     leeway=format_kr_short(row["leeway"], lang))


def plan_display_status(plan_row) -> str:
    """The status a plan is shown with: its worst indicator, or "overdue" when that is
    the only thing that needs attention (see `ATTENTION_ORDER`)."""
    if plan_row["status"] in ("on_track", "not_started") and plan_row["overdue_actions"] > 0:
        return "overdue"
    return plan_row["status"]
