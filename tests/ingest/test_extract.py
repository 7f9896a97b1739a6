from datetime import datetime, timezone

from storytrace.ingest.extract import content_id, parse_date, site_from_url, to_article
from storytrace.model import RawDoc, Skipped
from tests.paths import SEED_003

ARTICLE_HTML = """<html><head><title>Quake hits coast | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2022-01-07T10:00:00+00:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>Quake hits coast</h1>
<p>A strong earthquake struck the northern coast on Friday, officials said, damaging homes and roads.</p>
<p>Rescue teams reached the worst-hit villages by evening, and the government promised aid to the families.</p>
<p>Seismologists said the quake was the strongest in the region for two decades and warned of aftershocks.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_plain_text_takes_title_byline_and_dateline_from_the_text():
    article = to_article(RawDoc(origin="seed.txt", fmt="text", text=SEED_003.read_text(encoding="utf-8")))
    assert article.title.startswith("Sounding alarm on China")
    assert article.byline == "Written by publishing team"
    assert article.dateline.wire == "Reuters"
    assert article.published is None
    assert all(removal.reason != "headline" for removal in article.removals)


def test_jsonl_fields_win_over_what_the_text_shows():
    raw = RawDoc(origin="a.jsonl:line 1", fmt="jsonl", id="given-1", text="Some title\nBody sentence here.",
                 title="Given title", site="example.org", published="2022-01-07T10:00:00Z", authors=["A. Writer"],
                 extra={"topic": "7"})
    article = to_article(raw)
    assert (article.id, article.title, article.site, article.authors) == ("given-1", "Given title", "example.org", ["A. Writer"])
    assert article.published == datetime(2022, 1, 7, 10, tzinfo=timezone.utc)
    assert article.published_from == "input"
    assert article.extra == {"topic": "7"}


def test_a_given_title_that_is_only_a_date_gives_way_to_the_headline_below_it():
    # ECB+ gives an article's first line as its title; here that line is the publication date.
    text = "Tuesday, August 7, 2012\nFarewell to another piece of Mat Maid\nA fast-moving fire destroyed the warehouse."
    article = to_article(RawDoc(origin="a.jsonl:line 3", fmt="jsonl", text=text, title="Tuesday, August 7, 2012"))
    assert article.title == "Farewell to another piece of Mat Maid"
    assert article.published == datetime(2012, 8, 7, tzinfo=timezone.utc)
    assert [removal.reason for removal in article.removals] == ["publication-date"]


def test_html_gives_body_and_metadata():
    article = to_article(RawDoc(origin="page.html", fmt="html", html=ARTICLE_HTML, url="https://www.example.com/quake"))
    assert "strong earthquake struck" in article.text
    assert "Home | World" not in article.text
    assert article.site == "Example News"
    assert article.published is not None and article.published.year == 2022
    assert article.url == "https://www.example.com/quake"


def test_html_without_a_body_is_skipped_with_a_reason():
    result = to_article(RawDoc(origin="empty.html", fmt="html", html="<html><body><nav>Home</nav></body></html>"))
    assert isinstance(result, Skipped) and result.origin == "empty.html"


def test_ids_are_stable_and_tell_copies_at_other_urls_apart():
    assert content_id("https://a.example/x", "text") == content_id("https://a.example/x", "text")
    assert content_id("https://a.example/x", "text") != content_id("https://b.example/x", "text")
    raw = RawDoc(origin="x.txt", fmt="text", text="Title\nBody.")
    assert to_article(raw).id == to_article(raw).id


def test_dates_parse_iso_and_rfc822_and_nothing_else():
    assert parse_date("2022-01-07") == datetime(2022, 1, 7, tzinfo=timezone.utc)  # no zone given: UTC
    assert parse_date("Fri, 07 Jan 2022 10:00:00 GMT").day == 7
    assert parse_date("last Friday") is None
    assert parse_date(None) is None


def test_site_from_url_drops_www():
    assert site_from_url("https://www.reuters.com/world/x") == "reuters.com"
    assert site_from_url(None) is None


def test_feed_entry_html_is_the_article_itself():
    raw = RawDoc(origin="feed.xml#entry 1", fmt="feed", title="Storm", url="https://example.org/storm",
                 html="<p>A storm hit the <b>coast</b>.</p><script>alert(1)</script><p>Second paragraph.</p>")
    article = to_article(raw)
    assert article.text == "A storm hit the coast.\nSecond paragraph."
    assert article.site == "example.org"
