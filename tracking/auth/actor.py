"""Who is acting: the principal every write service is given."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """A signed-in person, or the system itself (CLI, demo loader, data tools).

    Roles are not carried here but read from the database at each write, so a changed
    membership takes effect at once.
    """

    name: str
    user_id: int | None = None
    email: str = ""
    is_admin: bool = False
    is_system: bool = False

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        """The trusted local process: only for the CLI, loaders and tests, never a page."""
        return cls(name=name, is_system=True)

    def __str__(self) -> str:
        return self.name
