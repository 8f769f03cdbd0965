"""Which rows of an export are attendees: long tables pivoted, cancelled, unsubmitted and
superseded registrations sorted out, missing keys filled in (each decision noted)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workshop_assign.core.provenance import Note, NoteKind, excerpt
from workshop_assign.read.cancel import cancelled_rows
from workshop_assign.read.header import Table
from workshop_assign.read.layouts import Layout, RowWishes
from workshop_assign.read.people import (
    PeopleColumns,
    find_people_columns,
    identity,
    key_values,
    latest_of_each,
    name_reader,
    parse_stamps,
    unfinished,
)
from workshop_assign.read.text import cell_text, is_blank, loose, rank_cell


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


@dataclass(frozen=True, slots=True)
class RowDecisions:
    """The stage's product: which table rows are attendees, under which keys, and why
    each other row is not counted (position -> reason code)."""

    keep: npt.NDArray[np.bool_]
    keys: list[str]
    dropped: dict[int, str]
    notes: tuple[Note, ...]


def sort_out_rows(
    table: Table,
    people: PeopleColumns,
    rows_wishes: list[RowWishes],
    skip: set[str],
    *,
    workshop_names: Sequence[str] = (),
    keep_rows: Sequence[int] = (),
) -> RowDecisions:
    """Decide which rows are attendees; give keys to those without one.

    Rows with neither key nor wishes, unsubmitted and cancelled responses are not
    attendees (``keep_rows``, sheet row numbers, overrule the last two); rows of the same
    person (the same key and a compatible name) count once, the latest; rows that share a
    key but differ in name are different people and get keys that say so.
    """
    frame, numbers = table.frame, table.rows
    keys = key_values(frame, people)
    keep = np.ones(len(frame), dtype=bool)
    dropped: dict[int, str] = {}
    notes: list[Note] = []
    kept_by_request = np.isin(numbers, np.asarray(list(keep_rows), dtype=np.int64))

    def drop(mask: npt.NDArray[np.bool_], code: str, why: dict[int, tuple[str, str]]) -> None:
        for position in np.flatnonzero(mask & keep).tolist():
            column, cell = why.get(position, (None, keys[position]))
            if kept_by_request[position] and code in ("cancelled", "incomplete"):
                notes.append(
                    _note(
                        NoteKind.WARNING,
                        "kept-row",
                        numbers=numbers,
                        position=position,
                        column=column,
                        cell=cell,
                    )
                )
                continue
            dropped[position] = code
            keep[position] = False
            notes.append(
                _note(
                    NoteKind.DROPPED,
                    code,
                    numbers=numbers,
                    position=position,
                    column=column,
                    cell=cell,
                )
            )

    empty_key = np.array([not k for k in keys], dtype=bool)
    no_wishes = np.array([not r.wishes for r in rows_wishes], dtype=bool)
    drop(empty_key & no_wishes, "not-attendee", {})
    if people.submitted is not None:
        blank = frame[people.submitted].map(is_blank).to_numpy(dtype=bool)
        drop(
            blank,
            "incomplete",
            dict.fromkeys(np.flatnonzero(blank).tolist(), (people.submitted, "")),
        )
    if people.status is not None:
        cells = frame[people.status].to_numpy()
        marked = unfinished(frame[people.status])
        said = {int(p): (people.status, cell_text(cells[p])) for p in np.flatnonzero(marked)}
        drop(marked, "incomplete", said)
    cancelled, evidence = cancelled_rows(frame, skip, workshop_names)
    drop(cancelled, "cancelled", evidence)
    for position in np.flatnonzero(empty_key & keep).tolist():
        keys[position] = f"row {numbers[position]}"
        notes.append(
            Note(
                NoteKind.WARNING,
                "no-key",
                row=int(numbers[position]),
                column=people.key,
                params={"column": people.key, "key": keys[position]},
            )
        )
    name = name_reader(frame, people)
    persons, shared = people_of(keys, name, keep)
    names = {position: name(position) for position in shared}
    notes += _shared_notes(shared, keys, names, numbers, people.key)
    keys = _distinct_keys(keys, names, numbers, shared)
    stamps = parse_stamps(frame[people.timestamp]) if people.timestamp else None
    missing = stamps.isna().to_numpy() if stamps is not None else np.ones(len(keys), dtype=bool)
    for lost, winner in latest_of_each(persons, stamps, keep).items():
        dropped[lost] = "superseded"
        unordered = bool(missing[lost] or missing[winner])
        notes.append(
            Note(
                NoteKind.WARNING if unordered else NoteKind.DROPPED,
                "superseded-unordered" if unordered else "superseded",
                row=int(numbers[lost]),
                value=excerpt(keys[lost]),
                params={"winner": int(numbers[winner])},
            )
        )
        keep[lost] = False
    return RowDecisions(keep, keys, dropped, tuple(notes))


def people_of(
    keys: list[str], name: Callable[[int], str], keep: npt.NDArray[np.bool_]
) -> tuple[list[str], dict[int, list[int]]]:
    """Who each row is, as a text, and the rows whose key other people share.

    Rows are one person when their keys are the same (up to case, spacing and Unicode
    form) and their names are compatible: the same words in any order, or no name on one
    side, as long as only one name goes with the key.  Never more: two different names
    are two people, whatever the key says, and a nameless row beside two names stays
    apart (a guess would merge two people).
    """
    who = [identity(k) for k in keys]
    groups: dict[str, list[int]] = {}
    for position in np.flatnonzero(keep).tolist():
        groups.setdefault(who[position], []).append(position)
    shared: dict[int, list[int]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        spelled = {m: _name_words(name(m)) for m in members}
        distinct = {words for words in spelled.values() if words}
        if len(distinct) <= 1:
            continue
        for member in members:
            words = spelled[member]
            who[member] += "\x00" + (" ".join(words) if words else f"#{member}")
            shared[member] = [m for m in members if m != member]
    return who, shared


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(sorted(loose(name).split()))


def _shared_notes(
    shared: dict[int, list[int]],
    keys: list[str],
    names: dict[int, str],
    numbers: npt.NDArray[np.int64],
    column: str,
) -> list[Note]:
    return [
        Note(
            NoteKind.WARNING if not names[position] else NoteKind.DETECTED,
            "shared-key" if names[position] else "shared-key-no-name",
            row=int(numbers[position]),
            column=column,
            value=excerpt(keys[position]),
            params={
                "column": column,
                "rows": ", ".join(str(int(numbers[o])) for o in others[:5])
                + (" ..." if len(others) > 5 else ""),
            },
        )
        for position, others in sorted(shared.items())
    ]


def _distinct_keys(
    keys: list[str],
    names: dict[int, str],
    numbers: npt.NDArray[np.int64],
    shared: dict[int, list[int]],
) -> list[str]:
    """Keys that tell people apart who share one: "address (name)" or "address (row N)"."""
    if not shared:
        return keys
    keys = list(keys)
    for position in shared:
        label = names[position] or f"row {int(numbers[position])}"
        keys[position] = f"{keys[position]} ({label})"
    return keys


def _note(
    kind: NoteKind,
    code: str,
    *,
    numbers: npt.NDArray[np.int64],
    position: int,
    column: str | None,
    cell: str,
) -> Note:
    return Note(kind, code, row=int(numbers[position]), column=column, value=excerpt(cell) or None)
