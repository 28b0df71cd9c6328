"""The three sizes of synthetic data: a team, a municipality, the whole country."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    municipalities: int
    plans_per_municipality: int
    indicators_per_plan: int = 5
    months: int = 60
    ideas_per_plan: int = 40
    actions_per_plan: int = 25  # each one a promoted idea, so at most ideas_per_plan

    @property
    def plans(self) -> int:
        return self.municipalities * self.plans_per_municipality

    @property
    def indicators(self) -> int:
        return self.plans * self.indicators_per_plan


SCALES = {
    "S": Scale("S", municipalities=1, plans_per_municipality=1),  # one team
    "M": Scale("M", municipalities=1, plans_per_municipality=30),  # one municipality
    "L": Scale("L", municipalities=98, plans_per_municipality=30),  # the country
}


def scale_of(name: str) -> Scale:
    try:
        return SCALES[name.upper()]
    except KeyError:
        raise ValueError(name) from None
