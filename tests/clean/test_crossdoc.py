"""Boilerplate learnt across documents, and the counts it learns from."""

from storytrace.clean import CleanOptions, LineStats, clean_article
from storytrace.clean.stats import UNKNOWN_SITE, line_key
from storytrace.model import Article

CITIES = ["Osaka", "Lyon", "Porto", "Tampere", "Graz", "Ghent", "Bergen", "Split"]
TOPICS = ["schools", "buses", "parks", "housing", "libraries", "bridges", "water", "power"]
FOOTER = "Follow Example Daily on Facebook and Twitter"
SYNDICATED = (
    "The United States and Japan on Friday expressed grave concern about the growing power of China "
    "and pledged to work together to repel attempts to destabilize the region."
)
SHORT_QUOTE = "“There are no coded messages here,” Hornung said."


def _story(number: int) -> list[str]:
    city, topic = CITIES[number % len(CITIES)], TOPICS[(number * 3) % len(TOPICS)]
    return [
        f"The {city} council approved a new budget for {topic} on Tuesday after a long debate.",
        f"Officials in {city} said the money for {topic} would arrive before the summer.",
    ]


def _article(number: int, site: str | None, lines: list[str], title: str | None = None) -> Article:
    return Article(id=f"doc{number}", origin=f"test#{number}", fmt="text", text="\n\n".join(lines), site=site, title=title)


def _clean_batch(articles: list[Article], stats: LineStats | None = None) -> LineStats:
    stats = stats or LineStats()
    for article in articles:
        stats.observe(article)
    for article in articles:
        clean_article(article, stats)
    return stats


def _reasons(article: Article) -> dict[str, str]:
    return {removal.text: removal.reason for removal in article.removals}


def test_a_footer_in_five_documents_of_a_site_is_site_boilerplate():
    articles = [_article(n, "example.com", [*_story(n), FOOTER]) for n in range(5)]
    _clean_batch(articles)
    for number, article in enumerate(articles):
        assert _reasons(article) == {FOOTER: "site-boilerplate"}
        assert article.clean_text == "\n".join(_story(number))


def test_a_footer_in_four_documents_is_not_yet_boilerplate():
    articles = [_article(n, "example.com", [*_story(n), FOOTER]) for n in range(4)]
    _clean_batch(articles)
    assert all(article.removals == [] for article in articles)


def test_a_footer_with_a_changing_number_is_one_line():
    articles = [_article(n, "example.com", [*_story(n), f"Updated {n + 2} hours ago"]) for n in range(5)]
    _clean_batch(articles)
    assert all(list(_reasons(article).values()) == ["site-boilerplate"] for article in articles)


def test_a_line_on_many_sites_beside_different_stories_is_cross_site_boilerplate():
    promo = "Download the NewsNow app"
    articles = [_article(n, f"site{n}.example", [*_story(n), promo]) for n in range(4)]
    _clean_batch(articles)
    assert all(_reasons(article) == {promo: "cross-site-boilerplate"} for article in articles)


def test_a_syndicated_story_keeps_every_line_on_every_site():
    title = "Sounding alarm on China, Japan and U.S. vow to collaborate more on defence"
    story = [title, SYNDICATED, "New tools", SHORT_QUOTE, "Seen from Tokyo"]
    articles = [_article(n, f"site{n}.example", [*_story(n), *story], title=title) for n in range(6)]
    _clean_batch(articles)
    for number, article in enumerate(articles):
        assert article.removals == []
        assert article.clean_text == "\n".join([*_story(number), *story])


def test_a_syndicated_story_sentence_survives_beside_site_boilerplate():
    articles = [_article(n, "example.com", [SYNDICATED, *_story(n), FOOTER]) for n in range(6)]
    _clean_batch(articles)
    for article in articles:
        assert _reasons(article) == {FOOTER: "site-boilerplate"}
        assert SYNDICATED in article.clean_text.split("\n")


def test_learning_carries_over_batches_through_rows():
    first = [_article(n, "example.com", [*_story(n), FOOTER]) for n in range(3)]
    stored_rows = _clean_batch(first).delta_rows()
    second = [_article(n, "example.com", [*_story(n), FOOTER]) for n in range(3, 5)]
    _clean_batch(second, LineStats.from_rows(stored_rows))
    assert all(article.removals == [] for article in first)
    assert all(_reasons(article) == {FOOTER: "site-boilerplate"} for article in second)


def test_thresholds_come_from_the_options():
    articles = [_article(n, "example.com", [*_story(n), FOOTER]) for n in range(3)]
    options = CleanOptions(site_min_docs=3)
    stats = LineStats(options)
    for article in articles:
        stats.observe(article)
    for article in articles:
        clean_article(article, stats, options)
    assert all(_reasons(article) == {FOOTER: "site-boilerplate"} for article in articles)


def test_a_line_is_counted_once_per_document_under_its_site():
    stats = LineStats()
    stats.observe(_article(1, "example.com", [*_story(1), FOOTER, FOOTER]))
    stats.observe(_article(2, None, [*_story(2), FOOTER]))
    key = line_key(FOOTER)
    assert stats.docs_on_site(key, "example.com") == 1
    assert stats.docs_on_site(key, UNKNOWN_SITE) == stats.docs_on_site(key, None) == 1
    assert stats.site_count(key) == 2


def test_observing_the_same_article_twice_counts_it_once():
    stats = LineStats()
    article = _article(1, "example.com", [*_story(1), FOOTER])
    stats.observe(article)
    stats.observe(article)
    assert stats.docs_on_site(line_key(FOOTER), "example.com") == 1


def test_prose_lines_are_not_counted():
    stats = LineStats()
    stats.observe(_article(1, "example.com", [SYNDICATED, FOOTER]))
    assert stats.docs_on_site(line_key(SYNDICATED), "example.com") == 0
    assert stats.docs_on_site(line_key(FOOTER), "example.com") == 1


def test_keys_ignore_case_spacing_and_digits():
    assert line_key("Updated  3 hours ago") == line_key("updated 12 hours ago")
    assert len(line_key("x")) == 16


def test_delta_rows_hold_only_what_was_observed_since_loading_or_saving():
    key = line_key(FOOTER)
    stats = LineStats.from_rows([(key, "example.com", 7)])
    assert stats.delta_rows() == []
    stats.observe(_article(1, "example.com", [*_story(1), FOOTER]))
    assert (key, "example.com", 1) in stats.delta_rows()
    assert stats.docs_on_site(key, "example.com") == 8
    stats.mark_saved()
    assert stats.delta_rows() == []
    assert stats.docs_on_site(key, "example.com") == 8
