"""The pure helpers behind the pages: text layers and picture geometry."""

from __future__ import annotations

from storytrace.store.web_queries import ArticleSummary, PeriodCount
from storytrace.web.pictures import ShareBar, derivation_graph, timeline_chart, with_empty_months
from storytrace.web.provenance import LinkView, MemberView
from storytrace.web.textmarks import Layer, pieces


def test_pieces_cover_the_text_exactly_and_carry_their_layers():
    text = "Hello Japan. Register now. Bye."
    layers = [Layer(6, 11, "mention", "country", "Japan", "country:JPN"), Layer(13, 26, "removal", "registration-wall")]
    found = pieces(text, layers)
    assert "".join(piece.text for piece in found) == text
    japan = next(piece for piece in found if piece.text == "Japan")
    assert japan.mention.target == "country:JPN" and japan.removal is None
    wall = next(piece for piece in found if piece.removal)
    assert wall.text == "Register now." and wall.opens_removal and wall.css == "layer-removal"


def test_overlapping_layers_split_pieces_and_only_the_first_piece_opens_a_removal():
    text = "abcdefghij"
    found = pieces(text, [Layer(2, 8, "removal", "r"), Layer(5, 10, "mention", "person", "x", "person:x")])
    assert [piece.text for piece in found] == ["ab", "cde", "fgh", "ij"]
    assert [piece.opens_removal for piece in found] == [False, True, False, False]
    assert found[2].removal and found[2].mention and found[3].mention and not found[3].removal


def test_layers_outside_the_text_are_ignored():
    assert [piece.text for piece in pieces("short", [Layer(3, 99, "removal", "r"), Layer(-1, 2, "mention", "x")])] == ["short"]


def test_empty_months_are_filled_and_undated_stays_last():
    periods = [PeriodCount("2020-11", 2, 3), PeriodCount("2021-02", 1, 1), PeriodCount("undated", 4, 4)]
    filled = with_empty_months(periods)
    assert [p.period for p in filled] == ["2020-11", "2020-12", "2021-01", "2021-02", "undated"]
    assert [p.articles for p in filled] == [2, 0, 0, 1, 4]
    chart = timeline_chart(periods)
    assert [bar.height for bar in chart.bars][1] == 0 and max(bar.height for bar in chart.bars) == chart.bars[-1].height


def test_share_bar_is_clamped():
    assert ShareBar(1.5, 200).filled == 200 and ShareBar(0.25, 200).percent == "25%"


def summary(article_id: str, site: str | None, published: str | None) -> ArticleSummary:
    return ArticleSummary(article_id, "A title", site, published, None, 10)


def test_derivation_graph_places_articles_in_time_and_role_lanes():
    members = [MemberView(summary("a", "wire.example", "2021-01-01"), "original"),
               MemberView(summary("b", None, "2021-01-02"), "copy"),
               MemberView(summary("c", "other.example", None), "independent")]  # fmt: skip
    links = [LinkView(1, "a", "b", "copy", 0.9), LinkView(2, "a", "outside", "copy", 0.9)]
    graph = derivation_graph(members, links)
    xs = [node.x for node in graph.nodes]
    assert xs == sorted(xs) and len({node.y for node in graph.nodes}) == 3
    assert [edge.kind for edge in graph.edges] == ["copy"]
    edge = graph.edges[0]
    assert graph.nodes[0].x < edge.x1 < edge.x2 < graph.nodes[1].x
    assert graph.nodes[1].label == "A title"
