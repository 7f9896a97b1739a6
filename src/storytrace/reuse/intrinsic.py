"""Signals of copying that one article shows on its own, when no source is in the corpus.

This is a separate, clearly labelled score (``intrinsic``): it says the text looks derived, never
from what. Each signal is defensible on its own: a wire credit on a site that is not the wire's,
attribution lead-ins with no quote, lone words set as sentences, scrape residue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storytrace.model import Article, Artifact, Evidence
from storytrace.reuse import artifacts as traces

SIGNAL_WEIGHTS = {"wire-claim": 0.4, "lost-attribution": 0.2, "stray-token": 0.1, "scrape-residue": 0.1}
SIGNAL_CAPS = {"wire-claim": 0.4, "lost-attribution": 0.4, "stray-token": 0.2, "scrape-residue": 0.2}


@dataclass(slots=True)
class IntrinsicReport:
    article_id: str
    score: float  # 0..1, from the article alone (not a derivation score)
    signals: list[Evidence] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)


def intrinsic_signals(article: Article, original_seen: bool = False) -> IntrinsicReport:
    """``original_seen``: whether a link to the credited wire's own article exists in the corpus."""
    found = traces.lost_attributions("", article.text) + traces.stray_tokens(article.text)
    found += [a for a in traces.inserted_boilerplate(_EMPTY, article) if a.type == "scrape-residue"]
    found += traces.registration_walls(article.text)
    signals = [_wire_claim(article, original_seen)] if _claims_foreign_wire(article) else []
    signals += [Evidence(a.type, f"{a.type}: {a.derived_text[:80]!r} at {a.derived.start}", favours="intrinsic") for a in found]
    return IntrinsicReport(article.id, _score(signals), signals, found)


_EMPTY = Article(id="", origin="", fmt="text", text="")


def _claims_foreign_wire(article: Article) -> bool:
    wire = article.claimed_wire
    return bool(wire) and not traces.is_wire_site(wire, article.site)


def _wire_claim(article: Article, original_seen: bool) -> Evidence:
    wire = article.claimed_wire
    seen = "original linked" if original_seen else "original not seen"
    return Evidence("wire-claim", f"claims {wire}; {seen} (site {article.site or 'unknown'} is not a {wire} site)", favours="intrinsic")


def _score(signals: list[Evidence]) -> float:
    totals: dict[str, float] = {}
    for signal in signals:
        kind = signal.kind if signal.kind in SIGNAL_WEIGHTS else "scrape-residue"
        totals[kind] = min(totals.get(kind, 0.0) + SIGNAL_WEIGHTS[kind], SIGNAL_CAPS[kind])
    return round(min(sum(totals.values()), 1.0), 3)
