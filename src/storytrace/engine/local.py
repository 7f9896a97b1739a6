"""The local pipeline: read -> extract -> clean -> analyse -> store, in batches, in one process.

Each batch is stored in one transaction together with what it taught the shared state (boilerplate
line counts, entity registry). A killed run therefore loses at most the batch in flight, and a rerun
skips every article already stored: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Protocol

from storytrace.clean.cleaner import CleanOptions, clean_article
from storytrace.clean.stats import LineStats
from storytrace.ingest import read_paths
from storytrace.ingest.extract import to_article
from storytrace.model import Article, RawDoc, Skipped
from storytrace.nlp.pipeline import Analyzer
from storytrace.nlp.registry import EntityRegistry
from storytrace.store.sqlite import Store

STAGES = ("read", "extract", "clean", "analyse", "store")
Writer = Callable[[sqlite3.Connection], None]


class BatchStage(Protocol):
    """A stage after analysis that may consult what is stored (earlier articles, shared state).

    ``run`` computes its results for a batch of new, analysed articles and returns writers that
    persist them; the writers run inside the batch's transaction, so results and articles are
    stored together or not at all. ``saved`` is called once that transaction has committed.
    """

    name: str

    def run(self, articles: list[Article], store: Store) -> list[Writer]: ...

    def saved(self) -> None: ...


@dataclass(slots=True)
class PipelineOptions:
    batch_size: int = 256
    workers: int = 1  # spaCy processes
    clean: CleanOptions = field(default_factory=CleanOptions)


@dataclass(slots=True)
class IngestReport:
    run_id: int = 0
    read: int = 0
    inserted: int = 0
    already_stored: int = 0
    repeated_in_input: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))  # + batch stages
    words: int = 0

    @property
    def seconds(self) -> float:
        return sum(self.stage_seconds.values())

    def skipped_by_reason(self) -> Counter[str]:
        return Counter(_reason_kind(item.reason) for item in self.skipped)

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "inserted": self.inserted,
            "already_stored": self.already_stored,
            "repeated_in_input": self.repeated_in_input,
            "skipped": len(self.skipped),
        }


def _reason_kind(reason: str) -> str:
    return reason.split(":", 1)[0]


class Pipeline:
    """Runs the per-article stages over inputs and stores the results."""

    def __init__(
        self,
        store: Store,
        analyzer: Analyzer,
        options: PipelineOptions | None = None,
        stages: list[BatchStage] | None = None,
    ):
        self.store = store
        self.analyzer = analyzer
        self.options = options or PipelineOptions()
        self.stages = list(stages or [])
        self.registry = EntityRegistry(store.load_entities())
        self.line_stats = LineStats.from_rows(store.load_line_stats())

    def ingest(
        self, paths: Iterable[str | Path], on_progress: Callable[[int], None] | None = None
    ) -> IngestReport:
        path_list = [str(path) for path in paths]
        return self.ingest_items(read_paths(path_list), path_list, on_progress)

    def ingest_items(
        self,
        items: Iterable[RawDoc | Skipped],
        labels: list[str],
        on_progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Ingests records already read (``labels`` name the inputs in the run log)."""
        report = IngestReport(run_id=self.store.start_run(labels))
        for batch in self._batches(iter(items), report):
            self._process(batch, report)
            if on_progress:
                on_progress(len(batch))
        self.store.finish_run(report.run_id, report.counts())
        return report

    def _batches(self, items: Iterator[RawDoc | Skipped], report: IngestReport) -> Iterator[list]:
        while True:
            started = time.perf_counter()
            batch = list(islice(items, self.options.batch_size))
            report.stage_seconds["read"] += time.perf_counter() - started
            if not batch:
                return
            yield batch

    def _process(self, batch: list[RawDoc | Skipped], report: IngestReport) -> None:
        skipped = [item for item in batch if isinstance(item, Skipped)]
        raws = [item for item in batch if isinstance(item, RawDoc)]
        report.read += len(raws)
        articles = self._timed(report, "extract", self._extract, raws, skipped)
        articles = self._new_only(articles, report)
        articles = self._timed(report, "clean", self._clean, articles, skipped)
        articles = self._timed(report, "analyse", self._analyse, articles, skipped)
        report.words += sum(article.tokens for article in articles)
        writers = [writer for stage in self.stages for writer in self._timed(report, stage.name, stage.run, articles, self.store)]
        self._timed(report, "store", self._store, articles, skipped, report, writers)
        report.skipped.extend(skipped)

    @staticmethod
    def _timed(report: IngestReport, stage: str, function, *args):
        started = time.perf_counter()
        result = function(*args)
        report.stage_seconds[stage] = report.stage_seconds.get(stage, 0.0) + time.perf_counter() - started
        return result

    def _extract(self, raws: list[RawDoc], skipped: list[Skipped]) -> list[Article]:
        articles = []
        for raw in raws:
            result = _guarded(raw.origin, "extraction failed", to_article, raw)
            (skipped if isinstance(result, Skipped) else articles).append(result)
        return articles

    def _new_only(self, articles: list[Article], report: IngestReport) -> list[Article]:
        stored = self.store.known_ids(article.id for article in articles)
        fresh: dict[str, Article] = {}
        for article in articles:
            if article.id in stored:
                report.already_stored += 1
            elif article.id in fresh:
                report.repeated_in_input += 1
            else:
                fresh[article.id] = article
        return list(fresh.values())

    def _clean(self, articles: list[Article], skipped: list[Skipped]) -> list[Article]:
        for article in articles:
            self.line_stats.observe(article)
        cleaned = []
        for article in articles:
            result = _guarded(article.origin, "cleaning failed", clean_article, article, self.line_stats, self.options.clean)
            if isinstance(result, Skipped):
                skipped.append(result)
            elif not article.clean_text.strip():
                skipped.append(Skipped(article.origin, "no article text left after cleaning"))
            else:
                cleaned.append(article)
        return cleaned

    def _analyse(self, articles: list[Article], skipped: list[Skipped]) -> list[Article]:
        try:
            self.analyzer.analyze(articles, self.registry)
            return articles
        except Exception:  # isolate the article that breaks the batch
            return [article for article in articles if self._analyse_one(article, skipped)]

    def _analyse_one(self, article: Article, skipped: list[Skipped]) -> bool:
        result = _guarded(article.origin, "analysis failed", self.analyzer.analyze, [article], self.registry)
        if isinstance(result, Skipped):
            skipped.append(result)
            return False
        return True

    def _store(self, articles: list[Article], skipped: list[Skipped], report: IngestReport, writers: list[Writer]) -> None:
        report.inserted += self.store.save_batch(
            report.run_id, articles, skipped, self.registry.changed(), self.line_stats.delta_rows(), writers
        )
        self.registry.mark_saved()
        self.line_stats.mark_saved()
        for stage in self.stages:
            stage.saved()


def _guarded(origin: str, what: str, function, *args):
    """Runs one per-article step; an exception becomes a Skipped naming the input."""
    try:
        return function(*args)
    except Exception as error:  # one broken article never stops a batch
        return Skipped(origin, f"{what}: {type(error).__name__}: {error}")
