"""Text shared by unrelated articles (a formulaic lede, a stock sentence) is not a derivation."""

from datetime import datetime, timezone

from storytrace.model import Article
from storytrace.reuse.derive import derive
from tests.reuse.synthetic import article, vocabulary

WORDS = vocabulary(3000, seed=51)
LEDE = ("{CITY} (AP) - A trade agreement was signed in {city} in {country} on {day}, injuring {n} people, and "
        "tariffs will fall, officials said. The agreement covers steel, grain and shipping between the two "
        "neighbours, and negotiators expect the first cuts to apply from the spring. Business groups in {city} "
        "welcomed the deal but warned that smaller firms would need time and credit to adapt to the new rules, "
        "while farmers asked for guarantees on prices.\n")


def plain(article_id: str, text: str, hour: int) -> Article:
    return Article(id=article_id, origin=article_id, fmt="text", text=text, site=f"{article_id}.example",
                   published=datetime(2024, 5, 1, hour, tzinfo=timezone.utc))


def lede(city: str, country: str, day: str, n: int) -> str:
    return LEDE.format(CITY=city.upper(), city=city, country=country, day=day, n=n)


def test_one_template_told_of_other_places_and_numbers_is_not_a_derivation():
    first = plain("pune", lede("Pune", "India", "Tuesday", 75) + article(150, seed=1, vocabulary_words=WORDS), 1)
    second = plain("valpo", lede("Valparaiso", "Chile", "Saturday", 229) + article(150, seed=2, vocabulary_words=WORDS), 2)
    assert derive(first, second) is None
    assert derive(first, plain("pune-copy", first.text, 2)) is not None  # the same text still is


def test_the_same_template_with_the_same_facts_is_still_a_partial_copy():
    head = lede("Pune", "India", "Tuesday", 75)
    source = plain("wire", head + article(120, seed=3, vocabulary_words=WORDS), 1)
    derived = plain("outlet", head + article(120, seed=3, vocabulary_words=WORDS)[:300] + "\n" +
                    article(250, seed=4, vocabulary_words=WORDS), 2)
    link = derive(source, derived)
    assert link is not None and link.kind in {"partial", "copy", "spun"}
    assert (link.source_id, link.derived_id) == ("wire", "outlet")


def test_a_shared_stock_sentence_between_long_articles_is_not_a_derivation():
    stock = ("Officials in the region said they expected several more days of disruption to road and rail "
             "services, and asked residents to avoid all travel that was not essential until further notice.\n")
    first = plain("one", article(500, seed=5, vocabulary_words=WORDS) + "\n" + stock, 1)
    second = plain("two", stock + article(500, seed=6, vocabulary_words=WORDS), 2)
    assert derive(first, second) is None


def test_a_copy_with_one_updated_figure_is_still_a_copy():
    body = article(200, seed=7, vocabulary_words=WORDS)
    source = plain("wire", lede("Pune", "India", "Tuesday", 75) + body, 1)
    update = plain("outlet", lede("Pune", "India", "Tuesday", 82) + body, 2)  # the toll rose
    link = derive(source, update)
    assert link is not None and link.kind in {"copy", "duplicate"}
