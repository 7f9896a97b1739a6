"""``read_paths``: every file behind the given paths, read by the reader its content calls for.

Order: the feeds of the batch first (so that their link-only entries are known before any page is
read), then every other file in walk order, then one ``Skipped`` per link-only entry that matched no
page. Only the link-only entries are held in memory; everything else streams. Nothing raises for a
bad input: each gives a ``Skipped`` naming it, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path

from storytrace.ingest.detect import Format, sniff_file
from storytrace.ingest.feed import LinkOnlyEntry, read_feed_file
from storytrace.ingest.feedlinks import LinkOnlyEntries
from storytrace.ingest.htmlpage import read_html_file
from storytrace.ingest.jsonl import read_jsonl_file
from storytrace.ingest.limits import BadInput, ReadLimits
from storytrace.ingest.source import InputFile
from storytrace.ingest.text import read_text_file
from storytrace.ingest.walk import FoundFile, describe_os_error, iter_files
from storytrace.ingest.warc import read_warc_file
from storytrace.model import RawDoc, Skipped

ReadItem = RawDoc | Skipped | LinkOnlyEntry
Reader = Callable[[InputFile, ReadLimits], Iterator[ReadItem]]
READERS: dict[Format, Reader] = {
    Format.TEXT: read_text_file,
    Format.HTML: read_html_file,
    Format.JSONL: read_jsonl_file,
    Format.WARC: read_warc_file,
    Format.FEED: read_feed_file,
}


def read_paths(paths: Iterable[str | Path] | str | Path,
               limits: ReadLimits | None = None) -> Iterator[RawDoc | Skipped]:
    """RawDocs (and Skipped inputs) from files and directories, formats detected from content."""
    given = [str(paths)] if isinstance(paths, (str, Path)) else [str(path) for path in paths]
    limits = limits or ReadLimits()
    link_only = LinkOnlyEntries()
    feed_origins = yield from read_feeds(given, limits, link_only)
    for item in read_files(given, limits, skip=feed_origins):
        if isinstance(item, LinkOnlyEntry):
            link_only.add(item)
            continue
        if isinstance(item, RawDoc):
            link_only.enrich(item)
        yield item
    yield from link_only.unmatched()


def read_feeds(given: list[str], limits: ReadLimits,
               link_only: LinkOnlyEntries) -> Generator[RawDoc | Skipped, None, set[str]]:
    """First pass: the feeds only. Problems with other files are left for the second pass to report."""
    feed_origins: set[str] = set()
    for found in iter_files(given):
        file = quiet_input_file(found)
        if file is None or file.format != Format.FEED:
            continue
        feed_origins.add(file.origin)
        for item in guarded_read(file, limits):
            if isinstance(item, LinkOnlyEntry):
                link_only.add(item)
            else:
                yield item
    return feed_origins


def read_files(given: list[str], limits: ReadLimits, skip: set[str]) -> Iterator[ReadItem]:
    for found in iter_files(given):
        if isinstance(found, Skipped):
            yield found
        elif found.origin not in skip:
            yield from read_found_file(found, limits)


def read_found_file(found: FoundFile, limits: ReadLimits) -> Iterator[ReadItem]:
    try:
        file = input_file(found)
    except Exception as error:
        yield skipped_for(found.origin, error)
        return
    yield from guarded_read(file, limits)


def quiet_input_file(found: FoundFile | Skipped) -> InputFile | None:
    if isinstance(found, Skipped):
        return None
    try:
        return input_file(found)
    except Exception:  # reported by the second pass
        return None


def input_file(found: FoundFile) -> InputFile:
    detected = sniff_file(found.path)
    return InputFile(found.path, found.origin, detected.format, detected.gzipped)


def guarded_read(file: InputFile, limits: ReadLimits) -> Iterator[ReadItem]:
    """The reader's output; whatever it raises becomes one Skipped naming the file."""
    try:
        yield from READERS[file.format](file, limits)
    except Exception as error:
        yield skipped_for(file.origin, error)


def skipped_for(origin: str, error: Exception) -> Skipped:
    if isinstance(error, BadInput):
        return Skipped(origin, str(error))
    if isinstance(error, OSError):
        return Skipped(origin, f"cannot read: {describe_os_error(error)}")
    # a reader bug or a library failure must not end the batch
    return Skipped(origin, f"unexpected error: {type(error).__name__}: {error}")
