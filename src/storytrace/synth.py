"""A generator of realistic synthetic news streams, for benchmarks and scale tests.

Each story is one invented event (who, what, where, when). It is told by an original wire report,
then retold by other outlets as verbatim copies (wrapped in their site's boilerplate), spun copies
(words swapped for synonyms, a reporter's name garbled, a quote's lead-in dropped), partial copies
(a third of the source) and independent reports (the same facts in other words). Every record
carries its gold labels in extra fields (`story`, `role`, `derived_from`), so the same stream can
score clustering and provenance.

Unrelated stories share only short stock phrases (a subject, a reporting verb), as real news does:
the rest of each sentence comes from the story's own lexicon, drawn from a large invented vocabulary.

The stream is deterministic for a given seed, and articles come in publication order.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

WIRES = ("Reuters", "AP", "AFP")
OUTLETS = tuple(f"{name}.example" for name in (
    "dailyherald", "worldwatch", "newsfeed24", "capitalpost", "theobserver", "globalwire",
    "metrotimes", "asiadesk", "eurojournal", "pacificnews", "breakingnow", "infohub",
))
COUNTRIES = ("Japan", "France", "Brazil", "Kenya", "India", "Germany", "Mexico", "Egypt", "Canada", "Chile", "Turkey", "Japan")
CITIES = (  # the city at each index lies in the country at the same index
    "Osaka", "Lyon", "Recife", "Mombasa", "Pune", "Hamburg", "Monterrey", "Alexandria", "Calgary", "Valparaiso", "Izmir", "Sendai")
FIRST = ("Maria", "Kenji", "Amina", "Lucas", "Priya", "Johann", "Sofia", "Omar", "Elena", "David", "Aiko", "Carlos")
LAST = ("Tanaka", "Moreau", "Okafor", "Silva", "Sharma", "Becker", "Garcia", "Haddad", "Novak", "Brunnstrom", "Kowalski", "Reyes")
ROLES = ("foreign minister", "defence minister", "mayor", "central bank governor", "health minister", "police chief")
EVENTS = (
    ("earthquake", "struck", "buildings collapsed"),
    ("flood", "swept through", "roads were cut off"),
    ("factory fire", "broke out in", "workers were evacuated"),
    ("protest", "erupted in", "police closed the main square"),
    ("trade agreement", "was signed in", "tariffs will fall"),
    ("cyber attack", "hit", "bank services were disrupted"),
)
SYNONYMS = {
    "said": "stated", "officials": "authorities", "increased": "elevated", "city": "metropolis",
    "damage": "harm", "residents": "inhabitants", "government": "administration", "quickly": "swiftly",
    "help": "assistance", "people": "individuals", "warned": "cautioned", "week": "seven days",
    "security": "safety", "large": "sizeable", "began": "commenced", "main": "principal",
}
BOILERPLATE_TOP = ("Home | World | Business | Sport", "Register now to get free unlimited access to")
BOILERPLATE_BOTTOM = ("Share this: Twitter Facebook Email", "Leave a Reply", "All rights reserved.")
SUBJECTS = (
    "Officials in {city}", "The {role}", "Local businesses", "Aid groups", "Opposition politicians",
    "Insurance companies", "Engineers", "Residents of {city}", "Hospital staff", "The regional council",
    "Economists", "Police", "Teachers", "Rescue teams", "Volunteers", "Transport operators",
    "Foreign diplomats", "Community leaders", "Farmers near {city}", "Union representatives",
)
PREDICATES = (
    "said they expected", "warned of", "called for", "reported", "were preparing for",
    "described", "asked the government for", "promised", "estimated", "questioned",
    "began planning", "welcomed", "criticised the delay in", "demanded details of", "pointed to",
    "were still assessing", "feared", "appealed for", "announced", "played down",
)
OBJECTS = (
    "{n} more days of disruption", "a full inquiry into the {event}", "emergency funding of {n} million",
    "repairs to {n} damaged buildings", "a rise in prices across the region", "new safety rules",
    "the reopening of {n} schools", "shelter for {n} families", "talks with national ministers",
    "a review of building standards", "losses of about {n} million", "temporary housing near {city}",
    "extra flights to {city}", "tighter checks at the border with {country}", "a memorial for the victims",
    "longer opening hours at clinics", "the recall of {n} reserve officers", "cheaper loans for shop owners",
    "help from neighbouring towns", "a detailed account of the first hours",
)
TIMES = (
    "on {day}", "later this week", "by the end of the month", "within {n} days", "as the week went on",
    "in the coming weeks", "overnight", "before the weekend", "after a meeting on {day}", "this year",
)
SYLLABLES = ("ba", "den", "ko", "lar", "mi", "nor", "pel", "qui", "ras", "sto", "tum", "vel", "wen", "zo", "gri", "fal")
NOUN_ENDINGS = ("ment", "ion", "age", "ity", "ure", "ance")
ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ive", "ary")
STORY_NOUNS = 40  # each story talks about its own things
STORY_ADJECTIVES = 15
CONNECTIVES = ("of", "for", "after", "near", "against", "over", "despite", "around")
LEDE_LINKS = ("citing", "pointing to", "amid", "after", "as they examined", "while reviewing")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _invented_words(seed: int, endings: tuple[str, ...], count: int) -> tuple[str, ...]:
    rng, words = random.Random(seed), set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) + rng.choice(endings))
    return tuple(sorted(words))


NOUNS = _invented_words(1, NOUN_ENDINGS, 3_000)
ADJECTIVES = _invented_words(2, ADJECTIVE_ENDINGS, 1_000)


@dataclass(slots=True)
class Event:
    number: int
    kind: str
    verb: str
    effect: str
    city: str
    country: str
    official: str
    role: str
    casualties: int
    when: datetime
    wire: str
    nouns: tuple[str, ...]  # the story's own lexicon
    adjectives: tuple[str, ...]


def generate_stream(articles: int, seed: int = 7, words: int = 600) -> Iterator[dict]:
    """Yields ``articles`` JSONL-shaped records, in publication order."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    produced, number = 0, 0
    while produced < articles:
        event = _event(rng, number, start + timedelta(hours=12 * number))
        for record in _story_records(rng, event, words):
            if produced == articles:
                return
            produced += 1
            yield record
        number += 1


def write_stream(path: Path, articles: int, seed: int = 7, words: int = 600) -> int:
    with open(path, "w", encoding="utf-8") as out:
        for record in generate_stream(articles, seed, words):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return articles


def _event(rng: random.Random, number: int, when: datetime) -> Event:
    kind, verb, effect = rng.choice(EVENTS)
    index = rng.randrange(len(CITIES))
    return Event(
        number=number, kind=kind, verb=verb, effect=effect, city=CITIES[index], country=COUNTRIES[index],
        official=f"{rng.choice(FIRST)} {rng.choice(LAST)}", role=rng.choice(ROLES),
        casualties=rng.randrange(2, 400), when=when, wire=rng.choice(WIRES),
        nouns=tuple(rng.sample(NOUNS, STORY_NOUNS)), adjectives=tuple(rng.sample(ADJECTIVES, STORY_ADJECTIVES)),
    )


def _story_records(rng: random.Random, event: Event, words: int) -> Iterator[dict]:
    original = _wire_report(rng, event, words)
    story = f"story-{event.number}"
    original_id = f"{story}-wire"
    yield _record(original_id, event.wire.lower() + ".example", event, 0, original, story, "original", None)
    outlets = rng.sample(OUTLETS, k=rng.randrange(2, 7))
    for hour, site in enumerate(outlets, start=1):
        role = rng.choice(("copy", "copy", "spun", "partial", "independent"))
        text = _retell(rng, role, event, original, words)
        source = None if role == "independent" else original_id
        yield _record(f"{story}-{site.split('.')[0]}", site, event, hour, text, story, role, source)


def _record(article_id, site, event, hours_later, text, story, role, source) -> dict:
    title, _, body = text.partition("\n")
    return {
        "id": article_id, "url": f"https://{site}/{article_id}", "site": site,
        "published": (event.when + timedelta(hours=hours_later)).isoformat(), "title": title, "text": text,
        "story": story, "role": role, "derived_from": source,
    }


def _wire_report(rng: random.Random, event: Event, words: int) -> str:
    title = f"{event.kind.capitalize()} {event.verb} {event.city}, {event.casualties} hurt"
    lede = (f"{event.city.upper()} ({event.wire}) - A {event.kind} {event.verb} {event.city} in {event.country} "
            f"on {event.when:%A}, injuring {event.casualties} people, and {event.effect}, officials said, "
            f"{rng.choice(LEDE_LINKS)} {_story_phrase(rng, event)}.")
    quote = (f"\u201cWe are doing everything we can to help the people of {event.city} with "
             f"{_story_phrase(rng, event)},\u201d said {event.official}, the {event.role}.")
    body = [lede, quote] + _filler(rng, event, words - 60)
    body.append(f"Reporting by {rng.choice(FIRST)} Brunnstrom; Editing by {rng.choice(FIRST)} {rng.choice(LAST)}")
    return "\n".join([title, *body])


def _filler(rng: random.Random, event: Event, words: int) -> list[str]:
    """Sentences of a stock opening (subject, verb) and a story-specific rest: stories rarely share one."""
    sentences, count = [], 0
    while count < words:
        parts = [rng.choice(SUBJECTS), rng.choice(PREDICATES), _story_phrase(rng, event)]
        if rng.random() < 0.5:
            parts.append(rng.choice(OBJECTS) if rng.random() < 0.3 else "and " + _story_phrase(rng, event))
        if rng.random() < 0.4:
            parts.append(rng.choice(TIMES))
        sentence = " ".join(parts).format(
            city=event.city, role=event.role, event=event.kind, country=event.country,
            n=rng.randrange(2, 900), day=rng.choice(DAYS),
        )
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        count += len(sentence.split())
    return sentences


def _story_phrase(rng: random.Random, event: Event) -> str:
    """'the <adjective> <noun> <connective> <noun>', from the story's lexicon."""
    return (f"the {rng.choice(event.adjectives)} {rng.choice(event.nouns)} "
            f"{rng.choice(CONNECTIVES)} {rng.choice(event.nouns)}")


def _retell(rng: random.Random, role: str, event: Event, original: str, words: int) -> str:
    lines = original.split("\n")
    if role == "spun":
        swaps = _spin_swaps(rng, event)
        lines = [_spin(line, swaps) for line in lines]
    elif role == "partial":
        lines = lines[: max(3, len(lines) // 3)]
    elif role == "independent":
        lines = _independent(rng, event, words)
    return "\n".join([lines[0], *BOILERPLATE_TOP, *lines[1:], *BOILERPLATE_BOTTOM])


def _spin_swaps(rng: random.Random, event: Event) -> dict[str, str]:
    """The stock synonyms, plus 'synonyms' for the story's adjectives and for half of its nouns."""
    swaps = {adjective: rng.choice(ADJECTIVES) for adjective in event.adjectives}
    swaps |= {noun: rng.choice(NOUNS) for noun in event.nouns[::2]}
    return swaps | SYNONYMS


def _spin(line: str, swaps: dict[str, str]) -> str:
    if "\u201c" in line:  # the quote loses its lead-in
        line = line.replace("\u201d said", "\u201d").replace(", said ", ", ")
    spun = " ".join(swaps.get(word, word) for word in line.split(" "))
    return spun.replace("Brunnstrom", "Bronstrom")


def _independent(rng: random.Random, event: Event, words: int) -> list[str]:
    title = f"{event.country}: {event.casualties} injured as {event.kind} hits {event.city}"
    lede = (f"At least {event.casualties} people were injured when a {event.kind} {event.verb} the city of "
            f"{event.city} on {event.when:%A}, according to local authorities, {rng.choice(LEDE_LINKS)} "
            f"{_story_phrase(rng, event)}.")
    statement = (f"{event.official}, the {event.role}, told reporters that help was on its way and that "
                 f"{_story_phrase(rng, event)} was the priority.")
    return [title, lede, statement] + _filler(rng, event, words - 50)
