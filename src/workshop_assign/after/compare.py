"""Compare allocation mechanisms on the same problem, side by side.

* first come, first served: in order of registration (the export's time stamps, else
  row order), everyone takes the best ranked workshop that still has a seat — what
  event platforms do;
* random serial dictatorship: the same in a seeded random order;
* the optimal objectives ``rank-sum``, ``rank-maximal`` and ``fair``.

For each: people per rank received, unassigned, the worst rank anyone received, and how
many people are worse off than under the rank-sum optimum.  The greedy mechanisms honour
seats, fixed places and exclusions; they know nothing of minimum sizes or groups (as
the platforms they stand for), so compare them on problems without such rules.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_assign.core.model import Problem
from workshop_assign.core.options import Objective
from workshop_assign.core.rooms import Room
from workshop_assign.errors import UnsupportedRulesError
from workshop_assign.read.people import parse_stamps
from workshop_assign.solver import solve
from workshop_assign.text import Language, message

FCFS = "first come, first served"
RSD = "random serial dictatorship"


def in_chosen_rooms(problem: Problem, rooms: Sequence[Room]) -> Problem:
    """The problem with the seats of the rooms an optimal assignment chooses (rank-sum):
    what the simple mechanisms, which choose no rooms, are compared within."""
    return solve(problem, rooms=rooms).problem


def rooms_given(problem: Problem, lang: Language) -> str:
    """The sentence that says which room each workshop had in the comparison ("…:
    Zwillinge: Saal, Mobilität: Raum 1.01"), for the command line and the page."""
    plan = ", ".join(f"{w.name}: {w.room}" for w in problem.workshops if w.room)
    return message("compare.rooms", lang).format(rooms=plan)


def compare(
    problem: Problem,
    *,
    seed: int = 0,
    order: npt.NDArray[np.int64] | None = None,
    rooms: Sequence[Room] = (),
) -> pd.DataFrame:
    """One row per mechanism (see the module docstring); ``order`` is the registration
    order for first come, first served (default: the export's time stamps, else rows).
    With ``rooms`` (workshops without seats of their own), every mechanism gets the
    rooms the optimal assignment chose (``solve(problem, rooms=rooms).problem``): the
    simple mechanisms choose no rooms, so they are compared within that plan.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A"], "ben@x.example": ["A"]}, capacities={"A": 1}
    ... )
    >>> list(wa.compare(problem).index)
    ['first come, first served', 'random serial dictatorship', 'rank-sum', 'rank-maximal', 'fair']
    """
    if problem.has_slots:
        raise UnsupportedRulesError(
            "compare weighs one workshop per attendee; it is not available for workshops "
            "in time slots"
        )
    if rooms:
        problem = in_chosen_rooms(problem, rooms)
    arrival = registration_order(problem) if order is None else order
    lottery = np.random.default_rng(seed).permutation(len(problem.keys))
    outcomes = {
        FCFS: serial_dictatorship(problem, arrival),
        RSD: serial_dictatorship(problem, lottery),
    }
    for objective in Objective:
        if objective is Objective.RATING_SUM and problem.scale is None:
            continue  # only where the wishes are ratings
        result = solve(problem, objective=objective)
        outcomes[objective.value] = (result.workshop_of, result.rank_of)
    reference = outcomes[Objective.RANK_SUM.value]
    rows = [_row(name, outcome, reference, problem.max_rank) for name, outcome in outcomes.items()]
    return pd.DataFrame(rows).set_index("mechanism")


def registration_order(problem: Problem) -> npt.NDArray[np.int64]:
    """Attendee positions by registration time (missing times last), ties by row order."""
    source = problem.source
    column = source.timestamp_column if source is not None else None
    if column is None or problem.attributes is None:
        return np.arange(len(problem.keys), dtype=np.int64)
    stamps = parse_stamps(problem.attributes[column])
    frame = pd.DataFrame({"time": stamps, "row": np.arange(len(stamps))})
    return frame.sort_values(["time", "row"], na_position="last", kind="stable")["row"].to_numpy(
        dtype=np.int64
    )


Outcome = tuple[npt.NDArray[np.int32], npt.NDArray[np.int16]]  # workshop (-1: none), rank


def serial_dictatorship(problem: Problem, order: npt.NDArray[np.int64]) -> Outcome:
    """Each person in turn takes their best ranked workshop that still has a seat."""
    seats = problem.capacities.copy()
    workshops = np.full(len(problem.keys), -1, dtype=np.int32)
    ranks = np.zeros(len(problem.keys), dtype=np.int16)
    rules = problem.rules
    if rules is not None:  # fixed places are taken before anyone chooses
        fixed = np.flatnonzero(rules.fixed >= 0)
        np.subtract.at(seats, rules.fixed[fixed], 1)
        workshops[fixed] = rules.fixed[fixed]
        ranks[fixed] = problem.ranks_given(fixed, rules.fixed[fixed])
    lists, list_of = problem.wish_lists, problem.wish_list_of
    for person in order.tolist():
        if rules is not None and rules.fixed[person] >= 0:
            continue
        excluded = rules.excluded[person] if rules is not None else frozenset()
        for rank, workshop in enumerate(lists[list_of[person]], start=1):
            if seats[workshop] > 0 and workshop not in excluded:
                seats[workshop] -= 1
                workshops[person], ranks[person] = workshop, rank
                break
    return workshops, ranks


def _row(name: str, outcome: Outcome, reference: Outcome, max_rank: int) -> dict[str, object]:
    """Counts per rank; "worse off": rank-sum gave them a ranked workshop, and this
    mechanism a worse rank, an unranked seat, or none."""
    workshops, ranks = outcome
    counts = np.bincount(ranks[ranks > 0], minlength=max_rank + 1)
    placed = workshops >= 0
    worse = (reference[1] > 0) & ((ranks == 0) | (ranks > reference[1]))
    row: dict[str, object] = {"mechanism": name}
    row |= {f"rank {r}": int(counts[r]) for r in range(1, max_rank + 1)}
    row["unassigned"] = int(np.count_nonzero(~placed))
    row["worst rank"] = int(ranks[placed].max()) if placed.any() else 0
    row["worse off than rank-sum"] = int(np.count_nonzero(worse))
    return row
