"""Who may do what: the acting principal, roles per plan, and the check before a write."""

from tracking.auth.actor import Actor
from tracking.auth.guard import (
    Capabilities,
    PermissionDenied,
    PlanArchived,
    authorize,
    bind,
    capabilities,
    role_in_plan,
)
from tracking.auth.roles import Permission, Role, allowed, parse_role

__all__ = [
    "Actor", "Capabilities", "Permission", "PermissionDenied", "PlanArchived", "Role", "allowed",
    "authorize", "bind", "capabilities", "parse_role", "role_in_plan",
]
