"""The Ray engine: the batch plan's per-partition steps as Ray tasks, one CPU each.

Ray is imported here only, and only when this engine is built. Without ``RAY_ADDRESS`` (or an
``address``) it starts a local Ray on this machine; with one it joins that cluster, whose workers must
have storytrace installed and see the same input and output paths. Tasks pass paths, never articles:
each step writes its result file itself, so the object store holds only small counts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from storytrace.engine.batch import Failure, Step

TASK_RETRIES = 1  # a failed partition is run once more (also after a worker dies) before it is reported
OBJECT_STORE_BYTES = 200 * 1024 * 1024


class RayEngine:
    def __init__(self, address: str | None = None, num_cpus: int | None = None):
        import ray

        self._ray = ray
        address = address or os.environ.get("RAY_ADDRESS")
        if not ray.is_initialized():
            local = {} if address else {"num_cpus": num_cpus, "object_store_memory": OBJECT_STORE_BYTES}
            ray.init(address=address, include_dashboard=False, log_to_driver=False, **local)

    def run(self, function: Callable[[Step], int], steps: list[Step]) -> Iterator[tuple[Step, int | Failure]]:
        task = self._ray.remote(num_cpus=1, max_retries=TASK_RETRIES, retry_exceptions=True)(function)
        pending = {task.remote(step): step for step in steps}
        while pending:
            done, _ = self._ray.wait(list(pending), num_returns=1)
            for ref in done:
                step = pending.pop(ref)
                yield step, self._outcome(ref, step)

    def _outcome(self, ref, step: Step) -> int | Failure:
        try:
            return self._ray.get(ref)
        except Exception as error:  # the task failed on every attempt (a RayTaskError or a lost worker)
            return Failure(step, _first_line(error))


def _first_line(error: Exception) -> str:
    lines = [line for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[-1] if lines else ''}"
