"""The calculation behind each economic sum, in words a person can redo by hand.

Made from the rows of `Overview.economics` (`tracking.benefit` made the sums), so the text
and the numbers cannot disagree.
"""

from __future__ import annotations

import pandas as pd

from tracking.formatting import format_value
from tracking.i18n import translate
from tracking.models import Measure
from tracking.units import Unit

__all__ = ["calculation_lines"]


def _kr(value: float, lang: str) -> str:
    return format_value(value, Unit.KR, lang)


def _factor(row: pd.Series, lang: str) -> str:
    if row["unit"] == Unit.FTE:
        key = "calc.factor_fte_month" if row["measure"] == Measure.FLOW \
            else "calc.factor_fte_year"
        return " " + translate(key, lang, cost=_kr(row["cost_per_fte"], lang))
    if row["unit"] in (Unit.TKR, Unit.MIO):
        return " " + translate(f"calc.factor_{row['unit']}", lang)
    return " "


def _improvement(row: pd.Series, change: float, kr: float, lang: str) -> str:
    """'1,9 årsværk × 541.200 kr. pr. årsværk om året = 1.028.280 kr.', or just the kr."""
    if row["unit"] == Unit.KR:
        return _kr(kr, lang)
    amount = format_value(row["sign"] * change, row["unit"], lang)
    return f"{amount} {_factor(row, lang).strip()} = {_kr(kr, lang)}"


def calculation_line(row: pd.Series, lang: str = "da") -> str:
    """One indicator's sums as a sentence with its figures."""
    unit = row["unit"]
    name, unit_name = row["indicator"], translate(f"unit.{unit}", lang)
    if pd.isna(row["factor"]):
        return translate("calc.unconverted", lang, name=name)
    baseline = format_value(row["baseline"], unit, lang)
    if row["measure"] == Measure.FLOW:
        text = translate("calc.flow", lang, name=name, unit=unit_name,
                         months=int(row["months_ytd"]), baseline=baseline,
                         factor=_factor(row, lang).rstrip(),
                         value=_kr(row["realised_ytd"], lang))
    elif pd.isna(row["end_value"]):
        text = translate("calc.level_no_figure", lang, name=name, unit=unit_name)
    else:
        text = translate("calc.level", lang, name=name, unit=unit_name, baseline=baseline,
                         reference=format_value(row["reference_value"], unit, lang),
                         end=format_value(row["end_value"], unit, lang),
                         ytd=_improvement(row, row["end_value"] - row["reference_value"],
                                          row["realised_ytd"], lang),
                         to_date=_improvement(row, row["end_value"] - row["baseline"],
                                              row["realised_to_date"], lang))
    if not row["budget_effect"]:
        text += f" ({translate('calc.no_budget', lang)})"
    return text


def calculation_lines(economics: pd.DataFrame, lang: str = "da") -> list[str]:
    return [calculation_line(row, lang) for _, row in economics.iterrows()]
