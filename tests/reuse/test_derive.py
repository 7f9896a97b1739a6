"""Derivation on the seeds and on small made-up pairs."""

from dataclasses import replace

import pytest

from storytrace.ingest.extract import to_article
from storytrace.model import Article, RawDoc, ReuseLink
from storytrace.reuse.derive import derive
from storytrace.reuse.intrinsic import intrinsic_signals
from storytrace.reuse.linker import Linker
from storytrace.store.reuse import iter_link_rows, save_links, site_originality
from storytrace.store.sqlite import Store
from tests.paths import SEED_000, SEED_003
from tests.reuse import reuters_original
from tests.reuse.synthetic import article, spin, vocabulary


def read(text: str, id: str, site: str, published: str | None = None) -> Article:
    result = to_article(RawDoc(origin=id, fmt="text", text=text, id=id, site=site, published=published))
    assert isinstance(result, Article)
    return result


@pytest.fixture(scope="module")
def original() -> Article:
    return read(reuters_original.TEXT, "reuters-original", "reuters.com", "2022-01-07T03:00:00+00:00")


@pytest.fixture(scope="module")
def seed_003() -> Article:
    return read(SEED_003.read_text(encoding="utf-8"), "seed-003", "digitalagency.example")


@pytest.fixture(scope="module")
def seed_000() -> Article:
    return read(SEED_000.read_text(encoding="utf-8"), "seed-000", "smalloutlet.example")


@pytest.fixture(scope="module")
def spun_link(original, seed_003) -> ReuseLink:
    link = derive(seed_003, original)  # the copy arrives first: direction must come from the evidence
    assert link is not None
    return link


def test_seed_003_is_spun_from_the_original(spun_link):
    assert spun_link.kind == "spun"
    assert (spun_link.source_id, spun_link.derived_id) == ("reuters-original", "seed-003")
    assert {e.kind for e in spun_link.evidence} >= {"wire-credit", "artifacts"}


def test_spun_link_lists_garbled_names_and_swapped_words(spun_link, seed_003):
    garbled = {(a.source_text, a.derived_text) for a in spun_link.artifacts if a.type == "garbled-name"}
    swapped = {(a.source_text, a.derived_text) for a in spun_link.artifacts if a.type == "substituted-word"}
    assert {("Brunnstrom", "Bronstrom"), ("Antony", "Anthony")} <= garbled
    assert {("serious", "grave"), ("pacifist", "peaceful")} <= swapped
    for artifact in spun_link.artifacts:
        assert artifact.derived.of(seed_003.text) == artifact.derived_text or artifact.type == "wire-credit-stripped"


def test_spun_link_names_lost_attribution_and_inserted_boilerplate(spun_link):
    lost = [a for a in spun_link.artifacts if a.type == "lost-attribution"]
    assert lost and lost[0].derived_text == "said Daniel Russell" and "remarkably blunt" in lost[0].source_text
    inserted = {a.derived_text for a in spun_link.artifacts if a.type == "inserted-boilerplate"}
    assert "Register now to get free unlimited access to" in inserted
    assert any(a.type == "wire-credit-kept" for a in spun_link.artifacts)


def test_passages_index_both_texts(spun_link, original, seed_003):
    passage = spun_link.passages[0]
    assert "growing power of China" in passage.source.of(original.text)
    assert "growing power of China" in passage.derived.of(seed_003.text)


def test_independent_reports_are_not_derived(seed_000, seed_003):
    for first, second in ((seed_000, seed_003), (seed_003, seed_000)):
        link = derive(first, second)
        assert link is None or link.kind == "shared-quote"
        if link is not None:
            assert link.artifacts == []


def test_intrinsic_signals_of_seed_003_alone(seed_003):
    report = intrinsic_signals(seed_003)
    details = [signal.detail for signal in report.signals]
    assert any(detail.startswith("claims Reuters; original not seen") for detail in details)
    assert {signal.kind for signal in report.signals} >= {"lost-attribution", "stray-token", "scrape-residue"}
    assert 0.5 < report.score <= 1.0


def test_intrinsic_signals_of_a_plain_article_are_quiet(original):
    assert intrinsic_signals(original).score == 0.0  # its own wire, on the wire's site


WORDS = vocabulary(3000, seed=31)
BODY = article(400, seed=32, vocabulary_words=WORDS)


def plain(id: str, text: str, published: str) -> Article:
    return read(text, id, f"{id}.example", published)


@pytest.mark.parametrize(
    ("derived_text", "kind"),
    [
        (BODY, "duplicate"),
        (BODY + "\n\n" + article(40, seed=33, vocabulary_words=WORDS), "copy"),
        (spin(BODY, 0.15, seed=34, vocabulary_words=WORDS), "spun"),
        (spin(BODY, 0.6, seed=36, vocabulary_words=WORDS), "rewrite"),  # most words changed: no longer a spin
        (article(500, seed=35, vocabulary_words=WORDS) + "\n\n" + BODY[: len(BODY) // 3].rsplit(".", 1)[0] + ".", "partial"),
    ],
)
def test_kinds(derived_text, kind):
    source = plain("first", BODY, "2024-03-01T10:00:00+00:00")
    derived = plain("second", derived_text, "2024-03-01T12:00:00+00:00")
    link = derive(derived, source)
    assert link is not None and link.kind == kind
    assert (link.source_id, link.derived_id) == ("first", "second")
    assert any(e.kind == "publication-time" for e in link.evidence) or kind == "duplicate"


def test_quotes_shared_by_independent_reports_are_shared_quote():
    statement = ('"We will not accept any attempt to change the status quo by force, and we call on all parties '
                 'to exercise restraint and return to talks without delay," the ministers said in their statement.')
    first = plain("one", article(250, seed=40, vocabulary_words=WORDS) + "\n\n" + statement, "2024-03-01T10:00:00+00:00")
    second = plain("two", article(250, seed=41, vocabulary_words=WORDS) + "\n\n" + statement, "2024-03-01T11:00:00+00:00")
    link = derive(first, second)
    assert link is None or link.kind == "shared-quote"


def test_linker_compares_only_candidates_and_links(original, seed_003, seed_000):
    linker = Linker()
    by_id = {a.id: a for a in (original, seed_000, seed_003)}
    assert linker.process(original, by_id.get).links == []
    assert all(link.kind == "shared-quote" for link in linker.process(seed_000, by_id.get).links)
    arrival = linker.process(seed_003, by_id.get)
    assert arrival.candidate_ids[0] == "reuters-original"
    derivations = [(link.source_id, link.kind) for link in arrival.links if link.kind != "shared-quote"]
    assert derivations == [("reuters-original", "spun")]


def test_links_round_trip_through_the_store(tmp_path, spun_link):
    with Store(tmp_path / "db.sqlite") as store:
        save_links(store.connection, [spun_link, replace(spun_link, score=0.5)])
        rows = list(iter_link_rows(store.connection))
    assert len(rows) == 1 and rows[0]["score"] == 0.5
    row = rows[0]
    assert set(row) == {"source_id", "derived_id", "kind", "score", "evidence", "passages", "artifacts"}
    assert set(row["passages"][0]) >= {"source_start", "source_end", "derived_start", "derived_end"}
    assert set(row["artifacts"][0]) == {"type", "derived_start", "derived_end", "source_text", "derived_text"}


def test_originality_counts_uncredited_derivations(tmp_path, spun_link):
    assert any(a.type == "wire-credit-kept" for a in spun_link.artifacts)
    uncredited = replace(spun_link, derived_id="farm-2", artifacts=[])
    shared_quote = replace(spun_link, derived_id="own", kind="shared-quote", artifacts=[])
    stored = [Article(id=i, origin=i, fmt="text", text="x", clean_text="x", site=site, tokens=words)
              for i, site, words in [("reuters-original", "reuters.com", 700), ("seed-003", "farm.example", 650),
                                     ("farm-2", "farm.example", 600), ("own", "farm.example", 300)]]
    with Store(tmp_path / "db.sqlite") as store:
        store.save_batch(store.start_run([]), stored, [], [], [])
        save_links(store.connection, [spun_link, uncredited, shared_quote])
        rows = site_originality(store.connection)
    farm = next(row for row in rows if row.site == "farm.example")
    assert (farm.articles, farm.derived_articles, farm.uncredited_articles) == (3, 2, 1)
    assert farm.derived_word_share == pytest.approx(1250 / 1550)
    assert next(row for row in rows if row.site == "reuters.com").derived_articles == 0


def test_huge_article_is_aligned_on_its_head_and_says_so():
    source = plain("first", BODY, "2024-03-01T10:00:00+00:00")
    filler = article(60_000, seed=50, vocabulary_words=WORDS)  # about 450 kB after the copied body
    derived = plain("second", BODY + "\n\n" + filler, "2024-03-01T12:00:00+00:00")
    link = derive(source, derived)
    assert link is not None and link.kind in {"copy", "partial"}
    assert any(e.kind == "truncated" for e in link.evidence)


def test_two_reposts_of_an_unseen_wire_story_say_so(seed_003):
    sibling = read(SEED_003.read_text(encoding="utf-8"), "other-farm", "otherfarm.example")
    link = derive(seed_003, sibling)
    assert link is not None and link.kind == "duplicate"
    assert any("original not seen" in e.detail for e in link.evidence if e.kind == "wire-credit")


def test_word_diff_pairs_swapped_words_but_not_words_beside_an_insertion():
    from storytrace.reuse.artifacts import _opcodes

    source = "the ministers met in Tokyo on Friday to discuss the alliance".split()
    derived = "the ministers gathered in Tokyo on Friday at last to talk about the alliance".split()
    operations = _opcodes(source, derived)
    replaced = [(source[i1:i2], derived[j1:j2]) for tag, i1, i2, j1, j2 in operations if tag == "replace"]
    assert replaced == [(["met"], ["gathered"]), (["discuss"], ["talk", "about"])]
    assert ("insert", 7, 7, 7, 9) in operations  # "at last", paired with nothing
    assert sum(i2 - i1 for tag, i1, i2, _, _ in operations if tag == "equal") == 9
