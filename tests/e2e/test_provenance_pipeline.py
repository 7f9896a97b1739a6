"""Provenance and stories through the whole pipeline, on a synthetic stream with known derivations."""

import json

import pytest

from storytrace.engine.stages import full_pipeline
from storytrace.store import Store
from storytrace.store.reuse import iter_link_rows, iter_originality_rows
from storytrace.store.stories import iter_story_rows
from storytrace.synth import generate_stream

DERIVED = {"duplicate", "copy", "spun", "partial", "rewrite"}


@pytest.fixture(scope="module")
def stored(tmp_path_factory, analyzer):
    records = list(generate_stream(14, seed=11))
    folder = tmp_path_factory.mktemp("synth")
    corpus = folder / "stream.jsonl"
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    with Store(folder / "s.sqlite") as store:
        full_pipeline(store, analyzer).ingest([corpus])
        yield records, list(iter_link_rows(store.connection)), list(iter_story_rows(store.connection)), list(
            iter_originality_rows(store.connection))


def test_every_copy_is_linked_to_its_source_the_right_way(stored):
    records, links, _, _ = stored
    found = {(link["source_id"], link["derived_id"]) for link in links if link["kind"] in DERIVED}
    for record in records:
        if record["role"] in ("copy", "spun"):
            assert (record["derived_from"], record["id"]) in found, record["id"]


def test_copies_join_their_source_story(stored):
    records, _, stories, _ = stored
    story_of = {article_id: story["story_id"] for story in stories for article_id in story["article_ids"]}
    for record in records:
        if record["derived_from"]:
            assert story_of[record["id"]] == story_of[record["derived_from"]]


def test_originality_counts_the_copying_sites(stored):
    records, _, _, sites = stored
    copiers = {record["site"] for record in records if record["role"] in ("copy", "spun")}
    by_site = {row["site"]: row for row in sites}
    assert all(by_site[site]["derived_share"] > 0 for site in copiers)


def test_no_derivation_between_different_stories(stored):
    records, links, _, _ = stored
    story = {record["id"]: record["story"] for record in records}
    crossing = [link for link in links if link["kind"] in DERIVED and story[link["source_id"]] != story[link["derived_id"]]]
    assert not crossing
