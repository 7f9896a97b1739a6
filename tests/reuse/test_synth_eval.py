"""Scoring derivation links against the synthetic stream's gold labels."""

from storytrace.model import ReuseLink
from storytrace.reuse.synth_eval import score_links


def record(article_id: str, story: str, role: str, derived_from: str | None = None) -> dict:
    return {"id": article_id, "story": story, "role": role, "derived_from": derived_from}


RECORDS = [
    record("w1", "s1", "original"), record("c1", "s1", "copy", "w1"), record("c2", "s1", "copy", "w1"),
    record("i1", "s1", "independent"), record("w2", "s2", "original"), record("p2", "s2", "partial", "w2"),
]


def test_links_are_scored_and_every_wrong_one_is_explained():
    links = [ReuseLink("w1", "c1", "copy", 1.0), ReuseLink("c1", "c2", "copy", 1.0),  # gold, then siblings
             ReuseLink("w1", "i1", "rewrite", 0.4), ReuseLink("w1", "w2", "partial", 0.2),
             ReuseLink("c2", "w1", "copy", 1.0), ReuseLink("w2", "p2", "shared-quote", 0.1)]
    result = score_links(RECORDS, links)
    assert result["recall"] == 0.3333  # w1->c1 found; w1->c2 only reversed; w2->p2 only a shared quote
    assert result["precision"] == 0.2
    assert result["other_links"] == {"sibling": 1, "independent": 1, "cross-story": 1, "reversed": 1}
    assert result["missed_by_role"] == {"copy": 1, "partial": 1}
