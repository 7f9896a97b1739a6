"""A streaming gunzip that notes truncation and corruption instead of raising.

fastwarc's own gzip reader can end quietly on a truncated file (a small truncated ``.warc.gz`` yields
no records and no error), so WARC reading decompresses through this stream and asks it afterwards
whether the compressed data ended cleanly. Multi-member files (one gzip member per WARC record, as
crawlers write them) are read member after member.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

READ_BYTES = 64 * 1024
MAX_PIECE_BYTES = 1024 * 1024  # bounds memory when a small input inflates hugely
GZIP_WINDOW = 16 + zlib.MAX_WBITS


class GunzipStream:
    """A read-only file-like view of the decompressed bytes of ``raw``."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.decompressor = zlib.decompressobj(wbits=GZIP_WINDOW)
        self.pending = b""  # compressed bytes not yet given to the decompressor
        self.ready = bytearray()  # decompressed bytes not yet handed out
        self.inside_member = False
        self.position = 0
        self.damage: str | None = None  # what broke, once the compressed data turned out bad

    def read(self, size: int = -1) -> bytes:
        """At most ``size`` bytes (fastwarc panics if given more than it asked for)."""
        wanted = size if size > 0 else READ_BYTES
        while len(self.ready) < wanted and (piece := self.next_piece()) is not None:
            self.ready += piece
        data = bytes(self.ready[:wanted])
        del self.ready[:wanted]
        self.position += len(data)
        return data

    def next_piece(self) -> bytes | None:
        """More decompressed bytes (possibly empty), or None at the end or at damage."""
        if self.damage is not None:
            return None
        if self.decompressor.eof:
            self.start_next_member()
        if not self.pending:
            self.pending = self.raw.read(READ_BYTES)
            if not self.pending:
                return self.end_of_input()
        return self.inflate()

    def start_next_member(self) -> None:
        self.pending = self.decompressor.unused_data + self.pending
        self.decompressor = zlib.decompressobj(wbits=GZIP_WINDOW)
        self.inside_member = False

    def inflate(self) -> bytes | None:
        try:
            piece = self.decompressor.decompress(self.pending, MAX_PIECE_BYTES)
        except zlib.error as error:
            self.damage = f"corrupt gzip data: {error}"
            return None
        self.pending = self.decompressor.unconsumed_tail
        self.inside_member = not self.decompressor.eof
        return piece

    def end_of_input(self) -> None:
        if self.inside_member:
            self.damage = "gzip data truncated (the file ends in the middle of the compressed stream)"
        return None

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("a gzip stream cannot seek")

    def close(self) -> None:
        self.raw.close()
