"""Attributions (who said what) in articles: direct, indirect and mixed quotes with their speakers.

Only paragraphs that can hold an attribution (a quotation mark, a cue word or a 'Speaker:' opening)
are parsed, with spaCy's dependency parser; the rules live in ``quotes_rules``. Spans index
``Article.text``. Speakers resolve to the entity ids of ``Article.mentions`` (filled by
``nlp.pipeline.Analyzer``); a pronoun takes the previous speaker. A quotation opening the paragraph
right after an attribution extends that attribution's content (one quote over several paragraphs,
as PolNeAR annotates it); further away it is a quote of its own by the previous speaker. An
attribution with neither a source nor an inherited speaker is not reported, unless its cue is
passive ("Trump is expected to win", as PolNeAR annotates it).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from storytrace.model import Article, Mention, OffsetMap, Quote, Span
from storytrace.nlp.chunks import LruCache, pipe_in_batches
from storytrace.nlp.quotes_forms import headline_speaker_end
from storytrace.nlp.quotes_lexicon import CueLexicon, load_cues
from storytrace.nlp.quotes_marks import has_quotation_mark, mask_dateline
from storytrace.nlp.quotes_rules import find_attributions
from storytrace.nlp.quotes_spans import Found
from storytrace.nlp.registry import EntityRegistry
from storytrace.nlp.spacy_model import DEFAULT_MODEL, load_model

Parser = Callable[[list[str]], list[Doc]]
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")  # preference order when several mentions overlap
PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


@functools.cache
def _parser_pipeline(model: str) -> Language:
    return load_model(model, exclude=["ner"])


def load_parser(model: str = DEFAULT_MODEL) -> Parser:
    """A parse function over spaCy's tagger, lemmatizer and dependency parser (no NER)."""
    nlp = _parser_pipeline(model)
    return lambda texts: list(pipe_in_batches(nlp, texts))


@dataclass(slots=True, frozen=True)
class _Paragraph:
    article_index: int
    start: int  # into the analysis text (clean text when the article was cleaned)
    text: str


class QuoteExtractor:
    """``QuoteExtractor(Analyzer().parse)`` or ``QuoteExtractor()`` (loads its own parser)."""

    def __init__(self, parse: Parser | None = None, lexicon: CueLexicon | None = None):
        self._parse = parse or load_parser()
        self._lexicon = lexicon or load_cues()
        self._found: LruCache[str, tuple[Found, ...]] = LruCache(1 << 16)
        self._may_attribute = shipped_cues_may_attribute if lexicon is None else functools.partial(may_attribute, lexicon=lexicon)

    def extract(self, article: Article, registry: EntityRegistry | None = None) -> list[Quote]:
        return self.extract_many([article], registry)[0]

    def paragraphs_to_parse(self, articles: list[Article]) -> list[str]:
        """The texts ``extract_many`` will parse (known once the articles are clean)."""
        return [paragraph.text for paragraph in self._paragraphs(articles)]

    def extract_many(self, articles: list[Article], registry: EntityRegistry | None = None) -> list[list[Quote]]:
        paragraphs = self._paragraphs(articles)
        docs = self._parse([paragraph.text for paragraph in paragraphs])
        found: list[list[tuple[_Paragraph, Found]]] = [[] for _ in articles]
        for paragraph, doc in zip(paragraphs, docs):
            found[paragraph.article_index].extend((paragraph, item) for item in self._found_in(paragraph.text, doc))
        return [_to_quotes(article, items, registry) for article, items in zip(articles, found)]

    def _found_in(self, text: str, doc: Doc) -> tuple[Found, ...]:
        """The attributions in a paragraph (``doc`` is its parse), remembered by its text: copies
        repeat their sources' paragraphs (about 45% of the paragraphs of the generated stream)."""
        found = self._found.get(text)
        if found is None:
            found = tuple(find_attributions(doc, self._lexicon, text))
            self._found.put(text, found)
        return found

    def _paragraphs(self, articles: list[Article]) -> list[_Paragraph]:
        return [paragraph for index, article in enumerate(articles) for paragraph in self._candidates(index, article)]

    def _candidates(self, index: int, article: Article) -> Iterable[_Paragraph]:
        text = _analysis_text(article)
        for line in line_spans(text):
            paragraph = line.of(text)
            if self._may_attribute(paragraph):
                yield _Paragraph(index, line.start, mask_dateline(paragraph))


def line_spans(text: str) -> list[Span]:
    """The text's lines that are not blank (a line is a paragraph)."""
    lines, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append(Span(start, start + len(line)))
        start += len(line) + 1
    return lines


def may_attribute(line: str, lexicon: CueLexicon) -> bool:
    """The cheap test that decides which paragraphs are parsed at all (the event coder asks it too,
    to take its sentences from those parses)."""
    quoted = has_quotation_mark(line)
    return quoted or lexicon.may_hold_cue(line) or headline_speaker_end(line) is not None


@functools.lru_cache(maxsize=1 << 16)
def shipped_cues_may_attribute(line: str) -> bool:
    """``may_attribute`` with the shipped cues, remembered by line: the quote extractor and the event
    coder both ask it of each line, twice a batch (for the parse prefetch, then for the work), and
    copies repeat their sources' lines."""
    return may_attribute(line, load_cues())


def extract_quotes(article: Article, parse: Parser | None = None) -> list[Quote]:
    return QuoteExtractor(parse).extract(article)


def _analysis_text(article: Article) -> str:
    return article.clean_text if article.offsets is not None and article.clean_text else article.text


def _offsets(article: Article) -> OffsetMap:
    return article.offsets if article.offsets is not None and article.clean_text else OffsetMap.identity(article.text)


def _to_quotes(article: Article, items: list[tuple[_Paragraph, Found]], registry: EntityRegistry | None) -> list[Quote]:
    offsets = _offsets(article)
    mentions = _ResolvedMentions(article.mentions)
    quotes: list[Quote] = []
    unsourced: set[int] = set()  # passive attributions kept without a speaker
    previous: tuple[_Paragraph, Found] | None = None
    for paragraph, item in items:
        raw = functools.partial(_to_raw, offsets, paragraph.start)
        if item.continues and previous is not None and _introduces(previous, paragraph):
            quotes[-1].content, quotes[-1].broken = raw(item.content), False  # 'Carter said:' then the quote
            quotes[-1].kind = item.kind
            previous = (paragraph, item)
            continue
        if item.continues and previous is not None and _carries_on(previous, paragraph, article, quotes[-1]):
            _extend_content(quotes[-1], raw(item.content))
            continue
        previous = (paragraph, item)
        quote = Quote(
            article_id=article.id, kind=item.kind, content=raw(item.content), cue=raw(item.cue),
            source=raw(item.source), broken=item.broken,
        )
        _resolve_speaker(quote, article, mentions, quotes, item.continues, registry)
        quotes.append(quote)
        if item.unsourced:
            unsourced.add(id(quote))
    return [quote for quote in quotes if quote.source is not None or quote.speaker is not None or id(quote) in unsourced]


def _introduces(previous: tuple[_Paragraph, Found], paragraph: _Paragraph) -> bool:
    """A contentless cue at the end of the paragraph just before, ending in a colon."""
    earlier, found = previous
    follows = earlier.article_index == paragraph.article_index and earlier.start < paragraph.start
    return follows and found.broken and earlier.text.rstrip().endswith(":")


def _carries_on(previous: tuple[_Paragraph, Found], paragraph: _Paragraph, article: Article, quote: Quote) -> bool:
    """A quotation paragraph right after the paragraph holding the last attribution goes on with it."""
    earlier, _ = previous
    if quote.content is None or earlier.article_index != paragraph.article_index:
        return False
    between = _analysis_text(article)[earlier.start + len(earlier.text) : paragraph.start]
    return earlier.start < paragraph.start and not between.strip()


def _extend_content(quote: Quote, continuation: Span | None) -> None:
    if quote.content is None or continuation is None:
        return
    quote.content = Span(quote.content.start, max(quote.content.end, continuation.end))
    quote.kind = "direct" if quote.kind == "direct" else "mixed"


def _to_raw(offsets: OffsetMap, base: int, span: Span | None) -> Span | None:
    return None if span is None else offsets.span_to_raw(base + span.start, base + span.end)


def _resolve_speaker(
    quote: Quote, article: Article, mentions: _ResolvedMentions, earlier: list[Quote], continues: bool,
    registry: EntityRegistry | None,
) -> None:
    previous = earlier[-1] if earlier else None
    if quote.source is None:
        if continues and previous is not None:
            quote.speaker_id, quote.speaker = previous.speaker_id, previous.speaker
        return
    named = quote.source.of(article.text)
    if named.lower() in PRONOUNS:
        _take_pronoun_referent(quote, article, previous, named)
        return
    mention = _best_mention(mentions.overlapping(quote.source))
    quote.speaker_id = mention.entity_id if mention else None
    quote.speaker = _display_name(quote.speaker_id, registry) or named


def _take_pronoun_referent(quote: Quote, article: Article, previous: Quote | None, named: str) -> None:
    if previous is not None and previous.speaker_id and previous.source and previous.source.start < quote.source.start:
        quote.speaker_id, quote.speaker = previous.speaker_id, previous.speaker
        return
    people = [m for m in article.mentions if m.label == "PERSON" and m.entity_id and m.span.end <= quote.source.start]
    if people and named.lower() in ("he", "she"):
        quote.speaker_id, quote.speaker = people[-1].entity_id, people[-1].text
    else:
        quote.speaker = named


class _ResolvedMentions:
    """An article's mentions that have an entity, found by position rather than by a scan of them
    all for each quote (about a tenth of the quote time in a profile of the generated stream)."""

    def __init__(self, mentions: list[Mention]):
        resolved = sorted((m.span.start, index, m) for index, m in enumerate(mentions) if m.entity_id)
        self._starts = [start for start, _, _ in resolved]
        self._mentions = [(index, m) for _, index, m in resolved]
        self._longest = max((m.span.end - m.span.start for _, m in self._mentions), default=0)

    def overlapping(self, span: Span) -> list[Mention]:
        """The mentions overlapping ``span``, in the article's order of mentions."""
        first = bisect.bisect_left(self._starts, span.start - self._longest)
        stop = bisect.bisect_left(self._starts, span.end)
        return [m for _, m in sorted(item for item in self._mentions[first:stop] if span.start < item[1].span.end)]


def _best_mention(overlapping: list[Mention]) -> Mention | None:
    for label in SPEAKER_LABELS:
        for mention in overlapping:
            if mention.label == label:
                return mention
    return overlapping[0] if overlapping else None


def _display_name(entity_id: str | None, registry: EntityRegistry | None) -> str | None:
    if entity_id is None or registry is None:
        return None
    entity = registry.get(entity_id)
    return entity.name if entity else None
