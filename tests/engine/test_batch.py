"""The batch plan on the in-process engine: partitions, retries, reruns, the entity merge."""

import json
from pathlib import Path

import pytest

from storytrace.engine import batch, batch_global
from storytrace.engine.batch import Failure, LocalEngine, Partition, Step, plan, read_partition, run_batch
from storytrace.model import Entity, RawDoc


def _jsonl(path: Path, records: int) -> Path:
    lines = (json.dumps({"id": f"r{n}", "text": f"Record number {n} says something."}) for n in range(records))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_large_file_is_cut_into_partitions_of_n_records(tmp_path):
    source = _jsonl(tmp_path / "in.jsonl", 5)
    partitions, skipped = plan([tmp_path, tmp_path / "missing"], partition_size=2)
    assert [(p.start, p.stop) for p in partitions] == [(0, 2), (2, 4), (4, 5)]
    assert [s.origin for s in skipped] == [str(tmp_path / "missing")]
    records = [r for p in partitions for r in read_partition(p)]
    assert [r.id for r in records if isinstance(r, RawDoc)] == [f"r{n}" for n in range(5)]
    assert plan([source])[0] == [Partition(str(source), source.stat().st_size, source.stat().st_mtime_ns)]


def test_a_partition_key_changes_with_the_file_and_the_bounds():
    first = Partition("a.jsonl", 10, 1, 0, 5)
    assert first.key("extract") == Partition("a.jsonl", 10, 1, 0, 5).key("extract")
    others = [Partition("a.jsonl", 11, 1, 0, 5), Partition("a.jsonl", 10, 2, 0, 5), Partition("a.jsonl", 10, 1, 5, 10)]
    assert first.key("extract") not in {other.key("extract") for other in others}
    assert first.key("analyse", "stats-1") != first.key("analyse", "stats-2")


class _Flaky:
    """Fails the first ``failures`` calls for each step named in ``fails``."""

    def __init__(self, fails: set[str], failures: int):
        self.fails, self.failures, self.calls = fails, failures, {}

    def __call__(self, step: Step) -> int:
        self.calls[step.result] = self.calls.get(step.result, 0) + 1
        if step.result in self.fails and self.calls[step.result] <= self.failures:
            raise OSError(f"disk hiccup on {step.result}")
        return 1


def _steps(*names: str) -> list[Step]:
    return [Step("extract", Partition(name, 1, 1), name, name) for name in names]


def test_the_local_engine_retries_a_failed_step_once():
    flaky = _Flaky({"b"}, failures=1)
    outcomes = dict((step.result, outcome) for step, outcome in LocalEngine().run(flaky, _steps("a", "b")))
    assert outcomes == {"a": 1, "b": 1}
    assert flaky.calls == {"a": 1, "b": 2}


def test_a_step_failing_twice_is_reported_and_the_others_still_run():
    outcomes = dict((step.result, outcome) for step, outcome in LocalEngine().run(_Flaky({"a"}, 2), _steps("a", "b")))
    assert isinstance(outcomes["a"], Failure) and "disk hiccup" in outcomes["a"].error
    assert outcomes["b"] == 1


def test_merged_registries_join_one_person_and_keep_country_ids():
    from storytrace.nlp.registry import EntityRegistry

    first = [Entity("person:antony-blinken", "person", "Antony Blinken", variants={"Antony Blinken": 2}),
             Entity("country:JPN", "country", "Japan", "JPN", {"Japan": 1})]
    second = [Entity("person:antony-blinken", "person", "Antony Blinken", variants={"Antony Blinken": 1, "Blinken": 3}),
              Entity("org:rand-corporation", "org", "RAND", variants={"Rand Corporation": 1, "RAND": 2})]
    merged = EntityRegistry()
    mappings = [batch_global.merge_entities(merged, first), batch_global.merge_entities(merged, second)]
    assert mappings[1]["person:antony-blinken"] == mappings[0]["person:antony-blinken"]
    assert mappings[1]["org:rand-corporation"] == "org:rand-corporation"
    person = merged.get(mappings[0]["person:antony-blinken"])
    assert person.variants == {"Antony Blinken": 3, "Blinken": 3}
    assert merged.get("country:JPN").code == "JPN"


class _FailingAnalysis(LocalEngine):
    """The in-process engine, with the analysis of one input broken."""

    def __init__(self, broken: str):
        super().__init__()
        self.broken = broken

    def run(self, function, steps):
        def maybe_broken(step: Step) -> int:
            if step.name == "analyse" and step.partition.origin.endswith(self.broken):
                raise RuntimeError("worker ran out of memory")
            return function(step)

        return super().run(maybe_broken, steps)


def _small_input(folder: Path) -> Path:
    folder.mkdir()
    for name, town in (("a.txt", "Lisbon"), ("b.txt", "Oslo"), ("c.txt", "Quito")):
        text = f"Floods hit {town}\n\nHeavy rain flooded {town} on Monday, officials said. Hundreds of homes were evacuated."
        (folder / name).write_text(text)
    return folder


def test_a_failed_partition_is_reported_and_a_rerun_redoes_only_it(tmp_path):
    inputs, out = _small_input(tmp_path / "in"), tmp_path / "out"
    failed = run_batch(_FailingAnalysis("b.txt"), [inputs], out)
    assert [f.step.partition.origin for f in failed.failed] == [str(inputs / "b.txt")]
    assert failed.ran == 5 and not (out / "articles.parquet").exists()  # 3 extracts, 2 analyses kept
    rerun = run_batch(LocalEngine(), [inputs], out)
    assert (rerun.ran, rerun.reused, rerun.failed) == (1, 5, [])
    assert rerun.exported["articles"] == 3
    again = run_batch(LocalEngine(), [inputs], out)
    assert (again.ran, again.reused, again.exported) == (0, 6, rerun.exported)


def test_a_changed_input_file_is_read_again(tmp_path):
    inputs, out = _small_input(tmp_path / "in"), tmp_path / "out"
    run_batch(LocalEngine(), [inputs], out)
    (inputs / "c.txt").write_text("Storm reaches Quito\n\nA storm reached Quito on Tuesday, the weather office said.")
    rerun = run_batch(LocalEngine(), [inputs], out)
    assert rerun.ran >= 2 and rerun.exported["articles"] == 3  # its extract and analysis at least
    results = sorted(path.suffix for path in (out / batch.WORK).iterdir() if path.suffix in {".extract", ".analyse"})
    assert results == [".analyse"] * 3 + [".extract"] * 3  # the results of the old c.txt are gone


@pytest.mark.parametrize("db_given", [False, True])
def test_results_are_loaded_into_the_database_when_asked(tmp_path, db_given):
    from storytrace.store.sqlite import Store

    db = tmp_path / "st.sqlite" if db_given else None
    report = run_batch(LocalEngine(), [_small_input(tmp_path / "in")], tmp_path / "out", db=db)
    assert report.exported["articles"] == 3
    assert (tmp_path / "st.sqlite").exists() == db_given
    if db_given:
        with Store(db) as store:
            assert len(list(store.iter_articles())) == 3


def test_the_batch_command_runs_the_local_engine_and_prints_a_json_summary(tmp_path):
    from typer.testing import CliRunner

    from storytrace.cli import app

    inputs, out = _small_input(tmp_path / "in"), tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(inputs), "--out", str(out), "--engine", "local"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["partitions"], summary["failed"], summary["exported"]["articles"]) == (3, 0, 3)
    written = sorted(kind for kind, count in summary["exported"].items() if count)  # a kind without rows has no file
    assert "articles" in written and sorted(path.stem for path in out.glob("*.parquet")) == written
    refused = CliRunner().invoke(app, ["batch", str(inputs), "--out", str(out), "--engine", "spark"])
    assert refused.exit_code == 2


def test_articles_are_linked_in_publication_order_and_a_repeated_id_is_kept_once(tmp_path):
    import sqlite3

    inputs = tmp_path / "in"
    inputs.mkdir()
    text = "Port strike ends\n\nDock workers in {0} ended their strike on Friday, the union said."
    records = {"a.jsonl": [("late", "2024-05-03", "Porto"), ("early", "2024-05-01", "Genoa")],
               "b.jsonl": [("middle", "2024-05-02", "Bilbao"), ("early", "2024-05-01", "Genoa")]}
    for name, rows in records.items():
        lines = [json.dumps({"id": i, "published": day, "text": text.format(town)}) for i, day, town in rows]
        (inputs / name).write_text("\n".join(lines) + "\n")
    report = run_batch(LocalEngine(), [inputs], tmp_path / "out", partition_size=1)
    assert (report.partitions, report.articles, report.repeated_in_input) == (4, 3, 1)
    with sqlite3.connect(tmp_path / "out" / batch.WORK / "global.sqlite") as connection:
        order = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY seq")]
    assert order == ["early", "middle", "late"]


def test_a_partition_result_is_read_back_whole_across_read_blocks(tmp_path):
    from storytrace.model import Article, Mention, Span

    count = batch_global.READ_BLOCK * 2 + 5
    articles = [Article(f"a{n}", "in", "text", "Ann Lee spoke.", mentions=[Mention(Span(0, 7), "Ann Lee", "PERSON", "person:x")])
                for n in range(count)]
    entries = [((False, float(n), n), article, [], []) for n, article in enumerate(articles)]
    path = tmp_path / "part.analyse"
    batch.write_atomically(path, batch.AnalysedHead([], []), *entries)
    read = list(batch_global._entries(path, 3, {"person:x": "person:ann-lee"}))
    assert [entry[1].id for entry in read] == [f"a{n}" for n in range(count)]
    assert read[-1][0] == (False, float(count - 1), 3, count - 1)
    assert {entry[1].mentions[0].entity_id for entry in read} == {"person:ann-lee"}
