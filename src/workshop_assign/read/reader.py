"""``read_export``: from a form tool's export to a Problem, recording every decision.

The steps, each in its own module: load the grid (``tables``), find the header row
(``header``), detect the layout and read each row's wishes (``layouts``), find who is
who and sort out rows that are not attendees (``people``), match the wishes to the
workshop table (``names``, ``workshops``), and build the Problem with its ``Source``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd

from workshop_assign.core.model import Problem, Workshop
from workshop_assign.core.provenance import Note, NoteKind, excerpt
from workshop_assign.core.rooms import Room
from workshop_assign.errors import MissingCapacitiesError, SpreadsheetError
from workshop_assign.read.grids import (
    Grid,
    load_book,
    pick_sheet,
    reject_formulas_without_values,
)
from workshop_assign.read.header import Table, table_from_frame, table_from_grid
from workshop_assign.read.layouts import LONG, Layout, read_wishes
from workshop_assign.read.matching import match_wishes, read_rules
from workshop_assign.read.parsed import ParsedExport, Where
from workshop_assign.read.people import PeopleColumns, find_people_columns
from workshop_assign.read.roles import WishRoles, detect_wishes
from workshop_assign.read.roomsheet import read_rooms, room_sheet
from workshop_assign.read.rows import pivot_long, sort_out_rows
from workshop_assign.read.rulecolumns import find_rule_columns
from workshop_assign.read.sheets import choose_sheet, workshop_sheet
from workshop_assign.read.text import language_of
from workshop_assign.read.workshops import WorkshopSpec, read_workshops
from workshop_assign.text import worded

__all__ = ["ParsedExport", "build_problem", "missing_capacities", "parse_export", "read_export"]

LONGEST_CELL = 500  # a key or wish cell longer than this is not a name


class ReadOptions(TypedDict, total=False):
    """The settings of ``read_export`` and ``parse_export`` (all optional)."""

    keep_rows: Sequence[int]
    workshops: WorkshopSpec | None
    default_workshops: WorkshopSpec | None
    sheet: str | None
    header_row: int | None
    key: str | None
    wish_columns: Sequence[str] | None
    encoding: str | None
    delimiter: str | None
    priority_column: str | None
    rooms: Sequence[Room]


def read_export(source: str | Path | pd.DataFrame, **options: Unpack[ReadOptions]) -> Problem:
    """Read a registration export (.xlsx, .csv or a DataFrame) into a Problem.

    The ``sheet``, ``header_row`` (1-based), layout (``wish_columns`` in rank order) and
    ``key`` column are detected; each can be given, as can a CSV file's ``encoding`` and
    ``delimiter``.  Workshops and seats come from ``workshops`` (a file, a DataFrame,
    ``{name: seats}`` or ``Workshop`` objects), else from a ``Workshops`` sheet in the
    export, else from ``default_workshops`` (an update continues with the published
    seats).  Every decision made about the data is in ``problem.source.notes``.

    Raises
    ------
    SpreadsheetError
        the file cannot be read or understood (says where).
    MissingCapacitiesError
        no seat counts were found; ``.demand`` shows the
        workshops with their demand per rank.

    Examples
    --------
    >>> import pandas as pd
    >>> import workshop_assign as wa
    >>> export = pd.DataFrame(
    ...     {
    ...         "E-Mail": ["ana@x.example", "ben@x.example"],
    ...         "Erstwunsch": ["Zwillinge", "Mobilität"],
    ...         "Zweitwunsch": ["Mobilität", "Zwillinge"],
    ...     }
    ... )
    >>> problem = wa.read_export(export, workshops={"Zwillinge": 1, "Mobilität": 1})
    >>> problem.keys, problem.workshop_names
    (('ana@x.example', 'ben@x.example'), ('Zwillinge', 'Mobilität'))
    """
    parsed = parse_export(source, **options)
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    return build_problem(parsed)


def missing_capacities(parsed: ParsedExport) -> MissingCapacitiesError:
    """The error for an export read without seat counts, with the demand to choose them."""
    listed = ", ".join(repr(n) for n in parsed.names[:6])
    return MissingCapacitiesError(worded("no_seats", listed=listed), demand=parsed.demand())


def parse_export(
    source: str | Path | pd.DataFrame,
    *,
    workshops: WorkshopSpec | None = None,
    default_workshops: WorkshopSpec | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    key: str | None = None,
    wish_columns: Sequence[str] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    keep_rows: Sequence[int] = (),
    priority_column: str | None = None,
    rooms: Sequence[Room] = (),
) -> ParsedExport:
    """Read and understand an export without requiring capacities (see ``read_export``).

    Each stage's guess can be overridden: ``sheet``, ``header_row`` (1-based),
    ``wish_columns`` (in rank order), ``key``; ``keep_rows`` (sheet row numbers) keeps
    rows that were read as cancelled or unsubmitted; ``priority_column`` names the
    column of priority tiers when its heading does not say so ("Priorität"); ``rooms``
    are rooms given besides a ``Räume`` sheet (the seats column is then optional).

    Examples
    --------
    >>> import pandas as pd
    >>> import workshop_assign as wa
    >>> export = pd.DataFrame(
    ...     {"E-Mail": ["ana@x.example", "ben@x.example"], "Erstwunsch": ["Zwillinge", "Mobilität"]}
    ... )
    >>> parsed = wa.parse_export(export)
    >>> parsed.keys
    ['ana@x.example', 'ben@x.example']
    >>> problem = parsed.to_problem([wa.Workshop("Zwillinge", 1), wa.Workshop("Mobilität", 1)])
    >>> problem.workshop_names
    ('Zwillinge', 'Mobilität')
    """
    named_rules = {"priority": priority_column} if priority_column else {}
    given = read_workshops(workshops) if workshops is not None else None
    fallback = read_workshops(default_workshops) if default_workshops is not None else None
    if isinstance(source, pd.DataFrame):
        shops, origin = _seats_from(given, None, fallback)
        table = table_from_frame(source)
        roles = detect_wishes(table.frame, wish_columns, shops)
        found = Found(table, roles.layout, None, None, None, shops, list(roles.notes))
        return replace(_understand(found, key, keep_rows, origin, named_rules), rooms=tuple(rooms))
    path = Path(source)
    grids = load_book(path, encoding=encoding, delimiter=delimiter)
    named = pick_sheet(grids, sheet, path) if sheet is not None else None
    shops_grid = workshop_sheet(grids, sheet)
    rooms_grid = room_sheet(grids)
    in_sheet = read_rooms(rooms_grid) if rooms_grid is not None else ()
    rooms = tuple({r.name: r for r in (*in_sheet, *rooms)}.values())  # given ones win
    in_export = _read_shop_grid(shops_grid, bool(rooms)) if given is None else None
    shops, origin = _seats_from(given, in_export, fallback)

    def attempt(grid: Grid) -> tuple[tuple[Table, WishRoles], int]:
        table = table_from_grid(grid, header_row)
        try:
            roles = detect_wishes(table.frame, wish_columns, shops)
        except SpreadsheetError:
            # wishes held by formulas without stored values read as empty cells: say that
            reject_formulas_without_values(path, grid)
            raise
        return (table, roles), roles.rows

    chosen: tuple[Note, ...] = ()
    if named is not None:
        grid, (table, roles) = named, attempt(named)[0]
    else:
        others = [g for g in grids if g is not rooms_grid] or grids
        grid, (table, roles), chosen = choose_sheet(others, attempt, shops_grid)
    reject_formulas_without_values(path, grid)
    notes = [*chosen, *_grid_notes(grid), *_table_notes(table), *roles.notes]
    sheets = tuple(g.sheet for g in grids if g.sheet is not None)
    found = Found(table, roles.layout, str(path), _sha256(path), grid, shops, notes, sheets)
    return replace(_understand(found, key, keep_rows, origin, named_rules), rooms=rooms)


def _seats_from(
    given: list[Workshop] | None, in_export: list[Workshop] | None, fallback: list[Workshop] | None
) -> tuple[list[Workshop] | None, str | None]:
    """The workshops to read with, and where they came from: the caller's, the export's
    own table, the caller's default (an update's published seats), or none yet."""
    for shops, origin in ((given, "given"), (in_export, "export"), (fallback, "default")):
        if shops is not None:
            return shops, origin
    return None, None


@dataclass(frozen=True, slots=True)
class Found:
    """What the first stages found: the table, the wishes' layout, where, the workshops."""

    table: Table
    layout: Layout
    path: str | None
    sha256: str | None
    grid: Grid | None
    shops: list[Workshop] | None
    notes: list[Note]
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, to choose another


def _understand(
    found: Found,
    key: str | None,
    keep_rows: Sequence[int],
    origin: str | None,
    rule_columns: dict[str, str],
) -> ParsedExport:
    """The stages after the wishes were found: who is who, which rows count, the names;
    ``rule_columns`` are rule columns the caller named (rule -> column)."""
    table, layout, shops = found.table, found.layout, found.shops
    for column in rule_columns.values():
        if column not in table.frame.columns:
            listed = ", ".join(repr(str(c)) for c in table.frame.columns[:12])
            raise SpreadsheetError(worded("no_column", column=column, listed=listed))
    sheet = found.grid.sheet if found.grid else None
    where = Where(found.path, sheet, list(table.frame.columns))
    _reject_same_headers(table, layout, where)
    _reject_huge_cells(table, list(layout.columns), where)
    if layout.name == LONG:
        table, rows_wishes, people = pivot_long(table, layout, key)
    else:
        rows_wishes = read_wishes(layout, table.frame)
        people = find_people_columns(table.frame, key, skip=set(layout.columns))
    _reject_huge_cells(table, [people.key], where)
    key_note = Note(
        NoteKind.DETECTED,
        "key",
        column=people.key,
        params={"column": people.key, "evidence": f"key-{people.why}"},
    )
    roles = _people_note(people)
    skip = {people.key, *people.names, *layout.columns}
    texts = {text for r in rows_wishes for text, _ in r.wishes}
    decided = sort_out_rows(
        table,
        people,
        rows_wishes,
        skip | set(find_rule_columns(table.frame, skip, rule_columns).values()),
        workshop_names=[*(w.name for w in shops or ()), *texts],
        keep_rows=keep_rows,
    )
    kept = np.flatnonzero(decided.keep).tolist()
    matched = match_wishes(rows_wishes, kept, table.rows, shops, where)
    keys = [decided.keys[i] for i in kept]
    rules, rule_notes = read_rules(
        table.frame,
        skip=skip,
        keys=keys,
        kept=kept,
        numbers=table.rows,
        names=matched.names,
        shops=shops,
        where=where,
        given=rule_columns,
    )
    return ParsedExport(
        path=found.path,
        sha256=found.sha256,
        sheet=sheet,
        table=table,
        layout=layout,
        people=people,
        language=language_of(list(table.frame.columns)),
        keep=decided.keep,
        keys=keys,
        wishes=matched.wishes,
        levels=matched.levels,
        never=matched.never,
        workshops=shops,
        workshops_from=origin,
        shared_capacities=getattr(shops, "shared", ()),
        names=matched.names,
        wish_texts=matched.read_as,
        notes=(*found.notes, key_note, *roles, *decided.notes, *matched.notes, *rule_notes),
        dropped=decided.dropped,
        rules=rules,
        sheets=found.sheets,
    )


def _people_note(people: PeopleColumns) -> tuple[Note, ...]:
    """Which columns were read as names, organisation, e-mail and time stamp."""
    found = {
        "names": " + ".join(people.names) or "-",
        "organisation": people.organisation or "-",
        "email": people.email or "-",
        "timestamp": people.timestamp or "-",
    }
    if all(v == "-" for v in found.values()):
        return ()
    return (Note(NoteKind.DETECTED, "people-columns", params=found),)


def _reject_same_headers(table: Table, layout: Layout, where: Where) -> None:
    """Two wish columns under one header: which is which rank is anybody's guess."""
    for group in table.same_headers:
        inside = [c for c in group if c in layout.columns]
        if len(inside) > 1:
            *rest, last = [where.letter(c) for c in inside]
            letters = worded("letters", rest=", ".join(rest), last=last)
            raise SpreadsheetError(
                worded("same_header", place=where.place(), letters=letters, header=group[0]),
                path=where.path,
                sheet=where.sheet,
            )


def _read_shop_grid(grid: Grid | None, rooms: bool) -> list[Workshop] | None:
    return read_workshops(grid, rooms=rooms) if grid is not None else None


def _grid_notes(grid: Grid) -> list[Note]:
    if grid.encoding is None:
        return []
    return [
        Note(
            NoteKind.DETECTED,
            "encoding",
            params={"encoding": grid.encoding, "delimiter": grid.delimiter},
        )
    ]


def _table_notes(table: Table) -> list[Note]:
    notes = []
    if table.header_row is not None:
        notes.append(
            Note(
                NoteKind.DETECTED,
                "header" if table.header_rows == 1 else "header-two",
                params={"header_row": table.header_row, "second": table.header_row + 1},
            )
        )
    shown_rows = (("blank-rows", table.blank_rows), ("repeated-header", table.repeated_headers))
    for code, rows in shown_rows:
        if rows:
            shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
            notes.append(
                Note(NoteKind.NORMALISED, code, params={"count": len(rows), "rows": shown})
            )
    return notes


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _reject_huge_cells(table: Table, columns: list[str], where: Where) -> None:
    for column in columns:
        lengths = table.frame[column].map(lambda v: len(str(v)) if isinstance(v, str) else 0)
        if len(lengths) and lengths.max() > LONGEST_CELL:
            at = int(lengths.to_numpy().argmax())
            raise SpreadsheetError(
                worded(
                    "huge_cell",
                    cell=where.cell(column, int(table.rows[at])),
                    length=int(lengths.max()),
                    text=excerpt(table.frame[column].iloc[at]),
                ),
                path=where.path,
                sheet=where.sheet,
            )


def build_problem(parsed: ParsedExport) -> Problem:
    """The Problem, with its Source (``ParsedExport.to_problem``)."""
    return parsed.to_problem()
