"""Where the wishes could be: every plausible layout in the first rows, with its evidence.

Found from what the cells hold (headers only break ties): ranking cells (lists of a few
options per person), choice columns (a shared small vocabulary, one column per rank, the
order from rank words in the headers, else left to right) and grids (one column per
option, cells are ranks).  ``roles`` decides among them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from workshop_assign.read.layouts import CELL, COLUMNS, GRID, POSITIONS, RATINGS, Layout
from workshop_assign.read.names import WorkshopMatcher
from workshop_assign.read.ratings import scale_for
from workshop_assign.read.text import (
    bracketed,
    cell_text,
    fold,
    is_blank,
    looks_like_date,
    loose,
    ordinal,
    rank_cell,
    split_list,
)

SAMPLE = 2000  # rows looked at to decide (decisions do not need every row)
MAX_OPTIONS = 60  # more distinct answers than this in one column alone is not a choice
SHORT_EXPORT = 20  # fewer answers than this cannot show options being shared
MANY_OPTIONS = 1000  # the most options a list shared by several rank columns may have
MATCHED = 0.8  # share of answers that must name a known workshop
RANK_WORDS = (
    "wunsch",
    "wünsch",
    "wahl",
    "choice",
    "rang",
    "rank",
    "priorit",
    "prio",
    "präferenz",
    "praeferenz",
    "preference",
    "reihenfolge",
    "ranking",
    "sortier",
    "ordnen",
    "liebsten",
    "favourite",
    "favorite",
    "bevorzug",
    "prefer",
)
WORKSHOP_WORDS = ("workshop", "thema", "topic", "session", "angebot", "kurs", "forum")
FIRST_WORDS = ("am liebsten", "most", "favourite", "favorite", "bevorzugt", "top")
NO_CHOICE = {"ja", "nein", "yes", "no", "x", "true", "false", "wahr", "falsch", "j", "n"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way the wishes could be stored, with what speaks for it."""

    layout: Layout
    rows: int  # rows of the sample that answer it
    options: int  # distinct options seen
    matched: float  # share of answers that name a known workshop (1.0 when none known)
    hinted: bool  # a header speaks of wishes, ranks or workshops
    order: str = "columns"  # how the ranks were ordered: "headers" or "left to right"

    def score(self) -> tuple[bool, bool, int, int]:
        return (self.matched >= MATCHED, self.hinted, self.rows, len(self.layout.columns))


def find_candidates(sample: pd.DataFrame, matcher: WorkshopMatcher | None) -> list[Candidate]:
    """Every plausible place of the wishes in the sample, each with its evidence."""
    columns = [str(c) for c in sample.columns]
    cells = {c: [v for v in sample[c].tolist() if not is_blank(v)] for c in columns}
    found = _ranking_cells(columns, cells, matcher)
    lists = {c.layout.columns[0] for c in found}
    found += _choice_columns(sample, [c for c in columns if c not in lists], cells, matcher)
    found += _grids(sample, columns, cells, matcher)
    found += _rating_grids(sample, columns, cells, matcher)
    return found


# --- ranking cells -------------------------------------------------------------------


def _ranking_cells(
    columns: list[str], cells: dict[str, list[object]], matcher: WorkshopMatcher | None
) -> list[Candidate]:
    """Columns whose cells are lists of a few options, each list without repeats."""
    found = []
    for column in columns:
        values = [v for v in cells[column] if isinstance(v, str)]
        if not values:
            continue
        lists = [split_list(v) for v in values]
        listed = [parts for parts in lists if parts is not None]
        if len(listed) < 0.5 * len(cells[column]):
            continue
        parts = [loose(p) for row in listed for p in row]
        options = Counter(parts)
        repeats = sum(len(set(map(loose, row))) < len(row) for row in listed)
        small = _few(len(options), len(parts))
        if len(options) < 2 or repeats > 0.2 * len(listed):
            continue
        matched = _matched(matcher, [p for row in listed for p in row])
        if matcher is None and not small:
            continue
        found.append(
            Candidate(
                Layout(CELL, (column,)),
                len(listed),
                len(options),
                matched,
                _hinted([column]),
            )
        )
    return found


# --- choice columns ------------------------------------------------------------------


def _choice_columns(
    sample: pd.DataFrame,
    columns: list[str],
    cells: dict[str, list[object]],
    matcher: WorkshopMatcher | None,
) -> list[Candidate]:
    """Groups of columns that share a small vocabulary of options."""

    def option(value: object) -> bool:  # a legend's codes may be numbers
        if _is_option(value):
            return True
        coded = matcher is not None and bool(matcher.codes) and not isinstance(value, bool)
        return (
            coded
            and matcher is not None
            and matcher.match(cell_text(value), quick=True) is not None
        )

    vocab: dict[str, Counter[str]] = {}
    many: set[str] = set()
    for column in columns:
        values = cells[column]
        if not values or sum(map(option, values)) < 0.8 * len(values):
            continue
        counts = Counter(loose(cell_text(v)) for v in values)
        if set(counts) <= NO_CHOICE:
            continue
        if matcher is None and not _few(len(counts), len(values)):
            if _ranked_by_heading(column, counts):
                pass  # "Second choice" in a short export: each answer different, still a wish
            elif _many(len(counts), len(values)):
                many.add(column)  # a long list of options, if other columns share it
            else:
                continue  # nearly every answer different: names, remarks, not options
        vocab[column] = counts
    known = {
        c for c in vocab if matcher is not None and _matched(matcher, list(vocab[c])) >= MATCHED
    }
    found = []
    for group in _linked(list(vocab), vocab, known):
        rows = _answered(sample, group)
        if rows == 0 or _repeats_in_rows(sample, group) > 0.3 * rows:
            continue
        options: Counter[str] = sum((vocab[c] for c in group), Counter())
        if many & set(group) and not _shared_list(group, vocab, options):
            continue
        matched = _matched(matcher, [cell_text(v) for c in group for v in cells[c]])
        hinted = _hinted(group)
        if len(options) < 2 and matched < MATCHED:
            continue
        if len(group) == 1 and not hinted and matched < MATCHED:
            continue  # one column of few values: an organisation, a salutation, ...
        ordered, how = _rank_order(group)
        name = POSITIONS if all(bracketed(c) for c in ordered) else COLUMNS
        found.append(
            Candidate(Layout(name, tuple(ordered)), rows, len(options), matched, hinted, how)
        )
    return found


def _linked(columns: list[str], vocab: dict[str, Counter[str]], known: set[str]) -> list[list[str]]:
    """Connected groups of columns that answer the same kind of question: their answers
    mostly come from each other's options, or all name known workshops, or their headers
    name different ranks (few rows may not show the shared options)."""
    parent = {c: c for c in columns}

    def root(column: str) -> str:
        while parent[column] != column:
            column = parent[column]
        return column

    for i, first in enumerate(columns):
        for second in columns[i + 1 :]:
            ranks = (_header_rank(first), _header_rank(second))
            if (
                _overlap(vocab[first], vocab[second]) >= 0.5
                or {first, second} <= known
                or (None not in ranks and ranks[0] != ranks[1])
            ):
                parent[root(second)] = root(first)
    groups: dict[str, list[str]] = {}
    for column in columns:
        groups.setdefault(root(column), []).append(column)
    return list(groups.values())


def _overlap(first: Counter[str], second: Counter[str]) -> float:
    """Share of one column's answers that are options of the other (the larger share)."""

    def share(a: Counter[str], b: Counter[str]) -> float:
        total = sum(a.values())
        return sum(n for value, n in a.items() if value in b) / total if total else 0.0

    return max(share(first, second), share(second, first))


def _rank_order(group: list[str]) -> tuple[list[str], str]:
    """The columns in rank order: by the ranks their headers name, else left to right."""
    ranks = {c: _header_rank(c) for c in group}
    named = [r for r in ranks.values() if r is not None]
    if not named or len(set(named)) < len(named) or max(named) > len(group):
        return list(group), "left to right"
    free = iter(sorted(set(range(1, len(group) + 1)) - set(named)))
    filled = {c: (r if r is not None else next(free)) for c, r in ranks.items()}
    return sorted(group, key=lambda c: filled[c]), "headers"


def _header_rank(header: str) -> int | None:
    split = bracketed(header)
    rank = ordinal(split[1]) if split else None
    if rank is None:
        rank = ordinal(header)
    if rank is None and any(w in fold(header) for w in FIRST_WORDS):
        return 1
    return rank


def _answered(sample: pd.DataFrame, group: Sequence[str]) -> int:
    filled = sample[list(group)].map(lambda v: not is_blank(v))
    return int(filled.any(axis=1).sum())


def _repeats_in_rows(sample: pd.DataFrame, group: Sequence[str]) -> int:
    """Rows that give the same option in two of the group's columns."""
    if len(group) < 2:
        return 0
    count = 0
    for row in sample[list(group)].itertuples(index=False, name=None):
        answers = [loose(cell_text(v)) for v in row if not is_blank(v)]
        count += len(set(answers)) < len(answers)
    return count


# --- grids ---------------------------------------------------------------------------


def _grids(
    sample: pd.DataFrame,
    columns: list[str],
    cells: dict[str, list[object]],
    matcher: WorkshopMatcher | None,
) -> list[Candidate]:
    """Columns of one question holding ranks: bracketed groups, else runs of neighbours."""
    ranked = [
        c
        for c in columns
        if cells[c] and sum(rank_cell(v) is not None for v in cells[c]) >= 0.8 * len(cells[c])
    ]
    found = []
    for group in _questions(columns, set(ranked)):
        values = [rank_cell(v) for c in group for v in cells[c]]
        numbers = [v for v in values if v is not None]
        if len(group) < 2 or not numbers or max(numbers) > len(group):
            continue
        rows = _answered(sample, group)
        if rows == 0 or _repeats_in_rows(sample, group) > 0.3 * rows:
            continue
        labels = tuple(option_label(c) for c in group)
        matched = _matched(matcher, list(labels))
        found.append(
            Candidate(Layout(GRID, tuple(group), labels), rows, len(group), matched, _hinted(group))
        )
    return found


def _rating_grids(
    sample: pd.DataFrame,
    columns: list[str],
    cells: dict[str, list[object]],
    matcher: WorkshopMatcher | None,
) -> list[Candidate]:
    """Columns of one question holding ratings on one scale (see ``read.ratings``):
    bracketed groups, else runs of neighbours, of two or more columns."""
    rated = {c for c in columns if cells[c] and scale_for(cells[c], [c]) is not None}
    found = []
    for group in _questions(columns, rated):
        values = [v for c in group for v in cells[c]]
        scale = scale_for(values, group)
        if len(group) < 2 or scale is None:
            continue
        labels = tuple(option_label(c) for c in group)
        matched = _matched(matcher, list(labels))
        layout = Layout(RATINGS, tuple(group), labels, scale)
        found.append(Candidate(layout, _answered(sample, group), len(group), matched, True))
    return found


def _questions(columns: list[str], ranked: set[str]) -> list[list[str]]:
    """Groups of rank columns: by their bracketed question, else runs of neighbours."""
    groups: dict[str, list[str]] = {}
    run: list[str] = []
    for column in [*columns, ""]:
        split = bracketed(column) if column else None
        if column in ranked and split and ordinal(split[1]) is None:
            groups.setdefault("[q] " + split[0], []).append(column)
            continue
        if column in ranked:
            run.append(column)
            continue
        if run:
            groups[f"[run] {run[0]}"] = run
            run = []
    return list(groups.values())


def option_label(header: str) -> str:
    split = bracketed(header)
    return split[1] if split else header


# --- shared --------------------------------------------------------------------------


def _few(options: int, answers: int) -> bool:
    """Few enough different answers to be options: at most half as many as answers (or,
    in a short export, at least one answer given twice)."""
    return options <= max(3, min(MAX_OPTIONS, answers // 2)) or (
        answers < SHORT_EXPORT and options < answers
    )


def _ranked_by_heading(column: str, counts: Counter[str]) -> bool:
    """In a short export (too few answers to see options repeat), a column whose heading
    names a rank ("Second choice") and whose answers are short names, not sentences:
    a wish column however few people share an answer."""
    answers = sum(counts.values())
    longest = max(map(len, counts), default=0)
    return _header_rank(column) is not None and answers < SHORT_EXPORT and longest <= 80


def _many(options: int, answers: int) -> bool:
    """A long list of options (a project list): many different answers, but each given
    by several people on average."""
    return options <= MANY_OPTIONS and options <= answers // 3


def _shared_list(group: list[str], vocab: dict[str, Counter[str]], options: Counter[str]) -> bool:
    """A long list of options counts only where several rank columns choose from it:
    most of each column's answers are options of the others."""
    if len(group) < 2:
        return False
    answers = sum(options.values())
    if not _many(len(options), answers):
        return False
    for column in group:
        others = sum((vocab[c] for c in group if c != column), Counter())
        if _overlap(vocab[column], others) < 0.5:
            return False
    return True


def _is_option(value: object) -> bool:
    """Plausibly an option of a choice: short text, not a number, rank, date or address."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return (
        "@" not in text
        and not text.isdigit()
        and 0 < len(text) <= 300
        and not looks_like_date(text)
        and rank_cell(text) is None
    )


def _matched(matcher: WorkshopMatcher | None, texts: Sequence[str]) -> float:
    """Share of answers that name a known workshop (1.0 when none is known).

    Counted over cells, so that one mistyped cell does not hide a wish column: it is
    reported, with its cell, when the wishes are matched.
    """
    if matcher is None:
        return 1.0
    counts = Counter(t.strip() for t in texts if t.strip())
    total = sum(counts.values())
    if not total:
        return 0.0
    quick = sum(n for text, n in counts.items() if matcher.match(text, quick=True) is not None)
    if quick >= MATCHED * total:
        return quick / total  # enough by lookups alone, no search needed
    # Searching is dearer: the most frequent answers decide (a column of names has no
    # frequent ones, a column of workshops has nothing else).
    common = counts.most_common(2 * MAX_OPTIONS)
    return sum(n for text, n in common if matcher.match(text) is not None) / total


def _hinted(columns: Sequence[str]) -> bool:
    return any(
        _header_rank(c) is not None or any(w in fold(c) for w in (*RANK_WORDS, *WORKSHOP_WORDS))
        for c in columns
    )
