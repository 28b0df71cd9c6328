"""The national portfolio on Oversigt: thousands of plans as groups a director can read.

Built from `Overview.plans` (the kept rows made those cheap), without another query:
- `portfolio_groups`: one row per municipality, department or area, with its plans
  counted by status and its economic sums, sorted by need: most plans off track first,
  then missing figures, at risk and overdue actions, then by name;
- `plans_of_group` and `search_plans`: the plans behind a row, or whose name matches,
  in the overview's order (attention first);
- `page_of`: one screenful of rows at a time.
"""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["GROUPS", "PAGE_SIZE", "PORTFOLIO_ABOVE", "STATUSES", "page_of",
           "plans_of_group", "portfolio_groups", "search_plans"]

GROUPS = ("municipality", "department", "area")
# Above this many plans Oversigt shows the portfolio; up to it every plan on one screen.
PORTFOLIO_ABOVE = 60
PAGE_SIZE = 20  # rows that fit one 1920×1080 screen with the page's header
STATUSES = ("off_track", "missing", "at_risk", "on_track")
SUMS = ("realised_ytd", "planned_ytd", "realised_to_date", "planned_total", "harvested",
        "leeway")


def portfolio_groups(plans: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per value of `by` (a group without one is ''): `plans`, plans per status
    (`off_track` ... `on_track`, `other` for no indicators or not started), `overdue`
    (plans with overdue actions), `money_plans` and the economic sums `SUMS`."""
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}")
    columns = ["group", "plans", *STATUSES, "other", "overdue", "money_plans", *SUMS]
    if plans.empty:
        return pd.DataFrame(columns=columns)
    frame = plans.assign(
        group=plans[by].fillna(""),
        **{s: (plans["status"] == s).astype("int64") for s in STATUSES},
        other=(~plans["status"].isin(STATUSES)).astype("int64"),
        overdue=(plans["overdue_actions"] > 0).astype("int64"),
        money_plans=(plans["money_indicators"] > 0).astype("int64"))
    grouped = frame.groupby("group", sort=False)
    out = grouped[[*STATUSES, "other", "overdue", "money_plans", *SUMS]].sum()
    out.insert(0, "plans", grouped.size())
    out = out.reset_index()
    out = out.sort_values(["off_track", "missing", "at_risk", "overdue", "group"],
                          ascending=[False, False, False, False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def plans_of_group(plans: pd.DataFrame, by: str, group: str) -> pd.DataFrame:
    """The plans of one group, in the overview's order."""
    return plans[plans[by].fillna("") == group]


def search_plans(plans: pd.DataFrame, query: str) -> pd.DataFrame:
    """Plans whose name contains `query` (case does not matter), in the overview's order."""
    words = query.strip().casefold()
    if not words:
        return plans
    return plans[plans["plan"].str.casefold().str.contains(words, regex=False)]


def page_of(frame: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> tuple[pd.DataFrame, int]:
    """Rows of page `page` (1-based, clamped to the pages there are), and the page count."""
    pages = max(1, math.ceil(len(frame) / size))
    page = min(max(page, 1), pages)
    return frame.iloc[(page - 1) * size:page * size], pages
