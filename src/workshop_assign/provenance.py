"""Where a problem came from, and every decision made while reading it.

A ``Note`` records one decision about the input (a normalised name, a dropped row, a
detected layout) with where it happened and the original value, in words that can be
rendered in English or German.  A ``Source`` bundles the notes with what an organizer
needs to reproduce and defend a result: the file, its SHA-256, the sheet, the header
row, the layout, the key column, and the rows that were not attendees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["Note", "NoteKind", "Source"]

EXCERPT = 60  # longest excerpt of a cell ever echoed back


def excerpt(value: object) -> str:
    """A short, single-line excerpt of a cell value, safe to show in a message.

    Spaces are kept (they may be the very thing a note is about); line breaks show as ⏎.
    """
    text = str(value).replace("\r\n", "\n").replace("\n", "⏎").replace("\t", " ")
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


class NoteKind(StrEnum):
    """What sort of decision a note records."""

    DETECTED = "detected"  # how the file was understood (sheet, header, layout, key)
    NORMALISED = "normalised"  # a value was read differently from how it was written
    DROPPED = "dropped"  # an input row is not an attendee (cancelled, duplicate, ...)
    WARNING = "warning"  # something the organizer should look at


_TEXT: dict[str, tuple[str, str]] = {
    # code: (English, German); fields in braces come from Note.params
    "sheet": ("read sheet {sheet!r}", "Tabellenblatt {sheet!r} gelesen"),
    "sheet-chosen": (
        "read sheet {sheet!r}: {rows} rows with wishes (passed over: {others}); choose "
        "another with --sheet",
        "Tabellenblatt {sheet!r} gelesen: {rows} Zeilen mit Wünschen (übergangen: {others}); "
        "ein anderes mit --sheet wählen",
    ),
    "header": (
        "column headers found in row {header_row}",
        "Spaltenüberschriften in Zeile {header_row}",
    ),
    "layout": (
        "wishes read as {layout}: {columns} ({evidence}); choose others with --wish-columns",
        "Wünsche gelesen als {layout}: {columns} ({evidence}); andere mit --wish-columns wählen",
    ),
    "people-columns": (
        "names from {names}, organisation from {organisation}, e-mail from {email}, time of "
        "registration from {timestamp}",
        "Namen aus {names}, Organisation aus {organisation}, E-Mail aus {email}, Zeitpunkt "
        "der Anmeldung aus {timestamp}",
    ),
    "wishes-not": (
        "not taken as wishes: {columns} ({rows} rows)",
        "nicht als Wünsche gelesen: {columns} ({rows} Zeilen)",
    ),
    "header-two": (
        "two header rows: questions in row {header_row}, options in row {second}",
        "zwei Kopfzeilen: Fragen in Zeile {header_row}, Optionen in Zeile {second}",
    ),
    "repeated-header": (
        "skipped {count} row(s) that repeat the column headers: {rows}",
        "{count} Zeile(n) übersprungen, die die Spaltenüberschriften wiederholen: {rows}",
    ),
    "shared-key": (
        "shares {column!r} with row(s) {rows} under another name: a different person",
        "teilt {column!r} mit Zeile(n) {rows} unter anderem Namen: eine andere Person",
    ),
    "shared-key-no-name": (
        "shares {column!r} with row(s) {rows} of different names and has none: kept as a "
        "person of its own (check it)",
        "teilt {column!r} mit Zeile(n) {rows} mit verschiedenen Namen und hat keinen: als "
        "eigene Person geführt (bitte prüfen)",
    ),
    "kept-row": (
        "read as cancelled or unsubmitted, kept as asked (--keep-row)",
        "als storniert oder nicht abgeschickt gelesen, auf Wunsch behalten (--keep-row)",
    ),
    "key": (
        "attendees identified by column {column!r} ({evidence}); choose another with --key",
        "Teilnehmende erkannt an Spalte {column!r} ({evidence}); eine andere mit --key wählen",
    ),
    "encoding": (
        "file read as {encoding}, separated by {delimiter!r}",
        "Datei gelesen als {encoding}, getrennt durch {delimiter!r}",
    ),
    "blank-rows": (
        "skipped {count} empty row(s): {rows}",
        "{count} leere Zeile(n) übersprungen: {rows}",
    ),
    "name": (
        "read as workshop {workshop!r} ({how}); {count} cell(s)",
        "als Workshop {workshop!r} gelesen ({how}); {count} Zelle(n)",
    ),
    "gap": (
        "an earlier choice is empty: later choices move up",
        "eine frühere Wahl ist leer: spätere Wünsche rücken auf",
    ),
    "repeat": (
        "workshop {workshop!r} is ranked twice: the first rank is kept",
        "Workshop {workshop!r} ist doppelt gewählt: der erste Rang zählt",
    ),
    "tie": (
        "several workshops have rank {rank}: kept in column order",
        "mehrere Workshops haben Rang {rank}: Reihenfolge der Spalten übernommen",
    ),
    "cancelled": (
        "not an attendee: marked cancelled (keep it with --keep-row)",
        "keine Teilnahme: als storniert markiert (behalten mit --keep-row)",
    ),
    "superseded": (
        "not counted: the same person registered again in row {winner} (the later one counts)",
        "nicht gezählt: dieselbe Person hat sich in Zeile {winner} erneut angemeldet "
        "(die spätere zählt)",
    ),
    "incomplete": (
        "not an attendee: the response was never submitted",
        "keine Teilnahme: die Antwort wurde nie abgeschickt",
    ),
    "no-key": (
        "no {column!r} given: identified as {key!r}",
        "kein Wert in {column!r}: geführt als {key!r}",
    ),
    "not-attendee": (
        "not an attendee: the row has neither a key nor wishes",
        "keine Teilnahme: die Zeile hat weder Kennung noch Wünsche",
    ),
    "no-wishes": ("ranked no workshop", "hat keinen Workshop gewählt"),
    "rule-column": (
        "rule '{rule}' read from column {column!r}",
        "Regel '{rule}' aus Spalte {column!r} gelesen",
    ),
    "unknown-rank": (
        "not a rank, ignored",
        "kein Rang, ignoriert",
    ),
}

_HOW: dict[str, tuple[str, str]] = {
    "spacing": ("spacing, case or Unicode form", "Leerzeichen, Groß-/Kleinschreibung oder Unicode"),
    "spelling": (
        "spelling of umlauts or punctuation",
        "Schreibweise von Umlauten oder Satzzeichen",
    ),
    "long": ("the long option text names it", "der lange Optionstext nennt ihn"),
    "short": ("a shortened name of it", "eine Kurzform des Namens"),
    "typo": ("a likely typo", "ein wahrscheinlicher Tippfehler"),
}


_EVIDENCE: dict[str, tuple[str, str]] = {
    "headers": (
        "{rows} rows answer with {options} different texts; rank order from the headers",
        "{rows} Zeilen antworten mit {options} verschiedenen Texten; Rangfolge aus den "
        "Überschriften",
    ),
    "left to right": (
        "{rows} rows answer with {options} different texts; no ranks in the headers: left to right",
        "{rows} Zeilen antworten mit {options} verschiedenen Texten; keine Ränge in den "
        "Überschriften: von links nach rechts",
    ),
    "columns": (
        "{rows} rows answer with {options} different texts",
        "{rows} Zeilen antworten mit {options} verschiedenen Texten",
    ),
    "given": ("as given", "wie angegeben"),
    "key-given": ("as given", "wie angegeben"),
    "key-email": (
        "e-mail addresses; rows with the same address and a different name are different people",
        "E-Mail-Adressen; Zeilen mit gleicher Adresse und anderem Namen sind verschiedene Personen",
    ),
    "key-ticket": (
        "a ticket or personal number, different in every row",
        "eine Ticket- oder Personalnummer, in jeder Zeile verschieden",
    ),
    "key-id": (
        "a response ID, different in every row",
        "eine Antwort-ID, in jeder Zeile verschieden",
    ),
    "key-names": (
        "the names: there is no e-mail or ID column",
        "die Namen: es gibt keine E-Mail- oder ID-Spalte",
    ),
    "key-unique": (
        "its cells are all different; there is no e-mail, ID or name column",
        "ihre Zellen sind alle verschieden; es gibt keine E-Mail-, ID- oder Namensspalte",
    ),
    "long": ("a workshop and a rank column", "eine Workshop- und eine Rangspalte"),
}

LAYOUT_NAMES: dict[str, tuple[str, str]] = {
    "columns per rank": ("one column per rank", "eine Spalte je Rang"),
    "rank positions": (
        "one column per rank position (LimeSurvey)",
        "eine Spalte je Rangplatz (LimeSurvey)",
    ),
    "grid": (
        "one column per workshop holding a rank (grid)",
        "eine Spalte je Workshop mit dem Rang (Raster)",
    ),
    "ranking cell": (
        "the whole ranking in one cell",
        "die ganze Rangfolge in einer Zelle",
    ),
    "long": ("one row per attendee, workshop and rank", "eine Zeile je Person, Workshop und Rang"),
}


@dataclass(frozen=True, slots=True)
class Note:
    """One decision about the input, with where it happened.

    ``row`` is the 1-based row as the organizer sees it in the sheet or file (``None``
    for decisions about the whole file), ``column`` the header of the column, ``value``
    a short excerpt of the original cell.
    """

    kind: NoteKind
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def text(self, lang: str = "en") -> str:
        """The decision in words, in English (``en``) or German (``de``)."""
        which = 1 if lang == "de" else 0
        params = dict(self.params)
        if "how" in params:
            params["how"] = _HOW[str(params["how"])][which]
        if "layout" in params:
            params["layout"] = LAYOUT_NAMES.get(str(params["layout"]), (params["layout"],) * 2)[
                which
            ]
        if "evidence" in params:
            evidence = _EVIDENCE.get(str(params["evidence"]), (str(params["evidence"]),) * 2)
            params["evidence"] = evidence[which].format(**params)
        return _TEXT[self.code][which].format(**params)


@dataclass(frozen=True, eq=False)
class Source:
    """How a problem was read from an export (see the module docstring).

    ``rows`` holds, per attendee, the 1-based row of the input it came from; ``dropped``
    holds the input rows that are not attendees, with their original columns plus
    ``row`` and ``reason``.
    """

    path: str | None
    sha256: str | None
    sheet: str | None
    header_row: int | None
    layout: str
    key_column: str
    wish_columns: tuple[str, ...]
    language: str
    columns: tuple[str, ...]
    rows: npt.NDArray[np.int64]
    notes: tuple[Note, ...]
    dropped: pd.DataFrame
    name_columns: tuple[str, ...] = ()
    organisation_column: str | None = None
    email_column: str | None = None
    timestamp_column: str | None = None
