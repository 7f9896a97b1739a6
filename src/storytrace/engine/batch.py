"""The batch plan: inputs split into partitions, per-partition steps any engine can run, one global step.

1. *Plan*: every input file is a partition; with ``partition_size`` a file of many records (JSONL,
   WARC, feeds) becomes chunks of that many records, bounded by record numbers.
2. *Extract* (per partition, parallel): read -> extract; each partition also counts its candidate
   boilerplate lines (``LineStats``). The counts of all partitions are then summed, so every article
   is cleaned against the counts of the whole input, however the input was cut.
3. *Analyse* (per partition, parallel): clean -> analyse -> quotes and events, with a registry of
   its own per partition; the result file holds the entries sorted by publication time. The
   registries are merged afterwards in plan order: countries, places and organisations share ids by
   construction; a person joins the known person whose full name fits
   (``EntityRegistry.find_person``) or becomes a new one. Mentions, speakers and event actors are
   rewritten to the merged ids.
4. *Global* (in the driver): the sorted partition results are merged into one stream in publication
   order (undated articles last; ties in plan order; a repeated id kept once), which passes through
   the local pipeline's link and story stages into one store, in batches: derivation links and
   stories are computed over the whole input, deterministically, in bounded memory. The Parquet
   files are exported from that store.

Each per-partition result is a file named by the digest of its key (input path, size, mtime, record
bounds, step; the analyse step also the digest of the summed line counts), written atomically, and
listed in ``manifest.json`` (rewritten atomically). A rerun skips every partition whose result is
listed and present (the key does not cover the code: after an upgrade, delete ``DIR/_work`` to
recompute). Results of partitions no longer in the plan are deleted. An engine retries a failed partition once and reports it if it fails again; the
global step runs only when every partition has finished.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from storytrace.clean.cleaner import CleanOptions
from storytrace.clean.stats import LineStats
from storytrace.engine.local import analyse_isolating, clean_articles, guarded
from storytrace.ingest import read_paths
from storytrace.ingest.extract import to_article
from storytrace.ingest.walk import FoundFile, iter_files
from storytrace.model import Article, Entity, Event, Quote, RawDoc, Skipped

WORK = "_work"
MANIFEST = "manifest.json"
RESULT_FORMAT = 2  # part of every partition key: a change of the result files' layout invalidates old ones


@dataclass(frozen=True, slots=True)
class Partition:
    origin: str  # the input file as found (the name its records' origins start with)
    size: int
    mtime_ns: int
    start: int = 0  # record numbers [start, stop); stop None: to the end of the file
    stop: int | None = None

    def key(self, step: str, salt: str = "") -> str:
        fields = [RESULT_FORMAT, step, self.origin, self.size, self.mtime_ns, self.start, self.stop, salt]
        return hashlib.blake2b(json.dumps(fields).encode("utf-8"), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class Step:
    """One partition's work for an engine: ``function(step)`` writes ``result`` and returns a count."""

    name: str  # "extract" | "analyse"
    partition: Partition
    key: str  # in the manifest
    result: str  # where the result file goes
    source: str = ""  # the analyse step reads the extract step's result
    line_stats: str = ""  # ... and the summed line counts


@dataclass(slots=True)
class Failure:
    step: Step
    error: str


class Engine(Protocol):
    """Runs steps (retrying a failed one), yielding each step with its count or its Failure."""

    def run(self, function: Callable[[Step], int], steps: list[Step]) -> Iterator[tuple[Step, int | Failure]]: ...


@dataclass(slots=True)
class Extracted:
    """An extract result file holds the partition's line counts first (read alone when summing), then this."""

    articles: list[Article]
    skipped: list[Skipped]


@dataclass(slots=True)
class AnalysedHead:
    """The start of an analyse result file; its entries follow, one pickle each, in publication order."""

    skipped: list[Skipped]
    entities: list[Entity]  # of the partition's own registry


Entry = tuple[tuple, Article, list[Quote], list[Event]]  # (publication key, article, its quotes, its events)


@dataclass(slots=True)
class BatchReport:
    partitions: int = 0
    ran: int = 0
    reused: int = 0
    failed: list[Failure] = field(default_factory=list)
    articles: int = 0
    skipped: int = 0
    repeated_in_input: int = 0
    exported: dict[str, int] = field(default_factory=dict)


class LocalEngine:
    """Runs the steps one after another in this process; a failed step is retried once."""

    def __init__(self, attempts: int = 2):
        self.attempts = attempts

    def run(self, function: Callable[[Step], int], steps: list[Step]) -> Iterator[tuple[Step, int | Failure]]:
        for step in steps:
            yield step, self._attempt(function, step)

    def _attempt(self, function: Callable[[Step], int], step: Step) -> int | Failure:
        error: Exception | None = None
        for _ in range(self.attempts):
            try:
                return function(step)
            except Exception as failed:  # a broken partition never stops the others
                error = failed
        return Failure(step, f"{type(error).__name__}: {error}")


# --- plan ---------------------------------------------------------------------------------------


def plan(paths: Iterable[str | Path], partition_size: int | None = None) -> tuple[list[Partition], list[Skipped]]:
    """The partitions of the inputs, in input order (directories walked sorted), and unreadable paths."""
    partitions: list[Partition] = []
    skipped: list[Skipped] = []
    for found in iter_files(str(path) for path in paths):
        if isinstance(found, Skipped):
            skipped.append(found)
        else:
            partitions.extend(_file_partitions(found, partition_size))
    return partitions, skipped


def _file_partitions(found: FoundFile, partition_size: int | None) -> list[Partition]:
    status = found.path.stat()
    whole = Partition(found.origin, status.st_size, status.st_mtime_ns)
    if not partition_size:
        return [whole]
    records = sum(1 for _ in read_paths([found.origin]))
    return [
        replace(whole, start=start, stop=min(start + partition_size, records))
        for start in range(0, max(records, 1), partition_size)
    ]


def read_partition(partition: Partition) -> Iterator[RawDoc | Skipped]:
    return islice(read_paths([partition.origin]), partition.start, partition.stop)


# --- per-partition steps (run by an engine, in any process) -------------------------------------


def extract_step(step: Step) -> int:
    """read -> extract, and the partition's candidate boilerplate line counts."""
    articles, skipped = [], []
    for item in read_partition(step.partition):
        result = item if isinstance(item, Skipped) else guarded(item.origin, "extraction failed", to_article, item)
        (skipped if isinstance(result, Skipped) else articles).append(result)
    stats = LineStats(CleanOptions())
    for article in articles:
        stats.observe(article)
    write_atomically(Path(step.result), stats.delta_rows(), Extracted(articles, skipped))
    return len(articles)


def analyse_step(step: Step) -> int:
    """clean (against the summed line counts) -> analyse -> quotes and events."""
    from storytrace.engine.stages import AttributionStage
    from storytrace.nlp.registry import EntityRegistry

    extracted: Extracted = read_result(Path(step.source), skip=1)
    options = CleanOptions()
    stats = LineStats.from_rows(read_result(Path(step.line_stats)), options)
    skipped = list(extracted.skipped)
    articles = clean_articles(extracted.articles, stats, options, skipped)
    registry, analyzer = EntityRegistry(), _analyzer()
    articles = analyse_isolating(analyzer, articles, registry, skipped)
    attribution = AttributionStage(analyzer, registry)
    quotes = attribution.quotes.extract_many(articles, registry)
    events = attribution.events.code_many(articles)
    entries = [(_publication_key(a, n), a, q, e) for n, (a, q, e) in enumerate(zip(articles, quotes, events))]
    entries.sort(key=lambda entry: entry[0])
    write_atomically(Path(step.result), AnalysedHead(skipped, list(registry)), *entries)
    return len(articles)


def _publication_key(article: Article, position: int) -> tuple:
    """Dated articles first, by time; undated ones after them; input order breaks ties."""
    when = article.published.timestamp() if article.published else 0.0
    return (article.published is None, when, position)


@functools.cache
def _analyzer():
    from storytrace.nlp.pipeline import Analyzer

    return Analyzer(n_process=1)  # one per worker process; the engine gives the parallelism


# --- results and manifest -----------------------------------------------------------------------


def write_atomically(path: Path, *values: Any) -> None:
    """The values as a sequence of pickles; the file appears under its name only once complete."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with open(partial, "wb") as out:
        for value in values:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)


def read_result(path: Path, skip: int = 0) -> Any:
    """The value after the first ``skip`` ones of a result file (our own files, never outside input)."""
    with open(path, "rb") as stream:
        for _ in range(skip):
            pickle.load(stream)
        return pickle.load(stream)


class Manifest:
    """Finished partition results by key, in ``manifest.json`` (rewritten atomically at each change)."""

    def __init__(self, work: Path):
        self.path = work / MANIFEST
        self.entries: dict[str, dict] = json.loads(self.path.read_text()) if self.path.exists() else {}

    def finished(self, key: str, result: Path) -> bool:
        return key in self.entries and result.exists()

    def keep_only(self, steps: list[Step], work: Path) -> None:
        """Forgets (and deletes) the results of partitions no longer in the plan, e.g. of changed files."""
        wanted = {step.key for step in steps}
        for key in [key for key in self.entries if key not in wanted]:
            (work / self.entries.pop(key)["result"]).unlink(missing_ok=True)
        self._write()

    def record(self, step: Step) -> None:
        part = step.partition
        self.entries[step.key] = {"step": step.name, "input": part.origin, "size": part.size, "mtime_ns": part.mtime_ns,
                             "start": part.start, "stop": part.stop, "result": Path(step.result).name}
        self._write()

    def _write(self) -> None:
        partial = self.path.with_name(f".{MANIFEST}.partial")
        partial.write_text(json.dumps(self.entries, indent=1, sort_keys=True))
        os.replace(partial, self.path)


def run_steps(engine: Engine, function: Callable[[Step], int], steps: list[Step],
              manifest: Manifest, report: BatchReport) -> None:
    """Runs the steps not finished before; records each finished one in the manifest."""
    pending = [step for step in steps if not manifest.finished(step.key, Path(step.result))]
    report.reused += len(steps) - len(pending)
    for step, outcome in engine.run(function, pending):
        if isinstance(outcome, Failure):
            report.failed.append(outcome)
        else:
            report.ran += 1
            manifest.record(step)


# --- the whole run ------------------------------------------------------------------------------


def run_batch(engine: Engine, paths: Iterable[str | Path], out: Path,
              db: Path | None = None, partition_size: int | None = None) -> BatchReport:
    """Runs the plan on ``engine``; writes the Parquet files into ``out`` (and loads ``db`` if given)."""
    work = out / WORK
    work.mkdir(parents=True, exist_ok=True)
    partitions, unreadable = plan(paths, partition_size)
    manifest, report = Manifest(work), BatchReport(partitions=len(partitions))
    extracts = [_step("extract", partition, work) for partition in partitions]
    run_steps(engine, extract_step, extracts, manifest, report)
    if report.failed:
        return report
    stats = _sum_line_stats([Path(step.result) for step in extracts], work)
    analyses = [_step("analyse", step.partition, work, step.result, stats) for step in extracts]
    run_steps(engine, analyse_step, analyses, manifest, report)
    if not report.failed:
        manifest.keep_only(extracts + analyses, work)
        for old in work.glob("*.line_stats"):
            if old != stats:
                old.unlink()
        results = [Path(step.result) for step in analyses]
        from storytrace.engine.batch_global import global_step  # it builds on this module's types

        global_step(results, unreadable, db or work / "global.sqlite", db is None, out, stats, report)
    return report


def _step(name: str, partition: Partition, work: Path, source: str = "", line_stats: Path | None = None) -> Step:
    key = partition.key(name, line_stats.stem if line_stats else "")  # the analysis depends on all counts
    return Step(name, partition, key, str(work / f"{key}.{name}"), source, str(line_stats or ""))


def _sum_line_stats(extract_results: list[Path], work: Path) -> Path:
    """The line counts of all partitions, summed, in a file named by their digest."""
    total: dict[tuple[str, str], int] = {}
    for path in extract_results:
        for key, site, docs in read_result(path):
            total[(key, site)] = total.get((key, site), 0) + docs
    rows = sorted((key, site, docs) for (key, site), docs in total.items())
    digest = hashlib.blake2b(json.dumps(rows).encode("utf-8"), digest_size=12).hexdigest()
    path = work / f"{digest}.line_stats"
    if not path.exists():
        write_atomically(path, rows)
    return path
