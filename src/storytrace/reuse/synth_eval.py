"""Precision and recall of derivation links against the gold `derived_from` of a synthetic stream.

A found link counts as right when its (source, derived) pair is a gold derivation; links between
articles of different stories are counted apart (the false links that matter most). Articles are
built the way the pipeline builds them from JSONL (metadata and dateline parsed), without the NLP.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from storytrace.ingest.extract import to_article
from storytrace.ingest.jsonl import doc_from_record
from storytrace.model import Article, ReuseLink
from storytrace.reuse.linker import Linker
from storytrace.synth import generate_stream

DERIVED_KINDS = frozenset({"duplicate", "copy", "spun", "partial", "rewrite"})


def link_stream(records: list[dict]) -> list[ReuseLink]:
    linker = Linker()
    known: dict[str, Article] = {}
    links: list[ReuseLink] = []
    for record in records:
        article = to_article(doc_from_record(record, "synthetic"))
        assert isinstance(article, Article)
        arrival = linker.add(article)
        links += linker.link(article, [known[i] for i in arrival.candidate_ids if i in known])
        known[article.id] = article
    return links


def score_links(records: list[dict], links: list[ReuseLink]) -> dict:
    """Precision and recall on the gold pairs, and what every other derivation link found was."""
    by_id = {record["id"]: record for record in records}
    gold = {(r["derived_from"], r["id"]) for r in records if r["derived_from"]}
    found = {(link.source_id, link.derived_id) for link in links if link.kind in DERIVED_KINDS}
    right = found & gold
    wrong = Counter(_relation(by_id[source], by_id[derived]) for source, derived in found - gold)
    return {
        "articles": len(records),
        "gold_links": len(gold),
        "found_links": len(found),
        "precision": round(len(right) / max(len(found), 1), 4),
        "recall": round(len(right) / max(len(gold), 1), 4),
        "precision_with_siblings": round((len(right) + wrong["sibling"]) / max(len(found), 1), 4),
        "other_links": dict(wrong),
        "cross_story_links": wrong["cross-story"],
        "found_kinds": dict(Counter(link.kind for link in links)),
        "missed_by_role": dict(Counter(by_id[derived]["role"] for _, derived in gold - found)),
    }


def _relation(source: dict, derived: dict) -> str:
    """Why a found link is not a gold one: another story, the gold link reversed, an independent
    report involved, or two copies of one source (siblings: they do share the text)."""
    if source["story"] != derived["story"]:
        return "cross-story"
    if source["derived_from"] == derived["id"]:
        return "reversed"
    if "independent" in (source["role"], derived["role"]):
        return "independent"
    return "sibling"


def evaluate(count: int = 2_000, seed: int = 7) -> dict:
    records = list(generate_stream(count, seed=seed))
    started = time.perf_counter()
    links = link_stream(records)
    result = score_links(records, links)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


if __name__ == "__main__":
    print(json.dumps(evaluate(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000)))
