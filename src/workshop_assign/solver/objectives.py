"""Each objective as a list of cost levels over the model's arcs.

An objective is a lexicographic sequence of integer costs ("levels") to minimise, one
after the other, on top of "place as many people as possible".  The flow backend turns
the levels into one weighted cost where the weights fit in 64-bit integers, and solves
in stages where they do not, so every objective stays exact.

Levels are given per class-to-workshop arc (indexed by the arc's 0-based rank) and,
for ``rank-sum`` with an explicit unassigned cost, per class for leaving someone out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workshop_assign.core.options import Objective, SolveOptions

Costs = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class CostLevels:
    """Lexicographic cost levels: ``arc[i]`` and ``unassigned[i]`` belong together.

    ``unassigned`` is ``None`` when the objective places as many people as possible
    first (a maximum flow); otherwise leaving a person out has the given cost per level.
    """

    arc: tuple[Costs, ...]
    unassigned: tuple[Costs, ...] | None


def cost_levels(
    options: SolveOptions, arc_rank: Costs, n_classes: int, max_rank: int
) -> CostLevels:
    """The levels of the chosen objective for arcs of the given 0-based ranks.

    Seats nobody ranked (``fill_unranked``: arcs of rank ``UNRANKED``) come after every
    ranked one: the first level counts them (fewest people in a seat they did not rank,
    once as many as possible are placed), and the objective's levels see them as free,
    so the objective is that of the ranked places, as without the fill.
    """
    if options.fill_unranked:
        unranked = arc_rank >= max_rank
        if max_rank == 0:  # nobody ranked anything: every seat is a filled one
            return CostLevels((unranked.astype(np.int64),), None)
        inner = _objective_levels(options, np.where(unranked, 0, arc_rank), n_classes, max_rank)
        masked = tuple(np.where(unranked, 0, level) for level in inner.arc)
        return CostLevels((unranked.astype(np.int64), *masked), None)
    return _objective_levels(options, arc_rank, n_classes, max_rank)


def _objective_levels(
    options: SolveOptions, arc_rank: Costs, n_classes: int, max_rank: int
) -> CostLevels:
    if options.objective is Objective.RANK_SUM:
        costs = np.asarray(options.costs_for(max_rank), dtype=np.int64)
        arc_costs = costs[arc_rank] if len(arc_rank) else arc_rank.astype(np.int64)
        if options.unassigned_cost is None:
            return CostLevels((arc_costs,), None)
        unassigned = np.full(n_classes, options.unassigned_cost, dtype=np.int64)
        return CostLevels((arc_costs,), (unassigned,))
    if options.objective is Objective.RANK_MAXIMAL:
        # Most 1st choices, then most 1st-or-2nd, ...: fewest people worse than rank r.
        thresholds = range(max_rank - 1)
        return CostLevels(tuple((arc_rank > r).astype(np.int64) for r in thresholds), None)
    # FAIR: fewest at the worst rank, then fewest at that rank or worse one step up, ...
    thresholds = range(max_rank - 1, 0, -1)
    return CostLevels(tuple((arc_rank >= r).astype(np.int64) for r in thresholds), None)


def objective_value(
    options: SolveOptions, rank_counts: list[int], n_unassigned: int, max_rank: int
) -> int | tuple[int, ...]:
    """The optimised value: a total cost for rank-sum, counts per rank otherwise.

    ``rank_counts[r]`` is the number of people placed at 0-based rank r.  rank-maximal
    reports (1st, 2nd, ...) counts (maximised in that order); fair reports them worst
    first (minimised in that order).
    """
    if options.objective is Objective.RANK_SUM:
        costs = options.costs_for(max_rank)
        total = sum(c * n for c, n in zip(costs, rank_counts, strict=False))
        if options.unassigned_cost is not None:
            total += options.unassigned_cost * n_unassigned
        return int(total)
    if options.objective is Objective.RANK_MAXIMAL:
        return tuple(rank_counts)
    return tuple(reversed(rank_counts))
