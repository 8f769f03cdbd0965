"""When a workshop takes place, from a workshop table's ``Datum``, ``Beginn`` and ``Ende``
(``Date``, ``Start``, ``End``) cells, however a spreadsheet or a person wrote them.

A cell is a date, a time of day, both, or a fraction of a day (Excel's time); a text
is read in German and international forms ("12.06.2025", "2025-06-12", "14:00",
"14.30 Uhr", "2:30 PM").  A cell that holds something else is not guessed at: the reader
stops and names it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

_DAY = [
    (re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})\b"), ("d", "m", "y")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("m", "d", "y")),
]
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(uhr|h|am|pm|a\.m\.|p\.m\.)?\s*$", re.I)
EXCEL_EPOCH_YEAR = 1900  # a datetime before this is a time of day written as a date


class NotAMomentError(ValueError):
    """A cell that is neither a date nor a time of day."""


def day_of(value: object) -> date | None:
    """The date a cell names (None when empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date() if value.year > EXCEL_EPOCH_YEAR else None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern, order in _DAY:
        found = pattern.search(text)
        if found:
            parts = dict(zip(order, map(int, found.groups()), strict=True))
            year = parts["y"] + 2000 if parts["y"] < 100 else parts["y"]
            try:
                return date(year, parts["m"], parts["d"])
            except ValueError:
                break
    raise NotAMomentError(text)


def clock_of(value: object) -> time | None:
    """The time of day a cell names (None when empty or a date only)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, date):
        return None
    if isinstance(value, int | float) and 0 <= value < 1:
        seconds = round(float(value) * 86_400 / 60) * 60  # Excel's fraction of a day
        return (datetime.min + timedelta(seconds=seconds)).time()
    return _clock_text(str(value).strip())


def _clock_text(text: str) -> time:
    found = _CLOCK.search(text)
    if not found:
        raise NotAMomentError(text)
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    suffix = (found.group(3) or "").lower().replace(".", "")
    if suffix in ("pm",) and hour < 12:
        hour += 12
    if suffix in ("am",) and hour == 12:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60) or (found.group(2) is None and not suffix):
        raise NotAMomentError(text)
    return time(hour, minute)


def span(day: object, start: object, end: object) -> tuple[datetime | None, datetime | None]:
    """When something begins and ends, from a date and two times of day as written."""
    on = day_of(day)
    return moment(on, clock_of(start)), moment(on, clock_of(end))


def moment(day: date | None, clock: time | None) -> datetime | None:
    """A date and a time of day as one moment; None unless both are known."""
    return datetime.combine(day, clock) if day is not None and clock is not None else None
