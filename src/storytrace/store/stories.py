"""Persistence of stories, their members and merges (tables from migration 003).

Functions take an open connection; the caller owns the transaction (as with ``store.reuse``).
Saving a story replaces its stored record and members.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from storytrace.model import Story, StoryMember
from storytrace.store import queries
from storytrace.store.quotes import load_quotes
from storytrace.stories.compare import compare_story

_TRAILING_NUMBER = re.compile(r"\d+$")
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
    """Upserts each story with its members; ``comparisons`` maps story id -> comparison dict (a
    story without one gets it from its stored members when read: see ``comparison_of``)."""
    comparisons = comparisons or {}
    now = _now()
    for story in stories:
        comparison = json.dumps(comparisons.get(story.id), ensure_ascii=False)  # JSON null: made when read
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
            row["comparison"] = comparison_of(connection, story_id, comparison)
        yield row


def comparison_of(connection: sqlite3.Connection, story_id: str, stored: str) -> dict[str, Any]:
    """The story's cross-source comparison: as stored, or, where JSON null is stored, computed from
    its stored members. The ingest stores null: recomputing every touched story's comparison over
    all its members, each batch, cost ingest the more the larger the story."""
    comparison = json.loads(stored)
    if comparison is not None:
        return comparison
    member_ids = [member.article_id for member in _members(connection, story_id)]
    by_id = {article.id: article for article in queries.load_articles(connection, member_ids)}
    quotes = load_quotes(connection, member_ids) if queries.has_table(connection, "quotes") else []
    return compare_story([by_id[i] for i in member_ids if i in by_id], quotes).as_dict()


@dataclass(slots=True, frozen=True)
class ReplayPlan:
    """What the story clusterer needs back after a restart, instead of every stored article."""

    articles: list[tuple[str, str | None]]  # (article id, its live story or None), in arrival order
    aliases: dict[str, str]  # merged-away story id -> the story it went into
    highest_story_number: int  # the largest numeric suffix of any story id handed out so far


def replay_plan(connection: sqlite3.Connection, keep_after_end: timedelta, recent_articles: int) -> ReplayPlan:
    """The members of the stories still live (no end date, or an end within ``keep_after_end`` of
    the newest story end), plus the ``recent_articles`` last stored articles for term frequencies."""
    live = _live_story_ids(connection, keep_after_end)
    members = _members_in_arrival_order(connection, live)
    recent = connection.execute("SELECT id, seq FROM articles ORDER BY seq DESC LIMIT ?", (recent_articles,))
    ordered = {article_id: (seq, None) for article_id, seq in recent} | members
    articles = [(article_id, story) for article_id, (_, story) in sorted(ordered.items(), key=lambda kv: kv[1][0])]
    aliases = dict(connection.execute("SELECT absorbed, into_id FROM story_merges").fetchall())
    return ReplayPlan(articles, aliases, _highest_story_number(connection))


def _live_story_ids(connection: sqlite3.Connection, keep_after_end: timedelta) -> list[str]:
    rows = [(story_id, _parse(end)) for story_id, end in connection.execute('SELECT id, "end" FROM stories')]
    ends = [end for _, end in rows if end is not None]
    if not ends:
        return [story_id for story_id, _ in rows]
    newest = max(ends, key=_comparable)
    return [story_id for story_id, end in rows if end is None or _comparable(end) + keep_after_end >= _comparable(newest)]


def _comparable(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _members_in_arrival_order(connection: sqlite3.Connection, story_ids: list[str]) -> dict[str, tuple[int, str | None]]:
    found: dict[str, tuple[int, str | None]] = {}
    for first in range(0, len(story_ids), 500):
        chunk = story_ids[first : first + 500]
        sql = (
            "SELECT m.article_id, a.seq, m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.story_id IN ({','.join('?' * len(chunk))})"
        )
        found.update({article_id: (seq, story_id) for article_id, seq, story_id in connection.execute(sql, chunk)})
    return found


def _highest_story_number(connection: sqlite3.Connection) -> int:
    ids = connection.execute("SELECT id FROM stories UNION SELECT absorbed FROM story_merges")
    numbers = [int(match.group()) for (story_id,) in ids if (match := _TRAILING_NUMBER.search(story_id))]
    return max(numbers, default=0)
