"""Entity mentions found in a parsed document, before they are resolved to entities."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from storytrace.nlp.countries import GPE_LABEL_ONLY, AliasKind, CountryTable
from storytrace.nlp.text import POSSESSIVE_TOKENS, alias_key, surface_form


@dataclass(slots=True)
class Candidate:
    span: Span  # tokens of the clean-text doc
    label: str  # NER label, or the label a rule gave it
    entity_id: str | None = None

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def spelling(self) -> str:
        return surface_form(self.span.text)


def trim_possessive(span: Span) -> Span:
    """ "North Korea’s" -> "North Korea"."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].text in POSSESSIVE_TOKENS:
        end -= 1
    return span.doc[span.start : end] if end != span.end else span


def covered_tokens(candidates: list[Candidate]) -> set[int]:
    return {index for candidate in candidates for index in range(candidate.span.start, candidate.span.end)}


class AliasMatcher:
    """Finds country names, demonyms and capitals that the NER model missed.

    Cities are left to the NER model: it finds them well, and many city names are also surnames,
    teams or words inside longer names ("Houston", "Chicago Tribune"), which a bare string match
    would turn into invented places."""

    def __init__(self, nlp: Language, table: CountryTable):
        self._table = table
        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        aliases = [alias for alias in table.aliases() if alias.kind is not AliasKind.CITY and _matchable(alias.spelling)]
        spellings = {alias.spelling for alias in aliases}
        spellings |= {alias.spelling + "s" for alias in aliases if alias.kind is AliasKind.DEMONYM}  # "Americans"
        spellings |= {spelling.upper() for spelling in spellings}  # datelines: "TOKYO/WASHINGTON"
        self._matcher.add("COUNTRY_ALIAS", list(nlp.tokenizer.pipe(sorted(spellings))))

    def missed(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        taken = covered_tokens(found)
        spans = filter_spans(self._matcher(doc, as_spans=True))
        return [
            Candidate(span, self._label(span))
            for span in spans
            if taken.isdisjoint(range(span.start, span.end)) and not inside_longer_name(span)
        ]

    def _label(self, span: Span) -> str:
        alias = self._table.lookup(span.text)
        return "NORP" if alias and alias.kind is AliasKind.DEMONYM else "GPE"


def _matchable(spelling: str) -> bool:
    return "," not in spelling and "(" not in spelling and alias_key(spelling) not in GPE_LABEL_ONLY


def inside_longer_name(span: Span, name_parts: frozenset[str] = frozenset()) -> bool:
    """ "China Daily", "East China Sea", "TELL US WHAT", "Whitney Houston": a capitalised word right
    after (unless one of ``name_parts``: "Helmand Province"), or right before unless that word only
    opens the sentence ("In China ...", told apart by its tag where the doc has tags); or an
    all-capitals word beside it."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.is_alpha and (after.is_title or _is_capitals(after.text)) and after.lower_ not in name_parts:
        return True
    if before is None or not before.is_alpha:
        return False
    return (before.is_title and (not before.is_sent_start or before.pos_ == "PROPN")) or _is_capitals(before.text)


def _is_capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def collect_candidates(doc: Doc, alias_matcher: AliasMatcher) -> list[Candidate]:
    found = [Candidate(trim_possessive(entity), entity.label_) for entity in doc.ents]
    found += alias_matcher.missed(doc, found)
    return sorted(found, key=lambda candidate: candidate.span.start)
