"""Names on cards and accounts: which account a typed name means, if any.

Responsible persons and authors were free text before people became accounts. A name
means an account when exactly one active account has that name (case and surrounding
spaces ignored); otherwise it is only a name, and that person cannot get reminders.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import Action, Idea, Indicator, PlanTheme, TreeNode, UserAccount


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    email: str
    is_director: bool
    language: str = ""


@dataclass(frozen=True)
class People:
    """The active accounts, by id and by (unambiguous) name."""

    by_id: dict[int, Person]
    by_name: dict[str, list[int]]

    def account_for(self, name: str) -> Person | None:
        ids = self.by_name.get(_key(name or ""), [])
        return self.by_id[ids[0]] if len(ids) == 1 else None

    def get(self, user_id: int | None) -> Person | None:
        return self.by_id.get(user_id) if user_id is not None else None


def active_people(session: Session) -> People:
    by_id: dict[int, Person] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for u in session.exec(select(UserAccount).where(
            UserAccount.archived_at.is_(None))):  # type: ignore[union-attr]
        by_id[u.id] = Person(u.id, u.name, u.email, bool(u.is_director),  # type: ignore[arg-type]
                             u.language or "")
        by_name[_key(u.name)].append(u.id)  # type: ignore[arg-type]
    return People(by_id, dict(by_name))


def account_id_for(session: Session, name: str) -> int | None:
    """The account a typed name means, if exactly one active account has it."""
    person = active_people(session).account_for(name)
    return person.user_id if person else None


@dataclass(frozen=True)
class LinkReport:
    actions: int
    indicators: int
    ideas: int = 0
    themes: int = 0
    benefits: int = 0


# (model, name attribute, account attribute) of every name on a card that means a person.
NAMED_PEOPLE: tuple[tuple[type, str, str], ...] = (
    (Action, "responsible", "responsible_user_id"),
    (Indicator, "owner", "owner_user_id"),
    (Idea, "author", "author_user_id"),
    (PlanTheme, "responsible", "responsible_user_id"),
    (TreeNode, "owner", "owner_user_id"),
)


def link_named_people(engine: Engine) -> LinkReport:
    """The upgrade step from names to accounts: each action's responsible, indicator's
    owner, idea's author, theme's responsible and benefit's owner that is a name meaning
    exactly one active account is linked to it. Names without an account (or with
    several) stay names; they are listed on Brugere
    (`tracking.readmodel.people.unmatched_names`)."""
    from tracking.auth import Actor, bind
    from tracking.db import session_scope

    counts = []
    with session_scope(engine) as session:
        bind(session, Actor.system("opgradering"))
        people = active_people(session)
        for model, name_attr, id_attr in NAMED_PEOPLE:
            linked = 0
            for row in session.exec(select(model).where(getattr(model, id_attr).is_(None))):
                person = people.account_for(getattr(row, name_attr))
                if person is not None:
                    setattr(row, id_attr, person.user_id)
                    session.add(row)
                    linked += 1
            counts.append(linked)
    return LinkReport(*counts)
