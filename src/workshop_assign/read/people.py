"""Who is who in an export: the key column, names, organisation, time stamps, status.

The key must really identify people: an e-mail column when nearly every row has an
address, else a response ID, else the names.  Rows are then sorted out the way an
organizer would: unsubmitted responses and cancellations are not attendees, and a person
who registered twice counts once, with their latest submission.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.text import cell_text, fold, header_parts, is_blank, looks_like_date
from workshop_assign.text import worded

TICKET_WORDS = (
    "ticket",
    "position id",
    "positions-id",
    "attendee #",
    "attendee id",
    "teilnehmer-nr",
    "teilnehmernummer",
    "personalnummer",
    "personal number",
    "personnel number",
    "employee id",
    "mitarbeiter-nr",
    "barcode",
    "badge",
)
ID_HEADERS = {
    "id",
    "#",
    "submission id",
    "token",
    "benutzer-id",
    "user id",
    "userid",
    "benutzerkennung",
    "kennung",
    "antwort id",
    "response id",
    "responseid",
    "respondent id",
    "antwort-id",
    "teilnehmer-id",
    "lfd. nr.",
    "lfd nr",
    "nr",
    "nr.",
    "registration id",
    "anmelde-id",
}
NAME_HEADERS = {
    "name",
    "vollständiger name",
    "full name",
    "teilnehmer",
    "teilnehmerin",
    "teilnehmende",
    "participant",
    "ihr name",
    "your name",
    "name, vorname",
    "anzeigename",
    "user display name",
    "display name",
    "attendee name",
    "teilnehmername",
    "name des teilnehmers",
    "name der teilnehmerin",
    "name des teilnehmenden",
    "wie heißen sie?",
    "what is your name?",
}
FIRST_HEADERS = {"vorname", "first name", "given name", "firstname"}
LAST_HEADERS = {"nachname", "last name", "surname", "family name", "familienname", "lastname"}
ORG_WORDS = (
    "organisation",
    "organization",
    "kommune",
    "institution",
    "behörde",
    "verwaltung",
    "firma",
    "einrichtung",
    "arbeitgeber",
    "company",
    "dienststelle",
    "gemeinde",
)
TIME_HEADERS = (  # best first: when the answer was sent, then last changed, then begun
    "completion time",
    "fertigstellungszeit",
    "submitdate",
    "date submitted",
    "submission date",
    "submitted at",
    "submitted",
    "submit date",
    "datum abgeschickt",
    "abgeschickt",
    "abgesendet",
    "zeitstempel",
    "timestamp",
    "eingangsdatum",
    "anmeldedatum",
    "registration date",
    "registered at",
    "created at",
    "created",
    "erstellt",
    "order date",
    "bestelldatum",
    "last modified time",
    "zeitpunkt der letzten änderung",
    "datestamp",
    "date last action",
    "datum letzte aktivität",
    "start time",
    "startzeit",
    "startdate",
    "date started",
    "datum gestartet",
)
SAMPLE_STAMPS = 200  # cells looked at to tell a column of time stamps
NOT_REGISTRATION = ("geburt", "birth", "anreise", "arrival", "abreise", "departure")
SUBMIT_HEADERS = {
    "submitdate",
    "datum abgeschickt",
    "submit date",
    "date submitted",
    "submission date",
    "submitted at",
    "abgeschickt",
    "abgesendet",
}
STATUS_HEADERS = (
    "status",
    "response status",
    "antwortstatus",
    "completed",
    "complete",
    "completion",
    "finished",
    "vollständig",
    "abgeschlossen",
    "beendet",
)
FINISHED = {
    "complete",
    "completed",
    "finished",
    "submitted",
    "done",
    "true",
    "yes",
    "1",
    "vollständig",
    "abgeschlossen",
    "beendet",
    "abgeschickt",
    "wahr",
    "ja",
}
UNFINISHED = {
    "incomplete",
    "partial",
    "partially completed",
    "partially complete",
    "in progress",
    "unfinished",
    "not submitted",
    "not finished",
    "false",
    "no",
    "0",
    "unvollständig",
    "teilweise",
    "teilweise ausgefüllt",
    "nicht abgeschlossen",
    "nicht abgeschickt",
    "abgebrochen",
    "unterbrochen",
    "falsch",
    "nein",
}


@dataclass(frozen=True, slots=True)
class PeopleColumns:
    """The columns that say who someone is, when they registered and whether they sent
    their answer."""

    key: str
    email: str | None
    names: tuple[str, ...]
    organisation: str | None
    timestamp: str | None
    submitted: str | None
    why: str = "given"  # how the key was chosen: given, email, ticket, id, names, unique
    status: str | None = None  # a survey tool's completion column ("Complete"/"Partial")


def find_people_columns(frame: pd.DataFrame, key: str | None, skip: set[str]) -> PeopleColumns:
    """Detect (or check the given) key column and the other identifying columns.

    Headings are hints, read by their parts (``submitdate. Date submitted``); the time of
    registration is the column whose cells are dates and times, and a completion column
    counts only where its cells say complete or not."""
    headers = [str(c) for c in frame.columns if c not in skip]
    parts = {h: header_parts(h) for h in headers}
    email = _email_column(frame, headers)
    names = _name_columns(headers, parts)
    org = next((h for h in headers if any(w in p for p in parts[h] for w in ORG_WORDS)), None)
    stamp = timestamp_column(frame, headers, parts)
    submitted = next((h for h in headers if SUBMIT_HEADERS & set(parts[h])), None)
    status = _status_column(frame, headers, parts)
    if key is not None:
        if key not in frame.columns:
            listed = ", ".join(repr(str(c)) for c in frame.columns[:12])
            raise SpreadsheetError(worded("no_key_column", key=key, listed=listed))
        return PeopleColumns(key, email, names, org, stamp, submitted, status=status)
    chosen, why = _choose_key(frame, headers, parts, email, names)
    return PeopleColumns(chosen, email, names, org, stamp, submitted, why, status)


def timestamp_column(
    frame: pd.DataFrame, headers: list[str], parts: dict[str, tuple[str, ...]]
) -> str | None:
    """The column that says when someone registered, found by its cells: dates and times.

    Of such columns, the one whose heading (or a part of it) names the moment of sending
    comes first, then of last change, then of starting (``TIME_HEADERS``); a column of
    dates and times whose heading says nothing counts when its cells carry times of
    day (a birthday has none)."""
    best: tuple[float, str] | None = None
    for header in headers:
        folded = parts[header]
        if any(w in p for p in folded for w in NOT_REGISTRATION):
            continue
        rank = _time_rank(folded)
        if best is not None and rank >= best[0]:
            continue
        stamps = _stamps_of(frame[header])
        if stamps is None:
            continue
        times = bool((stamps.dt.normalize() != stamps).mean() >= 0.5)
        if rank < len(TIME_HEADERS) or times:
            best = (rank, header)
    return best[1] if best else None


def _time_rank(parts: tuple[str, ...]) -> float:
    """How well a heading names the time of registration: the index of the first
    ``TIME_HEADERS`` entry it is (or, half a step worse, contains); else past the end."""
    for i, hint in enumerate(TIME_HEADERS):
        if hint in parts:
            return i
        if any(hint in p for p in parts):
            return i + 0.5
    return len(TIME_HEADERS) + 1


def _stamps_of(column: pd.Series) -> pd.Series | None:
    """The column's first cells as time stamps, when nearly all of them are."""
    sample = [v for v in column.head(SAMPLE_STAMPS).tolist() if not is_blank(v)]
    if not sample:
        return None
    datelike = sum(
        isinstance(v, datetime | pd.Timestamp) or (isinstance(v, str) and looks_like_date(v))
        for v in sample
    )
    if datelike < 0.8 * len(sample):
        return None
    stamps = parse_stamps(pd.Series(sample, dtype=object)).dropna()
    return stamps if len(stamps) >= 0.8 * len(sample) else None


def _status_column(
    frame: pd.DataFrame, headers: list[str], parts: dict[str, tuple[str, ...]]
) -> str | None:
    """A survey tool's completion column: headed as one, its cells complete or not."""
    for header in headers:
        if not any(p == w or p.startswith(w + " ") for p in parts[header] for w in STATUS_HEADERS):
            continue
        values = [fold(cell_text(v)) for v in frame[header].head(2000) if not is_blank(v)]
        if values and sum(v in FINISHED or v in UNFINISHED for v in values) >= 0.9 * len(values):
            return header
    return None


def unfinished(column: pd.Series) -> npt.NDArray[np.bool_]:
    """Rows whose completion cell says the answer was never finished."""
    return column.map(lambda v: not is_blank(v) and fold(cell_text(v)) in UNFINISHED).to_numpy(
        dtype=bool
    )


def _email_column(frame: pd.DataFrame, headers: list[str]) -> str | None:
    """The column of e-mail addresses: where an order and an attendee address are both
    exported, the one with the most different addresses (the attendee's own)."""
    sample = frame.head(2000)
    found = [h for h in headers if _emails(sample[h]) >= 0.8]
    return max(found, key=lambda h: sample[h].map(_plain).nunique(), default=None)


def _choose_key(
    frame: pd.DataFrame,
    headers: list[str],
    parts: dict[str, tuple[str, ...]],
    email: str | None,
    names: tuple[str, ...],
) -> tuple[str, str]:
    """The key column and why: e-mail first (re-registrations are found by it, names
    keep colleagues apart); a ticket or personal number where addresses are shared and
    no names tell people apart; then a response or user ID; then the names; last, any
    column whose cells are all different."""
    idlike = [h for h in headers if _is_id(parts[h]) or _is_ticket(parts[h])]
    unique = [
        h
        for h in idlike
        if _filled(frame[h]) >= 0.95 and frame[h].map(_plain).is_unique and not _is_date(frame[h])
    ]
    ticket = next((h for h in unique if _is_ticket(parts[h])), None)
    if email is not None and _filled(frame[email]) >= 0.8:
        if not names and ticket is not None and frame[email].map(_plain).duplicated().any():
            return ticket, "ticket"  # a shared address, and no names to tell people apart
        return email, "email"
    if ticket is not None:
        return ticket, "ticket"
    ident = next((h for h in unique if _is_id(parts[h])), None)
    if ident is not None:
        return ident, "id"
    if names:
        return names[0], "names"
    distinct = next((h for h in headers if _distinct_text(frame[h])), None)
    if distinct is not None:
        return distinct, "unique"
    raise SpreadsheetError(worded("no_key"))


def _is_id(parts: tuple[str, ...]) -> bool:
    return bool(ID_HEADERS & set(parts))


def _is_ticket(parts: tuple[str, ...]) -> bool:
    return any(w in p for p in parts for w in TICKET_WORDS)


def _name_columns(headers: list[str], parts: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    def first_of(words: set[str]) -> str | None:
        return next((h for h in headers if words & set(parts[h])), None)

    full, first, last = first_of(NAME_HEADERS), first_of(FIRST_HEADERS), first_of(LAST_HEADERS)
    if first and last:
        return (first, last)
    return (full,) if full else ()


def _distinct_text(column: pd.Series) -> bool:
    """Text in nearly every row, all different, no dates: it can tell people apart."""
    sample = column.head(2000)
    texts = sample.map(_plain)
    return (
        _filled(sample) >= 0.95
        and texts[texts != ""].is_unique
        and bool(sample.map(lambda v: isinstance(v, str)).mean() >= 0.95)
    )


def _plain(value: object) -> str:
    return "" if is_blank(value) else fold(cell_text(value))


def _is_date(column: pd.Series) -> bool:
    return bool(column.head(50).map(lambda v: isinstance(v, date | datetime)).any())


def name_reader(frame: pd.DataFrame, columns: PeopleColumns) -> Callable[[int], str]:
    """``name(position)``: a row's name as written ("" when there is none).

    Read row by row on demand: names matter only for the few rows that share a key."""
    if not columns.names or columns.key in columns.names:
        return lambda position: ""
    cells = [frame[p].to_numpy() for p in columns.names]

    def name(position: int) -> str:
        parts = [cell_text(c[position]) for c in cells if not is_blank(c[position])]
        return " ".join(" ".join(parts).split())

    return name


def key_values(frame: pd.DataFrame, columns: PeopleColumns) -> list[str]:
    """Each row's key text ("" when missing); first and last names are joined."""
    joined_names = len(columns.names) == 2 and columns.key == columns.names[0]
    parts = columns.names if joined_names else (columns.key,)
    texts = [
        frame[p].map(lambda v: "" if is_blank(v) else " ".join(cell_text(v).split())) for p in parts
    ]
    joined = texts[0]
    for more in texts[1:]:
        joined = (joined + " " + more).str.strip()
    return joined.tolist()


def identity(key: str) -> str:
    """What makes two keys the same person: case, spacing and Unicode form ignored."""
    if key.isascii() and key.islower() and key.isprintable() and " " not in key:
        return key  # already folded (most e-mail addresses): fold would not change it
    return "".join(fold(key).split()) if "@" in key else fold(key)


def latest_of_each(
    identities: list[str], stamps: pd.Series | None, keep: npt.NDArray[np.bool_]
) -> dict[int, int]:
    """For rows superseded by a later registration of the same person: row -> winner.

    The latest time stamp wins; without (or with equal) time stamps, the later row.
    """
    order = pd.DataFrame(
        {
            "who": identities,
            "time": stamps if stamps is not None else pd.NaT,
            "pos": np.arange(len(identities)),
        }
    )[keep]
    order = order.sort_values(["who", "time", "pos"], na_position="first", kind="stable")
    winners = order.groupby("who", sort=False)["pos"].transform("last")
    lost = order["pos"] != winners
    return dict(zip(order["pos"][lost].tolist(), winners[lost].tolist(), strict=True))


def parse_stamps(column: pd.Series) -> pd.Series:
    """Time stamps from cells: real dates, or text in German (day first) or ISO/US notation.

    Parsed in two vectorised calls (German day-first text, everything else); cells that
    are no time stamp become NaT.  Stamps with a UTC offset ("2025-05-05T09:00+02:00",
    Nextcloud Forms) are compared in UTC.
    """
    values = column.map(lambda v: None if is_blank(v) else _months_as_numbers(v))
    text = values.map(lambda v: v if isinstance(v, str) else "")
    german = text.str.match(r"\s*\d{1,2}\.\d{1,2}\.\d{2,4}").to_numpy(dtype=bool)
    stamps = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    for mask, day_first in ((german, True), (~german, False)):
        if mask.any():
            parsed = pd.to_datetime(
                values[mask], errors="coerce", format="mixed", dayfirst=day_first, utc=True
            )
            stamps[mask] = parsed.dt.tz_localize(None)
    return stamps


_GERMAN_MONTHS = {
    "jan": 1,
    "januar": 1,
    "jänner": 1,
    "feb": 2,
    "februar": 2,
    "mär": 3,
    "märz": 3,
    "maerz": 3,
    "apr": 4,
    "april": 4,
    "mai": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dez": 12,
    "dezember": 12,
}
_GERMAN_DATE = re.compile(
    r"(\d{1,2})\.\s*("
    + "|".join(sorted(_GERMAN_MONTHS, key=len, reverse=True))
    + r")\.?\s+(\d{4})",
    re.IGNORECASE,
)


_GERMAN_TIME = re.compile(r",?\s+(?:um\s+)?(\d{1,2}:\d{2}(?::\d{2})?)(?:\s*uhr\b)?", re.IGNORECASE)


def _months_as_numbers(value: object) -> object:
    """ "5. Mai 2025, 09:03 Uhr" as "5.5.2025 09:03" (English month names pandas reads
    itself)."""
    if not isinstance(value, str):
        return value
    value = _GERMAN_DATE.sub(
        lambda m: f"{m.group(1)}.{_GERMAN_MONTHS[m.group(2).lower()]}.{m.group(3)}", value
    )
    return _GERMAN_TIME.sub(r" \1", value)


def _emails(column: pd.Series) -> float:
    values = [v for v in column.tolist()[:500] if not is_blank(v)]
    return sum("@" in str(v) for v in values) / len(values) if values else 0.0


def _filled(column: pd.Series) -> float:
    return float(column.map(lambda v: not is_blank(v)).mean()) if len(column) else 0.0
