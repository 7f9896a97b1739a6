"""The pages in a real headless Chromium (Debian's package, driven by Playwright), served by uvicorn.

Screenshots of every page visited go to ``test-output/screenshots/`` at the repository root.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from storytrace.web.app import create_app
from tests.paths import ROOT
from tests.web.conftest import COPY_ID, STORY_ID, XSS_ID

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]  # fmt: skip
SCREENSHOTS = ROOT / "test-output" / "screenshots"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def base_url(web_data) -> Iterator[str]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_data.db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records every request it makes, to check none leaves the app."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    assert all(url.startswith(base_url) for url in page.requested), page.requested
    context.close()


def visit(page, base_url: str, path: str, shot: str):
    response = page.goto(base_url + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
    return response


def test_story_list_and_story_page(page, base_url, web_data):
    visit(page, base_url, "/", "01-story-list")
    page.click(f"a[href='/stories/{STORY_ID}']")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / "02-story.png"), full_page=True)
    assert page.locator("svg.graph circle.node").count() == 3
    assert page.locator("svg.graph text.edge-label").all_text_contents() == ["spun"]
    sources = page.locator("table.list").first.inner_text()
    assert "copycat.example" in sources and "original" in sources and "independent" in sources


def test_content_farm_article_shows_removed_boilerplate_with_reasons(page, base_url, web_data):
    visit(page, base_url, f"/articles/{web_data.seed_003}", "03-article-seed-003")
    removed = page.locator(".article-text .layer-removal").all_inner_texts()
    assert any("Register now to get free unlimited access to" in text for text in removed)
    reasons = page.locator(".article-text .reason-tag").all_inner_texts()
    assert reasons and all(reason.strip() for reason in reasons)
    assert page.locator("table.removals .badge-reason").count() == len(reasons)
    page.click("#toggle-removed")  # the static script hides the removed text
    assert not page.locator(".article-text .layer-removal").first.is_visible()


def test_derived_article_flags_its_artifacts(page, base_url):
    visit(page, base_url, f"/articles/{COPY_ID}", "04-article-derived")
    assert page.locator(".side-by-side .layer-artifact").inner_text() == "serious"
    assert "lost-attribution" in page.locator("#comparison").inner_text()


def test_script_payloads_do_not_execute(page, base_url):
    visit(page, base_url, f"/articles/{XSS_ID}", "05-article-script-payload")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert "<script>window.__pwned" in page.locator(".article-text").inner_text()
    assert page.locator("main a[href^='javascript']").count() == 0


def test_source_and_entity_pages(page, base_url):
    visit(page, base_url, "/sources", "06-sources")
    visit(page, base_url, "/sources/copycat.example", "07-source")
    assert page.locator("table.originality svg rect").count() == 6
    visit(page, base_url, "/entities/country:JPN", "08-entity")
    assert page.locator("svg.chart rect.chart-bar").count() >= 1
