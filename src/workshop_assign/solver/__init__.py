"""``solve``: from a Problem to a proven-optimal Result.

The steps: validate the options, group attendees into classes, build the objective's
cost levels, solve the class-level transportation problem with min-cost flow, expand the
class solution to people, optionally fill free seats, and check the result before
handing it out.
"""

from __future__ import annotations

from typing import Unpack

import numpy as np

from workshop_assign.errors import InfeasibleError, InputError, SolverError, UnsupportedRulesError
from workshop_assign.model import Problem
from workshop_assign.options import SolveOptions, SolveSettings
from workshop_assign.result import Reason, Result, Status
from workshop_assign.solver.classes import AttendeeClasses, build_classes
from workshop_assign.solver.expand import Outcome, expand, fill_free_seats, priority_order
from workshop_assign.solver.flow import ClassArcs, class_arcs, solve_class_flow
from workshop_assign.solver.infeasible import explain_shortfall
from workshop_assign.solver.objectives import cost_levels, objective_value

__all__ = ["solve"]


def solve(problem: Problem, **settings: Unpack[SolveSettings]) -> Result:
    """Assign attendees to workshops optimally; the problem is not modified.

    Args:
        problem: workshops and attendees with ranked wishes.
        objective: ``"rank-sum"`` (default), ``"rank-maximal"`` or ``"fair"``; see
            ``Objective``.  Every objective first places as many people as possible,
            except ``rank-sum`` with an explicit ``unassigned_cost``.
        rank_costs: ``rank-sum`` only: cost of a 1st, 2nd, ... choice (default 0, 1, 2...).
        unassigned_cost: ``rank-sum`` only: cost of leaving one person out.
        require_all: raise ``InfeasibleError`` (saying why, in numbers) rather than
            leave anyone out.
        fill_unranked: as a last resort, seat people left out in free seats of
            workshops they did not rank.
        seed: break ties between interchangeable people by a seeded shuffle instead of
            input order (earlier rows first).

    Raises:
        InputError: an option is invalid.
        UnsupportedRulesError: the problem asks for rules this solver cannot apply.
        InfeasibleError: ``require_all`` and someone cannot be placed.
    """
    options = SolveOptions.create(**settings)
    _reject_unsupported(problem, options)
    classes = build_classes(problem)
    arcs = class_arcs(classes)
    levels = cost_levels(options, arcs.rank, len(classes), problem.max_rank)
    capacities = problem.capacities
    flows = solve_class_flow(classes, arcs, capacities, levels)
    if options.require_all:
        _require_everyone(classes, arcs, flows, problem, options)
    rank_counts = np.bincount(arcs.rank, weights=flows, minlength=problem.max_rank)
    n_left_out = int(classes.sizes.sum() - flows.sum())
    value = objective_value(options, [int(n) for n in rank_counts], n_left_out, problem.max_rank)
    priority = priority_order(len(problem.keys), options.seed)
    outcome = expand(classes, arcs, flows, priority)
    reasons = _reasons(problem, outcome, classes)
    if options.fill_unranked:
        reasons[fill_free_seats(outcome, capacities, priority)] = Reason.UNRANKED_FILL
    result = Result(
        problem,
        options,
        Status.OPTIMAL,
        value,
        outcome.workshop_of,
        outcome.rank_of,
        reasons,
        len(classes),
    )
    violations = result.check()
    if violations:
        raise SolverError(
            "internal error, the result breaks a constraint: " + "; ".join(violations)
        )
    return result


def _reject_unsupported(problem: Problem, options: SolveOptions) -> None:
    """Refuse what this solver cannot honour, rather than silently ignore it."""
    minimums = [w.name for w in problem.workshops if w.minimum]
    if minimums:
        raise UnsupportedRulesError(
            f"minimum sizes (set for {', '.join(repr(n) for n in minimums[:3])}) are not "
            "supported by the min-cost flow solver; remove them to solve without"
        )
    if options.fill_unranked and options.unassigned_cost is not None:
        raise InputError(
            "fill_unranked seats everyone it can, so it cannot be combined "
            "with an unassigned cost; choose one"
        )


def _require_everyone(
    classes: AttendeeClasses,
    arcs: ClassArcs,
    flows: np.ndarray,
    problem: Problem,
    options: SolveOptions,
) -> None:
    """Raise ``InfeasibleError`` with reasons in numbers if anyone would be left out."""
    people, placed = int(classes.sizes.sum()), int(flows.sum())
    seats = int(problem.capacities.sum())
    if placed == people or (options.fill_unranked and people <= seats):
        return
    raise InfeasibleError(
        explain_shortfall(
            classes,
            arcs,
            flows,
            problem.capacities,
            names=problem.workshop_names,
            fill_unranked=options.fill_unranked,
        )
    )


def _reasons(problem: Problem, outcome: Outcome, classes: AttendeeClasses) -> np.ndarray:
    """Why each person left out is left out: no wishes, all ranked full, or the cost."""
    reasons = np.zeros(len(outcome.workshop_of), dtype=np.int8)
    left_out = outcome.workshop_of < 0
    if not left_out.any():
        return reasons
    load = np.bincount(outcome.workshop_of[~left_out], minlength=len(problem.workshops))
    full = load >= problem.capacities
    class_reason = np.array(
        [
            Reason.NO_WISHES
            if not wishes
            else Reason.RANKED_FULL
            if full[list(wishes)].all()
            else Reason.COST
            for wishes in classes.wishes
        ],
        dtype=np.int8,
    )
    reasons[left_out] = class_reason[classes.class_of[left_out]]
    return reasons
