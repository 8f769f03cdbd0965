"""The independent checker catches every kind of broken assignment."""

from __future__ import annotations

import numpy as np
import pytest

import workshop_assign as wa
import workshop_assign.solver.pipeline as solver_module
from workshop_assign.core.checks import check_result
from workshop_assign.solver.expand import Outcome

PROBLEM = wa.Problem.from_preferences(
    {"a@x.example": ["A", "B"], "b@x.example": ["A"], "c@x.example": []},
    capacities={"A": 1, "B": 1},
)


def check(workshops: list[int], ranks: list[int], fill: bool = False) -> list[str]:
    return check_result(
        PROBLEM, np.array(workshops, np.int32), np.array(ranks, np.int16), fill_unranked=fill
    )


def test_a_valid_assignment_passes() -> None:
    assert check([1, 0, -1], [2, 1, 0]) == []


@pytest.mark.parametrize(
    ("workshops", "ranks", "message"),
    [
        ([0, 0, -1], [1, 1, 0], "'A' holds 2 people for 1 seats"),
        ([1, 0, -1], [1, 1, 0], "1 stated ranks are wrong (first: attendee 'a@x.example')"),
        (
            [1, 0, 1],
            [2, 1, 0],
            "sit in a workshop they did not rank (first: attendee 'c@x.example')",
        ),
        ([1, 0], [2, 1], "expected one outcome per attendee (3), got 2"),
        ([1, 0, 5], [2, 1, 0], "out of range"),
    ],
)
def test_violations_are_named(workshops: list[int], ranks: list[int], message: str) -> None:
    found = check(workshops, ranks)
    assert any(message in text for text in found), found


def test_unranked_seats_are_allowed_only_when_asked() -> None:
    problem = wa.Problem.from_preferences(
        {"a@x.example": ["A"], "c@x.example": []}, capacities={"A": 1, "B": 1}
    )
    placed = (np.array([0, 1], np.int32), np.array([1, 0], np.int16))
    assert check_result(problem, *placed, fill_unranked=True) == []
    assert check_result(problem, *placed, fill_unranked=False) != []


def test_solver_results_are_checked_before_they_are_returned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A broken expansion must surface as SolverError, never as a silently wrong result."""

    def broken(*_: object) -> Outcome:
        return Outcome(np.zeros(3, np.int32), np.ones(3, np.int16))

    monkeypatch.setattr(solver_module, "expand", broken)
    with pytest.raises(wa.SolverError, match="breaks a rule"):
        wa.solve(PROBLEM)
