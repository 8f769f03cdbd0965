"""Read back a result workbook written by this library: its metadata and assignments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from python_calamine import CalamineError

from workshop_assign.errors import SpreadsheetError
from workshop_assign.io.labels import label
from workshop_assign.io.writers import METADATA_SHEET


def result_metadata(path: Path) -> dict[str, str]:
    """The very hidden sheet's values: version, options, lang, sha256, key column, ..."""
    try:
        sheet = pd.read_excel(path, sheet_name=METADATA_SHEET, header=None, engine="calamine")
    except (ValueError, OSError, CalamineError) as error:
        raise SpreadsheetError(
            f"{path}: is not a result workbook of workshop-assign "
            f"({str(error).splitlines()[0][:60]}); give the .xlsx it wrote",
            path=str(path),
        ) from None
    return {str(k): "" if pd.isna(v) else str(v) for k, v in zip(sheet[0], sheet[1], strict=True)}


def previous_places(path: Path) -> dict[str, str | None]:
    """Attendee key -> workshop (``None`` when unassigned) from a result workbook."""
    meta = result_metadata(path)
    lang = meta.get("lang", "en")
    table = pd.read_excel(path, sheet_name=label("Assignments", lang), engine="calamine")
    keys = table[meta["key_column"]].map(lambda v: "" if pd.isna(v) else " ".join(str(v).split()))
    places = table[label("workshop", lang)].map(lambda v: None if pd.isna(v) else str(v))
    return {k: w for k, w in zip(keys, places, strict=True) if k}
