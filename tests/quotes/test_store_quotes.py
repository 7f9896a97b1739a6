"""Quotes and events saved by store/quotes.py, exported with first appearances and event groups."""

from datetime import datetime

from storytrace.model import Actor, Article, Event, Quote, Span
from storytrace.nlp.quotes_match import group_quotes
from storytrace.store import Store
from storytrace.store.quotes import iter_event_summary_rows, iter_quote_rows, save_events, save_quotes

QUOTE = "“There are no coded messages here,” Hornung said."


def _article(article_id: str, text: str, day: int) -> Article:
    return Article(id=article_id, origin=article_id, fmt="text", text=text, clean_text=text,
                   published=datetime(2022, 1, day), site=f"site{day}.example", url=f"https://site{day}.example/a")


def _quote(article_id: str, text: str) -> Quote:
    end = text.index("”") + 1
    return Quote(article_id, "direct", Span(text.index("“"), end), speaker_id="person:jeffrey-hornung")


def test_quotes_and_events_round_trip_with_first_appearance(tmp_path):
    later = _article("later", "Intro line.\n" + QUOTE, 9)
    earlier = _article("earlier", QUOTE, 7)
    writes = []
    for article in (later, earlier):
        event = Event(article.id, "CONSULT", Span(0, 5), actor=Actor("US", "USA", "GOV"),
                      recipient=Actor("Japan", "JPN"), date=datetime(2022, 1, 7))
        writes.append(lambda c, a=article: save_quotes(c, a, [_quote(a.id, a.text)]))
        writes.append(lambda c, a=article, e=event: save_events(c, a.id, [e]))
    with Store(tmp_path / "s.db") as store:
        store.save_batch(store.start_run([]), [later, earlier], [], [], [], extra_writes=writes)
        connection = store.connection
        rows = list(iter_quote_rows(connection))
        summary = list(iter_event_summary_rows(connection))
    assert {row["content"] for row in rows} == {"“There are no coded messages here,”"}
    assert {row["first_article_id"] for row in rows} == {"earlier"}
    assert [(r["event_type"], r["actor1_code"], r["actor2_code"], r["articles"], r["sources"]) for r in summary] == [
        ("CONSULT", "USA", "JPN", 2, 2)]


def test_group_quotes_links_wording_variants_earliest_first():
    first = Quote("a", "direct", Span(0, 1), speaker="Hornung")
    second = Quote("b", "direct", Span(0, 1), speaker="Jeffrey Hornung")
    other = Quote("c", "direct", Span(0, 1), speaker="Blinken")
    groups = group_quotes([
        (second, "“There are no coded messages here”", datetime(2022, 1, 9)),
        (first, "“There are no coded messages here,”", datetime(2022, 1, 7)),
        (other, "“must not only strengthen the tools we have”", datetime(2022, 1, 8)),
    ])
    hornung = next(group for group in groups if len(group.members) == 2)
    assert hornung.members[0][0] is first and hornung.speakers == {"Hornung", "Jeffrey Hornung"}
    assert len(hornung.wordings) == 2 and len(groups) == 2


def test_the_flat_event_export_counts_one_event_per_story(tmp_path):
    from storytrace.model import Story, StoryMember
    from storytrace.store.stories import save_stories

    articles = [_article(article_id, "China accused Taiwan.", day) for article_id, day in (("a", 7), ("b", 8), ("c", 9))]
    undated = [Event(a.id, "ACCUSE", Span(0, 20), actor=Actor("China", "CHN"), recipient=Actor("Taiwan", "TWN")) for a in articles]
    stories = [Story("story-1", "one", members=[StoryMember("a", "original"), StoryMember("b", "independent")]),
               Story("story-2", "two", members=[StoryMember("c", "original")])]  # fmt: skip
    writes = [lambda c, e=event: save_events(c, e.article_id, [e]) for event in undated]
    writes.append(lambda c: save_stories(c, stories))
    with Store(tmp_path / "s.db") as store:
        store.save_batch(store.start_run([]), articles, [], [], [], extra_writes=writes)
        summary = list(iter_event_summary_rows(store.connection))
    assert sorted((row["story_id"], row["event_type"], row["articles"], row["sources"]) for row in summary) == [
        ("story-1", "ACCUSE", 2, 2), ("story-2", "ACCUSE", 1, 1)]
