"""Fixtures for the store tests: a fresh store in tmp_path and a small article builder."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storytrace.model import Article
from storytrace.store import Store

ArticleFactory = Callable[..., Article]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as opened:
        yield opened


@pytest.fixture
def make_article() -> ArticleFactory:
    """Build a plain-text article whose clean text is its text, unless told otherwise."""

    def build(article_id: str, text: str = "Plain text.", **fields: Any) -> Article:
        fields.setdefault("clean_text", text)
        fields.setdefault("site", "example.com")
        return Article(id=article_id, origin=f"test:{article_id}", fmt="text", text=text, **fields)

    return build


def dump(path: Path) -> list[str]:
    """Every table's schema and rows (full-text shadow tables included), read on a new connection."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def dump_db() -> Callable[[Path], list[str]]:
    return dump
