"""Read back the assignments of a result workbook written by this library.

Everything read here is checked, because a published workbook passes through people's
hands: a missing or edited metadata sheet, a removed Assignments sheet or column, or
two rows for one attendee are one clear line each (``InputError``), never a crash or a
silent misreading.  Rows are matched by attendee key, so a sorted or filtered sheet
reads the same.
"""

from __future__ import annotations

from pathlib import Path

from workshop_assign.errors import InputError
from workshop_assign.io.labels import label
from workshop_assign.io.metadata import read_sheet, result_metadata
from workshop_assign.read.text import cell_text, is_blank


def previous_places(path: Path) -> dict[str, str | None]:
    """Attendee key -> workshop (``None`` when unassigned) from a result workbook."""
    meta = result_metadata(path)
    lang = meta["lang"] if meta["lang"] in ("de", "en") else "en"
    table = read_sheet(path, label("Assignments", lang), header=0)
    key, shop = meta["key_column"], label("workshop", lang)
    for column in (key, shop):
        if column not in table.columns:
            raise InputError(
                f"{path}, sheet {label('Assignments', lang)!r}: the column {column!r} is "
                "missing; use the workbook as workshop-assign wrote it"
            )
    # Plain lists, not Series.map: pandas would turn the None of "unassigned" into NaN.
    keys = ["" if is_blank(v) else " ".join(cell_text(v).split()) for v in table[key].tolist()]
    places = [None if is_blank(v) else cell_text(v) for v in table[shop].tolist()]
    seen: set[str] = set()
    for k in keys:
        if k and k in seen:
            raise InputError(
                f"{path}, sheet {label('Assignments', lang)!r}: {k!r} has two rows; "
                "use the workbook as workshop-assign wrote it"
            )
        seen.add(k)
    return {k: w for k, w in zip(keys, places, strict=True) if k}
