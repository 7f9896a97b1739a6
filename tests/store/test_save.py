"""Saving batches and reading them back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from storytrace.model import Dateline, Entity, Mention, Removal, Skipped, Span
from storytrace.store import Store, StoreError

Dump = Callable[[Path], list[str]]

WIRE_TEXT = (
    "Allies agree on chips\n"
    "Allies agree on chips\n"
    "TOKYO/WASHINGTON (Reuters) – Japan and the United States agreed on Friday to widen export curbs.\n"
    "Register now to get free unlimited access to Reuters.com"
)


def wire_article(make_article):
    text = WIRE_TEXT
    dateline_start = text.index("TOKYO")
    dateline_end = text.index("–") + 1
    japan = text.index("Japan and")
    us = text.index("the United States")
    wall = text.index("Register now")
    kept = Span(22, wall - 1)
    return make_article(
        "wire-1",
        text,
        clean_text=kept.of(text),
        url="https://farm.example/chips",
        site="farm.example",
        title="Allies agree on chips",
        published=datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=9))),
        published_from="html",
        authors=["Written by publishing team"],
        byline="Written by publishing team",
        dateline=Dateline(Span(dateline_start, dateline_end), ("Tokyo", "Washington"), "Reuters"),
        extra={"lang": "en", "tags": ["chips", "trade"], "note": "naïve – ünïcode"},
        removals=[
            Removal(Span(0, 21), "repeated-in-document", text[0:21], "the headline appears twice"),
            Removal(Span(wall, len(text)), "registration-wall", text[wall:], ""),
        ],
        sentences=[Span(22, len(text) - 57)],
        tokens=17,
        mentions=[
            Mention(Span(japan, japan + 5), "Japan", "GPE", "country:JPN"),
            Mention(Span(us + 4, us + 17), "United States", "GPE", "country:USA"),
            Mention(Span(dateline_start, dateline_start + 5), "TOKYO", "GPE", "country:JPN"),
            Mention(Span(text.index("Friday"), text.index("Friday") + 6), "Friday", "DATE"),
        ],
    )


ENTITIES = [
    Entity("country:JPN", "country", "Japan", "JPN", {"Japan": 1, "TOKYO": 1}),
    Entity("country:USA", "country", "United States", "USA", {"United States": 1}),
]


def test_an_article_round_trips_with_everything_attached(store: Store, make_article) -> None:
    article = wire_article(make_article)
    run_id = store.start_run(["farm.jsonl"])
    assert store.save_batch(run_id, [article], [], ENTITIES, []) == 1

    row = store.get_article("wire-1")
    assert row is not None
    assert row["text"] == WIRE_TEXT and row["clean_text"] == article.clean_text
    assert row["published"] == "2024-03-01T09:30:00+09:00"
    assert datetime.fromisoformat(row["published"]) == article.published
    assert row["authors"] == ["Written by publishing team"]
    assert row["extra"] == {"lang": "en", "tags": ["chips", "trade"], "note": "naïve – ünïcode"}
    assert row["sentences"] == [[22, len(WIRE_TEXT) - 57]] and row["tokens"] == 17
    assert row["dateline"] == {
        "places": ["Tokyo", "Washington"], "wire": "Reuters",
        "start": article.dateline.span.start, "end": article.dateline.span.end,
    }  # fmt: skip
    assert row["run_id"] == run_id and row["published_from"] == "html"


def test_removals_and_mentions_come_back_grouped_by_entity(store: Store, make_article) -> None:
    article = wire_article(make_article)
    store.save_batch(store.start_run([]), [article], [], ENTITIES, [])
    row = store.get_article("wire-1")
    assert row is not None
    assert [(r["reason"], r["text"]) for r in row["removals"]] == [
        ("repeated-in-document", "Allies agree on chips"),
        ("registration-wall", "Register now to get free unlimited access to Reuters.com"),
    ]
    assert row["removals"][0]["detail"] == "the headline appears twice"
    by_id = {entity["id"]: entity for entity in row["entities"]}
    assert [entity["id"] for entity in row["entities"]] == ["country:JPN", "country:USA"]  # first mention first
    assert [m["text"] for m in by_id["country:JPN"]["mentions"]] == ["TOKYO", "Japan"]
    assert by_id["country:USA"]["code"] == "USA" and by_id["country:USA"]["name"] == "United States"
    assert row["unlinked_mentions"] == [
        {"start": WIRE_TEXT.index("Friday"), "end": WIRE_TEXT.index("Friday") + 6, "text": "Friday", "label": "DATE"}
    ]
    for entity in row["entities"]:
        for mention in entity["mentions"]:
            assert WIRE_TEXT[mention["start"] : mention["end"]] == mention["text"]


def test_iter_articles_matches_get_article_and_pages_through_everything(store: Store, make_article) -> None:
    articles = [make_article(f"a{i:04d}", f"Story number {i}.") for i in range(1203)]
    articles[700] = wire_article(make_article)
    store.save_batch(store.start_run([]), articles, [], ENTITIES, [])
    exported = list(store.iter_articles())
    assert [row["id"] for row in exported] == [article.id for article in articles]
    assert exported[700] == store.get_article("wire-1")
    assert store.get_article("no-such-id") is None


def test_saving_the_same_ids_again_inserts_and_changes_nothing(
    store: Store, db_path: Path, make_article, dump_db: Dump
) -> None:
    run_id = store.start_run(["first.jsonl"])
    first = [wire_article(make_article), make_article("plain", "Only text.", site=None)]
    assert store.save_batch(run_id, first, [Skipped("bad.html", "no body")], ENTITIES, []) == 2
    before = dump_db(db_path)

    changed = [make_article("wire-1", "A different text entirely."), make_article("plain", "Also changed.")]
    assert store.save_batch(run_id, changed, [Skipped("bad.html", "no body")], ENTITIES, []) == 0
    assert dump_db(db_path) == before


def test_an_id_repeated_inside_one_batch_is_stored_once_first_wins(store: Store, make_article) -> None:
    batch = [make_article("dup", "First version."), make_article("dup", "Second version.")]
    assert store.save_batch(store.start_run([]), batch, [], [], []) == 1
    row = store.get_article("dup")
    assert row is not None and row["text"] == "First version."


def test_a_failure_partway_through_a_batch_leaves_nothing_of_it(
    store: Store, db_path: Path, make_article, dump_db: Dump
) -> None:
    run_id = store.start_run([])
    store.save_batch(run_id, [make_article("kept", "Committed earlier.")], [], [], [("footer", "example.com", 1)])
    before = dump_db(db_path)

    broken = make_article("broken", "Has a text.")
    broken.text = None  # type: ignore[assignment]  # violates NOT NULL after two articles went in
    batch = [wire_article(make_article), make_article("fine", "Fine."), broken, make_article("late", "Late.")]
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        store.save_batch(run_id, batch, [Skipped("x.warc#3", "no html")], ENTITIES, [("footer", "example.com", 5)])

    assert dump_db(db_path) == before
    assert store.known_ids(["wire-1", "fine", "broken", "late"]) == set()
    assert store.connection.in_transaction is False
    assert store.save_batch(run_id, [make_article("after", "Still writable.")], [], [], []) == 1


def test_a_mention_of_an_unknown_entity_fails_the_batch(store: Store, make_article) -> None:
    orphan = make_article("orphan", "Ruritania.", mentions=[Mention(Span(0, 9), "Ruritania", "GPE", "country:RUR")])
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.save_batch(store.start_run([]), [orphan], [], [], [])
    assert store.known_ids(["orphan"]) == set()


def test_a_mention_may_name_an_entity_saved_in_an_earlier_batch(store: Store, make_article) -> None:
    run_id = store.start_run([])
    store.save_batch(run_id, [], [], ENTITIES, [])
    later = make_article("later", "Japan.", mentions=[Mention(Span(0, 5), "Japan", "GPE", "country:JPN")])
    assert store.save_batch(run_id, [later], [], [], []) == 1


def test_known_ids_handles_more_ids_than_one_sql_statement_should_carry(store: Store, make_article) -> None:
    stored = [make_article(f"id-{i}") for i in range(0, 2400, 2)]
    store.save_batch(store.start_run([]), stored, [], [], [])
    asked = (f"id-{i}" for i in range(2400))  # any iterable, here a generator
    assert store.known_ids(asked) == {article.id for article in stored}
    assert store.known_ids([]) == set()


def test_entities_are_upserted_replacing_name_and_variants(store: Store) -> None:
    run_id = store.start_run([])
    renamed = Entity("person:ada", "person", "Ada Lovelace", None, {"Ada": 2, "Lovelace": 1})
    store.save_batch(run_id, [], [], [Entity("person:ada", "person", "Ada", None, {"Ada": 2})], [])
    store.save_batch(run_id, [], [], [renamed], [])
    assert store.load_entities() == [renamed]


def test_line_stats_add_up_across_batches(store: Store) -> None:
    run_id = store.start_run([])
    store.save_batch(run_id, [], [], [], [("share this", "a.com", 2), ("share this", "b.com", 1)])
    store.save_batch(run_id, [], [], [], [("share this", "a.com", 3), ("subscribe", "a.com", 1)])
    assert sorted(store.load_line_stats()) == [
        ("share this", "a.com", 5),
        ("share this", "b.com", 1),
        ("subscribe", "a.com", 1),
    ]


def test_skipped_inputs_are_recorded_once_per_origin_and_reason(store: Store) -> None:
    first_run = store.start_run(["in"])
    second_run = store.start_run(["in"])
    store.save_batch(first_run, [], [Skipped("in/a.html", "no body"), Skipped("in/a.html", "no body")], [], [])
    store.save_batch(second_run, [], [Skipped("in/a.html", "no body"), Skipped("in/a.html", "bad encoding")], [], [])
    assert list(store.iter_skipped()) == [
        {"run_id": first_run, "origin": "in/a.html", "reason": "no body"},
        {"run_id": second_run, "origin": "in/a.html", "reason": "bad encoding"},
    ]


def test_sources_get_one_row_per_site_and_unknown_sites_stay_null(store: Store, make_article, db_path: Path) -> None:
    run_id = store.start_run([])
    store.save_batch(run_id, [make_article("a", site="a.com"), make_article("b", site=None)], [], [], [])
    store.save_batch(run_id, [make_article("c", site="a.com"), make_article("d", site="b.com")], [], [], [])
    with closing(sqlite3.connect(db_path)) as other:
        sources = other.execute("SELECT name, first_seen <= last_seen FROM sources ORDER BY name").fetchall()
    assert sources == [("a.com", 1), ("b.com", 1)]
    unknown = store.get_article("b")
    assert unknown is not None and unknown["site"] is None


def test_runs_record_paths_times_and_counts(store: Store, db_path: Path) -> None:
    run_id = store.start_run(["in/a.jsonl", "in/b.warc.gz"])
    store.finish_run(run_id, {"read": 10, "saved": 8, "skipped": 2})
    with closing(sqlite3.connect(db_path)) as other:
        started, finished, paths, counts = other.execute(
            "SELECT started, finished, paths, counts FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
    assert paths == '["in/a.jsonl", "in/b.warc.gz"]' and counts == '{"read": 10, "saved": 8, "skipped": 2}'
    assert datetime.fromisoformat(started).utcoffset() == timedelta(0)
    assert started <= finished
    with pytest.raises(StoreError, match="no run"):
        store.finish_run(run_id + 99, {})


def test_a_second_connection_sees_committed_batches(store: Store, db_path: Path, make_article) -> None:
    with Store(db_path) as reader:
        assert reader.known_ids(["seen"]) == set()
        store.save_batch(store.start_run([]), [make_article("seen", "Now visible.")], [], [], [])
        assert reader.known_ids(["seen"]) == {"seen"}
        assert reader.search("visible")[0]["id"] == "seen"


def test_extra_writes_share_the_batch_transaction(store: Store, make_article) -> None:
    def note_run(connection: sqlite3.Connection) -> None:
        connection.execute("UPDATE runs SET counts = '{\"noted\": 1}'")

    def fail(connection: sqlite3.Connection) -> None:
        raise RuntimeError("a later stage failed")

    run_id = store.start_run([])
    with pytest.raises(RuntimeError):
        store.save_batch(run_id, [make_article("a", "Text.")], [], [], [], extra_writes=[note_run, fail])
    assert store.known_ids(["a"]) == set()
    assert store.connection.execute("SELECT counts FROM runs").fetchone()[0] == "{}"
    store.save_batch(run_id, [make_article("a", "Text.")], [], [], [], extra_writes=[note_run])
    assert store.known_ids(["a"]) == {"a"}
    assert store.connection.execute("SELECT counts FROM runs").fetchone()[0] == '{"noted": 1}'


def test_load_articles_gives_back_the_model_objects(store: Store, make_article) -> None:
    original = wire_article(make_article)
    store.save_batch(store.start_run([]), [original], [], ENTITIES, [])
    [loaded] = store.load_articles(["wire-1", "missing"])
    for name in ("id", "text", "clean_text", "site", "title", "url", "dateline", "removals", "sentences"):
        assert getattr(loaded, name) == getattr(original, name), name
    assert loaded.published == original.published
    assert sorted(loaded.mentions, key=lambda m: m.span) == sorted(original.mentions, key=lambda m: m.span)
