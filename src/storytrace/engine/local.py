"""The local pipeline: read -> extract -> clean -> analyse -> store, in batches, in one process.

Each batch is stored in one transaction together with what it taught the shared state (boilerplate
line counts, entity registry). A killed run therefore loses at most the batch in flight, and a rerun
skips every article already stored: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import time
from collections import Counter, deque
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
from storytrace.nlp.chunks import Pending
from storytrace.nlp.pipeline import Analyzer
from storytrace.nlp.registry import EntityRegistry
from storytrace.store.sqlite import Store

STAGES = ("read", "extract", "clean", "analyse", "store")
# Python's cycle collector during an ingest: it runs after 20,000 net new objects instead of 700,
# and a full pass after 20 x 20 young ones. The ingest makes short-lived objects by the million and
# keeps large caches (lines, parses, texts) that each full pass walks again. Measured on 1,200
# generated articles, main process: 3,162-3,168 collections, 14-15 of them full, 2.6-3.5 CPU-s (2.1-2.8
# in the full ones), against 321-322 and one, 0.7-1.0 CPU-s; the same peak memory (461 MB).
INGEST_GC_THRESHOLDS = (20_000, 20, 20)
Writer = Callable[[sqlite3.Connection], None]


class BatchStage(Protocol):
    """A stage after analysis that may consult what is stored (earlier articles, shared state).

    ``run`` computes its results for a batch of new, analysed articles and returns writers that
    persist them; the writers run inside the batch's transaction, so results and articles are
    stored together or not at all. ``saved`` is called once that transaction has committed.
    A stage may also have ``prefetch(articles)``, called with each batch as soon as it is clean,
    to start work that does not need the analysis (it runs while the batch before is finished),
    and ``finish(store)``, called once the run's last batch is stored, for writers of what only the
    whole run decides (``finish_stages``).
    """

    name: str

    def run(self, articles: list[Article], store: Store) -> list[Writer]: ...

    def saved(self) -> None: ...


@dataclass(slots=True)
class PipelineOptions:
    batch_size: int = 256
    workers: int = 1  # spaCy processes
    # Batches read and sent to the model while an earlier one goes through the later stages: with
    # 2, the workers still hold work when this process is done with a batch, and the parses a batch
    # needs were asked for a batch earlier. 2,400 generated articles, workers niced: 15.1 articles/s
    # with 2 (wall 1.08x the CPU seconds over 2 cores), 14.2 with 1 (1.11x); within this machine's noise.
    batches_in_flight: int = 2
    # Articles whose fingerprints stay in memory as reuse candidates: about 0.9 KB each, so 1.8 GB;
    # a day at 2M articles a day, weeks at a large monitor's 100k. Older ones stay in the store.
    reuse_window: int | None = 2_000_000
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
    stage_cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's CPU: the rest is waiting
    words: int = 0
    notes: list[str] = field(default_factory=list)  # what a stage wants the reader to know (caps hit)

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
        """Ingests records already read (``labels`` name the inputs in the run log).

        Batches overlap: while the model works on the ``batches_in_flight`` batches read after it
        (in worker processes when ``workers`` > 1), this process runs the later stages of the
        oldest batch and stores it. A batch's entities are taken back as soon as the next batch is
        read, so that the parses its stages will ask for (known from its sentences) are queued then."""
        report = IngestReport(run_id=self.store.start_run(labels))
        in_flight: deque[Prepared] = deque()
        with _collecting_less():
            for batch in self._batches(iter(items), report):
                if in_flight and not in_flight[-1].analysed:
                    self._take_analysis(in_flight[-1], report)
                in_flight.append(self._prepare(batch, report, in_flight))
                if len(in_flight) > self.options.batches_in_flight:
                    self._finish(in_flight.popleft(), report, on_progress)
            while in_flight:
                self._finish(in_flight.popleft(), report, on_progress)
            finish_stages(self.stages, self.store, report.run_id,
                          lambda stage: self._timed(report, stage.name, stage.finish, self.store))
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

    def _prepare(self, batch: list[RawDoc | Skipped], report: IngestReport, earlier: Iterable[Prepared]) -> Prepared:
        """read .. clean, and the model started on the text; ``earlier``: the batches not stored yet."""
        skipped = [item for item in batch if isinstance(item, Skipped)]
        raws = [item for item in batch if isinstance(item, RawDoc)]
        report.read += len(raws)
        articles = self._timed(report, "extract", self._extract, raws, skipped)
        articles = self._new_only(articles, report, {i for prepared in earlier for i in prepared.ids()})
        articles = self._timed(report, "clean", self._clean, articles, skipped)
        pending = self._timed(report, "analyse", self.analyzer.submit, articles)
        for stage in self.stages:
            if hasattr(stage, "prefetch"):
                self._timed(report, stage.name, stage.prefetch, articles)
        return Prepared(articles, skipped, pending, self.line_stats.take_delta(), len(batch))

    def _take_analysis(self, prepared: Prepared, report: IngestReport) -> None:
        """The model's results back into the articles; then the stages may start work on them."""
        prepared.articles = self._timed(report, "analyse", self._analysed, prepared)
        prepared.analysed = True
        report.words += sum(article.tokens for article in prepared.articles)
        for stage in self.stages:
            if hasattr(stage, "prefetch_analysed"):
                self._timed(report, stage.name, stage.prefetch_analysed, prepared.articles)

    def _finish(self, prepared: Prepared, report: IngestReport, on_progress: Callable[[int], None] | None) -> None:
        """analyse (unless done) -> the batch stages -> store, in one transaction."""
        if not prepared.analysed:
            self._take_analysis(prepared, report)
        articles, skipped = prepared.articles, prepared.skipped
        writers = [writer for stage in self.stages for writer in self._timed(report, stage.name, stage.run, articles, self.store)]
        self._timed(report, "store", self._store, articles, skipped, report, writers, prepared.line_rows)
        report.skipped.extend(skipped)
        if on_progress:
            on_progress(prepared.size)

    @staticmethod
    def _timed(report: IngestReport, stage: str, function, *args):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function(*args)
        report.stage_seconds[stage] = report.stage_seconds.get(stage, 0.0) + time.perf_counter() - started
        report.stage_cpu_seconds[stage] = report.stage_cpu_seconds.get(stage, 0.0) + time.process_time() - cpu_started
        return result

    def _extract(self, raws: list[RawDoc], skipped: list[Skipped]) -> list[Article]:
        articles = []
        for raw in raws:
            result = guarded(raw.origin, "extraction failed", to_article, raw)
            (skipped if isinstance(result, Skipped) else articles).append(result)
        return articles

    def _new_only(self, articles: list[Article], report: IngestReport, unsaved: set[str]) -> list[Article]:
        stored = self.store.known_ids(article.id for article in articles) | unsaved
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
        return clean_articles(articles, self.line_stats, self.options.clean, skipped)

    def _analysed(self, prepared: Prepared) -> list[Article]:
        try:
            self.analyzer.finish(prepared.articles, prepared.pending, self.registry)
            return prepared.articles
        except Exception:  # isolate the article that breaks the batch
            return analyse_isolating(self.analyzer, prepared.articles, self.registry, prepared.skipped)

    def _store(self, articles: list[Article], skipped: list[Skipped], report: IngestReport, writers: list[Writer],
               line_rows: list[tuple[str, str, int]]) -> None:
        report.inserted += self.store.save_batch(
            report.run_id, articles, skipped, self.registry.changed(), line_rows, writers
        )
        self.registry.mark_saved()
        for stage in self.stages:
            stage.saved()


def finish_stages(
    stages: Iterable[BatchStage], store: Store, run_id: int, finish: Callable[[BatchStage], list[Writer]] | None = None
) -> None:
    """The stages' last word on a run (those with ``finish``), stored in one transaction."""
    finish = finish or (lambda stage: stage.finish(store))
    stages = list(stages)
    writers = [writer for stage in stages if hasattr(stage, "finish") for writer in finish(stage)]
    if writers:
        store.save_batch(run_id, [], [], [], [], writers)
        for stage in stages:
            stage.saved()


@contextlib.contextmanager
def _collecting_less() -> Iterator[None]:
    """``INGEST_GC_THRESHOLDS`` for a while (worker processes forked meanwhile keep them), then one
    full collection of the cycles left meanwhile."""
    before = gc.get_threshold()
    gc.set_threshold(*INGEST_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.collect()


@dataclass(slots=True)
class Prepared:
    """A batch read, cleaned and handed to the model, waiting for its later stages."""

    articles: list[Article]
    skipped: list[Skipped]
    pending: Pending
    line_rows: list[tuple[str, str, int]]  # the boilerplate line counts it added, stored with it
    size: int  # records read, for progress
    analysed: bool = False  # the model's results are in the articles

    def ids(self) -> set[str]:
        return {article.id for article in self.articles}


def clean_articles(
    articles: list[Article], line_stats: LineStats, options: CleanOptions, skipped: list[Skipped]
) -> list[Article]:
    """The articles that keep some text after cleaning; the others join ``skipped``, named."""
    cleaned = []
    for article in articles:
        result = guarded(article.origin, "cleaning failed", clean_article, article, line_stats, options)
        if isinstance(result, Skipped):
            skipped.append(result)
        elif not article.clean_text.strip():
            skipped.append(Skipped(article.origin, "no article text left after cleaning"))
        else:
            cleaned.append(article)
    return cleaned


def analyse_isolating(
    analyzer: Analyzer, articles: list[Article], registry: EntityRegistry, skipped: list[Skipped]
) -> list[Article]:
    """Analyses the batch; if it fails, each article alone, so only the one that breaks is skipped."""
    try:
        analyzer.analyze(articles, registry)
        return articles
    except Exception:
        kept = []
        for article in articles:
            result = guarded(article.origin, "analysis failed", analyzer.analyze, [article], registry)
            if isinstance(result, Skipped):
                skipped.append(result)
            else:
                kept.append(article)
        return kept


def guarded(origin: str, what: str, function, *args):
    """Runs one per-article step; an exception becomes a Skipped naming the input."""
    try:
        return function(*args)
    except Exception as error:  # one broken article never stops a batch
        return Skipped(origin, f"{what}: {type(error).__name__}: {error}")
