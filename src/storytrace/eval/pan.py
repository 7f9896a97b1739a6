"""PAN 2013 text alignment: run the aligner on every pair and score it with PAN's plagdet.

plagdet follows Potthast et al. 2010 ("An Evaluation Framework for Plagiarism Detection"): a case
and a detection are each a pair of character ranges (suspicious side, source side) in one document
pair; a detection detects a case when the two overlap on both sides. Precision and recall are macro
averages over detections and cases of the share of characters (both sides together) covered by the
other kind; granularity is the mean number of detections per detected case; plagdet = F1 / log2(1 +
granularity).
"""

from __future__ import annotations

import math
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from storytrace.reuse.align import AlignParams, PreparedText, align, prepare

FEATURE = re.compile(r"<feature\b[^>]*\bname=\"plagiarism\"[^>]*>")
ATTRIBUTE = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(slots=True, frozen=True)
class Case:
    """A plagiarism case or a detection: a suspicious-side and a source-side character range."""

    pair: tuple[str, str]  # (suspicious document, source document)
    this: range
    source: range


@dataclass(slots=True, frozen=True)
class Scores:
    precision: float
    recall: float
    granularity: float
    plagdet: float

    def as_dict(self) -> dict:
        return {name: round(getattr(self, name), 4) for name in ("plagdet", "precision", "recall", "granularity")}


def detects(detection: Case, case: Case) -> bool:
    return detection.pair == case.pair and _overlaps(detection.this, case.this) and _overlaps(detection.source, case.source)


def _overlaps(a: range, b: range) -> bool:
    return a.start < b.stop and b.start < a.stop


def _covered_share(case: Case, others: list[Case]) -> float:
    """Share of ``case``'s characters (both sides) covered by the ``others`` that overlap it."""
    this_chars = set().union(*(set(range(max(o.this.start, case.this.start), min(o.this.stop, case.this.stop))) for o in others))
    source_chars = set().union(*(set(range(max(o.source.start, case.source.start), min(o.source.stop, case.source.stop))) for o in others))
    size = len(case.this) + len(case.source)
    return (len(this_chars) + len(source_chars)) / size if size else 0.0


def _macro_recall(cases: list[Case], detections: list[Case]) -> float:
    if not cases and not detections:
        return 1.0
    if not cases or not detections:
        return 0.0
    by_pair = _by_pair(detections)
    shares = [_covered_share(case, [d for d in by_pair[case.pair] if detects(d, case)]) for case in cases]
    return sum(shares) / len(shares)


def _granularity(cases: list[Case], detections: list[Case]) -> float:
    by_pair = _by_pair(detections)
    counts = [sum(1 for d in by_pair[case.pair] if detects(d, case)) for case in cases]
    detected = [count for count in counts if count]
    return sum(detected) / len(detected) if detected else 1.0


def _by_pair(cases: list[Case]) -> dict[tuple[str, str], list[Case]]:
    grouped: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        grouped[case.pair].append(case)
    return grouped


def plagdet(cases: list[Case], detections: list[Case]) -> Scores:
    precision = _macro_recall(detections, cases)
    recall = _macro_recall(cases, detections)
    granularity = _granularity(cases, detections)
    if precision + recall == 0:
        return Scores(precision, recall, granularity, 0.0)
    f1 = 2 * precision * recall / (precision + recall)
    return Scores(precision, recall, granularity, f1 / math.log2(1 + granularity))


# --- the corpus ------------------------------------------------------------------------------


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        names = line.split()
        if len(names) == 2:
            pairs.append((names[0], names[1]))
    return pairs


def read_cases(folder: Path, pair: tuple[str, str]) -> list[Case]:
    xml = folder / f"{Path(pair[0]).stem}-{Path(pair[1]).stem}.xml"
    if not xml.exists():
        return []
    cases = []
    for feature in FEATURE.finditer(xml.read_text(encoding="utf-8")):
        values = dict(ATTRIBUTE.findall(feature.group()))
        this_start, source_start = int(values["this_offset"]), int(values["source_offset"])
        this = range(this_start, this_start + int(values["this_length"]))
        source = range(source_start, source_start + int(values["source_length"]))
        cases.append(Case(pair, this, source))
    return cases


def obfuscation_folders(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in corpus_dir.iterdir() if p.is_dir() and re.match(r"\d\d-", p.name) and (p / "pairs").exists())


class _TextCache:
    """Prepared texts, kept while pairs that need them remain (sources recur across pairs)."""

    def __init__(self, corpus_dir: Path):
        self.corpus_dir = corpus_dir
        self.cache: dict[str, PreparedText] = {}

    def get(self, kind: str, name: str) -> PreparedText:
        key = f"{kind}/{name}"
        if key not in self.cache:
            text = (self.corpus_dir / kind / name).read_text(encoding="utf-8", errors="replace")
            self.cache[key] = prepare(text)
        return self.cache[key]


def detect_pair(texts: _TextCache, pair: tuple[str, str], params: AlignParams) -> list[Case]:
    suspicious, source = texts.get("susp", pair[0]), texts.get("src", pair[1])
    passages = align(source, suspicious, params)
    return [Case(pair, range(p.derived.start, p.derived.end), range(p.source.start, p.source.end)) for p in passages]


def evaluate_pan(corpus_dir: Path, every: int = 1, params: AlignParams = AlignParams()) -> dict:
    """Scores per obfuscation folder and overall; ``every`` > 1 takes every n-th pair of each folder."""
    corpus_dir = Path(corpus_dir)
    texts = _TextCache(corpus_dir)
    all_cases: list[Case] = []
    all_detections: list[Case] = []
    by_obfuscation: dict[str, dict] = {}
    seconds, pairs_done = 0.0, 0
    for folder in obfuscation_folders(corpus_dir):
        pairs = read_pairs(folder / "pairs")[::every]
        cases = [case for pair in pairs for case in read_cases(folder, pair)]
        started = time.perf_counter()
        detections = [d for pair in pairs for d in detect_pair(texts, pair, params)]
        folder_seconds = time.perf_counter() - started
        seconds += folder_seconds
        pairs_done += len(pairs)
        counts = {"pairs": len(pairs), "cases": len(cases), "detections": len(detections),
                  "docs_per_second": _rate(len(pairs), folder_seconds)}
        by_obfuscation[folder.name] = plagdet(cases, detections).as_dict() | counts
        all_cases += cases
        all_detections += detections
    overall = plagdet(all_cases, all_detections).as_dict() | {
        "pairs": pairs_done, "cases": len(all_cases), "detections": len(all_detections),
        "docs_per_second": _rate(pairs_done, seconds)}
    return {
        "overall": overall,
        "by_obfuscation": by_obfuscation,
        "docs_per_second": _rate(pairs_done, seconds),
    }


def _rate(pairs: int, seconds: float) -> float:
    """Document pairs aligned a second (the PAN unit: a pair is one source and one suspicious text)."""
    return round(pairs / seconds, 2) if seconds else 0.0
