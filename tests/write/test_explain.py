"""Explanations are true statements about the result and the input, with numbers that hold."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import workshop_assign as wa
from workshop_assign import synthetic


def test_the_sentences_of_a_small_event() -> None:
    prefs = {f"a{i}@x.example": ["Zwillinge", "Mobilität"] for i in range(3)}
    prefs |= {"b@x.example": ["Zwillinge", "Teilhabe", "Mobilität"], "c@x.example": []}
    problem = wa.Problem.from_preferences(
        prefs, capacities={"Zwillinge": 2, "Mobilität": 1, "Teilhabe": 0}
    )
    result = wa.solve(problem)
    assert result.explain("a0@x.example") is None  # first choice
    assert result.explain("a2@x.example") == (
        "2nd choice: Zwillinge had 4 first choices for 2 seats"
    )
    assert result.explain("b@x.example") == (
        "not placed: Zwillinge had 4 first choices for 2 seats; Teilhabe had 0 first choices "
        "for 0 seats; Mobilität was full (1 seat)"
    )
    assert result.explain("c@x.example") == "you ranked no workshop"
    assert result.explain("a2@x.example", "de") == (
        "2. Wunsch: Zwillinge hatte 4 Erstwünsche für 2 Plätze"
    )
    with pytest.raises(wa.InputError, match="not an attendee"):
        result.explain("nobody@x.example")


def test_quoted_numbers_hold_on_a_synthetic_event() -> None:
    event = synthetic.generate(3000, 8, seed=31, capacity_factor=0.95)
    problem = event.to_problem()
    result = wa.solve(problem, objective="fair")
    demand = problem.demand_by_rank()[1]
    stats = result.statistics()
    texts = result.explanations()
    frame = result.to_frame().set_index("attendee")
    checked = 0
    for key, text in texts.items():
        rank = frame.loc[key, "rank"]
        if pd.isna(rank):
            assert text.startswith("not placed: ")
            continue
        if rank == 1:
            assert text is None
            continue
        assert text.startswith({2: "2nd", 3: "3rd"}[int(rank)] + " choice: ")
        pattern = r"(Workshop \d+) had (\d+) first choices? for (\d+) seats?"
        for name, first, seats in re.findall(pattern, text):
            assert int(first) == demand[name] and int(seats) == event.capacities[name]
            assert stats.loc[name, "free"] == 0
            checked += 1
        for name, seats in re.findall(r"(Workshop \d+) was full \((\d+) seats?\)", text):
            assert int(seats) == event.capacities[name] and stats.loc[name, "free"] == 0
            checked += 1
    assert checked > 100


def test_explanations_reach_the_assignment_sheet(tmp_path: pytest.TempPathFactory) -> None:
    prefs = {f"a{i}@x.example": ["A", "B"] for i in range(3)}
    result = wa.solve(wa.Problem.from_preferences(prefs, capacities={"A": 1, "B": 2}))
    table = pd.read_csv(result.to_csv(tmp_path / "r.csv"))  # type: ignore[operator]
    assert table["Explanation"].tolist()[1:] == ["2nd choice: A had 3 first choices for 1 seat"] * 2


def test_the_rule_that_held_someone_out_is_named_with_its_numbers() -> None:
    wishes = {f"p{i}@x.example": ["W1", "W2"] for i in range(3)}
    attributes = pd.DataFrame({"Organisation": ["Stadt A", "Stadt A", "Stadt A"]})
    problem = wa.Problem.from_preferences(
        wishes, capacities={"W1": 5, "W2": 5}, attributes=attributes
    )
    rules = wa.Rules(spread=(wa.Spread("Organisation", max_count=2),))
    result = wa.solve(problem, rules=rules)
    said = result.explanations("de")
    moved = [s for s in said if s]
    assert moved == [
        "2. Wunsch: W1 hatte schon 2 Personen aus Stadt A (höchstens 2 je Organisation)"
    ]
    english = [s for s in result.explanations("en") if s]
    assert english == [
        "2nd choice: W1 already had 2 people from Stadt A (at most 2 per Organisation)"
    ]


def test_a_group_that_does_not_fit_is_named() -> None:
    wishes = {"a@x.example": ["W1", "W2"], "b@x.example": ["W1", "W2"], "c@x.example": ["W1"]}
    problem = wa.Problem.from_preferences(wishes, capacities={"W1": 2, "W2": 3})
    problem = problem.with_rules(groups={"a@x.example": "g", "b@x.example": "g"})
    result = wa.solve(problem, rules=wa.Rules(groups="hard"), objective="rank-maximal")
    said = result.explanations("en").tolist()
    assert said == ["2nd choice: W1 had no room for your whole group"] * 2 + [None]
