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
from tracking.models import Action, Comment, CommentTarget, Idea, Indicator, Meeting, TreeNode
from tracking.models.users import UserAccount
from tracking.parsing import refuse_control_chars

__all__ = ["MAX_COMMENT", "add_comment", "archive_comment", "comment_counts", "comment_subject",
           "edit_comment",
           "list_comments", "meeting_comments"]

MAX_COMMENT = 2000
_TABLES = {CommentTarget.IDEA: Idea, CommentTarget.ACTION: Action,
           CommentTarget.INDICATOR: Indicator, CommentTarget.BENEFIT: TreeNode}


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
    row = session.get(_TABLES[target], target_id)
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


def list_comments(engine: Engine, target: str, target_id: int) -> list[Comment]:
    """The thread, oldest first."""
    with Session(engine) as session:
        return list(session.exec(select(Comment).where(
            Comment.target == target, Comment.target_id == target_id,
            Comment.archived_at.is_(None))  # type: ignore[union-attr]
            .order_by(Comment.created_at, Comment.id)).all())


def meeting_comments(session: Session, meeting_id: int) -> list[Comment]:
    """The comments written during a meeting (for its minutes), oldest first."""
    return list(session.exec(select(Comment).where(
        Comment.meeting_id == meeting_id, Comment.archived_at.is_(None))  # type: ignore[union-attr]
        .order_by(Comment.created_at, Comment.id)).all())


def comment_subject(session: Session, comment: Comment) -> str:
    """What a comment is on, in words: the idea's text, the action's title, the
    indicator's or benefit's name."""
    row = session.get(_TABLES[CommentTarget(comment.target)], comment.target_id)
    for attr in ("text", "title", "name"):
        if row is not None and getattr(row, attr, None):
            return str(getattr(row, attr))
    return ""


def comment_counts(engine: Engine, plan_id: int) -> dict[tuple[str, int], int]:
    """How many active comments each thing of a plan has, by (target, id): one query, so
    a page of cards can show the counts without reading every thread."""
    from sqlalchemy import func

    with Session(engine) as session:
        rows = session.exec(select(Comment.target, Comment.target_id, func.count()).where(
            Comment.plan_id == plan_id, Comment.archived_at.is_(None))  # type: ignore[union-attr]
            .group_by(Comment.target, Comment.target_id)).all()
    return {(target, int(target_id)): int(n) for target, target_id, n in rows}
