"""WARC and WARC.gz files -> one ``RawDoc(fmt="warc")`` per HTML page, origin ``path#record N``.

Records are numbered from 1 in file order, counting every record (warcinfo and requests too), so a
number points at the place in the file. HTML comes from ``response`` records with a 2xx HTML
payload (and ``resource`` records holding HTML); other records are passed over quietly. The URL is
the WARC-Target-URI; the date is left unknown (the crawl date is kept in ``extra["warc_date"]``).

A truncated or corrupt file gives its records up to the damage, then one ``Skipped`` naming the
record where reading broke and why.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from storytrace.ingest.charset import decode_html
from storytrace.ingest.gunzip import GunzipStream
from storytrace.ingest.htmlpage import html_doc
from storytrace.ingest.limits import BadInput, ReadLimits, describe_size
from storytrace.ingest.source import InputFile
from storytrace.model import RawDoc, Skipped

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REQUIRED_HEADERS = ("WARC-Type", "Content-Length")


@dataclass(frozen=True, slots=True)
class HtmlPayload:
    charset: str | None  # as declared by HTTP (or the resource record's Content-Type)


@dataclass(slots=True)
class WarcProgress:
    records: int = 0  # records met so far, of every type
    results: int = 0  # RawDocs and per-record Skipped yielded
    damage: str | None = None
    damaged_record: int = 0


def read_warc_file(file: InputFile, limits: ReadLimits) -> Iterator[RawDoc | Skipped]:
    progress = WarcProgress()
    with open(file.path, "rb") as raw:
        stream = GunzipStream(raw) if file.gzipped else raw
        yield from read_records(stream, file.origin, limits, progress)
        gzip_damage = stream.damage if isinstance(stream, GunzipStream) else None
    if gzip_damage or progress.damage:
        record = progress.damaged_record or progress.records + 1
        yield Skipped(f"{file.origin}#record {record}", f"WARC reading stopped: {gzip_damage or progress.damage}")
    elif progress.results == 0:
        yield Skipped(file.origin, f"no HTML pages among its {progress.records} WARC records")


def read_records(stream: BinaryIO | GunzipStream, origin: str, limits: ReadLimits,
                 progress: WarcProgress) -> Iterator[RawDoc | Skipped]:
    records = ArchiveIterator(stream, parse_http=True, auto_decode="none", stream_detect=False)
    try:
        for record in records:
            progress.records += 1
            item = read_record(record, f"{origin}#record {progress.records}", limits)
            if item is not None:
                progress.results += 1
                yield item
    except BadInput as error:
        progress.damage, progress.damaged_record = str(error), progress.records
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as error:  # fastwarc's complaints; its Rust panics arrive as a BaseException
        progress.damage, progress.damaged_record = f"unreadable WARC record: {error}", progress.records + 1


def read_record(record: WarcRecord, origin: str, limits: ReadLimits) -> RawDoc | Skipped | None:
    """A page, a Skipped for an unusable page, None for records that hold no page; BadInput if damaged."""
    if not all(record.headers.get(name) for name in REQUIRED_HEADERS):
        raise BadInput("incomplete WARC record header")
    payload = html_payload(record)
    if payload is None:
        skip_payload(record)
        return None
    if record.content_length > limits.html_bytes:
        skip_payload(record)
        return Skipped(origin, f"HTML too large: {describe_size(record.content_length)}, "
                               f"over the {describe_size(limits.html_bytes)} cap")
    return page_from_record(record, origin, payload)


def html_payload(record: WarcRecord) -> HtmlPayload | None:
    """What is known of the record's HTML page; None when the record holds no page."""
    if record.record_type == WarcRecordType.response and record.is_http:
        status = record.http_headers.status_code or 0
        content_type = record.http_content_type or ""
        charset = record.http_charset
    elif record.record_type == WarcRecordType.resource:
        status = 200
        content_type, _, parameters = (record.headers.get("Content-Type") or "").partition(";")
        charset = parameters.partition("charset=")[2].strip(" \"'") or None
    else:
        return None
    is_page = 200 <= status < 300 and content_type.strip().lower() in HTML_TYPES
    return HtmlPayload(charset) if is_page else None


def skip_payload(record: WarcRecord) -> None:
    consumed = record.reader.consume()
    if consumed < record.content_length:
        raise BadInput(f"record truncated: {consumed:,} of {record.content_length:,} bytes present")


def page_from_record(record: WarcRecord, origin: str, payload: HtmlPayload) -> RawDoc | Skipped:
    body = record.reader.read()
    if len(body) < record.content_length:
        raise BadInput(f"record truncated: {len(body):,} of {record.content_length:,} bytes present")
    try:
        body = http_decoded(record, body)
    except OSError as error:
        return Skipped(origin, f"cannot decode the HTTP body: {error}")
    html = decode_html(body, payload.charset)
    item = html_doc(origin, html, fmt="warc", url=record.headers.get("WARC-Target-URI"))
    if isinstance(item, RawDoc):
        item.extra.update(warc_extra(record))
    return item


def http_decoded(record: WarcRecord, body: bytes) -> bytes:
    """The body with HTTP transfer and content encodings undone (crawlers often store them raw)."""
    if not record.is_http:
        return body
    headers = record.http_headers
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        body = ChunkedReader(io.BytesIO(body)).read()
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return GzipReader(io.BytesIO(body)).read()
    if encoding == "deflate":
        return GzipReader(io.BytesIO(body), zlib=True).read()
    if encoding == "br":
        return BrotliReader(io.BytesIO(body)).read()
    return body


def warc_extra(record: WarcRecord) -> dict[str, str]:
    wanted = {"warc_date": "WARC-Date", "warc_record_id": "WARC-Record-ID", "warc_truncated": "WARC-Truncated"}
    found = {key: record.headers.get(header) for key, header in wanted.items()}
    return {key: value for key, value in found.items() if value}
