"""The hidden sheet a result workbook carries, so that work can continue from it.

``check`` and ``update`` need the options, the workshop table, the key column and the
input's SHA-256 of the run that made a result.  They are written on a very hidden sheet,
one row per value, long values in cells of ``CHUNK`` characters side by side (so nothing
is ever cut at Excel's 32,767), with a checksum of them all.  Reading checks everything:
a missing or edited sheet is one clear line, never a crash or a silent misreading.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from python_calamine import CalamineError

from workshop_assign._version import library_version
from workshop_assign.core.model import Workshop
from workshop_assign.core.options import SolveOptions
from workshop_assign.errors import InputError, SpreadsheetError
from workshop_assign.read.text import cell_text, is_blank
from workshop_assign.text import Language

if TYPE_CHECKING:
    from workshop_assign.core.result import Result
    from workshop_assign.write.workbook import Book

METADATA_SHEET = "workshop_assign"
CHUNK = 32_000  # characters per cell, below Excel's 32,767
REQUIRED = ("version", "options", "lang", "sha256", "key_column", "workshops")


def metadata_values(
    result: Result, lang: Language, key_column: str, update: Mapping[str, object] | None = None
) -> dict[str, str]:
    """What ``check`` and ``update`` need to continue from a result, as texts; ``update``
    (``Update.record()``) marks a result made by an update, so that ``check`` re-runs it."""
    source = result.problem.source
    values = {
        "version": library_version(),
        "options": result.options.to_json(),
        "lang": lang,
        "sha256": (source.sha256 or "") if source else "",
        "key_column": key_column,
        "workshops": json.dumps(
            [
                [
                    *(w.name, w.capacity, w.minimum, w.must_run, w.slot, w.topic, w.room),
                    w.code,
                    w.starts.isoformat() if w.starts else None,
                    w.ends.isoformat() if w.ends else None,
                ]
                for w in result.problem.workshops
            ],
            ensure_ascii=False,
        ),
    }
    values["solved"] = json.dumps(  # the solver's own terms, kept here, not on the sheets
        {
            "status": result.status.value,
            "objective_value": result.objective_value,
            "backend": result.backend.value,
            "gap": result.gap,
        }
    )
    if source is not None:  # who to write to, for ``notify``
        people = {"email": source.email_column, "names": list(source.name_columns)}
        values["people"] = json.dumps(people, ensure_ascii=False)
    if update is not None:
        values["update"] = json.dumps(update, ensure_ascii=False)
    values["digest"] = metadata_digest(values)
    return values


def metadata_digest(values: dict[str, str]) -> str:
    """A checksum of the metadata, so that an edited sheet is recognised as edited."""
    text = json.dumps({k: v for k, v in values.items() if k != "digest"}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def write_metadata(book: Book, values: dict[str, str]) -> None:
    """The very hidden sheet, each value in as many cells as it needs."""
    sheet = book.book.add_worksheet(METADATA_SHEET)
    sheet.very_hidden()
    for row, (key, value) in enumerate(values.items()):
        sheet.write_string(row, 0, key)
        for column, start in enumerate(range(0, max(len(value), 1), CHUNK), start=1):
            sheet.write_string(row, column, value[start : start + CHUNK])


def result_metadata(path: Path) -> dict[str, str]:
    """The hidden sheet's values (long ones joined from their cells), checked."""
    sheet = read_sheet(path, METADATA_SHEET, header=None)
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
    for key in ("options", "workshops", *(["update"] if "update" in values else [])):
        try:
            json.loads(values[key])
        except ValueError:
            raise _edited(path, f"its {key} are not readable") from None
    return values


def published_workshops(path: Path, meta: dict[str, str]) -> list[Workshop]:
    """The workshop table the result was solved with: names, seats, minimums, must-run,
    and (since slots are solved by ``solve``) slot, topic and room."""
    try:
        return [_workshop(*row) for row in json.loads(meta["workshops"])]
    except (TypeError, ValueError):
        raise _edited(path, "its workshop table is not readable") from None


def published_options(path: Path, meta: dict[str, str]) -> SolveOptions:
    """The options the result was solved with (objective, costs, rules, seed)."""
    try:
        return SolveOptions.from_json(meta["options"])
    except (TypeError, ValueError, KeyError):
        raise _edited(path, "its options are not readable") from None


def read_sheet(path: Path, name: str, *, header: int | None) -> pd.DataFrame:
    """One sheet of a result workbook, or one line saying it cannot be read."""
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


def _workshop(*row: object) -> Workshop:
    """One published workshop row: name, seats, minimum, must-run, then (not in older
    workbooks) slot, topic, room, code, and when it begins and ends."""
    name, seats, minimum, must_run, *rest = row
    slot, topic, room, code, starts, ends = (*rest, None, None, None, None, None, None)[:6]
    return Workshop(
        str(name),
        int(str(seats)),
        minimum=int(str(minimum)) if minimum is not None else None,
        room=_optional(room),
        must_run=bool(must_run),
        slot=_optional(slot),
        topic=_optional(topic),
        code=_optional(code),
        starts=datetime.fromisoformat(str(starts)) if starts else None,
        ends=datetime.fromisoformat(str(ends)) if ends else None,
    )


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
