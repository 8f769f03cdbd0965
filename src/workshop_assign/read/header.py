"""Find the header row(s) of a grid and turn the rows below into a table.

Exports often carry a title, a date or an empty line above the real column headers.
The header row is the one among the first rows that looks most like headers: many text
cells, words form tools use in headers, and no e-mail addresses, dates or numbers.

Some tools (SurveyMonkey) write two header rows: the question in the first row, above
the first of its columns or merged across them, and below it the option of each column
("Response" where a question has one column).  Such a pair becomes one header per
column, ``Question [Option]``, the shape the rest of the reader knows from Google Forms.
Header rows repeated inside the data (blocks pasted below each other) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.grids import Grid, cell_name, column_letter
from workshop_assign.read.text import cell_text, fold, is_blank, ordinal
from workshop_assign.text import worded

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


SINGLE_ANSWER = {"response", "antwort", "open-ended response", "offene antwort", "answer"}


@dataclass(frozen=True, slots=True)
class Table:
    """The rows below the header: a frame of cells and each row's 1-based sheet row.

    ``header_rows`` counts the header rows (2 for a question row above an option row);
    ``repeated_headers`` lists the rows that repeat the header inside the data.
    """

    frame: pd.DataFrame
    rows: npt.NDArray[np.int64]
    header_row: int | None  # 1-based, None for a DataFrame given directly
    blank_rows: list[int]
    header_rows: int = 1
    repeated_headers: tuple[int, ...] = ()
    same_headers: tuple[tuple[str, ...], ...] = ()  # columns that had one header text


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
            worded("no_header", where=_where(grid), rows=SCAN_ROWS),
            path=grid.path,
            sheet=grid.sheet,
        )
    return best


def table_from_grid(grid: Grid, header_row: int | None = None) -> Table:
    """The table below the (given or detected, 1-based) header row, blank rows removed."""
    if header_row is not None and not 1 <= header_row <= len(grid.rows):
        raise SpreadsheetError(
            worded("no_row", where=_where(grid), row=header_row, rows=len(grid.rows)),
            path=grid.path,
            sheet=grid.sheet,
        )
    index = header_row - 1 if header_row is not None else find_header_row(grid)
    width = max((len(r) for r in grid.rows[index:]), default=0)
    first = _padded(grid.rows[index], width)
    second = _padded(grid.rows[index + 1], width) if index + 1 < len(grid.rows) else None
    two = second is not None and _is_option_row(first, second, _merged_in_row(grid, index))
    if two and second is not None:
        headers = _unique(_two_row_names(first, second, _merged_in_row(grid, index)))
    else:
        _reject_merged_headers(grid, index)
        headers = _header_names(first, width)
    start = index + (2 if two else 1)
    body = grid.rows[start:]
    if all(map(_blank_row, body)):
        raise SpreadsheetError(
            worded("no_data", where=_where(grid), row=index + 1),
            path=grid.path,
            sheet=grid.sheet,
            cell=cell_name(index, 0),
        )
    padded = [_padded(row, width) for row in body]
    frame = pd.DataFrame(padded, columns=headers, dtype=object)
    numbers = np.arange(start + 1, start + 1 + len(padded), dtype=np.int64)
    blank = np.fromiter(map(_blank_row, padded), dtype=bool, count=len(padded))
    again = _repeated_headers(padded, first) & ~blank
    keep = ~blank & ~again
    return Table(
        frame[keep].reset_index(drop=True),
        numbers[keep],
        index + 1,
        numbers[blank].tolist(),
        2 if two else 1,
        tuple(numbers[again].tolist()),
        same_headers(headers),
    )


def _padded(row: list[object], width: int) -> list[object]:
    return row + [""] * (width - len(row)) if len(row) < width else row[:width]


def _merged_in_row(grid: Grid, index: int) -> list[tuple[int, int]]:
    """Column spans (first, last) of cells merged across columns in the row."""
    return [(c0, c1) for r0, c0, r1, c1 in grid.merged if r0 <= index <= r1 and c1 > c0]


def _is_option_row(
    first: list[object], second: list[object], merged: list[tuple[int, int]]
) -> bool:
    """True when the row below the headers names the options of the questions above.

    It holds no data (no numbers, dates or addresses), is empty under some headers and
    filled under columns whose header is empty or merged from the left: the columns a
    question spans.  Otherwise it is the first row of data.
    """
    if any(isinstance(c, int | float | datetime | date) or "@" in str(c) for c in second):
        return False
    spanned = {c for c0, c1 in merged for c in range(c0 + 1, c1 + 1)}
    under_question = [
        j
        for j in range(1, len(first))
        if not is_blank(second[j]) and (is_blank(first[j]) or j in spanned)
    ]
    if not under_question or not any(not is_blank(c) for c in first[: under_question[0]]):
        return False
    single = any(fold(cell_text(c)) in SINGLE_ANSWER for c in second if not is_blank(c))
    empty_under_header = any(
        not is_blank(h) and is_blank(o) for h, o in zip(first, second, strict=True)
    )
    return single or empty_under_header or bool(merged)


def _two_row_names(
    first: list[object], second: list[object], merged: list[tuple[int, int]]
) -> list[str]:
    """``Question [Option]`` for each column, the question carried over the columns it
    spans; a lone "Response" option leaves the question alone."""
    spans = {c: c0 for c0, c1 in merged for c in range(c0, c1 + 1)}
    names: list[str] = []
    question = ""
    for column, option in enumerate(second):
        head = first[spans.get(column, column)]
        if not is_blank(head):
            question = " ".join(cell_text(head).split())
        elif is_blank(option):
            question = ""
        label = " ".join(cell_text(option).split()) if not is_blank(option) else ""
        if not label or fold(label) in SINGLE_ANSWER:
            names.append(question or f"({column_letter(column)})")
        else:
            names.append(f"{question} [{label}]" if question else label)
    return names


def _repeated_headers(rows: list[list[object]], header: list[object]) -> npt.NDArray[np.bool_]:
    """Rows that repeat the header row (pasted blocks): most header cells, same text."""
    wanted = [(j, fold(cell_text(c))) for j, c in enumerate(header) if not is_blank(c)]
    if len(wanted) < 2:
        return np.zeros(len(rows), dtype=bool)
    first = wanted[0]

    def repeats(row: list[object]) -> bool:
        cell = row[first[0]]
        if not isinstance(cell, str) or fold(cell) != first[1]:
            return False  # quick exit: nearly every row differs in its first header cell
        same = sum(fold(str(row[j])) == text for j, text in wanted if isinstance(row[j], str))
        return same >= 0.8 * len(wanted)

    return np.fromiter(map(repeats, rows), dtype=bool, count=len(rows))


def table_from_frame(frame: pd.DataFrame) -> Table:
    """A DataFrame given directly: its columns are the headers, rows numbered from 2."""
    data = frame.astype(object).reset_index(drop=True)
    data.columns = _header_names(list(frame.columns), len(frame.columns))
    numbers = np.arange(2, len(data) + 2, dtype=np.int64)
    rows = data.itertuples(index=False, name=None)
    blank = np.fromiter(map(_blank_row, rows), dtype=bool, count=len(data))
    return Table(
        data[~blank].reset_index(drop=True),
        numbers[~blank],
        None,
        numbers[blank].tolist(),
        same_headers=same_headers(list(data.columns)),
    )


def _blank_row(row: Sequence[object]) -> bool:
    """True when every cell is empty; stops at the first filled cell (usually the first)."""
    return not any(not is_blank(cell) for cell in row)


def _header_names(row: list[object], width: int) -> list[str]:
    """Clean, unique header names; an empty header is named after its column letter."""
    return _unique(
        [
            " ".join(cell_text(row[c]).split())
            if c < len(row) and not is_blank(row[c])
            else f"({column_letter(c)})"
            for c in range(width)
        ]
    )


_SUFFIX = re.compile(r"^(.*) \((\d+)\)$")


def same_headers(names: list[str]) -> tuple[tuple[str, ...], ...]:
    """Groups of columns whose headers were the same text (made unique by ``_unique``)."""
    groups: dict[str, list[str]] = {}
    for name in names:
        found = _SUFFIX.match(name)
        base = found.group(1) if found and found.group(1) in names else name
        groups.setdefault(base, []).append(name)
    return tuple(tuple(g) for g in groups.values() if len(g) > 1)


def _unique(names: list[str]) -> list[str]:
    """Second and later equal headers get " (2)", " (3)" (noted by the roles stage)."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def _reject_merged_headers(grid: Grid, index: int) -> None:
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= index <= r1 and c1 > c0:
            span = f"{cell_name(r0, c0)}:{cell_name(r1, c1)}"
            raise SpreadsheetError(
                worded("merged_header", where=_where(grid), span=span),
                path=grid.path,
                sheet=grid.sheet,
                cell=span,
            )


def _where(grid: Grid) -> str:
    return worded("at_sheet", path=grid.path, sheet=grid.sheet) if grid.sheet else str(grid.path)
