"""Actors for tests that are not about permissions: the trusted system, by name."""

from tracking.auth import Actor

SYSTEM = Actor.system()


def who(name: str) -> Actor:
    """The system acting in a person's name (the name is what the history shows)."""
    return Actor.system(name)
