import signal
import socket
import threading

import pytest

from storytrace.ingest import html as html_module
from storytrace.ingest.charset import decode_html
from storytrace.ingest.html import (
    MAX_HTML_CHARS,
    HtmlPage,
    extract_body,
    extract_html,
    split_authors,
)

URL = "https://news.example.com/politics/council-budget"

PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new budget for public transport, ending months "
    "of debate between the mayor and opposition members.",
    "Under the plan, bus fares will remain frozen for two years while the number of night routes "
    "doubles, according to figures released by the transport office.",
    "Critics said the budget relied on optimistic forecasts of ticket sales and warned that "
    "maintenance of the ageing tram network had been postponed again.",
    "The mayor defended the decision in a statement, saying that affordable transport was essential "
    "for workers who commute from the outer districts every day.",
]

HEAD = """<title>Council approves transport budget | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Council approves transport budget">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2022-01-07T09:30:00+00:00">"""

NAV = """<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics navigation section</a></li>
<li><a href="/sport">Sport headlines today</a></li></ul></nav>"""

FOOTER = """<footer><p>Copyright 2019 The Daily Example. All rights reserved. Privacy policy and
terms of use apply to every visitor of this website.</p></footer>"""

COMMENTS = """<section id="comments" class="comments"><h3>Comments</h3><div class="comment">
<p>Reader remark: this is a disgrace and the whole council should resign immediately over it.</p>
</div></section>"""

SCRIPT = "<script>var trackingPixel = function() { return document.cookie; };</script>"
STYLE = "<style>.headline { color: crimson; }</style>"


def article_page(head: str = HEAD, body_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:2])
    paragraphs += SCRIPT + STYLE + "".join(f"<p>{text}</p>" for text in PARAGRAPHS[2:])
    return (
        f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{NAV}"
        f"<main><article><h1>Council approves transport budget</h1>{paragraphs}</article>"
        f"{COMMENTS}{body_extra}</main>{FOOTER}</body></html>"
    )


@pytest.fixture(scope="module")
def page() -> HtmlPage:
    result = extract_html(article_page(), url=URL)
    assert result is not None
    return result


def test_body_paragraphs_come_out_in_order_one_per_line(page):
    lines = page.text.split("\n")
    positions = [lines.index(text) for text in PARAGRAPHS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("boilerplate", ["navigation section", "Sport headlines", "disgrace", "All rights reserved"])
def test_nav_comments_and_footer_stay_out(page, boilerplate):
    assert boilerplate not in page.text


@pytest.mark.parametrize("code", ["trackingPixel", "document.cookie", "function", "crimson", "{"])
def test_script_and_style_in_the_body_never_reach_the_text(page, code):
    assert code not in page.text


def test_metadata_title_site_author_date_url(page):
    assert page.title == "Council approves transport budget"
    assert page.site == "The Daily Example"
    assert page.authors == ["Jane Doe"]
    assert page.published == "2022-01-07"
    assert page.url == URL


def test_no_stated_date_gives_none_even_with_a_copyright_year():
    head = "<title>Council approves transport budget</title>"
    result = extract_html(article_page(head=head), url=URL)
    assert result is not None
    assert result.published is None
    assert result.authors == []


def test_site_name_derived_only_from_the_url_is_not_reported():
    head = "<title>Council approves transport budget</title>"
    result = extract_html(article_page(head=head), url=URL)
    assert result is not None and result.site is None


def test_several_authors_from_json_ld():
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Council approves transport budget", "datePublished": "2022-01-07",'
        ' "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],'
        ' "publisher": {"@type": "Organization", "name": "Example Media"}}</script>'
    )
    result = extract_html(article_page(head=f"<title>Budget</title>{json_ld}"), url=URL)
    assert result is not None
    assert result.authors == ["Jane Doe", "John Roe"]
    assert result.published == "2022-01-07"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About us</a>"
        "</nav><footer>Copyright 2022 Example</footer></body></html>",
        "<html><head><title>Empty</title></head><body><script>var x = 1; var y = 2;</script></body></html>",
        "<html><body><div></div></body></html>",
    ],
)
def test_pages_without_an_article_body_give_none(html):
    assert extract_html(html) is None


def test_oversized_page_is_refused_before_parsing():
    assert extract_html("<p>x</p>" + " " * MAX_HTML_CHARS) is None


def test_page_with_too_many_elements_is_refused(monkeypatch):
    monkeypatch.setattr(html_module, "MAX_ELEMENTS", 50)
    assert extract_html(article_page()) is not None
    assert extract_html(article_page(body_extra="<span>x</span>" * 60)) is None


def test_a_runaway_extraction_is_stopped_by_the_time_limit(monkeypatch):
    def runaway(html, url):
        try:  # trafilatura wraps its fallbacks like this: the timeout must get through
            for _ in range(10**9):  # ends the test (as a failure) if the alarm never fires
                pass
        except Exception:
            pass
        return HtmlPage(text="not stopped")

    monkeypatch.setattr(html_module, "_extract", runaway)
    previous_handler = signal.getsignal(signal.SIGALRM)
    assert extract_html(article_page(), time_limit=0.05) is None
    assert signal.getsignal(signal.SIGALRM) is previous_handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_extraction_works_outside_the_main_thread():
    results: list[HtmlPage | None] = []
    worker = threading.Thread(target=lambda: results.append(extract_html(article_page(), url=URL)))
    worker.start()
    worker.join()
    assert results and results[0] is not None and PARAGRAPHS[0] in results[0].text


def test_extraction_never_opens_a_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    extra = "<img src='https://cdn.example.com/a.jpg'><iframe src='https://ads.example.com/'></iframe>"
    result = extract_html(article_page(body_extra=extra), url=URL)
    assert result is not None and PARAGRAPHS[0] in result.text


def test_short_precision_body_falls_back_to_a_longer_balanced_one(monkeypatch):
    bodies = {True: "Short teaser.", False: "Short teaser. And the rest of the story, which is longer."}
    monkeypatch.setattr(html_module, "_run_trafilatura", lambda tree, url, favor_precision: bodies[favor_precision])
    assert extract_body(object()) == bodies[False]


def test_long_precision_body_is_kept_without_a_second_pass(monkeypatch):
    calls: list[bool] = []

    def fake(tree, url, favor_precision):
        calls.append(favor_precision)
        return "word " * 100

    monkeypatch.setattr(html_module, "_run_trafilatura", fake)
    assert extract_body(object()) == "word " * 100
    assert calls == [True]


def test_split_authors():
    assert split_authors("Jane Doe; John Roe") == ["Jane Doe", "John Roe"]
    assert split_authors(None) == []
    assert split_authors(" ; ") == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<p>Zürich – café</p>".encode(), "<p>Zürich – café</p>"),
        ("\ufeff<p>Zürich</p>".encode(), "<p>Zürich</p>"),
        ("<p>Zürich</p>".encode("utf-16"), "<p>Zürich</p>"),
        (
            '<meta charset="windows-1251"><p>Москва</p>'.encode("cp1251"),
            '<meta charset="windows-1251"><p>Москва</p>',
        ),
        ("<p>café</p>".encode("cp1252"), "<p>café</p>"),
        (b'<meta charset="no-such-charset"><p>caf\xe9</p>', '<meta charset="no-such-charset"><p>café</p>'),
    ],
)
def test_decode_html(data, expected):
    assert decode_html(data) == expected
