from datetime import datetime

from storytrace.synth import generate_stream, write_stream


def test_stream_is_deterministic_and_sized():
    first = list(generate_stream(40, seed=3))
    assert first == list(generate_stream(40, seed=3))
    assert len(first) == 40
    assert first != list(generate_stream(40, seed=4))


def test_articles_come_in_publication_order_with_gold_labels():
    records = list(generate_stream(200))
    times = [datetime.fromisoformat(record["published"]) for record in records]
    assert times == sorted(times)
    ids = set()
    for record in records:
        if record["role"] == "original":
            assert record["derived_from"] is None
        elif record["role"] == "independent":
            assert record["derived_from"] is None
        else:
            assert record["derived_from"] in ids  # a source always comes before what derives from it
        ids.add(record["id"])
    assert {"original", "copy", "spun", "partial", "independent"} <= {record["role"] for record in records}


def test_spun_copies_carry_rewriting_artifacts():
    records = list(generate_stream(300))
    by_id = {record["id"]: record for record in records}
    spun = next(record for record in records if record["role"] == "spun")
    source = by_id[spun["derived_from"]]
    assert "Brunnstrom" in source["text"] and "Bronstrom" in spun["text"]
    assert "authorities said" in spun["text"] and "officials said" in source["text"]
    assert "Register now to get free unlimited access to" in spun["text"]


def test_write_stream_writes_jsonl(tmp_path):
    path = tmp_path / "s.jsonl"
    assert write_stream(path, 15) == 15
    assert len(path.read_text(encoding="utf-8").splitlines()) == 15


def test_different_stories_share_no_filler_sentence():
    records = [r for r in generate_stream(60, seed=5) if r["role"] == "original"]
    sentences = [set(r["text"].split("\n")[3:-1]) for r in records]  # the filler, after title, lede, quote
    for number, own in enumerate(sentences):
        for other in sentences[number + 1 :]:
            assert not own & other
