"""The command line: parses arguments, calls library functions, renders with rich."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from storytrace import report as summary_report

app = typer.Typer(no_args_is_help=True, add_completion=False, help="storytrace: news articles in, clean traced stories out.")
eval_app = typer.Typer(no_args_is_help=True, help="Score storytrace on a benchmark corpus; the last line is JSON.")
app.add_typer(eval_app, name="eval")

console = Console(stderr=True)
PIPED_WIDTH = 140  # a summary piped to a file or a log keeps wide tables readable


def _stdout_console() -> Console:
    return Console() if sys.stdout.isatty() else Console(width=PIPED_WIDTH)
DEFAULT_DB = "storytrace.sqlite"
DEFAULT_PORT = 8000
EXPORT_KINDS = ("articles", "entities", "removals", "skipped", "links", "originality", "stories", "quotes", "events", "events-flat")

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file (created if missing).")]
PathsArgument = Annotated[list[Path], typer.Argument(help="Files or directories (walked recursively).")]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="spaCy processes.")]
BatchOption = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per stored batch.")]
ReuseWindowOption = Annotated[Optional[int], typer.Option(
    "--reuse-window", min=0, help="Latest articles kept as reuse candidates, about 0.9 KB each in memory (default 2M; 0: all).")]


def main() -> None:
    app()


@app.command()
def ingest(paths: PathsArgument, db: DbOption = Path(DEFAULT_DB), workers: WorkersOption = 1, batch_size: BatchOption = 256,
           reuse_window: ReuseWindowOption = None) -> None:
    """Read, clean and analyse articles into the database."""
    report = _run_ingest(paths, db, workers, batch_size, reuse_window)
    summary_report.print_ingest(console, report)


@app.command()
def analyze(paths: PathsArgument, db: DbOption = Path(DEFAULT_DB), workers: WorkersOption = 1, batch_size: BatchOption = 256,
            reuse_window: ReuseWindowOption = None) -> None:
    """The main job: ingest into a local database and print a readable summary."""
    report = _run_ingest(paths, db, workers, batch_size, reuse_window)
    from storytrace.store.sqlite import Store

    with Store(db) as store:
        summary_report.print_analysis(_stdout_console(), store, report)
    print(f"Browse them: storytrace serve --db {db}  ->  http://127.0.0.1:{DEFAULT_PORT}/")


def _run_ingest(paths: list[Path], db: Path, workers: int, batch_size: int, reuse_window: int | None = None):
    from storytrace.engine.local import PipelineOptions
    from storytrace.engine.stages import LinkStage, full_pipeline
    from storytrace.nlp.pipeline import Analyzer
    from storytrace.store.sqlite import Store

    _check_inputs(paths)
    db.parent.mkdir(parents=True, exist_ok=True)
    with Store(db) as store, _progress("Analysing articles") as advance:
        options = PipelineOptions(batch_size=batch_size, workers=workers)
        if reuse_window is not None:
            options.reuse_window = reuse_window or None
        pipeline = full_pipeline(store, Analyzer(n_process=workers), options)
        report = pipeline.ingest(paths, on_progress=advance)
        pipeline.analyzer.close()
        report.notes += [note for stage in pipeline.stages if isinstance(stage, LinkStage) for note in stage.notes()]
        return report


def _check_inputs(paths: list[Path]) -> None:
    missing = [str(path) for path in paths if not path.exists()]
    if missing and len(missing) == len(paths):
        _fail(f"no such file or directory: {', '.join(missing)}")


@contextmanager
def _progress(label: str):
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task(label, total=None)
        yield lambda count: progress.advance(task, count)


@app.command()
def batch(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet files (and _work/, the partition results).")],
    engine: Annotated[str, typer.Option("--engine", help="ray or local.")] = "local",
    db: Annotated[Optional[Path], typer.Option("--db", help="Also load the results into this SQLite database.")] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", min=0, help="Records per partition (0: one a file).")] = 0,
) -> None:
    """Batch run over partitions (Ray or in-process): Parquet of articles, links, stories, quotes, events."""
    from storytrace.engine.batch import LocalEngine, run_batch

    if engine not in ("ray", "local"):
        _fail(f"unknown engine {engine!r}; choose ray or local")
    _check_inputs(paths)
    runner = _ray_engine() if engine == "ray" else LocalEngine()
    report = run_batch(runner, paths, out, db=db, partition_size=partition_size or None)
    for failure in report.failed:
        console.print(f"[bold red]failed:[/] {failure.step.name} {failure.step.partition.origin}: {failure.error}")
    print(json.dumps(_batch_summary(report)))
    if report.failed:
        raise typer.Exit(1)


def _ray_engine():
    try:
        from storytrace.engine.ray_engine import RayEngine

        return RayEngine()
    except ImportError:
        _fail("Ray is not installed; install storytrace with the `ray` extra (pip install 'storytrace[ray]')")


def _batch_summary(report) -> dict:
    return {"partitions": report.partitions, "ran": report.ran, "reused": report.reused, "failed": len(report.failed),
            "articles": report.articles, "skipped": report.skipped, "exported": report.exported}


@app.command()
def export(
    kind: Annotated[str, typer.Argument(help=f"What to export: {', '.join(EXPORT_KINDS)}.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out: Annotated[Optional[Path], typer.Option("--out", help="Output file; standard output if omitted.")] = None,
) -> None:
    """Export stored records, one a line (input ids kept, so results join back)."""
    from storytrace.export import FORMATS, write_rows

    if kind not in EXPORT_KINDS:
        _fail(f"unknown export {kind!r}; choose one of {', '.join(EXPORT_KINDS)}")
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    store = _open_existing(db)
    rows = _export_rows(store, kind)
    with store, _output(out) as stream:
        count = write_rows(rows, fmt, stream)
    console.print(f"exported {count} {kind}" + (f" to {out}" if out else ""))


def _export_rows(store, kind: str):
    """A function giving a fresh iterator of the rows of ``kind`` at each call."""
    from storytrace.store import quotes, reuse, stories

    by_kind = {
        "links": lambda: reuse.iter_link_rows(store.connection),
        "originality": lambda: reuse.iter_originality_rows(store.connection),
        "stories": lambda: stories.iter_story_rows(store.connection),
        "quotes": lambda: quotes.iter_quote_rows(store.connection),
        "events": lambda: quotes.iter_event_rows(store.connection),
        "events-flat": lambda: quotes.iter_event_summary_rows(store.connection),  # GDELT-like
    }
    return by_kind.get(kind) or getattr(store, f"iter_{kind}")


@contextmanager
def _output(out: Path | None):
    if out is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as stream:
        yield stream


@app.command("stories")
def list_stories(db: DbOption = Path(DEFAULT_DB)) -> None:
    """The stories in the database as a readable table."""
    from storytrace.store.stories import iter_story_rows

    with _open_existing(db) as store:
        rows = list(iter_story_rows(store.connection, with_comparison=False))
    summary_report.print_stories(_stdout_console(), rows)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and clean text.")],
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a table.")] = False,
) -> None:
    """Full-text search over stored articles."""
    with _open_existing(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        for hit in hits:
            print(json.dumps(hit, ensure_ascii=False))
        return
    summary_report.print_search(_stdout_console(), query, hits)


def _open_existing(db: Path):
    from storytrace.store.sqlite import Store

    if not db.exists():
        _fail(f"no database at {db}; run `storytrace ingest PATH --db {db}` first")
    return Store(db)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = DEFAULT_PORT,
    token: Annotated[Optional[str], typer.Option("--token", envvar="STORYTRACE_TOKEN", help="Allows POST /api/articles with this bearer token.")] = None,
) -> None:
    """The web app and JSON API over a database."""
    from storytrace.web.serve import serve as run_server

    _open_existing(db).close()
    run_server(db, host=host, port=port, token=token)


@eval_app.command("extraction")
def eval_extraction(corpus: Annotated[Path, typer.Argument(help="Folder with html/<id>.html.gz and ground-truth.json.")]) -> None:
    """Article-body extraction: token 4-gram precision/recall/F1 averaged over pages."""
    from storytrace.eval.extraction import evaluate_extraction

    if not (corpus / "ground-truth.json").exists():
        _fail(f"{corpus} has no ground-truth.json")
    _print_metrics(evaluate_extraction(corpus))


@eval_app.command("pan")
def eval_pan(corpus: Annotated[Path, typer.Argument(help="A PAN 2013 text-alignment folder (src/, susp/, pairs, 0N-*/).")]) -> None:
    """Text reuse: PAN plagdet, precision, recall and granularity, per obfuscation and overall."""
    from storytrace.eval.pan import evaluate_pan

    if not (corpus / "pairs").exists():
        _fail(f"{corpus} has no pairs file")
    _print_metrics(evaluate_pan(corpus))


@eval_app.command("clusters")
def eval_clusters(corpus: Annotated[Path, typer.Argument(help="A JSONL file in the ECB+ layout (field `event` is the gold label).")]) -> None:
    """Story clustering: pairwise and BCubed precision/recall/F1 against the gold events."""
    from storytrace.eval.clusters import evaluate_clusters

    if not corpus.is_file():
        _fail(f"no such file: {corpus}")
    _print_metrics(evaluate_clusters(corpus))


@eval_app.command("quotes")
def eval_quotes(corpus: Annotated[Path, typer.Argument(help="A PolNeAR split folder (text/, attributions/).")]) -> None:
    """Attributions: source, cue and content spans, exact and overlap match."""
    from storytrace.eval.quotes import evaluate_quotes

    if not (corpus / "text").is_dir():
        _fail(f"{corpus} has no text/ folder")
    _print_metrics(evaluate_quotes(corpus))


@eval_app.command("events")
def eval_events(
    corpus: Annotated[Path, typer.Argument(help="A PLOVER gold-record JSON file.")],
    split: Annotated[Optional[str], typer.Option("--split", help="tune (even records) or held-out (odd records); default all.")] = None,
) -> None:
    """PLOVER events: event type accuracy and macro-F1, actor/recipient country and sector accuracy."""
    from storytrace.eval.events import evaluate_events

    if not corpus.is_file():
        _fail(f"no such file: {corpus}")
    if split not in (None, "tune", "held-out"):
        _fail(f"--split is tune or held-out, not {split!r}")
    _print_metrics(evaluate_events(corpus, split=split))


@app.command()
def bench(
    corpus: Annotated[Optional[list[Path]], typer.Option("--corpus", help="Input files or folders (any format).")] = None,
    generate: Annotated[int, typer.Option("--generate", min=0, help="Instead of --corpus: a synthetic stream of N articles.")] = 0,
    pages: Annotated[Optional[Path], typer.Option("--pages", help="Instead: time the web pages over this database.")] = None,
    reuse: Annotated[int, typer.Option("--reuse", min=0, help="Instead: fingerprint + candidate lookup over N synthetic articles.")] = 0,
    assignment: Annotated[int, typer.Option("--assignment", min=0, help="Instead: time placing an article with N articles in open stories.")] = 0,
    growth: Annotated[Optional[str], typer.Option("--growth", help="Instead: fingerprinting + clustering cost at these article counts, e.g. 10000,100000,1000000.")] = None,
    plot: Annotated[Optional[Path], typer.Option("--plot", help="With --growth: write the curves as an SVG image here.")] = None,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Feed the corpus this many times (as new articles).")] = 1,
    workers: WorkersOption = 1,
    batch_size: BatchOption = 256,
) -> None:
    """Throughput of the full ingest pipeline, next to spaCy alone on the same texts."""
    from storytrace.bench import run_generated_bench, run_ingest_bench

    if growth:
        _growth(growth, plot)
        return
    if assignment:
        from storytrace.stories.benchmark import run_assignment_bench

        _print_metrics(run_assignment_bench(open_articles=assignment))
        return
    if reuse:
        from storytrace.reuse.bench import run_reuse_bench

        checkpoint = lambda report: console.print(  # noqa: E731
            f"{report['articles']:>9,} articles: {report['articles_per_cpu_second']:,.0f}/CPU-s, "
            f"index {report['index_megabytes']:,.0f} MB, peak RSS {report['peak_rss_mb']:,.0f} MB")
        _print_metrics(run_reuse_bench(reuse, report_every=max(reuse // 10, 1), on_report=checkpoint))
        return
    if pages is not None:
        from storytrace.web.bench import time_pages

        _open_existing(pages).close()
        _print_metrics(time_pages(pages))
        return
    if bool(corpus) == bool(generate):
        _fail("give one of --corpus PATH, --generate N or --pages DB")
    if generate:
        _print_metrics(run_generated_bench(generate, workers=workers, batch_size=batch_size))
    else:
        _print_metrics(run_ingest_bench(corpus, repeat=repeat, workers=workers, batch_size=batch_size))


def _growth(counts: str, plot: Path | None) -> None:
    from storytrace.growth import as_rows, run_growth, write_svg

    try:
        checkpoints = sorted({int(count) for count in counts.split(",")})
    except ValueError:
        _fail(f"--growth takes article counts separated by commas, not {counts!r}")
    if checkpoints[0] < 1:
        _fail("--growth counts must be positive")
    points = run_growth(checkpoints, on_checkpoint=lambda point: console.print(as_rows([point])[0]))
    if plot is not None:
        write_svg(points, plot)
    _print_metrics({"checkpoints": as_rows(points), "plot": str(plot) if plot else None})


def _print_metrics(metrics: dict) -> None:
    _stdout_console().print_json(json.dumps(metrics, default=str))
    print(json.dumps(metrics, default=str))


def _fail(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(2)


if __name__ == "__main__":
    main()
