"""The result of a solve: one outcome per attendee, statistics and proof status.

A ``Result`` keeps compact per-person arrays and builds tables on request, so a
million-person result costs a few megabytes until it is turned into a DataFrame.
A ``Result`` is a value: it answers questions about itself (counts, tables, checks)
and hands writing, explaining and waitlists to the layers above with a lazy import, as
pandas' ``DataFrame.to_excel`` does, so importing it loads no writer and no solver.
``core.checks`` is the independent checker that ``check`` runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core._encode import as_rows
from workshop_assign.core.checks import check_result, check_timetables, room_violations
from workshop_assign.core.model import Problem
from workshop_assign.core.options import Objective, SolveOptions, check_language
from workshop_assign.core.reasons import Reason
from workshop_assign.errors import InputError
from workshop_assign.text import Language

__all__ = ["Backend", "Reason", "Result", "Status"]


class Status(StrEnum):
    """How good a result is known to be.

    OPTIMAL: the solver proved that no better assignment exists.
    FEASIBLE: valid, but not proven optimal (for example a time limit was reached).

    There is no "infeasible" result: when no assignment satisfies the rules, ``solve``
    raises ``InfeasibleError`` instead, saying why.
    """

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"


class Backend(StrEnum):
    """Which solver produced a result (the values are what the Summary shows)."""

    FLOW = "min-cost flow"  # no rule beyond what a network can express
    MIP = "MIP (HiGHS)"  # minimum sizes, groups, several caps: a MIP over the classes


@dataclass(frozen=True, eq=False)
class Result:
    """The outcome of ``solve``: who goes where, how good it is, and why.

    Attributes
    ----------
    problem
        the problem that was solved (not modified).
    options
        every setting used.
    status
        whether optimality was proven.
    objective_value
        total cost for ``rank-sum``; for ``rank-maximal`` the counts of
        1st, 2nd, ... choices; for ``fair`` the same counts worst rank first.
    workshop_of
        per attendee, the workshop index, or -1 when unassigned; with
        time slots shaped (attendees, slots): the workshop in each slot.
    rank_of
        the 1-based rank received (of the workshop's topic with time slots), 0
        when none or unranked; shaped like ``workshop_of``.
    reason_of
        per attendee, a ``Reason`` code (with time slots: why they are short
        of ``per_attendee`` workshops).
    n_classes
        how many classes of interchangeable attendees the model used.
    backend
        ``Backend.FLOW`` or ``Backend.MIP`` (only for rules a flow cannot
        express).
    gap
        when not proven optimal, the distance of the last optimised level to its
        best bound (0 when optimal).
    splits
        how often soft groups were split.
    slots
        the time slots, the columns of ``workshop_of`` (empty without slots).
    per_attendee
        how many workshops each attendee may get (1 without slots).

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A"], "ben@x.example": ["A"]}, capacities={"A": 1}
    ... )
    >>> result = wa.solve(problem)
    >>> result.proven_optimal, result.n_unassigned
    (True, 1)
    >>> result.check()  # every rule verified independently of the solver
    []
    """

    problem: Problem
    options: SolveOptions
    status: Status
    objective_value: int | tuple[int, ...]
    workshop_of: npt.NDArray[np.int32]
    rank_of: npt.NDArray[np.int16]
    reason_of: npt.NDArray[np.int8]
    n_classes: int
    backend: Backend = Backend.FLOW
    gap: float = 0.0
    splits: int = 0
    slots: tuple[str, ...] = ()
    per_attendee: int = 1
    rooms: tuple[tuple[str, ...], ...] = ()  # with rooms: each workshop's, by name
    given: Problem | None = None  # with rooms: the problem as given, before their seats

    @property
    def has_slots(self) -> bool:
        """True for a timetable result (workshops in time slots)."""
        return bool(self.slots)

    def placements(
        self,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Every place given, as three aligned arrays: attendee position, workshop index,
        rank received; the same shape of answer with or without time slots."""
        workshop_of = as_rows(self.workshop_of)
        person, column = np.nonzero(workshop_of >= 0)
        rank_of = as_rows(self.rank_of)
        return (
            person.astype(np.int64),
            workshop_of[person, column].astype(np.int64),
            rank_of[person, column].astype(np.int64),
        )

    @property
    def objective(self) -> Objective:
        """The objective that was optimised."""
        return self.options.objective

    @property
    def proven_optimal(self) -> bool:
        """True when the solver proved that no better assignment exists."""
        return self.status is Status.OPTIMAL

    @property
    def rank_counts(self) -> dict[int, int]:
        """People per 1-based rank received, every rank up to the longest list."""
        counts = np.bincount(self.rank_of.ravel(), minlength=self.problem.max_rank + 1)
        return {rank: int(counts[rank]) for rank in range(1, len(counts))}

    @property
    def n_unassigned(self) -> int:
        """People without a workshop (with time slots: without any)."""
        held = as_rows(self.workshop_of) >= 0
        return int(np.count_nonzero(~held.any(axis=1)))

    @property
    def places_short(self) -> int:
        """Places missing to give everyone ``per_attendee`` workshops, added up (the
        number of people left out, without time slots)."""
        given = int(np.count_nonzero(self.workshop_of >= 0))
        return self.per_attendee * len(self.problem.keys) - given

    @property
    def n_unranked(self) -> int:
        """People placed in a workshop they did not rank (only with ``fill_unranked``)."""
        return int(np.count_nonzero(self.reason_of == Reason.UNRANKED_FILL))

    def to_frame(self, *, lang: Language = "en", attributes: bool = False) -> pd.DataFrame:
        """One row per attendee: attendee, workshop, rank (1 = first choice), reason;
        where the wishes were ratings, ``rating`` (the rating of the place) after rank.

        ``workshop`` and ``reason`` are categoricals (every workshop a category, also
        one nobody got) and ``rank`` a nullable integer, so "unassigned" is ``pd.NA``
        rather than a magic value.  With
        ``attributes=True`` the attendees' other input columns follow.  With time slots
        the table is long: one row per attendee and slot, with a ``slot`` column.
        """
        lang = check_language(lang)
        if self.has_slots:
            return self._slot_frame(lang, attributes=attributes)
        names = _workshop_dtype(self.problem.workshop_names)
        texts = [Reason(code).text(lang) for code in Reason]
        reasons = pd.CategoricalDtype(pd.Index([t for t in texts if t is not None], dtype="string"))
        reason_codes = np.asarray(self.reason_of, dtype=np.int64) - 1
        frame = pd.DataFrame(
            {
                "attendee": pd.Series(np.asarray(self.problem.keys, dtype=object), dtype=object),
                "workshop": pd.Categorical.from_codes(self.workshop_of, dtype=names),
                "rank": pd.array(np.where(self.rank_of > 0, self.rank_of, 0), dtype="Int16"),
                "reason": pd.Categorical.from_codes(reason_codes, dtype=reasons),
            }
        )
        frame.loc[self.rank_of == 0, "rank"] = pd.NA
        scale = self.problem.scale
        if scale is not None:  # wishes from ratings: the rating each place has, in words
            ratings = pd.CategoricalDtype(list(scale.labels), ordered=True)
            codes = np.where(self.rank_of > 0, self.rank_of.astype(np.int64) - 1, -1)
            frame.insert(3, "rating", pd.Series(pd.Categorical.from_codes(codes, dtype=ratings)))
        if attributes and self.problem.attributes is not None:
            frame = pd.concat([frame, self.problem.attributes.reset_index(drop=True)], axis=1)
        return frame

    def _slot_frame(self, lang: Language, *, attributes: bool) -> pd.DataFrame:
        """``to_frame`` of a timetable: attendee-major, slots in their order."""
        n, k = len(self.problem.keys), len(self.slots)
        names = _workshop_dtype(self.problem.workshop_names)
        frame = pd.DataFrame(
            {
                "attendee": pd.Series(np.repeat(np.asarray(self.problem.keys, object), k)),
                "slot": pd.Categorical.from_codes(
                    np.tile(np.arange(k), n), dtype=pd.CategoricalDtype(list(self.slots))
                ),
                "workshop": pd.Categorical.from_codes(self.workshop_of.ravel(), dtype=names),
                "rank": pd.array(self.rank_of.ravel(), dtype="Int16"),
                "reason": pd.Series(
                    np.repeat([Reason(r).text(lang) for r in self.reason_of.tolist()], k)
                    if n
                    else [],
                    dtype=object,
                ),
            }
        )
        frame.loc[frame["rank"] == 0, "rank"] = pd.NA
        if attributes and self.problem.attributes is not None:
            extra = self.problem.attributes.loc[np.repeat(self.problem.attributes.index, k)]
            frame = pd.concat([frame, extra.reset_index(drop=True)], axis=1)
        return frame

    def explanations(self, lang: Language = "en") -> pd.Series:
        """Per attendee, why they got what they got (``None`` in their first choice)."""
        from workshop_assign.write.explain import explanations  # noqa: PLC0415

        return explanations(self, check_language(lang))

    def explain(self, attendee: str, lang: Language = "en") -> str | None:
        """Why one attendee (by key) got what they got, with numbers that hold."""
        if attendee not in self.problem.keys:
            raise InputError(f"{attendee!r} is not an attendee of this result")
        sentence: str | None = self.explanations(lang)[attendee]
        return sentence

    def statistics(self) -> pd.DataFrame:
        """Per workshop: seats, people placed, free seats, fill share and people per rank."""
        n_ws = len(self.problem.workshops)
        _, workshop, rank = self.placements()
        table = np.zeros((n_ws, self.problem.max_rank + 1), dtype=np.int64)
        np.add.at(table, (workshop, rank), 1)
        seats = self.problem.capacities
        assigned = table.sum(axis=1)
        frame = pd.DataFrame(
            {
                "capacity": seats,
                "assigned": assigned,
                "free": seats - assigned,
                "fill": np.divide(assigned, seats, out=np.zeros(n_ws), where=seats > 0),
            },
            index=pd.Index(self.problem.workshop_names, name="workshop"),
        )
        for r in range(1, table.shape[1]):
            frame[f"rank {r}"] = table[:, r]
        frame["unranked"] = table[:, 0]
        if self.has_slots:
            frame.insert(0, "slot", [w.slot for w in self.problem.workshops])
        return frame

    def _repr_html_(self) -> str:
        """What a notebook shows: a summary table, people per wish received and people
        per workshop against its seats (inline SVG; see ``write.pictures``)."""
        from workshop_assign.write.pictures import result_html  # noqa: PLC0415

        return result_html(self)

    def plot(self) -> Any:
        """The same two charts with matplotlib (the ``plot`` extra); returns the figure.

        Examples
        --------
        >>> import workshop_assign as wa
        >>> problem = wa.Problem.from_preferences(
        ...     {"a@x.example": ["A", "B"], "b@x.example": ["A"]}, capacities={"A": 1, "B": 1}
        ... )
        >>> figure = wa.solve(problem).plot()
        >>> [axes.get_title() for axes in figure.axes]
        ['people per wish received', 'people per workshop']
        """
        from workshop_assign.write.pictures import plot  # noqa: PLC0415

        return plot(self)

    def waitlist(self, workshop: str, n: int = 5) -> pd.DataFrame:
        """The next ``n`` people who would get a seat freed in ``workshop``, in order,
        each with the moves it triggers (exact re-solves with the rules of ``update``:
        nobody loses a place, fewest moves); see ``workshop_assign.after.waitlist``."""
        from workshop_assign.after.waitlist import waitlist  # noqa: PLC0415

        return waitlist(self, workshop, n)

    def to_excel(
        self,
        path: str | Path,
        *,
        lang: Language | None = None,
        what_if: tuple[int, pd.DataFrame] | None = None,
        waitlists: pd.DataFrame | None = None,
        roster_columns: Sequence[str] = (),
    ) -> Path:
        """Write the organizer's workbook: assignments, rosters, summary and notes.

        ``lang`` is ``"de"`` or ``"en"`` (default: the language of the export's headers);
        ``what_if`` is ``(extra seats, workshop_assign.what_if(result, extra))`` for the
        Summary's lines on what more seats would change; ``waitlists``
        (``workshop_assign.waitlists(result)``) becomes the Waitlist sheet;
        ``roster_columns`` adds ``"email"`` or ``"rank"`` (the wish received) to the
        printed rosters, which show name and organisation.
        """
        return self._write(
            _suffixed(path, ".xlsx"),
            lang=lang,
            what_if=what_if,
            waitlists=waitlists,
            roster_columns=roster_columns,
        )

    def to_csv(self, path: str | Path, *, lang: Language | None = None) -> Path:
        """Write the Assignments table as CSV (UTF-8; ``;``-separated in German)."""
        return self._write(_suffixed(path, ".csv"), lang=lang)

    def to_json(self, path: str | Path, *, lang: Language | None = None) -> Path:
        """Write the Assignments table as JSON records."""
        return self._write(_suffixed(path, ".json"), lang=lang)

    def language(self, lang: Language | None = None) -> Language:
        """The language to write in: ``lang`` (checked), else the export's (English for
        a problem built in Python)."""
        if lang is not None:
            return check_language(lang)
        return self.problem.source.language if self.problem.source else "en"

    def _write(
        self,
        path: Path,
        *,
        lang: Language | None,
        what_if: tuple[int, pd.DataFrame] | None = None,
        waitlists: pd.DataFrame | None = None,
        roster_columns: Sequence[str] = (),
    ) -> Path:
        """Hand the writing to ``write.writers``; imported here, not at the top, so that
        a Result (and the solver that makes one) loads no writer until one is asked for."""
        from workshop_assign.write.writers import write_result  # noqa: PLC0415

        return write_result(
            self,
            path,
            lang=lang,
            what_if=what_if,
            waitlists=waitlists,
            roster_columns=roster_columns,
        )

    def check(self) -> list[str]:
        """Violations of the hard constraints (empty when the result is valid)."""
        found = room_violations(self.problem, self.workshop_of, self.options.rooms, self.rooms)
        if self.has_slots:
            return found + check_timetables(
                self.problem, self.workshop_of, self.rank_of, self.per_attendee, self.options.rules
            )
        return found + check_result(
            self.problem,
            self.workshop_of,
            self.rank_of,
            fill_unranked=self.options.fill_unranked,
            rules=self.options.rules,
        )

    def room_plan(self) -> pd.DataFrame:
        """With rooms to choose from: per session, the workshop, its slot, the room, the
        room's seats and how many people it holds (a workshop's people are split over
        its rooms, the larger room first).  Empty without rooms."""
        columns = ["workshop", "slot", "room", "seats", "people"]
        seats = {room.name: room.seats for room in self.options.rooms}
        held = self.statistics()["assigned"].to_numpy() if self.rooms else np.zeros(0)
        rows = []
        for w, names in enumerate(self.rooms):
            left = int(held[w])
            for name in sorted(names, key=lambda n: -seats[n]):
                here = min(left, seats[name])
                left -= here
                workshop = self.problem.workshops[w]
                rows.append([workshop.name, workshop.slot, name, seats[name], here])
        return pd.DataFrame(rows, columns=columns)


def _suffixed(path: str | Path, suffix: str) -> Path:
    """``path`` with the writer's suffix; a different one is an error, not a surprise."""
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise InputError(f"{target.name}: use a file name ending in {suffix}")
    return target


def _workshop_dtype(names: Sequence[str]) -> pd.CategoricalDtype:
    """Every workshop as a category (also those nobody got), on pandas' string dtype so
    that "no workshop" reads as ``pd.NA`` in ``tolist()`` and ``to_dict()``, as in the
    nullable ``rank`` column beside it."""
    return pd.CategoricalDtype(pd.Index(list(names), dtype="string"))
