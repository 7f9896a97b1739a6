import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from storytrace.export import write_rows

ROWS = [
    {"id": "a", "published": None, "removals": [], "extra": {"topic": "1"}},
    {"id": "b", "published": "2022-01-07", "removals": [{"start": 0, "end": 4, "reason": "x"}], "extra": {}},
]


def _export(fmt: str, rows=ROWS) -> bytes:
    out = io.BytesIO()
    assert write_rows(lambda: iter(rows), fmt, out) == len(rows)
    return out.getvalue()


def test_jsonl_keeps_nested_values():
    lines = _export("jsonl").decode().splitlines()
    assert [json.loads(line) for line in lines] == ROWS


def test_csv_holds_nested_values_as_json_text():
    reader = csv.DictReader(io.StringIO(_export("csv").decode()))
    rows = list(reader)
    assert [row["id"] for row in rows] == ["a", "b"]
    assert json.loads(rows[1]["removals"]) == ROWS[1]["removals"]
    assert rows[0]["published"] == ""


def test_parquet_settles_types_from_later_rows():
    many = [dict(ROWS[0], id=str(i)) for i in range(2500)] + [ROWS[1]]
    table = pq.read_table(io.BytesIO(_export("parquet", many)))
    assert table.num_rows == 2501
    last = table.to_pylist()[-1]
    assert last["removals"] == ROWS[1]["removals"]
    assert json.loads(last["extra"]) == {}


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown export format"):
        write_rows(lambda: iter(ROWS), "xml", io.BytesIO())
