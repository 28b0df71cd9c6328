"""Fetch the chart library while the sign-in form is on the screen.

Streamlit loads its chart component (Vega-Lite, about 900 kB of JavaScript) only when a
page first shows a chart, so right after sign-in the browser would fetch, parse and run
it before drawing the landing page's first chart (0.3–0.7 s on a 2-core machine). The
sign-in page imports the same modules while the person types, so the chart draws at
once. The chunks' names carry a content hash: they are found in Streamlit's own static
folder, and nothing is done if a later Streamlit names them otherwise.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import streamlit as st

# The chart element and the library it loads on first use (in that order of need).
_CHUNKS = ("ArrowVegaLiteChart", "embed", "vega-interpreter")


@cache
def _chunk_files() -> tuple[str, ...]:
    js = Path(st.__file__).parent / "static" / "static" / "js"
    found = []
    for name in _CHUNKS:
        matches = sorted(js.glob(f"{name}.*.js"))
        if len(matches) != 1:  # unknown layout: skip the preload rather than guess
            return ()
        found.append(matches[0].name)
    return tuple(found)


def preload_charts() -> None:
    """Import the chart modules in the page (the same URLs Streamlit imports later, so
    the browser's module map holds them ready). Draws nothing visible."""
    files = _chunk_files()
    if not files:
        return
    # Resolved against Streamlit's own entry script, as Streamlit's imports are.
    script = f"""<script>
(() => {{
  const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry) return;
  for (const file of {json.dumps(list(files))}) {{
    import(new URL(file, entry.src).href).catch(() => {{}});
  }}
}})();
</script>"""
    st.html(script, unsafe_allow_javascript=True)
