"""The same stream gives the same stories and scores in every process, whatever Python's string
hash seed (which orders sets): ties are broken by name, so a restart replays the same decisions."""

import os
import subprocess
import sys

from tests.paths import ROOT

STREAM = """
from collections import Counter
from storytrace.stories.clusterer import StoryClusterer
from storytrace.stories.features import ArticleFeatures

def article(article_id, words, named, lead):
    entities = Counter(named)
    return ArticleFeatures(article_id, Counter(words.split()), entities, lead_entities=frozenset(lead))

leads = [f"person:p{number}" for number in range(8)]
clusterer = StoryClusterer()
first = article("a", "quake lima peru magnitude dead rescue", leads, leads)
print(clusterer.place(first).story_id)
for number in range(8):
    later = article(f"b{number}", "quake lima peru magnitude rescue", [leads[number]], [leads[number]])
    placed = clusterer.place(later)
    print(placed.story_id, round(placed.score, 6))
"""


def _run(seed: int) -> str:
    environment = dict(os.environ, PYTHONHASHSEED=str(seed))
    result = subprocess.run([sys.executable, "-c", STREAM], cwd=ROOT, env=environment, capture_output=True, check=True)
    return result.stdout.decode()


def test_assignments_and_scores_do_not_depend_on_the_hash_seed():
    outputs = {_run(seed) for seed in (1, 2, 3)}
    assert len(outputs) == 1
