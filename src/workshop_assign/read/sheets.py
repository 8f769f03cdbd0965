"""Which sheet holds the registrations, and which one the workshop table.

Workbooks come with a cover sheet ("Info", a few lines of text), a pivot of the answers,
a hand-kept list of workshops, or several copies of the responses.  The workshop table is
recognised by its name ("Workshops", "Kapazitäten", ...) or by its shape (a column of
names beside a column of whole numbers of seats, and no e-mail addresses), wherever it
is.  Of the other sheets, the one whose table holds the most rows with wishes is the
registration table; each sheet that was looked at and passed over is in the note.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import TypeVar

from workshop_assign.core.provenance import Note, NoteKind
from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.grids import Grid
from workshop_assign.read.header import find_header_row
from workshop_assign.read.text import cell_text, fold, is_blank

WORKSHOP_SHEETS = {
    "workshops",
    "workshop",
    "kapazitäten",
    "kapazitaeten",
    "capacities",
    "plätze",
    "seats",
    "angebote",
}
SHOP_NAME_WORDS = ("workshop", "titel", "title", "angebot", "bezeichnung", "thema", "topic")
SEAT_WORDS = ("plätze", "platze", "kapazit", "capacity", "seats", "places", "teilnehmerzahl")
MOST_WORKSHOPS = 500  # a workshop table is short

T = TypeVar("T")


def is_workshop_sheet(grid: Grid) -> bool:
    """By name, or by shape: workshop names beside whole numbers of seats, no addresses."""
    if grid.sheet is not None and grid.sheet.strip().casefold() in WORKSHOP_SHEETS:
        return True
    try:
        index = find_header_row(grid)
    except SpreadsheetError:
        return False
    headers = [fold(cell_text(c)) for c in grid.rows[index]]
    named = any(any(w in h for w in SHOP_NAME_WORDS) for h in headers)
    seats = [i for i, h in enumerate(headers) if any(w in h for w in SEAT_WORDS)]
    if not (named and seats):
        return False  # decided by the headers alone: no need to look at the rows
    filled = (r for r in grid.rows[index + 1 :] if any(not is_blank(c) for c in r))
    body = list(islice(filled, MOST_WORKSHOPS + 1))  # a registration sheet stops here
    if not body or len(body) > MOST_WORKSHOPS or any("@" in str(c) for r in body for c in r):
        return False
    return any(_whole_numbers(body, i) for i in seats)


def _whole_numbers(body: list[list[object]], column: int) -> bool:
    values = [r[column] for r in body if column < len(r) and not is_blank(r[column])]
    return bool(values) and sum(cell_text(v).strip().isdigit() for v in values) >= 0.8 * len(values)


def workshop_sheet(grids: list[Grid], sheet: str | None = None) -> Grid | None:
    """The workshop table among the sheets (never the one named as registrations)."""
    return next((g for g in grids if g.sheet != sheet and is_workshop_sheet(g)), None)


def choose_sheet(
    grids: list[Grid], attempt: Callable[[Grid], tuple[T, int]], shops: Grid | None
) -> tuple[Grid, T, tuple[Note, ...]]:
    """The registration sheet, what ``attempt`` read from it, and the note on the choice.

    ``attempt(grid)`` reads a sheet as far as the wishes and returns its product and the
    number of rows with wishes, or raises ``SpreadsheetError``; the sheet with the most
    such rows wins.  When no sheet can be read, the error of the largest one is raised.
    """
    candidates = [g for g in grids if g is not shops] or grids
    tried: list[tuple[Grid, T, int]] = []
    failed: list[tuple[Grid, SpreadsheetError]] = []
    for grid in candidates:
        try:
            product, rows = attempt(grid)
        except SpreadsheetError as error:
            failed.append((grid, error))
            continue
        tried.append((grid, product, rows))
    if not tried:
        raise max(failed, key=lambda f: len(f[0].rows))[1]
    grid, product, rows = max(tried, key=lambda t: t[2])
    notes: tuple[Note, ...] = ()
    if grid.sheet is not None:
        passed = [g.sheet for g in candidates if g is not grid]
        notes = (
            Note(
                NoteKind.DETECTED,
                "sheet-chosen" if passed else "sheet",
                params={
                    "sheet": grid.sheet,
                    "rows": rows,
                    "others": ", ".join(repr(s) for s in passed) or "-",
                },
            ),
        )
    return grid, product, notes
