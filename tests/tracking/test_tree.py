"""The benefit tree: link rules, storage on both engines, incompleteness, DOT output."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.charts.tree import ECONOMIC, MISSING_BORDER, SERVICE, dot_escape, tree_dot
from tests.support.actors import SYSTEM, who
from tracking.errors import NotFoundError, ValidationError
from tracking.models import BenefitIndicator, NodeKind, TreeLink, TreeNode
from tracking.readmodel.tree import KIND_ORDER, read_tree
from tracking.services.plans import IndicatorInput, PlanInput, create_indicator, create_plan
from tracking.services.tree import (
    NodeInput,
    add_node,
    archive_node,
    check_link,
    link_nodes,
    set_benefit_indicators,
    unlink,
    update_node,
)

ALLOWED = {("technology", "change"), ("change", "benefit"), ("benefit", "goal")}


@pytest.mark.parametrize("source", [k.value for k in KIND_ORDER])
@pytest.mark.parametrize("target", [k.value for k in KIND_ORDER])
def test_check_link_allows_only_the_next_kind(source: str, target: str) -> None:
    if (source, target) in ALLOWED:
        check_link(source, target)
        return
    with pytest.raises(ValidationError) as info:
        check_link(source, target)
    si, ti = KIND_ORDER.index(NodeKind(source)), KIND_ORDER.index(NodeKind(target))
    expected = ("error.tree_link_same_kind" if si == ti else
                "error.tree_link_backwards" if ti < si else "error.tree_link_skips")
    assert info.value.code == expected
    assert info.value.field == "target_id"


def _plan(engine: Engine, name: str = "Plan") -> int:
    return create_plan(engine, PlanInput(name, date(2026, 1, 1), date(2027, 12, 1)),
                       actor=SYSTEM).id


def _indicator(engine: Engine, plan_id: int, name: str = "Frigjorte årsværk") -> int:
    return create_indicator(engine, plan_id, IndicatorInput(
        name=name, unit="fte", direction="higher", baseline_value=0,
        baseline_month=date(2025, 12, 1), target_value=4, target_start_month=date(2026, 1, 1),
        full_effect_month=date(2026, 12, 1)), actor=SYSTEM).id


def _small_tree(engine: Engine, plan_id: int) -> dict[str, int]:
    ids = {}
    for key, kind, extra in [
        ("tech", "technology", {}), ("change", "change", {}),
        ("eco", "benefit", {"benefit_type": "economic", "owner": "Mette"}),
        ("svc", "benefit", {"benefit_type": "service"}),
        ("goal", "goal", {}),
    ]:
        ids[key] = add_node(engine, plan_id, NodeInput(kind, key.upper(), **extra),
                            who("tester")).id
    return ids


def test_build_tree_and_read_it(engine: Engine) -> None:
    plan_id = _plan(engine)
    ind = _indicator(engine, plan_id)
    ids = _small_tree(engine, plan_id)
    link_nodes(engine, ids["tech"], ids["change"], who("tester"))
    link_nodes(engine, ids["change"], ids["eco"], who("tester"))
    link_nodes(engine, ids["change"], ids["svc"], who("tester"))  # many to many
    link_nodes(engine, ids["eco"], ids["goal"], who("tester"))
    link_nodes(engine, ids["svc"], ids["goal"], who("tester"))
    set_benefit_indicators(engine, ids["eco"], [ind], who("tester"))

    tree = read_tree(engine, plan_id)
    assert [n.kind for n in tree.nodes] == ["technology", "change", "benefit", "benefit", "goal"]
    assert {(link.source_id, link.target_id) for link in tree.links} == {
        (ids["tech"], ids["change"]), (ids["change"], ids["eco"]),
        (ids["change"], ids["svc"]), (ids["eco"], ids["goal"]), (ids["svc"], ids["goal"])}
    assert tree.indicators == {ids["eco"]: [ind]}
    # The service benefit has neither owner nor indicator; the economic one is complete.
    assert tree.incomplete() == {ids["svc"]: ["owner", "indicator"]}
    node = tree.nodes[2]
    assert node.created_by == "tester" and node.owner == "Mette"


@pytest.mark.parametrize(("source", "target", "code"), [
    ("tech", "eco", "error.tree_link_skips"),
    ("tech", "goal", "error.tree_link_skips"),
    ("goal", "eco", "error.tree_link_backwards"),
    ("eco", "change", "error.tree_link_backwards"),
    ("eco", "svc", "error.tree_link_same_kind"),
])
def test_bad_links_are_refused_and_nothing_is_written(
        engine: Engine, source: str, target: str, code: str) -> None:
    plan_id = _plan(engine)
    ids = _small_tree(engine, plan_id)
    with pytest.raises(ValidationError) as info:
        link_nodes(engine, ids[source], ids[target], who("tester"))
    assert info.value.code == code
    assert "teknologi → forandring → gevinst" in info.value.message("da") or \
        code == "error.tree_link_same_kind"
    assert read_tree(engine, plan_id).links == []


def test_link_between_plans_and_twice_refused(engine: Engine) -> None:
    a, b = _plan(engine, "A"), _plan(engine, "B")
    ids_a, ids_b = _small_tree(engine, a), _small_tree(engine, b)
    with pytest.raises(ValidationError) as info:
        link_nodes(engine, ids_a["tech"], ids_b["change"], who("tester"))
    assert info.value.code == "error.tree_link_other_plan"
    link_nodes(engine, ids_a["tech"], ids_a["change"], who("tester"))
    with pytest.raises(ValidationError) as info:
        link_nodes(engine, ids_a["tech"], ids_a["change"], who("tester"))
    assert info.value.code == "error.tree_link_exists"


def test_unlink_and_relink_keep_one_row(engine: Engine) -> None:
    plan_id = _plan(engine)
    ids = _small_tree(engine, plan_id)
    link = link_nodes(engine, ids["tech"], ids["change"], who("anna"))
    unlink(engine, link.id, who("bo"))
    assert read_tree(engine, plan_id).links == []
    with pytest.raises(NotFoundError):
        unlink(engine, link.id, who("bo"))
    again = link_nodes(engine, ids["tech"], ids["change"], who("cai"))
    assert again.id == link.id and again.archived_at is None
    with Session(engine) as session:
        assert len(session.exec(select(TreeLink)).all()) == 1


def test_archive_node_archives_its_links_but_deletes_nothing(engine: Engine) -> None:
    plan_id = _plan(engine)
    ids = _small_tree(engine, plan_id)
    link_nodes(engine, ids["tech"], ids["change"], who("t"))
    link_nodes(engine, ids["change"], ids["eco"], who("t"))
    archive_node(engine, ids["change"], who("t"))
    tree = read_tree(engine, plan_id)
    assert ids["change"] not in {n.id for n in tree.nodes}
    assert tree.links == []
    with Session(engine) as session:
        assert len(session.exec(select(TreeNode)).all()) == 5
        assert all(link.archived_at is not None for link in session.exec(select(TreeLink)))
    with pytest.raises(NotFoundError):
        link_nodes(engine, ids["tech"], ids["change"], who("t"))


def test_node_validation(engine: Engine) -> None:
    plan_id = _plan(engine)
    cases = [
        (NodeInput("root", "x"), "error.tree_unknown_kind", "kind"),
        (NodeInput("goal", "   "), "error.name_required", "name"),
        (NodeInput("goal", "x" * 201), "error.name_too_long", "name"),
        (NodeInput("benefit", "Gevinst", benefit_type=""), "error.tree_benefit_type",
         "benefit_type"),
    ]
    for data, code, field in cases:
        with pytest.raises(ValidationError) as info:
            add_node(engine, plan_id, data, who("t"))
        assert (info.value.code, info.value.field) == (code, field)
    with pytest.raises(NotFoundError):
        add_node(engine, 999, NodeInput("goal", "x"), who("t"))
    node = add_node(engine, plan_id, NodeInput("goal", "Mål", benefit_type="economic"), who("t"))
    assert node.benefit_type == ""  # only benefits carry a type
    with pytest.raises(ValidationError) as info:
        update_node(engine, node.id, NodeInput("change", "Mål"), who("t"))
    assert info.value.code == "error.tree_kind_fixed"
    updated = update_node(engine, node.id, NodeInput("goal", "Økonomisk råderum"), who("u"),
                          expected_version=1)
    assert (updated.name, updated.version, updated.updated_by) == ("Økonomisk råderum", 2, "u")
    with pytest.raises(ValidationError) as info:
        update_node(engine, node.id, NodeInput("goal", "Gammel"), who("v"), expected_version=1)
    assert info.value.code == "error.tree_stale"


def test_benefit_indicators(engine: Engine) -> None:
    plan_id, other = _plan(engine, "A"), _plan(engine, "B")
    i1, i2 = _indicator(engine, plan_id, "a"), _indicator(engine, plan_id, "b")
    foreign = _indicator(engine, other, "c")
    ids = _small_tree(engine, plan_id)
    set_benefit_indicators(engine, ids["eco"], [i1, i2], who("t"))
    set_benefit_indicators(engine, ids["eco"], [i2], who("t"))
    assert read_tree(engine, plan_id).indicators == {ids["eco"]: [i2]}
    set_benefit_indicators(engine, ids["eco"], [i1, i2], who("t"))  # i1 comes back, no new row
    with Session(engine) as session:
        assert len(session.exec(select(BenefitIndicator)).all()) == 2
    for bad, code in [([foreign], "error.tree_indicator_other_plan"),
                      ([12345], "error.tree_indicator_other_plan")]:
        with pytest.raises(ValidationError) as info:
            set_benefit_indicators(engine, ids["eco"], bad, who("t"))
        assert info.value.code == code
    with pytest.raises(ValidationError) as info:
        set_benefit_indicators(engine, ids["goal"], [i1], who("t"))
    assert info.value.code == "error.tree_indicators_only_benefit"


def test_demo_plan_has_a_complete_tree(demo_engine: Engine) -> None:
    from tracking.readmodel.plans import list_plans

    ksd = next(p for p in list_plans(demo_engine) if p.name.startswith("KSD"))
    tree = read_tree(demo_engine, ksd.id)
    counts = {k: len(tree.of_kind(k)) for k in KIND_ORDER}
    assert counts == {NodeKind.TECHNOLOGY: 1, NodeKind.CHANGE: 3, NodeKind.BENEFIT: 6,
                      NodeKind.GOAL: 3}
    assert tree.incomplete() == {}
    assert {n.benefit_type for n in tree.of_kind(NodeKind.BENEFIT)} == {
        "economic", "service", "quality"}
    linked = {link.source_id for link in tree.links} | {link.target_id for link in tree.links}
    assert linked == {n.id for n in tree.nodes}  # no loose element


# --- DOT -------------------------------------------------------------------------------


def test_dot_escape() -> None:
    assert dot_escape('Sagt "hej"') == 'Sagt \\"hej\\"'
    assert dot_escape("a\\b") == "a\\\\b"
    assert dot_escape("linje 1\nlinje 2\r") == "linje 1\\nlinje 2"
    assert dot_escape("\\N") == "\\\\N"  # not Graphviz's node-name escape


def test_tree_dot_colours_order_and_escaping(engine: Engine) -> None:
    plan_id = _plan(engine)
    ind = _indicator(engine, plan_id)
    evil = 'G"]; x -> y [label="h\\'  # short enough to stay on one label line
    eco = add_node(engine, plan_id, NodeInput("benefit", evil, benefit_type="economic",
                                              owner="Mette"), who("t"))
    svc = add_node(engine, plan_id, NodeInput("benefit", "Bedre service",
                                              benefit_type="quality"), who("t"))
    set_benefit_indicators(engine, eco.id, [ind], who("t"))
    goal = add_node(engine, plan_id, NodeInput("goal", "Råderum"), who("t"))
    link_nodes(engine, eco.id, goal.id, who("t"))
    dot = tree_dot(read_tree(engine, plan_id), "da", {ind: "Frigjorte årsværk"})

    assert dot.startswith("digraph") and dot.rstrip().endswith("}")
    assert "rankdir=LR" in dot
    assert 'x -> y [label="h' not in dot  # the quote did not end the string
    assert 'label="G\\"]; x -> y [label=\\"h\\\\\\n' in dot
    eco_line = next(line for line in dot.splitlines() if line.strip().startswith(f'"n{eco.id}"'))
    svc_line = next(line for line in dot.splitlines() if line.strip().startswith(f'"n{svc.id}"'))
    assert f'fillcolor="{ECONOMIC[0]}"' in eco_line and f'color="{ECONOMIC[1]}"' in eco_line
    assert f'fillcolor="{SERVICE[0]}"' in svc_line
    assert MISSING_BORDER in svc_line and "dashed" in svc_line  # incomplete: no owner
    assert "Ufuldstændig" in svc_line and MISSING_BORDER not in eco_line
    assert f'"n{eco.id}" -> "n{goal.id}";' in dot
    # Columns left to right, even the empty ones.
    assert '"a_technology" -> "a_change" -> "a_benefit" -> "a_goal" [style=invis];' in dot
    assert dot.index('label="Teknologi"') < dot.index('label="Forandringer"') < \
        dot.index('label="Gevinster"') < dot.index('label="Vision og mål"')
    assert 'label="Vision and goals"' in tree_dot(read_tree(engine, plan_id), "en")
