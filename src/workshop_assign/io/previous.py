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
    keys = table[key].map(lambda v: "" if is_blank(v) else " ".join(cell_text(v).split()))
    places = table[shop].map(lambda v: None if is_blank(v) else cell_text(v))
    twice = keys[keys.duplicated() & (keys != "")]
    if len(twice):
        raise InputError(
            f"{path}, sheet {label('Assignments', lang)!r}: {twice.iloc[0]!r} has two rows; "
            "use the workbook as workshop-assign wrote it"
        )
    return {k: w for k, w in zip(keys, places, strict=True) if k}
