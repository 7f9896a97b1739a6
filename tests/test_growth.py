from xml.etree import ElementTree

from storytrace.growth import as_rows, run_growth, write_svg


def test_growth_reads_each_checkpoint_once_and_costs_accumulate(tmp_path):
    points = run_growth([80, 20, 80, 160])
    assert [point.articles for point in points] == [20, 80, 160]
    assert all(b.fingerprint_seconds >= a.fingerprint_seconds for a, b in zip(points, points[1:]))
    assert all(b.cluster_seconds >= a.cluster_seconds for a, b in zip(points, points[1:]))
    assert points[-1].index_mb > 0 and points[-1].kept_stories >= points[-1].open_stories > 0
    assert set(as_rows(points)[0]) >= {"articles", "articles_per_second", "rss_mb", "index_mb"}
    assert points[-1].peak_rss_mb > 0 and points[-1].rss_mb > 0 and points[-1].indexed_articles == 160


def test_growth_index_keeps_only_its_window():
    points = run_growth([50, 150], reuse_window=40)
    assert points[0].indexed_articles == 50 and 40 < points[1].indexed_articles <= 51  # a quarter of the window late
    assert points[-1].index_mb <= points[0].index_mb * 1.5


def test_growth_plot(tmp_path):
    points = run_growth([20, 80, 160])

    plot = tmp_path / "growth.svg"
    write_svg(points, plot)
    svg = ElementTree.parse(plot).getroot()
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 4  # two stages' seconds, two memory series
    assert all(len(line.get("points").split()) == 3 for line in lines)
