"""Entity, removal and skipped listings, and the summary."""

from __future__ import annotations

from storytrace.model import Entity, Mention, Removal, Skipped, Span
from storytrace.store import Store

ENTITIES = [
    Entity("country:JPN", "country", "Japan", "JPN", {"Japan": 3, "Japanese": 1}),
    Entity("country:USA", "country", "United States", "USA", {"U.S.": 1}),
    Entity("person:ada", "person", "Ada Lovelace", None, {"Ada Lovelace": 1}),
]


def mention(text: str, word: str, entity_id: str | None, label: str = "GPE") -> Mention:
    start = text.index(word)
    return Mention(Span(start, start + len(word)), word, label, entity_id)


def footer(text: str) -> Removal:
    return Removal(Span(text.index("Share"), len(text)), "site-boilerplate", "Share this")


def fill(store: Store, make_article) -> None:
    first = "Japan and Japan again. U.S. talks. Share this"
    second = "Japan met Ada Lovelace. Share this"
    third = "Nothing here. Share this"
    again = first.index("Japan again")
    first_mentions = [
        mention(first, "Japan", "country:JPN"),
        Mention(Span(again, again + 5), "Japan", "GPE", "country:JPN"),
        mention(first, "U.S.", "country:USA"),
    ]
    second_mentions = [mention(second, "Japan", "country:JPN"), mention(second, "Ada Lovelace", "person:ada", "PERSON")]
    too_short = Removal(Span(0, 13), "too-short", "Nothing here.", "under 20 characters")
    articles = [
        make_article("one", first, site="a.com", removals=[footer(first)], mentions=first_mentions),
        make_article("two", second, site="b.com", removals=[footer(second)], mentions=second_mentions),
        make_article("three", third, site=None, removals=[footer(third), too_short]),
    ]
    skipped = [Skipped("in/x.html", "no body"), Skipped("in/y.html", "no body"), Skipped("in/z.warc#2", "not html")]
    store.save_batch(store.start_run(["in"]), articles, skipped, ENTITIES, [])


def test_iter_entities_counts_articles_and_mentions(store: Store, make_article) -> None:
    fill(store, make_article)
    entities = {row["id"]: row for row in store.iter_entities()}
    assert entities["country:JPN"] == {
        "id": "country:JPN", "kind": "country", "name": "Japan", "code": "JPN",
        "variants": {"Japan": 3, "Japanese": 1}, "articles": 2, "mentions": 3,
    }  # fmt: skip
    assert (entities["country:USA"]["articles"], entities["country:USA"]["mentions"]) == (1, 1)
    assert entities["person:ada"]["code"] is None


def test_iter_entities_lists_unmentioned_entities_with_zero_counts(store: Store) -> None:
    store.save_batch(store.start_run([]), [], [], [Entity("org:acme", "org", "Acme")], [])
    assert list(store.iter_entities()) == [
        {"id": "org:acme", "kind": "org", "name": "Acme", "code": None, "variants": {}, "articles": 0, "mentions": 0}
    ]


def test_iter_entities_pages_through_many_entities(store: Store) -> None:
    many = [Entity(f"org:{i:05d}", "org", f"Org {i}") for i in range(1234)]
    store.save_batch(store.start_run([]), [], [], many, [])
    assert [row["id"] for row in store.iter_entities()] == [entity.id for entity in many]


def test_iter_removals_lists_every_removal_with_its_article(store: Store, make_article) -> None:
    fill(store, make_article)
    removals = list(store.iter_removals())
    assert len(removals) == 4
    assert removals[-1] == {
        "article_id": "three", "start": 0, "end": 13, "reason": "too-short",
        "detail": "under 20 characters", "text": "Nothing here.",
    }  # fmt: skip
    assert {row["article_id"] for row in removals if row["reason"] == "site-boilerplate"} == {"one", "two", "three"}


def test_summary_counts_everything(store: Store, make_article) -> None:
    fill(store, make_article)
    summary = store.summary()
    assert summary["articles"] == 3
    assert summary["sources"] == 2
    assert summary["removals"] == {"site-boilerplate": 3, "too-short": 1}
    assert summary["skipped"] == {"no body": 2, "not html": 1}
    assert summary["entities"] == {"country": 2, "person": 1}
    assert summary["mentions"] == 5
    assert summary["runs"] == 1
    assert summary["top_entities"] == [
        {"id": "country:JPN", "name": "Japan", "kind": "country", "articles": 2},
        {"id": "country:USA", "name": "United States", "kind": "country", "articles": 1},
        {"id": "person:ada", "name": "Ada Lovelace", "kind": "person", "articles": 1},
    ]
    assert len(store.summary(top=1)["top_entities"]) == 1


def test_summary_of_an_empty_store(store: Store) -> None:
    assert store.summary() == {
        "articles": 0, "sources": 0, "removals": {}, "skipped": {}, "entities": {},
        "mentions": 0, "top_entities": [], "runs": 0,
    }  # fmt: skip


def test_check_finds_no_problems_in_a_filled_store(store: Store, make_article) -> None:
    fill(store, make_article)
    assert store.check() == []


def test_check_reports_a_search_index_out_of_step(store: Store, make_article) -> None:
    fill(store, make_article)
    store.connection.execute("DROP TRIGGER articles_fts_after_update")
    store.connection.execute("UPDATE articles SET clean_text = 'changed behind the index' WHERE id = 'one'")
    assert any("full-text" in problem for problem in store.check())
    store.rebuild_search_index()
    assert store.check() == []
