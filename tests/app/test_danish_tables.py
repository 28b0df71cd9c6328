"""Numbers in tables written the Danish way (1.234,5) by the Styler Streamlit shows, not
by the browser's locale: the shared helper (dashboard/components/tables.py) as a
component, and the Oversigt page's economy table on the demo."""

from __future__ import annotations

import io
import re

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.app.test_overview_page import open_overview
from tracking.demo import load_demo


def _shown(frame) -> list[list[str]]:
    """The text the browser shows in each cell (the Styler's display values)."""
    table = pa.ipc.open_stream(io.BytesIO(frame.proto.arrow_data.styler.display_values)).read_all()
    return table.to_pandas().astype(str).values.tolist()


def _numbers_table() -> None:
    import pandas as pd
    import streamlit as st

    from dashboard.components.tables import number_column, number_style

    df = pd.DataFrame({"name": ["a", "b", "c"], "amount": [1234567.5, -0.4, None],
                       "share": [12.25, 2.5, 1000.0]})
    styled = number_style(number_style(df, ["amount"]), ["share"], decimals=1)
    st.dataframe(styled, column_config={"amount": number_column("Beløb", format="localized"),
                                        "share": number_column("Andel")})


def test_number_style_writes_danish_numbers_and_keeps_them_numbers() -> None:
    at = AppTest.from_function(_numbers_table).run()
    assert not at.exception
    frame = at.dataframe[0]
    rows = _shown(frame)
    assert [r[1:] for r in rows] == [["1.234.568", "12,3"], ["0", "2,5"], ["–", "1.000,0"]]
    assert frame.value["amount"].dtype.kind == "f"  # still sorts as numbers
    assert "localized" not in frame.proto.columns  # number_column drops a format


def test_overview_economy_table_is_danish(app_env, duck_engine) -> None:
    load_demo(duck_engine)
    at = open_overview()
    economy = at.dataframe[-1]
    rows = _shown(economy)
    assert any(cell == "1.028.280" for row in rows for cell in row), rows
    assert not any(re.search(r"\d,\d{3}", cell) for row in rows for cell in row), rows
