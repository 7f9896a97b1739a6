"""Metadata from the head of a plain-text article: title, site, byline, dateline and date.

Plain-text convention: the title is the first non-empty line and the body follows. Before the title
a page may carry a short label (a site or section name: "Reuters", "Example News - World", or a stray
widget heading); after it, a byline, a date line or a "Source: X" line. The first body paragraph may
open with a dateline ("TOKYO/WASHINGTON (Reuters) –").

Every header line found becomes a Removal with a reason: ``headline`` (the title line),
``repeated-in-document`` (further copies of the headline right after it), ``site-name``,
``page-header`` (a label above the headline that names no site), ``byline`` and
``publication-date``. The dateline stays in the body; its span is recorded.

Nothing is invented. A site is only named when the label says so (a known wire, a news word such as
"News" or "Times", a domain, "Source: X"); a date only when a full date with a year is written in the
header or the dateline ("WASHINGTON, Jan 7 (Reuters)" gives no date). Dates without a time zone are
returned naive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from storytrace.clean.lines import Line, normalise, split_lines, word_count
from storytrace.model import Dateline, Removal, Span

HEAD_LINES = 8  # non-empty lines looked at
MAX_TITLE_WORDS = 30
MAX_LABEL_WORDS = 6
MAX_BYLINE_WORDS = 14
MAX_DATE_LINE_WORDS = 10
MAX_HEADER_LINES_AFTER_TITLE = 3
MAX_STANDFIRST_WORDS = 40

_WIRES = {
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "xinhua": "Xinhua",
    "dpa": "dpa",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "upi": "UPI",
    "ani": "ANI",
    "pti": "PTI",
    "ians": "IANS",
    "cnn": "CNN",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "efe": "EFE",
    "ansa": "ANSA",
}
_NEWS_WORDS = frozenset(
    "News Times Post Herald Tribune Journal Daily Gazette Press Telegraph Guardian Chronicle "
    "Observer Monitor Media TV Radio Today".split()
)
_SECTIONS = frozenset(
    "world politics business news sport sports tech technology opinion local national asia europe "
    "africa americas us uk markets health science culture entertainment".split()
)
_CREDIT_WORDS = frozenset(
    "staff team publishing editorial news desk web digital editor editors reporter reporters writer "
    "writers correspondent correspondents admin contributor".split()
)
_PARTICLES = frozenset({"de", "del", "van", "von", "der", "den", "bin", "al", "da", "la", "le", "du", "di"})
_DATE_WORDS = frozenset(
    "published updated posted last modified on at date am pm a m p gmt utc et est edt pt pst pdt bst "
    "cet cest jst ist monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu "
    "thur thurs fri sat sun".split()
)
_NOT_PLACES = frozenset("BREAKING UPDATE UPDATED EXCLUSIVE WATCH ANALYSIS OPINION FACTBOX EXPLAINER LIVE".split())
_MONTH_NUMBERS = {name: number for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b", re.I)
_ISO_DATE = re.compile(
    rf"\b{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)"
    r"(?P<time>[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d:])"
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?::\d\d)?\b")

_SOURCE_LINE = re.compile(r"^(?:source|published by|publisher|via)\s*:?\s+(?P<site>.+)$", re.I)
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.I)
_LABEL_SEPARATOR = re.compile(r"\s+[|\-–—]\s+")
_BYLINE = re.compile(r"^(?:(?:written|posted|reported|words|story|text)\s+)?by\b\s*:?\s*(?P<credit>.+)$", re.I)
_CREDIT_SPLIT = re.compile(r"\s*(?:,|&|\||•|·|\band\b|\s[-–—]\s)\s*")

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s{_CAPS_WORD})*"
_TITLE_WORD = r"(?:[A-Z][a-z'’\-]+\.?|(?:[A-Z]\.){2,})"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,3}}"
_NO_MONTH = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
_QUALIFIER = rf",\s{_NO_MONTH}(?P<qualifier>{_TITLE_PLACE}|{_CAPS_PLACE})"
_DATELINE_DATE = r",\s(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}(?:,\s\d{4})?)"
_CREDIT = r"\((?P<wire>[A-Za-z][\w .&'’\-]{0,38})\)"
_DASH = r"(?P<dash>(?:--|-)(?=\s)|[–—](?=\s|[A-Z“\"]))"  # a hyphen glued to a word is no dash
_CAPS_DATELINE = re.compile(
    rf"^(?P<places>{_CAPS_PLACE}(?:\s?/\s?{_CAPS_PLACE})*)(?:{_QUALIFIER})?(?:{_DATELINE_DATE})?(?:\s*{_CREDIT})?\s*{_DASH}"
)
_TITLED_DATELINE = re.compile(
    rf"^(?P<places>{_TITLE_PLACE}(?:\s?/\s?{_TITLE_PLACE})*)(?:{_QUALIFIER})?(?:{_DATELINE_DATE})?\s*{_CREDIT}\s*{_DASH}"
)
_WIRE_ONLY_DATELINE = re.compile(rf"^{_CREDIT}\s*{_DASH}")


@dataclass(slots=True)
class TextMeta:
    title: str | None = None
    site: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    published: datetime | None = None
    header_removals: list[Removal] = field(default_factory=list)

    def remove(self, line: Line, reason: str, detail: str) -> None:
        self.header_removals.append(Removal(line.span, reason, line.text, detail))


def parse_text_header(text: str) -> TextMeta:
    """Title, site, byline, dateline and date from the head of a plain-text article."""
    meta = TextMeta()
    lines = split_lines(text)[:HEAD_LINES]
    if len(lines) < 2:
        _read_single_line(lines, meta)
        return meta
    position = _read_label(lines, meta)
    position = _read_title(lines, position, meta)
    position = _read_header_lines(lines, position, meta)
    _read_dateline(lines[position : position + 2], meta)
    return meta


def canonical_wire(name: str) -> str | None:
    """The canonical name of a news agency ("The Associated Press" -> "AP"), or None."""
    return _WIRES.get(" ".join(name.split()).casefold())


def _read_single_line(lines: list[Line], meta: TextMeta) -> None:
    # One line is the whole body: it may be named the title but is never removed.
    if lines and _match_dateline(lines[0]) is None and _is_headline(lines[0].text):
        meta.title = lines[0].text
    _read_dateline(lines, meta)


# Label and title ---------------------------------------------------------------------------------


def _read_label(lines: list[Line], meta: TextMeta) -> int:
    first, title = lines[0], lines[1]
    if not _is_label(first.text) or not _is_headline(title.text) or _is_header_line(title.text):
        return 0
    site = _site_from_label(first.text)
    doubled = len(lines) > 2 and _same(lines[2].text, title.text)
    if site is None and not doubled:
        return 0
    meta.site = site
    if site is None:
        meta.remove(first, "page-header", "short label above the headline, naming no site")
    else:
        meta.remove(first, "site-name", f"site label above the headline: {site}")
    return 1


def _read_title(lines: list[Line], position: int, meta: TextMeta) -> int:
    if position + 1 < len(lines) and is_date_line(lines[position].text):
        _read_header_line(lines[position], meta)  # the date above the headline ("Tuesday, August 7, 2012")
        position += 1
    first = lines[position]
    if not _is_headline(first.text) or _match_dateline(first) is not None:
        return position
    meta.title = first.text
    meta.remove(first, "headline", "the title line (plain-text convention: first line)")
    position += 1
    while position < len(lines) and _same(lines[position].text, first.text):
        meta.remove(lines[position], "repeated-in-document", "the headline again, right after itself")
        position += 1
    return position


def _same(text: str, other: str) -> bool:
    return normalise(text, mask_digits=False) == normalise(other, mask_digits=False)


def _is_label(text: str) -> bool:
    return word_count(text) <= MAX_LABEL_WORDS and not text.endswith((".", "!", "?", ","))


def _is_headline(text: str) -> bool:
    return 0 < word_count(text) <= MAX_TITLE_WORDS


def _site_from_label(text: str) -> str | None:
    source = _SOURCE_LINE.match(text)
    if source:
        return source["site"].strip()
    if wire := canonical_wire(text):
        return wire
    parts = _LABEL_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2 and (_is_newsy(parts[0]) or parts[1].strip().casefold() in _SECTIONS):
        return parts[0].strip()
    return text if _is_newsy(text) or _DOMAIN.match(text) else None


def _is_newsy(text: str) -> bool:
    return canonical_wire(text) is not None or any(word in _NEWS_WORDS for word in text.split())


# Byline, date and source lines after the title ---------------------------------------------------


def _read_header_lines(lines: list[Line], position: int, meta: TextMeta) -> int:
    end = min(len(lines), position + MAX_HEADER_LINES_AFTER_TITLE)
    while position < end and _read_header_line(lines[position], meta):
        position += 1
    return position


def _is_header_line(text: str) -> bool:
    return _parse_byline(text) is not None or _parse_date_line(text) is not None


def _read_header_line(line: Line, meta: TextMeta) -> bool:
    byline = _parse_byline(line.text) if meta.byline is None else None
    if byline is not None:
        meta.byline, meta.authors = line.text, byline[0]
        meta.published = meta.published or byline[1]
        meta.remove(line, "byline", "byline below the headline")
        return True
    published = _parse_date_line(line.text)
    if published is not None:
        meta.published = meta.published or published
        meta.remove(line, "publication-date", "publication date line in the header")
        return True
    return _read_source_line(line, meta)


def _read_source_line(line: Line, meta: TextMeta) -> bool:
    source = _SOURCE_LINE.match(line.text)
    if source is None or word_count(line.text) > MAX_LABEL_WORDS + 2:
        return False
    meta.site = meta.site or source["site"].strip()
    meta.remove(line, "site-name", "source line in the header")
    return True


def _parse_byline(text: str) -> tuple[list[str], datetime | None] | None:
    """(authors, date written in the byline) for a byline, else None."""
    found = _BYLINE.match(text)
    if found is None or word_count(text) > MAX_BYLINE_WORDS:
        return None
    credit, published = _cut_date(found["credit"])
    parts = [part.strip() for part in _CREDIT_SPLIT.split(credit) if part.strip()]
    parts = [part for part in parts if not _is_date_residue(part) and canonical_wire(part) is None]
    if not all(_is_credit_name(part) for part in parts):
        return None
    names = [part for part in parts if not _is_role(part)] or parts
    return [_name_case(name) for name in names], published


def _cut_date(text: str) -> tuple[str, datetime | None]:
    found = find_date(text)
    if found is None:
        return text, None
    published, start, end = found
    return f"{text[:start]} | {text[end:]}", published


def _is_date_residue(part: str) -> bool:
    """What is left of a date in a byline: a time, "Updated", "Published on"."""
    return all(word.lower() in _DATE_WORDS for word in re.findall(r"[A-Za-z]+", _TIME.sub(" ", part)))


def _is_credit_name(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 5 and all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or word.lower() in _PARTICLES or word.lower() in _CREDIT_WORDS


def _is_role(part: str) -> bool:
    return all(word.lower() in _CREDIT_WORDS for word in part.split())


def _name_case(name: str) -> str:
    return name.title() if name.isupper() else name


def is_date_line(text: str) -> bool:
    """Whether a line holds nothing but a date: a date, never a title."""
    return _parse_date_line(text) is not None


def _parse_date_line(text: str) -> datetime | None:
    """The date of a line that holds nothing but a date ("Published: January 7, 2022 10:30 AM")."""
    if word_count(text) > MAX_DATE_LINE_WORDS:
        return None
    found = find_date(text)
    if found is None:
        return None
    published, start, end = found
    rest = _TIME.sub(" ", f"{text[:start]} {text[end:]}")
    leftover = [word for word in re.findall(r"[A-Za-z]+", rest) if word.lower() not in _DATE_WORDS]
    return None if leftover else published


# Dates -------------------------------------------------------------------------------------------


def find_date(text: str) -> tuple[datetime, int, int] | None:
    """The first full date (with a year) written in ``text``, with its character range."""
    for pattern in (_ISO_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        for found in pattern.finditer(text):
            parsed = _date_of(found)
            if parsed is not None:
                return parsed, found.start(), found.end()
    return None


def _date_of(found: re.Match[str]) -> datetime | None:
    month = found["month"]
    number = int(month) if month.isdigit() else _MONTH_NUMBERS[month[:3].lower()]
    try:
        if found.re is _ISO_DATE and found["time"]:
            return datetime.fromisoformat(found.group(0))
        return datetime(int(found["year"]), number, int(found["day"]))
    except ValueError:
        return None


# Dateline ----------------------------------------------------------------------------------------


def _read_dateline(candidates: list[Line], meta: TextMeta) -> None:
    """A dateline opening the first body line, or the second one after a standfirst.

    After a long first paragraph only a dateline naming a wire counts on the second line.
    """
    for index, line in enumerate(candidates):
        found = _match_dateline(line)
        if found is not None and (index == 0 or found["wire"] or _is_standfirst(candidates[0])):
            meta.dateline = _dateline(line, found)
            meta.published = meta.published or _dateline_date(found)
            return


def _is_standfirst(line: Line) -> bool:
    return word_count(line.text) <= MAX_STANDFIRST_WORDS


def _match_dateline(line: Line) -> re.Match[str] | None:
    found = _CAPS_DATELINE.match(line.text)
    if found is not None and not (set(found["places"].split()) & _NOT_PLACES):
        return found
    for pattern in (_TITLED_DATELINE, _WIRE_ONLY_DATELINE):
        found = pattern.match(line.text)
        if found is not None and canonical_wire(found["wire"]):
            return found
    return None


def _dateline(line: Line, found: re.Match[str]) -> Dateline:
    span = Span(line.span.start + found.start(), line.span.start + found.end("dash"))
    wire = found["wire"]
    return Dateline(span, _places(found), (canonical_wire(wire) or wire.strip()) if wire else None)


def _places(found: re.Match[str]) -> tuple[str, ...]:
    if "places" not in found.re.groupindex:
        return ()
    names = [_place_name(place) for place in found["places"].split("/")]
    if found["qualifier"]:
        names.append(_place_name(found["qualifier"]))
    return tuple(names)


def _place_name(raw: str) -> str:
    name = " ".join(raw.split())
    return name.title() if name.isupper() and len(name.replace(".", "")) > 2 else name


def _dateline_date(found: re.Match[str]) -> datetime | None:
    written = found["date"] if "date" in found.re.groupindex else None
    dated = find_date(written) if written else None
    return dated[0] if dated else None
