"""Response times of the web app's pages on a stored database, for ``storytrace bench``."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from storytrace.store.web_queries import connect, has_table


def sample_story_ids(db_path: str | Path, samples: int) -> list[str]:
    connection = connect(db_path)
    try:
        if not has_table(connection, "stories"):
            return []
        sql = "SELECT id FROM stories WHERE merged_into IS NULL ORDER BY random() LIMIT ?"
        rows = connection.execute(sql, (samples,))
        return [row[0] for row in rows]
    finally:
        connection.close()


def time_pages(db_path: str | Path, samples: int = 50) -> dict[str, float]:
    """Median and worst milliseconds of the story page (over ``samples`` random stories) and the home page."""
    from fastapi.testclient import TestClient

    from storytrace.web.app import create_app

    client = TestClient(create_app(db_path))
    result: dict[str, float] = {}
    story_paths = [f"/stories/{story_id}" for story_id in sample_story_ids(db_path, samples)]
    for name, paths in (("story_page", story_paths), ("home", ["/"] * 5)):
        timings = [_milliseconds(client, path) for path in paths]
        if timings:
            result[f"{name}_median_ms"] = round(statistics.median(timings), 1)
            result[f"{name}_max_ms"] = round(max(timings), 1)
    return result


def _milliseconds(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return elapsed
