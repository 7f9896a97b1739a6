"""Plain-text files (title on the first line, then the body) -> ``RawDoc(fmt="text")``.

The text is kept exactly as written (line endings included): every later offset indexes it. Only a
byte-order mark is dropped, as it is encoding rather than text. Text must be UTF-8 (or carry a
UTF-16/32 byte-order mark); anything else is refused rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterator

from storytrace.ingest.detect import BOMS
from storytrace.ingest.limits import BadInput, ReadLimits
from storytrace.ingest.source import InputFile, read_capped
from storytrace.model import RawDoc, Skipped


def read_text_file(file: InputFile, limits: ReadLimits) -> Iterator[RawDoc | Skipped]:
    try:
        text = decode_text(read_capped(file, limits.text_bytes, "text file"))
    except BadInput as error:
        yield Skipped(file.origin, str(error))
        return
    if not text.strip():
        yield Skipped(file.origin, "empty file (only blank space)")
        return
    yield RawDoc(origin=file.origin, fmt="text", text=text)


def decode_text(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data:
        raise BadInput("binary file: contains NUL bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_byte = data[error.start]
        raise BadInput(f"not valid UTF-8: byte 0x{bad_byte:02x} at offset {error.start}") from error
