"""Read back a result workbook written by this library: its metadata and assignments.

Everything read here is checked, because a published workbook passes through people's
hands: a missing or edited metadata sheet, a removed Assignments sheet or column, or
two rows for one attendee are one clear line each (``InputError``), never a crash or a
silent misreading.  Rows are matched by attendee key, so a sorted or filtered sheet
reads the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from python_calamine import CalamineError

from workshop_assign.errors import InputError, SpreadsheetError
from workshop_assign.io.labels import label
from workshop_assign.io.writers import METADATA_SHEET, metadata_digest
from workshop_assign.read.text import cell_text, is_blank

REQUIRED = ("version", "options", "lang", "sha256", "key_column", "workshops")


def result_metadata(path: Path) -> dict[str, str]:
    """The very hidden sheet's values (long ones joined from their cells), checked."""
    sheet = _sheet(path, METADATA_SHEET, header=None)
    values = {
        str(row[0]): "".join("" if is_blank(v) else cell_text(v) for v in row[1:])
        for row in sheet.itertuples(index=False, name=None)
        if not is_blank(row[0])
    }
    missing = [k for k in REQUIRED if k not in values]
    if missing:
        raise _edited(path, f"it lacks {', '.join(missing)}")
    if "digest" in values and values["digest"] != metadata_digest(values):
        raise _edited(path, "its values were changed")
    for key in ("options", "workshops"):
        try:
            json.loads(values[key])
        except ValueError:
            raise _edited(path, f"its {key} are not readable") from None
    return values


def previous_places(path: Path) -> dict[str, str | None]:
    """Attendee key -> workshop (``None`` when unassigned) from a result workbook."""
    meta = result_metadata(path)
    lang = meta["lang"] if meta["lang"] in ("de", "en") else "en"
    table = _sheet(path, label("Assignments", lang), header=0)
    key, shop = meta["key_column"], label("workshop", lang)
    for column in (key, shop):
        if column not in table.columns:
            raise InputError(
                f"{path}, sheet {label('Assignments', lang)!r}: the column {column!r} is "
                "missing; use the workbook as workshop-assign wrote it"
            )
    keys = table[key].map(lambda v: "" if is_blank(v) else " ".join(cell_text(v).split()))
    places = table[shop].map(lambda v: None if is_blank(v) else cell_text(v))
    twice = keys[keys.duplicated() & (keys != "")]
    if len(twice):
        raise InputError(
            f"{path}, sheet {label('Assignments', lang)!r}: {twice.iloc[0]!r} has two rows; "
            "use the workbook as workshop-assign wrote it"
        )
    return {k: w for k, w in zip(keys, places, strict=True) if k}


def _sheet(path: Path, name: str, *, header: int | None) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name=name, header=header, engine="calamine", dtype=object)
    except (ValueError, OSError, CalamineError) as error:
        reason = str(error).splitlines()[0][:60] if str(error) else type(error).__name__
        what = (
            "is not a result workbook of workshop-assign"
            if name == METADATA_SHEET
            else f"has no readable sheet {name!r}"
        )
        raise SpreadsheetError(
            f"{path}: {what} ({reason}); give the result workbook as workshop-assign wrote it",
            path=str(path),
            sheet=name,
        ) from None


def _edited(path: Path, why: str) -> InputError:
    return InputError(
        f"{path}: the hidden metadata sheet {METADATA_SHEET!r} was edited ({why}); "
        "give the result workbook as workshop-assign wrote it"
    )
