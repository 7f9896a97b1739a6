"""The files behind the paths a user gives: files as they are, directories walked recursively.

The walk is sorted by name at every level, so the same tree always reads in the same order. Hidden
files and directories (names starting with ".") are left out of walks, but read when named directly.
So are a folder's own documentation files (README, LICENSE, ATTRIBUTION ...): a walk reports them as
skipped, since read as plain text they would become articles and join stories.
Paths that do not exist, cannot be listed or are not regular files come back as ``Skipped``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storytrace.model import Skipped

DOCUMENTATION_NAMES = frozenset({"readme", "license", "licence", "copying", "attribution", "notice", "authors",
                                 "changelog", "contributing"})


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path
    origin: str  # the path as given, or the given directory joined with the path found under it


def iter_files(paths: Iterable[str | Path]) -> Iterator[FoundFile | Skipped]:
    for given in paths:
        yield from walk_path(str(given))


def walk_path(origin: str) -> Iterator[FoundFile | Skipped]:
    path = Path(origin)
    try:
        mode = path.stat().st_mode
    except OSError as error:
        yield Skipped(origin, describe_missing(path, error))
        return
    if stat.S_ISDIR(mode):
        yield from walk_directory(path, origin, visited=set())
    elif stat.S_ISREG(mode):
        yield FoundFile(path, origin)
    else:
        yield Skipped(origin, "not a regular file or directory (a device, socket or pipe)")


def walk_directory(directory: Path, origin: str, visited: set[tuple[int, int]]) -> Iterator[FoundFile | Skipped]:
    try:
        identity = directory.stat()
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(origin, f"cannot list directory: {describe_os_error(error)}")
        return
    if (identity.st_dev, identity.st_ino) in visited:
        return  # a symbolic link back up the tree: already walked
    visited.add((identity.st_dev, identity.st_ino))
    for entry in entries:
        if not entry.name.startswith("."):
            yield from walk_entry(entry, os.path.join(origin, entry.name), visited)


def walk_entry(entry: os.DirEntry, origin: str, visited: set[tuple[int, int]]) -> Iterator[FoundFile | Skipped]:
    if entry.is_dir():
        yield from walk_directory(Path(entry.path), origin, visited)
    elif entry.is_file() and is_documentation(entry.name):
        yield Skipped(origin, "a folder's documentation file, left out of the walk (name it to read it)")
    elif entry.is_file():
        yield FoundFile(Path(entry.path), origin)
    elif entry.is_symlink():
        yield Skipped(origin, "broken symbolic link (its target does not exist)")
    else:
        yield Skipped(origin, "not a regular file or directory (a device, socket or pipe)")


def is_documentation(name: str) -> bool:
    """"README.md", "LICENSE", "ATTRIBUTION.txt": named for what they are, not for an article."""
    return name.split(".", 1)[0].lower() in DOCUMENTATION_NAMES


def describe_missing(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        return "broken symbolic link (its target does not exist)"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    return f"cannot access: {describe_os_error(error)}"


def describe_os_error(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
