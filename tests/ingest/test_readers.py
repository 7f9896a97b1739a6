import gzip
import os
from pathlib import Path

import pytest

from storytrace.ingest import ReadLimits, read_paths
from storytrace.model import RawDoc, Skipped
from tests.paths import SEED_000, SEED_003

ARTICLE_BODY = "<p>A strong earthquake struck the northern coast on Friday, officials said.</p>"


def read_all(*paths, limits=None) -> list[RawDoc | Skipped]:
    return list(read_paths([str(path) for path in paths], limits))


def docs(items) -> list[RawDoc]:
    return [item for item in items if isinstance(item, RawDoc)]


def skips(items) -> list[Skipped]:
    return [item for item in items if isinstance(item, Skipped)]


def page(body: str = ARTICLE_BODY, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_the_seeds_read_as_text_docs_exactly_as_written():
    items = read_all(SEED_000, SEED_003)
    assert [item.fmt for item in items] == ["text", "text"]
    assert [item.origin for item in items] == [str(SEED_000), str(SEED_003)]
    assert items[0].text == SEED_000.read_text(encoding="utf-8")
    assert items[1].text.startswith("Digital Agency\n")
    assert items[1].title is None  # the title line is interpreted later, not by the reader


def test_text_keeps_line_endings_and_drops_only_the_byte_order_mark(tmp_path):
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfTitle\r\n\r\nBody line.\r\n")
    [doc] = read_all(path)
    assert doc.text == "Title\r\n\r\nBody line.\r\n"


def test_html_gives_its_canonical_url(tmp_path):
    canonical = write(tmp_path / "a.html", page(head='<link rel="canonical" href="https://example.com/quake">'
                                                     '<meta property="og:url" content="https://example.com/og">'))
    og_only = write(tmp_path / "b.html", page(head='<meta property="og:url" content="https://example.com/og">'))
    relative = write(tmp_path / "c.html",
                     page(head='<base href="https://example.com/news/"><link rel="Canonical" href="quake">'))
    bare = write(tmp_path / "d.html", page())
    items = read_all(canonical, og_only, relative, bare)
    assert [item.url for item in items] == ["https://example.com/quake", "https://example.com/og",
                                             "https://example.com/news/quake", None]
    assert all(item.fmt == "html" and "strong earthquake" in item.html for item in items)


def test_a_canonical_link_is_found_where_a_sloppy_page_puts_it(tmp_path):
    script = '<script>document.write(\'<body onload="x()">\');</script>'
    after_head = write(tmp_path / "a.html", f"<html><head>{script}</head>"
                                            '<link rel="canonical" href="https://example.com/late">'
                                            f"<body>{ARTICLE_BODY}</body></html>")
    [doc] = read_all(after_head)
    assert doc.url == "https://example.com/late"


def test_html_honours_the_declared_charset(tmp_path):
    latin = write(tmp_path / "latin.html",
                  page("<p>Café naïve déjà vu</p>", head='<meta charset="windows-1252">').encode("cp1252"))
    http_equiv = write(tmp_path / "equiv.html", page(
        "<p>Zürich</p>", head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode("latin-1"))
    utf16 = write(tmp_path / "utf16.html", page("<p>Grüße aus Köln</p>").encode("utf-16"))
    items = read_all(latin, http_equiv, utf16)
    assert "Café naïve déjà vu" in items[0].html
    assert "Zürich" in items[1].html
    assert "Grüße aus Köln" in items[2].html


def test_undeclared_non_utf8_html_is_decoded_by_detection(tmp_path):
    french = "<p>Les élèves ont préparé une fête très réussie à l'école, et les parents étaient ravis.</p>" * 3
    english = "<p>The café’s “special” offer – €5 – was popular.</p>"
    russian = "<p>Президент России заявил журналистам, что переговоры продолжатся на следующей неделе.</p>" * 3
    head = '<link rel="stylesheet" href="/static/main.css"><script>var config = {analytics: true};</script>'
    write(tmp_path / "fr.html", page(french, head).encode("cp1252"))
    write(tmp_path / "en.html", page(english, head).encode("cp1252"))
    write(tmp_path / "ru.html", page(russian, head).encode("cp1251"))
    fr, en, ru = read_all(tmp_path / "fr.html", tmp_path / "en.html", tmp_path / "ru.html")
    assert "élèves ont préparé une fête très réussie" in fr.html
    assert "The café’s “special” offer – €5 – was popular." in en.html
    assert "Президент России заявил журналистам" in ru.html


def test_format_is_detected_from_content_not_the_name(tmp_path):
    jsonl = write(tmp_path / "articles.txt", '{"id": "1", "text": "Title\\nBody."}\n')
    html = write(tmp_path / "page", page())
    text = write(tmp_path / "story.html", "Just a plain story\n\nWith no markup at all.\n")
    compressed = write(tmp_path / "page.html.gz", gzip.compress(page().encode()))
    items = read_all(jsonl, html, text, compressed)
    assert [item.fmt for item in items] == ["jsonl", "html", "text", "html"]
    assert items[0].origin == f"{jsonl}:line 1"
    assert "strong earthquake" in items[3].html


def test_directories_are_walked_recursively_in_name_order_skipping_hidden_names(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", "B\nbody")
    write(root / "a" / "z.txt", "Z\nbody")
    write(root / "a" / "c.txt", "C\nbody")
    write(root / ".hidden.txt", "hidden\nbody")
    write(root / ".git" / "x.txt", "hidden dir\nbody")
    write(root / "c.txt", "C2\nbody")
    items = read_all(root)
    assert [item.origin for item in items] == [os.path.join(str(root), *parts) for parts in
                                               [("a", "c.txt"), ("a", "z.txt"), ("b.txt",), ("c.txt",)]]
    assert all(isinstance(item, RawDoc) for item in items)


def test_a_walk_skips_the_folder_s_documentation_files_but_reads_them_when_named(tmp_path):
    root = tmp_path / "in"
    write(root / "README.md", "# Bundled examples\nWhat these files are.")
    write(root / "corpus" / "ATTRIBUTION.md", "# Sample\nLicensed CC BY.")
    write(root / "corpus" / "LICENSE", "Terms\nbody")
    write(root / "readme_of_the_week.txt", "Readme of the week\nAn article whose name only starts like one.")
    items = read_all(root)
    assert [type(item) for item in items] == [Skipped, Skipped, Skipped, RawDoc]
    assert [os.path.basename(item.origin) for item in items[:3]] == ["README.md", "ATTRIBUTION.md", "LICENSE"]
    assert all("documentation file" in item.reason for item in items[:3])
    assert [item.text for item in read_all(root / "README.md")] == ["# Bundled examples\nWhat these files are."]


def test_a_single_path_may_be_given_without_a_list(tmp_path):
    path = write(tmp_path / "a.txt", "A\nbody")
    assert [item.origin for item in read_paths(str(path))] == [str(path)]
    assert [item.origin for item in read_paths(path)] == [str(path)]


def test_a_hidden_file_named_directly_is_read(tmp_path):
    hidden = write(tmp_path / ".notes.txt", "Notes\nbody")
    assert [item.text for item in read_all(hidden)] == ["Notes\nbody"]


def test_origins_keep_the_path_as_given(tmp_path, monkeypatch):
    write(tmp_path / "in" / "a.txt", "A\nbody")
    monkeypatch.chdir(tmp_path)
    assert [item.origin for item in read_all("./in/a.txt", "in")] == ["./in/a.txt", os.path.join("in", "a.txt")]


BAD_INPUTS = {
    "binary.txt": (b"some\x00binary\x00data", "NUL bytes"),
    "paper.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    "latin1.txt": ("Café au lait\nbody".encode("latin-1"), "not valid UTF-8: byte 0xe9 at offset 3"),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"\n \n", "empty file"),
    "nobody.html": (b"<html><head><title>Only a head</title></head></html>", "no body text"),
    "scripts.html": (b"<html><body><script>render()</script></body></html>", "no body text"),
    "big.txt": (b"Title\n" + b"word " * 300, "text file too large: 1,506 bytes, over the 1,000 bytes cap"),
    "big.html": (page("<p>" + "word " * 600 + "</p>").encode(), "HTML file too large"),
    "truncated.txt.gz": (gzip.compress(b"Title\n" + os.urandom(300).hex().encode())[:-200], "gzip data truncated"),
    "sitemap.xml": (b'<?xml version="1.0"?><urlset><url><loc>https://a.b/</loc></url></urlset>',
                    "neither a feed nor HTML"),
    "pretty.json": (b'{\n  "title": "x"\n}\n', "not JSON Lines"),
    "big.xml": (b'<?xml version="1.0"?><rss><channel>' + b"<item><title>t</title></item>" * 200 + b"</channel></rss>",
                "feed too large"),
    "notxml.rss": (b"<rss version='2.0'><channel><<<>>> &&& not xml", "not a readable feed"),
}


def test_each_bad_input_gives_one_skipped_and_the_batch_goes_on(tmp_path):
    for name, (content, _) in BAD_INPUTS.items():
        write(tmp_path / "bad" / name, content)
    good = write(tmp_path / "good.txt", "Good title\nGood body.")
    limits = ReadLimits(text_bytes=1000, html_bytes=2000, feed_bytes=3000)
    items = read_all(tmp_path / "bad", tmp_path / "missing.txt", good, limits=limits)
    reasons = {Path(item.origin).name: item.reason for item in skips(items)}
    assert len(skips(items)) == len(BAD_INPUTS) + 1
    for name, (_, reason_part) in BAD_INPUTS.items():
        assert reason_part in reasons[name], name
    assert reasons["missing.txt"] == "no such file or directory"
    assert [doc.origin for doc in docs(items)] == [str(good)]


def test_special_and_broken_paths_are_skipped(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    good = write(tmp_path / "good.txt", "Good\nbody")
    items = read_all(fifo, tmp_path / "dangling", tmp_path)
    reasons = [(Path(item.origin).name, item.reason) for item in skips(items)]
    assert ("pipe", "not a regular file or directory (a device, socket or pipe)") in reasons
    assert ("dangling", "broken symbolic link (its target does not exist)") in reasons
    assert len(reasons) == 4  # each named directly and found again in the directory walk
    assert [doc.origin for doc in docs(items)] == [str(good)]


def permissions_are_enforced(tmp_path: Path) -> bool:
    probe = write(tmp_path / "probe", "x")
    probe.chmod(0)
    try:
        probe.read_bytes()
    except PermissionError:
        return True
    finally:
        probe.unlink()
    return False


def test_unreadable_files_and_directories_are_skipped(tmp_path):
    if not permissions_are_enforced(tmp_path):
        pytest.skip("this user reads files whatever their permissions (root)")
    secret = write(tmp_path / "secret.txt", "Secret\nbody")
    locked = tmp_path / "locked"
    locked.mkdir()
    secret.chmod(0)
    locked.chmod(0)
    try:
        items = read_all(secret, locked)
    finally:
        secret.chmod(0o600)
        locked.chmod(0o700)
    assert [(item.origin, item.reason) for item in items] == [
        (str(secret), "cannot read: permission denied"),
        (str(locked), "cannot list directory: permission denied"),
    ]
