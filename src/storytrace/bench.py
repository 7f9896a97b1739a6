"""`storytrace bench`: throughput of the ingest pipeline, next to spaCy alone on the same articles.

Two floors are timed. ``floor_ratio`` divides by spaCy's whole model (every component the model
ships: tagger, parser, lemmas, entities) run over every article's clean text: the run a user would
otherwise make to get the analysis this pipeline gives; parsing only the sentences that can hold a
quote or an event is how the pipeline pays for its own rules inside it. ``floor_ratio_to_model_work``
divides by the model work the pipeline actually asked for (the entity model over every clean text,
the parser over the texts the quote and event rules chose): the cost of everything that is not
spaCy. Both are timed by the wall clock and in CPU seconds (all processes). On a machine shared with
other tenants both move: the same floor took from 105 to 131 CPU-s in runs minutes apart."""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language

from storytrace.engine.local import PipelineOptions
from storytrace.engine.stages import full_pipeline
from storytrace.ingest import read_paths
from storytrace.model import RawDoc
from storytrace.nlp.chunks import pipe_in_batches
from storytrace.nlp.pipeline import Analyzer, load_pipeline, parse_pipeline, whole_model_pipeline
from storytrace.store.sqlite import Store
from storytrace.synth import write_stream


def run_ingest_bench(paths: list[Path], repeat: int = 1, workers: int = 1, batch_size: int = 256) -> dict:
    """Ingests the corpus (``repeat`` times, each copy under new ids) into a fresh database."""
    started = time.perf_counter()
    records = list(read_paths([str(path) for path in paths]))
    read_seconds = time.perf_counter() - started
    analyzer = Analyzer(n_process=workers)
    analyzer.parse_log = []
    cpu_started = _cpu_seconds()
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.sqlite") as store:
        pipeline = full_pipeline(store, analyzer, PipelineOptions(batch_size=batch_size, workers=workers))
        report = pipeline.ingest_items(_repeated(records, repeat), [str(path) for path in paths])
        report.stage_seconds["read"] += read_seconds * repeat
        clean_texts = [row["clean_text"] for row in store.iter_articles()]
    analyzer.close()  # the workers exit, so their CPU time is counted
    pipeline_cpu = _cpu_seconds() - cpu_started
    whole_model = _timed_floor(analyzer, clean_texts, whole_model_pipeline)
    model_work = _timed_floor(analyzer, clean_texts, _analysis_pipeline) + _timed_floor(analyzer, analyzer.parse_log, parse_pipeline)
    return (_metrics(report, whole_model, model_work, len(clean_texts)) | _cpu_metrics(pipeline_cpu, whole_model, model_work)
            | _reuse_of_model_work(analyzer, clean_texts))


def run_generated_bench(articles: int, workers: int = 1, batch_size: int = 256, seed: int = 7) -> dict:
    """The same measurement on a synthetic news stream (see ``storytrace.synth``)."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "synthetic.jsonl"
        write_stream(corpus, articles, seed=seed)
        return run_ingest_bench([corpus], workers=workers, batch_size=batch_size)


def _repeated(records: list, repeat: int):
    for copy in range(repeat):
        for record in records:
            if isinstance(record, RawDoc) and copy:
                yield replace(record, id=f"{record.id or record.origin}~{copy}")
            else:
                yield record


PipelineFactory = Callable[[], contextlib.AbstractContextManager[Language]]  # module-level: sent to the processes


@dataclass(slots=True)
class SpacyFloor:
    """spaCy alone over some texts, with as many processes as the pipeline has workers."""

    seconds: float
    cpu_seconds: float

    def __add__(self, other: SpacyFloor) -> SpacyFloor:
        return SpacyFloor(self.seconds + other.seconds, self.cpu_seconds + other.cpu_seconds)


def _timed_floor(analyzer: Analyzer, texts: list[str], pipeline: PipelineFactory) -> SpacyFloor:
    cpu_started = _cpu_seconds()
    seconds = _spacy_seconds(analyzer, texts, pipeline)
    return SpacyFloor(seconds, _cpu_seconds() - cpu_started)


def _spacy_seconds(analyzer: Analyzer, texts: list[str], pipeline: PipelineFactory) -> float:
    """Wall time of the model alone over ``texts``, shared out among as many forked processes as
    the pipeline has workers, with nothing sent back: the pure model time. (spaCy's own
    ``nlp.pipe(n_process=...)`` is slower: it sends every doc back, and reading one calls a registry
    look-up that scans the installed packages' entry points, about 2 ms a doc here.)"""
    processes = max(1, analyzer.n_process)
    shares = [texts[first::processes] for first in range(processes)]
    load_pipeline()  # loaded before the fork, as the pipeline's workers have it
    started = time.perf_counter()
    if processes == 1:
        _run_model(texts, pipeline, analyzer.batch_words)
    else:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(_run_model, shares, [pipeline] * processes, [analyzer.batch_words] * processes))
    return time.perf_counter() - started


def _run_model(texts: list[str], pipeline: PipelineFactory, batch_words: int) -> int:
    with pipeline() as nlp:
        return sum(1 for _ in pipe_in_batches(nlp, texts, batch_words))


def _analysis_pipeline() -> contextlib.AbstractContextManager[Language]:
    return contextlib.nullcontext(load_pipeline())


def _reuse_of_model_work(analyzer: Analyzer, texts: list[str]) -> dict:
    """How much model work the line cache saved: lines read by the model against lines in the articles."""
    return {
        "lines": analyzer.chunks.chunks_seen,
        "lines_through_model": analyzer.chunks.chunks_analysed,
        "parsed_texts": len(analyzer.parse_log or []),
        "parsed_share_of_words": round(sum(len(t.split()) for t in analyzer.parse_log or []) / max(1, sum(len(t.split()) for t in texts)), 3),
    }


def _metrics(report, whole_model: SpacyFloor, model_work: SpacyFloor, articles: int) -> dict:
    total = report.seconds or 1e-9
    return {
        "articles": articles,
        "skipped": len(report.skipped),
        "words": report.words,
        "seconds": round(total, 3),
        "articles_per_second": round(articles / total, 2),
        "spacy_only_seconds": round(whole_model.seconds, 3),
        "spacy_only_articles_per_second": round(articles / (whole_model.seconds or 1e-9), 2),
        "floor_ratio": round(total / (whole_model.seconds or 1e-9), 3),
        "spacy_model_work_seconds": round(model_work.seconds, 3),
        "floor_ratio_to_model_work": round(total / (model_work.seconds or 1e-9), 3),
        "peak_memory_mb": round(_peak_memory_mb(), 1),
        "stages": {stage: round(seconds / total, 4) for stage, seconds in report.stage_seconds.items()},
        "stage_seconds": {stage: round(seconds, 3) for stage, seconds in report.stage_seconds.items()},
        "stage_main_cpu_seconds": {stage: round(seconds, 3) for stage, seconds in report.stage_cpu_seconds.items()},
    }


def _cpu_metrics(pipeline: float, whole_model: SpacyFloor, model_work: SpacyFloor) -> dict:
    return {
        "cpu_seconds": round(pipeline, 3),
        "spacy_only_cpu_seconds": round(whole_model.cpu_seconds, 3),
        "cpu_floor_ratio": round(pipeline / (whole_model.cpu_seconds or 1e-9), 3),
        "spacy_model_work_cpu_seconds": round(model_work.cpu_seconds, 3),
        "cpu_floor_ratio_to_model_work": round(pipeline / (model_work.cpu_seconds or 1e-9), 3),
    }


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have exited (worker processes): unlike
    the wall clock, not inflated by other tenants of the machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_memory_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024
