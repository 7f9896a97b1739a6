"""The server-rendered pages: content, escaping of untrusted text, and pages on a bare database."""

from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from storytrace.store.sqlite import Store
from storytrace.web.app import create_app
from tests.web.conftest import COPY_ID, STORY_ID, XSS_ID

PROVENANCE_TABLES = ("story_members", "story_merges", "stories", "reuse_links", "reuse_fingerprints", "quotes", "events")


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_story_list_shows_the_story_with_its_counts(client):
    html = page(client, "/")
    assert f'href="/stories/{STORY_ID}"' in html
    assert "1 copies" in html and "Japan" in html


def test_story_page_draws_the_graph_and_the_comparison(client, web_data):
    html = page(client, f"/stories/{STORY_ID}")
    assert html.count('class="node node-') == 3
    assert 'class="edge edge-spun"' in html
    for article_id in (web_data.seed_000, web_data.seed_003, COPY_ID):
        assert f'href="/articles/{article_id}"' in html
    assert "Names and numbers that differ" in html and "serious" in html
    assert "1 sources (2 articles of unknown source)" in html  # the seeds have no site, the copy has


def test_article_page_shows_removed_boilerplate_with_its_reason_in_place(client, web_data):
    html = page(client, f"/articles/{web_data.seed_003}")
    removed = re.findall(r'<span class="reason-tag" title="[^"]*">([^<]+)</span><span class="layer-removal[^"]*"[^>]*>([^<]*)', html)
    assert removed, "no removal marked in the text"
    assert any("Register now" in text for _, text in removed)
    assert 'class="layer-mention entity-country" href="/entities/country:JPN"' in html
    assert re.search(r'<span class="layer-quote" title="said by the statement">They are resolved', html)


def test_derived_article_page_sets_the_copy_beside_its_source(client):
    html = page(client, f"/articles/{COPY_ID}")
    assert "Side by side with its source" in html
    assert 'class="artifact-tag">substituted-word</span>' in html
    assert "lost-attribution" in html and "wire-credit" in html


def test_untrusted_text_and_metadata_render_as_text(client):
    html = page(client, f"/articles/{XSS_ID}")
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert 'href="javascript:' not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/app.js" defer>']


def test_source_and_entity_pages(client):
    source = page(client, "/sources/copycat.example")
    assert "Derived without credit" in source and "100%" in source
    entity = page(client, "/entities/country:JPN")
    assert 'class="chart-bar"' in entity and "2021-03" in entity
    assert "CONSULT" in entity  # an event with Japan as recipient
    blinken = client.get("/api/entities", params={"name": "Blinken"}).json()["items"][0]["id"]
    assert "the two countries would sign" in page(client, f"/entities/{blinken}")


def test_list_pages_and_filters(client):
    assert "copycat.example" in page(client, "/sources")
    assert "Japan" in page(client, "/entities?kind=country")
    assert "Japan and U.S. vow to work together" in page(client, "/articles?source=copycat.example")


def test_missing_things_get_an_html_404(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404 and "No article with id" in response.text
    assert client.get("/articles?limit=0").status_code == 422


@pytest.fixture(scope="module")
def bare_client(tmp_path_factory, web_data):
    """The examples' articles on a database whose provenance tables do not exist (yet)."""
    db = tmp_path_factory.mktemp("bare") / "bare.db"
    with Store(web_data.db) as source:
        source.connection.execute("VACUUM INTO ?", (str(db),))
    with Store(db) as store:
        for table in PROVENANCE_TABLES:
            store.connection.execute(f"DROP TABLE IF EXISTS {table}")
    return TestClient(create_app(db))


def test_without_provenance_tables_everything_still_answers(bare_client, web_data):
    for path in ("/", f"/articles/{COPY_ID}", "/sources/copycat.example", "/entities/country:JPN", "/sources"):
        page(bare_client, path)
    for path in ("/api/stories", "/api/links", "/api/quotes", "/api/events"):
        assert bare_client.get(path).json()["items"] == []
    assert bare_client.get(f"/stories/{STORY_ID}").status_code == 404
    assert bare_client.get("/api/links/1").status_code == 404
    assert bare_client.get("/api/articles", params={"story": STORY_ID}).json()["total"] == 0
    assert bare_client.get(f"/api/articles/{COPY_ID}").json()["derived_from"] == []


def test_serve_runs_the_app_on_the_given_address(monkeypatch, web_data, capsys):
    import uvicorn

    from storytrace.web.serve import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    serve(web_data.db, port=8123, token="t")
    app, options = calls[0]
    assert (options["host"], options["port"]) == ("127.0.0.1", 8123)
    assert app.state.settings.write_token == "t"
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_bench_times_the_story_page(web_data):
    from storytrace.web.bench import time_pages

    timings = time_pages(web_data.db, samples=3)
    assert set(timings) == {"story_page_median_ms", "story_page_max_ms", "home_median_ms", "home_max_ms"}
    assert 0 < timings["story_page_median_ms"] <= timings["story_page_max_ms"]


def test_list_pages_page_through(client):
    first = page(client, "/sources?limit=5")
    assert "1–5 of 11" in first and 'href="/sources?limit=5&offset=5"' in first
    assert "11–11 of 11" in page(client, "/sources?limit=5&offset=10")


def test_story_facts_name_each_carrying_outlet_not_its_article_id(client, web_data):
    html = page(client, f"/stories/{STORY_ID}")
    row = re.search(r"The ministers met by video\.</td>\s*<td>(.*?)</td>", html, re.S).group(1)
    assert web_data.seed_000 not in row  # the seed has no site: the start of its title names it
    assert '<span class="badge badge-source">United States and Japan agr…</span>' in row


def test_an_article_sharing_a_quotation_is_not_said_to_derive_from_the_other(tmp_path, web_data):
    from storytrace.model import ReuseLink
    from storytrace.store.reuse import save_links

    db = tmp_path / "shared.db"
    with sqlite3.connect(web_data.db) as original, sqlite3.connect(db) as copy:
        original.backup(copy)
    with Store(db) as store:
        store.connection.execute("BEGIN IMMEDIATE")
        save_links(store.connection, [ReuseLink(source_id=web_data.seed_003, derived_id=web_data.seed_000,
                                                kind="shared-quote", score=0.14)])  # fmt: skip
        store.connection.execute("COMMIT")
    html = page(TestClient(create_app(db)), f"/articles/{web_data.seed_000}")
    assert "quotes the same words as" in html and "neither derives from the other" in html
    assert "This article derives from" not in html


def test_reported_speech_is_not_dressed_in_quotation_marks(client, web_data):
    # Direct quotes carry their own marks in the text; the page adds none, so indirect speech reads as such.
    html = page(client, f"/articles/{web_data.seed_003}")
    assert "<blockquote>the two countries would sign" in html
    assert "<blockquote>“the two countries" not in html
