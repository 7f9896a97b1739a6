"""One input file as the readers see it, and the helpers that read its bytes safely."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storytrace.ingest.detect import Format
from storytrace.ingest.limits import BadInput, describe_size


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    origin: str  # the path as the user gave it (or as found under a directory they gave)
    format: Format
    gzipped: bool = False


GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


@contextmanager
def open_binary(file: InputFile) -> Iterator[BinaryIO]:
    """The file's (decompressed) bytes; gzip damage surfaces as ``BadInput``."""
    with open(file.path, "rb") as raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if file.gzipped else raw
        try:
            yield stream
        except GZIP_ERRORS as error:
            raise BadInput(describe_gzip_error(error)) from error


def read_capped(file: InputFile, cap: int, what: str) -> bytes:
    """The whole content, refusing anything over ``cap`` bytes (decompressed size for gzip)."""
    if not file.gzipped and (size := file.path.stat().st_size) > cap:
        raise BadInput(f"{what} too large: {describe_size(size)}, over the {describe_size(cap)} cap")
    with open_binary(file) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise BadInput(f"{what} too large: over the {describe_size(cap)} cap once decompressed")
    return data


def describe_gzip_error(error: BaseException) -> str:
    if isinstance(error, EOFError):
        return "gzip data truncated (the file ends in the middle of the compressed stream)"
    return f"corrupt gzip data: {error}"
