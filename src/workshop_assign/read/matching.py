"""Wish texts (and the workshop names in rule columns) matched to the workshop table,
with a note for every normalisation and every odd row, and one located error for a
name that matches nothing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.errors import SpreadsheetError
from workshop_assign.model import Workshop, wish_names
from workshop_assign.provenance import Note, NoteKind, excerpt
from workshop_assign.read.layouts import RowWishes
from workshop_assign.read.names import WorkshopMatcher, names_from_wishes
from workshop_assign.read.parsed import Where
from workshop_assign.read.rulecolumns import (
    RuleValues,
    find_rule_columns,
    matcher_function,
    read_rule_values,
)


@dataclass(frozen=True, slots=True)
class MatchedWishes:
    """The stage's product: each attendee's wishes as workshop names, the names, notes."""

    wishes: list[list[str]]
    names: list[str]
    notes: tuple[Note, ...]


def match_wishes(
    rows_wishes: list[RowWishes],
    kept: list[int],
    numbers: npt.NDArray[np.int64],
    shops: list[Workshop] | None,
    where: Where,
) -> MatchedWishes:
    """Map each wish text to a workshop; note each normalisation and each odd row."""
    notes: list[Note] = []
    texts = [text for i in kept for text, _ in rows_wishes[i].wishes]
    names = wish_names(shops) if shops is not None else names_from_wishes(texts)
    matcher = WorkshopMatcher(names)
    decided: dict[str, int] = {}
    first_seen: dict[tuple[str, str], tuple[int, int]] = {}
    for i in kept:
        for text, column in rows_wishes[i].wishes:
            seen = first_seen.setdefault((text, column), (int(numbers[i]), 0))
            first_seen[(text, column)] = (seen[0], seen[1] + 1)
            if text not in decided:
                decided[text] = _decide(matcher, text, column, int(numbers[i]), texts, where=where)
    for (text, column), (row, count) in first_seen.items():
        how = matcher.match(text)
        if how is not None and how[1] is not None:
            notes.append(
                Note(
                    NoteKind.NORMALISED,
                    "name",
                    row=row,
                    column=column,
                    value=excerpt(text),
                    params={"workshop": names[decided[text]], "how": how[1], "count": count},
                )
            )
    wishes = [_row_list(notes, rows_wishes[i], decided, names, int(numbers[i])) for i in kept]
    return MatchedWishes(wishes, names, tuple(notes))


def _decide(
    matcher: WorkshopMatcher, text: str, column: str, row: int, texts: list[str], *, where: Where
) -> int:
    found = matcher.match(text)
    if found is not None:
        return found[0]
    others = sum(1 for t in texts if t == text) - 1
    raise _no_match(
        matcher,
        text,
        where,
        column,
        row,
        others=others,
        advice="Correct the cell, or add the workshop to the workshop table",
    )


def _no_match(
    matcher: WorkshopMatcher,
    text: str,
    where: Where,
    column: str,
    row: int,
    *,
    others: int = 0,
    advice: str = "Correct the cell",
) -> SpreadsheetError:
    """The one-line error for a workshop name that matches no workshop, with the cell."""
    also = f" (and {others} more cells)" if others else ""
    close = ", ".join(repr(n) for n in matcher.suggestions(text)) or "none"
    return SpreadsheetError(
        f"{where.cell(column, row)}: {excerpt(text)!r}{also} matches no workshop; closest: "
        f"{close}. {advice}",
        path=where.path,
        sheet=where.sheet,
    )


def _row_list(
    notes: list[Note], row: RowWishes, decided: dict[str, int], names: list[str], number: int
) -> list[str]:
    """One attendee's wish list as workshop names; repeats dropped, odd rows noted."""
    chosen: list[str] = []
    for text, column in row.wishes:
        name = names[decided[text]]
        if name in chosen:
            notes.append(
                Note(
                    NoteKind.NORMALISED,
                    "repeat",
                    row=number,
                    column=column,
                    value=excerpt(text),
                    params={"workshop": name},
                )
            )
        else:
            chosen.append(name)
    if row.gap:
        notes.append(Note(NoteKind.NORMALISED, "gap", row=number))
    if row.tied_rank is not None:
        notes.append(Note(NoteKind.WARNING, "tie", row=number, params={"rank": row.tied_rank}))
    for text, column in row.unreadable or []:
        notes.append(
            Note(NoteKind.WARNING, "unknown-rank", row=number, column=column, value=excerpt(text))
        )
    if not chosen:
        notes.append(Note(NoteKind.WARNING, "no-wishes", row=number))
    return chosen


def read_rules(
    frame: pd.DataFrame,
    *,
    skip: set[str],
    keys: list[str],
    kept: list[int],
    numbers: npt.NDArray[np.int64],
    names: list[str],
    where: Where,
) -> tuple[RuleValues, tuple[Note, ...]]:
    """Group, fixed-place and exclusion columns, matched against the workshop names."""
    columns = find_rule_columns(frame, skip)
    if not columns:
        return RuleValues(), ()
    notes = tuple(
        Note(
            NoteKind.DETECTED,
            "rule-column",
            column=column,
            params={"rule": rule, "column": column},
        )
        for rule, column in columns.items()
    )
    matcher = WorkshopMatcher(names)

    def fail(text: str, column: str, position: int) -> str:
        raise _no_match(matcher, text, where, column, int(numbers[position]))

    return read_rule_values(frame, columns, keys, kept, matcher_function(matcher, fail)), notes
