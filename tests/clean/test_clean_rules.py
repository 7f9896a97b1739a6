"""The single-document rules: known residue (also glued), wire credits, author boxes, repeats."""

import pytest

from storytrace.clean import LineStats, clean_article
from storytrace.clean.credits import is_wire_credit
from storytrace.clean.residue import match_residue, parse_residue_line, residue_patterns
from storytrace.model import Article, Removal, Span

STORY = [
    "The ministers met in Tokyo on Friday to discuss the alliance.",
    "They agreed to share more intelligence, officials said.",
    "The talks will resume in the spring.",
]


def _clean(lines: list[str], title: str | None = None, removals: list[Removal] | None = None) -> Article:
    article = Article(id="a1", origin="test", fmt="text", text="\n\n".join(lines), title=title)
    article.removals = list(removals or [])
    clean_article(article, LineStats())
    return article


def _reasons(article: Article) -> dict[str, str]:
    return {removal.text: removal.reason for removal in article.removals}


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Register now to get free unlimited access to", "registration-wall"),
        ("Sign up for our newsletter to get the day's top stories.", "registration-wall"),
        ("Subscribe to continue reading", "registration-wall"),
        ("Share this:", "share-widget"),
        ("Click to share on Twitter (Opens in new window)", "share-widget"),
        ("We use cookies to improve your experience on our site and to show you relevant ads.", "cookie-notice"),
        ("Our Standards: Thomson Reuters Trust Principles.", "wire-standards-footer"),
        ("Advertisement", "cms-widget"),
        ("ADVERTISEMENT", "cms-widget"),
        ("Related:", "cms-widget"),
        ("Read more", "cms-widget"),
        ("Read more: Japan doubles its defence budget", "cms-widget"),
        ("© 2022 Example News Ltd. All rights reserved.", "copyright-notice"),
        ("Leave a Reply", "comment-prompt"),
        ("Leave a ReplyDigital Agency", "comment-prompt"),
        ("Leave a ReplyCancel reply", "comment-prompt"),
        ("• Share this article", "share-widget"),
    ],
)
def test_known_residue_lines_are_removed_with_their_reason(line, reason):
    article = _clean([STORY[0], line, STORY[1]])
    assert _reasons(article) == {line: reason}
    assert article.clean_text == f"{STORY[0]}\n{STORY[1]}"


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement spending in Japan rose 5% last year, the ministry said.",
        "Shares in Toyota rose 2% after the announcement.",
        "Related talks are planned for March, the officials added.",
        "Readers of the statement noticed that China was named four times.",
        "The committee said all rights reserved for the public would be respected in the new law on land use.",
        "Emails show the talks were planned for months.",
        "PRINTED copies of the agreement were handed out.",
    ],
)
def test_body_sentences_that_resemble_residue_are_kept(line):
    article = _clean([STORY[0], line])
    assert article.removals == []
    assert article.clean_text == f"{STORY[0]}\n{line}"


def test_residue_glued_to_prose_loses_only_the_residue():
    line = "AdvertisementThe ministers will meet again in April, officials said."
    article = _clean([STORY[0], line])
    [removal] = article.removals
    assert (removal.reason, removal.text) == ("cms-widget", "Advertisement")
    assert article.clean_text == f"{STORY[0]}\nThe ministers will meet again in April, officials said."


def test_residue_glued_to_a_label_takes_the_whole_line():
    article = _clean([*STORY, "Leave a ReplyDigital Agency"])
    assert _reasons(article) == {"Leave a ReplyDigital Agency": "comment-prompt"}


def test_every_residue_entry_parses_and_names_a_reason():
    patterns = residue_patterns()
    assert len(patterns) > 50
    assert all(pattern.reason and pattern.phrase for pattern in patterns)
    assert match_residue("The talks will resume in the spring.") is None


def test_a_malformed_residue_entry_is_refused():
    with pytest.raises(ValueError):
        parse_residue_line("cms-widget | anywhere | 3 | Advertisement")


@pytest.mark.parametrize(
    "line",
    [
        "Additional reporting by David Bronstrom, Dan Whitcombe, Rami Ayoub, Go Min Park, Kiyoshi Takenaka; "
        "Editing by David Dolan and Richard Boleyn",
        "Reporting by Kiyoshi Takenaka in Tokyo; Writing by Jane Doe; Editing by Sam Holmes",
        "(Reporting by Jean-Luc de la Tour; editing by Ana Nicolaci da Costa)",
    ],
)
def test_wire_credit_lines_are_recognised(line):
    assert is_wire_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the Times found that the talks had stalled.",
        "Editing by hand was common before the new system arrived.",
        "Additional reporting",
    ],
)
def test_sentences_about_reporting_are_not_credits(line):
    assert not is_wire_credit(line)


def test_wire_credits_are_removed_with_their_reason():
    credit = "Reporting by Kiyoshi Takenaka; Editing by David Dolan"
    assert _reasons(_clean([*STORY, credit])) == {credit: "wire-credits"}


def test_author_box_takes_the_marker_and_the_bio_at_the_end():
    bio = "Laura is a freelance writer out of Maryland and a mom of three."
    article = _clean([*STORY, "About the author", bio, "Leave a Reply"])
    assert _reasons(article) == {"About the author": "author-box", bio: "author-box", "Leave a Reply": "comment-prompt"}
    assert article.clean_text == "\n".join(STORY)


def test_author_box_marker_before_story_text_takes_only_the_marker():
    long_story = [f"{sentence} Paragraph {number} adds more detail on the talks." for number, sentence in enumerate(STORY * 3)]
    article = _clean(["About the author", *long_story])
    assert _reasons(article) == {"About the author": "author-box"}
    assert article.clean_text == "\n".join(long_story)


def test_a_repeated_sentence_keeps_its_first_copy():
    article = _clean([STORY[0], STORY[1], STORY[0]])
    [removal] = article.removals
    assert removal.reason == "repeated-in-document"
    assert removal.span.start > len(STORY[0])
    assert article.clean_text == f"{STORY[0]}\n{STORY[1]}"


def test_a_repeated_label_loses_every_copy():
    promo = "Download our app for the latest headlines"
    article = _clean([STORY[0], promo, STORY[1], promo])
    assert [removal.reason for removal in article.removals] == ["repeated-in-document"] * 2
    assert article.clean_text == f"{STORY[0]}\n{STORY[1]}"


def test_a_repeated_title_keeps_its_first_copy():
    title = "Japan and US vow to cooperate"
    article = _clean([title, STORY[0], title], title=title)
    assert article.clean_text == f"{title}\n{STORY[0]}"


def test_removals_already_on_the_article_are_kept_and_their_lines_left_alone():
    text_lines = ["Written by publishing team", *STORY]
    byline = Removal(Span(0, len(text_lines[0])), "byline", text_lines[0], "byline below the headline")
    article = _clean(text_lines, removals=[byline])
    assert article.removals == [byline]
    assert article.clean_text == "\n".join(STORY)


def test_cleaning_twice_adds_nothing():
    article = _clean([*STORY, "Share this:"])
    first = list(article.removals)
    clean_article(article, LineStats())
    assert article.removals == first
    assert article.clean_text == "\n".join(STORY)


@pytest.mark.parametrize("text", ["", "   \n\n \t\n"])
def test_empty_documents_clean_to_nothing(text):
    article = Article(id="e", origin="test", fmt="text", text=text)
    clean_article(article, LineStats())
    assert article.clean_text == ""
    assert article.offsets.pieces == []
    assert article.removals == []


def test_a_one_line_document_keeps_its_line_stripped():
    article = Article(id="o", origin="test", fmt="text", text="  Japan and the US agreed to cooperate.  \n")
    clean_article(article, LineStats())
    assert article.clean_text == "Japan and the US agreed to cooperate."
    assert article.offsets.pieces == [Span(2, 39)]


def test_a_one_line_residue_document_cleans_to_nothing():
    article = Article(id="o", origin="test", fmt="text", text="Leave a Reply")
    clean_article(article, LineStats())
    assert article.clean_text == ""
    assert [removal.reason for removal in article.removals] == ["comment-prompt"]


def test_windows_line_endings_stay_out_of_the_pieces():
    article = Article(id="w", origin="test", fmt="text", text="First line here.\r\n\r\nShare this:\r\nSecond one.\r\n")
    clean_article(article, LineStats())
    assert article.clean_text == "First line here.\nSecond one."
    assert all(span.of(article.text) == piece for span, piece in zip(article.offsets.pieces, article.clean_text.split("\n")))


def test_sentences_differing_only_in_numbers_are_both_kept():
    lines = ["The Nikkei rose 2% on Monday.", STORY[1], "The Nikkei rose 3% on Monday."]
    article = _clean(lines)
    assert article.removals == []
    assert article.clean_text == "\n".join(lines)


def test_repeated_lines_of_a_list_are_structure_and_stay():
    lines = [STORY[0], "Meal 1", "Eat every 2–3 hours", "Oatmeal with berries", "Meal 2", "Eat every 2–3 hours", "Chicken salad"]
    article = _clean(lines)
    assert article.removals == []
    assert article.clean_text == "\n".join(lines)
