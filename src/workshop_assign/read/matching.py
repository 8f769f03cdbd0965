"""Wish texts (and the workshop names in rule columns) matched to the workshop table,
with a note for every normalisation and every odd row, and one located error for a
name that matches nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core.model import Workshop
from workshop_assign.core.provenance import Note, NoteKind, excerpt
from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.layouts import RowWishes
from workshop_assign.read.names import (
    AmbiguousNameError,
    WorkshopMatcher,
    natural,
    options_from,
    same_but_markers,
    trimmed,
)
from workshop_assign.read.parsed import Where
from workshop_assign.read.rulecolumns import (
    RuleValues,
    find_rule_columns,
    matcher_function,
    maybe_group_columns,
    read_rule_values,
)
from workshop_assign.text import worded


@dataclass(frozen=True, slots=True)
class MatchedWishes:
    """The stage's product: each attendee's wishes as workshop names, the names, notes,
    and each text the wishes held with the workshop it was read as."""

    wishes: list[list[str]]
    names: list[str]
    notes: tuple[Note, ...]
    read_as: dict[str, str]
    levels: list[list[int]] | None = None  # grids: each wish's 0-based rank (ties share)
    never: list[list[str]] | None = None  # rating grids: workshops rated never


def match_wishes(
    rows_wishes: list[RowWishes],
    kept: list[int],
    numbers: npt.NDArray[np.int64],
    shops: list[Workshop] | None,
    where: Where,
) -> MatchedWishes:
    """Map each wish text to a workshop; note each normalisation and each odd row."""
    notes: list[Note] = []
    first_seen: dict[tuple[str, str], tuple[int, int]] = {}
    for i in kept:
        for text, column in rows_wishes[i].wishes + (rows_wishes[i].never or []):
            seen = first_seen.setdefault((text, column), (int(numbers[i]), 0))
            first_seen[(text, column)] = (seen[0], seen[1] + 1)
    cells: Cells = {}
    counts: Counter[str] = Counter()
    for (text, column), (row, count) in first_seen.items():
        cells.setdefault(text, (column, row))
        counts[text] += count
    if shops is None:
        names, read_as = _options(counts, cells, where)
    else:
        names, read_as = _table_options(shops, counts, cells, where)
    for (text, column), (row, count) in first_seen.items():
        index, how = read_as[text]
        if how is not None:
            notes.append(
                Note(
                    NoteKind.NORMALISED,
                    "name",
                    row=row,
                    column=column,
                    value=excerpt(text),
                    params={"workshop": names[index], "how": how, "count": count},
                )
            )
    decided = {text: index for text, (index, _) in read_as.items()}
    lists = [_row_list(notes, rows_wishes[i], decided, names, int(numbers[i])) for i in kept]
    texts = {text: names[index] for text, index in decided.items()}
    graded = any(rows_wishes[i].levels is not None for i in kept)
    levels = [levels for _, levels in lists] if graded else None
    rated = any(rows_wishes[i].never is not None for i in kept)
    never = [[names[decided[t]] for t, _ in rows_wishes[i].never or []] for i in kept]
    wishes = [chosen for chosen, _ in lists]
    return MatchedWishes(wishes, names, tuple(notes), texts, levels, never if rated else None)


Cells = dict[str, tuple[str, int]]  # a text -> (column, row) of the first cell holding it
ReadAs = dict[str, tuple[int, str | None]]  # a text -> (workshop index, how it was read)


def _options(counts: Counter[str], cells: Cells, where: Where) -> tuple[list[str], ReadAs]:
    """Without a workshop table: the options people chose, each text read as one."""
    try:
        options = options_from(counts)
    except AmbiguousNameError as ambiguous:
        original = next(t for t in cells if trimmed(t) == ambiguous.text)
        column, row = cells[original]
        raise _ambiguous(original, ambiguous.names, where, column, row) from None
    return options.names, {text: options.read_as[trimmed(text)] for text in cells}


def _table_options(
    shops: list[Workshop], counts: Counter[str], cells: Cells, where: Where
) -> tuple[list[str], ReadAs]:
    """With a workshop table: each text read as one of its workshops, or a located error."""
    matcher = WorkshopMatcher.of(shops)
    read_as: ReadAs = {}
    for text, (column, row) in cells.items():
        found = matcher.match(text)
        if found is None:
            raise _no_match(
                matcher,
                text,
                where,
                column,
                row,
                others=counts[text] - 1,
            )
        read_as[text] = found
    _reject_twins(read_as, matcher.names, cells, where)
    return matcher.names, read_as


def _reject_twins(read_as: ReadAs, names: list[str], cells: Cells, where: Where) -> None:
    """Two long option texts read as one workshop that differ only in a marker ("Track 1:
    Digitale Zwillinge", "Track 2: Digitale Zwillinge") are two options, not one."""
    longs: dict[int, list[str]] = {}
    for text, (index, how) in read_as.items():
        if how == "long":
            longs.setdefault(index, []).append(text)
    for index, found in longs.items():
        for i, first in enumerate(found):
            for second in found[i + 1 :]:
                if same_but_markers(first, second):
                    column, row = cells[second]
                    raise _ambiguous(second, [first], where, column, row, workshop=names[index])


def _no_match(
    matcher: WorkshopMatcher,
    text: str,
    where: Where,
    column: str,
    row: int,
    *,
    others: int = 0,
    key: str = "no_match",
) -> SpreadsheetError:
    """The one-line error for a workshop name that matches no workshop, with the cell:
    two equally close workshops are named as the question they are, and a text written
    like a code of the table's legend is told the known codes."""
    rivals = matcher.rivals(text)
    if rivals:
        return _ambiguous(text, rivals, where, column, row)
    fields: dict[str, object] = {
        "cell": where.cell(column, row),
        "text": excerpt(text),
        "more": worded("more_cells", n=others) if others else "",
    }
    if matcher.looks_like_code(text):
        codes = ", ".join(sorted(matcher.codes, key=natural))
        message = worded("not_a_code", codes=codes, **fields)
    else:
        close = ", ".join(repr(n) for n in matcher.suggestions(text)) or "-"
        message = worded(key, close=close, **fields)
    return SpreadsheetError(message, path=where.path, sheet=where.sheet)


def _ambiguous(
    text: str,
    names: list[str],
    where: Where,
    column: str,
    row: int,
    *,
    workshop: str | None = None,
) -> SpreadsheetError:
    """The one line for a text that is not clearly one workshop: the cell and the names."""
    cell = where.cell(column, row)
    if workshop is None:
        first, *rest = (repr(n) for n in names)
        listed = worded("or", first=first, second=", ".join(rest)) if rest else first
        message = worded("ambiguous", cell=cell, text=excerpt(text), listed=listed)
    else:
        message = worded("twins", cell=cell, text=excerpt(text), other=names[0], workshop=workshop)
    return SpreadsheetError(message, path=where.path, sheet=where.sheet)


def _row_list(
    notes: list[Note], row: RowWishes, decided: dict[str, int], names: list[str], number: int
) -> tuple[list[str], list[int]]:
    """One attendee's wish list as workshop names, with each wish's 0-based rank;
    repeats dropped, odd rows noted."""
    chosen: list[str] = []
    levels: list[int] = []
    ranks = row.levels if row.levels is not None else range(len(row.wishes))
    for (text, column), level in zip(row.wishes, ranks, strict=True):
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
            levels.append(level)
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
    return chosen, levels


def read_rules(
    frame: pd.DataFrame,
    *,
    skip: set[str],
    keys: list[str],
    kept: list[int],
    numbers: npt.NDArray[np.int64],
    names: list[str],
    shops: list[Workshop] | None,
    where: Where,
    given: dict[str, str] | None = None,
) -> tuple[RuleValues, tuple[Note, ...]]:
    """Group, fixed-place, exclusion and priority columns (``given``: named by the
    organizer), matched against the workshop names."""
    columns = find_rule_columns(frame, skip, given)
    suggested = tuple(
        Note(NoteKind.WARNING, "maybe-group", column=column, params={"column": column})
        for column in maybe_group_columns(frame, skip | set(columns.values()))
    )
    if not columns:
        return RuleValues(), suggested
    notes = suggested + tuple(
        Note(
            NoteKind.DETECTED,
            "rule-column",
            column=column,
            params={"rule": rule, "column": column},
        )
        for rule, column in columns.items()
    )
    matcher = WorkshopMatcher.of(shops) if shops is not None else WorkshopMatcher(names)

    def fail(text: str, column: str, position: int) -> str:
        raise _no_match(matcher, text, where, column, int(numbers[position]), key="no_match_rule")

    def unclear(text: str, column: str, position: int) -> int:
        cell = where.cell(column, int(numbers[position]))
        said = worded("not_a_tier", cell=cell, text=excerpt(text))
        raise SpreadsheetError(said, path=where.path, sheet=where.sheet)

    match = matcher_function(matcher, fail)
    found = read_rule_values(frame, columns, keys, kept, match=match, unclear=unclear)
    return found, notes
