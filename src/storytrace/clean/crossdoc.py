"""Boilerplate learnt from the corpus: lines that recur across documents.

Wire copies repeat real story text across many sites (one Reuters story on ten sites), and a site
repeats story text across the updates of a developing story. Counting repetitions alone would
therefore delete syndicated stories. The rule is built so that story text survives:

1. Shape. Only a short line that is not prose can be cross-document boilerplate: at most
   ``boilerplate_max_words`` words, and not a sentence (a line ending in sentence punctuation with a
   lower-case word in it) nor a long line (``prose_long_words`` words or more). A sentence of a
   story is never removed by this rule, however often it is syndicated; such lines are not even
   counted (see ``storytrace.clean.stats``).
2. Recurrence. The line occurs in at least ``site_min_docs`` documents of the article's own site
   (reason ``site-boilerplate``), or on at least ``cross_site_min_sites`` different sites (reason
   ``cross-site-boilerplate``). Counts include the document being cleaned.
3. Different neighbours. Each counted line is also counted together with its anchor, the nearest
   prose line above it (below it at the top of a document). A short line that travels with a story,
   such as a subheading or the headline of a syndicated copy, keeps the same anchor in (nearly)
   every copy; a navigation, footer or promo line sits beside different text each time. The line is
   removed only when it recurs beside the same anchor in less than ``anchored_share`` of its
   documents (or sites). The article's own title is never removed by this rule.

The same boilerplate in a batch of copies of one story (each site's footer after the same last
paragraph) therefore survives until the footer has also been seen beside other stories: the rule
prefers keeping a few footer lines to losing story text.
"""

from __future__ import annotations

from storytrace.clean.lines import Line, normalise
from storytrace.clean.options import CleanOptions
from storytrace.clean.stats import KeyedLine, LineStats, keyed_lines
from storytrace.model import Article, Removal

SITE_REASON = "site-boilerplate"
CROSS_SITE_REASON = "cross-site-boilerplate"


def cross_document_removals(
    article: Article, lines: list[Line], stats: LineStats, site: str, options: CleanOptions
) -> list[Removal]:
    """Removals for those of ``lines`` (lines of ``article.text`` still kept) that are boilerplate."""
    open_spans = {line.span for line in lines}
    title = normalise(article.title) if article.title else None
    removals = []
    for keyed in keyed_lines(article.text, article.id, options):
        if keyed.line.span not in open_spans or normalise(keyed.line.text) == title:
            continue
        removal = _judge(keyed, stats, site, options)
        if removal is not None:
            removals.append(removal)
    return removals


def _judge(keyed: KeyedLine, stats: LineStats, site: str, options: CleanOptions) -> Removal | None:
    on_site = stats.docs_on_site(keyed.key, site)
    if on_site >= options.site_min_docs and _wanders(stats.docs_on_site(keyed.context, site), on_site, options):
        detail = f"in {on_site} documents of {site}, beside different text"
        return _removal(keyed.line, SITE_REASON, detail)
    sites = stats.site_count(keyed.key)
    if sites >= options.cross_site_min_sites and _wanders(stats.site_count(keyed.context), sites, options):
        return _removal(keyed.line, CROSS_SITE_REASON, f"on {sites} sites, beside different text")
    return None


def _wanders(anchored: int, total: int, options: CleanOptions) -> bool:
    return anchored < options.anchored_share * total


def _removal(line: Line, reason: str, detail: str) -> Removal:
    return Removal(line.span, reason, line.text, detail)
