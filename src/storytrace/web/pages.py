"""The server-rendered pages. Templates autoescape everything: stored text is untrusted."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from storytrace.store import queries
from storytrace.store.web_queries import (
    ArticleFilter, ArticleSummary, count_sources, entity_detail, list_articles, list_entities, list_sources,
    overview, source_detail,
)  # fmt: skip
from storytrace.web import provenance
from storytrace.web.api import SourcePage
from storytrace.web.app import HERE
from storytrace.web.deps import Connection, Limit, Offset
from storytrace.web.pictures import ShareBar, derivation_graph, timeline_chart
from storytrace.web.textmarks import article_layers, link_layers, pieces, quote_layers

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True))
Text = Annotated[str | None, Query(max_length=200)]
Key = Annotated[str, Path(max_length=200)]


def safe_href(url: str | None) -> str | None:
    """The URL if it is a plain web address; anything else (``javascript:``, ``data:``) is not linked."""
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return url


def url_path(value: str) -> str:
    """A value quoted for a URL path segment; keeps the ":" of entity ids readable."""
    return quote(str(value), safe=":@")


def outlet(article: dict | ArticleSummary | None, fallback: str = "") -> str:
    """A short name for where an article comes from: its site, else the start of its title."""
    if article is None:
        return fallback
    site, title, key = (
        (article.get("site"), article.get("title"), article.get("id")) if isinstance(article, dict)
        else (article.site, article.title, article.id)
    )  # fmt: skip
    if site:
        return site
    text = title or key or fallback
    return text if len(text) <= 28 else text[:27] + "…"


templates.env.filters["safe_href"] = safe_href
templates.env.filters["outlet"] = outlet
templates.env.filters["urlpath"] = url_path
templates.env.globals["ShareBar"] = ShareBar


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> Response:
    return render(request, "error.html", status_code, status=status_code, message=message)


def missing(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"No {what} with id “{key}”.")


@router.get("/", response_class=HTMLResponse)
def story_list(request: Request, connection: Connection, q: Text = None, limit: Limit = 30, offset: Offset = 0):
    stories = provenance.list_stories(connection, q or None, limit, offset)
    latest = list_articles(connection, ArticleFilter(query=q or None), 10, 0)
    return render(request, "stories.html", stories=stories, latest=latest, q=q or "", totals=overview(connection))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, connection: Connection, story_id: Key):
    story = provenance.story_detail(connection, story_id)
    if story is None and (into := provenance.merged_into(connection, story_id)) is not None:
        return RedirectResponse(request.url_for("story_page", story_id=into).path, status_code=308)
    if story is None:
        raise missing("story", story_id)
    graph = derivation_graph(story.members, story.links)
    titles = {member.article.id: member.article for member in story.members}
    return render(request, "story.html", story=story, graph=graph, titles=titles)


@router.get("/articles", response_class=HTMLResponse)
def article_list(
    request: Request, connection: Connection, limit: Limit = 30, offset: Offset = 0, q: Text = None,
    source: Text = None, entity: Text = None, since: date | None = None, until: date | None = None,
):  # fmt: skip
    wanted = ArticleFilter(since=since, until=until, source=source or None, entity=entity or None, query=q or None)
    page = list_articles(connection, wanted, limit, offset)
    return render(request, "articles.html", page=page, wanted=wanted, q=q or "")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, connection: Connection, article_id: Key):
    article = queries.get_article(connection, article_id)
    if article is None:
        raise missing("article", article_id)
    links = provenance.links_deriving(connection, article_id)
    layers = article_layers(article) + quote_layers(provenance.quote_spans(connection, article_id))
    context = {
        "article": article, "pieces": pieces(article["text"], layers), "links": links,
        "quotes": provenance.quotes_of(connection, [article_id]),
        "events": provenance.events_of(connection, [article_id]),
    }  # fmt: skip
    if links:
        context |= _side_by_side(connection, article, links[0])
    context["story_id"] = provenance.story_of_article(connection, article_id)
    return render(request, "article.html", **context)


def _side_by_side(connection, article: dict, link: provenance.LinkView) -> dict:
    source = queries.get_article(connection, link.source_id)
    if source is None:
        return {}
    return {
        "source": source,
        "source_pieces": pieces(source["text"], link_layers(link.passages, [], "source")),
        "derived_pieces": pieces(article["text"], link_layers(link.passages, link.artifacts, "derived")),
        "link": link,
    }


@router.get("/sources", response_class=HTMLResponse)
def source_list(request: Request, connection: Connection, limit: Limit = 100, offset: Offset = 0):
    page = SourcePage(list_sources(connection, limit, offset), count_sources(connection), limit, offset)
    return render(request, "sources.html", page=page)


@router.get("/sources/{name}", response_class=HTMLResponse)
def source_page(request: Request, connection: Connection, name: Key, offset: Offset = 0):
    detail = source_detail(connection, name)
    if detail is None:
        raise missing("source", name)
    page = list_articles(connection, ArticleFilter(source=name), 50, offset)
    return render(request, "source.html", detail=detail, page=page)


@router.get("/entities", response_class=HTMLResponse)
def entity_list(request: Request, connection: Connection, kind: Text = None, name: Text = None, offset: Offset = 0):
    page = list_entities(connection, kind or None, name or None, 100, offset)
    return render(request, "entities.html", page=page, kind=kind or "", name=name or "")


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, connection: Connection, entity_id: Key):
    detail = entity_detail(connection, entity_id)
    if detail is None:
        raise missing("entity", entity_id)
    articles = list_articles(connection, ArticleFilter(entity=entity_id), 30, 0)
    quotes = provenance.quotes_by_speaker(connection, entity_id)
    events = provenance.events_involving(connection, detail.entity.code)
    chart = timeline_chart(detail.timeline)
    return render(request, "entity.html", detail=detail, articles=articles, quotes=quotes, events=events, chart=chart)
