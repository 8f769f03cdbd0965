"""The ways an export holds ranked wishes, and reading them row by row.

Which layout an export has is decided in ``roles``, from the cells.  The layouts:

* ``columns per rank``: one column per rank ("Erstwunsch", "2. Wahl", "Third choice",
  dropdown questions numbered by rank), each cell a workshop name;
* ``rank positions``: LimeSurvey's ranking question, "Question [Rank 1]", "[Rang 2]";
* ``grid``: Google Forms' multiple-choice grid, "Question [Workshop]" per workshop, each
  cell a rank ("1. Wahl", "First choice", "1");
* ``ranking cell``: a ranking question with all options in one cell, in rank order,
  joined by ";" (Microsoft Forms), line breaks or commas, optionally numbered ("1. A");
* ``long``: one row per attendee, workshop and rank (handled by the reader, which
  pivots it to one row per attendee first);
* ``rating grid``: one column per workshop, each cell a rating on a scale ("sehr gern
  ... auf keinen Fall", "love ... never", stars, or numbers under a heading that says
  they are ratings): the ratings are the wishes, workshops rated alike tie, the
  scale's lowest level is never (see ``read.ratings``).

Where two workshops share a rank (a grid with two "2"s) or a rating, they tie: a
person's wishes are an ordered list of sets, and ``RowWishes.levels`` says each wish's
0-based rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workshop_assign.read.ratings import rating_of
from workshop_assign.read.text import cell_text, fold, is_blank, options_of, rank_cell

COLUMNS = "columns per rank"
POSITIONS = "rank positions"
GRID = "grid"
CELL = "ranking cell"
LONG = "long"
RATINGS = "rating grid"
WORKSHOP_WORDS = {"workshop", "thema", "topic", "session", "angebot", "kurs", "forum", "titel"}
LONG_RANKS = {
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
}


@dataclass(frozen=True, slots=True)
class Layout:
    """How wishes are stored: the layout's name and its columns in reading order.

    For ``grid`` and ``rating grid`` layouts, ``labels`` holds the option (workshop) text
    of each column; a rating grid's ``scale`` its ratings, worst (never) first.
    """

    name: str
    columns: tuple[str, ...]
    labels: tuple[str, ...] = ()
    scale: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RowWishes:
    """One row's wishes in rank order as (raw text, column), and what was odd about it."""

    wishes: list[tuple[str, str]]
    gap: bool = False  # an earlier choice was empty
    tied_rank: int | None = None  # grid: several workshops share this rank
    unreadable: list[tuple[str, str]] | None = None  # grid: cells that are not a rank
    levels: list[int] | None = None  # grids: each wish's 0-based rank (ties share one)
    never: list[tuple[str, str]] | None = None  # rating grid: rated never (excluded)


def long_columns(frame: pd.DataFrame) -> tuple[str, str] | None:
    """(workshop column, rank column) of a long table, if it has both."""
    rank = next(
        (c for c in frame.columns if fold(str(c)) in LONG_RANKS and _ranks(frame[c]) > 0.8),
        None,
    )
    shop = next((c for c in frame.columns if fold(str(c)) in WORKSHOP_WORDS), None)
    return (str(shop), str(rank)) if rank is not None and shop is not None else None


def read_wishes(layout: Layout, frame: pd.DataFrame) -> list[RowWishes]:
    """Each row's wishes in rank order, as the raw texts and the columns they came from."""
    if layout.name == GRID:
        return _grid_rows(layout, frame)
    if layout.name == RATINGS:
        return rating_rows(layout, frame)
    if layout.name == CELL:
        column = layout.columns[0]
        return [
            RowWishes([(part, column) for part in options_of(cell_text(cell)) if part])
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
        ranked.sort(key=lambda item: item[0])
        ranks = [r for r, _, _ in ranked]
        tie = next((r for r in ranks if ranks.count(r) > 1), None)
        levels = [sorted(set(ranks)).index(r) for r in ranks]  # ranks given, gaps closed
        gap = bool(ranks) and sorted(set(ranks)) != list(range(1, len(set(ranks)) + 1))
        wishes = [(label, col) for _, label, col in ranked]
        rows.append(RowWishes(wishes, gap, tie, unreadable or None, levels))
    return rows


def rating_rows(layout: Layout, frame: pd.DataFrame) -> list[RowWishes]:
    """A rating grid's rows: the rated workshops best first, each at its scale level
    (0: the best rating), the ones rated never apart, cells off the scale noted."""
    scale = layout.scale
    rows = []
    for cells in frame[list(layout.columns)].itertuples(index=False, name=None):
        rated, never, unreadable = [], [], []
        for cell, column, label in zip(cells, layout.columns, layout.labels, strict=True):
            if is_blank(cell):
                continue
            rating = rating_of(cell, scale)
            if rating is None:
                unreadable.append((cell_text(cell), column))
            elif rating == scale[0]:
                never.append((label, column))
            else:
                rated.append((len(scale) - 1 - scale.index(rating), label, column))
        rated.sort(key=lambda item: item[0])
        wishes = [(label, column) for _, label, column in rated]
        levels = [level for level, _, _ in rated]
        rows.append(RowWishes(wishes, unreadable=unreadable or None, levels=levels, never=never))
    return rows


def _ranks(column: pd.Series) -> float:
    """Share of the first non-empty cells of a column that are ranks."""
    values = [v for v in column.tolist()[:500] if not is_blank(v)]
    return sum(rank_cell(v) is not None for v in values) / len(values) if values else 0.0
