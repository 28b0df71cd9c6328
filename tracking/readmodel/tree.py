"""A plan's benefit tree (gevinstdiagram) as read for display."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracking.models import (
    BenefitIndicator,
    Indicator,
    NodeKind,
    TreeLink,
    TreeNode,
)

KIND_ORDER: tuple[NodeKind, ...] = (
    NodeKind.TECHNOLOGY, NodeKind.CHANGE, NodeKind.BENEFIT, NodeKind.GOAL)


@dataclass(frozen=True)
class BenefitTree:
    """A plan's tree as read for display: active nodes, links and benefit indicators."""

    plan_id: int
    nodes: list[TreeNode]
    links: list[TreeLink]
    indicators: dict[int, list[int]] = field(default_factory=dict)
    """benefit node id -> ids of its (active) indicators."""

    def of_kind(self, kind: NodeKind) -> list[TreeNode]:
        return [n for n in self.nodes if n.kind == kind]

    def incomplete(self) -> dict[int, list[str]]:
        """Benefit id -> what it lacks ("owner", "indicator"); complete ones are left out."""
        result = {}
        for node in self.of_kind(NodeKind.BENEFIT):
            missing = benefit_gaps(node, self.indicators.get(node.id, []))
            if missing:
                result[node.id] = missing
        return result


def benefit_gaps(node: TreeNode, indicator_ids: list[int]) -> list[str]:
    """What a benefit lacks to be complete: its owner and/or an indicator."""
    gaps = []
    if not node.owner.strip():
        gaps.append("owner")
    if not indicator_ids:
        gaps.append("indicator")
    return gaps


def read_tree(engine: Engine, plan_id: int) -> BenefitTree:
    """The active nodes (in column, then creation order), links and benefit indicators."""
    with Session(engine) as session:
        nodes = list(session.exec(select(TreeNode).where(
            TreeNode.plan_id == plan_id, TreeNode.archived_at.is_(None))
            .order_by(TreeNode.sort_order, TreeNode.id)).all())
        nodes.sort(key=lambda n: KIND_ORDER.index(NodeKind(n.kind)))
        links = list(session.exec(select(TreeLink).where(
            TreeLink.plan_id == plan_id, TreeLink.archived_at.is_(None))
            .order_by(TreeLink.id)).all())
        pairs = session.exec(
            select(BenefitIndicator.node_id, BenefitIndicator.indicator_id)
            .join(TreeNode, TreeNode.id == BenefitIndicator.node_id)
            .join(Indicator, Indicator.id == BenefitIndicator.indicator_id)
            .where(TreeNode.plan_id == plan_id, BenefitIndicator.archived_at.is_(None),
                   Indicator.archived_at.is_(None))
            .order_by(BenefitIndicator.id)).all()
    indicators: dict[int, list[int]] = {}
    for node_id, ind_id in pairs:
        indicators.setdefault(node_id, []).append(ind_id)
    return BenefitTree(plan_id=plan_id, nodes=nodes, links=links, indicators=indicators)
