"""Counts agree with their nouns: "1 række", "2 rækker", never "række(r)"."""

from __future__ import annotations

import re
import string

import pytest

from tracking.i18n import CATALOGUES, translate

# A count followed by a word: the word must agree with it, so the entry needs both forms.
COUNTED_WORD = re.compile(r"\{count\}\s+[^\W\d_]", re.UNICODE)
EITHER_FORM = re.compile(r"\w\((er|r|e|s|en|et|ne)\)")
PLURAL_NOUNS = {"da": ("ideer", "handlinger", "rækker", "måneder", "indikatorer", "planer",
                       "ændringer", "overskredne"),
                "en": ("ideas", "actions", "rows", "months", "indicators", "plans", "changes",
                       "figures", "errors", "sheets")}
SINGULAR_NOUNS = {"da": ("ide", "handling", "række", "måned", "indikator", "plan", "ændring",
                         "overskreden"),
                  "en": ("idea", "action", "row", "month", "indicator", "plan", "change",
                         "figure", "error", "sheet")}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_counted_word_has_a_form_for_one_and_for_more(lang: str) -> None:
    catalogue = CATALOGUES[lang]
    lacking = [key for key, text in catalogue.items()
               if COUNTED_WORD.search(text) and not key.endswith((".one", ".other"))]
    assert lacking == []
    halves = [key for key in catalogue if key.endswith((".one", ".other"))
              and f"{key.rsplit('.', 1)[0]}.{'other' if key.endswith('.one') else 'one'}"
              not in catalogue]
    assert halves == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_message_leaves_the_plural_to_the_reader(lang: str) -> None:
    assert [k for k, text in CATALOGUES[lang].items() if EITHER_FORM.search(text)] == []


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("count", [0, 1, 2, 1000])
def test_the_form_agrees_with_the_count(lang: str, count: int) -> None:
    bases = {k.rsplit(".", 1)[0] for k in CATALOGUES[lang] if k.endswith(".one")}
    for base in sorted(bases):
        raw = CATALOGUES[lang][f"{base}.other"]
        names = {f for _, f, _, _ in string.Formatter().parse(raw) if f}
        text = translate(base, lang, **{**{n: "X" for n in names}, "count": count})
        shown = "1.000" if lang == "da" else "1,000"
        assert (shown if count == 1000 else str(count)) in text, base
        after = re.findall(r"\b(?:1\.000|1,000|\d+)\s+(\w+)", text)
        words = set(after)
        if count == 1:
            assert not words & set(PLURAL_NOUNS[lang]), (base, text)
        else:
            assert not words & set(SINGULAR_NOUNS[lang]), (base, text)
