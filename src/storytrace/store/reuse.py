"""Persistence of the provenance index and links (tables from migration 002)."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator

import numpy as np

from storytrace.model import ReuseLink
from storytrace.reuse.index import Fingerprint, LinkIndex
from storytrace.reuse.minhash import SCHEME, key_scheme
from storytrace.reuse.originality import DERIVED_KINDS, SiteOriginality

log = logging.getLogger(__name__)

_UPSERT_LINK = (
    "INSERT INTO reuse_links (source_id, derived_id, kind, score, evidence, passages, artifacts) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id, derived_id) DO UPDATE SET kind = excluded.kind, "
    "score = excluded.score, evidence = excluded.evidence, passages = excluded.passages, artifacts = excluded.artifacts"
)


def save_fingerprints(connection: sqlite3.Connection, fingerprints: Iterable[Fingerprint]) -> None:
    connection.executemany(
        "INSERT INTO reuse_fingerprints (article_id, band_keys) VALUES (?, ?) ON CONFLICT (article_id) DO NOTHING",
        ((f.article_id, f.keys.astype("<i8").tobytes()) for f in fingerprints),
    )


def load_link_index(connection: sqlite3.Connection, index: LinkIndex | None = None) -> LinkIndex:
    """The index as it was saved, rebuilt from stored keys in insertion order (nothing is re-hashed)."""
    index = index or LinkIndex()
    if index.window is None:
        rows = connection.execute("SELECT article_id, band_keys FROM reuse_fingerprints ORDER BY seq")
    else:  # the latest ``window`` only
        rows = connection.execute("SELECT article_id, band_keys FROM (SELECT seq, article_id, band_keys FROM "
                                  "reuse_fingerprints ORDER BY seq DESC LIMIT ?) ORDER BY seq", (index.window,))
    fingerprints = [Fingerprint(article_id, np.frombuffer(blob, dtype="<i8").astype(np.int64)) for article_id, blob in rows]
    _warn_of_old_schemes(fingerprints)
    index.restore_many(fingerprints)
    return index


def _warn_of_old_schemes(fingerprints: list[Fingerprint]) -> None:
    old = sum(1 for fingerprint in fingerprints if key_scheme(fingerprint.keys) != SCHEME)
    if old:
        log.warning("%d stored fingerprints were made by an older fingerprint scheme: new articles will not find "
                    "them as candidates until those articles are ingested again", old)


def save_links(connection: sqlite3.Connection, links: Iterable[ReuseLink]) -> None:
    connection.executemany(_UPSERT_LINK, (_link_values(link) for link in links))


def _link_values(link: ReuseLink) -> tuple:
    return (link.source_id, link.derived_id, link.kind, link.score, json.dumps(evidence_rows(link)),
            json.dumps(passage_rows(link)), json.dumps(artifact_rows(link)))


def evidence_rows(link: ReuseLink) -> list[dict]:
    return [{"kind": e.kind, "detail": e.detail, "favours": e.favours} for e in link.evidence]


def passage_rows(link: ReuseLink) -> list[dict]:
    return [
        {"source_start": p.source.start, "source_end": p.source.end, "derived_start": p.derived.start,
         "derived_end": p.derived.end, "similarity": p.similarity}
        for p in link.passages
    ]


def artifact_rows(link: ReuseLink) -> list[dict]:
    return [
        {"type": a.type, "derived_start": a.derived.start, "derived_end": a.derived.end,
         "source_text": a.source_text, "derived_text": a.derived_text}
        for a in link.artifacts
    ]


def iter_link_rows(connection: sqlite3.Connection) -> Iterator[dict]:
    """One export row a link: ids, kind, score, and evidence/passages/artifacts as lists."""
    query = "SELECT source_id, derived_id, kind, score, evidence, passages, artifacts FROM reuse_links ORDER BY id"
    for source_id, derived_id, kind, score, evidence, passages, artifacts in connection.execute(query):
        yield {"source_id": source_id, "derived_id": derived_id, "kind": kind, "score": score,
               "evidence": json.loads(evidence), "passages": json.loads(passages), "artifacts": json.loads(artifacts)}


DERIVED_KINDS_SQL = ", ".join(f"'{kind}'" for kind in sorted(DERIVED_KINDS))
# "Derived without credit": no link into the article (alias ``a``) kept its source's credit.
UNCREDITED_SQL = """NOT EXISTS (
    SELECT 1 FROM reuse_links AS k, json_each(k.artifacts) AS j
    WHERE k.derived_id = a.id AND json_extract(j.value, '$.type') = 'wire-credit-kept')"""
_ORIGINALITY = f"""
    SELECT coalesce(a.site, '(unknown)') AS site, count(*) AS articles, sum(coalesce(a.tokens, 0)) AS words,
           sum(d.derived_id IS NOT NULL) AS derived_articles,
           sum(CASE WHEN d.derived_id IS NOT NULL THEN coalesce(a.tokens, 0) ELSE 0 END) AS derived_words,
           sum(d.derived_id IS NOT NULL AND {UNCREDITED_SQL}) AS uncredited_articles
    FROM articles AS a
    LEFT JOIN (SELECT DISTINCT derived_id FROM reuse_links WHERE kind IN ({DERIVED_KINDS_SQL})) AS d
           ON d.derived_id = a.id
    GROUP BY 1 ORDER BY 1
"""


def site_originality(connection: sqlite3.Connection) -> list[SiteOriginality]:
    """Originality per site over everything stored: an article is derived when it is the derived
    side of a derivation link (a shared quote is none)."""
    return [SiteOriginality(*row) for row in connection.execute(_ORIGINALITY)]


def iter_originality_rows(connection: sqlite3.Connection) -> Iterator[dict]:
    """One export row a site: its articles and words, and the shares derived and derived without credit."""
    for site in site_originality(connection):
        yield {
            "site": site.site, "articles": site.articles, "words": site.words,
            "derived_articles": site.derived_articles, "derived_share": round(site.derived_share, 4),
            "derived_word_share": round(site.derived_word_share, 4),
            "uncredited_articles": site.uncredited_articles, "uncredited_share": round(site.uncredited_share, 4),
        }
