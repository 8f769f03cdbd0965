"""What reading an export produces before a Problem is built, and how to point at cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from workshop_assign.core.model import Problem, Wish, Workshop
from workshop_assign.core.provenance import Note, Source
from workshop_assign.core.rooms import Room
from workshop_assign.core.rules import SharedCapacity
from workshop_assign.read.grids import column_letter
from workshop_assign.read.header import Table
from workshop_assign.read.layouts import Layout
from workshop_assign.read.people import PeopleColumns
from workshop_assign.read.rulecolumns import RuleValues
from workshop_assign.text import Language, worded


@dataclass(frozen=True, slots=True)
class ParsedExport:
    """Everything read from an export, before capacities are required.

    Assembled once from the products of the reading stages; ``keys`` and ``wishes`` are
    those of the attendees (the rows of ``table`` where ``keep`` is true), ``dropped``
    maps the other rows' positions to their reason.
    """

    path: str | None
    sha256: str | None
    sheet: str | None
    table: Table
    layout: Layout
    people: PeopleColumns
    language: Language
    keep: np.ndarray
    keys: list[str]
    wishes: list[list[str]]
    workshops: list[Workshop] | None
    names: list[str]
    notes: tuple[Note, ...] = ()
    dropped: dict[int, str] = field(default_factory=dict)
    rules: RuleValues = field(default_factory=RuleValues)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook (empty for CSV)
    # where ``workshops`` came from: "given", "export" (its own table), "default"
    # (``default_workshops``: an update's published seats), or None (none yet)
    workshops_from: str | None = None
    # each text the wishes held, with the workshop it was read as (the Notes say how)
    wish_texts: dict[str, str] = field(default_factory=dict)
    # seats the workshop table says several workshops share (pass them in ``Rules``)
    shared_capacities: tuple[SharedCapacity, ...] = ()
    # grids: per attendee, each wish's 0-based rank (workshops ranked or rated alike
    # share one); rating grids also the workshops each rated never (the layout's scale)
    levels: list[list[int]] | None = None
    never: list[list[str]] | None = None
    # the rooms of a Räume/Rooms sheet: the solve chooses among them (``solve(rooms=)``)
    rooms: tuple[Room, ...] = ()

    def to_problem(self, workshops: Sequence[Workshop] | None = None) -> Problem:
        """The Problem, with its Source: attributes are the attendees' original columns.

        ``workshops`` replaces the workshop table read (or not found) with one the
        organizer gave, e.g. edited on the web page; its names are those in ``names``.
        """
        parsed = self
        frame = parsed.table.frame
        attributes = frame[parsed.keep].reset_index(drop=True)
        shops = list(workshops) if workshops is not None else parsed.workshops or []
        problem = self._wishes_problem(shops, attributes)
        dropped = frame.iloc[sorted(parsed.dropped)].copy()
        dropped.insert(0, "row", parsed.table.rows[sorted(parsed.dropped)])
        dropped["reason"] = [parsed.dropped[i] for i in sorted(parsed.dropped)]
        source = Source(
            parsed.path,
            parsed.sha256,
            parsed.sheet,
            parsed.table.header_row,
            parsed.layout.name,
            parsed.people.key,
            parsed.layout.columns,
            parsed.language,
            tuple(str(c) for c in frame.columns),
            parsed.table.rows[parsed.keep],
            tuple(parsed.notes),
            dropped.reset_index(drop=True),
            parsed.people.names,
            parsed.people.organisation,
            parsed.people.email,
            parsed.people.timestamp,
        )
        problem = replace(problem, source=source)
        never = dict(zip(parsed.keys, parsed.never or [], strict=False))
        if parsed.rules or any(never.values()):
            exclude = {k: v for k, v in never.items() if v}
            for key, closed in parsed.rules.exclude.items():  # the column's, and never
                exclude[key] = list(dict.fromkeys([*exclude.get(key, []), *closed]))
            problem = problem.with_rules(
                groups=parsed.rules.groups,
                fixed=parsed.rules.fixed,
                exclude=exclude,
                priority=parsed.rules.priority,
            )
        return problem

    def _wishes_problem(self, shops: list[Workshop], attributes: pd.DataFrame) -> Problem:
        """The wishes as read: ranked lists, ranks that tie (a grid), or ratings."""
        if self.levels is None:
            ranked: dict[str, Sequence[Wish]] = dict(zip(self.keys, self.wishes, strict=True))
            return Problem.from_preferences(ranked, workshops=shops, attributes=attributes)
        if self.layout.scale:  # ratings: the scale's levels, best first, as labels
            best_first = self.layout.scale[::-1]
            ratings = {
                key: {w: best_first[level] for w, level in zip(wishes, levels, strict=True)}
                for key, wishes, levels in zip(self.keys, self.wishes, self.levels, strict=True)
            }
            return Problem.from_ratings(
                ratings, scale=self.layout.scale, workshops=shops, attributes=attributes
            )
        tied = {
            key: _tied(wishes, levels)
            for key, wishes, levels in zip(self.keys, self.wishes, self.levels, strict=True)
        }
        return Problem.from_preferences(tied, workshops=shops, attributes=attributes)

    def not_counted(self) -> dict[str, int]:
        """How many rows were not counted, by reason code, most frequent first."""
        counts: dict[str, int] = {}
        for reason in self.dropped.values():
            counts[reason] = counts.get(reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def demand(self) -> pd.DataFrame:
        """Workshops found with how many attendees ranked them 1st, 2nd, ..."""
        width = max((len(w) for w in self.wishes), default=1) or 1
        position = {name: i for i, name in enumerate(self.names)}
        counts = np.zeros((len(self.names), width), dtype=np.int64)
        for wishes in self.wishes:
            for rank, name in enumerate(wishes):
                counts[position[name], rank] += 1
        return pd.DataFrame(
            counts,
            index=pd.Index(self.names, name="workshop"),
            columns=pd.RangeIndex(1, width + 1, name="rank"),
        )


@dataclass(frozen=True, slots=True)
class Where:
    """How to point at a cell: file, sheet and the column letters of the headers."""

    path: str | None
    sheet: str | None
    headers: list[str]

    def place(self) -> str:
        """The file and sheet, as a message starts."""
        if self.sheet:
            return worded("at_sheet", path=self.path, sheet=self.sheet)
        return self.path or worded("the_table")

    def letter(self, column: str) -> str:
        """The column's letter, as the spreadsheet shows it."""
        return column_letter(self.headers.index(column))

    def cell(self, column: str, row: int) -> str:
        """The cell (or the row, for a column the sheet does not show), worded."""
        if column in self.headers:
            return worded("at_cell", place=self.place(), cell=f"{self.letter(column)}{row}")
        return worded("at_row", place=self.place(), row=row)


def _tied(wishes: list[str], levels: list[int]) -> list[Wish]:
    """Wishes with their ranks as the model takes ties: one set per shared rank."""
    groups: dict[int, list[str]] = {}
    for wish, level in zip(wishes, levels, strict=True):
        groups.setdefault(level, []).append(wish)
    return [set(g) if len(g) > 1 else g[0] for _, g in sorted(groups.items())]
