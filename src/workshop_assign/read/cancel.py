"""Rows marked as cancelled: a status cell, a yes under a cancel header, or a remark.

Organizers and ticket shops mark cancellations in many ways: a status column reading
"storniert" or "Canceled", a column "Abgesagt" with an "x", or a sentence in a remarks
column ("Absage per Mail am 28.05.", "hat abgesagt", "kommt nicht", "cancelled by
phone").  Exact words count in any column; sentences only in remark and status columns,
and not where the word is negated ("keine Absage nötig", "nicht storniert") or is part of
a workshop's name ("Absagen richtig kommunizieren").  Every decision keeps the cell, so
that the note shows the organizer what was read, and ``keep_rows`` overrules it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.read.text import cell_text, fold, is_blank

CANCEL_WORDS = {
    "storniert",
    "abgesagt",
    "cancelled",
    "canceled",
    "storno",
    "abgemeldet",
    "teilnahme storniert",
    "registration cancelled",
    "withdrawn",
    "zurückgezogen",
    "not attending",
    "nimmt nicht teil",
    "kommt nicht",
}
CANCEL_HEADERS = {"storniert", "abgesagt", "cancelled", "canceled", "storno", "abgemeldet"}
YES = {"ja", "yes", "x", "true", "wahr", "1", "y", "j"}
REMARK_HEADERS = (
    "bemerkung",
    "anmerkung",
    "kommentar",
    "notiz",
    "hinweis",
    "status",
    "remark",
    "comment",
    "note",
    "memo",
    "absage",
    "storno",
)
_END = r"(?=\s*(?:$|[.,;:!?()\-–]))"
_PHRASES = re.compile(
    r"\b(?:absage|abgesagt|sagt(?:e)?\s+ab|storniert|storno|stornierung|abgemeldet"
    r"|meldet(?:e)?\s+sich\s+ab|zurückgezogen|cancel(?:l)?ed|cancellation|withdrawn|withdrew"
    r"|not\s+attending|will\s+not\s+attend|won't\s+attend|can(?:not|'t)\s+attend"
    r"|no\s+longer\s+(?:attending|coming))\b"
    rf"|\b(?:kommt|kommen|komme)\s+nicht{_END}"
    rf"|\b(?:nimmt|nehme|nehmen)\s+nicht\s+teil{_END}"
    rf"|\b(?:kann|können|konnte)\s+(?:\w+\s+){{0,2}}nicht\s+(?:teilnehmen|kommen){_END}"
)
_NEGATION = re.compile(r"\b(?:kein|keine|keinen|keiner|nicht|no|not|never|ohne)\s*$")


def says_cancelled(text: str, workshop_names: Iterable[str] = ()) -> bool:
    """True when a remark says the person cancelled (not negated, not a workshop name)."""
    return _says_cancelled(fold(text), [fold(n) for n in workshop_names])


def _says_cancelled(folded: str, folded_names: list[str]) -> bool:
    for name in folded_names:
        folded = folded.replace(name, " ")
    for found in _PHRASES.finditer(folded):
        before = " ".join(folded[: found.start()].split()[-2:])
        if not _NEGATION.search(before):
            return True
    return False


def is_remark_column(header: str) -> bool:
    folded = fold(header)
    return any(word in folded for word in REMARK_HEADERS)


def cancelled_rows(
    frame: pd.DataFrame, skip: set[str], workshop_names: Iterable[str] = ()
) -> tuple[npt.NDArray[np.bool_], dict[int, tuple[str, str]]]:
    """Rows marked cancelled, and for each the column and the cell that said so."""
    names = [fold(n) for n in workshop_names]  # once, not once per remark
    marked = np.zeros(len(frame), dtype=bool)
    why: dict[int, tuple[str, str]] = {}
    for column in frame.columns:
        if column in skip:
            continue
        header = fold(str(column))
        remark = is_remark_column(str(column))
        # Decide each distinct cell once: most columns repeat their values.
        hits = [
            v
            for v in pd.unique(frame[column].to_numpy())
            if not is_blank(v)
            and isinstance(v, str | int)
            and _cancels(cell_text(v), header in CANCEL_HEADERS, remark, names)
        ]
        if not hits:
            continue
        cells = frame[column].to_numpy()
        rows = frame[column].isin(hits).to_numpy() & ~marked
        for position in np.flatnonzero(rows).tolist():
            why[position] = (str(column), cell_text(cells[position]))
        marked |= rows
    return marked, why


def _cancels(text: str, cancel_header: bool, remark: bool, folded_names: list[str]) -> bool:
    folded = fold(text)
    if cancel_header:
        return folded in YES
    return folded in CANCEL_WORDS or (remark and _says_cancelled(folded, folded_names))
