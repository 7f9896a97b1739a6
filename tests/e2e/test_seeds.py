"""The foundation's promises on the two seed reports, end to end: read, clean, analyse, store."""


import pytest

from storytrace.engine.local import Pipeline
from storytrace.store.sqlite import Store
from tests.paths import SEED_000, SEED_003, SEEDS

RESIDUE_003 = [
    "Register now to get free unlimited access to",
    "Written by publishing team",
    "Our Standards: Thomson Reuters Trust Principles.",
    "About the author",
    "publishing team",
    "Additional reporting by David Bronstrom",
]
RESIDUE_000 = [
    "The following two tabs change content below.",
    "Laura is a freelance writer out of Maryland",
    "readers deserve the facts free of opinion.",
    "Leave a Reply",
]


def _paragraphs(path, first: str, last: str) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.startswith(last))
    return lines[start : end + 1]


def _body(lines: list[str], residue: list[str]) -> list[str]:
    return [line for line in lines if not any(fragment in line for fragment in residue)]


BODY_003 = _body(_paragraphs(SEED_003, "TOKYO/WASHINGTON (Reuters)", "“China is the challenge"), RESIDUE_003)
BODY_000 = _body(_paragraphs(SEED_000, "United States and Japan agree", "In solidarity, the United States"), RESIDUE_000)


@pytest.fixture(scope="module")
def stored(tmp_path_factory, analyzer):
    db = tmp_path_factory.mktemp("seeds") / "seeds.sqlite"
    with Store(db) as store:
        report = Pipeline(store, analyzer).ingest([SEEDS])
        rows = {row["origin"].rsplit("/", 1)[-1]: row for row in store.iter_articles()}
    assert report.inserted == 2 and not report.skipped
    return rows


def _row(stored, path):
    return stored[path.name]


def _removed_text(row) -> str:
    return "\n".join(removal["text"] for removal in row["removals"])


@pytest.mark.parametrize("path, body", [(SEED_003, BODY_003), (SEED_000, BODY_000)], ids=["003", "000"])
def test_no_body_sentence_is_removed(stored, path, body):
    clean = _row(stored, path)["clean_text"]
    missing = [line for line in body if line not in clean]
    assert not missing


@pytest.mark.parametrize("path, residue", [(SEED_003, RESIDUE_003), (SEED_000, RESIDUE_000)], ids=["003", "000"])
def test_every_residue_line_is_removed_with_a_reason(stored, path, residue):
    row = _row(stored, path)
    for fragment in residue:
        assert fragment not in row["clean_text"], fragment
        assert fragment in _removed_text(row), fragment
    assert all(removal["reason"] for removal in row["removals"])


def test_doubled_headline_and_repeated_wall_are_removed_once_kept_once(stored):
    row = _row(stored, SEED_003)
    headline = "Sounding alarm on China, Japan and U.S. vow to collaborate more on defence"
    assert row["title"] == headline
    assert row["clean_text"].count(headline) <= 1
    walls = [r for r in row["removals"] if r["text"].strip() == "Register now to get free unlimited access to"]
    assert len(walls) == 2


def test_removal_offsets_point_into_the_original_text(stored):
    for row in stored.values():
        for removal in row["removals"]:
            assert row["text"][removal["start"] : removal["end"]] == removal["text"]


def test_dateline_of_003_names_places_and_claimed_wire(stored):
    row = _row(stored, SEED_003)
    assert row["dateline"]["places"] == ["Tokyo", "Washington"]
    assert row["dateline"]["wire"] == "Reuters"
    assert row["byline"] == "Written by publishing team"


def test_no_date_is_invented(stored):
    assert _row(stored, SEED_000)["published"] is None
    assert _row(stored, SEED_003)["published"] is None


def _entities(row, kind):
    return {entity["code"] if kind == "country" else entity["name"]: entity for entity in row["entities"] if entity["kind"] == kind}


def test_countries_normalise_to_iso_codes(stored):
    assert {"USA", "JPN", "CHN", "TWN", "PRK"} <= set(_entities(_row(stored, SEED_003), "country"))
    assert {"USA", "JPN", "CHN"} <= set(_entities(_row(stored, SEED_000), "country"))


def test_people_resolve_to_one_canonical_name(stored):
    people = _entities(_row(stored, SEED_003), "person")
    for name in ("Yoshimasa Hayashi", "Fumio Kishida", "Jeffrey Hornung", "Daniel Russell"):
        assert name in people, sorted(people)
    blinken = [entity for name, entity in people.items() if name.endswith("Blinken")]
    assert len(blinken) == 1
    spellings = {mention["text"] for mention in blinken[0]["mentions"]}
    assert "Blinken" in spellings and any("Anthony Blinken" in text for text in spellings)


def test_mentions_slice_their_text_from_the_original(stored):
    for row in stored.values():
        for entity in row["entities"]:
            for mention in entity["mentions"]:
                assert row["text"][mention["start"] : mention["end"]] == mention["text"]


def test_capital_standing_for_government_is_its_country(stored):
    row = _row(stored, SEED_003)
    china = _entities(row, "country")["CHN"]
    start = row["text"].index("Beijing’s “provocative”")
    assert any(mention["start"] == start for mention in china["mentions"])
