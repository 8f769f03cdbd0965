"""The solver's optimum equals independent references, for every objective.

Tiny random problems (hypothesis) are checked against brute force over all assignments,
including infeasible and tie-heavy cases; mid-size ones against CP-SAT with one variable
per attendee and against scipy's assignment solver over individual seats.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import workshop_assign as wa
from reference import assignment_lp, brute_force, cp_sat, objective_key
from strategies import Spec, specs
from workshop_assign import synthetic
from workshop_assign.solver import classes as classes_module
from workshop_assign.solver import flow as flow_module
from workshop_assign.solver.objectives import cost_levels

OBJECTIVES = ["rank-sum", "rank-maximal", "fair"]


def solved_key(spec: Spec, objective: str, **options: object) -> tuple[int, ...]:
    """Solve with the library, check the result, and compute its key independently."""
    problem = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    result = wa.solve(problem, objective=objective, **options)  # type: ignore[arg-type]
    assert result.check() == []
    assert result.proven_optimal
    ranks = [int(r) for r in result.rank_of]
    costs = {k: v for k, v in options.items() if k in ("rank_costs", "unassigned_cost")}
    return objective_key(objective, ranks, problem.max_rank, **costs)  # type: ignore[arg-type]


@pytest.mark.parametrize("objective", OBJECTIVES)
@given(spec=specs())
def test_matches_brute_force(objective: str, spec: Spec) -> None:
    assert solved_key(spec, objective) == brute_force(spec.wishes, spec.capacities, objective)


@given(
    spec=specs(),
    costs=st.lists(st.integers(0, 9), min_size=3, max_size=3),
    unassigned=st.integers(0, 12),
)
def test_rank_sum_with_costs_matches_brute_force(
    spec: Spec, costs: list[int], unassigned: int
) -> None:
    options = {"rank_costs": tuple(costs), "unassigned_cost": unassigned}
    expected = brute_force(spec.wishes, spec.capacities, "rank-sum", **options)
    assert solved_key(spec, "rank-sum", **options) == expected


@given(spec=specs(), costs=st.lists(st.integers(0, 9), min_size=3, max_size=3))
def test_rank_sum_with_rank_costs_only_places_most_people_first(
    spec: Spec, costs: list[int]
) -> None:
    options = {"rank_costs": tuple(costs)}
    expected = brute_force(spec.wishes, spec.capacities, "rank-sum", **options)
    assert solved_key(spec, "rank-sum", **options) == expected


@pytest.mark.parametrize("objective", OBJECTIVES)
@given(spec=specs())
def test_require_all_raises_exactly_when_someone_must_be_left_out(
    objective: str, spec: Spec
) -> None:
    best = brute_force(spec.wishes, spec.capacities, objective)
    problem = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    if -best[0] < len(spec.wishes):
        with pytest.raises(wa.InfeasibleError) as caught:
            wa.solve(problem, objective=objective, require_all=True)
        assert caught.value.reasons  # says why, never an empty explanation
    else:
        result = wa.solve(problem, objective=objective, require_all=True)
        assert result.n_unassigned == 0


@pytest.mark.parametrize("objective", OBJECTIVES)
@given(spec=specs())
def test_fill_unranked_keeps_the_ranked_optimum_and_fills_every_free_seat(
    objective: str, spec: Spec
) -> None:
    problem = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    result = wa.solve(problem, objective=objective, fill_unranked=True)
    assert result.check() == []
    ranks = [int(r) for r in result.rank_of]
    assert objective_key(objective, ranks, problem.max_rank) == brute_force(
        spec.wishes, spec.capacities, objective
    )
    placed = len(spec.wishes) - result.n_unassigned
    assert placed == min(len(spec.wishes), sum(spec.capacities))


def mid_size(seed: int, n_people: int, n_ws: int) -> Spec:
    return spec_of(
        synthetic.generate(
            n_people, n_ws, n_ranks=3, seed=seed, capacity_factor=0.9, partial_share=0.2
        )
    )


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matches_cp_sat_over_attendees(objective: str, seed: int) -> None:
    spec = mid_size(seed, n_people=120, n_ws=6)
    assert solved_key(spec, objective) == cp_sat(spec.wishes, spec.capacities, objective)


@pytest.mark.parametrize("seed", [4, 5])
def test_rank_sum_matches_assignment_over_seats(seed: int) -> None:
    spec = mid_size(seed, n_people=250, n_ws=8)
    costs = (0, 2, 5)
    assert solved_key(spec, "rank-sum", rank_costs=costs) == assignment_lp(
        spec.wishes, spec.capacities, costs
    )


def spec_of(event: synthetic.SyntheticEvent) -> Spec:
    names = list(event.capacities)
    wishes = tuple(tuple(names.index(w) for w in lst) for lst in event.preferences.values())
    return Spec(tuple(event.capacities.values()), wishes)


@pytest.mark.parametrize("objective", ["rank-maximal", "fair"])
@pytest.mark.parametrize("seed", [6, 7])
def test_one_level_per_stage_matches_cp_sat(objective: str, seed: int) -> None:
    """Solving one level per stage (fixing the optimal face by dual potentials) is exact."""
    event = synthetic.generate(150, 8, n_ranks=6, seed=seed, capacity_factor=0.9)
    problem = event.to_problem()
    options = wa.SolveOptions.create(objective=objective)
    cls = classes_module.build_classes(problem)
    arcs = flow_module.class_arcs(cls)
    levels = cost_levels(options, arcs.rank, len(cls), problem)
    assert len(levels.arc) == 5
    flows = flow_module.solve_class_flow(
        cls, arcs, problem.capacities, levels, max_levels_per_stage=1
    )
    counts = np.bincount(arcs.rank, weights=flows, minlength=6).astype(int).tolist()
    ranks = [r + 1 for r, n in enumerate(counts) for _ in range(n)]
    ranks += [0] * (len(problem.keys) - len(ranks))
    spec = spec_of(event)
    assert objective_key(objective, ranks, 6) == cp_sat(spec.wishes, spec.capacities, objective)


@pytest.mark.parametrize("objective", ["rank-maximal", "fair"])
def test_full_rankings_of_many_workshops_are_solved_exactly(objective: str) -> None:
    """19 lexicographic levels do not fit one 64-bit weighted cost: solve() stages them."""
    event = synthetic.generate(100, 20, n_ranks=20, seed=8, capacity_factor=0.95)
    problem = event.to_problem()
    cls = classes_module.build_classes(problem)
    arcs = flow_module.class_arcs(cls)
    levels = cost_levels(wa.SolveOptions.create(objective=objective), arcs.rank, len(cls), problem)
    net = flow_module._build_network(cls, arcs, problem.capacities, levels)
    assert flow_module._fitting_levels(net.levels, net) < len(net.levels)
    spec = spec_of(event)
    assert solved_key(spec, objective) == cp_sat(spec.wishes, spec.capacities, objective)
