"""Which columns hold the wishes: decided from what the cells hold, headers only break ties.

A form tool's headers are whatever the organizer typed as the question ("Welchen Workshop
möchten Sie am liebsten besuchen?", "… Reihenfolge Ihrer Präferenz (oben = Erstwunsch)"),
so they are a weak signal.  The cells are a strong one.  Candidates, each found from the
cells of the first rows (``candidates``):

* ranking cell: a column whose cells are lists of a few options, one list per person
  ("A;B;C;", one option per line, "A, B, C"), as Microsoft Forms, Jotform or Typeform write
  a ranking question;
* choice columns: one or more columns sharing a small vocabulary of options, rarely the
  same option twice in a row (dropdowns, one per rank); their rank order comes from rank
  words in the headers ("Erstwunsch", "zweite Wahl", "[Rang 3]"), else left to right;
* grid: columns of one question (``Question [Option]``, or two header rows) whose cells
  are ranks, at most as many as there are columns (Google Forms grid, SurveyMonkey
  ranking);
* long: a workshop column and a rank column, one row per person and wish.

When the workshop table is known, a candidate counts only when its options are workshop
names.  Of the rest, the one whose headers say "wish" wins, then the one that covers most
rows.  The choice and its evidence become a note, and ``wish_columns`` overrides it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from workshop_assign.core.model import Workshop
from workshop_assign.core.provenance import Note, NoteKind
from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.candidates import (
    MATCHED,
    SAMPLE,
    Candidate,
    find_candidates,
    option_label,
)
from workshop_assign.read.layouts import CELL, COLUMNS, GRID, LONG, Layout, long_columns
from workshop_assign.read.names import WorkshopMatcher
from workshop_assign.read.rulecolumns import find_rule_columns
from workshop_assign.read.text import is_blank, rank_cell, split_list
from workshop_assign.text import worded


@dataclass(frozen=True, slots=True)
class WishRoles:
    """The stage's product: the layout of the wishes and the notes on how it was found."""

    layout: Layout
    rows: int  # rows of the sample that answer the wish question(s)
    notes: tuple[Note, ...]


def detect_wishes(
    frame: pd.DataFrame,
    wish_columns: Sequence[str] | None = None,
    workshops: Sequence[Workshop] | None = None,
) -> WishRoles:
    """The layout of the wishes (or the one the given columns imply), with its evidence.

    Rule columns (a fixed place, exclusions: see ``rulecolumns``) name workshops too, and
    are known by their headers; they are never taken as wishes.
    """
    if wish_columns:
        layout = given_layout(frame, list(wish_columns))
        return WishRoles(layout, len(frame), (_note(layout, "given", len(frame), 0),))
    rules = set(find_rule_columns(frame, set()).values())
    sample = frame.head(SAMPLE)[[c for c in frame.columns if c not in rules]]
    matcher = WorkshopMatcher.of(workshops) if workshops else None
    candidates = find_candidates(sample, matcher)
    long = long_columns(frame)
    best = max(candidates, key=Candidate.score) if candidates else None
    if long is not None and (best is None or best.layout.columns == long[:1]):
        layout = Layout(LONG, long)  # a workshop column beside a rank column: one row per wish
        return WishRoles(layout, len(frame), (_note(layout, "long", len(frame), 0),))
    if best is not None and best.matched >= MATCHED:
        return WishRoles(best.layout, best.rows, _evidence(best, candidates))
    raise _no_wishes(frame, candidates)


def _evidence(best: Candidate, candidates: list[Candidate]) -> tuple[Note, ...]:
    notes = [_note(best.layout, best.order, best.rows, best.options)]
    others = [c for c in candidates if c is not best and c.matched >= MATCHED]
    for other in sorted(others, key=Candidate.score, reverse=True)[:2]:
        notes.append(
            Note(
                NoteKind.DETECTED,
                "wishes-not",
                params={"columns": ", ".join(other.layout.columns), "rows": other.rows},
            )
        )
    return tuple(notes)


def _note(layout: Layout, how: str, rows: int, options: int) -> Note:
    return Note(
        NoteKind.DETECTED,
        "layout",
        params={
            "layout": layout.name,
            "columns": ", ".join(layout.columns),
            "evidence": how,
            "rows": rows,
            "options": options,
        },
    )


def _no_wishes(frame: pd.DataFrame, candidates: list[Candidate]) -> SpreadsheetError:
    headers = [str(c) for c in frame.columns]
    shown = ", ".join(repr(h) for h in headers[:8]) + (", ..." if len(headers) > 8 else "")
    if candidates:
        best = max(candidates, key=Candidate.score)
        return SpreadsheetError(worded("wishes_unknown", columns=", ".join(best.layout.columns)))
    return SpreadsheetError(worded("no_wishes", shown=shown))


def given_columns(frame: pd.DataFrame, named: Sequence[str]) -> list[str]:
    """The columns an organizer named: each entry a header, or headers joined by commas
    (a header that holds a comma itself is taken whole)."""
    headers = {str(c) for c in frame.columns}
    columns: list[str] = []
    for entry in named:
        pieces = entry.split(",")
        start = 0
        while start < len(pieces):
            # the longest run of pieces that is a header, else the piece by itself
            end = next(
                (
                    e
                    for e in range(len(pieces), start, -1)
                    if ",".join(pieces[start:e]).strip() in headers
                ),
                start + 1,
            )
            if ",".join(pieces[start:end]).strip():
                columns.append(",".join(pieces[start:end]).strip())
            start = end
    return columns


def given_layout(frame: pd.DataFrame, named: list[str]) -> Layout:
    """The layout that the columns an organizer named imply, checked against the cells."""
    columns = given_columns(frame, named)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        listed = ", ".join(repr(str(c)) for c in frame.columns[:12])
        raise SpreadsheetError(worded("no_column", column=missing[0], listed=listed))
    sample = frame.head(SAMPLE)
    values = [v for c in columns for v in sample[c].tolist() if not is_blank(v)]
    if len(columns) == 1 and _share(values, lambda v: isinstance(v, str) and bool(split_list(v))):
        return Layout(CELL, tuple(columns))
    if len(columns) > 1 and _share(values, lambda v: rank_cell(v) is not None):
        return Layout(GRID, tuple(columns), tuple(option_label(c) for c in columns))
    return Layout(COLUMNS, tuple(columns))


def _share(values: list[object], test: Callable[[object], bool]) -> bool:
    return bool(values) and sum(map(test, values)) > 0.5 * len(values)
