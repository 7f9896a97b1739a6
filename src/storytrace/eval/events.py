"""PLOVER event coding scored on gold records (``gsr-dev.json``): one coded event per record's text.

Gold 0.5b1 labels are mapped to the later ontology (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE,
FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE) and legacy actor codes to ISO (JAP -> JPN, ITL -> ITA,
VTN -> VNM). Country accuracy counts a record right when the coded actor's (recipient's) code is
one of the gold actors' (recipients') codes, over records whose gold has a code. Sector accuracy is
over gold actors and recipients with a sector (its first three letters: "REBkur" is REB), compared
with the coded participant on the same side (the legacy civilian sector CIV counts as CVL).

The corpus has one file, so a fixed split stands in for unseen records: ``split="tune"`` takes the
records at even positions (after the DOCUMENT header), ``split="held-out"`` those at odd positions.
The file is ordered by event type, so both halves hold every type. Rules are tuned on the first,
reported on the second.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storytrace.model import Actor, Event
from storytrace.nlp.plover import normalise_code, normalise_label


@dataclass(slots=True, frozen=True)
class GoldRecord:
    text: str
    type: str
    actor_codes: tuple[str, ...]
    recipient_codes: tuple[str, ...]
    actor_sectors: tuple[str, ...]
    recipient_sectors: tuple[str, ...]


def read_records(path: Path) -> list[GoldRecord]:
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [_record(item) for item in records if item.get("text") and item.get("event") not in (None, "DOCUMENT")]


def _record(item: dict) -> GoldRecord:
    sources, targets = _actors(item.get("source")), _actors(item.get("target"))
    return GoldRecord(
        text=item["text"], type=normalise_label(item["event"]),
        actor_codes=_codes(sources), recipient_codes=_codes(targets),
        actor_sectors=_sectors(sources), recipient_sectors=_sectors(targets),
    )


def _actors(value: object) -> list[dict]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def _codes(actors: list[dict]) -> tuple[str, ...]:
    return tuple(code for code in (normalise_code(actor.get("code")) for actor in actors) if code)


LEGACY_SECTORS = {"CIV": "CVL"}  # CAMEO's civilians, PLOVER's CVL


def _sectors(actors: list[dict]) -> tuple[str, ...]:
    sectors = (str(actor.get("sector") or "")[:3].upper() for actor in actors)
    return tuple(LEGACY_SECTORS.get(sector, sector) for sector in sectors if sector and sector != "***")


@dataclass(slots=True)
class _Accuracy:
    right: int = 0
    total: int = 0

    def add(self, correct: bool) -> None:
        self.right += int(correct)
        self.total += 1

    def value(self) -> float:
        return round(self.right / self.total, 4) if self.total else 0.0


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {gold for gold, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for gold, coded in pairs if gold == label and coded == label)
        predicted = sum(1 for _, coded in pairs if coded == label)
        actual = sum(1 for gold, _ in pairs if gold == label)
        precision, recall = (tp / predicted if predicted else 0.0), tp / actual
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def score(records: list[GoldRecord], coded: list[Event | None]) -> dict:
    pairs = [(record.type, event.type if event else "NONE") for record, event in zip(records, coded)]
    actor, recipient, sector = _Accuracy(), _Accuracy(), _Accuracy()
    for record, event in zip(records, coded):
        coded_actor = event.actor if event else None
        coded_recipient = event.recipient if event else None
        if record.actor_codes:
            actor.add(_code(coded_actor) in record.actor_codes)
        if record.recipient_codes:
            recipient.add(_code(coded_recipient) in record.recipient_codes)
        for gold_sector in record.actor_sectors:
            sector.add(_sector(coded_actor) == gold_sector)
        for gold_sector in record.recipient_sectors:
            sector.add(_sector(coded_recipient) == gold_sector)
    return {
        "event_type_accuracy": round(sum(gold == got for gold, got in pairs) / len(pairs), 4) if pairs else 0.0,
        "event_type_macro_f1": _macro_f1(pairs),
        "actor_country_accuracy": actor.value(),
        "recipient_country_accuracy": recipient.value(),
        "sector_accuracy": sector.value(),
        "records": len(records),
        "confusions": dict(Counter(f"{gold}->{got}" for gold, got in pairs if gold != got).most_common(10)),
    }


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor else None


def _sector(actor: Actor | None) -> str | None:
    return actor.sector if actor else None


SPLITS = {"tune": 0, "held-out": 1}


def split_records(records: list[GoldRecord], split: str | None) -> list[GoldRecord]:
    if split is None:
        return records
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: expected one of {sorted(SPLITS)}")
    return records[SPLITS[split] :: 2]


def evaluate_events(
    path: Path, code: Callable[[str], Event | None] | None = None, limit: int | None = None, split: str | None = None
) -> dict:
    if code is None:
        from storytrace.nlp.events import EventCoder

        code = EventCoder().code_sentence
    records = split_records(read_records(Path(path)), split)[:limit]
    return score(records, [code(record.text) for record in records])
