"""Conversion between the domain types and table rows, in both directions.

Writing takes the dataclasses of ``storytrace.model`` apart into tuples in column order; reading
turns ``sqlite3.Row`` objects into plain, JSON-ready dicts (JSON columns parsed back to Python).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from storytrace.model import Article, Dateline, Entity, Mention, Removal, Skipped, Span

ARTICLE_COLUMNS = (
    "id", "origin", "fmt", "url", "site", "title", "published", "published_from", "authors",
    "byline", "dateline_places", "dateline_wire", "dateline_start", "dateline_end", "extra",
    "text", "clean_text", "sentences", "tokens", "ingested_at", "run_id",
)  # fmt: skip
REMOVAL_COLUMNS = ("article_id", "start", '"end"', "reason", "detail", "text")
MENTION_COLUMNS = ("article_id", "entity_id", "start", '"end"', "text", "label")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def from_json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def article_row(article: Article, run_id: int, ingested_at: str) -> tuple[Any, ...]:
    published = article.published.isoformat() if article.published else None
    sentences = [[span.start, span.end] for span in article.sentences]
    return (
        article.id, article.origin, article.fmt, article.url, article.site, article.title,
        published, article.published_from, to_json(list(article.authors)), article.byline,
        *_dateline_columns(article.dateline), to_json(article.extra), article.text,
        article.clean_text, to_json(sentences), article.tokens, ingested_at, run_id,
    )  # fmt: skip


def _dateline_columns(dateline: Dateline | None) -> tuple[Any, Any, Any, Any]:
    if dateline is None:
        return (None, None, None, None)
    return (to_json(list(dateline.places)), dateline.wire, dateline.span.start, dateline.span.end)


def removal_row(article_id: str, removal: Removal) -> tuple[Any, ...]:
    span = removal.span
    return (article_id, span.start, span.end, removal.reason, removal.detail, removal.text)


def mention_row(article_id: str, mention: Mention) -> tuple[Any, ...]:
    span = mention.span
    return (article_id, mention.entity_id, span.start, span.end, mention.text, mention.label)


def entity_row(entity: Entity) -> tuple[Any, ...]:
    return (entity.id, entity.kind, entity.name, entity.code, to_json(entity.variants))


def skipped_row(run_id: int, skipped: Skipped) -> tuple[Any, ...]:
    return (run_id, skipped.origin, skipped.reason)


def entity_from_row(row: sqlite3.Row) -> Entity:
    variants = from_json(row["variants"]) or {}
    return Entity(id=row["id"], kind=row["kind"], name=row["name"], code=row["code"], variants=variants)


def article_dict(row: sqlite3.Row) -> dict[str, Any]:
    """An article row as a JSON-ready dict; removals and entities are filled in by the caller."""
    return {
        "id": row["id"],
        "origin": row["origin"],
        "fmt": row["fmt"],
        "url": row["url"],
        "site": row["site"],
        "title": row["title"],
        "published": row["published"],
        "published_from": row["published_from"],
        "authors": from_json(row["authors"]),
        "byline": row["byline"],
        "dateline": _dateline_dict(row),
        "extra": from_json(row["extra"]),
        "text": row["text"],
        "clean_text": row["clean_text"],
        "sentences": from_json(row["sentences"]),
        "tokens": row["tokens"],
        "ingested_at": row["ingested_at"],
        "run_id": row["run_id"],
        "removals": [],
        "entities": [],
        "unlinked_mentions": [],
    }


def _dateline_dict(row: sqlite3.Row) -> dict[str, Any] | None:
    if row["dateline_start"] is None:
        return None
    return {
        "places": from_json(row["dateline_places"]) or [],
        "wire": row["dateline_wire"],
        "start": row["dateline_start"],
        "end": row["dateline_end"],
    }


def removal_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "start": row["start"],
        "end": row["end"],
        "reason": row["reason"],
        "detail": row["detail"],
        "text": row["text"],
    }


def mention_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {"start": row["start"], "end": row["end"], "text": row["text"], "label": row["label"]}


def entity_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "kind": row["kind"], "name": row["name"], "code": row["code"]}


def article_from_dict(found: dict[str, Any]) -> Article:
    """A stored article back as the model type (without its clean-text offset map)."""
    return Article(
        id=found["id"],
        origin=found["origin"],
        fmt=found["fmt"],
        text=found["text"],
        url=found["url"],
        site=found["site"],
        title=found["title"],
        published=datetime.fromisoformat(found["published"]) if found["published"] else None,
        published_from=found["published_from"],
        authors=found["authors"] or [],
        byline=found["byline"],
        dateline=_dateline_from_dict(found["dateline"]),
        extra=found["extra"] or {},
        removals=[Removal(Span(r["start"], r["end"]), r["reason"], r["text"], r["detail"] or "") for r in found["removals"]],
        clean_text=found["clean_text"],
        sentences=[Span(start, end) for start, end in found["sentences"] or []],
        tokens=found["tokens"] or 0,
        mentions=_mentions_from_dict(found),
    )


def _dateline_from_dict(found: dict[str, Any] | None) -> Dateline | None:
    if found is None:
        return None
    return Dateline(Span(found["start"], found["end"]), tuple(found["places"]), found["wire"])


def _mentions_from_dict(found: dict[str, Any]) -> list[Mention]:
    linked = [
        Mention(Span(m["start"], m["end"]), m["text"], m["label"], entity["id"])
        for entity in found["entities"]
        for m in entity["mentions"]
    ]
    unlinked = [Mention(Span(m["start"], m["end"]), m["text"], m["label"]) for m in found["unlinked_mentions"]]
    return sorted(linked + unlinked, key=lambda mention: mention.span)
