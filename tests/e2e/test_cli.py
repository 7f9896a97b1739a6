"""The command line on the bundled examples: ingest, analyze, export, search; re-ingest and resume."""

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from tests.paths import ECB_SAMPLE, ROOT, SEED_000, SEED_003, SEEDS

STORYTRACE = [sys.executable, "-m", "storytrace.cli"]


def run(*args, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run([*STORYTRACE, *map(str, args)], capture_output=True, cwd=ROOT, timeout=600)
    if check:
        assert result.returncode == 0, result.stderr.decode()
    return result


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "examples.sqlite"
    result = run("analyze", SEEDS, ECB_SAMPLE, "--db", path)
    summary = result.stdout.decode()
    assert "Articles" in summary and "Removed boilerplate" in summary
    return path


def _count(db, table) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_analyze_stores_every_example(db):
    assert _count(db, "articles") == 20


def test_reingest_changes_nothing(db):
    before = {table: _count(db, table) for table in ("articles", "removals", "mentions", "entities")}
    run("ingest", SEEDS, ECB_SAMPLE, "--db", db)
    assert {table: _count(db, table) for table in before} == before


def test_export_articles_keep_input_ids_clean_text_removals_and_entities(db):
    rows = [json.loads(line) for line in run("export", "articles", "--db", db).stdout.decode().splitlines()]
    assert len(rows) == 20
    by_id = {row["id"]: row for row in rows}
    ecb_ids = {json.loads(line)["id"] for line in ECB_SAMPLE.read_text().splitlines()}
    assert ecb_ids <= set(by_id)
    seed = next(row for row in rows if row["origin"].endswith(SEED_003.name))
    assert seed["clean_text"] and seed["removals"] and seed["entities"]
    assert {"text", "reason", "start", "end"} <= set(seed["removals"][0])
    assert any(row["extra"].get("event") for row in rows)  # unknown JSONL fields are kept


@pytest.mark.parametrize("kind", ["articles", "entities", "removals", "stories", "quotes", "events"])
def test_export_formats_agree(db, tmp_path, kind):
    lines = run("export", kind, "--db", db, "--format", "jsonl").stdout.decode().splitlines()
    run("export", kind, "--db", db, "--format", "parquet", "--out", tmp_path / "x.parquet")
    rows_csv = list(csv.DictReader(io.StringIO(run("export", kind, "--db", db, "--format", "csv").stdout.decode())))
    table = pq.read_table(tmp_path / "x.parquet")
    assert len(lines) == table.num_rows == len(rows_csv) > 0


def test_search_finds_clean_text_and_survives_hostile_queries(db):
    hits = [json.loads(line) for line in run("search", "hypersonic missile", "--db", db, "--json").stdout.decode().splitlines()]
    assert hits and hits[0]["id"]
    for query in ['"', "U.S.-Japan", "NEAR(", "AND OR *"]:
        run("search", query, "--db", db)


def test_bad_arguments_give_a_clear_error(tmp_path):
    result = run("export", "articles", "--db", tmp_path / "missing.sqlite", check=False)
    assert result.returncode == 2 and b"no database" in result.stderr
    result = run("ingest", tmp_path / "nothing-here", "--db", tmp_path / "x.sqlite", check=False)
    assert result.returncode == 2 and b"no such file" in result.stderr


def test_broken_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(SEED_003.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "bad.jsonl").write_text('{"id": "x1", "text": "Fine text about Japan and China."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "x.sqlite"
    run("ingest", inputs, "--db", db)
    assert _count(db, "articles") == 2
    skipped = [json.loads(line) for line in run("export", "skipped", "--db", db).stdout.decode().splitlines()]
    origins = " ".join(row["origin"] for row in skipped)
    assert "binary.bin" in origins and "empty.txt" in origins and "bad.jsonl:line 2" in origins


def _jsonl_corpus(path, count: int) -> None:
    base = json.loads(ECB_SAMPLE.read_text().splitlines()[0])
    with open(path, "w", encoding="utf-8") as out:
        for index in range(count):
            out.write(json.dumps(dict(base, id=f"art-{index}", text=f"Story number {index}. " + base["text"])) + "\n")


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    corpus, db = tmp_path / "many.jsonl", tmp_path / "kill.sqlite"
    _jsonl_corpus(corpus, 150)
    process = subprocess.Popen([*STORYTRACE, "ingest", str(corpus), "--db", str(db), "--batch-size", "10"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_rows(db, process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _count(db, "articles")
    assert 0 < partial < 150
    run("ingest", corpus, "--db", db, "--batch-size", "10")
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(ids) == sorted(f"art-{index}" for index in range(150))


def _wait_for_rows(db, process, deadline_seconds=300):
    started = time.monotonic()
    while time.monotonic() - started < deadline_seconds and process.poll() is None:
        if db.exists():
            try:
                if _count(db, "articles") > 0:
                    return
            except sqlite3.Error:
                pass
        time.sleep(0.2)
    raise AssertionError("the ingest stored nothing before the deadline")


def test_bench_prints_its_metrics_as_json_on_the_last_line():
    result = run("bench", "--generate", "12")
    metrics = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert metrics["articles"] == 12
    assert {"articles_per_second", "floor_ratio", "peak_memory_mb", "stages"} <= set(metrics)
    assert {"read", "extract", "clean", "analyse", "attribute", "store"} <= set(metrics["stages"])
    assert metrics["cpu_seconds"] > 0 and metrics["spacy_only_cpu_seconds"] > 0
    assert set(metrics["stage_main_cpu_seconds"]) >= {"extract", "clean", "analyse", "attribute", "link", "cluster", "store"}
    assert sum(metrics["stage_main_cpu_seconds"].values()) <= metrics["cpu_seconds"]
    assert abs(metrics["cpu_floor_ratio"] - metrics["cpu_seconds"] / metrics["spacy_only_cpu_seconds"]) < 0.01
    work = metrics["spacy_model_work_cpu_seconds"]
    assert abs(metrics["cpu_floor_ratio_to_model_work"] - metrics["cpu_seconds"] / work) < 0.01
    assert run("bench", check=False).returncode == 2  # neither --corpus nor --generate


def test_reuse_bench_reports_checkpoints_and_its_metrics():
    result = run("bench", "--reuse", "400")
    metrics = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert metrics["articles"] == 400 and metrics["articles_with_candidates"] >= 30  # every tenth is a spun copy
    assert result.stderr.decode().count(" articles: ") == 10  # a progress line each tenth, on stderr


def test_assignment_bench_reports_the_median_time_to_place_an_article():
    metrics = json.loads(run("bench", "--assignment", "300").stdout.decode().strip().splitlines()[-1])
    assert metrics["open_articles"] == 300 and metrics["open_stories"] >= 60  # 5 articles a story
    assert 0 < metrics["assign_ms_median"] <= metrics["assign_ms_p95"]


def test_serve_answers_on_the_local_port(db):
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*STORYTRACE, "serve", "--db", str(db), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert f"http://127.0.0.1:{port}/" in server.stdout.readline().decode()
        body = _get_when_up(urllib.request, f"http://127.0.0.1:{port}/api/articles?limit=1")
        assert json.loads(body)["total"] == 20
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get_when_up(request_module, url, attempts=100):
    for _ in range(attempts):
        try:
            with request_module.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url}")


def _export(db, kind) -> list[dict]:
    return [json.loads(line) for line in run("export", kind, "--db", db).stdout.decode().splitlines()]


def _seed_ids(db) -> dict[str, str]:
    return {row["origin"].rsplit("/", 1)[-1][:3]: row["id"] for row in _export(db, "articles") if row["fmt"] == "text"}


def test_the_seeds_form_one_story_and_each_sample_event_one_story(db):
    stories = _export(db, "stories")
    seeds = set(_seed_ids(db).values())
    assert any(seeds <= set(story["article_ids"]) for story in stories)
    event_of = {row["id"]: row["extra"]["event"] for row in _export(db, "articles") if row["extra"].get("event")}
    for story in stories:
        assert len({event_of[i] for i in story["article_ids"] if i in event_of}) <= 1, story["headline"]
    stories_of_event: dict[str, set[str]] = {}
    for story in stories:
        for article_id in story["article_ids"]:
            if article_id in event_of:
                stories_of_event.setdefault(event_of[article_id], set()).add(story["story_id"])
    assert len(stories_of_event) == 6 and all(len(found) == 1 for found in stories_of_event.values()), stories_of_event
    assert "stories" in run("stories", "--db", db).stdout.decode()


def test_no_derivation_between_the_independent_seeds(db):
    ids = _seed_ids(db)
    derivations = {"duplicate", "copy", "spun", "partial", "rewrite"}
    for link in _export(db, "links"):
        if {link["source_id"], link["derived_id"]} == {ids["000"], ids["003"]}:
            assert link["kind"] not in derivations


def test_quotes_and_events_are_exported_with_offsets_into_the_input_text(db):
    texts = {row["id"]: row["text"] for row in _export(db, "articles")}
    quotes = _export(db, "quotes")
    hornung = [q for q in quotes if q["speaker"] == "Jeffrey Hornung"]
    with_content = [q for q in quotes if q["content_start"] is not None]
    assert hornung and all(texts[q["article_id"]][q["content_start"]:q["content_end"]] == q["content"] for q in with_content)
    assert any(q["broken"] for q in quotes)  # the Russell cue that lost its quote
    events = _export(db, "events")
    assert any(e["type"] == "CONSULT" and {e["actor_code"], e["recipient_code"]} == {"USA", "JPN"} for e in events)
    flat = list(csv.DictReader(io.StringIO(run("export", "events-flat", "--db", db, "--format", "csv").stdout.decode())))
    assert flat and {"date", "actor1_code", "event_type", "actor2_code", "story_id", "articles", "sources"} <= set(flat[0])
    assert all(row["story_id"] for row in flat)  # every event of an ingested article is in a story


def test_ingest_says_when_the_reuse_index_caps_what_it_compares(tmp_path):
    text = "The central bank raised its main interest rate by half a point on Thursday, its governor told reporters in the capital."
    copies = tmp_path / "copies.jsonl"
    copies.write_text("".join(json.dumps({"id": f"copy-{n}", "title": "Rates up", "text": text}) + "\n" for n in range(12)))
    result = run("ingest", copies, "--db", tmp_path / "copies.sqlite", "--workers", "2", "--batch-size", "8")
    assert "candidates beyond the per-article cap were not compared" in result.stderr.decode()
    assert _count(tmp_path / "copies.sqlite", "articles") == 12


def test_reuse_window_limits_how_far_back_a_copy_finds_its_source(tmp_path):
    source = SEED_000.read_text().split("\n", 1)[1]
    fillers = [json.loads(line)["text"] for line in ECB_SAMPLE.read_text().splitlines()[:3]]
    records = [("source", source), *((f"other-{n}", text) for n, text in enumerate(fillers)), ("copy", source)]
    stream = tmp_path / "stream.jsonl"
    stream.write_text("".join(json.dumps({"id": id_, "title": "Talks", "text": text}) + "\n" for id_, text in records))
    linked = {}
    for window in ("0", "2"):  # everything, and the latest two articles only
        db = tmp_path / f"window{window}.sqlite"
        result = run("ingest", stream, "--db", db, "--reuse-window", window)
        assert ("no longer reuse candidates" in " ".join(result.stderr.decode().split())) == (window == "2")
        with sqlite3.connect(db) as connection:
            linked[window] = connection.execute("SELECT source_id FROM reuse_links WHERE derived_id = 'copy'").fetchall()
    assert linked["0"] == [("source",)]
    assert linked["2"] == []  # three articles came between: the source had left the window
