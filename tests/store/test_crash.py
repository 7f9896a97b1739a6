"""A writer killed in the middle of a batch leaves a clean database without any of that batch."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from storytrace.store import Store

BATCH_SIZE = 400
HANG_AT_ARTICLE = 300

# The child saves a small committed batch, then starts a big one; after HANG_AT_ARTICLE article
# inserts it reports in and blocks inside the transaction, so the parent kills it mid-batch.
CHILD = """
import sys, time
from storytrace.model import Article, Entity, Mention, Span
from storytrace.store import Store

path, batch_size, hang_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
body = "Tokyo and Washington agreed on export curbs. " * 180

def article(prefix, number):
    mention = Mention(Span(0, 5), "Tokyo", "GPE", "place:tokyo")
    return Article(id=f"{prefix}-{number}", origin="crash", fmt="text", text=body, clean_text=body,
                   site=f"site{number % 7}.example", mentions=[mention])

store = Store(path)
run_id = store.start_run(["crash"])
tokyo = [Entity("place:tokyo", "place", "Tokyo")]
store.save_batch(run_id, [article("committed", n) for n in range(5)], [], tokyo, [("line", "site0.example", 5)])

store.connection.execute("PRAGMA cache_size = 50")  # a small page cache spills the batch into the WAL early
inserted = 0
def hang_midway(statement):
    global inserted
    if statement.startswith("INSERT INTO articles"):
        inserted += 1
        if inserted == hang_at:
            print("inside the batch", flush=True)
            time.sleep(600)

store.connection.set_trace_callback(hang_midway)
store.save_batch(run_id, [article("doomed", n) for n in range(batch_size)], [], tokyo, [("line", "site0.example", 9)])
print("batch finished", flush=True)
"""


def run_child_until_inside_the_batch(db_path: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", CHILD, str(db_path), str(BATCH_SIZE), str(HANG_AT_ARTICLE)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    if line != "inside the batch\n":
        child.kill()
        _, errors = child.communicate(timeout=60)
        raise AssertionError(f"child did not reach the batch: {line!r}\n{errors}")
    return child


def test_sigkill_mid_batch_leaves_a_clean_database_without_the_batch(db_path: Path) -> None:
    child = run_child_until_inside_the_batch(db_path)
    try:
        wal_size_inside_batch = Path(f"{db_path}-wal").stat().st_size
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert wal_size_inside_batch > 1_000_000  # uncommitted pages of the batch had reached the disk

    with Store(db_path) as store:
        assert store.check() == []
        doomed = [f"doomed-{n}" for n in range(BATCH_SIZE)]
        assert store.known_ids(doomed) == set()
        assert store.known_ids(f"committed-{n}" for n in range(5)) == {f"committed-{n}" for n in range(5)}
        assert store.load_line_stats() == [("line", "site0.example", 5)]
        assert [row["id"] for row in store.search("export curbs", limit=50)] == [f"committed-{n}" for n in range(5)]
        assert store.save_batch(store.start_run([]), [], [], [], [("line", "site0.example", 1)]) == 0
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
