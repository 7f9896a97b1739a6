"""Provenance: fingerprints, the candidate index, passage alignment, rewriting artifacts, derivation.

Entry points:
- ``reuse.linker.Linker``: per arriving article, ``process(article, load) -> Arrival`` (fingerprint,
  capped candidate ids, links); or ``add(article)`` then ``link(article, candidates)``.
- ``reuse.align.align(source_text, derived_text) -> list[Passage]``.
- ``reuse.derive.derive(first, second) -> ReuseLink | None`` (``first`` wins a tie on direction).
- ``reuse.intrinsic.intrinsic_signals(article) -> IntrinsicReport`` (no source needed).
- ``store.reuse.site_originality(connection) -> list[SiteOriginality]`` (originality per site).
- persistence in ``storytrace.store.reuse`` (tables from migration 002).
"""
