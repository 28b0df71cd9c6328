"""Build a plan's benefit tree: nodes, links between neighbouring kinds, and the
indicators that measure each benefit.

Rules (the method reads the tree left to right):
- a link goes from a node to a node of the *next* kind: technology → change → benefit →
  goal. A link that points backwards or skips a kind is refused; so is a link between
  two nodes of the same kind or of different plans. Many to many is allowed;
- a benefit has a type (economic, or service / quality) and should have a benefit owner
  and at least one indicator; one without is *incomplete* (flagged, not refused, so the
  tree can be built step by step);
- nothing is deleted: nodes and links are archived. Archiving a node archives its links.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.auth import Actor, Permission, authorize
from tracking.clock import now
from tracking.db import session_scope
from tracking.errors import NotFoundError, ValidationError
from tracking.lookup import get_or_refuse
from tracking.models import (
    BenefitIndicator,
    BenefitType,
    Indicator,
    NodeKind,
    Plan,
    TreeLink,
    TreeNode,
)
from tracking.parsing import refuse_control_chars
from tracking.people import account_id_for
from tracking.readmodel.tree import KIND_ORDER

MAX_NODE_NAME = 200
MAX_DESCRIPTION = 2000


@dataclass
class NodeInput:
    kind: str
    name: str
    description: str = ""
    benefit_type: str = ""
    owner: str = ""


def check_link(source_kind: str, target_kind: str) -> None:
    """Refuse a link that is not from one kind to the next kind to the right."""
    src, dst = KIND_ORDER.index(NodeKind(source_kind)), KIND_ORDER.index(NodeKind(target_kind))
    if dst == src:
        raise ValidationError("error.tree_link_same_kind", "target_id")
    if dst < src:
        raise ValidationError("error.tree_link_backwards", "target_id")
    if dst > src + 1:
        raise ValidationError("error.tree_link_skips", "target_id")


def _validate_node(data: NodeInput) -> NodeInput:
    try:
        data.kind = NodeKind(data.kind).value
    except ValueError:
        raise ValidationError("error.tree_unknown_kind", "kind", value=data.kind) from None
    data.name = refuse_control_chars(data.name, "name").strip()
    if not data.name:
        raise ValidationError("error.name_required", "name")
    if len(data.name) > MAX_NODE_NAME:
        raise ValidationError("error.name_too_long", "name", max=MAX_NODE_NAME)
    data.description = refuse_control_chars(data.description, "description").strip()
    if len(data.description) > MAX_DESCRIPTION:
        raise ValidationError("error.tree_description_too_long", "description",
                              max=MAX_DESCRIPTION)
    data.owner = refuse_control_chars(data.owner, "owner").strip()
    if data.kind == NodeKind.BENEFIT:
        try:
            data.benefit_type = BenefitType(data.benefit_type).value
        except ValueError:
            raise ValidationError("error.tree_benefit_type", "benefit_type") from None
    else:
        data.benefit_type = ""
    return data


def _node(session: Session, node_id: int) -> TreeNode:
    node = session.get(TreeNode, node_id)
    if node is None or node.archived_at is not None:
        raise NotFoundError("error.tree_node_not_found", "node_id", id=node_id)
    return node


def add_node(engine: Engine, plan_id: int, data: NodeInput, actor: Actor | None) -> TreeNode:
    data = _validate_node(data)
    with session_scope(engine) as session:
        get_or_refuse(session, Plan, plan_id, "error.plan_not_found", "plan_id")
        authorize(session, actor, Permission.EDIT_PLAN, plan_id)
        count = len(session.exec(select(TreeNode.id).where(TreeNode.plan_id == plan_id)).all())
        node = TreeNode(plan_id=plan_id, sort_order=count, created_by=actor.name,
                        updated_by=actor.name, owner_user_id=account_id_for(session, data.owner),
                        **vars(data))
        session.add(node)
        session.flush()
        return node


def update_node(engine: Engine, node_id: int, data: NodeInput, actor: Actor | None,
                expected_version: int | None = None) -> TreeNode:
    """Edit a node. Its kind cannot change (its links would point the wrong way)."""
    data = _validate_node(data)
    with session_scope(engine) as session:
        node = _node(session, node_id)
        authorize(session, actor, Permission.EDIT_PLAN, node.plan_id)
        if data.kind != node.kind:
            raise ValidationError("error.tree_kind_fixed", "kind")
        if expected_version is not None and node.version != expected_version:
            raise ValidationError("error.tree_stale", "version", name=node.name)
        for key, value in vars(data).items():
            setattr(node, key, value)
        node.owner_user_id = account_id_for(session, data.owner)
        node.updated_at, node.updated_by = now(), actor.name
        node.version += 1
        session.add(node)
        return node


def archive_node(engine: Engine, node_id: int, actor: Actor | None) -> TreeNode:
    """Archive a node and every active link to or from it."""
    with session_scope(engine) as session:
        node = _node(session, node_id)
        authorize(session, actor, Permission.EDIT_PLAN, node.plan_id)
        stamp = now()
        node.archived_at, node.updated_at, node.updated_by = stamp, stamp, actor.name
        node.version += 1
        session.add(node)
        links = session.exec(select(TreeLink).where(
            (TreeLink.source_id == node_id) | (TreeLink.target_id == node_id),
            TreeLink.archived_at.is_(None))).all()
        for link in links:
            link.archived_at, link.updated_by = stamp, actor.name
            session.add(link)
        return node


def link_nodes(engine: Engine, source_id: int, target_id: int, actor: Actor | None) -> TreeLink:
    """Draw an arrow from `source_id` to `target_id` (the next kind to the right)."""
    with session_scope(engine) as session:
        source, target = _node(session, source_id), _node(session, target_id)
        authorize(session, actor, Permission.EDIT_PLAN, source.plan_id)
        if source.plan_id != target.plan_id:
            raise ValidationError("error.tree_link_other_plan", "target_id")
        check_link(source.kind, target.kind)
        link = session.exec(select(TreeLink).where(
            TreeLink.source_id == source_id, TreeLink.target_id == target_id)).first()
        if link is not None and link.archived_at is None:
            raise ValidationError("error.tree_link_exists", "target_id",
                                  source=source.name, target=target.name)
        if link is None:
            link = TreeLink(plan_id=source.plan_id, source_id=source_id,
                            target_id=target_id, created_by=actor.name, updated_by=actor.name)
        else:  # an archived link is brought back rather than duplicated
            link.archived_at, link.updated_by = None, actor.name
        session.add(link)
        session.flush()
        return link


def unlink(engine: Engine, link_id: int, actor: Actor | None) -> TreeLink:
    with session_scope(engine) as session:
        link = session.get(TreeLink, link_id)
        if link is None or link.archived_at is not None:
            raise NotFoundError("error.tree_link_not_found", "link_id", id=link_id)
        authorize(session, actor, Permission.EDIT_PLAN, link.plan_id)
        link.archived_at, link.updated_by = now(), actor.name
        session.add(link)
        return link


def set_benefit_indicators(engine: Engine, node_id: int, indicator_ids: list[int],
                           actor: Actor | None) -> list[int]:
    """Make exactly `indicator_ids` the indicators of a benefit (others are archived)."""
    wanted = list(dict.fromkeys(indicator_ids))
    with session_scope(engine) as session:
        node = _node(session, node_id)
        authorize(session, actor, Permission.EDIT_PLAN, node.plan_id)
        if node.kind != NodeKind.BENEFIT:
            raise ValidationError("error.tree_indicators_only_benefit", "indicator_ids")
        for ind_id in wanted:
            ind = session.get(Indicator, ind_id)
            if ind is None or ind.plan_id != node.plan_id or ind.archived_at is not None:
                raise ValidationError("error.tree_indicator_other_plan", "indicator_ids",
                                      id=ind_id)
        rows = {r.indicator_id: r for r in session.exec(
            select(BenefitIndicator).where(BenefitIndicator.node_id == node_id)).all()}
        stamp = now()
        for ind_id, row in rows.items():
            active = ind_id in wanted
            if active and row.archived_at is not None:
                row.archived_at, row.updated_by = None, actor.name
            elif not active and row.archived_at is None:
                row.archived_at, row.updated_by = stamp, actor.name
            session.add(row)
        for ind_id in wanted:
            if ind_id not in rows:
                session.add(BenefitIndicator(node_id=node_id, indicator_id=ind_id,
                                             updated_by=actor.name))
        return wanted


