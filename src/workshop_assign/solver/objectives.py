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

from workshop_assign.core.model import Problem
from workshop_assign.core.options import Objective, SolveOptions
from workshop_assign.errors import InputError

Costs = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class CostLevels:
    """Lexicographic cost levels: ``arc[i]`` and ``unassigned[i]`` belong together.

    ``unassigned`` is ``None`` when the objective places as many people as possible
    first (a maximum flow); otherwise leaving a person out has the given cost per level.
    """

    arc: tuple[Costs, ...]
    unassigned: tuple[Costs, ...] | None


@dataclass(frozen=True, slots=True)
class Tiers:
    """Priority tiers over the model: each arc's tier and each class's (0: none given)."""

    arc: Costs
    cls: npt.NDArray[np.int32]

    def order(self) -> list[int]:
        """The tiers in the order they are served: 1, 2, ..., then those without one."""
        given = sorted(int(t) for t in np.unique(self.cls) if t > 0)
        return given + ([0] if (self.cls == 0).any() else [])


def tiers_of(tier: npt.NDArray[np.int32] | None, arc_class: Costs) -> Tiers | None:
    """The priority tiers of a model from its classes' tiers (``None`` when nobody has
    one) and each arc's class."""
    return None if tier is None else Tiers(tier[arc_class].astype(np.int64), tier)


def cost_levels(
    options: SolveOptions,
    arc_rank: Costs,
    n_classes: int,
    problem: Problem,
    *,
    tiers: Tiers | None = None,
) -> CostLevels:
    """The levels of the chosen objective for arcs of the given 0-based ranks.

    With priority ``tiers`` the levels are those of tier 1 (its people left out, then
    the objective over its places), then tier 2's, and so on: lexicographic, exact.

    Seats nobody ranked (``fill_unranked``: arcs of rank ``UNRANKED``) come after every
    ranked one: the first level counts them (fewest people in a seat they did not rank,
    once as many as possible are placed), and the objective's levels see them as free,
    so the objective is that of the ranked places, as without the fill.
    """
    if tiers is None:
        return _plain_levels(options, arc_rank, n_classes, problem)
    zero_arcs = np.zeros(len(arc_rank), dtype=np.int64)
    pairs = []
    for left_out, objective in tier_levels(options, arc_rank, problem, tiers):
        if left_out is not None:  # placing comes first in each tier
            pairs.append((zero_arcs, left_out))
        pairs += objective
    return CostLevels(tuple(a for a, _ in pairs), tuple(u for _, u in pairs))


TierLevels = tuple[Costs | None, list[tuple[Costs, Costs]]]


def tier_levels(
    options: SolveOptions, arc_rank: Costs, problem: Problem, tiers: Tiers
) -> list[TierLevels]:
    """Per tier in order: who of it is left out (per class; ``None`` when leaving people
    out has its own cost), and the objective's levels over its arcs with the cost of
    leaving its people out (zero unless there is such a cost)."""
    plain = _plain_levels(options, arc_rank, len(tiers.cls), problem)
    zero_classes = np.zeros(len(tiers.cls), dtype=np.int64)
    unassigned = plain.unassigned or (zero_classes,) * len(plain.arc)
    found: list[TierLevels] = []
    for tier in tiers.order():
        on_arc, of_class = tiers.arc == tier, tiers.cls == tier
        left_out = of_class.astype(np.int64) if plain.unassigned is None else None
        objective = [
            (np.where(on_arc, level, 0), np.where(of_class, cost, 0))
            for level, cost in zip(plain.arc, unassigned, strict=True)
        ]
        found.append((left_out, objective))
    return found


def _plain_levels(
    options: SolveOptions, arc_rank: Costs, n_classes: int, problem: Problem
) -> CostLevels:
    """The levels without priority tiers."""
    max_rank = problem.max_rank
    if options.fill_unranked:
        unranked = arc_rank >= max_rank
        if max_rank == 0:  # nobody ranked anything: every seat is a filled one
            return CostLevels((unranked.astype(np.int64),), None)
        inner = _objective_levels(options, np.where(unranked, 0, arc_rank), n_classes, problem)
        masked = tuple(np.where(unranked, 0, level) for level in inner.arc)
        return CostLevels((unranked.astype(np.int64), *masked), None)
    return _objective_levels(options, arc_rank, n_classes, problem)


def _objective_levels(
    options: SolveOptions, arc_rank: Costs, n_classes: int, problem: Problem
) -> CostLevels:
    max_rank = problem.max_rank
    if options.objective in SUMS:
        costs = np.asarray(rank_costs(options, problem), dtype=np.int64)
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


SUMS = (Objective.RANK_SUM, Objective.RATING_SUM)


def rank_costs(options: SolveOptions, problem: Problem) -> tuple[int, ...]:
    """What a place at each rank costs: the rank costs (rank-sum), or minus the value of
    each rating (rating-sum: the least cost is the largest sum of ratings)."""
    if options.objective is Objective.RATING_SUM:
        if problem.scale is None:
            raise InputError(
                "the rating-sum objective adds up ratings; these wishes are ranks (read "
                "ratings with Problem.from_ratings or a rating grid), or choose rank-sum"
            )
        return tuple(-v for v in problem.scale.values)
    return options.costs_for(problem.max_rank)


def objective_value(
    options: SolveOptions, rank_counts: list[int], n_unassigned: int, problem: Problem
) -> int | tuple[int, ...]:
    """The optimised value: a total cost for rank-sum, the sum of ratings for
    rating-sum, counts per rank otherwise.

    ``rank_counts[r]`` is the number of people placed at 0-based rank r.  rank-maximal
    reports (1st, 2nd, ...) counts (maximised in that order); fair reports them worst
    first (minimised in that order).
    """
    if options.objective in SUMS:
        costs = rank_costs(options, problem)
        total = sum(c * n for c, n in zip(costs, rank_counts, strict=False))
        if options.unassigned_cost is not None:
            total += options.unassigned_cost * n_unassigned
        return -int(total) if options.objective is Objective.RATING_SUM else int(total)
    if options.objective is Objective.RANK_MAXIMAL:
        return tuple(rank_counts)
    return tuple(reversed(rank_counts))
