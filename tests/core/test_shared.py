"""Shared capacities: seats several workshops share (a supervisor's projects, a teacher's
courses, a hall split in two): nested pools on the flow and overlapping ones on the MIP,
checked and explained.  Their optimality against brute force, with every rule and
objective, is in ``test_rules`` (the rule mix "shared seats")."""

from __future__ import annotations

import numpy as np
import pytest

import workshop_assign as wa
from workshop_assign.core.checks import check_result


def supervisor() -> tuple[wa.Problem, wa.Rules]:
    """Prof. Quist offers three projects of 2 seats but takes 3 students in all."""
    prefs = {f"s{i}@uni.example": ["P1", "P2", "Q"] for i in range(5)}
    problem = wa.Problem.from_preferences(prefs, capacities={"P1": 2, "P2": 2, "P3": 2, "Q": 5})
    pool = wa.SharedCapacity("Prof. Quist", ["P1", "P2", "P3"], 3)
    return problem, wa.Rules(shared_capacities=(pool,))


def held(result: wa.Result) -> dict[str, int]:
    """People per workshop that holds anyone."""
    counts = result.to_frame()["workshop"].value_counts()
    return {str(k): int(v) for k, v in counts.items() if v}


def test_the_supervisor_takes_three_and_the_others_go_on() -> None:
    problem, rules = supervisor()
    result = wa.solve(problem, rules=rules)
    assert held(result) == {"P1": 2, "P2": 1, "Q": 2}
    assert result.backend is wa.Backend.FLOW and result.proven_optimal
    assert held(wa.solve(problem)) == {
        "P1": 2,
        "P2": 2,
        "Q": 1,
    }


def test_the_reason_names_the_shared_seats() -> None:
    problem, rules = supervisor()
    result = wa.solve(problem, rules=rules)
    in_q = result.to_frame().query("workshop == 'Q'").index[0]
    sentence = result.explanations().iloc[in_q]
    assert "P2: the shared seats of Prof. Quist (3 seats) were all taken" in sentence
    german = result.explanations(lang="de").iloc[in_q]
    assert "P2: die gemeinsamen Plätze von Prof. Quist (3 Plätze) waren alle vergeben" in german


def test_overlapping_pools_go_to_the_mip_and_hold() -> None:
    prefs = {f"p{i}@x.example": ["A", "B", "C"] for i in range(6)}
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 4, "B": 4, "C": 4})
    rules = wa.Rules(
        shared_capacities=(
            wa.SharedCapacity("Halle", ["A", "B"], 3),
            wa.SharedCapacity("Team", ["B", "C"], 2),
        )
    )
    result = wa.solve(problem, rules=rules)
    assert result.backend is wa.Backend.MIP and result.proven_optimal
    load = result.to_frame()["workshop"].value_counts()
    assert load.get("A", 0) + load.get("B", 0) <= 3 and load.get("B", 0) + load.get("C", 0) <= 2
    assert result.n_unassigned == 1  # 3 + 2 seats, and B counts in both


def test_the_checker_finds_a_pool_over_its_seats() -> None:
    problem, rules = supervisor()
    everyone_in_projects = np.array([0, 0, 1, 1, 2], dtype=np.int32)
    found = check_result(
        problem, everyone_in_projects, np.array([1, 1, 2, 2, 0]), fill_unranked=True, rules=rules
    )
    assert (
        "the workshops sharing 'Prof. Quist' hold 5 people, more than their 3 shared seats" in found
    )


def test_a_pool_naming_an_unknown_workshop_or_overfull_with_fixed_places_is_refused() -> None:
    problem, _ = supervisor()
    unknown = wa.Rules(shared_capacities=(wa.SharedCapacity("Quist", ["P1", "P9"], 3),))
    with pytest.raises(wa.InputError, match="'Quist' name 'P9', which is not a workshop"):
        wa.solve(problem, rules=unknown)
    fixed = problem.with_rules(fixed={f"s{i}@uni.example": "P1" for i in range(2)})
    small = wa.Rules(shared_capacities=(wa.SharedCapacity("Quist", ["P1", "P2"], 1),))
    with pytest.raises(wa.InfeasibleError, match="2 people are fixed to the workshops sharing"):
        wa.solve(fixed, rules=small)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " ", "workshops": ["A"], "seats": 1}, "needs a name"),
        ({"name": "Q", "workshops": [], "seats": 1}, "names no workshop"),
        ({"name": "Q", "workshops": "A, B", "seats": 1}, "are one text"),
        ({"name": "Q", "workshops": ["A"], "seats": -1}, "from 0 to"),
        ({"name": "Q", "workshops": ["A"], "seats": 2.5}, "whole number"),
    ],
)
def test_a_shared_capacity_is_checked_when_made(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(wa.InputError, match=message):
        wa.SharedCapacity(**kwargs)  # type: ignore[arg-type]


def test_a_pool_given_twice_is_refused() -> None:
    pool = wa.SharedCapacity("Q", ["A"], 1)
    with pytest.raises(wa.InputError, match="given twice"):
        wa.Rules(shared_capacities=(pool, pool))


def test_a_seat_freed_under_a_full_pool_has_a_waitlist() -> None:
    """P2 has a free seat of its own, but the supervisor's three are taken: a seat freed
    there frees one of the three too, and someone from Q moves up."""
    problem, rules = supervisor()
    result = wa.solve(problem, rules=rules)
    assert "P2" in wa.waitlists(result, 1)["freed"].tolist()
    table = wa.waitlist(result, "P2", 1)
    assert table["from"].tolist() == ["Q"] and table["rank"].tolist() == [2]


def test_shared_capacities_survive_the_hidden_record() -> None:
    _, rules = supervisor()
    options = wa.SolveOptions.create(rules=rules)
    assert wa.SolveOptions.from_json(options.to_json()) == options
