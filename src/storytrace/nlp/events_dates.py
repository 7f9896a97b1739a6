"""Relative dates in an event sentence resolved against the article's publication date."""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta
from typing import NamedTuple

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_WEEKDAY = re.compile(r"\b(?:on |last |this )?(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\.? (\d{1,2})\b", re.IGNORECASE)
_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "this week": 0, "last week": -7, "earlier this week": 0}
_OFFSET_PHRASES = [(re.compile(rf"\b{phrase}\b"), days) for phrase, days in sorted(_OFFSETS.items(), key=lambda item: -len(item[0]))]


class DateWords(NamedTuple):
    """What a sentence says of its day, read once per sentence text (copies repeat sentences)."""

    month_day: tuple[int, int] | None  # "March 3"
    weekday: tuple[int, bool] | None  # "on Friday": the weekday, and whether it was "last Friday"
    offset: int | None  # days from publication: "yesterday" -1


def resolve_date(sentence: str, published: datetime | None) -> datetime | None:
    """The day the sentence says its event happened, or the publication day when it says none."""
    if published is None:
        return None
    words = date_words(sentence)
    day = _month_day(words.month_day, published) or _weekday(words.weekday, published)
    if day is not None:
        return day
    if words.offset is not None:
        return published + timedelta(days=words.offset)
    return published


@functools.lru_cache(maxsize=1 << 14)
def date_words(sentence: str) -> DateWords:
    month_day = _MONTH_DAY.search(sentence)
    weekday = _WEEKDAY.search(sentence)
    lowered = sentence.lower()
    return DateWords(
        (MONTHS.index(month_day.group(1).lower()) + 1, int(month_day.group(2))) if month_day else None,
        (WEEKDAYS.index(weekday.group(1).lower()), weekday.group(0).lower().startswith("last ")) if weekday else None,
        next((days for pattern, days in _OFFSET_PHRASES if pattern.search(lowered)), None),
    )


def _weekday(weekday: tuple[int, bool] | None, published: datetime) -> datetime | None:
    if weekday is None:
        return None
    wanted, last = weekday
    back = (published.weekday() - wanted) % 7
    if last and back == 0:
        back = 7
    return published - timedelta(days=back)


def _month_day(month_day: tuple[int, int] | None, published: datetime) -> datetime | None:
    if month_day is None:
        return None
    month, day = month_day
    try:
        found = published.replace(month=month, day=day)
    except ValueError:
        return None
    return found.replace(year=found.year - 1) if found > published + timedelta(days=7) else found
