import gzip
import random
import string

from storytrace.ingest import read_paths
from storytrace.model import RawDoc, Skipped

FEED_WITH_A_LINK = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>Quake hits coast</title><link>https://example.com/quake?utm_source=rss</link>
<pubDate>Fri, 07 Jan 2022 10:00:00 GMT</pubDate></item></channel></rss>"""


def warc_record(warc_type: str, block: bytes, uri: str | None = None,
                content_type: str = "application/http; msgtype=response", number: int = 0) -> bytes:
    headers = [f"WARC-Type: {warc_type}", f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>",
               "WARC-Date: 2022-01-08T03:04:05Z", f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    if uri:
        headers.insert(1, f"WARC-Target-URI: {uri}")
    return ("WARC/1.0\r\n" + "\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
                  extra_headers: tuple[str, ...] = ()) -> bytes:
    headers = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", *extra_headers]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def html_response(uri: str, paragraph: str, number: int) -> bytes:
    body = f"<html><head><title>T</title></head><body><p>{paragraph}</p></body></html>".encode()
    return warc_record("response", http_response(body), uri, number=number)


def random_words(seed: int, length: int = 6000) -> str:
    chooser = random.Random(seed)
    return "".join(chooser.choice(string.ascii_letters + "     ") for _ in range(length))


def chunked(data: bytes) -> bytes:
    middle = len(data) // 2
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (data[:middle], data[middle:])) + b"0\r\n\r\n"


def mixed_records() -> list[bytes]:
    cafe = "<html><body><p>Caf\u00e9 cr\u00e8me in the market</p></body></html>".encode("cp1252")
    encoded = chunked(gzip.compress(b"<html><body><p>Chunked and gzipped page</p></body></html>"))
    return [
        warc_record("warcinfo", b"software: test\r\n", content_type="application/warc-fields", number=1),
        warc_record("request", b"GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n", "https://example.com/a",
                    "application/http; msgtype=request", number=2),
        html_response("https://example.com/a", "First page", 3),
        warc_record("response", http_response(b"\x89PNG\r\n\x1a\n", "image/png"), "https://example.com/i.png",
                    number=4),
        warc_record("response", http_response(b"<html><body><p>Not found</p></body></html>", status="404 Not Found"),
                    "https://example.com/missing", number=5),
        warc_record("response", http_response(cafe, "text/html; charset=windows-1252"), "https://example.com/cafe",
                    number=6),
        warc_record("response", http_response(encoded, extra_headers=("Transfer-Encoding: chunked",
                                                                      "Content-Encoding: gzip")),
                    "https://example.com/encoded", number=7),
        warc_record("resource", b"<html><body><p>A stored resource</p></body></html>", "https://example.com/r",
                    "text/html; charset=utf-8", number=8),
        warc_record("response", http_response(b"<html><body><script>app()</script></body></html>"),
                    "https://example.com/app", number=9),
    ]


def gzip_per_record(records: list[bytes]) -> bytes:
    return b"".join(gzip.compress(record) for record in records)


def test_html_pages_come_from_a_warc_gz_whatever_its_name(tmp_path):
    path = tmp_path / "crawl.bin"
    path.write_bytes(gzip_per_record(mixed_records()))
    items = list(read_paths([path]))
    assert [(item.origin, item.url) for item in items if isinstance(item, RawDoc)] == [
        (f"{path}#record 3", "https://example.com/a"),
        (f"{path}#record 6", "https://example.com/cafe"),
        (f"{path}#record 7", "https://example.com/encoded"),
        (f"{path}#record 8", "https://example.com/r"),
    ]
    first, cafe, encoded, resource = [item for item in items if isinstance(item, RawDoc)]
    assert first.fmt == "warc" and first.published is None and "First page" in first.html
    assert first.extra == {"warc_date": "2022-01-08T03:04:05Z",
                           "warc_record_id": "<urn:uuid:00000000-0000-0000-0000-000000000003>"}
    assert "Café crème" in cafe.html
    assert "Chunked and gzipped page" in encoded.html
    assert "A stored resource" in resource.html
    assert items[-1] == Skipped(f"{path}#record 9", "HTML has no body text")


def test_a_page_inflating_far_beyond_its_compressed_size_reads_whole(tmp_path):
    # fastwarc panics if a stream returns more bytes than it asked for; gzip inflates 64 KB to megabytes
    path = tmp_path / "big.warc.gz"
    path.write_bytes(gzip.compress(html_response("https://example.com/big", "word " * 400_000, 1)))
    [page] = list(read_paths([path]))
    assert page.html.count("word ") == 400_000


def test_plain_and_whole_file_gzip_warcs_read_alike(tmp_path):
    records = mixed_records()
    (tmp_path / "plain.warc").write_bytes(b"".join(records))
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(b"".join(records)))
    plain = list(read_paths([tmp_path / "plain.warc"]))
    whole = list(read_paths([tmp_path / "whole.warc.gz"]))
    assert [item.html if isinstance(item, RawDoc) else item.reason for item in plain] == [
        item.html if isinstance(item, RawDoc) else item.reason for item in whole]
    assert len(plain) == 5


def three_pages() -> list[bytes]:
    return [html_response(f"https://example.com/{n}", random_words(n), n) for n in (1, 2, 3)]


def test_truncated_warc_gz_gives_the_records_before_the_damage_then_one_skipped(tmp_path):
    members = [gzip.compress(record) for record in three_pages()]
    cut = len(members[0]) + len(members[1]) + len(members[2]) // 2
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"".join(members)[:cut])
    good = tmp_path / "good.txt"
    good.write_text("Good\nbody")
    items = list(read_paths([broken, good]))
    assert [item.origin for item in items] == [f"{broken}#record {n}" for n in (1, 2, 3)] + [str(good)]
    assert isinstance(items[2], Skipped) and "gzip data truncated" in items[2].reason


def test_a_truncated_whole_file_gzip_warc_gives_the_records_before_the_damage(tmp_path):
    data = gzip.compress(b"".join(three_pages()))
    path = tmp_path / "small.warc.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    items = list(read_paths([path]))
    *pages, damage = items
    assert [page.origin for page in pages] == [f"{path}#record {n}" for n in range(1, len(pages) + 1)]
    assert all(isinstance(page, RawDoc) for page in pages)
    assert damage.origin == f"{path}#record {len(pages) + 1}"
    assert damage.reason.startswith("WARC reading stopped: gzip data truncated")


def test_a_small_compressible_truncated_warc_gz_gives_one_skipped_and_no_bogus_record(tmp_path):
    # fastwarc's own gzip reader yields an empty record for this file, and no error
    records = b"".join(html_response(f"https://example.com/{n}", "Quake news. " * 150, n) for n in (1, 2, 3))
    data = gzip.compress(records)
    path = tmp_path / "small.warc.gz"
    path.write_bytes(data[: len(data) // 2])
    reason = "WARC reading stopped: gzip data truncated (the file ends in the middle of the compressed stream)"
    assert list(read_paths([path])) == [Skipped(f"{path}#record 1", reason)]


def test_corrupt_gzip_member_stops_the_warc_with_a_reason(tmp_path):
    members = [gzip.compress(record) for record in three_pages()]
    members[1] = b"\x00" * 10 + members[1][10:]
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(b"".join(members))
    items = list(read_paths([path]))
    assert [type(item) for item in items] == [RawDoc, Skipped]
    assert items[1].origin == f"{path}#record 2"
    assert "corrupt gzip data" in items[1].reason


def test_truncated_plain_warc_names_the_cut_record(tmp_path):
    data = b"".join(three_pages())
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-2000])
    items = list(read_paths([path]))
    assert [type(item) for item in items] == [RawDoc, RawDoc, Skipped]
    assert items[2].origin == f"{path}#record 3"
    assert "record truncated" in items[2].reason


def test_garbage_between_records_stops_the_warc_with_a_reason(tmp_path):
    first, second, third = three_pages()
    path = tmp_path / "garbage.warc"
    path.write_bytes(first + b"this is not a WARC header\r\n\r\n" + second + third)
    items = list(read_paths([path]))
    assert [type(item) for item in items] == [RawDoc, Skipped]
    assert items[1].origin == f"{path}#record 2"
    assert "unreadable WARC record" in items[1].reason


def test_a_warc_without_html_pages_says_so(tmp_path):
    path = tmp_path / "images.warc"
    path.write_bytes(mixed_records()[0] + mixed_records()[3])
    assert list(read_paths([path])) == [Skipped(str(path), "no HTML pages among its 2 WARC records")]


def test_a_link_only_feed_entry_is_matched_to_a_warc_page(tmp_path):
    (tmp_path / "crawl.warc").write_bytes(html_response("https://www.example.com/quake", "Quake page", 1))
    (tmp_path / "feed.xml").write_text(FEED_WITH_A_LINK)
    [page] = list(read_paths([tmp_path]))
    assert (page.origin, page.title, page.published, page.site) == (
        f"{tmp_path / 'crawl.warc'}#record 1", "Quake hits coast", "Fri, 07 Jan 2022 10:00:00 GMT", "Example News")
