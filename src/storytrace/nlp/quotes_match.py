"""The same quote or event across articles: normalised keys, and groups with their first appearance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz

from storytrace.model import Event, Quote

_WORD = re.compile(r"\w+")
SAME_QUOTE_SIMILARITY = 85.0  # rapidfuzz ratio over normalised content words


def content_key(text: str) -> str:
    """Lower-case content words joined by spaces: punctuation and quote styles do not matter."""
    return " ".join(word.lower() for word in _WORD.findall(text))


def event_key(event: Event) -> str:
    day = event.date.date().isoformat() if event.date else ""
    actor = event.actor.code if event.actor and event.actor.code else ""
    recipient = event.recipient.code if event.recipient and event.recipient.code else ""
    return "|".join((event.type, actor, recipient, day))


@dataclass(slots=True)
class QuoteGroup:
    """One quote as carried by several articles; ``members[0]`` is the first appearance."""

    key: str
    members: list[tuple[Quote, str]] = field(default_factory=list)  # (quote, its content as written)

    @property
    def wordings(self) -> set[str]:
        return {text for _, text in self.members}

    @property
    def speakers(self) -> set[str]:
        return {quote.speaker_id or quote.speaker or "" for quote, _ in self.members}


def group_quotes(quotes: list[tuple[Quote, str, datetime | None]]) -> list[QuoteGroup]:
    """Groups (quote, content text, publication time) by near-identical content, earliest first."""
    ordered = sorted(quotes, key=lambda item: (item[2] is None, item[2] or datetime.min))
    groups: list[QuoteGroup] = []
    for quote, text, _ in ordered:
        key = content_key(text)
        group = next((g for g in groups if fuzz.ratio(g.key, key) >= SAME_QUOTE_SIMILARITY), None)
        if group is None:
            group = QuoteGroup(key)
            groups.append(group)
        group.members.append((quote, text))
    return groups


def group_events(events: list[Event]) -> dict[str, list[Event]]:
    """Mentions of one real-world event (same type, actor, recipient and day) together."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(event_key(event), []).append(event)
    return groups
