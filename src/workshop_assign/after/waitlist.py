"""Who gets a seat that frees up: an optimal waitlist per full workshop.

When someone in a full workshop cancels, the organizer wants to know whom to offer the
seat.  The answer here is exact and keeps the promises of ``update``: nobody who has a
place loses it and as many people as possible are placed; then the seat goes where it
serves the objective best (someone without a place, someone who wished for this
workshop more than for the one they have), and moves only break ties
(``update(..., moves_last=True)``).  One seat more in the workshop is one such update
of the current places; whoever it brings into the workshop is next on the list, with
the moves it triggers (a chain: the seat they leave goes to someone else, and so on).
The next seat is solved from that state, so position 2 is who gets the second seat
after position 1 got the first.

When the seat would change nothing (everyone who wished for it more has it already),
the list ends there: a freed seat in that workshop would stay free.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.after.update import update
from workshop_assign.core.result import Backend
from workshop_assign.errors import InputError, UnsupportedRulesError
from workshop_assign.read.names import WorkshopMatcher

if TYPE_CHECKING:
    from workshop_assign.after.update import Update
    from workshop_assign.core.model import Problem
    from workshop_assign.core.options import SolveSettings
    from workshop_assign.core.result import Result
    from workshop_assign.core.rules import Rules

COLUMNS = ["position", "attendee", "from", "rank", "moves"]
WAITLIST = 5  # people per full workshop on a Waitlist by default
WAITLIST_PEOPLE = 10_000  # above this many attendees, waitlists only when asked for
WAITLIST_PEOPLE_MIP = 1_000  # the same where the rules need the MIP (slower re-solves)
SLOT_WAITLIST = (
    "a waitlist is worked out by updates, which timetables (workshops in time slots) "
    "do not have yet"
)


def waitlist(result: Result, workshop: str, n: int = 5) -> pd.DataFrame:
    """The next ``n`` people who would get a seat freed in ``workshop``, in order.

    Columns: ``position`` (1 = the first freed seat), ``attendee``, ``from`` (where they
    are now; empty when they have no place), ``rank`` (the wish this workshop is for
    them), ``moves`` (what else the seat sets off, "key: from -> to"; empty when
    nothing).  Shorter than ``n`` (or empty) when a further seat would change nothing.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A"], "ben@x.example": ["A"]}, capacities={"A": 1}
    ... )
    >>> wa.waitlist(wa.solve(problem), "A")["attendee"].tolist()
    ['ben@x.example']
    """
    if result.has_slots:
        raise UnsupportedRulesError(SLOT_WAITLIST)
    if n < 0:
        raise InputError(f"n={n}: give how many places to look ahead, 0 or more")
    problem = result.problem
    index = _workshop_index(problem, workshop)
    settings = _update_settings(result)
    names = problem.workshop_names
    places = _places(result)
    rows: list[dict[str, object]] = []
    for position in range(1, n + 1):
        settings["rules"] = _with_shared_seats(result.options.rules, names[index], position)
        done = update(
            _with_seats(problem, index, position),
            _named(problem, places),
            moves_last=True,
            **settings,
        )
        after = np.asarray(done.result.workshop_of, dtype=np.int32)
        arrived = np.flatnonzero((after == index) & (places != index))
        if not len(arrived):
            break
        others = np.flatnonzero((after != places) & (after != index))
        chain = "; ".join(
            f"{problem.keys[i]}: {_name(names, places[i])} -> {_name(names, after[i])}"
            for i in others.tolist()
        )
        for i in arrived.tolist():
            rows.append(
                {
                    "position": position,
                    "attendee": problem.keys[i],
                    "from": names[places[i]] if places[i] >= 0 else None,
                    "rank": int(done.result.rank_of[i]),
                    "moves": chain,
                }
            )
        places = after
    return pd.DataFrame(rows, columns=COLUMNS)


def _name(names: tuple[str, ...], place: int) -> str:
    return names[place] if place >= 0 else "-"


def waitlists(result: Result, n: int = 5) -> pd.DataFrame:
    """The waitlist of every full workshop in one table (a ``waitlist`` per workshop,
    its name in the first column); a full workshop whose list is empty has one row
    without an attendee, so that the organizer sees it was looked at.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A"], "ben@x.example": ["A"]}, capacities={"A": 1}
    ... )
    >>> wa.waitlists(wa.solve(problem))[["freed", "attendee"]].values.tolist()
    [['A', 'ben@x.example']]
    """
    tables = []
    for name in full_workshops(result):
        found = waitlist(result, name, n)
        if found.empty:
            found = pd.DataFrame([dict.fromkeys(COLUMNS)], columns=COLUMNS)
        tables.append(found.assign(freed=name))
    columns = ["freed", *COLUMNS]
    if not tables:
        return pd.DataFrame(columns=columns)
    table = pd.concat(tables, ignore_index=True)[columns]
    return table.astype({"position": "Int64", "rank": "Int64"})


def default_waitlist(result: Result) -> int:
    """How many people a waitlist holds when nobody said: ``WAITLIST`` where its
    re-solves are cheap (one update per freed seat and full workshop), else none."""
    most = WAITLIST_PEOPLE if result.backend is Backend.FLOW else WAITLIST_PEOPLE_MIP
    return WAITLIST if len(result.problem.keys) <= most and not result.has_slots else 0


def full_workshops(result: Result) -> list[str]:
    """The workshops whose seats are all taken (where a waitlist makes sense)."""
    if result.has_slots:
        return []
    places = _places(result)
    taken = np.bincount(places[places >= 0], minlength=len(result.problem.workshops))
    held = dict(zip(result.problem.workshop_names, taken.tolist(), strict=True))
    shared_full = {
        name
        for pool in result.options.rules.shared_capacities
        if sum(held.get(n, 0) for n in pool.workshops) >= pool.seats
        for name in pool.workshops
    }
    return [
        w.name
        for w, n in zip(result.problem.workshops, taken.tolist(), strict=True)
        if n >= w.capacity or w.name in shared_full
    ]


def _places(result: Result) -> npt.NDArray[np.int32]:
    return np.asarray(result.workshop_of, dtype=np.int32).reshape(-1)


def _named(problem: Problem, places: npt.NDArray[np.int32]) -> dict[str, str | None]:
    """Attendee key -> workshop name (None: no place), as ``update`` takes them."""
    names = problem.workshop_names
    return {
        k: (names[w] if w >= 0 else None)
        for k, w in zip(problem.keys, places.tolist(), strict=True)
    }


def _moves(done: Update) -> str:
    """The moves an update made, as "key: from -> to" joined by "; "."""
    return "; ".join(
        f"{row['attendee']}: {row['from']} -> {row['to']}" for row in done.moves.to_dict("records")
    )


def _workshop_index(problem: Problem, workshop: str) -> int:
    names = list(problem.workshop_names)
    if workshop in names:
        return names.index(workshop)
    matcher = WorkshopMatcher(names)
    found = matcher.match(workshop, quick=True)
    if found is None:
        close = ", ".join(repr(c) for c in matcher.suggestions(workshop)) or "none"
        raise InputError(f"{workshop!r} is not a workshop of this result; closest: {close}")
    return found[0]


def _with_seats(problem: Problem, index: int, extra: int) -> Problem:
    shops = list(problem.workshops)
    shops[index] = replace(shops[index], capacity=shops[index].capacity + extra)
    return replace(problem, workshops=tuple(shops))


def _with_shared_seats(rules: Rules, workshop: str, extra: int) -> Rules:
    """A seat freed in ``workshop`` is freed in the seats it shares too."""
    pools = tuple(
        replace(pool, seats=pool.seats + extra) if workshop in pool.workshops else pool
        for pool in rules.shared_capacities
    )
    return replace(rules, shared_capacities=pools)


def _update_settings(result: Result) -> SolveSettings:
    """The result's own settings, as an update takes them: it places as many people as
    it can, so an unassigned cost and filling unranked seats do not apply."""
    settings = result.options.settings()
    settings["unassigned_cost"] = None
    settings["fill_unranked"] = False
    return settings
