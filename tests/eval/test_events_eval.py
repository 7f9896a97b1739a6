"""The PLOVER record scorer: label mapping, country and sector accuracy over a tiny file."""

import json

from storytrace.eval.events import evaluate_events, read_records
from storytrace.model import Actor, Event, Span

RECORDS = [
    {"id": "doc", "event": "DOCUMENT"},
    {"text": "Iran threatened Iraq.", "event": "THREATEN",
     "source": [{"actorText": "Iran", "code": "IRN", "sector": ""}], "target": [{"actorText": "Iraq", "code": "IRQ"}]},
    {"text": "Tokyo demanded talks.", "event": "DEMAND",
     "source": [{"actorText": "Tokyo", "code": "JAP", "sector": "GOVxyz"}], "target": ""},
]


def _file(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def test_records_map_old_labels_and_codes(tmp_path):
    records = read_records(_file(tmp_path))
    assert [(r.type, r.actor_codes, r.recipient_codes, r.actor_sectors) for r in records] == [
        ("THREATEN", ("IRN",), ("IRQ",), ()), ("REQUEST", ("JPN",), (), ("GOV",))]


def test_scores_count_types_countries_and_sectors(tmp_path):
    coded = {
        "Iran threatened Iraq.": Event("x", "THREATEN", Span(0, 1), actor=Actor("Iran", "IRN"), recipient=Actor("Iraq", "IRN")),
        "Tokyo demanded talks.": Event("x", "ACCUSE", Span(0, 1), actor=Actor("Tokyo", "JPN", "GOV")),
    }
    report = evaluate_events(_file(tmp_path), code=coded.get)
    assert report["event_type_accuracy"] == 0.5
    assert report["actor_country_accuracy"] == 1.0 and report["recipient_country_accuracy"] == 0.0
    assert report["sector_accuracy"] == 1.0
    assert report["event_type_macro_f1"] == 0.5
