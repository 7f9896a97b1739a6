"""Geometry for the server-drawn SVG pictures: bar charts and the story's derivation graph.

The templates only place shapes at the coordinates computed here; nothing is drawn by script.
"""

from __future__ import annotations

from dataclasses import dataclass

from storytrace.store.web_queries import PeriodCount
from storytrace.web.provenance import LinkView, MemberView

CHART_WIDTH, CHART_HEIGHT, CHART_BASE = 640, 180, 150
MAX_MONTHS = 240
LANES = ("original", "copy", "independent")
LANE_GAP, NODE_GAP, NODE_RADIUS, GRAPH_MARGIN = 90, 130, 14, 70


@dataclass(slots=True, frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass(slots=True, frozen=True)
class Chart:
    bars: list[Bar]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    base: int = CHART_BASE


def timeline_chart(periods: list[PeriodCount]) -> Chart:
    """One bar a month (articles mentioning the entity), scaled to the busiest; empty months kept."""
    periods = with_empty_months(periods)
    if not periods:
        return Chart([])
    top = max(period.articles for period in periods) or 1
    slot = CHART_WIDTH / len(periods)
    width = max(min(slot * 0.7, 60), 2)
    bars = []
    for index, period in enumerate(periods):
        height = (CHART_BASE - 20) * period.articles / top
        x = index * slot + (slot - width) / 2
        top_y = round(CHART_BASE - height, 1)
        bars.append(Bar(round(x, 1), top_y, round(width, 1), round(height, 1), period.period, period.articles))
    return Chart(bars)


def with_empty_months(periods: list[PeriodCount]) -> list[PeriodCount]:
    """Months without mentions filled in between the first and last ("YYYY-MM"), "undated" kept last."""
    dated = {p.period: p for p in periods if _is_month(p.period)}
    others = [p for p in periods if not _is_month(p.period)]
    if not dated:
        return others
    first, last = min(dated), max(dated)
    year, month = int(first[:4]), int(first[5:7])
    filled = []
    while f"{year:04d}-{month:02d}" <= last and len(filled) < MAX_MONTHS:
        key = f"{year:04d}-{month:02d}"
        filled.append(dated.get(key, PeriodCount(key, 0, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled + others


def _is_month(period: str) -> bool:
    return len(period) == 7 and period[:4].isdigit() and period[4] == "-" and period[5:].isdigit()


@dataclass(slots=True, frozen=True)
class ShareBar:
    """A horizontal bar of ``share`` (0..1) out of ``width`` pixels."""

    share: float
    width: int = 200

    @property
    def filled(self) -> float:
        return round(max(0.0, min(self.share, 1.0)) * self.width, 1)

    @property
    def percent(self) -> str:
        return f"{self.share * 100:.0f}%"


@dataclass(slots=True, frozen=True)
class Node:
    article_id: str
    x: float
    y: float
    role: str
    label: str
    date: str


@dataclass(slots=True, frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str

    @property
    def label_x(self) -> float:
        return round((self.x1 + self.x2) / 2, 1)

    @property
    def label_y(self) -> float:
        return round((self.y1 + self.y2) / 2 - 6, 1)


@dataclass(slots=True, frozen=True)
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    width: float
    height: float
    lanes: list[tuple[str, float]]


def derivation_graph(members: list[MemberView], links: list[LinkView]) -> Graph:
    """Articles left to right in time, one lane per role; an arrow from each source to its copy."""
    nodes = [_node(index, member) for index, member in enumerate(members)]
    where = {node.article_id: node for node in nodes}
    drawn = [link for link in links if link.source_id in where and link.derived_id in where]
    edges = [_edge(where[link.source_id], where[link.derived_id], link.kind) for link in drawn]
    width = GRAPH_MARGIN * 2 + NODE_GAP * max(len(nodes) - 1, 0) + 60
    lanes = [(lane, _lane_y(lane)) for lane in LANES]
    return Graph(nodes, edges, max(width, 420), _lane_y(LANES[-1]) + 50, lanes)


def _lane_y(role: str) -> float:
    return 40 + LANE_GAP * (LANES.index(role) if role in LANES else len(LANES) - 1)


def _node(index: int, member: MemberView) -> Node:
    article = member.article
    label = article.site or article.title or article.id
    label = label if len(label) <= 24 else label[:23] + "…"
    x = GRAPH_MARGIN + 60 + index * NODE_GAP
    return Node(article.id, x, _lane_y(member.role), member.role, label, (article.published or "undated")[:10])


def _edge(source: Node, derived: Node, kind: str) -> Edge:
    dx, dy = derived.x - source.x, derived.y - source.y
    length = max((dx * dx + dy * dy) ** 0.5, 1.0)
    shrink = (NODE_RADIUS + 4) / length
    return Edge(
        round(source.x + dx * shrink, 1), round(source.y + dy * shrink, 1),
        round(derived.x - dx * shrink, 1), round(derived.y - dy * shrink, 1), kind,
    )  # fmt: skip
