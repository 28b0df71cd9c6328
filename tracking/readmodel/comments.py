"""Comment threads: a thread, a meeting's comments, what a comment is on, counts per plan."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import Action, Comment, CommentTarget, Idea, Indicator, TreeNode

TARGET_TABLES = {CommentTarget.IDEA: Idea, CommentTarget.ACTION: Action,
                 CommentTarget.INDICATOR: Indicator, CommentTarget.BENEFIT: TreeNode}


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
    row = session.get(TARGET_TABLES[CommentTarget(comment.target)], comment.target_id)
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
