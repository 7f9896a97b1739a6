"""The JSON API (``/api``): read endpoints over the store and the token-guarded ingest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse

from storytrace.store import queries
from storytrace.store.web_queries import (
    ArticleFilter, ArticlePage, EntityDetail, EntityPage, SourceDetail, SourceStats, count_sources,
    entity_detail, list_articles, list_entities, list_sources, source_detail,
)  # fmt: skip
from storytrace.web import provenance
from storytrace.web.deps import Connection, Limit, Offset
from storytrace.web.ingest import IngestResult, ingest_body
from storytrace.web.provenance import EventView, LinkPage, LinkView, QuoteView, StoryDetail, StoryPage

router = APIRouter(prefix="/api", tags=["api"])

EntityKind = Literal["country", "person", "org", "place", "other"]
LinkKind = Literal["duplicate", "copy", "spun", "partial", "rewrite", "shared-quote"]
Text = Annotated[str | None, Query(max_length=200)]


@dataclass(slots=True)
class SourcePage:
    items: list[SourceStats]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class QuotePage:
    items: list[QuoteView]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class EventPage:
    items: list[EventView]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class ArticleDetail:
    id: str
    origin: str
    fmt: str
    url: str | None
    site: str | None
    title: str | None
    published: str | None
    byline: str | None
    authors: list[str]
    dateline: dict[str, Any] | None
    text: str
    clean_text: str
    tokens: int
    removals: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    story_id: str | None = None
    derived_from: list[LinkView] = field(default_factory=list)


def not_found(what: str, key: object) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {key!r}")


@router.get("/articles", response_model=ArticlePage, summary="Articles, newest first, filtered")
def get_articles(
    connection: Connection, limit: Limit = 20, offset: Offset = 0,
    since: date | None = None, until: date | None = None, source: Text = None, entity: Text = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 3166 alpha-3")] = None,
    story: Text = None, q: Text = None,
) -> ArticlePage:  # fmt: skip
    if since and until and since > until:
        raise HTTPException(status_code=400, detail="`since` is after `until`")
    wanted = ArticleFilter(since, until, source, entity, country, story, q)
    return list_articles(connection, wanted, limit, offset)


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article, its removals and entities")
def get_article(connection: Connection, article_id: Annotated[str, Path(max_length=200)]) -> ArticleDetail:
    found = queries.get_article(connection, article_id)
    if found is None:
        raise not_found("article", article_id)
    keys = ("id", "origin", "fmt", "url", "site", "title", "published", "byline", "authors", "dateline", "text",
            "clean_text", "tokens", "removals", "entities")  # fmt: skip
    detail = ArticleDetail(**{key: found[key] for key in keys})
    detail.story_id = provenance.story_of_article(connection, article_id)
    detail.derived_from = provenance.links_deriving(connection, article_id)
    return detail


@router.post("/articles", response_model=IngestResult, status_code=201, summary="Ingest one article (token needed)")
async def post_article(request: Request) -> IngestResult:
    """Body: one article in the JSONL article shape (``text`` or ``html`` required)."""
    return await ingest_body(request)


@router.get("/sources", response_model=SourcePage, summary="Sources (sites) by number of articles")
def get_sources(connection: Connection, limit: Limit = 50, offset: Offset = 0) -> SourcePage:
    return SourcePage(list_sources(connection, limit, offset), count_sources(connection), limit, offset)


@router.get("/sources/{name}", response_model=SourceDetail, summary="One source: originality and whom it copies")
def get_source(connection: Connection, name: Annotated[str, Path(max_length=200)]) -> SourceDetail:
    found = source_detail(connection, name)
    if found is None:
        raise not_found("source", name)
    return found


@router.get("/entities", response_model=EntityPage, summary="Entities by number of articles")
def get_entities(
    connection: Connection, limit: Limit = 50, offset: Offset = 0, kind: EntityKind | None = None, name: Text = None
) -> EntityPage:
    return list_entities(connection, kind, name, limit, offset)


@router.get("/entities/{entity_id}", response_model=EntityDetail, summary="One entity with mentions over time")
def get_entity(connection: Connection, entity_id: Annotated[str, Path(max_length=200)]) -> EntityDetail:
    found = entity_detail(connection, entity_id)
    if found is None:
        raise not_found("entity", entity_id)
    return found


@router.get("/search", response_model=ArticlePage, summary="Full-text search over titles and clean text")
def search(
    connection: Connection,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> ArticlePage:
    if queries.match_expression(q) is None:
        raise HTTPException(status_code=400, detail="the query holds no words to search for")
    return list_articles(connection, ArticleFilter(query=q), limit, offset)


@router.get("/stories", response_model=StoryPage, summary="Stories, latest first")
def get_stories(connection: Connection, limit: Limit = 20, offset: Offset = 0, q: Text = None) -> StoryPage:
    return provenance.list_stories(connection, q, limit, offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, summary="One story: members, links, comparison")
def get_story(request: Request, connection: Connection, story_id: Annotated[str, Path(max_length=200)]):
    """A story merged into another redirects there (308)."""
    found = provenance.story_detail(connection, story_id)
    if found is not None:
        return found
    into = provenance.merged_into(connection, story_id)
    if into is not None:
        return RedirectResponse(request.url_for("get_story", story_id=into).path, status_code=308)
    raise not_found("story", story_id)


@router.get("/links", response_model=LinkPage, summary="Derivation links")
def get_links(
    connection: Connection, limit: Limit = 50, offset: Offset = 0, article: Text = None, kind: LinkKind | None = None
) -> LinkPage:
    return provenance.list_links(connection, article, kind, limit, offset)


@router.get("/links/{link_id}", response_model=LinkView, summary="One derivation link with its evidence")
def get_link(connection: Connection, link_id: Annotated[int, Path(ge=1, le=2**62)]) -> LinkView:
    found = provenance.get_link(connection, link_id)
    if found is None:
        raise not_found("link", link_id)
    return found


@router.get("/quotes", response_model=QuotePage, summary="Quotes with their speakers")
def get_quotes(connection: Connection, limit: Limit = 50, offset: Offset = 0) -> QuotePage:
    items, total = provenance.list_quotes(connection, limit, offset)
    return QuotePage(items, total, limit, offset)


@router.get("/events", response_model=EventPage, summary="Coded political events")
def get_events(connection: Connection, limit: Limit = 50, offset: Offset = 0) -> EventPage:
    items, total = provenance.list_events(connection, limit, offset)
    return EventPage(items, total, limit, offset)
