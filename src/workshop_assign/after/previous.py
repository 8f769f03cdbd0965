"""Read back the assignments of a result workbook written by this library.

Everything read here is checked, because a published workbook passes through people's
hands: a missing or edited metadata sheet, a removed Assignments sheet or column, or
two rows for one attendee are one clear line each (``InputError``), never a crash or a
silent misreading.  Rows are matched by attendee key, so a sorted or filtered sheet
reads the same.
"""

from __future__ import annotations

from pathlib import Path

from workshop_assign.core.model import Workshop
from workshop_assign.core.provenance import excerpt
from workshop_assign.errors import InputError
from workshop_assign.read.text import cell_text, is_blank
from workshop_assign.text import as_language, label, worded
from workshop_assign.write.metadata import read_sheet, result_metadata


def previous_places(path: Path) -> dict[str, str | None]:
    """Attendee key -> workshop (``None`` when unassigned) from a result workbook."""
    meta = result_metadata(path)
    lang = as_language(meta["lang"])
    return {k: row[0] for k, row in _read_places(path, meta, [label("workshop", lang)]).items()}


def previous_timetables(path: Path, slots: tuple[str, ...]) -> dict[str, tuple[str | None, ...]]:
    """Attendee key -> workshop in each slot, from a timetable result workbook (one
    column per slot, headed by the slot's name)."""
    return _read_places(path, result_metadata(path), list(slots))


def checked_places(
    path: Path, meta: dict[str, str], workshops: list[Workshop]
) -> dict[str, tuple[str | None, ...]]:
    """Attendee key -> place(s) as the published workbook shows them, refused with one
    line where it was edited so that it no longer says what was decided: a column gone,
    an attendee twice, a workshop that is none of the result's (typed over), or, with
    time slots, a workshop in a slot it does not run in."""
    slots = tuple(dict.fromkeys(w.slot for w in workshops if w.slot))
    lang = as_language(meta["lang"])
    columns = list(slots) if slots else [label("workshop", lang)]
    places = _read_places(path, meta, columns)
    runs_in = {w.name: w.slot for w in workshops}
    for key, row in places.items():
        for column, slot, place in zip(columns, slots or (None,), row, strict=True):
            if place is not None and (place not in runs_in or runs_in[place] != slot):
                raise InputError(
                    worded(
                        "edited_place",
                        path=path,
                        key=key,
                        column=column,
                        place=excerpt(place),
                    )
                )
    return places


def _read_places(
    path: Path, meta: dict[str, str], columns: list[str]
) -> dict[str, tuple[str | None, ...]]:
    """Attendee key -> the cells of ``columns``, checked: every column there, no
    attendee twice."""
    lang = as_language(meta["lang"])
    sheet = label("Assignments", lang)
    table = read_sheet(path, sheet, header=0)
    key = meta["key_column"]
    for column in (key, *columns):
        if column not in table.columns:
            raise InputError(
                f"{path}, sheet {sheet!r}: the column {column!r} is missing; use the "
                "workbook as workshop-assign wrote it"
            )
    # Plain lists, not Series.map: pandas would turn the None of "unassigned" into NaN.
    keys = ["" if is_blank(v) else " ".join(cell_text(v).split()) for v in table[key].tolist()]
    cells = [
        [None if is_blank(v) else cell_text(v) for v in table[column].tolist()]
        for column in columns
    ]
    seen: set[str] = set()
    for k in keys:
        if k and k in seen:
            raise InputError(
                f"{path}, sheet {sheet!r}: {k!r} has two rows; use the workbook as "
                "workshop-assign wrote it"
            )
        seen.add(k)
    return {k: tuple(row) for k, *row in zip(keys, *cells, strict=True) if k}
