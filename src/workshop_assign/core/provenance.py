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

from workshop_assign.text import Language, message, message_or

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

    def text(self, lang: Language = "en") -> str:
        """The decision in words, in English (``en``) or German (``de``)."""
        params = dict(self.params)
        for kind in ("how", "layout", "evidence", "rule"):  # codes, worded from the catalogue
            if kind in params:
                raw = str(params[kind])
                params[kind] = message_or(f"{kind}.{raw}", lang, raw).format(**params)
        return message(f"note.{self.code}", lang).format(**params)

    def line(self, lang: Language = "en") -> str:
        """The note with where it is, as one line: "row 12: [Status] 'abgesagt' ..."."""
        place = message("console.inspect_row", lang).format(row=self.row) if self.row else ""
        column = f"[{self.column}] " if self.column and self.row else ""
        value = f"{self.value!r} " if self.value else ""
        return f"{place}{column}{value}{self.text(lang)}"


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
    language: Language
    columns: tuple[str, ...]
    rows: npt.NDArray[np.int64]
    notes: tuple[Note, ...]
    dropped: pd.DataFrame
    name_columns: tuple[str, ...] = ()
    organisation_column: str | None = None
    email_column: str | None = None
    timestamp_column: str | None = None
