"""What a few more seats in one workshop would change, computed exactly.

For each workshop the problem is solved again with ``extra`` more seats there (same
objective, options and rules) and the people per rank received are compared with the
result.  Each re-solve is a full, proven-optimal solve, so the figures are exact; for
problems that need the MIP, re-solving every workshop can take a while, which is why
the command line can switch it off.  The table reaches the Summary sheet through
``Result.to_excel(..., what_if=(extra, table))``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from workshop_assign.core.result import Backend
from workshop_assign.core.rules import LARGEST
from workshop_assign.errors import InfeasibleError, InputError
from workshop_assign.solver import prepare, solve_model, solve_with
from workshop_assign.solver.objectives import objective_value

if TYPE_CHECKING:
    from workshop_assign.core.result import Result


def what_if(result: Result, extra: int = 5) -> pd.DataFrame:
    """Per workshop: the change in people per rank and unassigned with ``extra`` seats.

    Columns ``rank 1``, ``rank 2``, ... and ``unassigned`` hold differences to the
    result (positive: more people); ``feasible`` is False where even then the rules
    cannot hold.  Results of the min-cost flow are re-solved over their classes only
    (milliseconds each); others by a full solve.

    Examples
    --------
    >>> import workshop_assign as wa
    >>> problem = wa.Problem.from_preferences(
    ...     {"ana@x.example": ["A"], "ben@x.example": ["A"]}, capacities={"A": 1}
    ... )
    >>> int(wa.what_if(wa.solve(problem), 1).loc["A", "unassigned"])  # one fewer left out
    -1
    """
    if isinstance(extra, bool) or not isinstance(extra, int) or not 0 <= extra <= LARGEST:
        raise InputError(f"extra seats must be a whole number from 0 to {LARGEST:,}, not {extra!r}")
    flow_only = result.backend is Backend.FLOW and not result.options.fill_unranked
    changes = _flow_changes(result, extra) if flow_only else _full_changes(result, extra)
    return pd.DataFrame(changes).set_index("workshop")


def _full_changes(result: Result, extra: int) -> list[dict[str, object]]:
    problem, options = result.problem, result.options
    rows: list[dict[str, object]] = []
    for index, workshop in enumerate(problem.workshops):
        bigger = list(problem.workshops)
        bigger[index] = replace(workshop, capacity=workshop.capacity + extra)
        try:
            other = solve_with(replace(problem, workshops=tuple(bigger)), options)
        except InfeasibleError:
            rows.append({"workshop": workshop.name, "feasible": False})
            continue
        counts = [other.rank_counts.get(r, 0) for r in result.rank_counts]
        rows.append(_row(result, workshop.name, counts, other.places_short))
    return rows


def _flow_changes(result: Result, extra: int) -> list[dict[str, object]]:
    """Re-solve only the class-level flow; people with fixed places stay constant.

    A workshop with free seats is skipped: its arc to the sink is not saturated, so more
    capacity adds no cycle to the residual network and the optimum stays optimal.
    """
    problem, options = result.problem, result.options
    model = prepare(problem, options)
    arcs, seats = model.arcs, model.seats_left
    base = solve_model(model).flows
    base_counts = np.bincount(arcs.rank, weights=base, minlength=problem.max_rank)
    full = result.statistics()["free"].to_numpy() == 0
    rows: list[dict[str, object]] = []
    for index, workshop in enumerate(problem.workshops):
        if not full[index]:  # its seats were not all used: more cannot change an optimum
            rows.append(
                _row(result, workshop.name, list(result.rank_counts.values()), result.places_short)
            )
            continue
        more = seats.copy()
        more[index] += extra
        flows = solve_model(replace(model, fixed_load=problem.capacities - more)).flows
        delta = np.bincount(arcs.rank, weights=flows, minlength=problem.max_rank) - base_counts
        counts = [result.rank_counts[r] + int(delta[r - 1]) for r in result.rank_counts]
        placed = int(flows.sum() - base.sum())
        rows.append(_row(result, workshop.name, counts, result.places_short - placed))
    return rows


def _row(result: Result, name: str, counts: list[int], unassigned: int) -> dict[str, object]:
    row: dict[str, object] = {"workshop": name, "feasible": True}
    for rank, count in zip(result.rank_counts, counts, strict=True):
        row[f"rank {rank}"] = count - result.rank_counts[rank]
    row["unassigned"] = unassigned - result.places_short  # places short, with time slots
    row["objective"] = objective_value(result.options, counts, unassigned, result.problem)
    return row
