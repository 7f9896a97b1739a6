"""A database built from the bundled examples by the real pipeline, plus two crafted articles (a copy of
seed 003 with a swapped word, and one whose text and metadata carry script payloads), and the
provenance rows (a story over the seeds, derivation links) written through the store's own modules."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storytrace.engine.local import Pipeline
from storytrace.model import Actor, Article, Artifact, Event, Evidence, Passage, Quote, ReuseLink, Span, Story, StoryMember
from storytrace.store.sqlite import Store
from storytrace.web.app import create_app
from tests.paths import ECB_SAMPLE, SEEDS

XSS_ID = "xss-probe"
COPY_ID = "copycat-003"
STORY_ID = "story-seeds"
SCRIPT_PAYLOAD = "<script>window.__pwned = 1; document.title = 'pwned';</script>"
SOURCE_PARAGRAPH_START = "TOKYO/WASHINGTON (Reuters) – The United States and Japan on Friday expressed grave concern"


@dataclass(frozen=True)
class WebData:
    db: Path
    seed_000: str
    seed_003: str


def crafted_articles(seed_003_text: str) -> list[dict]:
    start = seed_003_text.index(SOURCE_PARAGRAPH_START)
    paragraph = seed_003_text[start : seed_003_text.index("\n", start)]
    copied = paragraph.replace("TOKYO/WASHINGTON (Reuters) – ", "").replace("grave", "serious")
    xss_text = (
        f"Breaking: {SCRIPT_PAYLOAD} officials in Japan said the <b>talks <i>went well.\n"
        "Read more at <a href=\"javascript:alert(1)\">this link</a> <img src=x onerror=\"window.__pwned=2\"> "
        "and the ministers of Japan and the United States will meet again next month in Tokyo."
    )
    return [
        {"id": COPY_ID, "site": "copycat.example", "title": "Japan and U.S. vow to work together",
         "published": "2021-03-20T12:00:00Z", "text": copied},
        {"id": XSS_ID, "site": "evil.example", "url": "javascript:window.__pwned=3",
         "title": "<img src=x onerror=window.__pwned=4>Payload", "published": "2021-03-21T08:00:00Z", "text": xss_text},
    ]  # fmt: skip


def seed_id(connection: sqlite3.Connection, file_name: str) -> str:
    return connection.execute("SELECT id FROM articles WHERE origin LIKE ?", (f"%{file_name}",)).fetchone()[0]


def copy_link(seed_003: str, seed_003_text: str, copy_text: str) -> ReuseLink:
    source_start = seed_003_text.index(SOURCE_PARAGRAPH_START) + len("TOKYO/WASHINGTON (Reuters) – ")
    source_end = seed_003_text.index("\n", source_start)
    swapped = copy_text.index("serious")
    return ReuseLink(
        source_id=seed_003, derived_id=COPY_ID, kind="spun", score=0.93,
        evidence=[Evidence("publication-time", "the source was published first"),
                  Evidence("wire-credit", "the copy drops the Reuters credit", "kind")],
        passages=[Passage(Span(source_start, source_end), Span(0, len(copy_text)), 0.95)],
        artifacts=[Artifact("substituted-word", Span(swapped, swapped + len("serious")), "serious", "grave"),
                   Artifact("lost-attribution", Span(0, 0), "", "(Reuters)")],
    )  # fmt: skip


QUOTED = "They are resolved to work together to deter"


def quotes_and_events(connection: sqlite3.Connection, seed_003: str) -> tuple[Article, list[Quote], list[Event]]:
    text = connection.execute("SELECT text FROM articles WHERE id = ?", (seed_003,)).fetchone()[0]
    article = Article(id=seed_003, origin="seed", fmt="text", text=text)
    start = text.index(QUOTED)
    blinken = connection.execute("SELECT id FROM entities WHERE name LIKE '%Blinken%'").fetchone()[0]
    quotes = [Quote(seed_003, "direct", Span(start, start + len(QUOTED)), speaker="the statement"),
              Quote(seed_003, "indirect", Span(text.index("the two countries would sign"), text.index("the two countries would sign") + 60),
                    speaker_id=blinken, speaker="Antony Blinken")]  # fmt: skip
    sentence = Span(text.index("The United States and Japan on Friday"), text.index("emerging defense threats.") + 25)
    events = [Event(seed_003, "CONSULT", sentence, actor=Actor("The United States", "USA"), recipient=Actor("Japan", "JPN"))]
    return article, quotes, events


def add_provenance(store: Store, seed_000: str, seed_003: str) -> None:
    from storytrace.store.quotes import save_events, save_quotes
    from storytrace.store.reuse import save_links
    from storytrace.store.stories import save_stories

    connection = store.connection
    texts = dict(connection.execute("SELECT id, text FROM articles WHERE id IN (?, ?)", (seed_003, COPY_ID)).fetchall())
    members = [StoryMember(seed_000, "independent"), StoryMember(seed_003, "original"), StoryMember(COPY_ID, "copy")]
    story = Story(STORY_ID, "Japan and U.S. vow to collaborate more on defence", members=members,
                  entity_ids=["country:JPN", "country:USA", "country:CHN"])  # fmt: skip
    comparison = {"facts": [{"text": "The ministers met by video.", "article_ids": [seed_000], "sources": ["seed"], "alone": True}],
                  "differences": [{"kind": "name", "values": {seed_003: ["grave"], COPY_ID: ["serious"]}, "context": "concern"}]}  # fmt: skip
    connection.execute("BEGIN IMMEDIATE")
    save_links(connection, [copy_link(seed_003, texts[seed_003], texts[COPY_ID])])
    save_stories(connection, [story], {STORY_ID: comparison})
    article, quotes, events = quotes_and_events(connection, seed_003)
    save_quotes(connection, article, quotes)
    save_events(connection, seed_003, events)
    connection.execute("COMMIT")


@pytest.fixture(scope="session")
def web_data(tmp_path_factory, analyzer) -> WebData:
    folder = tmp_path_factory.mktemp("web")
    seed_003_text = (SEEDS / "003_1508c65b7f82f917.txt").read_text(encoding="utf-8")
    crafted = folder / "crafted.jsonl"
    crafted.write_text("\n".join(json.dumps(item) for item in crafted_articles(seed_003_text)) + "\n", encoding="utf-8")
    db = folder / "web.db"
    with Store(db) as store:
        report = Pipeline(store, analyzer).ingest([SEEDS, ECB_SAMPLE, crafted])
        assert report.inserted == 22, report.skipped
        seed_000 = seed_id(store.connection, "000_86b96b84a695d559.txt")
        seed_003 = seed_id(store.connection, "003_1508c65b7f82f917.txt")
        add_provenance(store, seed_000, seed_003)
    return WebData(db, seed_000, seed_003)


@pytest.fixture(scope="session")
def client(web_data) -> TestClient:
    return TestClient(create_app(web_data.db))
