"""The benefit tree as a Graphviz DOT string, read left to right.

Pure (no Streamlit): `tree_dot` returns text for `st.graphviz_chart` or any Graphviz.
Colours follow the method: economic benefits red, service and quality benefits green;
technology and changes light blue. A benefit without owner or indicator is drawn with a
thick dashed border and says what it lacks. Every user-typed text passes through
`dot_escape`, so quotes, backslashes and newlines cannot break or inject DOT.
"""

from __future__ import annotations

import textwrap

from tracking.i18n import translate
from tracking.models import BenefitType, NodeKind, TreeNode
from tracking.readmodel.tree import KIND_ORDER, BenefitTree

WRAP = 30  # characters per label line: boxes stay narrow enough for four columns
FONT = "DejaVu Sans"
STYLE = {
    NodeKind.TECHNOLOGY: ("#c6dbef", "#2171b5", "#08306b"),  # fill, border, text
    NodeKind.CHANGE: ("#deebf7", "#4292c6", "#08306b"),
    NodeKind.GOAL: ("#f0f0f0", "#525252", "#000000"),
}
ECONOMIC = ("#fbd5d5", "#c0392b", "#641e16")  # red: economic benefit
SERVICE = ("#d5f5e3", "#1e8449", "#145a32")  # green: service / quality benefit
MISSING_BORDER = "#e67e22"


def dot_escape(text: str) -> str:
    """Text for inside a double-quoted DOT string: backslash, quote and line breaks.

    Graphviz reads backslash sequences (\\N, \\G, \\l, …) in labels, so every backslash is
    doubled; a quote would end the string; a raw newline becomes the centred line break
    "\\n". Control characters are dropped.
    """
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char in "\r\t" or ord(char) < 32:
            out.append(" " if char == "\t" else "")
        else:
            out.append(char)
    return "".join(out)


def _label(lines: list[str]) -> str:
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, WRAP, break_long_words=True) or [""])
    return "\\n".join(dot_escape(line) for line in wrapped)


def node_colours(kind: str, benefit_type: str) -> tuple[str, str, str]:
    if kind == NodeKind.BENEFIT:
        return ECONOMIC if benefit_type == BenefitType.ECONOMIC else SERVICE
    return STYLE[NodeKind(kind)]


def _node_line(node: TreeNode, tree: BenefitTree, lang: str, names: dict[int, str],
               incomplete: dict[int, list[str]]) -> str:
    """One node statement. Benefits say their owner and how many indicators they have."""
    fill, border, ink = node_colours(node.kind, node.benefit_type)
    lines = [node.name]
    attrs = [f'fillcolor="{fill}"', f'color="{border}"', f'fontcolor="{ink}"', "penwidth=1.5"]
    if node.kind == NodeKind.BENEFIT:
        kind_word = translate(f"tree.benefit_type.{node.benefit_type}", lang)
        inds = [names.get(i, f"#{i}") for i in tree.indicators.get(node.id, [])]
        lines.append(f"[{kind_word}] {node.owner}".rstrip())  # a missing owner: see below
        if inds:
            lines.append(translate("tree.indicator_count", lang, count=len(inds)))
        gaps = incomplete.get(node.id)
        if gaps:
            lines.append(translate("tree.incomplete_short", lang, missing=", ".join(
                translate(f"tree.gap.{g}", lang) for g in gaps)))
            attrs = [f'fillcolor="{fill}"', f'color="{MISSING_BORDER}"', f'fontcolor="{ink}"',
                     "penwidth=3", 'style="rounded,filled,dashed"']
        tip = f"{translate('tree.indicators', lang)}: {', '.join(inds)}" if inds else ""
    else:
        tip = ""
    attrs.insert(0, f'label="{_label(lines)}"')
    tooltip = "\\n".join(dot_escape(x) for x in (node.description, tip) if x)
    tooltip = tooltip or dot_escape(node.name)
    attrs.append(f'tooltip="{tooltip}"')
    return f'"n{node.id}" [{", ".join(attrs)}];'


def tree_dot(tree: BenefitTree, lang: str = "da",
             indicator_names: dict[int, str] | None = None) -> str:
    """The DOT source of a plan's tree: four columns with a heading each."""
    names = indicator_names or {}
    incomplete = tree.incomplete()
    out = [
        "digraph gevinsttrae {",
        '  graph [rankdir=LR, newrank=true, nodesep=0.2, ranksep=0.8, '
        f'bgcolor="transparent", fontname="{FONT}"];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=13, '
        "margin=\"0.15,0.08\"];",
        '  edge [color="#737373", arrowsize=0.7];',
    ]
    # One cluster per column, headed by its name. An invisible anchor per column,
    # chained by invisible edges, fixes the left-to-right order even for columns that
    # are empty or not linked yet.
    for kind in KIND_ORDER:
        heading = dot_escape(translate(f"tree.column.{kind.value}", lang))
        members = [n for n in tree.nodes if n.kind == kind]
        out.append(f'  subgraph "cluster_{kind.value}" {{')
        out.append(f'    label="{heading}"; labelloc=t; fontsize=18; fontcolor="#252525"; '
                   'style="rounded"; color="#d9d9d9"; margin=12;')
        out.append(f'    "a_{kind.value}" [label="", shape=point, style=invis, width=0, '
                   'height=0];')
        ids = " ".join(f'"n{n.id}";' for n in members)
        out.append(f'    {{ rank=same; "a_{kind.value}"; {ids} }}')
        for node in members:
            out.append(f"    {_node_line(node, tree, lang, names, incomplete)}")
        out.append("  }")
    heads = " -> ".join(f'"a_{k.value}"' for k in KIND_ORDER)
    out.append(f"  {heads} [style=invis];")
    known = {n.id for n in tree.nodes}
    for link in tree.links:
        if link.source_id in known and link.target_id in known:
            out.append(f'  "n{link.source_id}" -> "n{link.target_id}";')
    out.append("}")
    return "\n".join(out)
