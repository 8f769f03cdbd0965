"""Writing sheets into an Excel workbook within Excel's limits, never cutting silently.

Excel holds at most 1,048,576 rows and 16,384 columns per sheet, 32,767 characters per
cell, and sheet names of at most 31 UTF-16 code units without ``[]:*?/\\``, unique
regardless of case, never "History".  The policy, one for every sheet:

* a table with more rows or columns than a sheet holds is refused before anything is
  written (``OutputError``, the line suggests CSV or JSON, which have no limits);
* a cell longer than 32,767 characters is cut, visibly: it ends in "…[+N]" (N characters
  left out), and each cut cell is listed in the Notes sheet with its sheet and cell;
* a sheet name is shortened to 31 UTF-16 units and made unique with " (2)", " (3)";
  names kept for the workbook's own sheets are never taken.

Workbooks are written in constant memory through a private temporary folder (see
``files.atomic_path``), and a failure while closing leaves no half file and no noise.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from workshop_assign.errors import OutputError
from workshop_assign.read.grids import column_letter
from workshop_assign.read.text import cell_text
from workshop_assign.text import worded
from workshop_assign.write.files import private_folder

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL = 32_767
MAX_SHEET_NAME = 31  # UTF-16 code units
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESERVED_SHEETS = frozenset({"history"})
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
DATE_FORMATS = {  # kind of date column -> how a spreadsheet shows it
    "date": "yyyy-mm-dd hh:mm",
    "seconds": "yyyy-mm-dd hh:mm:ss",
    "day": "yyyy-mm-dd",
}


class Percent(float):
    """A share, written as a number shown as a percentage (0.25 -> 25%)."""


@dataclass(frozen=True, slots=True)
class CutCell:
    """A cell that was cut to fit: where, and how long it was."""

    sheet: str
    cell: str
    length: int


@dataclass
class Book:
    """An open workbook: its cell formats, the sheet names taken, the cells cut."""

    book: xlsxwriter.Workbook
    formats: dict[str, object]
    taken: set[str] = field(default_factory=set)  # casefolded sheet names
    cut: list[CutCell] = field(default_factory=list)
    pages: str = "&P / &N"  # the printed page's footer: "Seite &P von &N" in German

    def reserve(self, name: str) -> None:
        """Keep a name for a sheet the writer adds itself (no other sheet may take it)."""
        self.taken.add(name.casefold())

    def sheet(self, name: str) -> tuple[str, Worksheet]:
        """A new sheet under a valid, unique name made from ``name``."""
        unique = unique_sheet_name(name, self.taken)
        return unique, self.book.add_worksheet(unique)

    def table(self, name: str, table: pd.DataFrame) -> tuple[str, Worksheet]:
        """A sheet holding ``table`` (headers, then rows), refused if it cannot fit."""
        fits(table, name)
        title, sheet = self.sheet(name)
        widths = write_table(self, title, sheet, table)
        print_setup(self, sheet, title, widths, header_row=0)
        return title, sheet


@contextmanager
def open_workbook(temporary: Path) -> Iterator[Book]:
    """A workbook written to ``temporary``; closed on success, discarded on failure."""
    book = xlsxwriter.Workbook(
        str(temporary),
        {
            "constant_memory": True,
            "tmpdir": private_folder(temporary),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    formats: dict[str, object] = {
        "bold": book.add_format({"bold": True}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "percent": book.add_format({"num_format": "0.0%"}),
    }
    for kind, number_format in DATE_FORMATS.items():
        formats[kind] = book.add_format({"num_format": number_format})
    try:
        yield Book(book, formats)
        book.close()
    except (OSError, FileCreateError) as error:  # xlsxwriter wraps the OSError of a full disk
        cause = error.__context__ if isinstance(error, FileCreateError) else error
        reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else error
        raise OutputError(worded("cannot_write", name=temporary.name, reason=reason)) from None
    finally:
        book.fileclosed = True  # a failed close must not try again when collected


def fits(table: pd.DataFrame, name: str) -> None:
    """Refuse a table that a sheet cannot hold, before anything is written."""
    rows, columns = len(table) + 1, len(table.columns)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise OutputError(
            worded(
                "too_big_for_a_sheet",
                name=name,
                rows=rows,
                columns=columns,
                most_rows=MAX_ROWS,
                most_columns=MAX_COLUMNS,
            )
        )


def unique_sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name from ``name``; ``taken`` holds casefolded names."""
    base = SHEET_FORBIDDEN.sub(" ", name).strip().strip("'").strip() or "Sheet"
    candidate, number = _utf16_prefix(base, MAX_SHEET_NAME), 2
    while candidate.casefold() in taken or candidate.casefold() in RESERVED_SHEETS:
        suffix = f" ({number})"
        candidate = _utf16_prefix(base, MAX_SHEET_NAME - len(suffix)).rstrip() + suffix
        number += 1
    taken.add(candidate.casefold())
    return candidate


def _utf16_prefix(text: str, units: int) -> str:
    """The longest prefix of ``text`` of at most ``units`` UTF-16 code units."""
    if len(text.encode("utf-16-le")) <= 2 * units:
        return text
    prefix, used = [], 0
    for character in text:
        width = 2 if ord(character) > 0xFFFF else 1
        if used + width > units:
            break
        prefix.append(character)
        used += width
    return "".join(prefix)


def write_table(
    book: Book,
    title: str,
    sheet: Worksheet,
    table: pd.DataFrame,
    *,
    first_row: int = 0,
    filter_: bool = True,
) -> list[float]:
    """Headers (at ``first_row``), then the rows; each column converted once, so each
    cell is one call; each column as wide as its header and first cells need (the
    widths are returned, for the page set-up)."""
    top = first_row + 1
    prepared = [_prepared(table.iloc[:, i]) for i in range(len(table.columns))]
    widths = [_width(str(h), *prepared[i]) for i, h in enumerate(table.columns)]
    for column, header in enumerate(table.columns):
        _text(book, title, sheet, (first_row, column), str(header), style=book.formats["bold"])
        sheet.set_column(column, column, widths[column])
    sheet.freeze_panes(top, 0)
    for row in range(len(table)):
        for column, (kind, values) in enumerate(prepared):
            value = values[row]
            if value is None:
                continue
            if kind in DATE_FORMATS:
                sheet.write_number(row + top, column, value, book.formats[kind])
            elif kind == "number":
                sheet.write_number(row + top, column, value)
            elif kind == "text":
                sheet.write_string(row + top, column, value)
            elif kind == "long text":
                _text(book, title, sheet, (row + top, column), str(value))
            else:
                write_cell(book, title, sheet, (row + top, column), value)
    if filter_ and len(table.columns):
        sheet.autofilter(first_row, 0, first_row + max(len(table), 1), len(table.columns) - 1)
    return widths


A4 = 9  # xlsxwriter's paper code
PORTRAIT_WIDTH = 100  # characters of columns a portrait A4 page shows at a readable size


def print_setup(
    book: Book, sheet: Worksheet, title: str, widths: Sequence[float], *, header_row: int | None
) -> None:
    """Every sheet prints as a list: A4, on its side where the columns are wide, one page
    wide and as many long as it takes, the header row on every page, the sheet's title
    at the top and the page number at the foot."""
    sheet.set_paper(A4)
    if sum(widths) > PORTRAIT_WIDTH:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    if header_row is not None:
        sheet.repeat_rows(header_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header(f"&L&B{title.replace('&', '&&')}", {"margin": 0.3})
    sheet.set_footer(f"&C{book.pages}", {"margin": 0.3})


WIDEST = 45  # characters; longer texts wrap in the cell's view, not the sheet's layout
DATE_WIDTHS = {"day": 11, "date": 17, "seconds": 20}


def _width(header: str, kind: str, values: list[object]) -> float:
    """Wide enough for the header and the first cells (dates never show as ###)."""
    if kind in DATE_WIDTHS:
        return max(DATE_WIDTHS[kind], len(header) + 2)
    sample = [len(cell_text(v)) for v in values[:200] if v is not None and kind != "number"]
    return min(WIDEST, max(8, len(header) + 2, *(n + 1 for n in sample)))


def write_rows(book: Book, title: str, sheet: Worksheet, rows: list[list[object]]) -> None:
    """Free-form rows (the Summary): a bold title where a row has one cell; the first
    column as wide as its longest label, so that nothing is cut when printed."""
    labels = [len(cell_text(r[0])) for r in rows if len(r) > 1 and r[0] is not None]
    first = min(WIDEST + 15, max([34, *(n + 2 for n in labels)]))
    sheet.set_column(0, 0, first)
    sheet.set_column(1, 6, 16)
    print_setup(book, sheet, title, [first, *[16] * 6], header_row=None)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            bold = column == 0 and len(values) == 1
            write_cell(book, title, sheet, (row, column), value, bold=bold)


def write_cell(
    book: Book,
    title: str,
    sheet: Worksheet,
    at: tuple[int, int],
    value: object,
    *,
    bold: bool = False,
) -> None:
    """Numbers as numbers, dates as dates, everything else as text (never a formula).

    A number Excel cannot hold (infinite) is written as the text it reads as.
    """
    row, column = at
    if value is None or value is pd.NA or value is pd.NaT:
        return
    if isinstance(value, bool | np.bool_):
        sheet.write_boolean(row, column, bool(value))
    elif isinstance(value, Percent):
        sheet.write_number(row, column, float(value), book.formats["percent"])
    elif isinstance(value, numbers.Real):
        if math.isfinite(value):
            sheet.write_number(row, column, value)
        elif not math.isnan(value):
            sheet.write_string(row, column, str(value))
    elif isinstance(value, datetime | date) and not isinstance(value, time):
        kind = "date" if isinstance(value, datetime) else "day"
        sheet.write_datetime(row, column, value, book.formats[kind])
    else:
        style = book.formats["bold"] if bold else None
        _text(book, title, sheet, at, cell_text(value), style=style)


def _text(
    book: Book,
    title: str,
    sheet: Worksheet,
    at: tuple[int, int],
    text: str,
    *,
    style: object = None,
) -> None:
    """A text cell, cut visibly (and noted) when longer than a cell holds."""
    row, column = at
    if len(text) > MAX_CELL:
        book.cut.append(CutCell(title, f"{column_letter(column)}{row + 1}", len(text)))
        text = cut_text(text)
    if style is None:
        sheet.write_string(row, column, text)
    else:
        sheet.write_string(row, column, text, style)


def cut_text(text: str, limit: int = MAX_CELL) -> str:
    """``text`` cut to ``limit`` characters, ending in "…[+N]": N characters left out."""
    kept = limit
    for _ in range(3):  # the marker's length depends on N, which depends on it
        marker = f"…[+{len(text) - kept:,}]"
        kept = limit - len(marker)
    return text[:kept] + f"…[+{len(text) - kept:,}]"


def _prepared(column: pd.Series) -> tuple[str, list[object]]:
    """A column as (kind, cells with None for empty ones); kind is "text" ("long text"
    when a cell must be cut), "number", "mixed" or a kind of date: "day" (dates without
    a time), "seconds" (times with seconds) or "date" (times to the minute), so each is
    shown as it was read.

    Dates become Excel serial numbers (days since 1899-12-30) in one vectorised step,
    which is far quicker than converting each date cell by itself.
    """
    values = column.astype(object) if isinstance(column.dtype, pd.CategoricalDtype) else column
    present = values.notna().to_numpy().copy()
    if values.dtype == object:  # an empty string is an empty cell
        present &= (values.astype(str).str.strip() != "").to_numpy()
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return _date_kind(_serials(values, present), days=False)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        numbers_ = values.astype("float64").to_numpy()
        finite = bool(np.isfinite(numbers_[present]).all())  # Excel holds no infinity
        cells: list[object] = [
            v if ok else None for v, ok in zip(numbers_.tolist(), present, strict=True)
        ]
        return ("number" if finite else "mixed"), cells
    cells = list(values.tolist())
    kinds = {type(v) for v, ok in zip(cells, present, strict=True) if ok}
    if kinds <= {str}:
        texts = [v if ok and v != "" else None for v, ok in zip(cells, present, strict=True)]
        longest = max((len(str(t)) for t in texts if t is not None), default=0)
        return ("text" if longest <= MAX_CELL else "long text"), texts
    if kinds and all(issubclass(k, date) for k in kinds):
        serials = _serials(pd.to_datetime(values, errors="coerce"), present)
        return _date_kind(serials, days=not any(issubclass(k, datetime) for k in kinds))
    return "mixed", [v if ok else None for v, ok in zip(cells, present, strict=True)]


def _date_kind(serials: list[object], *, days: bool) -> tuple[str, list[object]]:
    """Dates without a time of day as days; times with seconds keep them in view."""
    if days:
        return "day", serials
    seconds = np.asarray([s for s in serials if s is not None], dtype=float) * 86400
    has_seconds = bool(np.any(np.abs(seconds - np.round(seconds / 60) * 60) > 1e-3))
    return ("seconds" if has_seconds else "date"), serials


def _serials(values: pd.Series, present: np.ndarray) -> list[object]:
    """Excel date serials (days since 1899-12-30, local time), None where empty."""
    stamps = pd.to_datetime(values, errors="coerce")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    days = (stamps - EXCEL_EPOCH) / pd.Timedelta(days=1)
    usable = present & days.notna().to_numpy()
    return [d if ok else None for d, ok in zip(days.tolist(), usable, strict=True)]
