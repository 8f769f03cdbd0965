"""``read_export``: from a form tool's export to a Problem, recording every decision.

The steps, each in its own module: load the grid (``tables``), find the header row
(``header``), detect the layout and read each row's wishes (``layouts``), find who is
who and sort out rows that are not attendees (``people``), match the wishes to the
workshop table (``names``, ``workshops``), and build the Problem with its ``Source``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd

from workshop_assign.errors import MissingCapacitiesError, SpreadsheetError
from workshop_assign.io.header import Table, table_from_frame, table_from_grid
from workshop_assign.io.layouts import LONG, Layout, RowWishes, detect_layout, read_wishes
from workshop_assign.io.names import WorkshopMatcher, names_from_wishes
from workshop_assign.io.people import (
    PeopleColumns,
    cancelled_rows,
    find_people_columns,
    identity,
    key_values,
    latest_of_each,
    parse_stamps,
)
from workshop_assign.io.rulecolumns import (
    RuleValues,
    find_rule_columns,
    matcher_function,
    read_rule_values,
)
from workshop_assign.io.tables import Grid, column_letter, load_grids
from workshop_assign.io.text import cell_text, is_blank, language_of, rank_cell
from workshop_assign.io.workshops import WorkshopSpec, read_workshops
from workshop_assign.model import Problem, Workshop
from workshop_assign.provenance import Note, NoteKind, Source, excerpt

LONGEST_CELL = 500  # a key or wish cell longer than this is not a name


@dataclass(slots=True)
class ParsedExport:
    """Everything read from an export, before capacities are required."""

    path: str | None
    sha256: str | None
    sheet: str | None
    table: Table
    layout: Layout
    people: PeopleColumns
    language: str
    keep: np.ndarray
    keys: list[str]
    wishes: list[list[str]]
    workshops: list[Workshop] | None
    names: list[str]
    notes: list[Note] = field(default_factory=list)
    dropped: dict[int, str] = field(default_factory=dict)
    rules: RuleValues = field(default_factory=RuleValues)

    def demand(self) -> pd.DataFrame:
        """Workshops found with how many attendees ranked them 1st, 2nd, ..."""
        width = max((len(w) for w in self.wishes), default=1) or 1
        position = {name: i for i, name in enumerate(self.names)}
        counts = np.zeros((len(self.names), width), dtype=np.int64)
        for wishes in self.wishes:
            for rank, name in enumerate(wishes):
                counts[position[name], rank] += 1
        return pd.DataFrame(
            counts,
            index=pd.Index(self.names, name="workshop"),
            columns=pd.RangeIndex(1, width + 1, name="rank"),
        )


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
    where = _Where(path, grid.sheet if grid else None, list(table.frame.columns))
    _reject_huge_cells(table, list(layout.columns), where)
    if layout.name == LONG:
        table, rows_wishes, people = _pivot_long(table, layout, key)
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
    _sort_out_rows(parsed, rows_wishes)
    shops = (
        read_workshops(workshops)
        if workshops is not None
        else (read_workshops(shops_grid) if shops_grid is not None else None)
    )
    _match_wishes(parsed, rows_wishes, shops, where)
    _read_rules(parsed, where)
    return parsed


def _read_rules(parsed: ParsedExport, where: _Where) -> None:
    """Group, fixed-place and exclusion columns, matched against the workshop names."""
    frame = parsed.table.frame
    skip = {parsed.people.key, *parsed.people.names, *parsed.layout.columns}
    columns = find_rule_columns(frame, skip)
    if not columns:
        return
    for rule, column in columns.items():
        parsed.notes.append(
            Note(
                NoteKind.DETECTED,
                "rule-column",
                column=column,
                params={"rule": rule, "column": column},
            )
        )
    matcher = WorkshopMatcher(parsed.names)

    def fail(text: str, column: str, position: int) -> str:
        raise _no_match(matcher, text, where, column, int(parsed.table.rows[position]))

    kept = np.flatnonzero(parsed.keep).tolist()
    parsed.rules = read_rule_values(
        frame, columns, parsed.keys, kept, matcher_function(matcher, fail)
    )


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


@dataclass(frozen=True, slots=True)
class _Where:
    """How to point at a cell: file, sheet and the column letters of the headers."""

    path: str | None
    sheet: str | None
    headers: list[str]

    def cell(self, column: str, row: int) -> str:
        place = f"{self.path}, sheet {self.sheet!r}" if self.sheet else (self.path or "the table")
        if column in self.headers:
            return f"{place}, cell {column_letter(self.headers.index(column))}{row}"
        return f"{place}, row {row}"


def _reject_huge_cells(table: Table, columns: list[str], where: _Where) -> None:
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


def _pivot_long(
    table: Table, layout: Layout, key: str | None
) -> tuple[Table, list[RowWishes], PeopleColumns]:
    """One row per attendee from one row per (attendee, workshop, rank)."""
    shop, rank = layout.columns
    frame = table.frame
    people = find_people_columns(frame, key, skip={shop, rank})
    who = [identity(k) for k in key_values(frame, people)]
    firsts: dict[str, int] = {}
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    for position, (person, place, number) in enumerate(
        zip(who, frame[shop], frame[rank], strict=True)
    ):
        firsts.setdefault(person, position)
        if not is_blank(place):
            ranked.setdefault(person, []).append(
                (rank_cell(number) or 999, position, cell_text(place).strip())
            )
    order = list(firsts.values())
    rows = [RowWishes([(text, shop) for _, _, text in sorted(ranked.get(p, []))]) for p in firsts]
    kept = frame.iloc[order].drop(columns=[shop, rank]).reset_index(drop=True)
    return Table(kept, table.rows[order], table.header_row, table.blank_rows), rows, people


def _sort_out_rows(parsed: ParsedExport, rows_wishes: list[RowWishes]) -> None:
    """Decide which rows are attendees; give keys to those without one."""
    frame, numbers, people = parsed.table.frame, parsed.table.rows, parsed.people
    keys = key_values(frame, people)
    keep = np.ones(len(frame), dtype=bool)
    skip = {people.key, *people.names, *parsed.layout.columns}

    def drop(mask: np.ndarray, code: str) -> None:
        for position in np.flatnonzero(mask & keep).tolist():
            parsed.dropped[position] = code
            parsed.notes.append(
                Note(
                    NoteKind.DROPPED,
                    code,
                    row=int(numbers[position]),
                    value=excerpt(keys[position]) or None,
                )
            )
        keep[mask] = False

    empty_key = np.array([not k for k in keys], dtype=bool)
    no_wishes = np.array([not r.wishes for r in rows_wishes], dtype=bool)
    drop(empty_key & no_wishes, "not-attendee")
    if people.submitted is not None:
        drop(frame[people.submitted].map(is_blank).to_numpy(dtype=bool), "incomplete")
    drop(cancelled_rows(frame, skip), "cancelled")
    for position in np.flatnonzero(empty_key & keep).tolist():
        keys[position] = f"row {numbers[position]}"
        parsed.notes.append(
            Note(
                NoteKind.WARNING,
                "no-key",
                row=int(numbers[position]),
                column=people.key,
                params={"column": people.key, "key": keys[position]},
            )
        )
    stamps = parse_stamps(frame[people.timestamp]) if people.timestamp else None
    for lost, winner in latest_of_each([identity(k) for k in keys], stamps, keep).items():
        parsed.dropped[lost] = "superseded"
        parsed.notes.append(
            Note(
                NoteKind.DROPPED,
                "superseded",
                row=int(numbers[lost]),
                value=excerpt(keys[lost]),
                params={"winner": int(numbers[winner])},
            )
        )
        keep[lost] = False
    parsed.keep, parsed.keys = keep, keys


def _match_wishes(
    parsed: ParsedExport, rows_wishes: list[RowWishes], shops: list[Workshop] | None, where: _Where
) -> None:
    """Map each wish text to a workshop; note each normalisation and each odd row."""
    kept = np.flatnonzero(parsed.keep).tolist()
    texts = [text for i in kept for text, _ in rows_wishes[i].wishes]
    names = [w.name for w in shops] if shops is not None else names_from_wishes(texts)
    matcher = WorkshopMatcher(names)
    decided: dict[str, int] = {}
    numbers = parsed.table.rows
    first_seen: dict[tuple[str, str], tuple[int, int]] = {}
    for i in kept:
        for text, column in rows_wishes[i].wishes:
            seen = first_seen.setdefault((text, column), (int(numbers[i]), 0))
            first_seen[(text, column)] = (seen[0], seen[1] + 1)
            if text not in decided:
                decided[text] = _decide(matcher, text, column, int(numbers[i]), texts, where=where)
    for (text, column), (row, count) in first_seen.items():
        how = matcher.match(text)
        if how is not None and how[1] is not None:
            parsed.notes.append(
                Note(
                    NoteKind.NORMALISED,
                    "name",
                    row=row,
                    column=column,
                    value=excerpt(text),
                    params={"workshop": names[decided[text]], "how": how[1], "count": count},
                )
            )
    parsed.wishes = [
        _row_list(parsed, rows_wishes[i], decided, names, int(numbers[i])) for i in kept
    ]
    parsed.keys = [parsed.keys[i] for i in kept]
    parsed.workshops, parsed.names = shops, names


def _decide(
    matcher: WorkshopMatcher, text: str, column: str, row: int, texts: list[str], *, where: _Where
) -> int:
    found = matcher.match(text)
    if found is not None:
        return found[0]
    others = sum(1 for t in texts if t == text) - 1
    raise _no_match(
        matcher,
        text,
        where,
        column,
        row,
        others=others,
        advice="Correct the cell, or add the workshop to the workshop table",
    )


def _no_match(
    matcher: WorkshopMatcher,
    text: str,
    where: _Where,
    column: str,
    row: int,
    *,
    others: int = 0,
    advice: str = "Correct the cell",
) -> SpreadsheetError:
    """The one-line error for a workshop name that matches no workshop, with the cell."""
    also = f" (and {others} more cells)" if others else ""
    close = ", ".join(repr(n) for n in matcher.suggestions(text)) or "none"
    return SpreadsheetError(
        f"{where.cell(column, row)}: {excerpt(text)!r}{also} matches no workshop; closest: "
        f"{close}. {advice}",
        path=where.path,
        sheet=where.sheet,
    )


def _row_list(
    parsed: ParsedExport, row: RowWishes, decided: dict[str, int], names: list[str], number: int
) -> list[str]:
    """One attendee's wish list as workshop names; repeats dropped, odd rows noted."""
    chosen: list[str] = []
    for text, column in row.wishes:
        name = names[decided[text]]
        if name in chosen:
            parsed.notes.append(
                Note(
                    NoteKind.NORMALISED,
                    "repeat",
                    row=number,
                    column=column,
                    value=excerpt(text),
                    params={"workshop": name},
                )
            )
        else:
            chosen.append(name)
    if row.gap:
        parsed.notes.append(Note(NoteKind.NORMALISED, "gap", row=number))
    if row.tied_rank is not None:
        parsed.notes.append(
            Note(NoteKind.WARNING, "tie", row=number, params={"rank": row.tied_rank})
        )
    for text, column in row.unreadable or []:
        parsed.notes.append(
            Note(NoteKind.WARNING, "unknown-rank", row=number, column=column, value=excerpt(text))
        )
    if not chosen:
        parsed.notes.append(Note(NoteKind.WARNING, "no-wishes", row=number))
    return chosen


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
    )
    problem = replace(problem, source=source)
    if parsed.rules:
        problem = problem.with_rules(
            groups=parsed.rules.groups, fixed=parsed.rules.fixed, exclude=parsed.rules.exclude
        )
    return problem
