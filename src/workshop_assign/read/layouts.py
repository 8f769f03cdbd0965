"""Detect how an export holds the ranked wishes, and read them row by row.

Layouts, in the order they are tried:

* ``columns per rank``: one column per rank ("Erstwunsch", "2. Wahl", "Third choice",
  dropdown questions numbered by rank), each cell a workshop name;
* ``rank positions``: LimeSurvey's ranking question, "Question [Rank 1]", "[Rang 2]";
* ``grid``: Google Forms' multiple-choice grid, "Question [Workshop]" per workshop, each
  cell a rank ("1. Wahl", "First choice", "1");
* ``ranking cell``: Microsoft Forms' ranking question, all options in one cell, in rank
  order, joined by ";";
* ``long``: one row per attendee, workshop and rank (handled by the reader, which
  pivots it to one row per attendee first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from workshop_assign.errors import SpreadsheetError
from workshop_assign.read.text import bracketed, cell_text, fold, is_blank, ordinal, rank_cell

COLUMNS = "columns per rank"
POSITIONS = "rank positions"
GRID = "grid"
CELL = "ranking cell"
LONG = "long"
RANK_WORDS = {
    "rang",
    "rank",
    "priorität",
    "prioritaet",
    "priority",
    "prio",
    "wunsch",
    "wahl",
    "präferenz",
    "praeferenz",
    "preference",
    "position",
    "platz",
    "choice",
    "reihenfolge",
}
WORKSHOP_WORDS = {"workshop", "thema", "topic", "session", "angebot", "kurs", "forum", "titel"}
RANKING_HINTS = ("rang", "rank", "reihenfolge", "order", "priori", "sortier", "ordnen")


@dataclass(frozen=True, slots=True)
class Layout:
    """How wishes are stored: the layout's name and its columns in reading order.

    For ``grid`` layouts, ``labels`` holds the option (workshop) text of each column.
    """

    name: str
    columns: tuple[str, ...]
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RowWishes:
    """One row's wishes in rank order as (raw text, column), and what was odd about it."""

    wishes: list[tuple[str, str]]
    gap: bool = False  # an earlier choice was empty
    tied_rank: int | None = None  # grid: several workshops share this rank
    unreadable: list[tuple[str, str]] | None = None  # grid: cells that are not a rank


def detect_layout(frame: pd.DataFrame, wish_columns: Sequence[str] | None = None) -> Layout:
    """The layout of the table, or the one the given wish columns imply."""
    headers = [str(c) for c in frame.columns]
    if wish_columns:
        return _given(frame, list(wish_columns))
    for finder in (_per_rank, _grid, _ranking_cell):
        found = finder(frame, headers)
        if found is not None:
            return found
    if long_columns(frame) is not None:
        return Layout(LONG, long_columns(frame) or ())
    shown = ", ".join(repr(h) for h in headers[:8]) + (", ..." if len(headers) > 8 else "")
    raise SpreadsheetError(
        f"found no columns with ranked wishes among {shown}; name them in rank order with "
        "--wish-columns (e.g. --wish-columns Erstwunsch Zweitwunsch)"
    )


def _given(frame: pd.DataFrame, columns: list[str]) -> Layout:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        listed = ", ".join(repr(str(c)) for c in frame.columns[:12])
        raise SpreadsheetError(f"there is no column {missing[0]!r}; the columns are {listed}")
    if len(columns) == 1 and _share(frame[columns[0]], lambda v: ";" in str(v)) > 0.5:
        return Layout(CELL, tuple(columns))
    split = [bracketed(c) for c in columns]
    if len(columns) > 1 and all(split) and _rank_cells(frame, columns) > 0.5:
        return Layout(GRID, tuple(columns), tuple(s[1] for s in split if s))
    return Layout(COLUMNS, tuple(columns))


def _per_rank(frame: pd.DataFrame, headers: list[str]) -> Layout | None:
    """Columns whose headers name ranks 1, 2, ... (the first column per rank counts)."""
    by_rank: dict[int, str] = {}
    for header in headers:
        split = bracketed(header)
        label_rank = ordinal(split[1]) if split else None
        rank = label_rank or (ordinal(header) if not split else None)
        if rank is not None and rank not in by_rank and _share(frame[header], _is_name) > 0.3:
            by_rank[rank] = header
    if 1 not in by_rank:
        return None
    ranks = [r for r in range(1, len(by_rank) + 1) if r in by_rank]
    columns = tuple(by_rank[r] for r in ranks)
    positional = any(bracketed(c) for c in columns)
    return Layout(POSITIONS if positional else COLUMNS, columns)


def _grid(frame: pd.DataFrame, headers: list[str]) -> Layout | None:
    """The largest group of "Question [Option]" columns whose cells are ranks."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for header in headers:
        split = bracketed(header)
        if split and ordinal(split[1]) is None:
            groups.setdefault(split[0], []).append((header, split[1]))
    best = max((g for g in groups.values() if len(g) >= 2), key=len, default=None)
    if best is None or _rank_cells(frame, [h for h, _ in best]) < 0.5:
        return None
    return Layout(GRID, tuple(h for h, _ in best), tuple(label for _, label in best))


def _ranking_cell(frame: pd.DataFrame, headers: list[str]) -> Layout | None:
    """A column whose cells hold several options joined by ";" (hinted headers first)."""
    candidates = [h for h in headers if _share(frame[h], lambda v: ";" in str(v)) > 0.5]
    hinted = [h for h in candidates if any(w in fold(h) for w in RANKING_HINTS)]
    chosen = (hinted or candidates)[:1]
    return Layout(CELL, tuple(chosen)) if chosen else None


def long_columns(frame: pd.DataFrame) -> tuple[str, str] | None:
    """(workshop column, rank column) of a long table, if it has both."""
    rank = next(
        (
            c
            for c in frame.columns
            if fold(str(c)) in RANK_WORDS
            and _share(frame[c], lambda v: rank_cell(v) is not None) > 0.8
        ),
        None,
    )
    shop = next((c for c in frame.columns if fold(str(c)) in WORKSHOP_WORDS), None)
    return (str(shop), str(rank)) if rank is not None and shop is not None else None


def read_wishes(layout: Layout, frame: pd.DataFrame) -> list[RowWishes]:
    """Each row's wishes in rank order, as the raw texts and the columns they came from."""
    if layout.name == GRID:
        return _grid_rows(layout, frame)
    if layout.name == CELL:
        column = layout.columns[0]
        return [
            RowWishes([(part.strip(), column) for part in str(cell).split(";") if part.strip()])
            if not is_blank(cell)
            else RowWishes([])
            for cell in frame[column].tolist()
        ]
    return _per_rank_rows(frame, layout.columns)


def _per_rank_rows(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[RowWishes]:
    """Per-rank columns, read through each column's distinct values (few workshops, many
    rows): each distinct cell is checked and turned into text once."""
    texts: list[list[str | None]] = []
    for column in columns:
        codes, distinct = pd.factorize(frame[column], use_na_sentinel=False)
        as_text = [None if is_blank(v) else cell_text(v) for v in distinct]
        texts.append([as_text[c] for c in codes])
    rows = []
    for cells in zip(*texts, strict=True):
        wishes = [(t, col) for t, col in zip(cells, columns, strict=True) if t is not None]
        gap = len(wishes) < len(cells) and cells.index(None) < _last_filled(cells)
        rows.append(RowWishes(wishes, gap=gap))
    return rows


def _last_filled(cells: tuple[str | None, ...]) -> int:
    return max((i for i, c in enumerate(cells) if c is not None), default=-1)


def _grid_rows(layout: Layout, frame: pd.DataFrame) -> list[RowWishes]:
    rows = []
    for cells in frame[list(layout.columns)].itertuples(index=False, name=None):
        ranked, unreadable = [], []
        for cell, column, label in zip(cells, layout.columns, layout.labels, strict=True):
            if is_blank(cell):
                continue
            rank = rank_cell(cell)
            if rank is None:
                unreadable.append((str(cell), column))
            else:
                ranked.append((rank, label, column))
        ranked.sort(key=lambda item: item[0])  # stable: ties keep column order
        ranks = [r for r, _, _ in ranked]
        tie = next((r for r in ranks if ranks.count(r) > 1), None)
        gap = bool(ranks) and ranks != list(range(1, len(ranks) + 1)) and tie is None
        rows.append(
            RowWishes([(label, col) for _, label, col in ranked], gap, tie, unreadable or None)
        )
    return rows


def _share(column: pd.Series, test: Callable[[object], bool]) -> float:
    """Share of the first non-empty cells of a column that pass a test."""
    values = [v for v in column.tolist()[:500] if not is_blank(v)]
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _rank_cells(frame: pd.DataFrame, columns: list[str]) -> float:
    values = [v for c in columns for v in frame[c].tolist()[:200] if not is_blank(v)]
    return sum(rank_cell(v) is not None for v in values) / len(values) if values else 0.0


def _is_name(value: object) -> bool:
    """Plausibly a workshop name: text, not a number, not an e-mail address."""
    return isinstance(value, str) and "@" not in value and not value.strip().isdigit()
