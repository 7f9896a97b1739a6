"""Deterministic synthetic prose for the reuse tests: made-up words in sentences."""

import random

SYLLABLES = ["ka", "lo", "mi", "ter", "san", "vo", "rel", "du", "pan", "si", "gor", "ne", "bal", "tu", "fen", "ri"]


def vocabulary(size: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    words = set()
    while len(words) < size:
        words.add("".join(generator.choice(SYLLABLES) for _ in range(generator.randint(2, 4))))
    return sorted(words)


def article(words: int, seed: int, vocabulary_words: list[str]) -> str:
    generator = random.Random(seed)
    sentences, written = [], 0
    while written < words:
        length = generator.randint(12, 22)
        body = " ".join(generator.choice(vocabulary_words) for _ in range(length))
        sentences.append(body.capitalize() + ".")
        written += length
    return " ".join(sentences)


def spin(text: str, share: float, seed: int, vocabulary_words: list[str]) -> str:
    """Swap ``share`` of the words for other words, keeping the sentence layout."""
    generator = random.Random(seed)
    out = []
    for word in text.split(" "):
        if generator.random() < share:
            tail = "." if word.endswith(".") else ""
            word = generator.choice(vocabulary_words) + tail
        out.append(word)
    return " ".join(out)
