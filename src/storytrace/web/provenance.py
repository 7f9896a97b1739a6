"""Read queries over derivation links, stories, quotes and events, for the web app.

Those tables come with migrations 002 (links), 003 (stories) and 004 (quotes, events); on a database
without them every function here returns an empty result, so pages and endpoints keep working.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storytrace.store.stories import comparison_of
from storytrace.store.web_queries import ArticleSummary, EntityRef, article_summaries, entity_refs, has_table

DERIVING_KINDS = ("duplicate", "copy", "spun", "partial", "rewrite")


@dataclass(slots=True)
class LinkView:
    id: int
    source_id: str
    derived_id: str
    kind: str
    score: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    passages: list[dict[str, Any]] = field(default_factory=list)
    artifacts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class LinkPage:
    items: list[LinkView]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class StorySummary:
    id: str
    headline: str
    start: str | None
    end: str | None
    articles: int
    sources: int
    copies: int
    top_entities: list[EntityRef] = field(default_factory=list)


@dataclass(slots=True)
class StoryPage:
    items: list[StorySummary]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class MemberView:
    article: ArticleSummary
    role: str


@dataclass(slots=True)
class QuoteView:
    article_id: str
    kind: str
    text: str
    speaker: str | None = None
    speaker_id: str | None = None


@dataclass(slots=True)
class EventView:
    article_id: str
    type: str
    text: str
    actor: str | None = None
    recipient: str | None = None
    date: str | None = None


@dataclass(slots=True)
class StoryDetail:
    story: StorySummary
    members: list[MemberView]
    links: list[LinkView]
    comparison: dict[str, Any]
    quotes: list[QuoteView]
    events: list[EventView]


# --- links ------------------------------------------------------------------------------------

_LINK_COLUMNS = "id, source_id, derived_id, kind, score, evidence, passages, artifacts"


def _link(row: sqlite3.Row) -> LinkView:
    return LinkView(
        row["id"], row["source_id"], row["derived_id"], row["kind"], row["score"],
        json.loads(row["evidence"]), json.loads(row["passages"]), json.loads(row["artifacts"]),
    )  # fmt: skip


def list_links(
    connection: sqlite3.Connection, article: str | None, kind: str | None, limit: int, offset: int
) -> LinkPage:
    if not has_table(connection, "reuse_links"):
        return LinkPage([], 0, limit, offset)
    where = "(? IS NULL OR source_id = ? OR derived_id = ?) AND (? IS NULL OR kind = ?)"
    params = (article, article, article, kind, kind)
    total = connection.execute(f"SELECT COUNT(*) FROM reuse_links WHERE {where}", params).fetchone()[0]
    rows = connection.execute(
        f"SELECT {_LINK_COLUMNS} FROM reuse_links WHERE {where} ORDER BY id LIMIT ? OFFSET ?", (*params, limit, offset)
    )
    return LinkPage([_link(row) for row in rows], total, limit, offset)


def get_link(connection: sqlite3.Connection, link_id: int) -> LinkView | None:
    if not has_table(connection, "reuse_links"):
        return None
    row = connection.execute(f"SELECT {_LINK_COLUMNS} FROM reuse_links WHERE id = ?", (link_id,)).fetchone()
    return _link(row) if row else None


def links_among(connection: sqlite3.Connection, article_ids: list[str]) -> list[LinkView]:
    """Links whose two ends are both among the given articles."""
    if not article_ids or not has_table(connection, "reuse_links"):
        return []
    marks = ",".join("?" * len(article_ids))
    sql = f"SELECT {_LINK_COLUMNS} FROM reuse_links WHERE source_id IN ({marks}) AND derived_id IN ({marks})"
    return [_link(row) for row in connection.execute(sql, (*article_ids, *article_ids))]


def links_deriving(connection: sqlite3.Connection, derived_id: str) -> list[LinkView]:
    """The links that make this article a derivative of another, best first."""
    if not has_table(connection, "reuse_links"):
        return []
    rows = connection.execute(
        f"SELECT {_LINK_COLUMNS} FROM reuse_links WHERE derived_id = ? ORDER BY score DESC", (derived_id,)
    )
    return [_link(row) for row in rows]


# --- stories ----------------------------------------------------------------------------------

_STORY_SUMMARY = """
    SELECT s.id, s.headline, s.start, s."end", s.entity_ids,
           COUNT(m.article_id) AS articles, COUNT(DISTINCT a.site) AS sources,
           SUM(m.role = 'copy') AS copies
    FROM stories AS s LEFT JOIN story_members AS m ON m.story_id = s.id
    LEFT JOIN articles AS a ON a.id = m.article_id
    WHERE {where} GROUP BY s.id ORDER BY s."end" DESC, s.id LIMIT ? OFFSET ?
"""
_TOP_ENTITIES = 5


def _stories_ready(connection: sqlite3.Connection) -> bool:
    return has_table(connection, "stories") and has_table(connection, "story_members")


def list_stories(connection: sqlite3.Connection, query: str | None, limit: int, offset: int) -> StoryPage:
    """Latest first; ``query`` keeps stories whose headline holds it."""
    if not _stories_ready(connection):
        return StoryPage([], 0, limit, offset)
    where = "s.merged_into IS NULL AND (? IS NULL OR s.headline LIKE '%' || ? || '%')"
    total = connection.execute(f"SELECT COUNT(*) FROM stories AS s WHERE {where}", (query, query)).fetchone()[0]
    page_ids = [row[0] for row in connection.execute(
        f'SELECT s.id FROM stories AS s WHERE {where} ORDER BY s."end" DESC, s.id LIMIT ? OFFSET ?',
        (query, query, limit, offset),
    )]  # fmt: skip
    if not page_ids:
        return StoryPage([], total, limit, offset)
    marks = ",".join("?" * len(page_ids))
    rows = connection.execute(_STORY_SUMMARY.format(where=f"s.id IN ({marks})"), (*page_ids, limit, 0)).fetchall()
    return StoryPage([_story(connection, row) for row in rows], total, limit, offset)


def _story(connection: sqlite3.Connection, row: sqlite3.Row) -> StorySummary:
    entity_ids = json.loads(row["entity_ids"])[:_TOP_ENTITIES]
    return StorySummary(
        row["id"], row["headline"], row["start"], row["end"], row["articles"], row["sources"],
        int(row["copies"] or 0), entity_refs(connection, entity_ids),
    )  # fmt: skip


def story_detail(connection: sqlite3.Connection, story_id: str) -> StoryDetail | None:
    if not _stories_ready(connection):
        return None
    row = connection.execute(_STORY_SUMMARY.format(where="s.id = ?"), (story_id, 1, 0)).fetchone()
    if row is None or row["id"] is None:
        return None
    members = _members(connection, story_id)
    ids = [member.article.id for member in members]
    stored = connection.execute("SELECT comparison FROM stories WHERE id = ?", (story_id,)).fetchone()[0]
    return StoryDetail(
        _story(connection, row), members, links_among(connection, ids), comparison_of(connection, story_id, stored),
        quotes_of(connection, ids), events_of(connection, ids),
    )  # fmt: skip


def _members(connection: sqlite3.Connection, story_id: str) -> list[MemberView]:
    rows = connection.execute(
        "SELECT article_id, role FROM story_members WHERE story_id = ? ORDER BY position", (story_id,)
    ).fetchall()
    summaries = article_summaries(connection, [row["article_id"] for row in rows])
    members = [MemberView(summaries[row["article_id"]], row["role"]) for row in rows if row["article_id"] in summaries]
    return sorted(members, key=lambda member: (member.article.published is None, member.article.published or ""))


def merged_into(connection: sqlite3.Connection, story_id: str) -> str | None:
    """The story a merged-away story went into (through later merges too), or None."""
    if not has_table(connection, "story_merges"):
        return None
    seen, current = {story_id}, story_id
    while (row := connection.execute("SELECT into_id FROM story_merges WHERE absorbed = ?", (current,)).fetchone()):
        current = row[0]
        if current in seen:
            return None  # a cycle: no story to point to
        seen.add(current)
    return None if current == story_id else current


def story_of_article(connection: sqlite3.Connection, article_id: str) -> str | None:
    if not _stories_ready(connection):
        return None
    row = connection.execute("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


# --- quotes and events (migration 004) ------------------------------------------------------

_QUOTE_SELECT = """
    SELECT q.article_id, q.kind, q.speaker, q.speaker_id, q.content_start, q.content_end,
           coalesce(substr(a.text, q.content_start + 1, q.content_end - q.content_start), '') AS content
    FROM quotes AS q JOIN articles AS a ON a.id = q.article_id
"""
_EVENT_SELECT = """
    SELECT e.article_id, e.type, e.actor_text, e.actor_code, e.recipient_text, e.recipient_code, e.date,
           substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence
    FROM events AS e JOIN articles AS a ON a.id = e.article_id
"""


def _quote(row: sqlite3.Row) -> QuoteView:
    return QuoteView(row["article_id"], row["kind"], row["content"], row["speaker"], row["speaker_id"])


def _event(row: sqlite3.Row) -> EventView:
    actor = row["actor_text"] or row["actor_code"]
    recipient = row["recipient_text"] or row["recipient_code"]
    return EventView(row["article_id"], row["type"], row["evidence"] or "", actor, recipient, row["date"])


def _select_if_present(
    connection: sqlite3.Connection, table: str, sql: str, params: Sequence[Any]
) -> list[sqlite3.Row]:
    if not has_table(connection, table):
        return []
    return connection.execute(sql, params).fetchall()


def _for_articles(
    connection: sqlite3.Connection, table: str, select: str, ids: list[str], limit: int
) -> list[sqlite3.Row]:
    if not ids:
        return []
    alias = table[0]
    sql = f"{select} WHERE {alias}.article_id IN ({','.join('?' * len(ids))}) ORDER BY {alias}.id LIMIT ?"
    return _select_if_present(connection, table, sql, (*ids, limit))


def quotes_of(connection: sqlite3.Connection, article_ids: list[str], limit: int = 500) -> list[QuoteView]:
    return [_quote(row) for row in _for_articles(connection, "quotes", _QUOTE_SELECT, article_ids, limit)]


def events_of(connection: sqlite3.Connection, article_ids: list[str], limit: int = 500) -> list[EventView]:
    return [_event(row) for row in _for_articles(connection, "events", _EVENT_SELECT, article_ids, limit)]


def quote_spans(connection: sqlite3.Connection, article_id: str) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of each quote's content in the article's text."""
    rows = _for_articles(connection, "quotes", _QUOTE_SELECT, [article_id], 1000)
    spans = [(r["content_start"], r["content_end"], r["speaker"] or "unattributed") for r in rows]
    return [span for span in spans if span[0] is not None]


def quotes_by_speaker(connection: sqlite3.Connection, entity_id: str, limit: int = 100) -> list[QuoteView]:
    sql = f"{_QUOTE_SELECT} WHERE q.speaker_id = ? ORDER BY q.id LIMIT ?"
    return [_quote(row) for row in _select_if_present(connection, "quotes", sql, (entity_id, limit))]


def events_involving(connection: sqlite3.Connection, code: str | None, limit: int = 100) -> list[EventView]:
    """Events whose actor or recipient carries this country code."""
    if code is None:
        return []
    sql = f"{_EVENT_SELECT} WHERE e.actor_code = ? OR e.recipient_code = ? ORDER BY e.id LIMIT ?"
    return [_event(row) for row in _select_if_present(connection, "events", sql, (code, code, limit))]


def list_quotes(connection: sqlite3.Connection, limit: int, offset: int) -> tuple[list[QuoteView], int]:
    rows = _select_if_present(connection, "quotes", f"{_QUOTE_SELECT} ORDER BY q.id LIMIT ? OFFSET ?", (limit, offset))
    return [_quote(row) for row in rows], _count(connection, "quotes")


def list_events(connection: sqlite3.Connection, limit: int, offset: int) -> tuple[list[EventView], int]:
    rows = _select_if_present(connection, "events", f"{_EVENT_SELECT} ORDER BY e.id LIMIT ? OFFSET ?", (limit, offset))
    return [_event(row) for row in rows], _count(connection, "events")


def _count(connection: sqlite3.Connection, table: str) -> int:
    return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]) if has_table(connection, table) else 0
