"""Cross-source comparison of one story: aligned facts, shared phrases, differing names and numbers,
and quotes with the outlets that carry them.

Alignment is lexical: two sentences of different articles state the same fact when most content
words of the shorter one are in the other (containment >= ``FACT_OVERLAP``). Shared phrases are the
longest word runs (at least ``PHRASE_WORDS`` words) that two sources have in common.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

from storytrace.model import Article, Quote
from storytrace.stories.differences import (
    Difference,
    QuoteCoverage,
    name_differences,
    number_differences,
    quote_coverage,
)
from storytrace.stories.features import tokens

FACT_OVERLAP = 0.5
MIN_FACT_WORDS = 4
PHRASE_WORDS = 5
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])|\n+")
_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*")


@dataclass(slots=True)
class Fact:
    text: str  # the sentence as the first source states it
    article_ids: list[str]
    sources: list[str]  # outlet (site) per carrying article, or the article id when the site is unknown
    statements: dict[str, str] = field(default_factory=dict)  # article id -> its sentence

    @property
    def alone(self) -> bool:
        return len(self.article_ids) == 1


@dataclass(slots=True, frozen=True)
class SharedPhrase:
    text: str
    article_ids: tuple[str, ...]


@dataclass(slots=True)
class StoryComparison:
    article_ids: list[str]
    facts: list[Fact]
    shared_phrases: list[SharedPhrase]
    differences: list[Difference]
    quotes: list[QuoteCoverage]

    def carried_by_all(self) -> list[Fact]:
        return [fact for fact in self.facts if len(fact.article_ids) == len(self.article_ids) > 1]

    def only_in(self, article_id: str) -> list[Fact]:
        return [fact for fact in self.facts if fact.article_ids == [article_id]]

    def as_dict(self) -> dict:
        facts = [asdict(fact) | {"alone": fact.alone} for fact in self.facts]
        return {
            "article_ids": self.article_ids,
            "facts": facts,
            "shared_phrases": [asdict(phrase) for phrase in self.shared_phrases],
            "differences": [asdict(difference) for difference in self.differences],
            "quotes": [asdict(quote) for quote in self.quotes],
        }


def compare_story(articles: Sequence[Article], quotes: Sequence[Quote] = ()) -> StoryComparison:
    facts = align_facts(articles)
    return StoryComparison(
        article_ids=[a.id for a in articles],
        facts=facts,
        shared_phrases=shared_phrases(articles),
        differences=name_differences(articles) + number_differences(facts),
        quotes=quote_coverage(articles, quotes),
    )


def sentences_of(article: Article) -> list[str]:
    """The article's sentences: the NLP stage's when it ran, else a punctuation split of the clean text."""
    if article.sentences:
        found = [span.of(article.text) for span in article.sentences]
    else:
        found = _SENTENCE_END.split(article.clean_text or article.text)
    return [" ".join(sentence.split()) for sentence in found if sentence.strip()]


def align_facts(articles: Sequence[Article]) -> list[Fact]:
    facts: list[Fact] = []
    fact_words: list[set[str]] = []
    postings: dict[str, set[int]] = defaultdict(set)
    for article in articles:
        for sentence in dict.fromkeys(sentences_of(article)):
            words = set(tokens(sentence))
            match = _best_fact(words, article.id, facts, fact_words, postings)
            if match is None:
                match = len(facts)
                facts.append(Fact(sentence, [], []))
                fact_words.append(set(words))
                for word in words:
                    postings[word].add(match)
            _carry(facts[match], article, sentence)
    return facts


def _best_fact(
    words: set[str], article_id: str, facts: list[Fact], fact_words: list[set[str]], postings: dict[str, set[int]]
) -> int | None:
    if len(words) < MIN_FACT_WORDS:
        return None
    shared: dict[int, int] = defaultdict(int)
    for word in words:
        for index in postings.get(word, ()):
            shared[index] += 1
    best, best_rank = None, (FACT_OVERLAP, -len(facts))
    for index, count in shared.items():
        overlap = count / min(len(words), len(fact_words[index]))
        rank = (overlap, -index)  # on equal overlap the earliest fact, whatever the order of the words
        if rank >= best_rank and article_id not in facts[index].article_ids and len(fact_words[index]) >= MIN_FACT_WORDS:
            best, best_rank = index, rank
    return best


def _carry(fact: Fact, article: Article, sentence: str) -> None:
    if article.id in fact.article_ids:
        return
    fact.article_ids.append(article.id)
    fact.sources.append(article.site or article.id)
    fact.statements[article.id] = sentence


def shared_phrases(articles: Sequence[Article]) -> list[SharedPhrase]:
    """Maximal word runs (at least ``PHRASE_WORDS`` words) that two or more articles have in common,
    each listed once with its carriers, worded as the first carrier words it.

    Linear in the story's words: every ``PHRASE_WORDS``-word window is counted once an article, and
    each article's windows held by others are joined into runs while one set of carriers holds them all."""
    texts = {a.id: _Words(a.clean_text or a.text) for a in articles}
    holders = _window_holders(texts)
    carriers: dict[str, set[str]] = defaultdict(set)
    wording: dict[str, str] = {}
    for article in articles:
        for phrase, ids in _shared_runs(texts[article.id], holders):
            key = phrase.lower()
            wording.setdefault(key, phrase)
            carriers[key].update(ids)
    order = [a.id for a in articles]
    return [SharedPhrase(wording[key], tuple(i for i in order if i in ids)) for key, ids in carriers.items()]


def _window_holders(texts: dict[str, _Words]) -> dict[tuple[str, ...], set[str]]:
    holders: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for article_id, words in texts.items():
        for window in _windows(words.words):
            holders[window].add(article_id)
    return holders


def _windows(words: list[str]) -> Iterator[tuple[str, ...]]:
    for start in range(len(words) - PHRASE_WORDS + 1):
        yield tuple(words[start : start + PHRASE_WORDS])


def _shared_runs(words: _Words, holders: dict[tuple[str, ...], set[str]]) -> Iterator[tuple[str, set[str]]]:
    """Runs of consecutive windows of one article that the same other articles hold, with those carriers."""
    windows = list(_windows(words.words))
    first, common = None, set()
    for position, window in enumerate(windows):
        held = holders[window]
        if first is not None:
            narrowed = common & held
            if len(narrowed) > 1:
                common = narrowed
                continue
            yield _run(words, first, position), common
            first = None
        if len(held) > 1:
            first, common = position, held
    if first is not None:
        yield _run(words, first, len(windows)), common


def _run(words: _Words, first_window: int, end_window: int) -> str:
    return words.quote(first_window, end_window - first_window + PHRASE_WORDS - 1)


class _Words:
    """The words of a text (lower-cased) with their character spans, to quote runs verbatim."""

    __slots__ = ("text", "words", "spans")

    def __init__(self, text: str):
        self.text = text
        matches = list(_WORD.finditer(text))
        self.words = [m.group().lower() for m in matches]
        self.spans = [m.span() for m in matches]

    def quote(self, first: int, length: int) -> str:
        return " ".join(self.text[self.spans[first][0] : self.spans[first + length - 1][1]].split())


