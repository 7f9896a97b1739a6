"""A roundup of several items is clustered by the item it leads with."""

from __future__ import annotations

import re

from storytrace.model import Article, Mention, Span
from storytrace.stories.features import features_from_article, first_item_sentences

ROUNDUP = [
    ("Sports news in brief from around the world:", []),
    ("New Orleans Saints running back Reggie Bush was placed on injured reserve.", ["Reggie Bush", "Saints"]),
    ("Bush hurt his left knee against the Carolina Panthers in October.", ["Bush", "Carolina Panthers"]),
    ("The Saints will visit the Detroit Lions this Sunday.", ["Saints", "Detroit Lions"]),
    ("Golf: Trevor Immelman became an honorary life member of the European Tour.",
     ["Trevor Immelman", "European Tour"]),
    ("Immelman spoke on the eve of the South African Open in Paarl.", ["Immelman", "Paarl"]),
    ("Tennis: Roger Federer withdrew from the exhibition in Abu Dhabi with a sore back.",
     ["Roger Federer", "Abu Dhabi"]),
]
ONE_EVENT = [
    ("Reggie Bush was placed on injured reserve by the Saints on Tuesday.", ["Reggie Bush", "Saints"]),
    ("The running back hurt his knee in October.", []),
    ("He missed four games during rehabilitation.", []),
    ("Coach Sean Payton said the decision was hard.", ["Sean Payton"]),
    ("The team signed a replacement from its practice squad.", []),
    ("Bush will have surgery on the knee next week.", ["Bush"]),
]
SURNAMES = {"Bush", "Immelman", "Federer", "Payton"}


def analysed(lines: list[tuple[str, list[str]]]) -> Article:
    """An article of one sentence a line, with a PERSON or ORG mention for each listed name."""
    text = "\n".join(line for line, _ in lines)
    sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    mentions = []
    for (line, names), sentence in zip(lines, sentences):
        for name in names:
            start = sentence.start + line.index(name)
            label = "PERSON" if name.split()[-1] in SURNAMES else "ORG"
            mentions.append(Mention(Span(start, start + len(name)), name, label))
    return Article("a", "test", "text", text, title=lines[0][0], sentences=sentences, mentions=mentions)


def test_a_roundup_is_clustered_by_its_first_item():
    roundup = analysed(ROUNDUP)
    assert first_item_sentences(roundup) == 4  # the heading and the Saints' three sentences
    features = features_from_article(roundup)
    assert "immelman" not in features.terms and "federer" not in features.terms
    assert {"saint", "bush", "knee"} <= set(features.terms)
    assert "person:immelman" not in features.entities and "org:saints" in features.entities


def test_an_article_about_one_event_is_read_whole():
    article = analysed(ONE_EVENT)
    assert first_item_sentences(article) is None
    assert "surgery" in features_from_article(article).terms


def test_a_short_article_is_never_cut():
    assert first_item_sentences(analysed(ROUNDUP[:5])) is None
