"""Persistence of stories, their members and merges (tables from migration 003).

Functions take an open connection; the caller owns the transaction (as with ``store.reuse``).
Saving a story replaces its stored record and members.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from storytrace.model import Story, StoryMember

_UPSERT_STORY = (
    'INSERT INTO stories (id, headline, start, "end", entity_ids, merged_into, comparison, updated_at) '
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, "
    'start = excluded.start, "end" = excluded."end", entity_ids = excluded.entity_ids, '
    "merged_into = excluded.merged_into, comparison = excluded.comparison, updated_at = excluded.updated_at"
)
_INSERT_MEMBER = "INSERT INTO story_members (story_id, article_id, role, position) VALUES (?, ?, ?, ?)"
_UPSERT_MERGE = (
    "INSERT INTO story_merges (absorbed, into_id, score, merged_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (absorbed) DO UPDATE SET into_id = excluded.into_id, score = excluded.score"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def save_stories(
    connection: sqlite3.Connection,
    stories: Iterable[Story],
    comparisons: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Upserts each story with its members; ``comparisons`` maps story id -> comparison dict."""
    comparisons = comparisons or {}
    now = _now()
    for story in stories:
        comparison = json.dumps(comparisons.get(story.id, {}), ensure_ascii=False)
        connection.execute(_UPSERT_STORY, _story_row(story, comparison, now))
        connection.execute("DELETE FROM story_members WHERE story_id = ?", (story.id,))
        connection.executemany(
            _INSERT_MEMBER, ((story.id, m.article_id, m.role, i) for i, m in enumerate(story.members))
        )


def _story_row(story: Story, comparison: str, now: str) -> tuple:
    span = (_iso(story.start), _iso(story.end))
    return (story.id, story.headline, *span, json.dumps(story.entity_ids), story.merged_into, comparison, now)


def save_merge(connection: sqlite3.Connection, absorbed: str, into_id: str, score: float) -> None:
    """Records a merge; the absorbed story's stored record and members are removed."""
    connection.execute(_UPSERT_MERGE, (absorbed, into_id, score, _now()))
    connection.execute("DELETE FROM stories WHERE id = ?", (absorbed,))


def load_story(connection: sqlite3.Connection, story_id: str) -> Story | None:
    row = connection.execute(
        'SELECT id, headline, start, "end", entity_ids, merged_into FROM stories WHERE id = ?', (story_id,)
    ).fetchone()
    if row is None:
        return None
    return Story(
        id=row[0],
        headline=row[1],
        start=_parse(row[2]),
        end=_parse(row[3]),
        members=_members(connection, story_id),
        entity_ids=json.loads(row[4]),
        merged_into=row[5],
    )


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _members(connection: sqlite3.Connection, story_id: str) -> list[StoryMember]:
    rows = connection.execute(
        "SELECT article_id, role FROM story_members WHERE story_id = ? ORDER BY position", (story_id,)
    )
    return [StoryMember(article_id, role) for article_id, role in rows]


def story_of_articles(connection: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """article id -> story id, for the given articles that belong to a stored story."""
    found: dict[str, str] = {}
    for first in range(0, len(article_ids), 500):
        chunk = list(article_ids[first : first + 500])
        sql = f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({','.join('?' * len(chunk))})"
        found.update(dict(connection.execute(sql, chunk).fetchall()))
    return found


def iter_story_rows(connection: sqlite3.Connection, with_comparison: bool = True) -> Iterator[dict[str, Any]]:
    """One export row per story: story_id, headline, start, end, article_ids, roles, entity_ids, comparison."""
    stories = connection.execute(
        'SELECT id, headline, start, "end", entity_ids, comparison FROM stories ORDER BY start IS NULL, start, id'
    ).fetchall()
    for story_id, headline, start, end, entity_ids, comparison in stories:
        members = _members(connection, story_id)
        row: dict[str, Any] = {
            "story_id": story_id,
            "headline": headline,
            "start": start,
            "end": end,
            "article_ids": [m.article_id for m in members],
            "roles": [m.role for m in members],
            "entity_ids": json.loads(entity_ids),
        }
        if with_comparison:
            row["comparison"] = json.loads(comparison)
        yield row
