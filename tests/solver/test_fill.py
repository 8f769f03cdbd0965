"""fill_unranked as an exact last resort: seats nobody ranked count towards "as many
people placed as possible", never a seat a person is excluded from; ``require_all`` and
the independent checker agree with it (the greedy fill it replaces missed seats)."""

from __future__ import annotations

import numpy as np
import pytest

import workshop_assign as wa
from workshop_assign.core.checks import check_result


def excluded_problem() -> wa.Problem:
    """Seats X:1, Y:1; both ranked only X, and p2 may not go to Y."""
    problem = wa.Problem.from_preferences(
        {"p1@x.example": ["X"], "p2@x.example": ["X"]}, capacities={"X": 1, "Y": 1}
    )
    return problem.with_rules(exclude={"p2@x.example": ["Y"]})


@pytest.mark.parametrize("objective", ["rank-sum", "rank-maximal", "fair"])
@pytest.mark.parametrize("backend", ["auto", "mip"])
def test_everyone_who_can_be_seated_is(objective: str, backend: str) -> None:
    result = wa.solve(
        excluded_problem(),
        objective=objective,
        fill_unranked=True,
        require_all=True,
        rules=wa.Rules(backend=backend),
    )
    frame = result.to_frame().set_index("attendee")
    assert frame["workshop"].to_dict() == {"p1@x.example": "Y", "p2@x.example": "X"}
    assert result.n_unassigned == 0 and result.n_unranked == 1
    assert result.check() == []


def test_the_checker_names_a_free_seat_left_open() -> None:
    problem = excluded_problem()
    left_out = np.array([1, -1], dtype=np.int32)  # p1 in Y, p2 out: X stays free
    found = check_result(problem, left_out, np.array([0, 0]), fill_unranked=True)
    assert found == [
        "attendee 'p2@x.example' has no place, though a free seat in 'X' is open to them"
    ]


def test_the_checker_finds_a_chain_of_moves_that_seats_one_more() -> None:
    problem = excluded_problem()
    greedy = np.array([0, -1], dtype=np.int32)  # what the greedy fill did: p1 in X, p2 out
    found = check_result(problem, greedy, np.array([1, 0]), fill_unranked=True)
    assert found == [
        "someone is left out though, with others moved, the free seats of 'Y' could seat them"
    ]
    assert check_result(problem, greedy, np.array([1, 0]), fill_unranked=False) == []


def test_a_group_that_must_stay_together_is_not_a_free_seat_certificate() -> None:
    prefs = {"a@x.example": ["X"], "b@x.example": ["X"], "c@x.example": ["X"]}
    problem = wa.Problem.from_preferences(prefs, capacities={"X": 1, "Y": 1})
    problem = problem.with_rules(groups={"b@x.example": "g", "c@x.example": "g"})
    result = wa.solve(problem, fill_unranked=True)
    assert result.n_unassigned == 2 and result.check() == []
    outcome = np.array([0, -1, -1], dtype=np.int32)  # the pair fits nowhere together
    assert check_result(problem, outcome, np.array([1, 0, 0]), fill_unranked=True) == []


def test_a_fill_short_through_exclusions_is_explained_with_the_seats_to_add() -> None:
    prefs = {"p1@x.example": ["X"], "p2@x.example": ["X"], "p3@x.example": []}
    problem = wa.Problem.from_preferences(prefs, capacities={"X": 1, "Y": 2})
    problem = problem.with_rules(exclude={"p2@x.example": ["Y"], "p3@x.example": ["Y"]})
    with pytest.raises(wa.InfeasibleError) as caught:
        wa.solve(problem, fill_unranked=True, require_all=True)
    text = str(caught.value)
    assert "2 attendees may only be placed in 'X'" in text
    assert text.endswith("more seats, 1 in any of 'X'")
    assert "ranked" not in text


def test_unrated_people_with_group_restrictions_fill_every_workshop() -> None:
    """The Fair Allocation plugin's case: 24 seats, 8 who rated, 16 who did not and may
    each enter only some workshops; all 24 are seated, 8 per workshop."""
    names = ["A", "B", "C"]
    prefs = {f"r{i}@x.example": ["A"] for i in range(8)}
    prefs |= {f"u{i}@x.example": [] for i in range(16)}
    problem = wa.Problem.from_preferences(prefs, capacities=dict.fromkeys(names, 8))
    closed = {f"u{i}@x.example": ["A", "B"] if i < 8 else ["A"] for i in range(16)}
    result = wa.solve(problem.with_rules(exclude=closed), fill_unranked=True)
    counts = result.to_frame()["workshop"].value_counts().to_dict()
    assert counts == {"A": 8, "B": 8, "C": 8}
    assert result.check() == []
