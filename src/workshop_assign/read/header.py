"""Find the header row of a grid and turn the rows below it into a table.

Exports often carry a title, a date or an empty line above the real column headers.
The header row is the one among the first rows that looks most like headers: many text
cells, words form tools use in headers, and no e-mail addresses, dates or numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.grids import Grid, cell_name, column_letter
from workshop_assign.read.text import cell_text, fold, is_blank, ordinal

SCAN_ROWS = 30
HEADER_WORDS = (
    "mail",
    "name",
    "wunsch",
    "wahl",
    "choice",
    "zeitstempel",
    "timestamp",
    "rank",
    "rang",
    "priorit",
    "organisation",
    "organization",
    "startzeit",
    "start time",
    "completion",
    "fertigstellung",
    "submitdate",
    "id",
    "[",
    "kommune",
    "status",
    "workshop",
    "plätze",
    "kapazit",
    "capacity",
    "seats",
    "raum",
    "room",
    "minimum",
)


@dataclass(slots=True)
class Table:
    """The rows below the header: a frame of cells and each row's 1-based sheet row."""

    frame: pd.DataFrame
    rows: npt.NDArray[np.int64]
    header_row: int | None  # 1-based, None for a DataFrame given directly
    blank_rows: list[int]


def header_score(row: list[object]) -> float:
    """How much a row looks like column headers rather than a title or data."""
    score = 0.0
    for cell in row:
        if is_blank(cell):
            continue
        if isinstance(cell, int | float | datetime | date) or "@" in str(cell):
            score -= 2
            continue
        text = fold(str(cell))
        score += (
            1 + 3 * any(word in text for word in HEADER_WORDS) + 2 * (ordinal(text) is not None)
        )
    return score


def find_header_row(grid: Grid) -> int:
    """0-based index of the header row among the first rows of the grid."""
    best, best_score = -1, 0.0
    for index, row in enumerate(grid.rows[:SCAN_ROWS]):
        filled = sum(not is_blank(c) for c in row)
        if filled < 2:
            continue
        score = header_score(row)
        if score > best_score:
            best, best_score = index, score
    if best < 0:
        raise SpreadsheetError(
            f"{_where(grid)}: found no row of column headers in the first {SCAN_ROWS} rows; "
            "the export needs one header row above the data",
            path=grid.path,
            sheet=grid.sheet,
        )
    return best


def table_from_grid(grid: Grid, header_row: int | None = None) -> Table:
    """The table below the (given or detected, 1-based) header row, blank rows removed."""
    if header_row is not None and not 1 <= header_row <= len(grid.rows):
        raise SpreadsheetError(
            f"{_where(grid)}: there is no row {header_row} (the sheet has {len(grid.rows)} rows)",
            path=grid.path,
            sheet=grid.sheet,
        )
    index = header_row - 1 if header_row is not None else find_header_row(grid)
    _reject_merged_headers(grid, index)
    width = max((len(r) for r in grid.rows[index:]), default=0)
    headers = _header_names(grid.rows[index], width)
    body = grid.rows[index + 1 :]
    if all(map(_blank_row, body)):
        raise SpreadsheetError(
            f"{_where(grid)}: has column headers in row {index + 1} but no "
            "registrations below them",
            path=grid.path,
            sheet=grid.sheet,
            cell=cell_name(index, 0),
        )
    padded = [row + [""] * (width - len(row)) for row in body]
    frame = pd.DataFrame(padded, columns=headers, dtype=object)
    numbers = np.arange(index + 2, index + 2 + len(padded), dtype=np.int64)
    blank = np.fromiter(map(_blank_row, padded), dtype=bool, count=len(padded))
    return Table(
        frame[~blank].reset_index(drop=True), numbers[~blank], index + 1, numbers[blank].tolist()
    )


def table_from_frame(frame: pd.DataFrame) -> Table:
    """A DataFrame given directly: its columns are the headers, rows numbered from 2."""
    data = frame.astype(object).reset_index(drop=True)
    data.columns = _header_names(list(frame.columns), len(frame.columns))
    numbers = np.arange(2, len(data) + 2, dtype=np.int64)
    rows = data.itertuples(index=False, name=None)
    blank = np.fromiter(map(_blank_row, rows), dtype=bool, count=len(data))
    return Table(
        data[~blank].reset_index(drop=True), numbers[~blank], None, numbers[blank].tolist()
    )


def _blank_row(row: Sequence[object]) -> bool:
    """True when every cell is empty; stops at the first filled cell (usually the first)."""
    return not any(not is_blank(cell) for cell in row)


def _header_names(row: list[object], width: int) -> list[str]:
    """Clean, unique header names; an empty header is named after its column letter."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for column in range(width):
        cell = row[column] if column < len(row) else ""
        name = (
            " ".join(cell_text(cell).split())
            if not is_blank(cell)
            else f"({column_letter(column)})"
        )
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def _reject_merged_headers(grid: Grid, index: int) -> None:
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= index <= r1 and c1 > c0:
            span = f"{cell_name(r0, c0)}:{cell_name(r1, c1)}"
            raise SpreadsheetError(
                f"{_where(grid)}, cells {span}: the header row has merged cells; unmerge them "
                "so that every column has its own header",
                path=grid.path,
                sheet=grid.sheet,
                cell=span,
            )


def _where(grid: Grid) -> str:
    return f"{grid.path}, sheet {grid.sheet!r}" if grid.sheet else str(grid.path)
