"""The assignment benchmark runs, and a dated stream keeps its live state bounded."""

from __future__ import annotations

from storytrace.stories.benchmark import run_assignment_bench, run_closing_bench


def test_assignment_bench_reports_timings():
    report = run_assignment_bench(open_articles=150, per_story=3, measured=5)
    assert report["open_articles"] == 150 and report["open_stories"] >= 50
    assert report["assign_ms_median"] > 0


def test_stories_close_and_are_forgotten_so_memory_stays_bounded():
    # 12 days, 40 articles a day, a new event every 3 articles: ~13 stories a day. Quiet period
    # 2 days, forgotten 5 days after: at most ~3 days of stories open, ~8 days kept.
    report = run_closing_bench(articles=480, per_day=40)
    stories_per_day = 40 / 3
    assert max(report["open_stories_per_day"][-4:]) <= 3.5 * stories_per_day
    assert max(report["kept_stories_per_day"][-4:]) <= 8.5 * stories_per_day
    assert report["tracked_articles"] < 480
