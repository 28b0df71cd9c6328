"""The six themes a benefit realisation plan answers, and their guiding questions.

The theme and question texts live in the message catalogue (`theme.<key>.title`,
`theme.<key>.q<n>`); this module fixes their order and how many questions each has.
"""

from __future__ import annotations

THEMES: tuple[tuple[str, int], ...] = (
    ("channel", 4),  # Kanalstrategi og påvirkning
    ("workflow", 3),  # Arbejdsgange og regler
    ("culture", 3),  # Adfærd, kultur og værdier
    ("organisation", 3),  # Organisering og kompetencer
    ("followup", 4),  # Mål og opfølgning
    ("budget", 3),  # Budgettilpasning og nye politiske mål
)
THEME_KEYS: tuple[str, ...] = tuple(key for key, _ in THEMES)


def question_keys(theme: str) -> list[str]:
    """['q1', 'q2', …] for a theme."""
    count = dict(THEMES)[theme]
    return [f"q{i}" for i in range(1, count + 1)]
