"""JSON Lines, one article a line -> ``RawDoc(fmt="jsonl")``, origin ``path:line N``.

Known fields: ``id``, ``url``, ``site``, ``published`` (passed through as given), ``title``,
``text`` and/or ``html`` (one is required), ``authors`` (a string or a list of strings). Every other
field goes into ``RawDoc.extra`` verbatim. A bad line is skipped with its reason; the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from storytrace.ingest.limits import BadInput, ReadLimits, describe_size
from storytrace.ingest.source import InputFile, open_binary
from storytrace.ingest.text import decode_text
from storytrace.model import RawDoc, Skipped

KNOWN_FIELDS = frozenset({"id", "url", "site", "published", "title", "text", "html", "authors"})
SKIP_CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class OverlongLine:
    size: int


def read_jsonl_file(file: InputFile, limits: ReadLimits) -> Iterator[RawDoc | Skipped]:
    line_number = 0
    try:
        with open_binary(file) as stream:
            for line_number, line in enumerate(capped_lines(stream, limits.jsonl_line_bytes), start=1):
                item = parse_line(line, f"{file.origin}:line {line_number}", limits)
                if item is not None:
                    yield item
    except BadInput as error:
        yield Skipped(f"{file.origin}:line {line_number + 1}", str(error))


def capped_lines(stream: BinaryIO, cap: int) -> Iterator[bytes | OverlongLine]:
    """Lines of at most ``cap`` bytes; a longer line is read past (never held) and reported."""
    while line := stream.readline(cap + 1):
        if len(line) <= cap or line.endswith(b"\n"):
            yield line
        else:
            yield OverlongLine(len(line) + skip_rest_of_line(stream))


def skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while chunk := stream.readline(SKIP_CHUNK_BYTES):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def parse_line(line: bytes | OverlongLine, origin: str, limits: ReadLimits) -> RawDoc | Skipped | None:
    """The line's RawDoc, a Skipped saying what is wrong with it, or None for a blank line."""
    if isinstance(line, OverlongLine):
        cap = describe_size(limits.jsonl_line_bytes)
        return Skipped(origin, f"line too long: {describe_size(line.size)}, over the {cap} cap")
    if not line.strip():
        return None
    try:
        return doc_from_record(load_object(line), origin)
    except BadInput as error:
        return Skipped(origin, str(error))


def load_object(line: bytes) -> dict[str, Any]:
    try:
        record = json.loads(decode_text(line).rstrip("\r\n"))
    except json.JSONDecodeError as error:
        raise BadInput(f"invalid JSON: {error.msg} at column {error.colno}") from error
    except RecursionError as error:
        raise BadInput("JSON nested too deeply to read") from error
    if not isinstance(record, dict):
        raise BadInput(f"the line holds {json_type(record)}, not a JSON object")
    return record


def doc_from_record(record: dict[str, Any], origin: str) -> RawDoc:
    text = non_blank(optional_string(record, "text"))
    html = non_blank(optional_string(record, "html"))
    if text is None and html is None:
        raise BadInput("neither `text` nor `html` holds any content")
    return RawDoc(
        origin=origin,
        fmt="jsonl",
        text=text,
        html=html,
        id=optional_id(record),
        url=optional_string(record, "url"),
        site=optional_string(record, "site"),
        title=optional_string(record, "title"),
        published=optional_string(record, "published"),
        authors=author_list(record.get("authors")),
        extra={name: value for name, value in record.items() if name not in KNOWN_FIELDS},
    )


def optional_string(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise BadInput(f"field `{name}` should be a string, not {json_type(value)}")


def optional_id(record: dict[str, Any]) -> str | None:
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return optional_string(record, "id")


def author_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise BadInput(f"field `authors` should be a string or a list of strings, not {json_type(value)}")
    for author in value:
        if not isinstance(author, str):
            raise BadInput(f"field `authors` should list strings, but holds {json_type(author)}")
    return [author for author in value if author.strip()]


def non_blank(value: str | None) -> str | None:
    return value if value and value.strip() else None


def json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
