"""Comment threads on ideas, actions, indicators and benefits.

Anyone who may work on the plan's board (member and up) writes; only the author (or the
plan's facilitator) edits or archives, with the version they saw. Everything is in the
audit trail (the earlier text of an edit too).
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth import Actor, Permission, PermissionDenied, allowed, authorize, role_in_plan
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.models import Comment, CommentTarget, Meeting
from tracking.models.users import UserAccount
from tracking.parsing import refuse_control_chars
from tracking.readmodel.comments import TARGET_TABLES

__all__ = ["MAX_COMMENT", "add_comment", "archive_comment", "edit_comment"]

MAX_COMMENT = 2000


def _clean(text: str) -> str:
    # Line breaks are allowed in a comment; other control characters are not.
    lines = (text or "").replace("\r\n", "\n").split("\n")
    cleaned = "\n".join(refuse_control_chars(line, "text") for line in lines).strip()
    if not cleaned:
        raise ValidationError("error.comment_empty", "text")
    if len(cleaned) > MAX_COMMENT:
        raise ValidationError("error.comment_too_long", "text", max=MAX_COMMENT)
    return cleaned


def _plan_of(session: Session, target: CommentTarget, target_id: int) -> int:
    row = session.get(TARGET_TABLES[target], target_id)
    if row is None or getattr(row, "archived_at", None) is not None:
        raise NotFoundError("error.comment_target_not_found", "target_id", id=target_id)
    if target is CommentTarget.BENEFIT and getattr(row, "kind", "") != "benefit":
        raise NotFoundError("error.comment_target_not_found", "target_id", id=target_id)
    return int(row.plan_id)


def add_comment(engine: Engine, target: str, target_id: int, text: str,
                actor: Actor | None) -> Comment:
    try:
        kind = CommentTarget(target)
    except ValueError:
        raise ValidationError("error.comment_target", "target", value=target) from None
    text = _clean(text)
    with session_scope(engine) as session:
        plan_id = _plan_of(session, kind, target_id)
        authorize(session, actor, Permission.EDIT_BOARD, plan_id)
        meeting = session.exec(select(Meeting.id).where(
            Meeting.plan_id == plan_id, Meeting.closed_at.is_(None))  # type: ignore[union-attr]
            .order_by(Meeting.id.desc())).first()
        row = Comment(plan_id=plan_id, target=kind.value, target_id=target_id, text=text,
                      author=actor.name, author_user_id=actor.user_id,  # type: ignore[union-attr]
                      meeting_id=meeting)
        session.add(row)
        session.flush()
        return row


def _own(session: Session, comment_id: int, actor: Actor | None,
         expected_version: int | None) -> Comment:
    row = session.get(Comment, comment_id)
    if row is None or row.archived_at is not None:
        raise NotFoundError("error.comment_not_found", "comment_id", id=comment_id)
    authorize(session, actor, Permission.EDIT_BOARD, row.plan_id)
    assert actor is not None
    if not actor.is_system and actor.user_id != row.author_user_id:
        user = session.get(UserAccount, actor.user_id)
        role = role_in_plan(session, actor.user_id, row.plan_id) \
            if actor.user_id is not None else None
        if not allowed(Permission.EDIT_PLAN, role, bool(user and user.is_admin)):
            raise PermissionDenied("error.comment_not_author", author=row.author)
    if expected_version is not None and expected_version != row.version:
        raise ValidationError("error.comment_stale", "version", by=row.author)
    return row


def edit_comment(engine: Engine, comment_id: int, text: str, actor: Actor | None,
                 expected_version: int | None = None) -> Comment:
    text = _clean(text)
    with session_scope(engine) as session:
        row = _own(session, comment_id, actor, expected_version)
        row.text, row.edited_at, row.version = text, now(), row.version + 1
        session.add(row)
        session.flush()
        return row


def archive_comment(engine: Engine, comment_id: int, actor: Actor | None,
                    expected_version: int | None = None) -> None:
    with session_scope(engine) as session:
        row = _own(session, comment_id, actor, expected_version)
        row.archived_at, row.version = now(), row.version + 1
        session.add(row)


