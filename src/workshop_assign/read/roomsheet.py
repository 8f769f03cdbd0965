"""The rooms an event has, from a ``Räume``/``Rooms`` sheet of the export.

Columns, recognised in German and English: the room's name (``Raum``/``Room``), its
seats (``Plätze``/``Seats``), optionally the slot it is free in (``Zeitfenster``/
``Slot``; empty: all) and what it offers (``Ausstattung``/``Features``, separated by
commas: "stufenlos, Beamer").  A seat cell that is no whole number stops the reading
with its cell.
"""

from __future__ import annotations

from workshop_assign.core.rooms import Room, features_of
from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.grids import Grid, column_letter
from workshop_assign.read.header import table_from_grid
from workshop_assign.read.text import cell_text, fold, is_blank
from workshop_assign.text import worded

ROOM_SHEETS = {"räume", "raeume", "rooms", "raumplan", "room plan"}
NAME_WORDS = ("raum", "room", "name", "ort")
SEAT_WORDS = ("plätze", "platze", "kapazit", "capacity", "seats", "places", "sitzplätze")
SLOT_WORDS = ("zeitfenster", "slot", "uhrzeit", "runde", "session")
FEATURE_WORDS = ("ausstattung", "features", "merkmale", "equipment", "bietet", "offers")


def room_sheet(grids: list[Grid]) -> Grid | None:
    """The sheet named for rooms, if the workbook has one."""
    return next(
        (g for g in grids if g.sheet and fold(g.sheet).strip() in ROOM_SHEETS),
        None,
    )


def read_rooms(grid: Grid) -> tuple[Room, ...]:
    """The rooms of a room sheet (see the module docstring); none when it holds only
    its headings (an empty template)."""
    if sum(any(not is_blank(c) for c in row) for row in grid.rows) <= 1:
        return ()
    table = table_from_grid(grid)
    headers = [str(c) for c in table.frame.columns]
    name = _column(headers, NAME_WORDS) or headers[0]
    rest = [h for h in headers if h != name]
    seats = _column(rest, SEAT_WORDS)
    where = worded("at_sheet", path=grid.path, sheet=grid.sheet)
    if seats is None:
        raise SpreadsheetError(
            worded("no_room_seats", where=where), path=grid.path, sheet=grid.sheet
        )
    slot, features = _column(rest, SLOT_WORDS), _column(rest, FEATURE_WORDS)
    found = []
    for position, row in enumerate(table.frame.itertuples(index=False)):
        values = dict(zip(headers, row, strict=True))
        if is_blank(values[name]):
            continue
        text = cell_text(values[seats]).strip().removesuffix(".0")
        if not text.isdigit():
            cell = f"{column_letter(headers.index(seats))}{int(table.rows[position])}"
            raise SpreadsheetError(
                worded("seats_cell", where=where, cell=cell, text=text[:30]),
                path=grid.path,
                sheet=grid.sheet,
                cell=cell,
            )
        offered = cell_text(values[features]) if features and not is_blank(values[features]) else ""
        found.append(
            Room(
                cell_text(values[name]),
                int(text),
                slot=None if slot is None or is_blank(values[slot]) else _words(values[slot]),
                features=features_of(offered),
            )
        )
    return tuple(found)


def _words(value: object) -> str:
    """A cell's text with its spacing tidied, as the workshop table reads slots."""
    return " ".join(cell_text(value).split())


def _column(headers: list[str], words: tuple[str, ...]) -> str | None:
    return next((h for h in headers if any(w in fold(h) for w in words)), None)
