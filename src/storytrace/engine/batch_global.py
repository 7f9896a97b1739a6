"""The batch plan's global step: every partition's analysed articles merged into one stream in
publication order, through the local pipeline's link and story stages into one store; the entity
registries of the partitions merged; the Parquet files exported from that store."""

from __future__ import annotations

import heapq
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path

from storytrace.engine.batch import AnalysedHead, BatchReport, Entry, read_result
from storytrace.model import Actor, Article, Entity, Event, Quote, Skipped

GLOBAL_BATCH = 256
READ_BLOCK = 32  # entries read from a partition's result file at a time in the global merge
EXPORTS = ("articles", "links", "stories", "quotes", "events")


def global_step(results: list[Path], unreadable: list[Skipped], db: Path, fresh: bool, out: Path,
                 stats_path: Path, report: BatchReport) -> None:
    """Links and stories over all articles, through the local pipeline's stages, into one store."""
    from storytrace.store.sqlite import Store

    if fresh:
        for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            stale.unlink(missing_ok=True)
    with Store(db) as store:
        _load(store, results, unreadable, read_result(stats_path), report)
        report.exported = export_parquet(store, out)


def _load(store, results: list[Path], unreadable: list[Skipped], line_rows: list, report: BatchReport) -> None:
    from storytrace.engine.local import finish_stages
    from storytrace.engine.stages import LinkStage, StoryStage
    from storytrace.nlp.registry import EntityRegistry

    registry = EntityRegistry(store.load_entities())
    entries, skipped = _ordered_entries(results, registry, report)
    skipped = unreadable + skipped
    run_id = store.start_run([str(path) for path in results])
    links = LinkStage(store)
    stages = [links, StoryStage(store, links)]
    for number, chunk in enumerate(_chunks(entries, GLOBAL_BATCH)):
        stored = store.known_ids(entry[1].id for entry in chunk)
        chunk = [entry for entry in chunk if entry[1].id not in stored]
        articles = [entry[1] for entry in chunk]
        writers = [_attribution_writer(chunk)] + [w for stage in stages for w in stage.run(articles, store)]
        report.articles += store.save_batch(run_id, articles, [] if number else skipped, registry.changed(),
                                            [] if number else line_rows, writers)
        registry.mark_saved()
        for stage in stages:
            stage.saved()
    finish_stages(stages, store, run_id)
    report.skipped = len(skipped)
    counts = {"inserted": report.articles, "skipped": report.skipped, "repeated_in_input": report.repeated_in_input}
    store.finish_run(run_id, counts)


def _ordered_entries(results: list[Path], registry, report: BatchReport) -> tuple[Iterator[Entry], list[Skipped]]:
    """Every article once, with merged entity ids, in publication order across all partitions.

    Each result file is sorted already, so this is a merge of streams: memory holds the entities,
    the ids seen and a few entries a partition, never the articles of the whole input."""
    skipped: list[Skipped] = []
    streams = []
    for number, path in enumerate(results):
        with open(path, "rb") as stream:
            head: AnalysedHead = pickle.load(stream)
        skipped.extend(head.skipped)
        streams.append(_entries(path, number, merge_entities(registry, head.entities)))
    return _first_of_each_id(heapq.merge(*streams, key=lambda entry: entry[0]), report), skipped


def _entries(path: Path, partition: int, mapping: dict[str, str]) -> Iterator[Entry]:
    offset = None
    while block := _read_block(path, offset):
        entries, offset = block
        for (undated, when, position), article, quotes, events in entries:
            remap_entities(article, quotes, events, mapping)
            yield (undated, when, partition, position), article, quotes, events


def _read_block(path: Path, offset: int | None) -> tuple[list[Entry], int] | None:
    """Up to READ_BLOCK entries from ``offset`` (None: after the head); the file is closed again,
    so thousands of partitions never hold thousands of open files."""
    with open(path, "rb") as stream:
        if offset is None:
            pickle.load(stream)
        else:
            stream.seek(offset)
        entries = []
        while len(entries) < READ_BLOCK and stream.peek(1):
            entries.append(pickle.load(stream))
        return (entries, stream.tell()) if entries else None


def _first_of_each_id(entries: Iterable[Entry], report: BatchReport) -> Iterator[Entry]:
    seen: set[str] = set()
    for entry in entries:
        if entry[1].id in seen:
            report.repeated_in_input += 1
        else:
            seen.add(entry[1].id)
            yield entry


def _chunks(entries: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    """Lists of ``size`` entries; at least one (empty), so a run without articles still saves its skips."""
    iterator = iter(entries)
    chunk = list(islice(iterator, size))
    yield chunk
    while chunk := list(islice(iterator, size)):
        yield chunk


def _attribution_writer(chunk: list[Entry]):
    from storytrace.store import quotes as quote_store

    def write(connection) -> None:
        for _, article, quotes, events in chunk:
            quote_store.save_quotes(connection, article, quotes)
            quote_store.save_events(connection, article.id, events)

    return write


def export_parquet(store, out: Path) -> dict[str, int]:
    """The Parquet files, with the rows `storytrace export KIND --format parquet` writes."""
    from storytrace.export import write_rows
    from storytrace.store import quotes, reuse, stories

    connection = store.connection
    rows = {
        "articles": store.iter_articles,
        "links": lambda: reuse.iter_link_rows(connection),
        "stories": lambda: stories.iter_story_rows(connection),
        "quotes": lambda: quotes.iter_quote_rows(connection),
        "events": lambda: quotes.iter_event_rows(connection),
    }
    counts = {}
    for kind in EXPORTS:
        partial = out / f".{kind}.parquet.partial"
        with open(partial, "wb") as stream:
            counts[kind] = write_rows(rows[kind], "parquet", stream)
        if counts[kind]:
            os.replace(partial, out / f"{kind}.parquet")
        else:  # no rows, no schema: no file rather than an unreadable empty one
            partial.unlink()
            (out / f"{kind}.parquet").unlink(missing_ok=True)
    return counts


# --- entity merge -------------------------------------------------------------------------------


def merge_entities(registry, partition_entities: list[Entity]) -> dict[str, str]:
    """Adds one partition's entities (with their use counts) to ``registry``; returns old id -> merged id."""
    from storytrace.nlp.people import person_name
    from storytrace.nlp.text import slugify

    mapping: dict[str, str] = {}
    for entity in partition_entities:
        target = _merged_entity(registry, entity, person_name, slugify)
        if target is None:
            continue
        mapping[entity.id] = target.id
        for spelling, uses in sorted(entity.variants.items()):
            for _ in range(uses):
                registry.record(target, spelling)
    return mapping


def _merged_entity(registry, entity: Entity, person_name, slugify) -> Entity | None:
    if entity.kind == "person":
        name = person_name(entity.name)
        if name is None:
            return None
        return (registry.find_person(name) if name.is_full else None) or registry.new_person(name)
    if entity.kind == "country" and entity.code:
        return registry.country(entity.code, entity.name)
    if entity.kind == "place":
        return registry.place(entity.name, entity.code)
    if entity.kind == "org":
        wanted = entity.id.split(":", 1)[1]
        first = next((s for s in sorted(entity.variants) if slugify(s) == wanted), entity.name)
        return registry.org(first)
    return None


def remap_entities(article: Article, quotes: list[Quote], events: list[Event], mapping: dict[str, str]) -> None:
    """Points mentions, quote speakers and event actors at the merged entity ids (none if unmerged)."""
    article.mentions = [replace(m, entity_id=mapping.get(m.entity_id)) if m.entity_id else m for m in article.mentions]
    for quote in quotes:
        if quote.speaker_id:
            quote.speaker_id = mapping.get(quote.speaker_id)
    for event in events:
        event.actor = _remapped_actor(event.actor, mapping)
        event.recipient = _remapped_actor(event.recipient, mapping)


def _remapped_actor(actor: Actor | None, mapping: dict[str, str]) -> Actor | None:
    if actor is None or actor.entity_id is None:
        return actor
    return replace(actor, entity_id=mapping.get(actor.entity_id))
