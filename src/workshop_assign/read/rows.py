"""Which rows of an export are attendees: long tables pivoted, cancelled, unsubmitted and
superseded registrations sorted out, missing keys filled in (each decision noted)."""

from __future__ import annotations

import numpy as np

from workshop_assign.provenance import Note, NoteKind, excerpt
from workshop_assign.read.header import Table
from workshop_assign.read.layouts import Layout, RowWishes
from workshop_assign.read.parsed import ParsedExport
from workshop_assign.read.people import (
    PeopleColumns,
    cancelled_rows,
    find_people_columns,
    identity,
    key_values,
    latest_of_each,
    parse_stamps,
)
from workshop_assign.read.text import cell_text, is_blank, rank_cell


def pivot_long(
    table: Table, layout: Layout, key: str | None
) -> tuple[Table, list[RowWishes], PeopleColumns]:
    """One row per attendee from one row per (attendee, workshop, rank)."""
    shop, rank = layout.columns
    frame = table.frame
    people = find_people_columns(frame, key, skip={shop, rank})
    who = [identity(k) for k in key_values(frame, people)]
    firsts: dict[str, int] = {}
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    for position, (person, place, number) in enumerate(
        zip(who, frame[shop], frame[rank], strict=True)
    ):
        firsts.setdefault(person, position)
        if not is_blank(place):
            ranked.setdefault(person, []).append(
                (rank_cell(number) or 999, position, cell_text(place).strip())
            )
    order = list(firsts.values())
    rows = [RowWishes([(text, shop) for _, _, text in sorted(ranked.get(p, []))]) for p in firsts]
    kept = frame.iloc[order].drop(columns=[shop, rank]).reset_index(drop=True)
    return Table(kept, table.rows[order], table.header_row, table.blank_rows), rows, people


def sort_out_rows(parsed: ParsedExport, rows_wishes: list[RowWishes]) -> None:
    """Decide which rows are attendees; give keys to those without one."""
    frame, numbers, people = parsed.table.frame, parsed.table.rows, parsed.people
    keys = key_values(frame, people)
    keep = np.ones(len(frame), dtype=bool)
    skip = {people.key, *people.names, *parsed.layout.columns}

    def drop(mask: np.ndarray, code: str) -> None:
        for position in np.flatnonzero(mask & keep).tolist():
            parsed.dropped[position] = code
            parsed.notes.append(
                Note(
                    NoteKind.DROPPED,
                    code,
                    row=int(numbers[position]),
                    value=excerpt(keys[position]) or None,
                )
            )
        keep[mask] = False

    empty_key = np.array([not k for k in keys], dtype=bool)
    no_wishes = np.array([not r.wishes for r in rows_wishes], dtype=bool)
    drop(empty_key & no_wishes, "not-attendee")
    if people.submitted is not None:
        drop(frame[people.submitted].map(is_blank).to_numpy(dtype=bool), "incomplete")
    drop(cancelled_rows(frame, skip), "cancelled")
    for position in np.flatnonzero(empty_key & keep).tolist():
        keys[position] = f"row {numbers[position]}"
        parsed.notes.append(
            Note(
                NoteKind.WARNING,
                "no-key",
                row=int(numbers[position]),
                column=people.key,
                params={"column": people.key, "key": keys[position]},
            )
        )
    stamps = parse_stamps(frame[people.timestamp]) if people.timestamp else None
    for lost, winner in latest_of_each([identity(k) for k in keys], stamps, keep).items():
        parsed.dropped[lost] = "superseded"
        parsed.notes.append(
            Note(
                NoteKind.DROPPED,
                "superseded",
                row=int(numbers[lost]),
                value=excerpt(keys[lost]),
                params={"winner": int(numbers[winner])},
            )
        )
        keep[lost] = False
    parsed.keep, parsed.keys = keep, keys
