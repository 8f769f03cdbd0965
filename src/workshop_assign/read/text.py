"""Text normalisation and the header vocabulary of form tools, in German and English.

``fold`` is what a careful reader ignores without a second thought (spacing, case,
Unicode form, dash and quote styles); ``loose`` also ignores how umlauts and
punctuation were typed.  Ordinals ("Erstwunsch", "2. Wahl", "Third choice", "[Rang 4]")
are parsed here, for headers and for grid cells alike.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from datetime import date, datetime, time

from workshop_assign.text import Language

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_QUOTES = dict.fromkeys(map(ord, "‘’‚‛`´"), "'") | dict.fromkeys(map(ord, "“”„‟«»"), '"')
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}

ORDINAL_WORDS = {
    "erst": 1,
    "zweit": 2,
    "dritt": 3,
    "viert": 4,
    "fuenft": 5,
    "fünft": 5,
    "sechst": 6,
    "siebt": 7,
    "acht": 8,
    "neunt": 9,
    "zehnt": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_CHOICE = (
    r"(?:wunsch|wünsche|wahl|choice|preference|präferenz|praeferenz|priorität|prioritaet"
    r"|priority|prio|option|wish|rang|rank|platz|position)"
)
_WORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_ORDINAL_PATTERNS = [
    re.compile(rf"\b({_WORD})(?:e|er|es|en)?\s*-?\s*{_CHOICE}"),  # Erstwunsch, First choice
    re.compile(rf"\b(\d{{1,2}})\s*(?:\.|st|nd|rd|th)?\s*-?\s*{_CHOICE}"),  # 1. Wahl, 2nd choice
    re.compile(rf"{_CHOICE}\s*(?:nr\.?|no\.?|#)?\s*(\d{{1,2}})\b"),  # Wunsch 1, [Rang 2]
]
_BRACKET = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$")


CACHED_TEXT = 200  # longer texts are folded each time: a cache must not hold huge cells


def fold(text: str) -> str:
    """Ignore spacing, case, Unicode form, and dash and quote styles."""
    return _folded(text) if len(text) <= CACHED_TEXT else _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return " ".join(text.casefold().split())


# An export repeats a few texts thousands of times (workshop names, "ja", dates).
_folded = functools.lru_cache(maxsize=1 << 16)(_fold)


# Punctuation separates words, except a "+" or "#" written onto a word ("C++", "C#"):
# there it is part of the name.
_PUNCTUATION = re.compile(r"(?<![\w+#])[+#]+|[^\w+#]+")


@functools.lru_cache(maxsize=1 << 16)
def loose(text: str) -> str:
    """Also ignore how umlauts, accents and separating punctuation were typed."""
    text = fold(text)
    for umlaut, spelled in _UMLAUTS.items():
        text = text.replace(umlaut, spelled)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


_CODED = re.compile(r"^([a-z][\w\[\]]{0,39})\.\s+(\S.*)$", re.IGNORECASE)


def header_parts(header: object) -> tuple[str, ...]:
    """A heading folded, and for ``code. text`` headings (survey tools' "question code
    and text": ``submitdate. Date submitted``, ``vorname. Vorname``) each part as well, so
    that either part can name the column's role."""
    folded = fold(str(header)).strip(" :?*")
    found = _CODED.match(folded)
    if found is None:
        return (folded,)
    return (folded, found.group(1), found.group(2).strip(" :?*"))


def ordinal(text: str) -> int | None:
    """The rank an ordinal phrase names (1 for "Erstwunsch", "1. Wahl", "[Rank 1]")."""
    folded = fold(text)
    for pattern in _ORDINAL_PATTERNS:
        found = pattern.search(folded)
        if found:
            token = found.group(1)
            number = ORDINAL_WORDS.get(token) or (int(token) if token.isdigit() else None)
            if number:
                return number
    return None


def rank_cell(value: object) -> int | None:
    """A grid cell as a rank: 1, "1", "1.", "1. Wahl", "First choice"; else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
        return int(value) if float(value).is_integer() and 1 <= value <= 99 else None
    text = str(value)
    return _rank_text(text) if len(text) <= CACHED_TEXT else _text_rank(text)


def _text_rank(text: str) -> int | None:
    text = fold(text).rstrip(".")
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 99 else None
    return ordinal(text) or ORDINAL_WORDS.get(re.sub(r"(e|er|es|en)$", "", text))


_rank_text = functools.lru_cache(maxsize=1 << 16)(_text_rank)


_RANK_PREFIX = re.compile(r"^\s*(?:\d{1,2}\s*[.:)]|#\d{1,2}:?|\(\d{1,2}\))\s*")


def split_list(text: str) -> list[str] | None:
    """The options of a cell that lists several, in order; ``None`` for a single value.

    Microsoft Forms joins a ranking with ";" (and ends it with one, so "A;" is a list of
    one); other tools put one option per line or separate them with commas, some number
    them ("1. A", "2: B").  Commas count only where neither ";" nor a line break occurs.
    """
    for separator in (";", "\n", ","):
        if separator in text:
            parts = [_RANK_PREFIX.sub("", p).strip() for p in text.split(separator)]
            parts = [p for p in parts if p]
            if len(parts) >= 2 or (separator == ";" and parts):
                return parts
            return None
    return None


def options_of(text: str) -> list[str]:
    """The options a ranking cell lists, in order (a single one without its number)."""
    return split_list(text) or [_RANK_PREFIX.sub("", text).strip()]


def bracketed(header: str) -> tuple[str, str] | None:
    """``("Question", "Label")`` for a header ``"Question [Label]"``."""
    found = _BRACKET.match(header)
    return (found.group(1).strip(), found.group(2).strip()) if found else None


_MONTH = r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zäöü]*\.?"
_DATE_TEXT = re.compile(
    r"^\s*(?:\d{1,4}[-./]\s*\d{1,2}[-./]\s*\d{1,4}"  # 2025-05-01, 01.05.2025, 5/1/25
    rf"|\d{{1,2}}\.?\s+{_MONTH},?\s+\d{{2,4}}"  # 1. Mai 2025, 1 May 2025
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})",  # May 1, 2025
    re.IGNORECASE,
)


def looks_like_date(text: str) -> bool:
    """True when a text starts like a date (numbers, or a month's name), as form tools
    and spreadsheets write them."""
    return _DATE_TEXT.match(text) is not None


def is_blank(value: object) -> bool:
    """Empty cell: None, NaN, or only white space."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def cell_text(value: object) -> str:
    """A cell as text the way a spreadsheet shows it (2.0 -> "2", dates as ISO)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


GERMAN_WORDS = (
    "wunsch",
    "wahl",
    "zeitstempel",
    "e-mail-adresse",
    "vorname",
    "nachname",
    "startzeit",
    "fertigstellungszeit",
    "rang",
    "platz",
    "anmeldung",
    "teilnehm",
    "abgeschickt",
    "kommune",
    "behörde",
    "priorität",
    "plätze",
    "organisation",
)
ENGLISH_WORDS = (
    "choice",
    "timestamp",
    "email address",
    "first name",
    "last name",
    "start time",
    "completion time",
    "rank",
    "preference",
    "submitted",
    "organization",
    "seats",
    "priority",
)


def language_of(headers: list[str]) -> Language:
    """ "de" when the headers read German, else "en"."""
    text = " ".join(fold(h) for h in headers)
    german = sum(text.count(w) for w in GERMAN_WORDS)
    english = sum(text.count(w) for w in ENGLISH_WORDS)
    return "de" if german > english else "en"
