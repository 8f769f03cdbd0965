"""Solver options are validated before any work, with one clear message each."""

from __future__ import annotations

import pytest

import workshop_assign as wa


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"objective": "fastest"}, "unknown objective 'fastest'; choose one of rank-sum"),
        ({"rank_costs": ()}, "rank_costs is empty"),
        (
            {"rank_costs": (0, -1)},
            "each rank cost must be a whole number from 0 to 1,000,000,000, not -1",
        ),
        ({"rank_costs": (0, 1.5)}, "not 1.5"),
        ({"unassigned_cost": -3}, "unassigned cost must be a whole number from 0 to 1,000,000,000"),
        ({"objective": "fair", "rank_costs": (0, 1)}, "rank-sum objective only, not to fair"),
        ({"objective": "rank-maximal", "unassigned_cost": 4}, "not to rank-maximal"),
        ({"seed": -1}, "seed must be a whole number >= 0"),
    ],
)
def test_invalid_options(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(wa.InputError, match=message):
        wa.SolveOptions.create(**kwargs)  # type: ignore[arg-type]


def test_unknown_settings_are_a_type_error_as_for_any_function() -> None:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1})
    with pytest.raises(TypeError, match="unexpected keyword argument 'objectiv'"):
        wa.solve(problem, objectiv="fair")  # type: ignore[call-arg]


def test_valid_options_are_normalised() -> None:
    options = wa.SolveOptions.create(objective="fair", seed=3)
    assert options.objective is wa.Objective.FAIR
    assert options.seed == 3
    costs = wa.SolveOptions.create(rank_costs=[0, 2.0, 5], unassigned_cost=9)
    assert costs.rank_costs == (0, 2, 5)
    assert costs.costs_for(2) == (0, 2)


def test_too_few_rank_costs_for_the_longest_list() -> None:
    problem = wa.Problem.from_preferences(
        {"a@x.example": ["A", "B", "C"]}, capacities={"A": 1, "B": 1, "C": 1}
    )
    with pytest.raises(wa.InputError, match="2 rank costs given, but attendees rank up to 3"):
        wa.solve(problem, rank_costs=(0, 1))


def test_settings_give_back_the_options() -> None:
    rules = wa.Rules(spread=(wa.Spread("Organisation", max_count=2),), groups="soft")
    options = wa.SolveOptions.create(
        objective="rank-sum", rank_costs=(0, 2, 5), seed=3, rules=rules
    )
    assert wa.SolveOptions.create(**options.settings()) == options
