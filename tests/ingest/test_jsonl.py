import gzip
import json

from storytrace.ingest import ReadLimits, read_paths
from storytrace.model import RawDoc, Skipped


def write_lines(path, lines: list[str | dict]) -> str:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_known_fields_map_to_the_rawdoc_and_the_rest_is_kept_verbatim(tmp_path):
    record = {"id": "ecb-1", "url": "https://example.com/a", "site": "example.com",
              "published": "2022-01-07T10:00:00+09:00", "title": "Quake hits coast",
              "text": "Quake hits coast\nA strong earthquake struck.", "authors": ["Jane Roe", "  "],
              "topic": 7, "event": {"id": "e7", "tags": ["quake", None]}, "split": "dev"}
    path = write_lines(tmp_path / "a.jsonl", [record])
    [doc] = read_paths([path])
    assert doc == RawDoc(
        origin=f"{path}:line 1", fmt="jsonl", text="Quake hits coast\nA strong earthquake struck.", html=None,
        id="ecb-1", url="https://example.com/a", site="example.com", published="2022-01-07T10:00:00+09:00",
        title="Quake hits coast", authors=["Jane Roe"],
        extra={"topic": 7, "event": {"id": "e7", "tags": ["quake", None]}, "split": "dev"},
    )


def test_html_records_a_single_author_string_and_a_numeric_id(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [{"id": 42, "html": "<p>Body</p>", "authors": "Jane Roe"}])
    [doc] = read_paths([path])
    assert (doc.id, doc.html, doc.text, doc.authors) == ("42", "<p>Body</p>", None, ["Jane Roe"])


def test_bad_lines_are_skipped_with_line_and_reason_and_the_rest_go_on(tmp_path):
    lines = [
        {"id": "good-1", "text": "First"},
        '{"id": "broken", "text": ',
        {"id": "empty", "text": "  ", "html": ""},
        {"id": "typed", "text": "x", "title": 5},
        {"id": "authors", "text": "x", "authors": [{"name": "A"}]},
        "",
        '["a", "list"]',
        {"id": "good-2", "html": "<p>Second</p>"},
    ]
    path = write_lines(tmp_path / "mixed.jsonl", lines)
    items = list(read_paths([path]))
    assert [(item.origin, item.id) for item in items if isinstance(item, RawDoc)] == [
        (f"{path}:line 1", "good-1"), (f"{path}:line 8", "good-2")]
    assert [(item.origin, item.reason) for item in items if isinstance(item, Skipped)] == [
        (f"{path}:line 2", "invalid JSON: Expecting value at column 26"),
        (f"{path}:line 3", "neither `text` nor `html` holds any content"),
        (f"{path}:line 4", "field `title` should be a string, not a number"),
        (f"{path}:line 5", "field `authors` should list strings, but holds an object"),
        (f"{path}:line 7", "the line holds a list, not a JSON object"),
    ]


def test_a_line_that_is_not_utf8_is_skipped(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "fine"}\n')
    items = list(read_paths([path]))
    assert items[0] == Skipped(f"{path}:line 1", "not valid UTF-8: byte 0xe9 at offset 13")
    assert items[1].text == "fine"


def test_an_overlong_line_is_skipped_without_losing_the_next(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [{"text": "y" * 5000}, {"text": "short"}])
    items = list(read_paths([path], ReadLimits(jsonl_line_bytes=1000)))
    assert items[0] == Skipped(f"{path}:line 1", "line too long: 5,013 bytes, over the 1,000 bytes cap")
    assert (items[1].origin, items[1].text) == (f"{path}:line 2", "short")


def test_truncated_gzip_jsonl_gives_the_lines_before_the_damage(tmp_path):
    lines = [json.dumps({"id": str(number), "text": f"article {number} " + "z" * number}) for number in range(200)]
    data = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_paths([path]))
    *read, damage = items
    assert read and all(isinstance(item, RawDoc) for item in read)
    assert [item.id for item in read] == [str(number) for number in range(len(read))]
    assert damage.origin == f"{path}:line {len(read) + 1}"
    assert damage.reason.startswith("gzip data truncated")


def test_a_deeply_nested_line_is_skipped_not_fatal(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "first"}\n{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    items = list(read_paths([path]))
    assert items[1] == Skipped(f"{path}:line 2", "JSON nested too deeply to read")
