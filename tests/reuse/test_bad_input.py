"""The issue's "Bad input": none of it may blow up time or memory, and the index says what it capped."""

import logging

from storytrace.model import Article
from storytrace.reuse.derive import derive
from storytrace.reuse.index import CandidateIndex, LinkIndex
from storytrace.reuse.linker import Linker
from tests.reuse.synthetic import article, spin, vocabulary

WORDS = vocabulary(5000, seed=33)

RUSSIAN = (
    "Землетрясение магнитудой шесть баллов произошло у побережья острова в понедельник утром. "
    "Власти сообщили о разрушенных домах в трёх прибрежных деревнях и о десятках пострадавших. "
    "Спасатели работали всю ночь, разбирая завалы и раздавая жителям воду и тёплые одеяла. "
    "Губернатор провинции пообещал выделить средства на восстановление школ и больницы. "
    "Синоптики предупредили о сильном ветре и дожде, которые могут затруднить доставку помощи. "
    "Местные предприниматели открыли склады, чтобы временно разместить семьи, оставшиеся без крова. "
    "Министр транспорта заявил, что мост через реку закрыт до окончания проверки инженеров. "
    "Жители соседнего города собрали продукты и лекарства и отправили их грузовиками на остров. "
)
GREEK = (
    "Ισχυρός σεισμός έπληξε το νησί τη Δευτέρα το πρωί προκαλώντας ζημιές σε δεκάδες σπίτια. "
    "Οι αρχές ανέφεραν ότι τρία χωριά έμειναν χωρίς ρεύμα και νερό για αρκετές ώρες. "
    "Ομάδες διάσωσης εργάστηκαν όλη τη νύχτα για να απομακρύνουν τα συντρίμμια από τους δρόμους. "
    "Ο δήμαρχος ζήτησε από την κυβέρνηση έκτακτη χρηματοδότηση για την επισκευή των σχολείων. "
    "Οι μετεωρολόγοι προειδοποίησαν για ισχυρούς ανέμους που μπορεί να καθυστερήσουν τη βοήθεια. "
    "Εθελοντές από τη γειτονική πόλη έστειλαν τρόφιμα, φάρμακα και κουβέρτες με φορτηγά στο λιμάνι. "
)
BOILERPLATE = (
    "Home | World | Business | Sport\nRegister now to get free unlimited access\n"
    "Share this: Twitter Facebook Email\nLeave a Reply\nAll rights reserved. Cookie settings. Privacy policy."
)


def plain(article_id: str, text: str) -> Article:
    return Article(id=article_id, origin=article_id, fmt="text", text=text)


def test_one_line_and_punctuation_only_articles_are_indexed_or_skipped_quietly():
    index = LinkIndex()
    assert index.add("dots", "... !!! ---")[1] == []
    assert index.add("one-line", "Breaking: minister resigns")[1] == []
    assert index.add("same-line", "Breaking: minister resigns")[1] == ["one-line"]
    assert index.index.stats.empty_articles == 1
    line = "Breaking: minister resigns"
    assert derive(plain("one-line", line), plain("same-line", line)) is None  # too short to call a derivation


def test_copies_in_other_scripts_are_candidates_and_derived():
    index = LinkIndex()
    for number in range(30):
        index.add(f"filler{number}", article(300, seed=number, vocabulary_words=WORDS))
    index.add("ru", RUSSIAN)
    index.add("el", GREEK)
    assert index.add("ru-copy", "Новости дня\n" + RUSSIAN)[1][0] == "ru"
    assert index.add("el-copy", GREEK + "\nΔιαβάστε επίσης")[1][0] == "el"
    link = derive(plain("ru", RUSSIAN), plain("ru-copy", "Новости дня\n" + RUSSIAN))
    assert link is not None and link.kind in {"duplicate", "copy"}


def test_a_5_mb_article_is_fingerprinted_on_its_head_and_linked_quickly():
    head = article(3000, seed=9, vocabulary_words=WORDS)
    huge = head + " " + article(8_000, seed=10, vocabulary_words=WORDS) * 90
    assert len(huge) >= 5_000_000
    linker = Linker()
    linker.add(plain("source", head))
    arrival = linker.add(plain("huge", huge))
    assert arrival.candidate_ids == ["source"]
    link = derive(plain("source", head), plain("huge", huge))
    assert link is not None and any(e.kind == "truncated" for e in link.evidence)


def test_boilerplate_only_pages_are_capped(caplog):
    index = LinkIndex(index=CandidateIndex(bucket_cap=20, max_candidates=5))
    with caplog.at_level(logging.WARNING, logger="storytrace.reuse.index"):
        found = [index.add(f"page{number}", f"{BOILERPLATE}\nPage {number}")[1] for number in range(200)]
    assert max(len(candidates) for candidates in found) == 5  # each page is compared with 5 at most
    assert index.index.stats.full_buckets_skipped > 0
    assert any("bucket" in record.message for record in caplog.records)


def test_thousands_of_copies_cost_a_capped_lookup_and_say_so(caplog):
    index = LinkIndex(index=CandidateIndex(bucket_cap=30, max_candidates=8, flush_every=500))
    text = article(250, seed=77, vocabulary_words=WORDS)
    with caplog.at_level(logging.WARNING, logger="storytrace.reuse.index"):
        for number in range(1_200):
            index.add(f"copy{number}", text)
    _, candidates = index.add("probe", spin(text, 0.2, seed=1, vocabulary_words=WORDS))
    assert len(candidates) == 8
    stats = index.index.stats
    assert stats.candidates_dropped > 0 and stats.full_buckets_skipped > 1_100 * 60
    assert max(index.index.bucket_sizes().values()) <= 30
    assert any("candidates" in record.message for record in caplog.records)
