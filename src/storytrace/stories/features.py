"""What the clusterer sees of an article: weighted terms, entities and a date.

Terms are lower-cased word stems of title and body (the title counted ``TITLE_WEIGHT`` times) and
numbers kept whole ("#6.1", "#2008"); entities are the NLP layer's entity ids (or, for mentions it
could not resolve, the label and the lower-cased text), people under their surname alone
("person:vincent-jackson" and an unresolved "Jackson" are both "person:jackson"), and so are names
NER gave another kind when they end in the surname of a person the article names ("org:bettie-page"
beside "Page" is "person:page"). Both are raw counts: the clusterer weighs them with its own,
incrementally updated, document frequencies.

The lead's date words (years, months, weekdays named in the headline and first sentences) say when
the event happened: two events alike in all else (a coach fired in 2008, hired in 2005) differ there.
So do the sums of money the lead names ("85 million euros", "$2.6 million"): two jewel heists in
one city, one of 85 million euros and one of 2 million, read alike but for the haul.

A roundup ("Sports news in brief", a blog's three items of the day) is read as the item it leads
with: its other items would pull it away from every story.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from spacy.lang.en.stop_words import STOP_WORDS

from storytrace.model import Article, Mention

TITLE_WEIGHT = 2
LEAD_SENTENCES = 2
LEAD_CHARACTERS = 400
DATE_LEAD_SENTENCES = 3  # a dateline often stands between the headline and the first sentence
ITEM_SENTENCES = 3  # the fewest sentences of a roundup's item
MAX_ITEM_SENTENCES = 40  # a longer first part is an article's body, not an item
ITEM_SHARED_WORDS = 0.03  # of the smaller side's content words, shared across an item boundary
# Kinds NER confuses with a person's name ("Bettie Page" as an organisation); places are left alone
# ("Washington" the city is not "George Washington").
PERSON_LIKE_KINDS = ("org:", "norp:", "work_of_art:", "product:", "event:", "fac:")
ENTITY_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?<![\d.,$€£])(?:19[5-9]\d|20[0-4]\d)(?![\d.,]\d)")
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# Month names and abbreviations, capitalised ("March", "SEPT.", not the verb "march"); "May" only
# next to a day number, where it is not the verb.
_MONTH = re.compile(
    r"\b(?:(january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b|(may)(?=\.?\s+\d)|(?<=\d\s)(may)\b)",
    re.IGNORECASE,
)
# A sum of money in millions or billions: after a currency sign or a code in capitals ("$2.6-million",
# "£1.7m", "US$ 3bn", "EUR 40m"; not "told us 2 million") or before a currency word ("85 million
# euros"); a bare "2 million" may count people.
_NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_AMOUNT = re.compile(
    rf"(?:[$€£¥]|\b(?-i:USD|EUR|GBP)\b)\s?{_NUMBER}\s?-?\s?(million|billion|mn|m|bn)\b"
    rf"|(?<![\d.,]){_NUMBER}\s?-?\s?(million|billion)\s+(?:euros?|dollars?|pounds?|sterling|yen|yuan|francs?|rupees?|r[ou]bles?)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class ArticleFeatures:
    article_id: str
    terms: Counter[str]
    entities: Counter[str]
    published: datetime | None = None
    source_id: str | None = None  # the article this one derives from, when a reuse link says so
    title: str = ""
    title_terms: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()  # years the text names, and the publication year
    lead_entities: frozenset[str] = frozenset()  # entities named in the headline and lead
    lead_dates: frozenset[str] = frozenset()  # years, months and weekdays named in the headline and lead
    lead_amounts: frozenset[float] = frozenset()  # sums in millions the headline and lead name


def features_from_article(article: Article, source_id: str | None = None) -> ArticleFeatures:
    """The clustering features of an analysed article (mentions filled by ``nlp.Analyzer``)."""
    body, mentions = article.clean_text or article.text, article.mentions
    item = first_item_sentences(article)
    if item is not None:  # its sentences only: what cleaning removed stays out
        body = "\n".join(article.text[s.start : s.end] for s in article.sentences[:item])
        mentions = [mention for mention in mentions if mention.span.start < article.sentences[item - 1].end]
    entities = mention_entities(mentions)
    leads = mention_entities(_lead_mentions(article), _surnames(entities))  # surnames the whole article names
    lead = _date_lead(article)
    return ArticleFeatures(
        article_id=article.id,
        terms=text_terms(article.title or "", body),
        entities=entities,
        published=article.published,
        source_id=source_id,
        title=article.title or first_line(body),
        title_terms=frozenset(tokens(article.title or first_line(body))),
        years=years_named(body, article.published),
        lead_entities=frozenset(leads),
        lead_dates=date_words(lead),
        lead_amounts=amounts(lead),
    )


def first_item_sentences(article: Article) -> int | None:
    """How many sentences the first item of a roundup holds, or None for one-item text.

    A roundup ("Sports news in brief", a blog's three items of the day) reports several events and
    leads with the first. An item ends after ``ITEM_SENTENCES`` sentences at least, where what comes
    before and what follows share no entity and next to no content word (``ITEM_SHARED_WORDS``).
    Entities decide first: most articles name their subject throughout, and their words are never read.
    """
    sentences = article.sentences
    if len(sentences) < 2 * ITEM_SENTENCES:
        return None
    boundaries = _entity_boundaries(_sentence_names(article))
    if not boundaries:
        return None
    words = [set(tokens(article.text[s.start : s.end])) for s in sentences]
    for count in boundaries:
        before, after = set().union(*words[:count]), set().union(*words[count:])
        if after and len(before & after) <= ITEM_SHARED_WORDS * min(len(before), len(after)):
            return count
    return None


def _sentence_names(article: Article) -> list[set[str]]:
    """Each sentence's entity keys."""
    names: list[set[str]] = [set() for _ in article.sentences]
    starts = [s.start for s in article.sentences]
    for mention in article.mentions:
        key = _entity_key(mention)
        if key is not None:
            names[max(bisect.bisect_right(starts, mention.span.start) - 1, 0)].add(key)
    return names


def _entity_boundaries(names: list[set[str]]) -> list[int]:
    """The sentence counts (``ITEM_SENTENCES`` to ``MAX_ITEM_SENTENCES``, leaving as many after)
    after which no entity named before is named again, some entity having been named."""
    after: Counter[str] = Counter()
    for sentence_names in names:
        after.update(sentence_names)
    before: set[str] = set()
    found = []
    for count in range(1, min(len(names) - ITEM_SENTENCES, MAX_ITEM_SENTENCES) + 1):
        before |= names[count - 1]
        after.subtract(names[count - 1])
        if count >= ITEM_SENTENCES and before and not any(after[key] > 0 for key in before):
            found.append(count)
    return found


def text_terms(title: str, body: str) -> Counter[str]:
    terms = Counter(tokens(body))
    for _ in range(TITLE_WEIGHT - 1):
        terms.update(tokens(title))
    return terms


def tokens(text: str) -> list[str]:
    """Content-word stems and whole numbers, stop words dropped."""
    terms = map(_term, _WORD.findall(text))
    return [term for term in terms if term is not None]


@functools.lru_cache(maxsize=1 << 18)
def _term(word: str) -> str | None:
    word = word.lower().replace("\u2019", "'")
    if word[0].isdigit():
        return "#" + word.replace(",", "")
    if word in STOP_WORDS or len(word) <= 2:
        return None
    return stem(word.removesuffix("'s"))


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def mention_entities(mentions: list[Mention], surnames: frozenset[str] | None = None) -> Counter[str]:
    """Entity keys and their counts; names of another kind ending in one of ``surnames`` (by default
    those of the people these mentions name) count as that person."""
    entities = Counter(key for key in map(_entity_key, mentions) if key is not None)
    return people_mislabelled(entities, _surnames(entities) if surnames is None else surnames)


def _entity_key(mention: Mention) -> str | None:
    if mention.label in ENTITY_LABELS or mention.entity_id:
        return surname_key(mention.entity_id or f"{mention.label.lower()}:{mention.text.lower()}")
    return None


def people_mislabelled(entities: Counter[str], surnames: frozenset[str]) -> Counter[str]:
    """Entities of a non-place kind ending in one of ``surnames`` (of people the text names), counted
    as that person: NER tags one woman "Bettie Page" (org), "Page" (person) and "Klitschko" (norp) by
    turns, and the three must meet for her articles to meet."""
    if not surnames:
        return entities
    people: Counter[str] = Counter()
    for key, count in entities.items():
        last = _last_word(key)
        people["person:" + last if key.startswith(PERSON_LIKE_KINDS) and last in surnames else key] += count
    return people


def _surnames(entities: Counter[str]) -> frozenset[str]:
    return frozenset(key[len("person:") :] for key in entities if key.startswith("person:"))


def surname_key(entity: str) -> str:
    """A person under the last word of the name ("person:vincent-jackson" -> "person:jackson"): the
    NLP layer resolves "Jackson" alone apart from "Vincent Jackson", and a story names both."""
    if not entity.startswith("person:"):
        return entity
    return "person:" + _last_word(entity)


def _last_word(entity: str) -> str:
    return re.split(r"[\s-]+", entity.split(":", 1)[1].strip())[-1]


def _lead_mentions(article: Article) -> list[Mention]:
    """Mentions in the first ``LEAD_SENTENCES`` sentences (or ``LEAD_CHARACTERS`` without sentences)."""
    if article.sentences:
        lead_end = article.sentences[min(LEAD_SENTENCES, len(article.sentences)) - 1].end
    else:
        lead_end = LEAD_CHARACTERS
    return [mention for mention in article.mentions if mention.span.start < lead_end]


def _date_lead(article: Article) -> str:
    """The headline and the first ``DATE_LEAD_SENTENCES`` sentences (or ``LEAD_CHARACTERS``)."""
    if article.sentences:  # in offsets of ``text``
        lead = article.text[: article.sentences[min(DATE_LEAD_SENTENCES, len(article.sentences)) - 1].end]
    else:
        lead = (article.clean_text or article.text)[:LEAD_CHARACTERS]
    return f"{article.title or ''}\n{lead}"


def date_words(text: str) -> frozenset[str]:
    """The years ("2013"), months ("sep") and weekdays ("sunday") a text names."""
    years = {str(year) for year in years_named(text)}
    months = {_month(match) for match in _MONTH.finditer(text) if match.group()[0].isupper()}
    weekdays = {match.group(1).lower() for match in _WEEKDAY.finditer(text)}
    return frozenset(years | months | weekdays)


def amounts(text: str) -> frozenset[float]:
    """The sums of money in millions or billions a text names, in units: {85e6, 2.6e6}."""
    found = set()
    for match in _AMOUNT.finditer(text):
        number, scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        value = float(number.replace(",", "")) * (1e9 if scale.lower() in ("billion", "bn") else 1e6)
        if value > 0:
            found.add(value)
    return frozenset(found)


def _month(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group).lower()[:3]


def years_named(text: str, published: datetime | None = None) -> frozenset[int]:
    years = {int(match.group()) for match in _YEAR.finditer(text)}
    if published is not None:
        years.add(published.year)
    return frozenset(years)


def first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0][:200] if text.strip() else ""
