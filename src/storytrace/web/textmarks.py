"""An article's original text cut into pieces that each carry what covers them.

The page shows the text exactly as given: removed boilerplate (faded, with its reason), entity
mentions, reused passages and rewriting artifacts are layers over it. Every span indexes
``Article.text``; the pieces are plain text, escaped by the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True, frozen=True)
class Layer:
    start: int
    end: int
    kind: str  # "removal" | "mention" | "quote" | "passage" | "artifact"
    label: str  # reason, entity kind, artifact type
    note: str = ""  # detail for the tooltip
    target: str | None = None  # an entity id, for a link


@dataclass(slots=True)
class Piece:
    text: str
    removal: Layer | None = None
    mention: Layer | None = None
    quote: Layer | None = None
    passage: Layer | None = None
    artifact: Layer | None = None
    opens_removal: bool = False  # the first piece of a removal carries its reason badge
    opens_artifact: bool = False

    @property
    def css(self) -> str:
        layers = (self.removal, self.mention, self.quote, self.passage, self.artifact)
        classes = [f"layer-{layer.kind}" for layer in layers if layer]
        if self.mention:
            classes.append(f"entity-{self.mention.label}")
        return " ".join(classes)


def pieces(text: str, layers: list[Layer]) -> list[Piece]:
    """The text split at every layer boundary, each piece with the layers covering it."""
    usable = [layer for layer in layers if 0 <= layer.start < layer.end <= len(text)]
    cuts = sorted({0, len(text), *(layer.start for layer in usable), *(layer.end for layer in usable)})
    found: list[Piece] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = Piece(text[start:end])
        for layer in usable:
            if layer.start <= start and end <= layer.end:
                _attach(piece, layer, start)
        found.append(piece)
    return found


def _attach(piece: Piece, layer: Layer, start: int) -> None:
    if layer.kind == "removal" and piece.removal is None:
        piece.removal, piece.opens_removal = layer, layer.start == start
    elif layer.kind == "mention" and piece.mention is None:
        piece.mention = layer
    elif layer.kind == "quote" and piece.quote is None:
        piece.quote = layer
    elif layer.kind == "passage" and piece.passage is None:
        piece.passage = layer
    elif layer.kind == "artifact" and piece.artifact is None:
        piece.artifact, piece.opens_artifact = layer, layer.start == start


def article_layers(article: dict[str, Any]) -> list[Layer]:
    """Removal and mention layers of a stored article (as ``Store.get_article`` returns it)."""
    layers = [
        Layer(r["start"], r["end"], "removal", r["reason"], r["detail"] or r["reason"]) for r in article["removals"]
    ]
    for entity in article["entities"]:
        for mention in entity["mentions"]:
            start, end = mention["start"], mention["end"]
            layers.append(Layer(start, end, "mention", entity["kind"], entity["name"], entity["id"]))
    return layers


def quote_layers(spans: list[tuple[int, int, str]]) -> list[Layer]:
    """Quoted content, each with its speaker for the tooltip."""
    return [Layer(start, end, "quote", "quote", f"said by {speaker}") for start, end, speaker in spans]


def link_layers(passages: list[dict[str, Any]], artifacts: list[dict[str, Any]], side: str) -> list[Layer]:
    """Reused passages (``side`` "source" or "derived") and, on the derived side, the artifacts."""
    layers = [
        Layer(p[f"{side}_start"], p[f"{side}_end"], "passage", f"passage-{index % 6}",
              f"similarity {p.get('similarity', 1):.2f}")
        for index, p in enumerate(passages)
    ]
    if side == "derived":
        for artifact in artifacts:
            note = f"{artifact.get('type')}: source says “{artifact.get('source_text', '')}”"
            layers.append(Layer(artifact["derived_start"], artifact["derived_end"], "artifact", artifact["type"], note))
    return layers
