"""Readers, one module per input format, all yielding RawDoc (or Skipped for what cannot be read).

Public entry points:
- ``read_paths(paths, limits=None) -> Iterator[RawDoc | Skipped]``: files and directories (walked
  recursively, sorted, hidden names left out), the format of each file detected from its content:
  plain text, HTML, JSON Lines, WARC (plain or gzip), RSS/Atom feeds, and gzip-compressed versions
  of these. Size caps are in ``ReadLimits`` (defaults: the ``MAX_*`` constants in ``ingest.limits``).
- ``normalise_url(url) -> str``: the key under which two spellings of one URL compare equal.
- ``to_article(raw: RawDoc) -> Article | Skipped`` in ``ingest.extract``: body text and metadata.

Every RawDoc and Skipped names its source in ``origin``: the path as given (or found under a given
directory), plus ``:line N`` for JSONL lines, ``#record N`` for WARC records, ``#entry N`` for feed
entries (all numbered from 1).
"""

from storytrace.ingest.batch import read_paths
from storytrace.ingest.limits import ReadLimits
from storytrace.ingest.urls import normalise_url

__all__ = ["ReadLimits", "normalise_url", "read_paths"]
