"""Names on cards and accounts: which account a typed name means, if any.

Responsible persons and authors were free text before people became accounts. A name
means an account when exactly one active account has that name (case and surrounding
spaces ignored); otherwise it is only a name, and that person cannot get reminders.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, select

from tracking.models import UserAccount


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    email: str
    is_director: bool


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
        by_id[u.id] = Person(u.id, u.name, u.email, bool(u.is_director))  # type: ignore[arg-type]
        by_name[_key(u.name)].append(u.id)  # type: ignore[arg-type]
    return People(by_id, dict(by_name))
