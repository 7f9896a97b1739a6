"""Attribution extraction scored on the PolNeAR layout: ``text/*.txt`` and brat ``attributions/*.ann``.

Spans are compared one-to-one (each gold span matches at most one predicted span). "Exact" means the
same character offsets after trimming surrounding whitespace; "overlap" means at least one shared
character. A discontinuous brat span ("2103 2168;2170 2425") is scored as its covering span. A whole
attribution matches when its content matches and its source matches too (overlap for
``attribution_overlap``, exact for ``attribution_exact``); a gold attribution with no source needs
only its content. Broken attributions (no content) are not predictions here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from storytrace.model import Article, Quote, Span

ROLES = ("Source", "Cue", "Content")


@dataclass(slots=True, frozen=True)
class GoldAttribution:
    content: Span
    cue: Span | None
    source: Span | None
    direct: bool  # the content holds a quotation mark (or two apostrophes, the NYT archive's mark)


@dataclass(slots=True)
class Tally:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.true_positives += matched
        self.predicted += predicted
        self.gold += gold

    def scores(self) -> dict[str, float]:
        precision = self.true_positives / self.predicted if self.predicted else 0.0
        recall = self.true_positives / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            if label in ROLES:
                spans[fields[0]] = (label, _cover(offsets, text))
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    return [attribution for attribution in (_gold(event, spans, text) for event in events) if attribution]


def _cover(offsets: str, text: str) -> Span:
    numbers = [int(value) for fragment in offsets.split(";") for value in fragment.split()]
    return _strip(Span(min(numbers), max(numbers)), text)


def _strip(span: Span, text: str) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _gold(event: dict[str, str], spans: dict[str, tuple[str, Span]], text: str) -> GoldAttribution | None:
    def role(name: str) -> Span | None:
        return spans[event[name]][1] if name in event and event[name] in spans else None

    content = role("Content")
    if content is None:
        return None
    direct = any(char in "“”\"" for char in content.of(text)) or "''" in content.of(text)  # NYT: ''...
    return GoldAttribution(content=content, cue=role("Cue"), source=role("Source"), direct=direct)


def article_files(split_dir: Path) -> Iterable[tuple[Path, Path]]:
    """(text, annotation) pairs; of several annotators' files the first by name is used."""
    annotations = sorted((split_dir / "attributions").glob("*.ann"))
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        matching = [path for path in annotations if path.stem.rsplit("_", 1)[0] == text_path.stem or path.stem == text_path.stem]
        if matching:
            yield text_path, matching[0]


def _match(gold: list[Span], predicted: list[Span], exact: bool) -> int:
    used: set[int] = set()
    matched = 0
    for span in gold:
        for index, candidate in enumerate(predicted):
            if index not in used and _same(span, candidate, exact):
                used.add(index)
                matched += 1
                break
    return matched


def _same(gold: Span | None, predicted: Span | None, exact: bool) -> bool:
    if gold is None or predicted is None:
        return False
    if exact:
        return gold == predicted
    return gold.start < predicted.end and predicted.start < gold.end


def _match_attributions(gold: list[GoldAttribution], predicted: list[Quote], exact: bool) -> list[tuple[GoldAttribution, Quote]]:
    used: set[int] = set()
    pairs = []
    for attribution in gold:
        for index, quote in enumerate(predicted):
            if index in used or not _same(attribution.content, quote.content, exact):
                continue
            if attribution.source is None or _same(attribution.source, quote.source, exact):
                used.add(index)
                pairs.append((attribution, quote))
                break
    return pairs


class QuoteScorer:
    def __init__(self) -> None:
        names = ("source", "source_exact", "cue", "cue_exact", "content_exact", "content_overlap",
                 "attribution_exact", "attribution_overlap", "direct", "indirect")
        self.tallies = {name: Tally() for name in names}

    def add(self, gold: list[GoldAttribution], predicted: list[Quote]) -> None:
        predicted = [quote for quote in predicted if quote.content is not None]
        for role in ("source", "cue"):
            gold_spans = [getattr(item, role) for item in gold if getattr(item, role) is not None]
            spans = [getattr(quote, role) for quote in predicted if getattr(quote, role) is not None]
            self.tallies[role].add(_match(gold_spans, spans, exact=False), len(spans), len(gold_spans))
            self.tallies[role + "_exact"].add(_match(gold_spans, spans, exact=True), len(spans), len(gold_spans))
        contents = [quote.content for quote in predicted]
        gold_contents = [item.content for item in gold]
        for exact, name in ((True, "content_exact"), (False, "content_overlap")):
            self.tallies[name].add(_match(gold_contents, contents, exact), len(contents), len(gold_contents))
        for exact, name in ((True, "attribution_exact"), (False, "attribution_overlap")):
            self.tallies[name].add(len(_match_attributions(gold, predicted, exact)), len(predicted), len(gold))
        self._by_kind(gold, predicted)

    def _by_kind(self, gold: list[GoldAttribution], predicted: list[Quote]) -> None:
        for direct, name in ((True, "direct"), (False, "indirect")):
            gold_part = [item for item in gold if item.direct == direct]
            predicted_part = [quote for quote in predicted if (quote.kind != "indirect") == direct]
            pairs = _match_attributions(gold_part, predicted_part, exact=False)
            self.tallies[name].add(len(pairs), len(predicted_part), len(gold_part))

    def report(self) -> dict:
        return {name: tally.scores() for name, tally in self.tallies.items()}


def evaluate_quotes(
    split_dir: Path, limit: int | None = None, extract: Callable[[list[Article]], list[list[Quote]]] | None = None
) -> dict:
    """Scores on a PolNeAR split folder; ``direct``/``indirect`` are attribution-overlap scores by kind."""
    if extract is None:
        from storytrace.nlp.quotes import QuoteExtractor

        extract = QuoteExtractor().extract_many
    files = list(article_files(Path(split_dir)))[:limit]
    scorer = QuoteScorer()
    articles, golds = [], []
    for text_path, ann_path in files:
        text = text_path.read_text(encoding="utf-8")
        articles.append(Article(id=text_path.stem, origin=str(text_path), fmt="text", text=text))
        golds.append(read_ann(ann_path, text))
    for gold, quotes in zip(golds, extract(articles)):
        scorer.add(gold, quotes)
    report = scorer.report()
    report["articles"] = len(articles)
    report["gold_attributions"] = sum(len(gold) for gold in golds)
    return report
