"""Writers for exported records: JSON Lines, CSV and Parquet.

Rows are plain dicts as the store yields them. JSON Lines keeps nested values as they are; CSV holds
nested values (lists, dicts) as JSON text in their cell; Parquet keeps lists of records as nested
columns, and free-form mappings (`extra`, `dateline`) as JSON text, since their keys vary per row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

Rows = Callable[[], Iterable[dict[str, Any]]]  # a fresh iterator of rows at each call

FORMATS = ("jsonl", "csv", "parquet")
FREE_FORM_FIELDS = frozenset({"extra", "dateline", "variants"})


def write_rows(rows: Rows, fmt: str, out: IO[bytes]) -> int:
    """Writes rows to a binary stream in the given format; returns how many were written.

    Parquet reads the rows twice: once to settle one schema for the whole file (a column that is
    empty in the first rows gets its type from later ones), once to write.
    """
    if fmt == "jsonl":
        return _write_jsonl(rows(), out)
    if fmt == "csv":
        return _write_csv(rows(), out)
    if fmt == "parquet":
        return _write_parquet(rows, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _write_jsonl(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8"))
        out.write(b"\n")
        count += 1
    return count


def _write_csv(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer: csv.DictWriter | None = None
    count = 0
    for row in rows:
        flat = {key: _cell(value) for key, value in row.items()}
        if writer is None:
            writer = csv.DictWriter(text, fieldnames=list(flat), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)
        count += 1
    text.detach()
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


def _write_parquet(rows: Rows, out: IO[bytes]) -> int:
    import pyarrow.parquet as pq

    schema = _parquet_schema(rows)
    if schema is None:
        return 0
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for table in _parquet_tables(rows):
            writer.write_table(table.cast(schema))
            count += table.num_rows
    return count


def _parquet_schema(rows: Rows):
    import pyarrow as pa

    schemas = [table.schema for table in _parquet_tables(rows)]
    if not schemas:
        return None
    return pa.unify_schemas(schemas, promote_options="permissive")


def _parquet_tables(rows: Rows):
    import pyarrow as pa

    for chunk in _chunks(rows(), 2000):
        yield pa.Table.from_pylist([_parquet_row(row) for row in chunk])


def _parquet_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: json.dumps(value, ensure_ascii=False, default=str) if key in FREE_FORM_FIELDS else value
        for key, value in row.items()
    }


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
