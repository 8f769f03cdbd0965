"""Load an export as a grid of cells: Excel workbooks (via calamine) and CSV files.

Everything that can go wrong with the *file* is turned into a ``SpreadsheetError`` that
says where and what to do: not a spreadsheet, damaged or truncated, no such sheet, an
empty workbook, formulas whose values were never stored.  The grid keeps every row,
including title and blank rows, so that row numbers match what the organizer sees.
"""

from __future__ import annotations

import csv
import errno
import io
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_calamine import CalamineError, CalamineWorkbook

from workshop_assign.errors import SpreadsheetError
from workshop_assign.text import Worded, worded

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
WORKSHOP_SHEETS = {"workshops", "workshop", "kapazitäten", "kapazitaeten", "capacities", "plätze"}
Cell = object


@dataclass(slots=True)
class Grid:
    """One sheet (or CSV file) as rows of cells; empty cells are ``""``.

    ``merged`` holds merged ranges as 0-based inclusive (first row, first column, last
    row, last column); ``encoding`` and ``delimiter`` are set for CSV files.
    """

    path: str | None
    sheet: str | None
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_name(row: int, column: int) -> str:
    """``B7`` for 0-based row 6, column 1."""
    return f"{column_letter(column)}{row + 1}"


MAX_FILE = 1 << 30  # bytes of an export file
MAX_UNPACKED = 1 << 30  # bytes of any one part of a workbook, unpacked
MAX_CELL = 1 << 20  # characters of one cell


def load_book(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> list[Grid]:
    """Every visible sheet that holds something (a CSV file is one grid), in file order.

    Only regular files are read (a FIFO or device never ends), and nothing larger than
    the limits above: a file, a part of a workbook, a cell; each is refused before it
    is loaded, with one line that names the limit.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        raise SpreadsheetError(worded("no_file", path=path), path=str(path)) from None
    except OSError as error:
        raise _cannot_read(path, error) from None
    if stat.S_ISDIR(status.st_mode):
        raise SpreadsheetError(worded("folder", path=path), path=str(path))
    if not stat.S_ISREG(status.st_mode):
        raise SpreadsheetError(
            worded("not_regular", path=path),
            path=str(path),
        )
    if status.st_size > MAX_FILE:
        size, limit = worded("size_bytes", n=status.st_size), worded("size_bytes", n=MAX_FILE)
        raise too_large(path, size, limit)
    try:
        path.open("rb").close()  # not readable: say so, not "damaged" (calamine's words)
        if path.suffix.lower() in EXCEL_SUFFIXES or _is_zip(path):
            return _load_workbook(path)
        return [load_csv(path, encoding=encoding, delimiter=delimiter)]
    except PermissionError as error:
        raise _cannot_read(path, error) from None


def too_large(path: Path, size: Worded, limit: Worded) -> SpreadsheetError:
    """The one line for anything too large to read, whatever the format."""
    return SpreadsheetError(worded("too_large", path=path, size=size, limit=limit), path=str(path))


def _cannot_read(path: Path, error: OSError) -> SpreadsheetError:
    reason = (
        worded("no_permission")
        if isinstance(error, PermissionError)
        else worded("os_error", code=errno.errorcode.get(error.errno or 0, type(error).__name__))
    )
    return SpreadsheetError(worded("cannot_open", path=path, reason=reason), path=str(path))


def pick_sheet(grids: list[Grid], sheet: str, path: Path) -> Grid:
    """The sheet an organizer named, or a one-line error listing the sheets there are."""
    if grids and grids[0].sheet is None:
        raise SpreadsheetError(worded("csv_sheet", path=path), path=str(path))
    for grid in grids:
        if grid.sheet == sheet:
            return grid
    listed = ", ".join(repr(g.sheet) for g in grids)
    raise SpreadsheetError(
        worded("no_sheet", path=path, sheet=sheet, listed=listed), path=str(path), sheet=sheet
    )


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _load_workbook(path: Path) -> list[Grid]:
    _check_parts(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except PermissionError:
        raise
    except (CalamineError, OSError, ValueError) as error:
        raise _unreadable(path, error) from None
    visible = [m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible")]
    grids = [_read_sheet(book, path, name) for name in visible]
    filled = [g for g in grids if _filled_rows(g) >= 1]
    if not filled:
        raise SpreadsheetError(worded("empty_book", path=path), path=str(path))
    return filled


def _read_sheet(book: CalamineWorkbook, path: Path, name: str) -> Grid:
    try:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    except (CalamineError, OSError, ValueError) as error:
        raise _unreadable(path, error, name) from None
    return Grid(str(path), name, [[_as_read(c) for c in row] for row in rows], merged)


def _as_read(cell: object) -> object:
    """A workbook number the way the sheet shows it: 3.0 is the whole number 3."""
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)
    return cell


def _unreadable(path: Path, error: Exception, sheet: str | None = None) -> SpreadsheetError:
    del error  # the library's own words name its internals; --debug shows them
    return SpreadsheetError(worded("not_a_workbook", path=path), path=str(path), sheet=sheet)


def _filled_rows(grid: Grid) -> int:
    return sum(1 for row in grid.rows if any(c not in ("", None) for c in row))


def _check_parts(path: Path) -> None:
    """Refuse a workbook whose parts unpack to more than the limits, before loading it:
    a part over ``MAX_UNPACKED`` bytes, or a shared text longer than ``MAX_CELL``."""
    try:
        with zipfile.ZipFile(path) as archive:
            for part in archive.infolist():
                if part.file_size > MAX_UNPACKED:
                    size = worded("size_part", part=part.filename, n=part.file_size)
                    raise too_large(path, size, worded("size_bytes", n=MAX_UNPACKED))
            if "xl/sharedStrings.xml" in archive.namelist():
                with archive.open("xl/sharedStrings.xml") as shared:
                    longest = _longest_text(shared)
                if longest > MAX_CELL:
                    size, limit = worded("size_cell", n=longest), worded("per_cell", n=MAX_CELL)
                    raise too_large(path, size, limit)
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return  # not a zip (.xls) or damaged: calamine says so in its own words


def _longest_text(stream: IO[bytes]) -> int:
    """The longest text between two tags (in bytes), read in blocks (bounded memory)."""
    longest = run = 0
    for block in iter(lambda: stream.read(1 << 22), b""):
        pieces = block.split(b"<")
        if len(pieces) == 1:
            run += len(block)
            continue
        texts = [len(p) - p.find(b">") - 1 for p in pieces[1:-1]]
        longest = max(longest, run + len(pieces[0]), *texts)
        run = len(pieces[-1]) - pieces[-1].find(b">") - 1
    return max(longest, run)


_VALUE = re.compile(rb"<v>[^<]+</v>")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')


def reject_formulas_without_values(path: Path, grid: Grid) -> None:
    """Formulas whose results were never stored read as empty: refuse them, named."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, grid.sheet or "")
            if member is None:
                return
            data = archive.read(member)
    except (zipfile.BadZipFile, KeyError, OSError):
        return  # not an OOXML workbook (.xls, .ods): calamine already read its values
    if b"<f" not in data:
        return
    for match in _CELL.finditer(data):
        body = match.group(2) or b""
        if b"<f" in body and not _VALUE.search(body):
            ref = _REF.search(match.group(1))
            cell = ref.group(1).decode() if ref else "?"
            raise SpreadsheetError(
                worded("formula", path=path, sheet=grid.sheet, cell=cell),
                path=str(path),
                sheet=grid.sheet,
                cell=cell,
            )


def _sheet_member(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The XML part of the named sheet, found through the workbook's relationships."""
    book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    for tag in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name = re.search(r'name="([^"]*)"', tag.group(0))
        rid = re.search(r'r:id="([^"]*)"', tag.group(0))
        if name and rid and _unescape(name.group(1)) == sheet:
            target = re.search(
                rf'Id="{re.escape(rid.group(1))}"[^>]*Target="([^"]*)"', rels
            ) or re.search(rf'Target="([^"]*)"[^>]*Id="{re.escape(rid.group(1))}"', rels)
            if target:
                part = target.group(1).lstrip("/")
                return part if part.startswith("xl/") else f"xl/{part}"
    return None


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def load_csv(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> Grid:
    """A CSV file as a grid; encoding and delimiter are detected unless given."""
    raw = path.read_bytes()
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    if encoding is None and utf16:
        encoding = "utf-16"  # its byte order mark says so
    if b"\x00" in raw[:4096] and not (encoding or "").lower().replace("-", "").startswith(
        ("utf16", "utf32")
    ):
        raise SpreadsheetError(worded("binary", path=path), path=str(path))
    text, used = _decode(raw, encoding, path)
    csv.field_size_limit(MAX_CELL)
    sep = delimiter or _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        rows = [[_typed(c) for c in row] for row in reader]
    except csv.Error as error:
        if "field larger" not in str(error):
            line = reader.line_num
            raise SpreadsheetError(
                worded("csv_line", path=path, line=line), path=str(path)
            ) from error
        size = worded("size_line", line=reader.line_num)
        raise too_large(path, size, worded("per_cell", n=MAX_CELL)) from None
    return Grid(str(path), None, rows, [], used, sep)


_WHOLE = re.compile(r"-?[1-9][0-9]{0,14}|0")


def _typed(cell: str) -> object:
    """A CSV cell as a spreadsheet would read it: a plain whole number becomes a number.

    Anything else stays text as written: leading zeros ("007", "06108"), signs, spaces,
    decimals (whose separator depends on the locale) and dates.
    """
    return int(cell) if _WHOLE.fullmatch(cell) else cell


def _decode(raw: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    """Decode with the given encoding, else UTF-8 (with or without BOM), else Windows-1252."""
    tries = [encoding] if encoding else ["utf-8-sig", "cp1252"]
    for name in tries:
        try:
            return raw.decode(name), ("utf-8" if name == "utf-8-sig" else name)
        except (UnicodeDecodeError, LookupError) as error:
            if encoding:
                raise SpreadsheetError(
                    worded("undecodable", path=path, encoding=encoding), path=str(path)
                ) from error
    raise SpreadsheetError(worded("unknown_text", path=path), path=str(path))


def _sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most equal, widest rows."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", -1.0
    for sep in (";", ",", "\t", "|"):
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=sep) if r]
        except csv.Error:
            continue  # an overlong cell: reading the file says where
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) / len(widths) * (common > 1) * common
        if score > best_score:
            best, best_score = sep, score
    return best
