"""Persistence of quotes and events (tables from migration 004), and their export rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storytrace.model import Article, Event, Quote, Span
from storytrace.nlp.quotes_match import content_key, event_key
from storytrace.store.queries import select_in

_QUOTE_COLUMNS = ("article_id", "kind", "content_start", "content_end", "cue_start", "cue_end", "source_start",
                  "source_end", "speaker_id", "speaker", "broken", "content_key")
_EVENT_COLUMNS = ("article_id", "type", "mode", "evidence_start", "evidence_end", "actor_text", "actor_code",
                  "actor_sector", "actor_entity_id", "recipient_text", "recipient_code", "recipient_sector",
                  "recipient_entity_id", "date", "negated", "future", "hypothetical", "event_key")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def _ends(span: Span | None) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span else (None, None)


def quote_values(quote: Quote, article: Article) -> tuple:
    key = content_key(quote.content.of(article.text)) if quote.content else None
    return (quote.article_id, quote.kind, *_ends(quote.content), *_ends(quote.cue), *_ends(quote.source),
            quote.speaker_id, quote.speaker, int(quote.broken), key)


def event_values(event: Event) -> tuple:
    actor, recipient = event.actor, event.recipient
    return (
        event.article_id, event.type, event.mode, event.evidence.start, event.evidence.end,
        actor and actor.text, actor and actor.code, actor and actor.sector, actor and actor.entity_id,
        recipient and recipient.text, recipient and recipient.code, recipient and recipient.sector,
        recipient and recipient.entity_id, event.date.isoformat() if event.date else None,
        int(event.negated), int(event.future), int(event.hypothetical), event_key(event),
    )


def save_quotes(connection: sqlite3.Connection, article: Article, quotes: Iterable[Quote]) -> None:
    """Replaces the article's stored quotes with ``quotes``."""
    connection.execute("DELETE FROM quotes WHERE article_id = ?", (article.id,))
    connection.executemany(_insert("quotes", _QUOTE_COLUMNS), (quote_values(q, article) for q in quotes))


def load_quotes(connection: sqlite3.Connection, article_ids: Sequence[str]) -> list[Quote]:
    """The stored quotes of these articles, article by article in the given order."""
    sql = f"SELECT {', '.join(_QUOTE_COLUMNS)} FROM quotes WHERE article_id IN ({{}}) ORDER BY id"
    by_article: dict[str, list[Quote]] = {}
    for row in select_in(connection, sql, list(dict.fromkeys(article_ids))):
        by_article.setdefault(row[0], []).append(_quote(row))
    return [quote for article_id in article_ids for quote in by_article.pop(article_id, [])]


def _quote(row: Sequence[Any]) -> Quote:
    article_id, kind, *ends, speaker_id, speaker, broken, _ = row
    content, cue, source = (Span(ends[i], ends[i + 1]) if ends[i] is not None else None for i in (0, 2, 4))
    return Quote(article_id, kind, content, cue, source, speaker_id, speaker, bool(broken))


def save_events(connection: sqlite3.Connection, article_id: str, events: Iterable[Event]) -> None:
    """Replaces the article's stored events with ``events``."""
    connection.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
    connection.executemany(_insert("events", _EVENT_COLUMNS), (event_values(e) for e in events))


def _rows(connection: sqlite3.Connection, sql: str) -> Iterator[dict[str, Any]]:
    cursor = connection.execute(sql)
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row))


def iter_quote_rows(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Export rows: one quote a row, with its content as written and its first appearance's article."""
    yield from _rows(connection, """
        SELECT q.*, substr(a.text, q.content_start + 1, q.content_end - q.content_start) AS content,
               (SELECT q2.article_id FROM quotes q2 JOIN articles a2 ON a2.id = q2.article_id
                 WHERE q2.content_key = q.content_key ORDER BY a2.published IS NULL, a2.published, a2.seq
                 LIMIT 1) AS first_article_id
          FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.seq, q.id""")


def iter_event_rows(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    yield from _rows(connection, """
        SELECT e.*, substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence, a.url
          FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.seq, e.id""")


def iter_event_summary_rows(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """GDELT-like flat rows: one real-world event a row (mentions sharing ``event_key`` in one story;
    an undated "China accused ..." in two stories is two events), with its story and coverage."""
    yield from _rows(connection, """
        SELECT min(e.date) AS date, e.actor_code AS actor1_code, e.actor_sector AS actor1_sector,
               e.type AS event_type, e.mode, e.recipient_code AS actor2_code,
               e.recipient_sector AS actor2_sector, m.story_id, count(DISTINCT e.article_id) AS articles,
               count(DISTINCT a.site) AS sources, min(a.url) AS evidence_url, e.event_key
          FROM events e JOIN articles a ON a.id = e.article_id
          LEFT JOIN story_members m ON m.article_id = e.article_id
         GROUP BY m.story_id, e.event_key ORDER BY min(e.date), e.event_key, m.story_id""")
