"""Building problems: every constructor, and every validation issue reported at once."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

import numpy as np
import pandas as pd
import pytest

import workshop_assign as wa
from workshop_assign.core import model

CAPS = {"Digitale Zwillinge": 2, "Mobilitätskonzepte": 1, "Teilhabe": 3}


def test_from_preferences_keeps_order_and_groups_identical_lists() -> None:
    problem = wa.Problem.from_preferences(
        {
            "ana@x.example": ["Digitale Zwillinge", "Mobilitätskonzepte"],
            "ben@x.example": ["Teilhabe"],
            "cem@x.example": ["Digitale Zwillinge", "Mobilitätskonzepte"],
        },
        capacities=CAPS,
    )
    assert problem.keys == ("ana@x.example", "ben@x.example", "cem@x.example")
    assert problem.wish_lists == ((0, 1), (2,))
    assert problem.wish_list_of.tolist() == [0, 1, 0]
    assert problem.wishes_of(2) == ("Digitale Zwillinge", "Mobilitätskonzepte")
    assert problem.workshop_names == tuple(CAPS)
    assert problem.capacities.tolist() == [2, 1, 3]
    assert problem.max_rank == 2


def test_blank_wishes_are_skipped_so_later_wishes_move_up() -> None:
    problem = wa.Problem.from_preferences(
        {"a@x.example": ["Teilhabe", None, "", "  ", "Mobilitätskonzepte"], "b@x.example": []},
        capacities=CAPS,
    )
    assert problem.wishes_of(0) == ("Teilhabe", "Mobilitätskonzepte")
    assert problem.wishes_of(1) == ()


def test_from_frame_reads_rank_columns_and_keeps_other_columns() -> None:
    frame = pd.DataFrame(
        {
            "E-Mail": ["a@x.example", "b@x.example"],
            "Name": ["Ana", "Ben"],
            "Erstwunsch": ["Teilhabe", "Mobilitätskonzepte"],
            "Zweitwunsch": [np.nan, "Teilhabe"],
        }
    )
    problem = wa.Problem.from_frame(
        frame, key="E-Mail", wish_columns=["Erstwunsch", "Zweitwunsch"], capacities=CAPS
    )
    assert problem.wishes_of(0) == ("Teilhabe",)
    assert problem.wishes_of(1) == ("Mobilitätskonzepte", "Teilhabe")
    assert problem.attributes is not None
    assert problem.attributes["Name"].tolist() == ["Ana", "Ben"]
    assert problem.attendees[1].attributes == {"Name": "Ben"}


def test_from_frame_names_missing_columns() -> None:
    frame = pd.DataFrame({"E-Mail": ["a@x.example"]})
    with pytest.raises(wa.InvalidProblemError, match="no column 'Erstwunsch'"):
        wa.Problem.from_frame(frame, key="E-Mail", wish_columns=["Erstwunsch"], capacities=CAPS)


def test_from_attendees_round_trips_through_the_attendee_view() -> None:
    people = [
        wa.Attendee("a@x.example", ("Teilhabe",), {"org": "Stadt Halle"}),
        wa.Attendee("b@x.example", ("Digitale Zwillinge", "Teilhabe"), {"org": "Saalekreis"}),
    ]
    problem = wa.Problem.from_attendees(people, capacities=CAPS)
    assert list(problem.attendees) == people
    assert problem.attendees[-1] == people[-1]
    assert problem.attendees[0:1] == people[:1]
    assert len(problem.attendees) == 2


def test_workshops_can_be_given_as_objects_with_minimums() -> None:
    shops = [wa.Workshop("A", 10, minimum=4), wa.Workshop("B", 5)]
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, workshops=shops)
    assert problem.workshops == tuple(shops)
    with_map = wa.Problem.from_preferences(
        {"a@x.example": ["A"]}, capacities={"A": 10, "B": 5}, minimums={"A": 4}
    )
    assert with_map.workshops == tuple(shops)


def test_every_problem_is_reported_in_one_error() -> None:
    with pytest.raises(wa.InvalidProblemError) as caught:
        wa.Problem.from_preferences(
            {
                "a@x.example": ["Mobilitatskonzepte"],  # typo, close to a real name
                "b@x.example": ["Teilhabe", "Teilhabe"],
                "c@x.example": ["Kochkurs"],
                "d@x.example": "Teilhabe",  # type: ignore[dict-item]
            },
            workshops=[
                wa.Workshop("Mobilitätskonzepte", -1),
                wa.Workshop("Teilhabe", 3),
                wa.Workshop("Teilhabe", 2),
                wa.Workshop("Zwilling", 2, minimum=5),
            ],
        )
    issues = caught.value.issues
    text = " | ".join(issues)
    assert (
        "capacity of workshop 'Mobilitätskonzepte' must be a whole number from 0 to "
        "1,000,000,000, not -1" in text
    )
    assert "workshop 'Teilhabe' is listed twice" in text
    assert "minimum (5) above its capacity (2)" in text
    assert "ranked 'Mobilitatskonzepte', which is not a workshop; did you mean" in text
    assert "'Kochkurs', which is not a workshop" in text
    assert "ranked workshop 'Teilhabe' twice" in text
    assert "are a single string" in text
    assert len(issues) == 7
    assert isinstance(caught.value, ValueError)  # callers catching ValueError keep working


def test_duplicate_and_blank_keys_are_reported() -> None:
    frame = pd.DataFrame(
        {
            "key": ["a@x.example", "b@x.example", "a@x.example", None],
            "w1": ["Teilhabe"] * 4,
        }
    )
    with pytest.raises(wa.InvalidProblemError) as caught:
        wa.Problem.from_frame(frame, key="key", wish_columns=["w1"], capacities=CAPS)
    text = " | ".join(caught.value.issues)
    assert "attendee key is empty (first at position 4)" in text
    assert "1 attendee key(s) occur more than once, e.g. 'a@x.example'" in text


def test_unknown_name_counts_every_affected_attendee() -> None:
    prefs = {f"p{i}@x.example": ["Teilhabe", "Kochkurs"] for i in range(5)}
    prefs["q@x.example"] = ["Kochkurs"]
    with pytest.raises(
        wa.InvalidProblemError, match=re.escape("6 attendees (e.g. 'p0@x.example')")
    ):
        wa.Problem.from_preferences(prefs, capacities=CAPS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "either as capacities"),
        ({"capacities": CAPS, "workshops": []}, "either as capacities"),
        ({"capacities": {"A": 1.5}}, "capacity of workshop 'A' must be a whole number"),
        ({"capacities": {"A": True}}, "capacity of workshop 'A' must be a whole number"),
        ({"capacities": {"A": 1}, "minimums": {"B": 1}}, "minimum given for 'B'"),
        ({"workshops": [wa.Workshop("A", 1)], "minimums": {"A": 1}}, "set Workshop.minimum"),
        ({"workshops": [wa.Workshop(" ", 1)]}, "has no name"),
    ],
)
def test_invalid_workshop_tables(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(wa.InvalidProblemError, match=message):
        wa.Problem.from_preferences({}, **kwargs)  # type: ignore[arg-type]


def test_problem_is_immutable() -> None:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.keys = ()  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        problem.wish_list_of[0] = 0


def test_direct_construction_checks_structure() -> None:
    with pytest.raises(wa.InputError, match="one entry per key"):
        wa.Problem((wa.Workshop("A", 1),), ("a",), ((0,),), np.array([], dtype=np.int32))
    with pytest.raises(wa.InputError, match="outside wish_lists"):
        wa.Problem((wa.Workshop("A", 1),), ("a",), ((0,),), np.array([1], dtype=np.int32))
    with pytest.raises(wa.InputError, match="does not exist"):
        wa.Problem((wa.Workshop("A", 1),), ("a",), ((3,),), np.array([0], dtype=np.int32))


def test_demand_by_rank_counts_each_rank() -> None:
    problem = wa.Problem.from_preferences(
        {
            "a@x.example": ["A", "B"],
            "b@x.example": ["A"],
            "c@x.example": ["B", "A"],
            "d@x.example": [],
        },
        capacities={"A": 1, "B": 1, "C": 1},
    )
    demand = problem.demand_by_rank()
    assert demand.loc["A"].tolist() == [2, 1]
    assert demand.loc["B"].tolist() == [1, 1]
    assert demand.loc["C"].tolist() == [0, 0]
    assert list(demand.columns) == [1, 2]


@pytest.mark.parametrize("dense", [True, False])
def test_ranks_given_are_the_ranks_written_in_the_wish_lists(
    dense: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lookup table and the search (used when the table would be too large) agree with
    the wish lists read directly, for every attendee and workshop."""
    if not dense:
        monkeypatch.setattr(model, "_DENSE_RANK_CELLS", 0)
    rng = np.random.default_rng(3)
    names = [f"W{i}" for i in range(6)]
    prefs = {
        f"p{i}@x.example": list(rng.choice(names, rng.integers(0, 5), replace=False))
        for i in range(200)
    }
    problem = wa.Problem.from_preferences(prefs, capacities=dict.fromkeys(names, 50))
    people = np.repeat(np.arange(len(problem.keys)), len(names))
    workshops = np.tile(np.arange(len(names)), len(problem.keys))
    expected = [
        (list(prefs[problem.keys[p]]).index(problem.workshop_names[w]) + 1)
        if problem.workshop_names[w] in prefs[problem.keys[p]]
        else 0
        for p, w in zip(people.tolist(), workshops.tolist(), strict=True)
    ]
    assert problem.ranks_given(people, workshops).tolist() == expected
    assert (problem._rank_table is not None) == dense


@pytest.mark.parametrize(
    "twin",
    [
        unicodedata.normalize("NFD", "Mobilitätskonzepte"),  # decomposed umlaut
        "MOBILITÄTSKONZEPTE",  # case
        "Mobilitätskonzepte\u00a0",  # a no-break space (a compatibility form)
        "\uff2dobilitätskonzepte",  # a full-width M (a compatibility form)
    ],
)
def test_workshop_names_that_differ_only_in_unicode_form_or_case_are_one_error(
    twin: str,
) -> None:
    with pytest.raises(wa.InvalidProblemError) as caught:
        wa.Problem.from_preferences(
            {"a@x.example": ["Mobilitätskonzepte"]},
            capacities={"Mobilitätskonzepte": 3, twin: 4},
        )
    assert len(caught.value.issues) == 1
    assert "differ only in case, spacing or Unicode form" in caught.value.issues[0]


def test_a_wish_in_another_unicode_form_is_read_as_the_workshop() -> None:
    composed = "Mobilitätskonzepte"
    frame = pd.DataFrame(
        {
            "E-Mail": [f"p{i}@x.example" for i in range(6)],
            "Erstwunsch": [unicodedata.normalize("NFD", composed), composed] * 3,
        }
    )
    problem = wa.read_export(frame, workshops={composed: 6})
    assert {problem.wishes_of(i)[0] for i in range(6)} == {composed}
