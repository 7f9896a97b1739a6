"""Relative dates in an event sentence resolved against the article's publication date."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_WEEKDAY = re.compile(r"\b(?:on |last |this )?(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\.? (\d{1,2})\b", re.IGNORECASE)
_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "this week": 0, "last week": -7, "earlier this week": 0}


def resolve_date(sentence: str, published: datetime | None) -> datetime | None:
    """The day the sentence says its event happened, or the publication day when it says none."""
    if published is None:
        return None
    day = _month_day(sentence, published) or _weekday(sentence, published)
    if day is not None:
        return day
    lowered = sentence.lower()
    for phrase, days in sorted(_OFFSETS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{phrase}\b", lowered):
            return published + timedelta(days=days)
    return published


def _weekday(sentence: str, published: datetime) -> datetime | None:
    match = _WEEKDAY.search(sentence)
    if match is None:
        return None
    wanted = WEEKDAYS.index(match.group(1).lower())
    back = (published.weekday() - wanted) % 7
    if match.group(0).lower().startswith("last ") and back == 0:
        back = 7
    return published - timedelta(days=back)


def _month_day(sentence: str, published: datetime) -> datetime | None:
    match = _MONTH_DAY.search(sentence)
    if match is None:
        return None
    month, day = MONTHS.index(match.group(1).lower()) + 1, int(match.group(2))
    try:
        found = published.replace(month=month, day=day)
    except ValueError:
        return None
    return found.replace(year=found.year - 1) if found > published + timedelta(days=7) else found
