"""The minutes (referat) of a board meeting: what happened, frozen at closing.

`Minutes` holds plain values (names, texts, figures as they were), so it is stored as
JSON and rendered again in any language, as Markdown for the screen and a download, or
as a PDF (fpdf2, its built-in Helvetica: Danish letters are in its Latin-1 set).
Pure: no database, no Streamlit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any

from tracking.formatting import danish_time, format_date, format_month, format_value
from tracking.i18n import translate
from tracking.meeting_rules import AGENDA, format_clock, step_budgets


@dataclass(frozen=True)
class FigureSeen:
    """An indicator's latest closed month as the meeting saw it."""

    indicator: str
    unit: str
    month: str | None  # ISO date of the month, None before the plan starts
    target: float | None
    actual: float | None
    status: str


@dataclass(frozen=True)
class FigureEntered:
    indicator: str
    unit: str
    month: str
    value: float
    previous: float | None  # the value it corrected, None for a new figure
    by: str


@dataclass(frozen=True)
class IdeaNote:
    id: int
    text: str
    author: str = ""
    effect: int | None = None
    resources: int | None = None
    field: str | None = None  # green/yellow/orange/red
    state: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ActionNote:
    id: int
    title: str
    responsible: str
    deadline: str  # ISO date
    status: str
    from_status: str | None = None  # for a move
    by: str = ""
    idea_id: int | None = None


@dataclass(frozen=True)
class CommentNote:
    """A comment written during the meeting, with what it is on."""

    target: str  # idea, action, indicator, benefit
    about: str  # the idea's text, the action's title, the indicator's or benefit's name
    text: str
    author: str = ""


@dataclass(frozen=True)
class Minutes:
    meeting_id: int
    plan: str
    held_on: str  # ISO date
    started_at: str  # ISO datetime (UTC)
    closed_at: str
    length_minutes: int
    started_by: str
    closed_by: str
    attendees: list[str]
    step_seconds: list[int]
    figures_seen: list[FigureSeen] = field(default_factory=list)
    figures_entered: list[FigureEntered] = field(default_factory=list)
    ideas_added: list[IdeaNote] = field(default_factory=list)
    ideas_scored: list[IdeaNote] = field(default_factory=list)
    ideas_set_aside: list[IdeaNote] = field(default_factory=list)
    actions_created: list[ActionNote] = field(default_factory=list)
    actions_moved: list[ActionNote] = field(default_factory=list)
    actions_overdue: list[ActionNote] = field(default_factory=list)  # open, at closing
    comments: list[CommentNote] = field(default_factory=list)

    @property
    def nothing_happened(self) -> bool:
        return not (self.figures_entered or self.ideas_added or self.ideas_scored
                    or self.ideas_set_aside or self.actions_created or self.actions_moved)


_LISTS = {"figures_seen": FigureSeen, "figures_entered": FigureEntered,
          "ideas_added": IdeaNote, "ideas_scored": IdeaNote, "ideas_set_aside": IdeaNote,
          "actions_created": ActionNote, "actions_moved": ActionNote,
          "actions_overdue": ActionNote, "comments": CommentNote}


def to_json(minutes: Minutes) -> str:
    return json.dumps(asdict(minutes), ensure_ascii=False)


def from_json(text: str) -> Minutes:
    raw: dict[str, Any] = json.loads(text)
    known = {f.name for f in fields(Minutes)}
    values = {k: v for k, v in raw.items() if k in known}
    for name, cls in _LISTS.items():
        values[name] = [cls(**item) for item in raw.get(name, [])]
    return Minutes(**values)


# Rendering --------------------------------------------------------------------------------

def _local(iso: str) -> datetime:
    return danish_time(datetime.fromisoformat(iso))


def _month(iso: str | None, lang: str) -> str:
    return format_month(date.fromisoformat(iso), lang) if iso else "–"


def _day(iso: str, lang: str) -> str:
    return format_date(date.fromisoformat(iso), lang)


def _status(status: str | None, lang: str) -> str:
    return translate(f"action.status.{status}", lang) if status else ""


def minutes_sections(m: Minutes, lang: str = "da") -> list[tuple[str, list[str]]]:
    """The minutes as (heading, lines) in reading order; Markdown and PDF share it.

    The lines are plain text (user text is not Markdown-escaped here; the Markdown
    renderer escapes it)."""
    tr = lambda key, **p: translate(key, lang, **p)  # noqa: E731
    start, end = _local(m.started_at), _local(m.closed_at)
    minutes_used = max(0, round((end - start).total_seconds() / 60))
    head = [
        tr("minutes.when", date=_day(m.held_on, lang), start=f"{start:%H:%M}",
           end=f"{end:%H:%M}", used=minutes_used, length=m.length_minutes),
        tr("minutes.present", names=", ".join(m.attendees) if m.attendees
           else tr("minutes.nobody")),
        tr("minutes.led_by", started=m.started_by or "–", closed=m.closed_by or "–"),
    ]
    budgets = step_budgets(m.length_minutes)
    agenda = [tr("minutes.step_time", n=i + 1, step=tr(f"meeting.step.{s.value}"),
                 used=format_clock(_secs(m.step_seconds, i)), budget=format_clock(budgets[i]))
              for i, s in enumerate(AGENDA)]
    seen = [tr("minutes.figure_seen", indicator=f.indicator, month=_month(f.month, lang),
               actual=format_value(f.actual, f.unit, lang),
               target=format_value(f.target, f.unit, lang),
               status=tr(f"status.{f.status}")) for f in m.figures_seen]
    entered = [tr("minutes.figure_corrected" if f.previous is not None
                  else "minutes.figure_entered",
                  indicator=f.indicator, month=_month(f.month, lang),
                  value=format_value(f.value, f.unit, lang),
                  previous=format_value(f.previous, f.unit, lang), by=f.by or "–")
               for f in m.figures_entered]
    added = [tr("minutes.idea_added", id=i.id, text=i.text,
                author=i.author or "–") for i in m.ideas_added]
    scored = [tr("minutes.idea_scored", id=i.id, text=i.text, effect=i.effect or "–",
                 resources=i.resources or "–",
                 field=tr(f"quadrant.{i.field}") if i.field else tr("quadrant.none"))
              for i in m.ideas_scored]
    aside = [tr("minutes.idea_set_aside", id=i.id, text=i.text,
                state=tr(f"idea.state.{i.state}"), reason=i.reason) for i in m.ideas_set_aside]
    created = [tr("minutes.action_created", title=a.title, responsible=a.responsible,
                  deadline=_day(a.deadline, lang)) for a in m.actions_created]
    moved = [tr("minutes.action_moved", title=a.title, from_=_status(a.from_status, lang),
                to=_status(a.status, lang), by=a.by or "–") for a in m.actions_moved]
    overdue = [tr("minutes.action_overdue", title=a.title, responsible=a.responsible,
                  deadline=_day(a.deadline, lang), status=_status(a.status, lang))
               for a in m.actions_overdue]
    sections = [("", head), (tr("minutes.agenda"), agenda),
                (tr("minutes.figures_seen"), seen or [tr("minutes.none")]),
                (tr("minutes.figures_entered"), entered or [tr("minutes.none")]),
                (tr("minutes.ideas_added"), added or [tr("minutes.none")]),
                (tr("minutes.ideas_scored"), scored or [tr("minutes.none")])]
    if aside:
        sections.append((tr("minutes.ideas_set_aside"), aside))
    sections += [(tr("minutes.actions_created"), created or [tr("minutes.none")]),
                 (tr("minutes.actions_moved"), moved or [tr("minutes.none")]),
                 (tr("minutes.actions_overdue"), overdue or [tr("minutes.none_overdue")])]
    if m.comments:
        sections.append((tr("minutes.comments"), [
            tr("minutes.comment", target=tr(f"comment.target.{c.target}"), about=c.about,
               text=c.text, author=c.author or "–") for c in m.comments]))
    return sections


def _secs(values: list[int], i: int) -> timedelta:
    return timedelta(seconds=values[i] if i < len(values) else 0)


def minutes_title(m: Minutes, lang: str = "da") -> str:
    return translate("minutes.title", lang, plan=m.plan, date=_day(m.held_on, lang))


def _md(text: str) -> str:
    from re import sub
    return sub(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])", r"\\\1", text)


def render_markdown(m: Minutes, lang: str = "da") -> str:
    """The minutes as a Markdown document (user text escaped, so it shows as typed)."""
    out = [f"# {_md(minutes_title(m, lang))}", ""]
    for heading, lines in minutes_sections(m, lang):
        if heading:
            out += [f"## {_md(heading)}", ""]
        out += [f"- {_md(line)}" for line in lines] + [""]
    return "\n".join(out)


def _latin1(text: str) -> str:
    """Helvetica in a PDF has Latin-1 only: swap the few typographic signs we use."""
    swaps = {"–": "-", "—": "-", "…": "...", "»": '"', "«": '"', "→": "->", "’": "'",
             "“": '"', "”": '"', "≥": ">=", "≤": "<=", "\u00a0": " "}
    for a, b in swaps.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(m: Minutes, lang: str = "da") -> bytes:
    """The minutes as an A4 PDF."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(_latin1(minutes_title(m, lang)))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(minutes_title(m, lang)), new_x="LMARGIN", new_y="NEXT")
    for heading, lines in minutes_sections(m, lang):
        if heading:
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for line in lines:
            pdf.multi_cell(0, 6, _latin1(f"- {line}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
