"""The minutes as a Word document: the file is a valid .docx (a zip of WordprocessingML
that parses) and holds the minutes' text, also text typed with XML's special signs and
control characters."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from xml.etree import ElementTree

from sqlalchemy import Engine

from tests.support.actors import SYSTEM, who
from tracking.minutes import minutes_sections, minutes_title
from tracking.minutes_docx import render_docx
from tracking.readmodel.plans import list_plans
from tracking.services.ideas import add_idea
from tracking.services.meetings import close_meeting, start_meeting

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = "Brug <b>&amp; \"citat\" ' æøå\nanden linje"


def _paragraphs(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                "word/styles.xml"} <= names
        for name in names:  # every part is well-formed XML
            ElementTree.fromstring(z.read(name))
        root = ElementTree.fromstring(z.read("word/document.xml"))
    return ["".join(node.text or ("\t" if node.tag == f"{W}tab" else "\n")
                    for node in p.iter() if node.tag in (f"{W}t", f"{W}tab", f"{W}br"))
            for p in root.iter(f"{W}p")]


def test_word_minutes_open_and_hold_the_minutes(demo_engine: Engine) -> None:
    plan_id = next(p.id for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    meeting = start_meeting(demo_engine, plan_id, ["Jonas Holm", "Sara Nielsen"], 20,
                            actor=SYSTEM)
    add_idea(demo_engine, plan_id, HOSTILE, actor=who("Jonas Holm"))
    minutes = close_meeting(demo_engine, meeting.id, actor=who("Jonas Holm"))
    for lang in ("da", "en"):
        docx = render_docx(minutes, lang)
        assert docx.startswith(b"PK")
        paragraphs = _paragraphs(docx)
        assert paragraphs[0] == minutes_title(minutes, lang)
        text = "\n".join(paragraphs)
        for heading, lines in minutes_sections(minutes, lang):
            assert not heading or heading in paragraphs
            for line in lines:  # every line, as typed
                assert line in text
        assert "Brug <b>&amp; \"citat\" ' æøå\nanden linje" in text
        assert "Jonas Holm, Sara Nielsen" in text
    # A control character (refused at input, but older data may hold one) is dropped,
    # not written into XML that Word would refuse to open.
    odd = replace(minutes, plan="KSD\x07 – sygedagpenge")
    assert _paragraphs(render_docx(odd))[0] == minutes_title(minutes)
