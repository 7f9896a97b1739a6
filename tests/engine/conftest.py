"""A small mixed input for the batch engines: the seed articles and a generated stream."""

import shutil
from pathlib import Path

import pytest

from storytrace.synth import write_stream
from tests.paths import SEEDS

STREAM_ARTICLES = 60
STREAM_WORDS = 80  # short articles keep the analysis (run once per engine) quick


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch-input")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    write_stream(folder / "stream.jsonl", STREAM_ARTICLES, words=STREAM_WORDS)
    return folder
