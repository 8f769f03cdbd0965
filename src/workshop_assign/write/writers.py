"""Write a result for organizers: an Excel workbook, or the assignment table as CSV/JSON.

The workbook has an Assignments sheet (the original columns plus workshop, rank and
reason; with time slots the workshop in each slot), one printable roster per workshop
(per session), a Summary (people per rank, fill, objective
and proof, options, version, input hash) and the Notes (every decision made while
reading).  Labels are German or English.  Text that starts like a formula is always
written as text.  Files are written to a temporary name and renamed, so a failure never
leaves half a file, and the input file is never written over.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core.reasons import Reason
from workshop_assign.errors import InputError
from workshop_assign.read.text import cell_text, is_blank
from workshop_assign.text import Language, label, message, worded
from workshop_assign.write.files import atomic_path, never_formula, protect
from workshop_assign.write.metadata import METADATA_SHEET, metadata_values, write_metadata
from workshop_assign.write.notices import NOTIFIED, fill
from workshop_assign.write.rosters import check_columns, rosters, write_roster
from workshop_assign.write.summary import rank_section, summary_rows
from workshop_assign.write.workbook import MAX_CELL, Book, open_workbook, write_rows

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from workshop_assign.core.result import Result

WhatIf = tuple[int, pd.DataFrame]  # extra seats, and the table of ``whatif.what_if``
NOTIFICATION_ROWS = 10_000  # more messages than this: the sheet points to `notify`


def write_result(
    result: Result,
    path: str | Path,
    *,
    lang: Language | None = None,
    what_if: WhatIf | None = None,
    changes: pd.DataFrame | None = None,
    update: Mapping[str, object] | None = None,
    waitlists: pd.DataFrame | None = None,
    reused: Sequence[str] = (),
    roster_columns: Sequence[str] = (),
    room_worth: pd.DataFrame | None = None,
) -> Path:
    """Write ``result`` as .xlsx, .csv or .json, chosen by the file name's suffix.

    ``changes`` (``Update.changes()``) becomes the Changes sheet, ``update``
    (``Update.record()``) the record ``check`` needs to re-run the update, and
    ``waitlists`` (``waitlist.waitlists(result)``) the Waitlist sheet, ``reused`` the
    Summary's lines on what an update took over from the result it continued;
    ``roster_columns`` (``"email"``, ``"rank"``) what the rosters show besides name and
    organisation; ``room_worth`` (``room_worth(result)``) the sheet on what each room
    would change in other hands.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in _WRITERS:
        raise InputError(worded("output_suffix", name=target.name))
    source = result.problem.source
    protect([("the export", Path(source.path) if source and source.path else None)], [target])
    check_columns(roster_columns)
    language = result.language(lang)
    with atomic_path(target) as temporary:
        _WRITERS[suffix](
            result,
            temporary,
            language,
            Extras(
                what_if,
                changes,
                update,
                waitlists,
                tuple(reused),
                tuple(roster_columns),
                room_worth,
            ),
        )
    return target


def assignments(result: Result, lang: Language, key: str | None = None) -> pd.DataFrame:
    """The Assignments table: original columns, then workshop, rank and reason.

    When the attendees' keys are not the key column's cells as written (colleagues who
    share an address, first and last names joined), an Attendee column with the keys
    comes first, so that ``update`` and ``check`` find every person again.  ``key`` is
    ``key_column(result, lang)`` where the caller has it already.
    """
    key = key or key_column(result, lang)
    keys = np.asarray(result.problem.keys, dtype=object)
    source = result.problem.source
    if source is not None and result.problem.attributes is not None:
        base = result.problem.attributes.copy()
        if key != source.key_column:
            base.insert(0, label("attendee", lang), keys)
    else:
        base = pd.DataFrame({label("attendee", lang): keys})
        if result.problem.attributes is not None:
            base = pd.concat([base, result.problem.attributes], axis=1)
    for name, values in _placed(result, lang).items():
        base[name] = values
    base[label("explanation", lang)] = result.explanations(lang).to_numpy()
    return base


def _placed(result: Result, lang: Language) -> dict[str, npt.NDArray[Any]]:
    """The result's columns: workshop, rank and reason; with time slots the workshop
    in each slot (the slot's name as header), the ranks received, and the reason."""
    if not result.has_slots:
        frame = result.to_frame(lang=lang)
        received = (  # ratings: the rating in words; ranks: the number
            (label("rating", lang), frame["rating"].astype(object).to_numpy())
            if "rating" in frame
            else (label("rank", lang), frame["rank"].to_numpy())
        )
        return {
            label("workshop", lang): frame["workshop"].astype(object).to_numpy(),
            received[0]: received[1],
            label("reason", lang): frame["reason"].astype(object).to_numpy(),
        }
    names = np.asarray([*result.problem.workshop_names, None], dtype=object)
    columns: dict[str, npt.NDArray[Any]] = {
        slot: names[result.workshop_of[:, s]] for s, slot in enumerate(result.slots)
    }
    ranks = [", ".join(str(r) for r in sorted(row) if r) or None for row in result.rank_of.tolist()]
    reasons = [Reason(r).text(lang) for r in result.reason_of.tolist()]
    columns[label("rank", lang)] = np.asarray(ranks, dtype=object)
    columns[label("reason", lang)] = np.asarray(reasons, dtype=object)
    return columns


def key_column(result: Result, lang: Language) -> str:
    """The column of the Assignments sheet that holds each attendee's key."""
    source, attributes = result.problem.source, result.problem.attributes
    if source is None or attributes is None or source.key_column not in attributes:
        return label("attendee", lang)
    written = attributes[source.key_column].map(
        lambda v: "" if is_blank(v) else " ".join(cell_text(v).split())
    )
    same = list(written) == list(result.problem.keys)
    return source.key_column if same else label("attendee", lang)


def _write_csv(result: Result, path: Path, lang: Language, _: Extras) -> None:
    table = assignments(result, lang).map(_csv_safe)
    table.columns = [_csv_safe(str(c)) for c in table.columns]  # headers too
    table.to_csv(path, index=False, sep=";" if lang == "de" else ",", encoding="utf-8-sig")


def _write_json(result: Result, path: Path, lang: Language, _: Extras) -> None:
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
    if isinstance(value, str):
        return never_formula(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value):
        return cell_text(value)  # as text, so that a column of 1.5 and 2 keeps "2"
    return value


@dataclass(frozen=True)
class Extras:
    """What a result workbook may carry beyond the result: the what-if table, the
    change list and the update record (CSV and JSON carry the assignments only)."""

    what_if: WhatIf | None = None
    changes: pd.DataFrame | None = None
    update: Mapping[str, object] | None = None
    waitlists: pd.DataFrame | None = None
    reused: tuple[str, ...] = ()
    roster_columns: tuple[str, ...] = ()
    room_worth: pd.DataFrame | None = None


def _write_excel(result: Result, path: Path, lang: Language, extras: Extras) -> None:
    with open_workbook(path) as book:
        book.pages = label("pages", lang)
        book.reserve(METADATA_SHEET)
        key = key_column(result, lang)  # one pass over the keys, for the table and metadata
        table = assignments(result, lang, key)
        book.table(label("Assignments", lang), table)
        for index, roster in rosters(result, table, lang, extras.roster_columns):
            write_roster(book, result, index, roster, lang)
        summary_name, summary = book.sheet(label("Summary", lang))
        rows = summary_rows(result, lang, extras.what_if, extras.reused)
        write_rows(book, summary_name, summary, rows)
        _add_charts(book, summary, (summary_name, rows), rank_section(result), lang)
        if extras.changes is not None:
            book.table(label("Changes", lang), changes_table(extras.changes, lang))
        if result.rooms:
            book.table(label("RoomPlan", lang), room_plan_table(result, lang))
        if extras.room_worth is not None:
            book.table(label("RoomWorth", lang), room_worth_table(extras.room_worth, lang))
        if extras.waitlists is not None:
            book.table(label("Waitlist", lang), waitlist_table(extras.waitlists, lang))
        book.table(
            label("Notifications", lang), notification_table(result, table, key, lang, extras)
        )
        write_notes(book, notes_table(result, lang), lang)
        values = metadata_values(result, lang, key, extras.update)
        write_metadata(book, values)


def notification_table(
    result: Result, table: pd.DataFrame, key: str, lang: Language, extras: Extras
) -> pd.DataFrame:
    """The message for each attendee, ready to send (what ``notify`` drafts and sends);
    after an update only for the people placed anew or moved.  Above
    ``NOTIFICATION_ROWS`` messages the sheet says to use ``notify`` instead: a hundred
    thousand letters make a workbook nobody opens, and take longer to write than the
    rest of it."""
    source = result.problem.source
    only = None
    if extras.changes is not None:
        changed = extras.changes[extras.changes["change"].isin(NOTIFIED)]
        only = {str(a) for a in changed["attendee"].dropna()}
    if (len(only) if only is not None else len(table)) > NOTIFICATION_ROWS:
        return pd.DataFrame({label("Notifications", lang): [message("notify.too_many", lang)]})
    found = fill(
        table,
        lang=lang,
        key=key,
        email=source.email_column if source else None,
        names=source.name_columns if source else (),
        workshops=result.problem.workshops,
        only=only,
    )
    columns = [label(c, lang) for c in ("attendee", "notify_to", "notify_name", "notify_subject")]
    rows = [[n.key, n.to or None, n.name, n.subject, n.body] for n in found]
    return pd.DataFrame(rows, columns=[*columns, label("notify_body", lang)])


def room_plan_table(result: Result, lang: Language) -> pd.DataFrame:
    """``Result.room_plan()`` in the workbook's words: the rooms the solve chose, one
    row per session, and the rooms left free."""
    plan = result.room_plan()
    used = set(plan["room"])
    free = [r for r in result.options.rooms if r.name not in used]
    rows = [*plan.itertuples(index=False, name=None)]
    rows += [(label("room_free", lang), r.slot, r.name, r.seats, 0) for r in free]
    keys = ("workshop", "slot", "room", "seats", "room_people")
    return pd.DataFrame(rows, columns=[label(k, lang) for k in keys])


def room_worth_table(worth: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """``room_worth()`` in the workbook's words: the room, who has it, who might have
    it instead, and what that would change (a swap the rules forbid says so)."""
    table = worth.copy()
    impossible = label("room_impossible", lang)
    for column in ("first choices", "placed"):
        table[column] = [
            v if ok else impossible for v, ok in zip(table[column], table["feasible"], strict=True)
        ]
    keys = {"room": "room", "now": "room_now", "instead": "room_instead"}
    keys |= {"first choices": "room_firsts", "placed": "room_placed"}
    return table.drop(columns="feasible").rename(
        columns={k: label(v, lang) for k, v in keys.items()}
    )


def waitlist_table(waitlists: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """``waitlist.waitlists()`` in the workbook's words; an empty list says so."""
    table = waitlists.copy()
    table["attendee"] = [
        label("waitlist_none", lang) if pd.isna(a) else a for a in table["attendee"]
    ]
    keys = ("waitlist_freed", "waitlist_position", "attendee", "waitlist_from", "rank")
    return table.set_axis([*(label(k, lang) for k in keys), label("waitlist_moves", lang)], axis=1)


def changes_table(changes: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """``Update.changes()`` in the workbook's words; an empty kind says "(nobody)"."""
    table = changes.copy()
    table["change"] = [label(f"change_{c}", lang) for c in table["change"]]
    table["attendee"] = [label("change_none", lang) if pd.isna(a) else a for a in table["attendee"]]
    names = {"change": "change", "attendee": "move_attendee", "from": "move_from"}
    names |= {"to": "move_to", "why": "move_why"}
    return table.rename(columns={c: label(names[c], lang) for c in table.columns})


def write_notes(book: Book, notes: pd.DataFrame, lang: Language) -> None:
    """The Notes sheet: every decision about the input, then every cell cut to fit."""
    cut = pd.DataFrame(
        {
            label("row", lang): [c.cell for c in book.cut],
            label("column", lang): [c.sheet for c in book.cut],
            label("value", lang): [None] * len(book.cut),
            label("decision", lang): [
                label("cut", lang).format(length=c.length, limit=MAX_CELL) for c in book.cut
            ],
            label("kind", lang): [label("warning", lang)] * len(book.cut),
        },
        dtype=object,
    )
    book.table(label("Notes", lang), pd.concat([notes, cut], ignore_index=True))


def _add_charts(
    book: Book,
    sheet: Worksheet,
    written: tuple[str, list[list[object]]],
    ranks: str,
    lang: Language,
) -> None:
    """Native Excel charts beside the Summary: people per rank (``ranks``: that
    section's label key), and fill per workshop."""
    name, rows = written
    firsts = [row[0] if row else None for row in rows]
    specs = ((ranks, 1, "column"), ("fill", 2, "bar"))  # section, value column, type
    for place, (section, column, kind) in enumerate(specs):
        start = firsts.index(label(section, lang)) + 2  # the section's title, its header
        end = start
        while end < len(rows) and rows[end]:
            end += 1
        chart = book.book.add_chart({"type": kind})
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


def notes_table(result: Result, lang: Language) -> pd.DataFrame:
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


_WRITERS: dict[str, Callable[[Result, Path, Language, Extras], None]] = {
    ".xlsx": _write_excel,
    ".csv": _write_csv,
    ".json": _write_json,
}
