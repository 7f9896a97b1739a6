"""A restarted story stage takes its state back from the store: stories keep their ids, new ones
never reuse an old id, and stories long over are not replayed."""

from datetime import datetime, timedelta

import pytest

from storytrace.engine.local import Pipeline
from storytrace.engine.stages import StoryStage
from storytrace.model import Story, StoryMember
from storytrace.store import Store
from storytrace.store.stories import iter_story_rows, replay_plan, save_merge, save_stories
from tests.paths import ECB_SAMPLE


def _stories(store: Store) -> dict[str, list[str]]:
    return {row["story_id"]: row["article_ids"] for row in iter_story_rows(store.connection, with_comparison=False)}


def _ingest(db, analyzer, *paths) -> dict[str, list[str]]:
    with Store(db) as store:
        Pipeline(store, analyzer, stages=[StoryStage(store)]).ingest(list(paths))
        return _stories(store)


@pytest.fixture(scope="module")
def halves(tmp_path_factory):
    folder = tmp_path_factory.mktemp("replay")
    lines = ECB_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    second.write_text("".join(lines[len(lines) // 2 :]), encoding="utf-8")
    return folder, first, second


def test_two_runs_give_the_stories_of_one_run(halves, analyzer):
    folder, first, second = halves
    in_one = _ingest(folder / "one.sqlite", analyzer, first, second)
    _ingest(folder / "two.sqlite", analyzer, first)
    in_two = _ingest(folder / "two.sqlite", analyzer, second)
    assert in_two == in_one


def _story(story_id: str, end: datetime | None, *members: str) -> Story:
    start = end - timedelta(hours=1) if end else None
    return Story(story_id, "headline", start, end, [StoryMember(m, "independent") for m in members])


def test_the_plan_skips_stories_long_over_and_keeps_the_numbering(tmp_path):
    now = datetime(2024, 5, 30)
    with Store(tmp_path / "s.sqlite") as store:
        for article_id in ("old", "new", "undated", "gone"):
            store.connection.execute(
                "INSERT INTO articles (id, origin, fmt, text, clean_text, ingested_at) VALUES (?, 't', 'txt', '', '', '')",
                (article_id,),
            )
        old, new = _story("story-000001", now - timedelta(days=90), "old"), _story("story-000002", now, "new")
        save_stories(store.connection, [old, new, _story("story-000003", None, "undated")])
        save_merge(store.connection, "story-000007", "story-000002", 0.95)
        plan = replay_plan(store.connection, timedelta(days=33), recent_articles=1)
    assert plan.articles == [("new", "story-000002"), ("undated", "story-000003"), ("gone", None)]
    assert plan.aliases == {"story-000007": "story-000002"}
    assert plan.highest_story_number == 7
