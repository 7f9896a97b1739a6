"""Stories persist with their members, comparison and merges, and export one row per story."""

from __future__ import annotations

from datetime import datetime

from storytrace.model import Article, Quote, Span, Story, StoryMember
from storytrace.store import Store
from storytrace.store.stories import iter_story_rows, load_story, save_merge, save_stories, story_of_articles
from storytrace.stories.compare import compare_story


def story(story_id: str, *members: str, headline: str = "Quake hits Lima") -> Story:
    roles = ["original"] + ["copy"] * (len(members) - 1)
    return Story(
        id=story_id,
        headline=headline,
        start=datetime(2024, 3, 1),
        end=datetime(2024, 3, 2),
        members=[StoryMember(m, r) for m, r in zip(members, roles)],
        entity_ids=["place:lima"],
    )


def test_saved_story_loads_back_and_exports(tmp_path):
    with Store(tmp_path / "s.db") as store:
        save_stories(store.connection, [story("s1", "a", "b")], {"s1": {"facts": [{"text": "x"}]}})
        assert load_story(store.connection, "s1") == story("s1", "a", "b")
        [row] = list(iter_story_rows(store.connection))
    assert row["article_ids"] == ["a", "b"] and row["roles"] == ["original", "copy"]
    assert row["comparison"] == {"facts": [{"text": "x"}]}
    assert row["start"] == "2024-03-01T00:00:00"


def test_a_story_saved_without_a_comparison_gets_it_from_its_stored_members_when_read(tmp_path):
    def member(article_id: str, text: str, site: str) -> Article:
        return Article(id=article_id, origin=article_id, fmt="text", text=text, clean_text=text, site=site)

    shared = "The earthquake killed 40 people in the northern province, officials said."
    left = member("a", f"{shared}\nThe weather was mild.", "left.example")
    right = member("b", f"{shared}\nMarkets rose sharply in Tokyo after the announcement.", "right.example")
    with Store(tmp_path / "s.db") as store:
        store.save_batch(store.start_run([]), [left, right], [], [], [])
        save_stories(store.connection, [story("s1", "a", "b")])
        [row] = list(iter_story_rows(store.connection))
    facts = {fact["text"]: fact["article_ids"] for fact in row["comparison"]["facts"]}
    assert facts[shared] == ["a", "b"] and facts["Markets rose sharply in Tokyo after the announcement."] == ["b"]
    assert row["comparison"] == compare_story([left, right]).as_dict()


def test_a_comparison_made_when_read_carries_the_members_stored_quotes(tmp_path):
    from storytrace.store.quotes import save_quotes

    said = "“There are no coded messages here,” Hornung said."
    left = Article(id="a", origin="a", fmt="text", text=said, clean_text=said, site="left.example")
    other = "Intro.\n" + said.replace("Hornung", "Jeffrey Hornung")
    right = Article(id="b", origin="b", fmt="text", text=other, clean_text=other, site="right.example")

    def quote(article: Article, speaker: str) -> Quote:
        start = article.text.index("“")
        return Quote(article.id, "direct", Span(start, article.text.index("”") + 1), speaker=speaker)

    writes = [lambda c: save_quotes(c, left, [quote(left, "Hornung")]),
              lambda c: save_quotes(c, right, [quote(right, "Jeffrey Hornung")])]  # fmt: skip
    with Store(tmp_path / "s.db") as store:
        store.save_batch(store.start_run([]), [left, right], [], [], [], extra_writes=writes)
        save_stories(store.connection, [story("s1", "a", "b")])
        [row] = list(iter_story_rows(store.connection))
    [carried] = row["comparison"]["quotes"]
    assert carried["article_ids"] == ["a", "b"] and carried["sources"] == ["left.example", "right.example"]
    assert carried["speakers"] == {"a": "Hornung", "b": "Jeffrey Hornung"}


def test_saving_again_replaces_members_and_a_merge_removes_the_absorbed_story(tmp_path):
    with Store(tmp_path / "s.db") as store:
        save_stories(store.connection, [story("s1", "a"), story("s2", "c")])
        save_stories(store.connection, [story("s1", "a", "b", headline="New")])
        save_merge(store.connection, "s2", "s1", 0.93)
        assert load_story(store.connection, "s2") is None
        assert load_story(store.connection, "s1").headline == "New"
        assert story_of_articles(store.connection, ["a", "b", "c"]) == {"a": "s1", "b": "s1"}
        merges = store.connection.execute("SELECT absorbed, into_id FROM story_merges").fetchall()
    assert [tuple(m) for m in merges] == [("s2", "s1")]
