"""A comment thread in a card's details: each comment as plain text with who and when,
a box to add one, and an edit for its author (with the version they saw)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.cache import cached
from dashboard.components.context import actor, may
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from tracking.auth.roles import Permission
from tracking.errors import GevinstError
from tracking.formatting import format_datetime
from tracking.readmodel.comments import comment_counts, list_comments
from tracking.services.comments import add_comment, edit_comment


def comment_thread(target: str, target_id: int) -> None:
    st.markdown(f"**{t('comment.title')}**")
    thread = list_comments(engine(), target, target_id)
    if not thread:
        st.caption(t("comment.none"))
    me = actor()
    for c in thread:
        with st.container(border=True, key=f"comment-{c.id}"):
            st.text(c.text)  # text, never Markdown
            when = format_datetime(c.created_at, lang())
            st.caption(t("comment.by", author=c.author, when=when)
                       + (f" · {t('comment.edited')}" if c.edited_at else ""))
            if me is not None and me.user_id is not None and me.user_id == c.author_user_id:
                with st.popover(t("comment.edit"), icon=":material/edit:"):
                    new = st.text_area(t("comment.edit"), value=c.text,
                                       key=f"comment_edit_{c.id}_{c.version}")
                    if st.button(t("comment.edit"), key=f"comment_save_{c.id}_{c.version}"):
                        _run(lambda c=c, new=new: edit_comment(engine(), c.id, new, me, c.version))
    if not may(Permission.EDIT_BOARD):  # a reader reads the thread; the service refuses too
        return
    text = st.text_area(t("comment.add"), key=f"comment_new_{target}_{target_id}", height=80)
    if st.button(t("comment.save"), key=f"comment_add_{target}_{target_id}",
                 icon=":material/add_comment:"):
        _run(lambda: add_comment(engine(), target, target_id, text, actor()))


def _run(write) -> None:
    try:
        write()
    except GevinstError as exc:
        st.error(error_text(exc))
    else:
        st.toast(t("comment.saved"))
        st.rerun()


@st.dialog(" ", width="large")
def comments_dialog(target: str, target_id: int, title: str) -> None:
    st.subheader(title)
    comment_thread(target, target_id)


def comments_button(plan_id: int, target: str, target_id: int, title: str) -> None:
    """A small button with the number of comments; the thread opens in a dialog."""
    count = cached(comment_counts)(plan_id).get((target, target_id), 0)
    if count == 0 and not may(Permission.EDIT_BOARD, plan_id=plan_id):
        return  # nothing to read, and a reader cannot write
    if st.button(f"{count}", key=f"comments_{target}_{target_id}", type="tertiary",
                 icon=":material/chat_bubble:", help=t("comment.title")):
        comments_dialog(target, target_id, title)
