"""A faster stand-in for the model's ``attribute_ruler``: the same rules, found by dictionary lookups.

spaCy's ruler runs a ``Matcher`` over every token for its ~180 rules (the tag map: tag -> POS and
morphology, and word exceptions) and builds a ``Span`` for each match; in the parse that cost about
a quarter as much as the tagger and parser together. Here each rule is filed under the value its
first token must have (a lowercase form, a tag, a dependency label), so a token meets only the few
rules filed under its own values, plus the handful that test a pattern or a negation. Matches are
then applied exactly as the ruler applies them: sorted by rule number (later rules win), each rule's
attributes set with spaCy's own setter on the token the rule points at. Tokens are read as one array
of string ids (``Doc.to_array``) and the rules' strings turned into ids once; only a ``REGEX`` test
reads a string back.

Only the token tests the model's rules use are supported (exact values, ``IN``, ``NOT_IN`` and
``REGEX`` on ``LOWER``, ``TAG``, ``DEP`` and ``IS_SPACE``); a model with other rules keeps its own
ruler (``supports`` says which).
"""

import re
from collections import defaultdict
from collections.abc import Sequence

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FAST_RULER = "fast_attribute_ruler"
ATTRIBUTES = ("LOWER", "TAG", "DEP", "IS_SPACE")  # the order of a token's values, and of filing
STRING_ATTRIBUTES = 3  # the first three are strings, read as their ids; IS_SPACE reads 0 or 1

Test = tuple[int, str, object]  # (attribute position, "eq" | "in" | "not_in" | "regex", value)
Pattern = tuple[tuple[Test, ...], ...]  # one tuple of tests per token


def supports(ruler: AttributeRuler) -> bool:
    try:
        _compiled_rules(ruler)
    except ValueError:
        return False
    return True


class FastAttributeRuler:
    def __init__(self, ruler: AttributeRuler):
        self.attrs = ruler.attrs  # spaCy's own normalised attributes, one dict a rule
        self.indices = ruler.indices  # which token of the match a rule sets (may be negative)
        # Under a value key, a pattern to test, or None where being filed there is the whole test (one
        # token, one exact or IN test: most of the tag map).
        self.filed: dict[tuple[int, object], list[tuple[int, Pattern | None]]] = defaultdict(list)
        self.unfiled: list[tuple[int, Pattern]] = []
        for rule, pattern in _compiled_rules(ruler):
            key = _filing_keys(pattern[0])
            whole_test = len(pattern) == 1 and len(pattern[0]) == 1
            for value_key in key or ():
                self.filed[value_key].append((rule, None if whole_test else pattern))
            if not key:
                self.unfiled.append((rule, pattern))

    def __call__(self, doc: Doc) -> Doc:
        rows = [tuple(row) for row in doc.to_array(list(ATTRIBUTES)).tolist()] if len(doc) else []
        for rule, start, end in sorted(self._matches(rows, doc.vocab.strings)):
            index = self.indices[rule]
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[rule])
        return doc

    def _matches(self, rows: Sequence[tuple], strings: StringStore) -> set[tuple[int, int, int]]:
        found = set()
        filed, size = self.filed, len(rows)
        for start, row in enumerate(rows):
            for candidates in (filed.get((0, row[0])), filed.get((1, row[1])), filed.get((2, row[2])),
                               filed.get((3, row[3])), self.unfiled):
                for rule, pattern in candidates or ():
                    if pattern is None:
                        found.add((rule, start, start + 1))
                        continue
                    end = start + len(pattern)
                    if end <= size and all(_passes(tests, rows[start + offset], strings) for offset, tests in enumerate(pattern)):
                        found.add((rule, start, end))
        return found


@Language.factory(FAST_RULER)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


def _passes(tests: tuple[Test, ...], row: tuple, strings: StringStore) -> bool:
    for position, kind, wanted in tests:
        value = row[position]
        if kind == "eq":
            if value != wanted:
                return False
        elif kind == "in":
            if value not in wanted:
                return False
        elif kind == "not_in":
            if value in wanted:
                return False
        elif not wanted.search(strings[value] if position < STRING_ATTRIBUTES else str(bool(value))):
            return False
    return True


def _filing_keys(tests: tuple[Test, ...]) -> list[tuple[int, object]]:
    """The (attribute, value) keys under which a first token's tests are sure to be met: those of its
    first exact or ``IN`` test in ``ATTRIBUTES`` order; none when it has neither."""
    for position, kind, wanted in sorted(tests, key=lambda test: test[0]):
        if kind == "eq":
            return [(position, wanted)]
        if kind == "in":
            return [(position, value) for value in sorted(wanted)]
    return []


def _compiled_rules(ruler: AttributeRuler) -> list[tuple[int, Pattern]]:
    """(rule number, pattern) for every pattern of every rule; ValueError for an unsupported test."""
    return [(rule, tuple(_compiled_token(token) for token in pattern))
            for rule, entry in enumerate(ruler.patterns) for pattern in entry["patterns"]]


def _compiled_token(spec: dict) -> tuple[Test, ...]:
    tests = []
    for attribute, wanted in spec.items():
        if attribute not in ATTRIBUTES:
            raise ValueError(f"attribute_ruler test on {attribute} is not supported")
        position = ATTRIBUTES.index(attribute)
        if isinstance(wanted, (str, bool)):
            tests.append((position, "eq", _id(position, wanted)))
            continue
        if not isinstance(wanted, dict) or len(wanted) != 1:
            raise ValueError(f"attribute_ruler test {wanted!r} is not supported")
        [(kind, value)] = wanted.items()
        if kind in ("IN", "NOT_IN") and isinstance(value, list):
            tests.append((position, kind.lower(), frozenset(_id(position, item) for item in value)))
        elif kind == "REGEX" and isinstance(value, str):
            tests.append((position, "regex", re.compile(value)))
        else:
            raise ValueError(f"attribute_ruler test {wanted!r} is not supported")
    return tuple(tests)


def _id(position: int, value: str | bool) -> int:
    """A rule's value as ``Doc.to_array`` reads it: a string's id, or 0 or 1."""
    return get_string_id(value) if position < STRING_ATTRIBUTES else int(value)
