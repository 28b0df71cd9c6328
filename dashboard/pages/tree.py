"""Gevinsttræ: the plan's benefit tree, drawn left to right, and the forms to build it."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.tree import tree_dot
from dashboard.components.cache import cached
from dashboard.components.context import access_note, actor, current_plan
from dashboard.components.engine import engine
from dashboard.components.i18n import error_text, lang, t
from dashboard.components.messages import flash, msg, show_flash
from dashboard.components.people import person_picker
from dashboard.components.text import md_escape
from tracking.auth.roles import Permission
from tracking.errors import GevinstError
from tracking.models import BenefitType, NodeKind, TreeNode
from tracking.readmodel.plans import list_indicators
from tracking.readmodel.tree import KIND_ORDER, read_tree
from tracking.services.tree import (
    NodeInput,
    add_node,
    archive_node,
    link_nodes,
    set_benefit_indicators,
    unlink,
    update_node,
)

plan = current_plan()
if plan is None:
    st.info(t("ui.no_plans"))
    st.stop()

lg = lang()
st.title(f"{t('nav.tree')}: {md_escape(plan.name)}")
st.caption(t("tree.intro"))
editable = access_note(Permission.EDIT_PLAN)

FLASH = "tree"
show_flash(FLASH)

tree = cached(read_tree)(plan.id)
indicators = cached(list_indicators)(plan.id)
ind_names = {i.id: i.name for i in indicators}
by_id = {n.id: n for n in tree.nodes}


def _node_label(node: TreeNode) -> str:
    return f"{t(f'tree.kind.{node.kind}')}: {node.name}"


def _fail(exc: GevinstError) -> None:
    field = t(f"field.{exc.field}") if exc.field and exc.field != "version" else ""
    st.error(f"{field + ': ' if field else ''}{error_text(exc)}")


def _done(message: str) -> None:
    flash(message, slot=FLASH)
    st.rerun()


if tree.nodes:
    st.graphviz_chart(tree_dot(tree, lg, ind_names))
    st.caption(t("tree.node_count", count=len(tree.nodes), links=len(tree.links)))
    incomplete = tree.incomplete()
    for node_id, gaps in incomplete.items():
        missing = ", ".join(t(f"tree.gap.{g}") for g in gaps)
        st.warning(t("tree.incomplete", name=md_escape(by_id[node_id].name), missing=missing),
                   icon=":material/warning:")
    if not incomplete and tree.of_kind(NodeKind.BENEFIT):
        st.success(t("tree.all_complete"), icon=":material/check_circle:")
else:
    st.info(t("tree.empty"))


def benefit_fields(key: str, node: TreeNode | None) -> tuple[str, str, list[int]]:
    """Type, owner and indicators of a benefit."""
    types = [b.value for b in BenefitType]
    c1, c2 = st.columns(2)
    btype = c1.radio(t("tree.benefit_type"), types, horizontal=True, key=f"{key}_type",
                     index=types.index(node.benefit_type) if node and node.benefit_type else 0,
                     format_func=lambda b: t(f"tree.benefit_type.{b}"))
    owner = person_picker(t("tree.owner"), plan.id, f"{key}_owner",
                          node.owner if node else plan.benefit_owner, where=c2)
    chosen = st.multiselect(t("tree.indicators"), list(ind_names),
                            default=tree.indicators.get(node.id, []) if node else [],
                            format_func=ind_names.get, key=f"{key}_inds",
                            placeholder=t("ui.choose_many"))
    return btype, owner, chosen


if not editable:
    st.stop()  # the tabs below only change the tree

tab_add, tab_nodes, tab_links = st.tabs(
    [t("tree.tab_add"), t("tree.tab_nodes"), t("tree.tab_links")])

with tab_add:
    kinds = [k.value for k in KIND_ORDER]
    kind = st.segmented_control(t("tree.kind"), kinds, default=kinds[0], key="tree_new_kind",
                                format_func=lambda k: t(f"tree.kind.{k}")) or kinds[0]
    st.caption(t(f"tree.hint.{kind}"))
    with st.form("tree_add", clear_on_submit=True, border=False):
        name = st.text_input(t("tree.name"), max_chars=200)
        description = st.text_area(t("tree.description"), height=80)
        btype, owner, chosen = ("", "", [])
        if kind == NodeKind.BENEFIT:
            btype, owner, chosen = benefit_fields("tree_add", None)
        if st.form_submit_button(t("tree.add"), type="primary", icon=":material/add:"):
            try:
                node = add_node(engine(), plan.id, NodeInput(kind, name, description, btype,
                                                             owner), actor())
                if chosen:
                    set_benefit_indicators(engine(), node.id, chosen, actor())
                _done(msg("tree.added", name=node.name))
            except GevinstError as exc:
                _fail(exc)

with tab_nodes:
    if not tree.nodes:
        st.info(t("tree.empty"))
    else:
        node_id = st.selectbox(t("tree.choose_node"), list(by_id), key="tree_edit_node",
                               format_func=lambda i: _node_label(by_id[i]))
        node = by_id[node_id]
        key = f"tree_edit_{node.id}_{node.version}"
        with st.form(key, border=False):
            name = st.text_input(t("tree.name"), node.name, max_chars=200)
            description = st.text_area(t("tree.description"), node.description, height=80)
            btype, owner, chosen = ("", "", [])
            if node.kind == NodeKind.BENEFIT:
                btype, owner, chosen = benefit_fields(key, node)
            if st.form_submit_button(t("ui.save"), type="primary"):
                try:
                    update_node(engine(), node.id, NodeInput(node.kind, name, description,
                                                             btype, owner),
                                actor(), expected_version=node.version)
                    if node.kind == NodeKind.BENEFIT:
                        set_benefit_indicators(engine(), node.id, chosen, actor())
                    _done(msg("tree.saved", name=name.strip()))
                except GevinstError as exc:
                    _fail(exc)
        if node.kind == NodeKind.BENEFIT:
            from dashboard.components.comments import comment_thread

            comment_thread("benefit", node.id)
        if st.button(t("tree.archive"), key=f"tree_archive_{node.id}",
                     icon=":material/archive:"):
            try:
                archive_node(engine(), node.id, actor())
                _done(msg("tree.archived", name=node.name))
            except GevinstError as exc:
                _fail(exc)

with tab_links:
    st.caption(t("tree.link_hint"))
    sources = [n.id for n in tree.nodes if n.kind != NodeKind.GOAL]
    if sources:
        c1, c2, c3 = st.columns([5, 5, 2], vertical_alignment="bottom")
        source_id = c1.selectbox(t("tree.source"), sources, key="tree_link_source",
                                 format_func=lambda i: _node_label(by_id[i]))
        next_kind = KIND_ORDER[KIND_ORDER.index(NodeKind(by_id[source_id].kind)) + 1]
        targets = [n.id for n in tree.of_kind(next_kind)]
        # Keyed by its options: a choice made among other options (or none) must not stick.
        target_id = c2.selectbox(t("tree.target"), targets,
                                 key=f"tree_link_target_{source_id}_{'_'.join(map(str, targets))}",
                                 format_func=lambda i: _node_label(by_id[i]),
                                 placeholder=t("tree.none"))
        if c3.button(t("tree.link"), type="primary", key="tree_link_button",
                     icon=":material/arrow_forward:", disabled=target_id is None):
            try:
                link_nodes(engine(), source_id, target_id, actor())
                _done(msg("tree.linked", source=by_id[source_id].name,
                          target=by_id[target_id].name))
            except GevinstError as exc:
                _fail(exc)
    links = [link for link in tree.links if link.source_id in by_id and link.target_id in by_id]
    if not links:
        st.info(t("tree.no_links"))
    else:
        by_link = {link.id: link for link in links}

        def _link_label(i: int) -> str:
            link = by_link[i]
            return f"{by_id[link.source_id].name} → {by_id[link.target_id].name}"

        for link in links:
            st.markdown(f"- {md_escape(_link_label(link.id))}")
        c1, c2 = st.columns([10, 2], vertical_alignment="bottom")
        link_id = c1.selectbox(t("tree.unlink"), list(by_link), key="tree_unlink_choice",
                               format_func=_link_label)
        if c2.button(t("tree.unlink"), key="tree_unlink_button", icon=":material/link_off:"):
            try:
                unlink(engine(), link_id, actor())
                _done(msg("tree.unlinked"))
            except GevinstError as exc:
                _fail(exc)
