"""The e-mail of a reminder: subject, plain text and HTML, in the reader's language,
with a link to the page where the thing is done."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from tracking.formatting import format_date, format_month
from tracking.i18n import translate, translate_count
from tracking.reminder_rules import Kind
from tracking.reminders import Reminder

BUTTON = {
    Kind.FIGURE_DUE: "mail.button.figure", Kind.FIGURE_MISSING: "mail.button.figure",
    Kind.ACTION_DUE: "mail.button.action", Kind.ACTION_OVERDUE: "mail.button.action",
    Kind.MEETING_AGENDA: "mail.button.agenda", Kind.DIRECTOR_LETTER: "mail.button.letter",
}


@dataclass(frozen=True)
class Letter:
    """What the directors' letter says this month: one line per plan, and the PDF."""

    lines: tuple[str, ...]
    pdf: bytes | None


def _params(r: Reminder, lang: str) -> dict[str, str]:
    return {
        "name": r.person.name, "plan": r.plan_name, "indicator": r.title, "action": r.title,
        "month": format_month(r.when, lang) if r.when else "",
        "deadline": format_date(r.deadline or r.when, lang),
        "time": r.title, "day": format_date(r.when, lang),
    }


def _body(r: Reminder, on: date, lang: str, p: dict[str, str]) -> tuple[str, list[str]]:
    """The message's paragraph and its list of points."""
    k = r.kind
    if k is Kind.ACTION_DUE:
        days = (r.when - on).days if r.when else 0
        text = translate("mail.action_due.body.zero", lang, **p) if days == 0 else \
            translate_count("mail.action_due.body", days, lang, **p)
        return text, []
    if k is Kind.ACTION_OVERDUE:
        days = (on - r.when).days if r.when else 0
        return translate_count("mail.action_overdue.body", days, lang, **p), []
    if k is Kind.MEETING_AGENDA:
        points = [translate(f"mail.agenda.{i}", lang) for i in (1, 2, 3)]
        if r.lines:
            points.append(translate("mail.agenda.overdue", lang, actions=", ".join(r.lines)))
        return translate("mail.meeting_agenda.body", lang, minutes=r.minutes, **p), points
    return translate(f"mail.{k.value}.body", lang, **p), []


def compose(r: Reminder, *, sender: str, on: date, lang: str, base_url: str,
            letter: Letter | None = None) -> EmailMessage:
    p = _params(r, lang)
    link = f"{base_url}/{r.page}"
    profile = f"{base_url}/profil"
    text, points = _body(r, on, lang, p)
    if r.kind is Kind.DIRECTOR_LETTER and letter is not None:
        points = list(letter.lines)
    # First name: a Danish e-mail says "Hej Mette", not "Hej Mette Sørensen".
    greeting = translate("mail.greeting", lang, name=(r.person.name.split() or [""])[0])
    button = translate(BUTTON[r.kind], lang)
    footer = translate("mail.footer", lang, link=profile)

    plain = [greeting, "", text]
    if points:
        plain += ["", *[f"- {x}" if not x[:1].isdigit() else x for x in points]]
    plain += ["", f"{button}: {link}", "", "-- ", footer]

    e = html.escape
    items = "".join(f"<li>{e(x)}</li>" for x in points)
    rich = (
        '<!doctype html><html lang="{lang}"><body style="font-family:Arial,sans-serif;'
        'font-size:15px;color:#1a1a1a;max-width:600px">'
        f"<p>{e(greeting)}</p><p>{e(text)}</p>"
        + (f"<ul>{items}</ul>" if items else "")
        + f'<p><a href="{e(link)}" style="display:inline-block;background:#1f4e79;'
        f'color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">'
        f"{e(button)}</a></p>"
        f'<p style="font-size:12px;color:#555">{e(translate("mail.footer", lang, link=""))}'
        f'<a href="{e(profile)}">{e(profile)}</a></p></body></html>'
    ).replace("{lang}", lang)

    msg = EmailMessage()
    msg["Subject"] = translate(f"mail.{r.kind.value}.subject", lang, **p)
    msg["From"] = sender
    msg["To"] = formataddr((r.person.name, r.person.email))
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    msg.set_content("\n".join(plain))
    msg.add_alternative(rich, subtype="html")
    if r.kind is Kind.DIRECTOR_LETTER and letter is not None and letter.pdf:
        msg.add_attachment(letter.pdf, maintype="application", subtype="pdf",
                           filename=f"gevinstrealisering-{r.when:%Y-%m}.pdf")
    return msg
