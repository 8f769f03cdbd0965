"""Write a result for organizers: an Excel workbook, or the assignment table as CSV/JSON.

The workbook has an Assignments sheet (the original columns plus workshop, rank and
reason), one printable roster per workshop, a Summary (people per rank, fill, objective
and proof, options, version, input hash) and the Notes (every decision made while
reading).  Labels are German or English.  Text that starts like a formula is always
written as text.  Files are written to a temporary name and renamed, so a failure never
leaves half a file, and the input file is never written over.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import xlsxwriter

from workshop_assign._version import library_version
from workshop_assign.errors import InputError
from workshop_assign.io.labels import label, roster_columns, summary_rows
from workshop_assign.read.text import cell_text

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from workshop_assign.result import Result

WhatIf = tuple[int, pd.DataFrame]  # extra seats, and the table of ``whatif.what_if``
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def write_result(
    result: Result,
    path: str | Path,
    *,
    lang: str | None = None,
    what_if: WhatIf | None = None,
    moves: pd.DataFrame | None = None,
) -> Path:
    """Write ``result`` as .xlsx, .csv or .json, chosen by the file name's suffix."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in _WRITERS:
        raise InputError(f"cannot write {target.name}: the name must end in .xlsx, .csv or .json")
    _refuse_input(result, target)
    language = lang or (result.problem.source.language if result.problem.source else "en")
    if language not in ("de", "en"):
        raise InputError(f"unknown language {language!r}; choose de or en")
    with atomic_path(target) as temporary:
        _WRITERS[suffix](result, temporary, language, what_if, moves)
    return target


def assignments(result: Result, lang: str) -> pd.DataFrame:
    """The Assignments table: original columns, then workshop, rank and reason."""
    frame = result.to_frame(lang=lang)
    source = result.problem.source
    if source is not None and result.problem.attributes is not None:
        base = result.problem.attributes.copy()
    else:
        base = pd.DataFrame({label("attendee", lang): frame["attendee"]})
        if result.problem.attributes is not None:
            base = pd.concat([base, result.problem.attributes], axis=1)
    base[label("workshop", lang)] = frame["workshop"].astype(object)
    base[label("rank", lang)] = frame["rank"]
    base[label("reason", lang)] = frame["reason"].astype(object)
    base[label("explanation", lang)] = result.explanations(lang).to_numpy()
    return base


def _refuse_input(result: Result, target: Path) -> None:
    source = result.problem.source
    if source is None or source.path is None:
        return
    if target.exists() and Path(source.path).exists() and target.samefile(source.path):
        raise InputError(
            f"{target}: is the input file; choose another output name "
            "(the input is never written over)"
        )


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target`` that replaces it only on success."""
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent if str(target.parent) else "."
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _write_csv(result: Result, path: Path, lang: str, *_: object) -> None:
    table = assignments(result, lang).map(_csv_safe)
    table.to_csv(path, index=False, sep=";" if lang == "de" else ",", encoding="utf-8-sig")


def _write_json(result: Result, path: Path, lang: str, *_: object) -> None:
    table = assignments(result, lang)
    for column in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[column].dtype) or (
            table[column].dtype == object
        ):
            table[column] = table[column].map(_json_cell).astype(object)
    table.to_json(path, orient="records", force_ascii=False, indent=1)


def _json_cell(value: object) -> object:
    """Dates as ISO text the way they were read: a day stays a day, a time keeps its
    seconds; everything else as it is."""
    if value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep="T", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv_safe(value: object) -> object:
    """A cell as the text a spreadsheet shows (2.0 as 2), never read back as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value):
        return cell_text(value)  # as text, so that a column of 1.5 and 2 keeps "2"
    return value


def _write_excel(
    result: Result,
    path: Path,
    lang: str,
    what_if: WhatIf | None = None,
    moves: pd.DataFrame | None = None,
) -> None:
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    formats = cell_formats(book)
    table = assignments(result, lang)
    write_table(book.add_worksheet(label("Assignments", lang)), table, formats)
    used: set[str] = {label("Assignments", lang)}
    for name, roster in roster_columns(result, table, lang):
        write_table(book.add_worksheet(unique_sheet_name(name, used)), roster, formats)
    summary_name = unique_sheet_name(label("Summary", lang), used)
    summary = book.add_worksheet(summary_name)
    rows = summary_rows(result, lang, what_if)
    write_rows(summary, rows, formats)
    _add_charts(book, summary, summary_name, rows, lang)
    if moves is not None:
        table = moves.rename(columns={c: label(f"move_{c}", lang) for c in moves.columns})
        write_table(
            book.add_worksheet(unique_sheet_name(label("Moves", lang), used)), table, formats
        )
    notes = book.add_worksheet(unique_sheet_name(label("Notes", lang), used))
    write_table(notes, notes_table(result, lang), formats)
    _write_metadata(book, result, lang)
    book.close()


METADATA_SHEET = "workshop_assign"


def _write_metadata(book: xlsxwriter.Workbook, result: Result, lang: str) -> None:
    """A very hidden sheet with what ``workshop-assign check`` needs to re-solve exactly."""
    source = result.problem.source
    sheet = book.add_worksheet(METADATA_SHEET)
    sheet.very_hidden()
    values = {
        "version": library_version(),
        "options": result.options.to_json(),
        "lang": lang,
        "sha256": source.sha256 if source else "",
        "key_column": source.key_column if source else label("attendee", lang),
        "workshops": json.dumps(
            [[w.name, w.capacity, w.minimum, w.must_run] for w in result.problem.workshops],
            ensure_ascii=False,
        ),
    }
    for row, (key, value) in enumerate(values.items()):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, value or "")


def _add_charts(
    book: xlsxwriter.Workbook, sheet: Worksheet, name: str, rows: list[list[object]], lang: str
) -> None:
    """Native Excel charts beside the Summary: people per rank, and fill per workshop."""
    firsts = [row[0] if row else None for row in rows]
    specs = (("per_rank", 1, "column"), ("fill", 2, "bar"))  # section, value column, type
    for place, (section, column, kind) in enumerate(specs):
        start = firsts.index(label(section, lang)) + 2  # the section's title, its header
        end = start
        while end < len(rows) and rows[end]:
            end += 1
        chart = book.add_chart({"type": kind})
        chart.add_series(
            {
                "name": label(section, lang),
                "categories": [name, start, 0, end - 1, 0],
                "values": [name, start, column, end - 1, column],
            }
        )
        chart.set_title({"name": label(section, lang)})
        chart.set_legend({"none": True})
        sheet.insert_chart(1 + 18 * place, 7, chart)


def notes_table(result: Result, lang: str) -> pd.DataFrame:
    source = result.problem.source
    notes = sorted(source.notes if source else (), key=lambda n: n.row or 0)
    return pd.DataFrame(
        {
            label("row", lang): [n.row for n in notes],
            label("column", lang): [n.column for n in notes],
            label("value", lang): [n.value for n in notes],
            label("decision", lang): [n.text(lang) for n in notes],
            label("kind", lang): [label(n.kind.value, lang) for n in notes],
        },
        dtype=object,
    )


DATE_FORMATS = {  # kind of date column -> how a spreadsheet shows it
    "date": "yyyy-mm-dd hh:mm",
    "seconds": "yyyy-mm-dd hh:mm:ss",
    "day": "yyyy-mm-dd",
}


def cell_formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    """The workbook's cell formats: bold headers, and one per kind of date column."""
    formats: dict[str, object] = {"bold": book.add_format({"bold": True})}
    for kind, number_format in DATE_FORMATS.items():
        formats[kind] = book.add_format({"num_format": number_format})
    return formats


def unique_sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no []:*?/\\)."""
    base = SHEET_FORBIDDEN.sub(" ", name).strip().strip("'")[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.casefold() in {u.casefold() for u in used}:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate)
    return candidate


def write_table(sheet: Worksheet, table: pd.DataFrame, formats: dict[str, object]) -> None:
    """Headers, then the rows; each column converted once, so each cell is one call."""
    for column, header in enumerate(table.columns):
        sheet.write_string(0, column, str(header), formats["bold"])
        sheet.set_column(column, column, min(45, max(10, len(str(header)) + 2)))
    sheet.freeze_panes(1, 0)
    prepared = [_prepared(table.iloc[:, i]) for i in range(len(table.columns))]
    plain = {"text": sheet.write_string, "number": sheet.write_number}
    for row in range(len(table)):
        for column, (kind, values) in enumerate(prepared):
            value = values[row]
            if value is None:
                continue
            if kind in DATE_FORMATS:
                sheet.write_number(row + 1, column, value, formats[kind])
            elif kind in plain:
                plain[kind](row + 1, column, value)
            else:
                _write_cell(sheet, row + 1, column, value, formats)
    if len(table.columns):
        sheet.autofilter(0, 0, max(len(table), 1), len(table.columns) - 1)


EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _prepared(column: pd.Series) -> tuple[str, list[object]]:
    """A column as (kind, cells with None for empty ones); kind is "text", "number",
    "mixed" or a kind of date: "day" (dates without a time), "seconds" (times with
    seconds) or "date" (times to the minute), so each is shown as it was read.

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
        numbers_ = values.astype("float64").tolist()
        return "number", [v if ok else None for v, ok in zip(numbers_, present, strict=True)]
    cells = values.tolist()
    kinds = {type(v) for v, ok in zip(cells, present, strict=True) if ok}
    if kinds <= {str}:
        return "text", [v if ok and v != "" else None for v, ok in zip(cells, present, strict=True)]
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


def write_rows(sheet: Worksheet, rows: list[list[object]], formats: dict[str, object]) -> None:
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 6, 16)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            _write_cell(sheet, row, column, value, formats, bold=column == 0 and len(values) == 1)


def _write_cell(
    sheet: Worksheet,
    row: int,
    column: int,
    value: object,
    formats: dict[str, object],
    *,
    bold: bool = False,
) -> None:
    """Numbers as numbers, dates as dates, everything else as text (never a formula)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return
    if isinstance(value, bool | np.bool_):
        sheet.write_boolean(row, column, bool(value))
    elif isinstance(value, numbers.Real):
        if not math.isnan(value):
            sheet.write_number(row, column, value)
    elif isinstance(value, datetime | date) and not isinstance(value, time):
        kind = "date" if isinstance(value, datetime) else "day"
        sheet.write_datetime(row, column, value, formats[kind])
    else:
        sheet.write_string(row, column, cell_text(value), *([formats["bold"]] if bold else []))


_WRITERS: dict[str, Callable[[Result, Path, str, WhatIf | None, pd.DataFrame | None], None]] = {
    ".xlsx": _write_excel,
    ".csv": _write_csv,
    ".json": _write_json,
}
