"""The workshop table: names, seats, and optionally minimum and room.

It comes from a ``Workshops`` sheet in the export, from a separate file (CSV or Excel),
or from Python arguments.  Headers are recognised in German and English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar

import pandas as pd

from workshop_assign.core.model import Workshop
from workshop_assign.core.rooms import features_of
from workshop_assign.core.rules import LARGEST, SharedCapacity
from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.grids import Grid, column_letter, load_book
from workshop_assign.read.header import Table, table_from_frame, table_from_grid
from workshop_assign.read.moments import NotAMomentError, clock_of, day_of, moment
from workshop_assign.read.shared import SHARED_WORDS, PoolCellError, pools_from_cells
from workshop_assign.read.sheets import workshop_sheet
from workshop_assign.read.text import cell_text, fold, is_blank
from workshop_assign.text import worded

NAME_WORDS = ("workshop", "name", "titel", "title", "bezeichnung", "angebot")
SLOT_WORDS = ("zeitfenster", "slot", "uhrzeit", "time slot", "runde", "session")
TOPIC_WORDS = ("thema", "topic")
SEAT_WORDS = (
    "plätze",
    "platze",
    "kapazit",
    "capacity",
    "seats",
    "places",
    "max",
    "teilnehmerzahl",
    "anzahl",
)
MIN_WORDS = ("minimum", "mindest", "min.", "min ")
ROOM_WORDS = ("raum", "room", "ort", "location")
NEEDS_WORDS = ("braucht", "benötigt", "benoetigt", "needs", "requires")
SESSION_WORDS = ("durchgänge", "durchgaenge", "durchläufe", "parallel", "times offered")
MUST_WORDS = ("muss stattfinden", "must run", "pflicht", "findet sicher statt", "garantiert")
YES = {"ja", "yes", "x", "true", "wahr", "1", "y", "j"}
CODE_HEADERS = {
    "nr",
    "no",
    "nummer",
    "number",
    "code",
    "kürzel",
    "kuerzel",
    "abkürzung",
    "id",
    "kennung",
    "key",
    "#",
}
LONGEST_CODE = 12  # a legend's codes are short ("W1", "DZ", "3a")
Moment = TypeVar("Moment", date, time)
DATE_HEADERS = {"datum", "date", "tag", "day"}  # whole headings: "Ende" is in "Teilnehmende"
START_HEADERS = {"beginn", "start", "von", "from", "anfang", "startzeit", "start time"}
END_HEADERS = {"ende", "end", "bis", "until", "endzeit", "end time"}

WorkshopSpec = Path | str | pd.DataFrame | Mapping[str, int] | Sequence[Workshop]


class WorkshopList(list[Workshop]):
    """The workshops read from a table, with the seats its rows say they share
    (``shared``: ``SharedCapacity`` objects, see ``read.shared``)."""

    shared: tuple[SharedCapacity, ...] = ()


def read_workshops(spec: WorkshopSpec | Grid, *, rooms: bool = False) -> list[Workshop]:
    """Workshops from a file path, a sheet, a DataFrame, ``{name: seats}`` or objects;
    read from a table, a ``WorkshopList`` that also holds the seats its rows share.
    With ``rooms`` (the event gives rooms instead of seats) the seats column may be
    missing: each workshop then takes what its rooms seat."""
    if isinstance(spec, Mapping):
        return [Workshop(str(name), int(seats)) for name, seats in spec.items()]
    if isinstance(spec, Grid):
        return _from_table(table_from_grid(spec), spec.path, spec.sheet, rooms=rooms)
    if isinstance(spec, pd.DataFrame):
        return _from_table(table_from_frame(spec), None, None, rooms=rooms)
    if isinstance(spec, str | Path):
        grids = load_book(Path(spec))
        return read_workshops(workshop_sheet(grids) or grids[0], rooms=rooms)
    return list(spec)


def _from_table(
    table: Table, path: str | None, sheet: str | None, *, rooms: bool = False
) -> WorkshopList:
    frame = table.frame
    headers = [str(c) for c in frame.columns]
    name = _column(headers, NAME_WORDS) or headers[0]
    shared = _column([h for h in headers if h != name], SHARED_WORDS)
    rest = [h for h in headers if h not in (name, shared)]
    seats = _column(rest, SEAT_WORDS)
    where = (
        worded("at_sheet", path=path, sheet=sheet) if sheet else path or worded("workshop_table")
    )
    if seats is None and not rooms:
        raise SpreadsheetError(
            worded("no_seat_column", where=where),
            path=path,
            sheet=sheet,
        )
    minimum = _column([h for h in rest if h != seats], MIN_WORDS)
    needs, sessions = _column(rest, NEEDS_WORDS), _column(rest, SESSION_WORDS)
    room = _column(rest, ROOM_WORDS)
    must = _column(rest, MUST_WORDS)
    slot = _column(rest, SLOT_WORDS)
    topic = _column(rest, TOPIC_WORDS)
    code = _code_column(frame, [h for h in rest if h not in (seats, minimum)])
    when = [_heading(rest, names) for names in (DATE_HEADERS, START_HEADERS, END_HEADERS)]
    found = WorkshopList()
    pool_cells: list[tuple[str, str]] = []
    pool_rows: list[int] = []
    for position, row in enumerate(frame.itertuples(index=False)):
        values = dict(zip(headers, row, strict=True))
        if is_blank(values[name]):
            continue
        row_number = int(table.rows[position])
        if shared is not None and not is_blank(values[shared]):
            pool_cells.append(
                (" ".join(cell_text(values[name]).split()), cell_text(values[shared]))
            )
            pool_rows.append(row_number)

        def whole(
            column: str, row_number: int = row_number, values: dict[str, object] = values
        ) -> int:
            cell = f"{column_letter(headers.index(column))}{row_number}"
            return _whole(values[column], where, cell, sheet, path)

        def cell(column: str, row_number: int = row_number) -> str:
            return f"{column_letter(headers.index(column))}{row_number}"

        starts, ends = _when(values, when, cell, (where, sheet, path))

        limited = seats is not None and not (rooms and is_blank(values[seats]))
        found.append(
            Workshop(
                " ".join(cell_text(values[name]).split()),
                whole(seats) if seats is not None and limited else LARGEST,  # else: its rooms
                minimum=whole(minimum) if minimum and not is_blank(values[minimum]) else None,
                room=cell_text(values[room]).strip()
                if room and not is_blank(values[room])
                else None,
                must_run=must is not None and fold(cell_text(values[must])) in YES,
                slot=_text(values, slot),
                topic=_text(values, topic),
                code=_text(values, code),
                starts=starts,
                ends=ends,
                needs=features_of(_text(values, needs) or ""),
                sessions=whole(sessions) if sessions and not is_blank(values[sessions]) else 1,
            )
        )
    if shared is not None:
        letter = column_letter(headers.index(shared))
        found.shared = _pools(pool_cells, pool_rows, letter, (where, sheet, path))
    return found


def _pools(
    cells: list[tuple[str, str]],
    rows: list[int],
    letter: str,
    place: tuple[object, str | None, str | None],
) -> tuple[SharedCapacity, ...]:
    """The shared seats of the table's rows, or the one line naming the unclear cell."""
    try:
        return pools_from_cells(cells)
    except PoolCellError as unclear:
        where, sheet, path = place
        cell = f"{letter}{rows[unclear.row]}"
        raise SpreadsheetError(
            worded(unclear.key, where=where, cell=cell, **unclear.fields),
            path=path,
            sheet=sheet,
            cell=cell,
        ) from None


def _cell(
    parse: Callable[[object], Moment | None],
    values: dict[str, object],
    column: str | None,
    cell: Callable[[str], str],
    place: tuple[object, str | None, str | None],
) -> Moment | None:
    """One date or time cell read, or the one line that names it."""
    if column is None:
        return None
    try:
        return parse(values[column])
    except NotAMomentError as wrong:
        where, sheet, path = place
        text = str(wrong)[:30]
        raise SpreadsheetError(
            worded("not_a_moment", where=where, cell=cell(column), text=text),
            path=path,
            sheet=sheet,
            cell=cell(column),
        ) from None


def _heading(headers: list[str], names: set[str]) -> str | None:
    return next((h for h in headers if fold(h).strip(" :.") in names), None)


def _when(
    values: dict[str, object],
    columns: list[str | None],
    cell: Callable[[str], str],
    place: tuple[object, str | None, str | None],
) -> tuple[datetime | None, datetime | None]:
    """When the workshop begins and ends (``Datum``, ``Beginn``, ``Ende``); a cell that
    is no date or time stops the reading, named."""
    date_column, start_column, end_column = columns
    day = _cell(day_of, values, date_column, cell, place)
    if day is None and start_column and isinstance(values[start_column], datetime):
        day = day_of(values[start_column])  # "Beginn" holding the whole moment
    begin = _cell(clock_of, values, start_column, cell, place)
    end = _cell(clock_of, values, end_column, cell, place)
    return moment(day, begin), moment(day, end)


def _code_column(frame: pd.DataFrame, headers: list[str]) -> str | None:
    """A legend's code column beside the names ("Nr", "Code", "Kürzel"): short values,
    each workshop its own."""
    for header in headers:
        if fold(header).strip(" .:") not in CODE_HEADERS:
            continue
        cells = [" ".join(cell_text(v).split()) for v in frame[header] if not is_blank(v)]
        folded = [fold(c) for c in cells]
        if cells and len(set(folded)) == len(folded) and max(map(len, cells)) <= LONGEST_CODE:
            return header
    return None


def _text(values: dict[str, object], column: str | None) -> str | None:
    """A cell as trimmed text, ``None`` when there is no such column or the cell is empty."""
    if column is None or is_blank(values[column]):
        return None
    return " ".join(cell_text(values[column]).split())


def _column(headers: list[str], words: tuple[str, ...]) -> str | None:
    return next((h for h in headers if any(w in fold(h) + " " for w in words)), None)


def _whole(value: object, where: str, cell: str, sheet: str | None, path: str | None) -> int:
    text = cell_text(value).strip()
    if text.isdigit():
        return int(text)
    raise SpreadsheetError(
        worded("seats_cell", where=where, cell=cell, text=text[:30]),
        path=path,
        sheet=sheet,
        cell=cell,
    )
