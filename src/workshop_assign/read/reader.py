"""``read_export``: from a form tool's export to a Problem, recording every decision.

The steps, each in its own module: load the grid (``tables``), find the header row
(``header``), detect the layout and read each row's wishes (``layouts``), find who is
who and sort out rows that are not attendees (``people``), match the wishes to the
workshop table (``names``, ``workshops``), and build the Problem with its ``Source``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd

from workshop_assign.errors import MissingCapacitiesError, SpreadsheetError
from workshop_assign.model import Problem
from workshop_assign.provenance import Note, NoteKind, Source, excerpt
from workshop_assign.read.grids import Grid, load_grids
from workshop_assign.read.header import Table, table_from_frame, table_from_grid
from workshop_assign.read.layouts import LONG, detect_layout, read_wishes
from workshop_assign.read.matching import match_wishes, read_rules
from workshop_assign.read.parsed import ParsedExport, Where
from workshop_assign.read.people import find_people_columns
from workshop_assign.read.rows import pivot_long, sort_out_rows
from workshop_assign.read.text import language_of
from workshop_assign.read.workshops import WorkshopSpec, read_workshops

__all__ = ["ParsedExport", "build_problem", "missing_capacities", "parse_export", "read_export"]

LONGEST_CELL = 500  # a key or wish cell longer than this is not a name


class ReadOptions(TypedDict, total=False):
    """The settings of ``read_export`` and ``parse_export`` (all optional)."""

    workshops: WorkshopSpec | None
    sheet: str | None
    header_row: int | None
    key: str | None
    wish_columns: Sequence[str] | None
    encoding: str | None
    delimiter: str | None


def read_export(source: str | Path | pd.DataFrame, **options: Unpack[ReadOptions]) -> Problem:
    """Read a registration export (.xlsx, .csv or a DataFrame) into a Problem.

    The ``sheet``, ``header_row`` (1-based), layout (``wish_columns`` in rank order) and
    ``key`` column are detected; each can be given, as can a CSV file's ``encoding`` and
    ``delimiter``.  Workshops and seats come from ``workshops`` (a file, a DataFrame,
    ``{name: seats}`` or ``Workshop`` objects) or else from a ``Workshops`` sheet in the
    export.  Every decision made about the data is in ``problem.source.notes``.

    Raises:
        SpreadsheetError: the file cannot be read or understood (says where).
        MissingCapacitiesError: no seat counts were found; ``.demand`` shows the
            workshops with their demand per rank.
    """
    parsed = parse_export(source, **options)
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    return build_problem(parsed)


def missing_capacities(parsed: ParsedExport) -> MissingCapacitiesError:
    """The error for an export read without seat counts, with the demand to choose them."""
    listed = ", ".join(repr(n) for n in parsed.names[:6])
    return MissingCapacitiesError(
        f"no seat counts for the workshops found ({listed}); add a 'Workshops' sheet with "
        "columns Workshop and Plätze (or give them as workshops=), or on the command line "
        "--workshops FILE or --capacity NAME=SEATS",
        demand=parsed.demand(),
    )


def parse_export(
    source: str | Path | pd.DataFrame,
    *,
    workshops: WorkshopSpec | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    key: str | None = None,
    wish_columns: Sequence[str] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> ParsedExport:
    """Read and understand an export without requiring capacities (see ``read_export``)."""
    notes: list[Note] = []
    grid, shops_grid, path, digest = _load(source, sheet, encoding, delimiter, notes)
    if isinstance(source, pd.DataFrame):
        table = table_from_frame(source)
    else:
        assert grid is not None
        table = table_from_grid(grid, header_row)
    if table.header_row is not None:
        notes.append(Note(NoteKind.DETECTED, "header", params={"header_row": table.header_row}))
    if table.blank_rows:
        shown = ", ".join(map(str, table.blank_rows[:10])) + (
            " ..." if len(table.blank_rows) > 10 else ""
        )
        notes.append(
            Note(
                NoteKind.NORMALISED,
                "blank-rows",
                params={"count": len(table.blank_rows), "rows": shown},
            )
        )
    layout = detect_layout(table.frame, wish_columns)
    where = Where(path, grid.sheet if grid else None, list(table.frame.columns))
    _reject_huge_cells(table, list(layout.columns), where)
    if layout.name == LONG:
        table, rows_wishes, people = pivot_long(table, layout, key)
    else:
        rows_wishes = read_wishes(layout, table.frame)
        people = find_people_columns(table.frame, key, skip=set(layout.columns))
    _reject_huge_cells(table, [people.key], where)
    notes.append(
        Note(
            NoteKind.DETECTED,
            "layout",
            params={"layout": layout.name, "columns": ", ".join(layout.columns)},
        )
    )
    notes.append(Note(NoteKind.DETECTED, "key", column=people.key, params={"column": people.key}))
    parsed = ParsedExport(
        path,
        digest,
        grid.sheet if grid else None,
        table,
        layout,
        people,
        language_of(list(table.frame.columns)),
        np.ones(0, bool),
        [],
        [],
        None,
        [],
        notes,
    )
    sort_out_rows(parsed, rows_wishes)
    shops = (
        read_workshops(workshops)
        if workshops is not None
        else (read_workshops(shops_grid) if shops_grid is not None else None)
    )
    match_wishes(parsed, rows_wishes, shops, where)
    read_rules(parsed, where)
    return parsed


def _load(
    source: str | Path | pd.DataFrame,
    sheet: str | None,
    encoding: str | None,
    delimiter: str | None,
    notes: list[Note],
) -> tuple[Grid | None, Grid | None, str | None, str | None]:
    if isinstance(source, pd.DataFrame):
        return None, None, None, None
    path = Path(source)
    grid, shops = load_grids(path, sheet=sheet, encoding=encoding, delimiter=delimiter)
    if grid.sheet is not None:
        notes.append(Note(NoteKind.DETECTED, "sheet", params={"sheet": grid.sheet}))
    if grid.encoding is not None:
        notes.append(
            Note(
                NoteKind.DETECTED,
                "encoding",
                params={"encoding": grid.encoding, "delimiter": grid.delimiter},
            )
        )
    return grid, shops, str(path), _sha256(path)


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
                f"{where.cell(column, int(table.rows[at]))}: holds {lengths.max():,} characters "
                f"({excerpt(table.frame[column].iloc[at])!r}); expected a short name: correct "
                "the cell",
                path=where.path,
                sheet=where.sheet,
            )


def build_problem(parsed: ParsedExport) -> Problem:
    """The Problem, with its Source: attributes are the attendees' original columns."""
    frame = parsed.table.frame
    attributes = frame[parsed.keep].reset_index(drop=True)
    problem = Problem.from_preferences(
        dict(zip(parsed.keys, parsed.wishes, strict=True)),
        workshops=parsed.workshops or [],
        attributes=attributes,
    )
    dropped = frame.iloc[sorted(parsed.dropped)].copy()
    dropped.insert(0, "row", parsed.table.rows[sorted(parsed.dropped)])
    dropped["reason"] = [parsed.dropped[i] for i in sorted(parsed.dropped)]
    source = Source(
        parsed.path,
        parsed.sha256,
        parsed.sheet,
        parsed.table.header_row,
        parsed.layout.name,
        parsed.people.key,
        parsed.layout.columns,
        parsed.language,
        tuple(str(c) for c in frame.columns),
        parsed.table.rows[parsed.keep],
        tuple(parsed.notes),
        dropped.reset_index(drop=True),
        parsed.people.names,
        parsed.people.organisation,
        parsed.people.email,
        parsed.people.timestamp,
    )
    problem = replace(problem, source=source)
    if parsed.rules:
        problem = problem.with_rules(
            groups=parsed.rules.groups, fixed=parsed.rules.fixed, exclude=parsed.rules.exclude
        )
    return problem
