"""The Ray engine on a real local cluster: a head node and two worker nodes of one CPU each."""

import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storytrace.engine.batch import Failure, LocalEngine, Partition, Step, run_batch

ray = pytest.importorskip("ray")
from ray.cluster_utils import Cluster  # noqa: E402

OBJECT_STORE_BYTES = 100 * 1024 * 1024
PARTITION_SIZE = 20


@pytest.fixture(scope="module")
def cluster():
    head = {"num_cpus": 0, "object_store_memory": OBJECT_STORE_BYTES, "include_dashboard": False}  # tasks go to the workers
    nodes = Cluster(initialize_head=True, head_node_args=head)
    try:
        for _ in range(2):
            nodes.add_node(num_cpus=1, object_store_memory=OBJECT_STORE_BYTES)
        ray.init(address=nodes.address, log_to_driver=False)
        nodes.wait_for_nodes()
        ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import the tests
        yield nodes
    finally:
        ray.shutdown()
        nodes.shutdown()


@pytest.fixture(scope="module")
def ray_engine(cluster):
    from storytrace.engine.ray_engine import RayEngine

    return RayEngine()


def _links(out: Path) -> list[tuple]:
    rows = pq.read_table(out / "links.parquet").to_pylist()
    return sorted((r["source_id"], r["derived_id"], r["kind"], round(r["score"], 6)) for r in rows)


def _stories(out: Path) -> list[tuple]:
    rows = pq.read_table(out / "stories.parquet").to_pylist()
    return sorted((r["story_id"], tuple(r["article_ids"]), tuple(r["roles"])) for r in rows)


def test_ray_and_local_engines_give_the_same_links_and_stories(corpus, ray_engine, tmp_path):
    on_ray = run_batch(ray_engine, [corpus], tmp_path / "ray", partition_size=PARTITION_SIZE)
    in_process = run_batch(LocalEngine(), [corpus], tmp_path / "local", partition_size=PARTITION_SIZE)
    assert on_ray.failed == [] and on_ray.partitions == 5  # 2 seed files, 60 records in 3 chunks
    assert on_ray.exported == in_process.exported and on_ray.exported["articles"] == 62
    assert _links(tmp_path / "ray") == _links(tmp_path / "local") != []
    assert _stories(tmp_path / "ray") == _stories(tmp_path / "local") != []
    rerun = run_batch(ray_engine, [corpus], tmp_path / "ray", partition_size=PARTITION_SIZE)
    assert (rerun.ran, rerun.reused) == (0, 10)
    assert _links(tmp_path / "ray") == _links(tmp_path / "local")


def _fails_once(step: Step) -> int:
    """Fails the first attempt at each step (across processes: a marker file remembers the attempt)."""
    marker = Path(step.result + ".attempted")
    if not marker.exists():
        marker.touch()
        raise OSError("worker lost its disk for a moment")
    return 7


def _always_fails(step: Step) -> int:
    if step.partition.origin == "broken":
        raise ValueError("unreadable partition")
    return 7


def test_ray_retries_a_failed_partition(ray_engine, tmp_path):
    steps = [Step("extract", Partition(name, 1, 1), name, str(tmp_path / name)) for name in ("a", "b")]
    outcomes = dict((step.partition.origin, outcome) for step, outcome in ray_engine.run(_fails_once, steps))
    assert outcomes == {"a": 7, "b": 7}


def test_ray_reports_a_partition_failing_every_attempt_and_finishes_the_others(ray_engine, tmp_path):
    steps = [Step("extract", Partition(name, 1, 1), name, str(tmp_path / name)) for name in ("broken", "fine")]
    outcomes = dict((step.partition.origin, outcome) for step, outcome in ray_engine.run(_always_fails, steps))
    assert outcomes["fine"] == 7
    assert isinstance(outcomes["broken"], Failure) and "unreadable partition" in outcomes["broken"].error
