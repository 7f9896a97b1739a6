"""Batches overlap (the model works on the next ones while the stages run on one): the stored
results are the same with one or two batches in flight, and an article repeated across batches in
flight is stored once (with batches of one, its repeat comes while two earlier batches are unsaved)."""

import gc
import json

import pytest

from storytrace.engine.local import INGEST_GC_THRESHOLDS, PipelineOptions
from storytrace.engine.stages import full_pipeline
from storytrace.ingest import read_paths
from storytrace.nlp.pipeline import Analyzer
from storytrace.store import Store
from storytrace.store import quotes as quote_store
from tests.paths import ECB_SAMPLE, SEEDS


def stored(db):
    with Store(db) as store:
        rows = store.connection.execute("SELECT id FROM articles ORDER BY id").fetchall()
        articles = {article.id: article for article in store.load_articles([row[0] for row in rows])}
        quotes = sorted(json.dumps(row, sort_keys=True, default=str) for row in quote_store.iter_quote_rows(store.connection))
        events = sorted(json.dumps(row, sort_keys=True, default=str) for row in quote_store.iter_event_rows(store.connection))
    analysed = {
        article_id: ([(m.span.start, m.span.end, m.label, m.entity_id) for m in article.mentions],
                     [(s.start, s.end) for s in article.sentences])
        for article_id, article in articles.items()
    }
    return analysed, quotes, events


def ingest(db, analyzer, records, batch_size, batches_in_flight=2):
    options = PipelineOptions(batch_size=batch_size, workers=analyzer.n_process, batches_in_flight=batches_in_flight)
    with Store(db) as store:
        pipeline = full_pipeline(store, analyzer, options)
        return pipeline.ingest_items(records, ["test"])


@pytest.fixture(scope="module")
def two_workers():
    analyzer = Analyzer(n_process=2)
    yield analyzer
    analyzer.close()


def test_worker_pool_and_overlap_store_what_one_process_stores(tmp_path, analyzer, two_workers):
    records = list(read_paths([str(SEEDS), str(ECB_SAMPLE)]))
    ingest(tmp_path / "one.sqlite", analyzer, records, batch_size=6, batches_in_flight=1)
    report = ingest(tmp_path / "two.sqlite", two_workers, records, batch_size=6, batches_in_flight=2)
    assert report.inserted == len(records)
    (one, one_quotes, one_events), (two, two_quotes, two_events) = stored(tmp_path / "one.sqlite"), stored(tmp_path / "two.sqlite")
    assert one.keys() == two.keys() and one == two
    assert one_quotes and one_quotes == two_quotes  # the parse in worker processes reads the same
    assert one_events and one_events == two_events


@pytest.mark.parametrize("batch_size", [2, 1])
def test_an_article_in_two_batches_in_flight_is_stored_once(tmp_path, two_workers, batch_size):
    line = {"id": "wire-1", "title": "Quake hits coast", "text": "A strong earthquake struck the coast of Chile on Monday, officials said."}
    source = tmp_path / "twice.jsonl"
    source.write_text("\n".join(json.dumps(record) for record in [line, {**line, "id": "other", "text": "Markets rose in Tokyo on Tuesday."}, line]) + "\n")
    report = ingest(tmp_path / "twice.sqlite", two_workers, list(read_paths([str(source)])), batch_size=batch_size)
    with Store(tmp_path / "twice.sqlite") as store:
        ids = [row[0] for row in store.connection.execute("SELECT id FROM articles")]
    assert sorted(ids) == ["other", "wire-1"]
    assert report.inserted == 2 and report.already_stored == 1


def test_an_ingest_leaves_the_cycle_collector_as_it_found_it(tmp_path, analyzer):
    before = gc.get_threshold()
    ingest(tmp_path / "gc.sqlite", analyzer, list(read_paths([str(SEEDS)])), batch_size=2)
    assert gc.get_threshold() == before != INGEST_GC_THRESHOLDS
