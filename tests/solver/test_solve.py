"""What solve() promises beyond optimality: reasons, options, errors, no mutation."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import workshop_assign as wa
from workshop_assign import synthetic

CAPS = {"Zwillinge": 2, "Mobilität": 1, "Teilhabe": 1}


def problem_of(prefs: dict[str, list[str]], caps: dict[str, int] = CAPS) -> wa.Problem:
    return wa.Problem.from_preferences(prefs, capacities=caps)


def test_result_frame_has_one_row_per_attendee_with_reasons() -> None:
    problem = problem_of(
        {
            "a@x.example": ["Mobilität", "Teilhabe"],
            "b@x.example": ["Mobilität"],
            "c@x.example": [],
            "d@x.example": ["Zwillinge"],
        }
    )
    result = wa.solve(problem)
    frame = result.to_frame()
    assert list(frame.columns) == ["attendee", "workshop", "rank", "reason"]
    rows = frame.set_index("attendee")
    # b can only go to Mobilität, so a (who also ranked Teilhabe) takes its 2nd choice.
    assert rows.loc["b@x.example", "workshop"] == "Mobilität"
    assert rows.loc["a@x.example", "workshop"] == "Teilhabe"
    assert rows.loc["a@x.example", "rank"] == 2
    assert pd.isna(rows.loc["c@x.example", "workshop"])
    assert pd.isna(rows.loc["c@x.example", "rank"])
    assert rows.loc["c@x.example", "reason"] == "ranked no workshop"
    assert pd.isna(rows.loc["d@x.example", "reason"])
    assert result.rank_counts == {1: 2, 2: 1}
    assert result.n_unassigned == 1
    assert result.objective is wa.Objective.RANK_SUM
    assert result.objective_value == 1
    assert result.status is wa.Status.OPTIMAL and result.proven_optimal
    german = result.to_frame(lang="de").set_index("attendee")
    assert german.loc["c@x.example", "reason"] == "hat keinen Workshop gewählt"


def test_people_whose_ranked_workshops_are_full_are_told_so() -> None:
    result = wa.solve(problem_of({f"p{i}@x.example": ["Mobilität"] for i in range(3)}))
    reasons = result.to_frame()["reason"].tolist()
    assert reasons[0] is pd.NA  # the first registration got the seat
    assert reasons[1:] == ["every workshop they ranked is full"] * 2


def test_ties_go_to_earlier_rows_or_follow_the_seed() -> None:
    prefs = {f"p{i}@x.example": ["Mobilität", "Teilhabe"] for i in range(6)}
    caps = {"Mobilität": 3, "Teilhabe": 3}
    by_order = wa.solve(problem_of(prefs, caps)).rank_of.tolist()
    assert by_order == [1, 1, 1, 2, 2, 2]
    seeded = [tuple(wa.solve(problem_of(prefs, caps), seed=s).rank_of.tolist()) for s in range(8)]
    assert all(sorted(r) == [1, 1, 1, 2, 2, 2] for r in seeded)
    assert len(set(seeded)) > 1  # different seeds reorder the tie
    again = wa.solve(problem_of(prefs, caps), seed=5).rank_of.tolist()
    assert tuple(again) == seeded[5]


def test_explicit_unassigned_cost_can_leave_people_out() -> None:
    prefs = {"a@x.example": ["Mobilität", "Teilhabe"], "b@x.example": ["Mobilität", "Teilhabe"]}
    caps = {"Mobilität": 1, "Teilhabe": 5}
    result = wa.solve(problem_of(prefs, caps), rank_costs=(0, 8), unassigned_cost=5)
    frame = result.to_frame()
    assert frame["workshop"].tolist()[0] == "Mobilität"
    assert pd.isna(frame["workshop"].tolist()[1])
    assert frame["reason"].tolist()[1].startswith("left out: the unassigned cost")
    assert result.objective_value == 5
    placed = wa.solve(problem_of(prefs, caps), rank_costs=(0, 8))
    assert placed.n_unassigned == 0 and placed.objective_value == 8


def test_fill_unranked_uses_free_seats_evenly_and_says_so() -> None:
    prefs = {f"p{i}@x.example": ["Mobilität"] for i in range(6)}
    caps = {"Mobilität": 1, "Teilhabe": 3, "Zwillinge": 2}
    result = wa.solve(problem_of(prefs, caps), fill_unranked=True)
    frame = result.to_frame()
    assert frame["workshop"].tolist()[0] == "Mobilität"  # the first row got its wish
    assert frame["workshop"].value_counts().to_dict() == {
        "Teilhabe": 3,
        "Zwillinge": 2,
        "Mobilität": 1,
    }
    assert result.n_unranked == 5 and result.n_unassigned == 0
    assert frame["reason"].tolist()[1] == "placed in a free seat of a workshop they did not rank"
    assert frame["rank"].isna().sum() == 5
    assert result.statistics()["unranked"].to_dict() == {
        "Mobilität": 0,
        "Teilhabe": 3,
        "Zwillinge": 2,
    }


def test_require_all_explains_a_head_count_shortfall_in_numbers() -> None:
    prefs = {f"p{i}@x.example": ["Zwillinge", "Teilhabe"] for i in range(75)}
    caps = {"Zwillinge": 40, "Teilhabe": 20}
    with pytest.raises(wa.InfeasibleError, match="75 attendees but only 60 seats"):
        wa.solve(problem_of(prefs, caps), require_all=True)
    with pytest.raises(wa.InfeasibleError, match="75 attendees but only 60 seats"):
        wa.solve(problem_of(prefs, caps), require_all=True, fill_unranked=True)


def test_require_all_names_the_workshops_whose_ranked_demand_cannot_be_met() -> None:
    prefs = {f"p{i}@x.example": ["Mobilität", "Teilhabe"] for i in range(5)}
    prefs |= {f"q{i}@x.example": ["Zwillinge"] for i in range(2)}
    caps = {"Zwillinge": 10, "Mobilität": 2, "Teilhabe": 1}
    with pytest.raises(wa.InfeasibleError) as caught:
        wa.solve(problem_of(prefs, caps), objective="fair", require_all=True)
    assert caught.value.reasons == (
        "5 attendees ranked only 'Mobilität', 'Teilhabe', which have 3 seats together: "
        "2 cannot be placed",
        "smallest change that places everyone who ranked a workshop: more seats, "
        "2 in any of 'Mobilität', 'Teilhabe'",
    )
    # The stated change is enough (and no smaller one can be: a seat places one person).
    for name in ("Mobilität", "Teilhabe"):
        enough = wa.solve(problem_of(prefs, {**caps, name: caps[name] + 2}), require_all=True)
        assert enough.n_unassigned == 0
        with pytest.raises(wa.InfeasibleError):
            wa.solve(problem_of(prefs, {**caps, name: caps[name] + 1}), require_all=True)
    # Free seats elsewhere make it feasible when filling unranked workshops is allowed.
    result = wa.solve(problem_of(prefs, caps), require_all=True, fill_unranked=True)
    assert result.n_unassigned == 0 and result.n_unranked == 2


def test_require_all_reports_people_without_wishes() -> None:
    with pytest.raises(wa.InfeasibleError, match="1 attendee ranked no workshop"):
        wa.solve(problem_of({"a@x.example": [], "b@x.example": ["Teilhabe"]}), require_all=True)


def test_independent_shortfalls_are_reported_separately() -> None:
    prefs = {f"a{i}@x.example": ["Mobilität"] for i in range(3)}
    prefs |= {f"b{i}@x.example": ["Teilhabe"] for i in range(4)}
    with pytest.raises(wa.InfeasibleError) as caught:
        wa.solve(problem_of(prefs, {**CAPS, "Zwillinge": 10}), require_all=True)
    assert sorted(caught.value.reasons) == [
        "3 attendees ranked only 'Mobilität', which have 1 seat together: 2 cannot be placed",
        "4 attendees ranked only 'Teilhabe', which have 1 seat together: 3 cannot be placed",
        "smallest change that places everyone who ranked a workshop: more seats, "
        "2 in any of 'Mobilität'; 3 in any of 'Teilhabe'",
    ]


def test_fill_unranked_and_unassigned_cost_exclude_each_other() -> None:
    with pytest.raises(wa.InputError, match="cannot be combined"):
        wa.solve(problem_of({"a@x.example": ["Teilhabe"]}), unassigned_cost=3, fill_unranked=True)


def test_empty_problem_and_zero_capacity() -> None:
    empty = wa.solve(problem_of({}))
    assert len(empty.to_frame()) == 0 and empty.rank_counts == {}
    zero = wa.solve(problem_of({"a@x.example": ["A"]}, {"A": 0}))
    assert zero.n_unassigned == 1


def test_solving_does_not_change_the_problem() -> None:
    problem = synthetic.generate(500, 6, seed=2).to_problem()
    before = (problem.keys, problem.wish_lists, problem.wish_list_of.copy(), problem.workshops)
    for objective in ("rank-sum", "rank-maximal", "fair"):
        wa.solve(problem, objective=objective, fill_unranked=True, seed=1)
    assert (problem.keys, problem.wish_lists, problem.workshops) == before[:2] + before[3:]
    assert (problem.wish_list_of == before[2]).all()


def test_statistics_add_up() -> None:
    event = synthetic.generate(2_000, 10, seed=3)
    result = wa.solve(event.to_problem())
    stats = result.statistics()
    assert stats["assigned"].sum() == 2_000 - result.n_unassigned
    assert (stats["free"] >= 0).all()
    rank_columns = [c for c in stats.columns if c.startswith("rank ")]
    assert stats[rank_columns].sum().tolist() == list(result.rank_counts.values())
    assert (stats["assigned"] == stats[rank_columns].sum(axis=1) + stats["unranked"]).all()


def test_attributes_come_back_with_the_frame() -> None:
    event = synthetic.generate(50, 4, seed=4)
    frame = event.to_frame()
    problem = wa.Problem.from_frame(
        frame,
        key="email",
        wish_columns=["choice 1", "choice 2", "choice 3"],
        capacities=event.capacities,
    )
    out = wa.solve(problem).to_frame(attributes=True)
    assert out["organisation"].tolist() == event.organisations
    assert out["attendee"].tolist() == frame["email"].tolist()


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (synthetic.generate(50, 3), "not a SyntheticEvent; pass its .to_problem()"),
        ({"a@x.example": ["A"]}, "not a dict; build one with Problem.from_preferences"),
    ],
)
def test_solve_says_what_to_pass_instead_of_something_else(given: object, said: str) -> None:
    with pytest.raises(TypeError, match=re.escape(said)):
        wa.solve(given)  # type: ignore[arg-type]


@pytest.mark.parametrize("slots", [False, True])
def test_the_frame_has_every_workshop_as_a_category_and_no_place_as_na(slots: bool) -> None:
    """Unassigned is ``pd.NA`` (workshop, rank and reason alike), and the workshop
    column's categories are every workshop, also one nobody got, in the problem's order."""
    shops = [
        wa.Workshop("Zwillinge", 1, slot="14:00" if slots else None),
        wa.Workshop("Leer", 5, slot="14:00" if slots else None),
    ]
    prefs = {"a@x.example": ["Zwillinge"], "b@x.example": ["Zwillinge"]}
    frame = wa.solve(wa.Problem.from_preferences(prefs, workshops=shops)).to_frame()
    assert list(frame["workshop"].cat.categories) == ["Zwillinge", "Leer"]
    assert frame["workshop"].tolist() == ["Zwillinge", pd.NA]
    assert frame["rank"].tolist() == [1, pd.NA]
