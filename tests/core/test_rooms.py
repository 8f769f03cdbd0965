"""Rooms from demand: the solver chooses each workshop's room(s) with the assignment,
optimal under every objective against brute force over every room plan; the plan is
checked independently and shows up in the result."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from reference import fewest_seats, objective_key
from strategies import OBJECTIVES
from workshop_assign.core.checks import room_violations
from workshop_assign.solver import mip


@dataclass(frozen=True)
class RoomSpec:
    wishes: tuple[tuple[int, ...], ...]
    minimums: tuple[int, ...]
    sessions: tuple[int, ...]
    needs: tuple[bool, ...]  # the workshop needs a projector
    seats: tuple[int, ...]  # per room
    projector: tuple[bool, ...]  # per room


@st.composite
def room_specs(draw: st.DrawFn) -> RoomSpec:
    n_ws = draw(st.integers(1, 3))
    n_rooms = draw(st.integers(1, 3))
    lists = st.lists(st.integers(0, n_ws - 1), unique=True, max_size=n_ws).map(tuple)
    return RoomSpec(
        tuple(draw(st.lists(lists, max_size=5))),
        tuple(draw(st.lists(st.sampled_from([0, 0, 2]), min_size=n_ws, max_size=n_ws))),
        tuple(draw(st.lists(st.sampled_from([1, 1, 2]), min_size=n_ws, max_size=n_ws))),
        tuple(draw(st.lists(st.booleans(), min_size=n_ws, max_size=n_ws))),
        tuple(draw(st.lists(st.integers(0, 4), min_size=n_rooms, max_size=n_rooms))),
        tuple(draw(st.lists(st.booleans(), min_size=n_rooms, max_size=n_rooms))),
    )


def brute_force(spec: RoomSpec, objective: str) -> tuple[int, ...] | None:
    """Every room plan (each room to one workshop or none) and every assignment:
    seats of a workshop are its rooms', at most ``sessions`` rooms, only rooms with what
    it needs, a minimum when it runs, nobody where it does not run.  Returns the
    objective's key (the rooms' seats are checked apart, for the places found)."""
    n_ws, n_rooms = len(spec.minimums), len(spec.seats)
    max_rank = max((len(w) for w in spec.wishes), default=0)
    best = None
    for plan in itertools.product(range(-1, n_ws), repeat=n_rooms):
        held = [[r for r in range(n_rooms) if plan[r] == w] for w in range(n_ws)]
        if any(len(h) > s for h, s in zip(held, spec.sessions, strict=True)):
            continue
        if any(
            spec.needs[plan[r]] and not spec.projector[r] for r in range(n_rooms) if plan[r] >= 0
        ):
            continue
        seats = [sum(spec.seats[r] for r in h) for h in held]
        for choice in itertools.product(*[[None, *w] for w in spec.wishes]):
            load = [sum(c == w for c in choice) for w in range(n_ws)]
            if any(n > s for n, s in zip(load, seats, strict=True)):
                continue
            if any(h and 0 < load[w] < spec.minimums[w] for w, h in enumerate(held)):
                continue
            if any(h and spec.minimums[w] and load[w] == 0 for w, h in enumerate(held)):
                continue  # a running workshop holds its minimum (here: at least one)
            ranks = [
                w.index(c) + 1 if c is not None else 0
                for w, c in zip(spec.wishes, choice, strict=True)
            ]
            key = objective_key(objective, ranks, max_rank)
            best = key if best is None or key < best else best
    return best


def solved(spec: RoomSpec, objective: str) -> tuple[int, ...] | None:
    names = [f"W{w}" for w in range(len(spec.minimums))]
    shops = [
        wa.Workshop(
            n, 99, minimum=m or None, sessions=s, needs=frozenset({"Beamer"}) if b else frozenset()
        )
        for n, m, s, b in zip(names, spec.minimums, spec.sessions, spec.needs, strict=True)
    ]
    prefs = {f"p{i}@x.example": [names[w] for w in wishes] for i, wishes in enumerate(spec.wishes)}
    problem = wa.Problem.from_preferences(prefs, workshops=shops)
    rooms = [
        wa.Room(f"R{r}", seats, features=frozenset({"Beamer"}) if p else frozenset())
        for r, (seats, p) in enumerate(zip(spec.seats, spec.projector, strict=True))
    ]
    try:
        result = wa.solve(problem, objective=objective, rooms=rooms)
    except wa.InfeasibleError:
        return None
    assert result.check() == [] and result.proven_optimal
    ranks = [int(r) for r in result.rank_of]
    assert int(result.room_plan()["seats"].sum()) == fewest_seats(result)
    max_rank = max((len(w) for w in spec.wishes), default=0)
    return objective_key(objective, ranks, max_rank)


@pytest.mark.parametrize("objective", OBJECTIVES)
@settings(max_examples=60)
@given(spec=room_specs())
def test_rooms_and_places_together_match_brute_force(objective: str, spec: RoomSpec) -> None:
    assert solved(spec, objective) == brute_force(spec, objective)


def halle() -> wa.Problem:
    prefs = {f"p{i}@stadt.example": ["Zwillinge", "Mobilität"] for i in range(30)}
    prefs |= {f"q{i}@stadt.example": ["Mobilität", "Zwillinge"] for i in range(8)}
    shops = [wa.Workshop("Zwillinge", 200), wa.Workshop("Mobilität", 200)]
    return wa.Problem.from_preferences(prefs, workshops=shops)


def test_the_hall_goes_where_the_demand_is_and_the_plan_is_in_the_result() -> None:
    rooms = [wa.Room("Saal", 30), wa.Room("Raum 1.01", 10), wa.Room("Raum 1.03", 12)]
    result = wa.solve(halle(), rooms=rooms)
    plan = result.room_plan()
    assert plan[["workshop", "room", "people"]].values.tolist() == [
        ["Zwillinge", "Saal", 30],
        ["Mobilität", "Raum 1.01", 8],
    ]
    assert result.rooms == (("Saal",), ("Raum 1.01",))
    assert [w.capacity for w in result.problem.workshops] == [30, 10]  # the rooms' seats
    assert result.problem.workshops[0].room == "Saal"


def test_a_popular_workshop_runs_twice_in_parallel() -> None:
    problem = halle()
    shops = [wa.Workshop("Zwillinge", 200, sessions=2), wa.Workshop("Mobilität", 200)]
    rooms = [wa.Room("A", 20), wa.Room("B", 15), wa.Room("C", 10)]
    twice = wa.Problem.from_preferences(
        {k: list(problem.wishes_of(i)) for i, k in enumerate(problem.keys)}, workshops=shops
    )
    result = wa.solve(twice, rooms=rooms)
    assert result.n_unassigned == 0 and result.rank_counts[1] == 38
    plan = result.room_plan().set_index("workshop")
    assert len(plan.loc["Zwillinge"]) == 2 and plan.loc["Zwillinge", "seats"].sum() >= 30
    assert plan.loc["Zwillinge", "people"].sum() == 30  # split over its two rooms


def test_the_checker_finds_a_room_used_twice_or_too_small() -> None:
    problem = halle()
    rooms = (wa.Room("Saal", 30), wa.Room("Klein", 5))
    options = wa.SolveOptions.create(rooms=rooms)
    everyone = np.array([0] * 30 + [1] * 8, dtype=np.int32)
    found = room_violations(problem, everyone, options.rooms, (("Saal",), ("Saal",)))
    assert "room 'Saal' holds 'Zwillinge' and 'Mobilität' at the same time" in found
    found = room_violations(problem, everyone, options.rooms, (("Saal",), ("Klein",)))
    assert found == ["'Mobilität' holds 8 people, more than its rooms seat (5)"]


def test_rooms_are_checked_when_made() -> None:
    with pytest.raises(wa.InputError, match="needs a name"):
        wa.Room(" ", 3)
    with pytest.raises(wa.InputError, match="whole number"):
        wa.Room("A", 2.5)  # type: ignore[arg-type]
    with pytest.raises(wa.InputError, match="given twice"):
        wa.SolveOptions.create(rooms=[wa.Room("A", 1), wa.Room("A", 2)])


def test_what_a_room_is_worth_in_other_hands() -> None:
    """The Saal for Mobilität instead of Zwillinge: Zwillinge gets 12 seats, 18 of its
    people their second wish: 18 first wishes fewer, everyone still placed."""
    rooms = [wa.Room("Saal", 30), wa.Room("Raum 1.01", 10), wa.Room("Raum 1.03", 12)]
    worth = wa.room_worth(wa.solve(halle(), rooms=rooms)).set_index(["room", "instead"])
    assert worth.loc[("Saal", "Mobilität"), "first choices"] == -18
    assert worth.loc[("Saal", "Mobilität"), "placed"] == 0
    assert (worth["first choices"] <= 0).all()  # the result is optimal: no swap is better


def test_a_swap_that_cancels_a_workshop_or_breaks_a_rule_is_said() -> None:
    shops = [wa.Workshop("Zwillinge", 200, minimum=20), wa.Workshop("Mobilität", 200)]
    problem = wa.Problem.from_preferences(
        {f"p{i}@x.example": ["Zwillinge"] for i in range(25)}, workshops=shops
    )
    worth = wa.room_worth(wa.solve(problem, rooms=[wa.Room("Saal", 30), wa.Room("Klein", 5)]))
    row = worth.set_index("instead").loc["Mobilität"]  # Zwillinge would not reach 20 in Klein
    assert row["room"] == "Saal" and row["first choices"] == -25 and row["placed"] == -25
    assert bool(row["feasible"])
    minimum = [wa.Workshop("Zwillinge", 200), wa.Workshop("Mobilität", 200, minimum=3)]
    forbidden = wa.Problem.from_preferences({"p@x.example": ["Zwillinge"]}, workshops=minimum)
    worth = wa.room_worth(wa.solve(forbidden, rooms=[wa.Room("Saal", 30)]))
    assert worth["feasible"].tolist() == [False]  # Mobilität would run below its minimum


def test_levels_solved_one_by_one_keep_the_optimum_and_a_valid_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the levels cannot share one weighted solve, the rooms' seats are chosen
    for the places found: the objective stays the optimum, the plan stays valid."""
    rooms = [wa.Room("Saal", 30), wa.Room("Raum 1.01", 10), wa.Room("Raum 1.03", 12)]
    together = wa.solve(halle(), rooms=rooms, objective="fair")
    monkeypatch.setattr(mip, "EXACT_WEIGHTS", 1)  # nothing folds: one solve per level
    apart = wa.solve(halle(), rooms=rooms, objective="fair")
    assert apart.objective_value == together.objective_value and apart.check() == []
    assert apart.room_plan()["seats"].sum() == together.room_plan()["seats"].sum() == 40


@pytest.mark.parametrize("objective", OBJECTIVES)
@settings(max_examples=40)
@given(spec=room_specs())
def test_rooms_by_size_and_a_boolean_per_room_agree(objective: str, spec: RoomSpec) -> None:
    """Rooms that differ only in seats are chosen by size (``rulemodel._sized_rooms``);
    the same rooms, made to look different (a feature every room has and every
    workshop needs), by a boolean per workshop and room: the same optimum, and each the
    fewest seats for its places."""
    names = [f"W{w}" for w in range(len(spec.minimums))]
    prefs = {f"p{i}@x.example": [names[w] for w in wishes] for i, wishes in enumerate(spec.wishes)}

    def solved(needs: frozenset[str]) -> object:
        shops = [
            wa.Workshop(n, 99, minimum=m or None, needs=needs)
            for n, m in zip(names, spec.minimums, strict=True)
        ]
        rooms = [wa.Room(f"R{r}", n, features=needs) for r, n in enumerate(spec.seats)]
        result = wa.solve(
            wa.Problem.from_preferences(prefs, workshops=shops), objective=objective, rooms=rooms
        )
        assert result.check() == []
        assert int(result.room_plan()["seats"].sum()) == fewest_seats(result)
        return result.objective_value

    try:
        by_size = solved(frozenset())
    except wa.InfeasibleError:
        with pytest.raises(wa.InfeasibleError):
            solved(frozenset({"x"}))
        return
    assert by_size == solved(frozenset({"x"}))


def test_a_room_whose_name_holds_a_comma_keeps_its_name() -> None:
    rooms = [wa.Room("Saal, Erdgeschoss", 30), wa.Room("Raum 1.01", 10)]
    result = wa.solve(halle(), rooms=rooms)
    assert result.rooms == (("Saal, Erdgeschoss",), ("Raum 1.01",))
    assert result.check() == []


def _twice_listed(people: int) -> wa.Result:
    """Zwillinge may run at 14:00, at 16:00 or both (one topic in two slots, minimum 5);
    everyone wants it first.  Two rooms: Saal (20) and Raum 1 (8)."""
    shops = [
        wa.Workshop("Zwillinge I", 99, slot="14:00", topic="Zwillinge", minimum=5),
        wa.Workshop("Zwillinge II", 99, slot="16:00", topic="Zwillinge", minimum=5),
        wa.Workshop("Mobilität", 99, slot="14:00"),
        wa.Workshop("Teilhabe", 99, slot="16:00"),
    ]
    prefs = {f"p{i}@x.example": ["Zwillinge", "Mobilität", "Teilhabe"] for i in range(people)}
    problem = wa.Problem.from_preferences(prefs, workshops=shops)
    return wa.solve(problem, rooms=[wa.Room("Saal", 20), wa.Room("Raum 1", 8)])


@pytest.mark.parametrize(("people", "sessions"), [(12, 1), (26, 2)])
def test_a_second_session_in_another_slot_runs_only_when_the_wishes_need_it(
    people: int, sessions: int
) -> None:
    result = _twice_listed(people)
    assert result.check() == [] and result.proven_optimal
    plan = result.room_plan()
    twins = plan[plan["workshop"].str.startswith("Zwillinge")]
    assert len(twins) == sessions
    assert int(twins["people"].sum()) == min(people, 28)  # every first wish that fits
    frame = result.to_frame()
    topics = frame["workshop"].str.split(" ").str[0]
    assert not frame.assign(topic=topics).duplicated(["attendee", "topic"]).any()
    if sessions == 2:  # the hall where the larger session is, the room for the other
        assert sorted(twins["room"]) == ["Raum 1", "Saal"]
