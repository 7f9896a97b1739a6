"""Both seed reports end to end through parse_text_header + clean_article."""

from pathlib import Path

import pytest

from storytrace.clean import LineStats, clean_article
from storytrace.ingest.textmeta import parse_text_header
from storytrace.model import Article

SEEDS = Path(__file__).parents[2] / "examples" / "seeds"
SEED_000 = SEEDS / "000_86b96b84a695d559.txt"
SEED_003 = SEEDS / "003_1508c65b7f82f917.txt"

BODY_000 = [
    "The United States and Japan have agreed to increased defense cooperation going forward.",
    (
        "The foreign and defense ministers of the United States and Japan held a virtual meeting "
        "this week to discuss Japan’s security role as China threatens to upset peace."
    ),
    (
        "In a joint statement released after the meeting, the ministers said they had discussed "
        "various topics, including COVID-19, climate change, the economy and more. The bulk of "
        "the discussion, however, centered around the ongoing threat of China, and ways in which "
        "the two nations can cooperatively combat any attempts by China to destabilize the "
        "region."
    ),
    (
        "Some of the measures agreed upon were more broadly focused, with the nations saying they"
        " plan to “constantly modernize the Alliance and strengthen joint capabilities by fully "
        "aligning strategies and prioritizing goals together, to address evolving security "
        "challenges in an ever more integrated manner.”"
    ),
    (
        "More specific measures in regard to “ongoing efforts by China to undermine the "
        "rules-based order present political, economic, military, and technological challenges to"
        " the region and the world,” include the United States’ reaffirmation that the US "
        "military stands behind Japan and will act bilaterally to defend against any Chinese "
        "efforts to break international maritime law in the East China Sea and other "
        "controversial areas in the region."
    ),
    (
        "The two nations further agreed to increase military information and data-sharing "
        "capabilities between the US and Japan, and Japan acknowledged its important role in "
        "keeping peace in the area, agreeing to “fundamentally reinforce its defense capabilities"
        " to bolster its national defense.”"
    ),
    (
        "In solidarity, the United States “restated its unwavering commitment to the defense of "
        "Japan under the U.S.-Japan Treaty of Mutual Cooperation and Security, using its full "
        "range of capabilities, including nuclear.”"
    ),
]
BODY_003 = [
    (
        "TOKYO/WASHINGTON (Reuters) – The United States and Japan on Friday expressed grave "
        "concern about the growing power of China and pledged to work together to repel attempts "
        "to destabilize the region, including emerging defense threats."
    ),
    (
        "Comments from the two allies, in a joint statement following the virtual “two plus two” "
        "meeting of foreign and defense ministers, highlight how deepening concern about China – "
        "and rising tension over Taiwan – have led to Japan’s increased security role. "
        "concentration."
    ),
    (
        "The joint statement said the ministers at their meeting expressed their concerns that "
        "China’s efforts to “undermine the rules-based order” pose “political, economic, military"
        " and technological challenges to the region and the world.”"
    ),
    (
        "“They are resolved to work together to deter and, if necessary, respond to destabilizing"
        " activities in the region,” the statement read."
    ),
    (
        "The ministers also said they had “serious and persistent concerns” about human rights "
        "issues in China’s Xinjiang and Hong Kong regions, and stressed the importance of peace "
        "and stability in the Taiwan Straits."
    ),
    (
        "While peaceful Japan maintains close economic ties with China, there is growing concern "
        "in Tokyo about a possible move by Beijing against democratic Taiwan."
    ),
    (
        "said Daniel Russell, who served as Obama’s chief US diplomat for Asia and is now with "
        "the Asia Society Policy Institute."
    ),
    (
        "“In particular, the expression of a common determination to respond, if necessary, to "
        "destabilizing activities comes as a powerful expression of alliance solidarity and "
        "determination.”"
    ),
    (
        "Earlier, US Secretary of State Anthony Blinken said the two countries would sign a new "
        "defense cooperation agreement to counter emerging threats, including hypersonic and "
        "space-based capabilities."
    ),
    "New tools",
    (
        "The US-Japan alliance “must not only strengthen the tools we have, but also develop new "
        "ones,” Blinken said, referring to Russia’s military buildup against Ukraine, Beijing’s "
        "“provocative” actions over Taiwan and North Korea’s recent missile launch. North Korea "
        "this week launched a “hypersonic missile” that successfully hit a target, the North’s "
        "Korean Central News Agency said."
    ),
    (
        "After the meeting, Japanese Foreign Minister Yoshimasa Hayashi said Tokyo had made clear"
        " its plan to review the National Security Strategy to primarily enhance defense "
        "capabilities, which he said had strong support from his American counterparts."
    ),
    (
        "Prime Minister Fumio Kishida promised in October to review Japan’s security strategy to "
        "consider “all options including the acquisition of so-called enemy attack capabilities”."
    ),
    (
        "The Kishida government approved record defense spending, with a tenth consecutive annual"
        " increase in 2022."
    ),
    (
        "While Japan’s options for the use of force are realistically limited, the emergency in "
        "Taiwan would be one possible scenario that Japan might consider threatening its "
        "survival, said Jeffrey Hornung, a Japanese security policy expert at the Rand "
        "Corporation, a US-backed think tank."
    ),
    "“There are no coded messages here,” Hornung said.",
    (
        "“China is the challenge and they said it just as much, and then detailed all the ways "
        "the Alliance was determined to act to counter its destabilizing activities.”"
    ),
]

LAURA_BIO_START = "Laura is a freelance writer out of Maryland and a mom of three."

# (reason, the removed line or the start of it): every residue line of each seed.
RESIDUE_000 = [
    ("headline", "United States and Japan agree to advance defense research"),
    ("author-box", "The following two tabs change content below."),
    ("author-box", LAURA_BIO_START),
    ("comment-prompt", "Leave a Reply"),
]
HEADLINE_003 = "Sounding alarm on China, Japan and U.S. vow to collaborate more on defence"
RESIDUE_003 = [
    ("page-header", "Digital Agency"),
    ("headline", HEADLINE_003),
    ("repeated-in-document", HEADLINE_003),
    ("byline", "Written by publishing team"),
    ("registration-wall", "Register now to get free unlimited access to"),
    ("registration-wall", "Register now to get free unlimited access to"),
    ("wire-credits", "Additional reporting by David Bronstrom, Dan Whitcombe"),
    ("wire-standards-footer", "Our Standards: Thomson Reuters Trust Principles."),
    ("author-box", "About the author"),
    ("author-box", "publishing team"),
]


def _article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    meta = parse_text_header(text)
    return Article(
        id=path.stem,
        origin=str(path),
        fmt="text",
        text=text,
        title=meta.title,
        byline=meta.byline,
        authors=meta.authors,
        dateline=meta.dateline,
        published=meta.published,
        removals=list(meta.header_removals),
    )


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles = {"000": _article(SEED_000), "003": _article(SEED_003)}
    stats = LineStats()
    for article in articles.values():
        stats.observe(article)
    for article in articles.values():
        clean_article(article, stats)
    return articles


@pytest.mark.parametrize("name, body", [("000", BODY_000), ("003", BODY_003)])
def test_every_body_line_survives_whole(seeds, name, body):
    kept = seeds[name].clean_text.split("\n")
    assert kept == body


@pytest.mark.parametrize("name, residue", [("000", RESIDUE_000), ("003", RESIDUE_003)])
def test_every_residue_line_is_removed_with_its_reason(seeds, name, residue):
    removals = sorted(seeds[name].removals, key=lambda removal: removal.span)
    assert [(removal.reason, removal.text[: len(start)]) for removal, (_, start) in zip(removals, residue)] == residue
    assert len(removals) == len(residue)


def test_the_author_bio_of_000_goes_whole(seeds):
    bio = next(removal for removal in seeds["000"].removals if removal.text.startswith(LAURA_BIO_START))
    assert bio.text.endswith("readers deserve the facts free of opinion.")


@pytest.mark.parametrize("name", ["000", "003"])
def test_removal_spans_slice_exactly_the_removed_text(seeds, name):
    article = seeds[name]
    for removal in article.removals:
        assert removal.span.of(article.text) == removal.text
        assert removal.detail


@pytest.mark.parametrize("name", ["000", "003"])
def test_every_clean_piece_maps_back_to_identical_text(seeds, name):
    article = seeds[name]
    offsets = article.offsets
    assert offsets is not None
    clean_pieces = article.clean_text.split("\n")
    assert len(clean_pieces) == len(offsets.pieces)
    for piece, span, clean_start in zip(clean_pieces, offsets.pieces, offsets.clean_starts):
        assert span.of(article.text) == piece
        assert offsets.span_to_raw(clean_start, clean_start + len(piece)) == span


@pytest.mark.parametrize("name", ["000", "003"])
def test_kept_and_removed_text_never_overlap(seeds, name):
    article = seeds[name]
    spans = sorted([*article.offsets.pieces, *(removal.span for removal in article.removals)])
    assert all(left.end <= right.start for left, right in zip(spans, spans[1:]))


def test_003_header_metadata(seeds):
    article = seeds["003"]
    assert article.title == HEADLINE_003
    assert article.byline == "Written by publishing team"
    assert article.dateline is not None
    assert article.dateline.places == ("Tokyo", "Washington")
    assert article.dateline.wire == "Reuters"
    assert article.dateline.span.of(article.text) == "TOKYO/WASHINGTON (Reuters) –"
    assert article.published is None


def test_000_has_no_dateline_and_no_date(seeds):
    article = seeds["000"]
    assert article.title.startswith("United States and Japan agree")
    assert article.dateline is None
    assert article.published is None
    assert article.byline is None


def test_with_the_headline_kept_it_appears_once_in_the_clean_text_of_003():
    article = _article(SEED_003)
    article.removals = [removal for removal in article.removals if removal.reason != "headline"]
    clean_article(article, LineStats())
    assert article.clean_text.split("\n") == [HEADLINE_003, *BODY_003]
