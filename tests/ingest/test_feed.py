import json

import pytest

from storytrace.ingest import normalise_url, read_paths
from storytrace.model import RawDoc, Skipped

ARTICLE = "<p>A strong earthquake struck the northern coast on Friday, officials said.</p>" * 4
LONG_PLAIN_SUMMARY = "Rescue teams reached the worst-hit villages by evening. " * 12

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://example.com/</link>
<item><title>Quake hits coast</title><link>https://example.com/quake</link><guid>quake-1</guid>
  <pubDate>Fri, 07 Jan 2022 10:00:00 GMT</pubDate><dc:creator>Jane Roe</dc:creator>
  <description>A short teaser.</description>
  <content:encoded><![CDATA[{ARTICLE}]]></content:encoded></item>
<item><title>Rescue under way</title><link>https://example.com/rescue</link>
  <description>{LONG_PLAIN_SUMMARY}</description></item>
<item><title>Aftershocks</title><link>http://www.example.com/aftershocks/?utm_source=rss&amp;id=7</link>
  <pubDate>Sat, 08 Jan 2022 09:30:00 GMT</pubDate><author>desk@example.com (News Desk)</author>
  <description>Seismologists warn of more tremors.</description></item>
<item><title>Aid pledged</title><link>https://example.com/aid</link><description>Teaser only.</description></item>
<item><title>No link, no body</title><description>Short.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Talks resume</title><link href="https://wire.example/talks"/><id>urn:talks</id>
<updated>2022-01-07T08:00:00Z</updated><author><name>A. Writer</name></author><author><name>B. Writer</name></author>
<content type="text">Talks resumed on Friday between the two delegations, officials said, after a pause of
several weeks. Both sides described the atmosphere as constructive, and a further round was
scheduled for next month in the same city, according to a joint statement released afterwards.</content>
</entry></feed>"""


def page(canonical: str) -> str:
    return (f'<html><head><link rel="canonical" href="{canonical}"></head>'
            "<body><p>Seismologists warned of more tremors after the quake.</p></body></html>")


def test_entries_holding_their_article_become_feed_docs(tmp_path):
    (tmp_path / "news.xml").write_text(RSS)
    items = [item for item in read_paths([tmp_path / "news.xml"]) if isinstance(item, RawDoc)]
    quake, rescue = items
    assert quake == RawDoc(origin=f"{tmp_path / 'news.xml'}#entry 1", fmt="feed", html=ARTICLE, text=None,
                           url="https://example.com/quake", site="Example News", title="Quake hits coast",
                           published="Fri, 07 Jan 2022 10:00:00 GMT", authors=["Jane Roe"],
                           extra={"guid": "quake-1"})
    assert (rescue.origin, rescue.html, rescue.text) == (f"{tmp_path / 'news.xml'}#entry 2", None,
                                                         LONG_PLAIN_SUMMARY.strip())


def test_atom_text_content_and_several_authors(tmp_path):
    (tmp_path / "wire.atom").write_text(ATOM)
    [doc] = read_paths([tmp_path / "wire.atom"])
    assert (doc.fmt, doc.site, doc.published, doc.authors) == (
        "feed", "Atom Wire", "2022-01-07T08:00:00Z", ["A. Writer", "B. Writer"])
    assert doc.html is None and doc.text.startswith("Talks resumed on Friday")


def test_link_only_entries_take_their_page_from_the_batch_or_are_reported(tmp_path):
    (tmp_path / "a_page.html").write_text(page("https://example.com/aftershocks?id=7"))  # read before the feed
    (tmp_path / "z_feed.xml").write_text(RSS)
    items = list(read_paths([tmp_path]))
    feed, html = str(tmp_path / "z_feed.xml"), str(tmp_path / "a_page.html")
    [matched] = [item for item in items if isinstance(item, RawDoc) and item.fmt == "html"]
    assert (matched.origin, matched.title, matched.published, matched.authors, matched.site) == (
        html, "Aftershocks", "Sat, 08 Jan 2022 09:30:00 GMT", ["News Desk"], "Example News")
    assert matched.extra == {"feed_entry": f"{feed}#entry 3"}
    assert [item for item in items if isinstance(item, Skipped)] == [
        Skipped(f"{feed}#entry 5", "feed entry has neither its article's content nor a link to it"),
        Skipped(f"{feed}#entry 4",
                "feed entry has only a link (https://example.com/aid) and no HTML for it in this batch"),
    ]


def test_a_page_keeps_what_it_states_itself(tmp_path):
    (tmp_path / "feed.xml").write_text(RSS)
    line = {"url": "https://example.com/aid", "html": "<p>Aid</p>", "title": "Own title"}
    (tmp_path / "aid.jsonl").write_text(json.dumps(line) + "\n")
    [aid] = [item for item in read_paths([tmp_path]) if isinstance(item, RawDoc) and item.fmt == "jsonl"]
    assert (aid.title, aid.site) == ("Own title", "Example News")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b'<rss version="2.0"><channel><title>Broken &&& <<<', "not a readable feed (not well-formed XML"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
         "feed has no entries"),
    ],
)
def test_a_feed_without_usable_entries_is_skipped_by_name(tmp_path, content, reason):
    (tmp_path / "bad.xml").write_bytes(content)
    (tmp_path / "good.txt").write_text("Good\nbody")
    items = list(read_paths([tmp_path]))
    assert len(items) == 2
    assert items[0].origin == str(tmp_path / "bad.xml") and items[0].reason.startswith(reason)
    assert items[1].origin == str(tmp_path / "good.txt")


@pytest.mark.parametrize(
    "first, second",
    [
        ("https://www.Example.com/a/", "http://example.com/a"),
        ("https://example.com/a?b=2&a=1&utm_source=x", "https://example.com/a?a=1&b=2"),
        ("https://example.com:443/caf%C3%A9#top", "https://example.com/café"),
    ],
)
def test_urls_that_name_the_same_page_normalise_alike(first, second):
    assert normalise_url(first) == normalise_url(second)


@pytest.mark.parametrize(
    "first, second",
    [
        ("https://example.com/a", "https://example.com/b"),
        ("https://example.com/a?id=1", "https://example.com/a?id=2"),
        ("https://example.com/a", "https://example.org/a"),
        ("https://example.com/A", "https://example.com/a"),
    ],
)
def test_urls_of_different_pages_stay_apart(first, second):
    assert normalise_url(first) != normalise_url(second)
