"""What sources of one story disagree on: spellings of names, numbers in the same fact, and quotes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from storytrace.model import Article, Quote
from storytrace.stories.features import tokens

if TYPE_CHECKING:
    from storytrace.stories.compare import Fact

QUOTE_OVERLAP = 0.6
_NAME_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(slots=True)
class Difference:
    kind: str  # "name" | "number"
    values: dict[str, list[str]]  # article id -> what it says
    context: str = ""  # the fact or entity the difference is about


@dataclass(slots=True)
class QuoteCoverage:
    text: str
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    wordings: dict[str, str] = field(default_factory=dict)  # article id -> the words it quotes
    speakers: dict[str, str] = field(default_factory=dict)  # article id -> the speaker it names

    @property
    def wording_differs(self) -> bool:
        return len(set(self.wordings.values())) > 1

    @property
    def speaker_differs(self) -> bool:
        return len({speaker.lower() for speaker in self.speakers.values()}) > 1


def name_differences(articles: Sequence[Article]) -> list[Difference]:
    return _entity_spellings(articles) + _near_spellings(articles)


def _entity_spellings(articles: Sequence[Article]) -> list[Difference]:
    """One entity (as the NLP registry resolved it) spelled differently by different articles."""
    spellings: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id and mention.label == "PERSON":
                spellings[mention.entity_id][article.id].add(mention.text)
    differences = []
    for entity_id, by_article in spellings.items():
        if len(by_article) > 1 and len({frozenset(s) for s in by_article.values()}) > 1:
            differences.append(Difference("name", {a: sorted(s) for a, s in by_article.items()}, entity_id))
    return differences


def _near_spellings(articles: Sequence[Article]) -> list[Difference]:
    """Capitalised words one edit apart that different articles use ("Antony" / "Anthony")."""
    vocabularies = {a.id: set(_NAME_WORD.findall(a.clean_text or a.text)) for a in articles}
    differences, seen = [], set()
    for index, left in enumerate(articles):
        for right in articles[index + 1 :]:
            for pair in _near_pairs(vocabularies[left.id], vocabularies[right.id]):
                if pair not in seen:
                    seen.add(pair)
                    differences.append(Difference("name", {left.id: [pair[0]], right.id: [pair[1]]}, "spelling"))
    return differences


def _near_pairs(left: set[str], right: set[str]) -> Iterable[tuple[str, str]]:
    only_left, only_right = left - right, right - left
    for word in sorted(only_left):
        for other in sorted(only_right):
            if word[0] == other[0] and Levenshtein.distance(word, other) == 1 and not _inflection(word, other):
                yield word, other


def _inflection(word: str, other: str) -> bool:
    shorter, longer = sorted((word, other), key=len)
    return longer.startswith(shorter) and longer[len(shorter) :] in {"s", "n", "d"}


def number_differences(facts: Sequence[Fact]) -> list[Difference]:
    """Facts whose statements in different articles carry different numbers."""
    differences = []
    for fact in facts:
        numbers = {a: sorted(set(_NUMBER.findall(s))) for a, s in fact.statements.items()}
        stated = {a: n for a, n in numbers.items() if n}
        if len(stated) > 1 and len({tuple(n) for n in stated.values()}) > 1:
            differences.append(Difference("number", stated, fact.text))
    return differences


def quote_coverage(articles: Sequence[Article], quotes: Sequence[Quote]) -> list[QuoteCoverage]:
    """Quotes grouped across articles by their words, with who carries each and how it varies."""
    by_id = {a.id: a for a in articles}
    groups: list[tuple[set[str], QuoteCoverage]] = []
    for quote in quotes:
        article = by_id.get(quote.article_id)
        if article is None or quote.content is None:
            continue
        text = " ".join(quote.content.of(article.text).split())
        words = set(tokens(text))
        group = _matching_group(words, article.id, groups)
        if group is None:
            group = QuoteCoverage(text)
            groups.append((words, group))
        _carry_quote(group, article, text, quote)
    return [group for _, group in groups]


def _matching_group(
    words: set[str], article_id: str, groups: list[tuple[set[str], QuoteCoverage]]
) -> QuoteCoverage | None:
    for group_words, group in groups:
        if article_id in group.article_ids or not words or not group_words:
            continue
        if len(words & group_words) / min(len(words), len(group_words)) >= QUOTE_OVERLAP:
            return group
    return None


def _carry_quote(group: QuoteCoverage, article: Article, text: str, quote: Quote) -> None:
    if article.id in group.article_ids:
        return
    group.article_ids.append(article.id)
    group.sources.append(article.site or article.id)
    group.wordings[article.id] = text
    if quote.speaker:
        group.speakers[article.id] = quote.speaker
