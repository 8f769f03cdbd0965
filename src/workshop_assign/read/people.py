"""Who is who in an export: the key column, names, organisation, time stamps, status.

The key must really identify people: an e-mail column when nearly every row has an
address, else a response ID, else the names.  Rows are then sorted out the way an
organizer would: unsubmitted responses and cancellations are not attendees, and a person
who registered twice counts once, with their latest submission.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.errors import SpreadsheetError, worded
from workshop_assign.read.text import cell_text, fold, is_blank

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
TIME_HEADERS = (
    "completion time",
    "fertigstellungszeit",
    "submitdate",
    "datum abgeschickt",
    "zeitstempel",
    "timestamp",
    "last modified time",
    "zeitpunkt der letzten änderung",
    "datestamp",
    "datum letzte aktivität",
    "start time",
    "startzeit",
    "startdate",
)
SUBMIT_HEADERS = {"submitdate", "datum abgeschickt", "submit date", "abgeschickt"}


@dataclass(frozen=True, slots=True)
class PeopleColumns:
    """The columns that say who someone is and when they registered."""

    key: str
    email: str | None
    names: tuple[str, ...]
    organisation: str | None
    timestamp: str | None
    submitted: str | None
    why: str = "given"  # how the key was chosen: given, email, ticket, id, names, unique


def find_people_columns(frame: pd.DataFrame, key: str | None, skip: set[str]) -> PeopleColumns:
    """Detect (or check the given) key column and the other identifying columns."""
    headers = [str(c) for c in frame.columns if c not in skip]
    folded = {h: fold(h) for h in headers}
    email = _email_column(frame, headers)
    names = _name_columns(headers, folded)
    org = next((h for h in headers if any(w in folded[h] for w in ORG_WORDS)), None)
    stamp = next((h for t in TIME_HEADERS for h in headers if folded[h] == t), None)
    submitted = next((h for h in headers if folded[h] in SUBMIT_HEADERS), None)
    if key is not None:
        if key not in frame.columns:
            listed = ", ".join(repr(str(c)) for c in frame.columns[:12])
            raise SpreadsheetError(worded("no_key_column", key=key, listed=listed))
        return PeopleColumns(key, email, names, org, stamp, submitted)
    chosen, why = _choose_key(frame, headers, folded, email, names)
    return PeopleColumns(chosen, email, names, org, stamp, submitted, why)


def _email_column(frame: pd.DataFrame, headers: list[str]) -> str | None:
    """The column of e-mail addresses: where an order and an attendee address are both
    exported, the one with the most different addresses (the attendee's own)."""
    sample = frame.head(2000)
    found = [h for h in headers if _emails(sample[h]) >= 0.8]
    return max(found, key=lambda h: sample[h].map(_plain).nunique(), default=None)


def _choose_key(
    frame: pd.DataFrame,
    headers: list[str],
    folded: dict[str, str],
    email: str | None,
    names: tuple[str, ...],
) -> tuple[str, str]:
    """The key column and why: e-mail first (re-registrations are found by it, names
    keep colleagues apart); a ticket or personal number where addresses are shared and
    no names tell people apart; then a response or user ID; then the names; last, any
    column whose cells are all different."""
    idlike = [
        h for h in headers if folded[h] in ID_HEADERS or any(w in folded[h] for w in TICKET_WORDS)
    ]
    unique = [
        h
        for h in idlike
        if _filled(frame[h]) >= 0.95 and frame[h].map(_plain).is_unique and not _is_date(frame[h])
    ]
    ticket = next((h for h in unique if any(w in folded[h] for w in TICKET_WORDS)), None)
    if email is not None and _filled(frame[email]) >= 0.8:
        if not names and ticket is not None and frame[email].map(_plain).duplicated().any():
            return ticket, "ticket"  # a shared address, and no names to tell people apart
        return email, "email"
    if ticket is not None:
        return ticket, "ticket"
    ident = next((h for h in unique if folded[h] in ID_HEADERS), None)
    if ident is not None:
        return ident, "id"
    if names:
        return names[0], "names"
    distinct = next((h for h in headers if _distinct_text(frame[h])), None)
    if distinct is not None:
        return distinct, "unique"
    raise SpreadsheetError(worded("no_key"))


def _name_columns(headers: list[str], folded: dict[str, str]) -> tuple[str, ...]:
    full = next((h for h in headers if folded[h] in NAME_HEADERS), None)
    first = next((h for h in headers if folded[h] in FIRST_HEADERS), None)
    last = next((h for h in headers if folded[h] in LAST_HEADERS), None)
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
    values = column.map(lambda v: None if is_blank(v) else v)
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


def _emails(column: pd.Series) -> float:
    values = [v for v in column.tolist()[:500] if not is_blank(v)]
    return sum("@" in str(v) for v in values) / len(values) if values else 0.0


def _filled(column: pd.Series) -> float:
    return float(column.map(lambda v: not is_blank(v)).mean()) if len(column) else 0.0
