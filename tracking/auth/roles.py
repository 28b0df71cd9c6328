"""Roles and what each may do. Pure: the one table that says who may change what.

Roles are per plan and ordered; each includes the rights of those below it. `admin` is
global (an account flag). Everyone signed in may read every plan: the director's
overview spans all plans, and a municipality's plans are open inside it.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"  # reads (the director)
    MEMBER = "member"  # ideas, scores, actions
    OWNER = "owner"  # benefit owner: also the figures of the indicators they own
    FACILITATOR = "facilitator"  # runs meetings, edits the plan, enters any figure

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class Permission(StrEnum):
    EDIT_BOARD = "edit_board"  # ideas, scores, actions
    ENTER_FIGURES = "enter_figures"  # realised figures (of owned indicators for owners)
    EDIT_PLAN = "edit_plan"  # plan, indicators, business case, tree, themes, settings
    RUN_MEETING = "run_meeting"  # start, run and close meetings; kiosk links
    CREATE_PLAN = "create_plan"  # admin only
    MANAGE_USERS = "manage_users"  # accounts and memberships: admin only


# The lowest role that has each permission in its plan; None: admins only.
MINIMUM_ROLE: dict[Permission, Role | None] = {
    Permission.EDIT_BOARD: Role.MEMBER,
    Permission.ENTER_FIGURES: Role.OWNER,
    Permission.EDIT_PLAN: Role.FACILITATOR,
    Permission.RUN_MEETING: Role.FACILITATOR,
    Permission.CREATE_PLAN: None,
    Permission.MANAGE_USERS: None,
}


def parse_role(value: str | Role | None) -> Role | None:
    if value is None or value == "":
        return None
    return Role(value)


def allowed(permission: Permission, role: Role | None, is_admin: bool = False,
            owns_indicator: bool = False) -> bool:
    """May someone with this role in a plan do this? (Figures: of this indicator.)"""
    if is_admin:
        return True
    minimum = MINIMUM_ROLE[permission]
    if minimum is None or role is None or role.rank < minimum.rank:
        return False
    if permission is Permission.ENTER_FIGURES and role is Role.OWNER:
        return owns_indicator
    return True
