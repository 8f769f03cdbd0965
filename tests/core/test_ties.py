"""Wishes that tie and ratings: a person's wishes are an ordered list of sets; ratings
are ties by another name, on the scale's levels.  Ratings against brute force under
every objective (rating-sum too) here; ties with every rule in ``test_rules`` (the rule
mix "ties")."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from reference import objective_key
from strategies import OBJECTIVES

SCALE = ["auf keinen Fall", "ungern", "egal", "gern", "sehr gern"]


def ratings_brute_force(
    ratings: list[list[int]], seats: list[int], objective: str
) -> tuple[int, ...]:
    """Every assignment of people to workshops they rated above 0 (or none)."""
    top = max((r for row in ratings for r in row), default=0)
    best: tuple[int, ...] | None = None
    options = [[None, *(w for w, r in enumerate(row) if r > 0)] for row in ratings]
    for choice in itertools.product(*options):
        if any(sum(c == w for c in choice) > n for w, n in enumerate(seats)):
            continue
        got = [ratings[p][c] for p, c in enumerate(choice) if c is not None]
        if objective == "rating-sum":
            key: tuple[int, ...] = (-len(got), -sum(got))
        else:
            ranks = [0 if c is None else top - ratings[p][c] + 1 for p, c in enumerate(choice)]
            key = objective_key(objective, ranks, max(top, 1))
        best = key if best is None or key < best else best
    assert best is not None
    return best


rating_grids = st.integers(1, 3).flatmap(
    lambda n_ws: st.tuples(
        st.lists(st.lists(st.integers(0, 3), min_size=n_ws, max_size=n_ws), max_size=5),
        st.lists(st.integers(0, 3), min_size=n_ws, max_size=n_ws),
    )
)


@pytest.mark.parametrize("objective", ["rating-sum", *OBJECTIVES])
@settings(max_examples=60)
@given(grid=rating_grids)
def test_ratings_match_brute_force(objective: str, grid: tuple[list[list[int]], list[int]]) -> None:
    ratings, seats = grid
    names = [f"W{w}" for w in range(len(seats))]
    table = {f"p{p}@x.example": dict(zip(names, row, strict=True)) for p, row in enumerate(ratings)}
    problem = wa.Problem.from_ratings(table, capacities=dict(zip(names, seats, strict=True)))
    result = wa.solve(problem, objective=objective)
    assert result.check() == [] and result.proven_optimal
    placed = [(p, int(w)) for p, w in enumerate(result.workshop_of) if w >= 0]
    assert all(ratings[p][w] > 0 for p, w in placed)  # never where rated 0
    if objective == "rating-sum":
        key: tuple[int, ...] = (-len(placed), -sum(ratings[p][w] for p, w in placed))
        assert result.objective_value == sum(ratings[p][w] for p, w in placed)
    else:
        top = max((r for row in ratings for r in row), default=0)
        key = objective_key(objective, [int(r) for r in result.rank_of], max(top, 1))
    assert key == ratings_brute_force(ratings, seats, objective)


def test_words_on_a_scale_become_levels_and_never_an_exclusion() -> None:
    table = pd.DataFrame(
        {
            "A": ["sehr gern", "Sehr gern", "gern"],
            "B": ["gern", "sehr gern", ""],
            "C": ["auf keinen Fall", "egal", "ungern"],
        },
        index=["a@x.example", "b@x.example", "c@x.example"],
    )
    problem = wa.Problem.from_ratings(table, scale=SCALE, capacities={"A": 1, "B": 1, "C": 1})
    assert problem.wishes_of(1) == ("A", "B", "C")
    assert problem.wish_ranks[problem.wish_list_of[1]] == (0, 0, 2)  # A and B tie; "egal" is 3rd
    assert problem.wish_ranks[problem.wish_list_of[2]] == (1, 3)  # "gern" is level 2 for all
    assert problem.rules is not None and problem.rules.excluded[0] == frozenset({2})
    result = wa.solve(problem, objective="rating-sum", fill_unranked=True)
    assert result.to_frame().set_index("attendee").loc["a@x.example", "workshop"] != "C"


@pytest.mark.parametrize(
    ("ratings", "scale", "said"),
    [
        ({"a@x.example": {"A": "vielleicht"}}, SCALE, "rated 'A' 'vielleicht', which is not on"),
        ({"a@x.example": {"A": "gern"}}, None, "'gern' is not a whole number >= 0; give the scale"),
        ({"a@x.example": {"A": 1}}, ["x"], "at least two distinct levels"),
    ],
)
def test_ratings_off_the_scale_are_named(
    ratings: dict[str, dict[str, object]], scale: list[str] | None, said: str
) -> None:
    with pytest.raises(wa.InvalidProblemError, match=said):
        wa.Problem.from_ratings(ratings, scale=scale, capacities={"A": 1})


def test_rating_sum_needs_ratings() -> None:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1})
    with pytest.raises(wa.InputError, match="rating-sum objective adds up ratings"):
        wa.solve(problem, objective="rating-sum")


def test_tied_wishes_read_from_python() -> None:
    problem = wa.Problem.from_preferences(
        {"a@x.example": ["A", {"B", "C"}, None, "D"], "b@x.example": ["A", "B", "C", "D"]},
        capacities=dict.fromkeys("ABCD", 1),
    )
    assert problem.wish_ranks[problem.wish_list_of[0]] == (0, 1, 1, 2)
    assert problem.wish_ranks[problem.wish_list_of[1]] == (0, 1, 2, 3)
    assert problem.max_rank == 4
    assert problem.demand_by_rank().loc["C", 2] == 1 and problem.demand_by_rank().loc["C", 3] == 1
