"""parse_text_header: title, site, byline, dateline and date from the head of a plain text."""

from datetime import datetime, timedelta, timezone

import pytest

from storytrace.ingest.textmeta import canonical_wire, find_date, parse_text_header

HEADLINE = "Japan and US vow to collaborate more on defence"
BODY = "The United States and Japan on Friday expressed grave concern about the growing power of China."
SECOND = "The ministers also discussed human rights in Xinjiang and Hong Kong."


def _doc(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def _reasons(text: str) -> list[tuple[str, str]]:
    return [(removal.reason, removal.text) for removal in parse_text_header(text).header_removals]


def test_the_first_line_is_the_title_and_a_header_removal():
    meta = parse_text_header(_doc(HEADLINE, BODY))
    assert meta.title == HEADLINE
    assert _reasons(_doc(HEADLINE, BODY)) == [("headline", HEADLINE)]


def test_a_doubled_headline_is_removed_once_more_as_a_repeat():
    text = _doc(HEADLINE, HEADLINE, BODY)
    assert parse_text_header(text).title == HEADLINE
    assert _reasons(text) == [("headline", HEADLINE), ("repeated-in-document", HEADLINE)]


def test_header_removal_spans_slice_their_text():
    text = "  Reuters\n\n" + _doc(HEADLINE, "By Jane Doe", "January 7, 2022", BODY)
    for removal in parse_text_header(text).header_removals:
        assert removal.span.of(text) == removal.text


@pytest.mark.parametrize(
    "label, site",
    [
        ("Reuters", "Reuters"),
        ("Example News - World", "Example News"),
        ("The Daily Planet | Politics", "The Daily Planet"),
        ("Source: Example Times", "Example Times"),
        ("example.com", "example.com"),
    ],
)
def test_a_label_above_the_title_names_the_site(label, site):
    text = _doc(label, HEADLINE, BODY)
    meta = parse_text_header(text)
    assert (meta.site, meta.title) == (site, HEADLINE)
    assert _reasons(text)[0] == ("site-name", label)


def test_an_unknown_label_above_a_doubled_headline_is_a_page_header_not_a_site():
    text = _doc("Digital Agency", HEADLINE, HEADLINE, BODY)
    meta = parse_text_header(text)
    assert (meta.site, meta.title) == (None, HEADLINE)
    assert _reasons(text)[0] == ("page-header", "Digital Agency")


def test_an_unknown_short_first_line_stays_the_title():
    meta = parse_text_header(_doc("Digital Agency", HEADLINE, BODY))
    assert (meta.site, meta.title) == (None, "Digital Agency")


def test_a_label_above_a_byline_is_the_title():
    meta = parse_text_header(_doc("Example News", "By Jane Doe", BODY))
    assert (meta.title, meta.authors) == ("Example News", ["Jane Doe"])


def test_a_source_line_below_the_title_names_the_site():
    text = _doc(HEADLINE, "Published by Example Herald", BODY)
    assert parse_text_header(text).site == "Example Herald"
    assert _reasons(text)[-1] == ("site-name", "Published by Example Herald")


@pytest.mark.parametrize(
    "line, authors",
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By JANE DOE", ["Jane Doe"]),
        ("Written by publishing team", ["publishing team"]),
        ("By Jane Doe, Reuters", ["Jane Doe"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Ana de la Cruz, Tom Poe & Li Wei", ["Ana de la Cruz", "Tom Poe", "Li Wei"]),
        ("By Reuters", []),
    ],
)
def test_bylines_give_their_authors_and_leave_the_body(line, authors):
    text = _doc(HEADLINE, line, BODY)
    meta = parse_text_header(text)
    assert (meta.byline, meta.authors) == (line, authors)
    assert ("byline", line) in _reasons(text)


def test_a_byline_may_carry_the_date():
    meta = parse_text_header(_doc(HEADLINE, "By Jane Doe | January 7, 2022 10:30 AM", BODY))
    assert meta.authors == ["Jane Doe"]
    assert meta.published == datetime(2022, 1, 7)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, talks had stalled",
        "By Friday the ministers had agreed on a statement",
        "Bystanders said the motorcade passed at noon",
    ],
)
def test_a_body_line_starting_with_by_is_not_a_byline(line):
    meta = parse_text_header(_doc(HEADLINE, line, BODY))
    assert meta.byline is None and meta.authors == []
    assert _reasons(_doc(HEADLINE, line, BODY)) == [("headline", HEADLINE)]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("January 7, 2022", datetime(2022, 1, 7)),
        ("Published: Jan. 7, 2022", datetime(2022, 1, 7)),
        ("Updated 7 January 2022 at 10:30 GMT", datetime(2022, 1, 7)),
        ("2022-01-07", datetime(2022, 1, 7)),
        ("Posted on Friday, Sept 9th, 2022", datetime(2022, 9, 9)),
        ("2022-01-07T10:30:00+09:00", datetime(2022, 1, 7, 10, 30, tzinfo=timezone(timedelta(hours=9)))),
    ],
)
def test_a_date_line_in_the_header_gives_the_date(line, expected):
    text = _doc(HEADLINE, line, BODY)
    assert parse_text_header(text).published == expected
    assert ("publication-date", line) in _reasons(text)


def test_a_date_line_above_the_title_gives_the_date_and_the_next_line_is_the_title():
    text = _doc("Tuesday, August 7, 2012", HEADLINE, BODY)
    meta = parse_text_header(text)
    assert (meta.title, meta.published) == (HEADLINE, datetime(2012, 8, 7))
    assert _reasons(text) == [("publication-date", "Tuesday, August 7, 2012"), ("headline", HEADLINE)]


@pytest.mark.parametrize(
    "text",
    [
        _doc(HEADLINE, BODY, "The Kishida government approved record defense spending on January 7, 2022."),
        _doc(HEADLINE, "The meeting was held on January 7, 2022, in a virtual format with the four ministers.", SECOND),
        _doc(HEADLINE, "February 30, 2022", BODY),
        _doc(HEADLINE, "WASHINGTON, Jan 7 (Reuters) - " + BODY),
    ],
    ids=["date-in-body", "date-in-first-paragraph", "impossible-date", "dateline-without-year"],
)
def test_no_date_is_invented(text):
    assert parse_text_header(text).published is None


@pytest.mark.parametrize(
    "opening, places, wire",
    [
        ("TOKYO/WASHINGTON (Reuters) –", ("Tokyo", "Washington"), "Reuters"),
        ("WASHINGTON, Jan 7 (Reuters) -", ("Washington",), "Reuters"),
        ("BEIJING (AP) —", ("Beijing",), "AP"),
        ("PARIS, France —", ("Paris", "France"), None),
        ("NEW YORK (Associated Press) --", ("New York",), "AP"),
        ("ST. LOUIS (UPI) —", ("St. Louis",), "UPI"),
        ("SEOUL, South Korea (AFP) -", ("Seoul", "South Korea"), "AFP"),
        ("Tokyo (Kyodo) -", ("Tokyo",), "Kyodo"),
        ("NEW DELHI (PTI) -", ("New Delhi",), "PTI"),
        ("WASHINGTON —", ("Washington",), None),
        ("(CNN) —", (), "CNN"),
        ("BERLIN (dpa) -", ("Berlin",), "dpa"),
        ("BEIJING, Jan. 7 (Xinhua) --", ("Beijing",), "Xinhua"),
    ],
)
def test_datelines_name_places_and_the_claimed_wire(opening, places, wire):
    text = _doc(HEADLINE, f"{opening} {BODY}")
    meta = parse_text_header(text)
    assert meta.dateline is not None
    assert (meta.dateline.places, meta.dateline.wire) == (places, wire)
    assert meta.dateline.span.of(text) == opening
    assert all(removal.span.end <= meta.dateline.span.start for removal in meta.header_removals)


def test_a_dated_dateline_gives_the_date():
    meta = parse_text_header(_doc(HEADLINE, f"LONDON, Jan 7, 2022 (Reuters) - {BODY}"))
    assert meta.dateline.places == ("London",)
    assert meta.published == datetime(2022, 1, 7)


def test_a_dateline_after_a_byline_or_a_standfirst_is_found():
    standfirst = "Allies pledge to deter destabilising moves in the region"
    after_byline = parse_text_header(_doc(HEADLINE, "By Jane Doe", f"TOKYO (Reuters) - {BODY}"))
    assert after_byline.dateline.places == ("Tokyo",)
    after_standfirst = parse_text_header(_doc(HEADLINE, standfirst, f"MANCHESTER, N.H. - {BODY}"))
    assert after_standfirst.dateline.places == ("Manchester", "N.H.")


def test_after_a_long_first_paragraph_only_a_wire_dateline_counts():
    paragraph = " ".join([BODY, SECOND, BODY])
    assert parse_text_header(_doc(HEADLINE, paragraph, f"TOKYO - {BODY}")).dateline is None
    assert parse_text_header(_doc(HEADLINE, paragraph, f"TOKYO (AFP) - {BODY}")).dateline.wire == "AFP"


def test_a_dash_glued_to_the_first_word_still_ends_the_dateline():
    text = _doc(HEADLINE, "BOSTON —Standing in front of a cheering crowd, the candidate spoke.")
    assert parse_text_header(text).dateline.span.of(text) == "BOSTON —"


@pytest.mark.parametrize(
    "first_paragraph",
    [
        BODY,
        "BREAKING — The United States and Japan agreed on Friday to work together.",
        "Tokyo - the capital of Japan - hosted the meeting on Friday.",
        "The statement (Reuters) - it said - was released late.",
        "AP-GfK Poll: Voters increasingly see Sanders as electable.",
    ],
)
def test_paragraphs_without_a_dateline_give_none(first_paragraph):
    assert parse_text_header(_doc(HEADLINE, first_paragraph, SECOND)).dateline is None


def test_a_dateline_deeper_in_the_body_is_not_the_dateline():
    assert parse_text_header(_doc(HEADLINE, BODY, SECOND, f"TOKYO (Reuters) - {BODY}")).dateline is None


@pytest.mark.parametrize("text", ["", "\n \n\t\n"])
def test_an_empty_text_has_no_metadata(text):
    meta = parse_text_header(text)
    assert (meta.title, meta.site, meta.byline, meta.dateline, meta.published) == (None,) * 5
    assert meta.header_removals == []


def test_a_one_line_text_is_named_but_never_removed():
    meta = parse_text_header(HEADLINE)
    assert meta.title == HEADLINE
    assert meta.header_removals == []


def test_a_one_line_dateline_story_has_no_title():
    meta = parse_text_header(f"BEIJING (AP) — {BODY}")
    assert meta.title is None
    assert meta.dateline.wire == "AP"


def test_a_first_line_too_long_for_a_headline_is_body():
    paragraph = " ".join([BODY, SECOND, BODY])
    meta = parse_text_header(_doc(paragraph, SECOND))
    assert meta.title is None and meta.header_removals == []


def test_wire_names_are_canonical():
    assert canonical_wire("The  Associated Press") == "AP"
    assert canonical_wire("Thomson Reuters") == "Reuters"
    assert canonical_wire("Example Times") is None


def test_find_date_reports_where_the_date_is():
    text = "Posted January 7, 2022 by staff"
    published, start, end = find_date(text)
    assert published == datetime(2022, 1, 7)
    assert text[start:end] == "January 7, 2022"
