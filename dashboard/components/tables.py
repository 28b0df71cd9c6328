"""Numbers in a table written the reader's way (1.234,5), whatever the browser's locale.

`st.column_config.NumberColumn(format="localized")` follows the browser, so a Danish
reader on an English browser sees 1,234.5. A pandas Styler's display text is what
Streamlit shows instead, while the cell keeps its number, so a column still sorts as
numbers. Use both together:

    st.dataframe(number_style(df, ["amount"]), column_config={
        "amount": number_column("Beløb")})
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.components.i18n import lang
from tracking.formatting import format_number


def number_style(data: pd.DataFrame | Styler, columns: Iterable[str], decimals: int = 0,
                 lg: str | None = None) -> Styler:
    """`data` with `columns` shown through `tracking.formatting.format_number` (rounded
    half away from zero, '–' for a missing value); a Styler passes through, so colours
    set on it stay."""
    styler = data if isinstance(data, Styler) else data.style
    present = [c for c in columns if c in styler.data.columns]
    chosen = lg or lang()
    return styler.format(lambda v: format_number(None if pd.isna(v) else float(v),
                                                 decimals, chosen), subset=present)


def number_column(label: str, **kwargs: Any) -> Any:
    """A number column without a format of its own: the Styler's Danish text shows (a
    format given here would replace it with the browser's)."""
    kwargs.pop("format", None)
    return st.column_config.NumberColumn(label, **kwargs)
