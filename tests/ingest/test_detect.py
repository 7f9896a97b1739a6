import codecs
import gzip

import pytest

from storytrace.ingest.detect import Detected, Format, detect_format, sniff_file
from storytrace.ingest.limits import BadInput


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", Format.WARC),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', Format.FEED),
        (b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- hi --><feed xmlns="x">', Format.FEED),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', Format.FEED),
        (b"<!DOCTYPE html><html><body>x</body></html>", Format.HTML),
        (b"\n  <!-- saved page --><HTML><BODY>x", Format.HTML),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', Format.HTML),
        (b"<div class=story><p>Tag soup without html or body tags</p></div>", Format.HTML),
        (b"Warning: something failed on line 3\n<!doctype html>\n<html><body>x", Format.HTML),
        (b'{"id": "a", "text": "b"}\n{"id": "c", "text": "d"}\n', Format.JSONL),
        (b"Quake hits coast\n\nA strong earthquake struck on Friday.\n", Format.TEXT),
        (b'HTML_SAMPLE = """<html><body>quoted markup in a program</body></html>"""\n', Format.TEXT),
        (b"< 5 apples were sold\nand more text", Format.TEXT),
    ],
)
def test_format_comes_from_the_content(head, expected):
    assert detect_format(head) == expected


def test_a_jsonl_line_longer_than_the_sniffed_head_still_counts():
    assert detect_format(b'{"text": "' + b"x" * 9000) == Format.JSONL


def test_byte_order_marks_are_looked_through():
    assert detect_format(codecs.BOM_UTF8 + b"<html><body>x</body></html>") == Format.HTML
    assert detect_format("<html><body>Grüße</body></html>".encode("utf-16")) == Format.HTML
    assert detect_format("Plain text in UTF-16\nwith a second line".encode("utf-16")) == Format.TEXT


@pytest.mark.parametrize(
    "head, reason_part",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"Some text\x00\x01\x02 with NUL bytes", "NUL bytes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b'{\n  "pretty": "printed",\n  "json": true\n}\n', "not JSON Lines"),
        (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/">', "<urlset>"),
    ],
)
def test_unusable_content_is_refused_with_a_reason(head, reason_part):
    with pytest.raises(BadInput, match=reason_part.replace("(", r"\(")):
        detect_format(head)


def test_gzip_is_looked_inside(tmp_path):
    page = tmp_path / "page.bin"
    page.write_bytes(gzip.compress(b"<html><body><p>Compressed page</p></body></html>"))
    warc = tmp_path / "crawl"
    warc.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
    assert sniff_file(page) == Detected(Format.HTML, gzipped=True)
    assert sniff_file(warc) == Detected(Format.WARC, gzipped=True)


def test_corrupt_gzip_is_refused(tmp_path):
    broken = tmp_path / "broken.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 60)
    with pytest.raises(BadInput, match="corrupt gzip"):
        sniff_file(broken)
