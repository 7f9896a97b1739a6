"""Stages after analysis persist their results in the batch's own transaction."""

import sqlite3

from storytrace.engine.local import Pipeline, PipelineOptions
from storytrace.store import Store
from tests.paths import ECB_SAMPLE


class CountingStage:
    """Records, per batch, how many articles it saw, in a table of its own."""

    name = "count"

    def __init__(self):
        self.saved_batches = 0

    def run(self, articles, store):
        ids = [article.id for article in articles]

        def write(connection: sqlite3.Connection) -> None:
            connection.execute("CREATE TABLE IF NOT EXISTS seen (article_id TEXT REFERENCES articles(id))")
            connection.executemany("INSERT INTO seen VALUES (?)", [(i,) for i in ids])

        return [write]

    def saved(self):
        self.saved_batches += 1


def test_stage_results_are_stored_with_their_articles(tmp_path, analyzer):
    stage = CountingStage()
    with Store(tmp_path / "s.sqlite") as store:
        report = Pipeline(store, analyzer, PipelineOptions(batch_size=7), stages=[stage]).ingest([ECB_SAMPLE])
        seen = [row[0] for row in store.connection.execute("SELECT article_id FROM seen")]
        stored = [row[0] for row in store.connection.execute("SELECT id FROM articles")]
    assert sorted(seen) == sorted(stored) and len(stored) == 18
    assert stage.saved_batches == 3
    assert "count" in report.stage_seconds
