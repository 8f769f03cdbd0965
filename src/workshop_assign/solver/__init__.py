"""``solve``: from a Problem to a proven-optimal Result.

The steps, in ``pipeline``: validate the options, group attendees into classes, place
the people with fixed places, build the objective's cost levels, solve over classes (min-cost flow
whenever the rules are a flow: seats, exclusions, fixed places, one cap per attribute
value per workshop; a mixed-integer program only for minimum sizes, groups, category
minimums or several
caps), expand the class solution to people, optionally fill free seats, and check the
result against every rule before handing it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

import numpy as np
import numpy.typing as npt

from workshop_assign.core.model import Problem
from workshop_assign.core.options import SolveOptions, SolveSettings
from workshop_assign.core.result import Result
from workshop_assign.solver.classmodel import ClassModel, Solution
from workshop_assign.solver.pipeline import finish, prepare, solve_model

__all__ = ["ClassModel", "Solution", "finish", "prepare", "solve", "solve_model", "solve_with"]


def solve(problem: Problem, **settings: Unpack[SolveSettings]) -> Result:
    """Assign attendees to workshops optimally; the problem is not modified.

    Parameters
    ----------
    problem
        workshops and attendees with ranked wishes (and, optionally,
        per-attendee rules from ``Problem.with_rules``).
    objective
        ``"rank-sum"`` (default), ``"rank-maximal"``, ``"fair"`` or, for
        ratings, ``"rating-sum"``; see ``Objective``.  Every objective first places
        as many people as possible, except ``rank-sum`` with an explicit
        ``unassigned_cost``.
    rank_costs
        ``rank-sum`` only: cost of a 1st, 2nd, ... choice (default 0, 1, 2...).
    unassigned_cost
        ``rank-sum`` only: cost of leaving one person out.
    require_all
        raise ``InfeasibleError`` (saying why, in numbers) rather than
        leave anyone out.
    fill_unranked
        seats in workshops a person did not rank count too, as the
        last resort (never one they are excluded from): as many people as possible
        are seated, exactly, then as few as possible in such seats, then the
        objective over the ranked places.
    seed
        break ties between interchangeable people by a seeded shuffle instead of
        input order (earlier rows first).
    rules
        event-wide ``Rules`` (group mode, spread caps, category minimums, time
        limit); workshop minimums and must-run come from the ``Workshop`` objects.
    per_attendee
        with time slots, how many workshops each attendee may get
        (default: one per slot).
    rooms
        ``Room`` objects to choose from instead of fixed seats: each workshop
        that runs gets a room (or, with ``Workshop.sessions``, several), chosen
        with the assignment; see ``Result.room_plan``.

    Returns
    -------
    Result
        who goes where, the objective optimised and whether optimality was proven.

    Raises
    ------
    TypeError
        ``problem`` is not a ``Problem`` (the message says what to pass).
    InputError
        an option is invalid.
    InfeasibleError
        the rules cannot all hold, or ``require_all`` and someone
        cannot be placed; ``reasons`` says why in the organizer's terms.
    SolverError
        no assignment was found within the time limit.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A", "B"], "ben@x.example": ["A"], "cem@x.example": ["B", "A"]},
    ...     capacities={"A": 1, "B": 1},
    ... )
    >>> result = wa.solve(problem, objective="rank-maximal")
    >>> result.status.value, result.rank_counts
    ('optimal', {1: 2, 2: 0})
    >>> result.to_frame()["workshop"].tolist()
    [<NA>, 'A', 'B']
    """
    if not isinstance(problem, Problem):
        raise TypeError(_not_a_problem(problem))
    return solve_with(problem, SolveOptions.create(**settings))


def _not_a_problem(given: object) -> str:
    """What ``solve`` says when given something else: what to pass instead."""
    kind = type(given).__name__
    if callable(getattr(given, "to_problem", None)):
        return f"solve() takes a Problem, not a {kind}; pass its .to_problem()"
    return (
        f"solve() takes a Problem, not a {kind}; build one with Problem.from_preferences, "
        "Problem.from_frame, Problem.from_ratings or read_export"
    )


def solve_with(
    problem: Problem, options: SolveOptions, *, extra: Sequence[npt.NDArray[np.int64]] = ()
) -> Result:
    """``solve`` with validated options: prepare, solve the model, finish."""
    model = prepare(problem, options, extra=extra)
    return finish(model, solve_model(model))
