"""Updating a published result: nothing changed moves nobody, nobody is lost, moves are
minimal (brute force on tiny instances), and the command line end to end."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from exports import SEATS, columns_per_rank, write_xlsx
from helpers import run
from reference import brute_force_rules_update, update_key, update_outcomes
from strategies import RuleSpec, Spec, rule_problem, rule_specs, specs
from workshop_assign import synthetic
from workshop_assign.after import update as updating


def previous_of(result: wa.Result) -> dict[str, str | None]:
    frame = result.to_frame()
    return {
        k: (w if isinstance(w, str) else None)
        for k, w in zip(frame["attendee"], frame["workshop"], strict=True)
    }


@settings(max_examples=60)
@given(spec=specs())
def test_an_update_with_nothing_changed_moves_nobody(spec: Spec) -> None:
    problem = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    result = wa.solve(problem)
    done = wa.update(problem, previous_of(result))
    assert done.moves.empty
    assert done.result.workshop_of.tolist() == result.workshop_of.tolist()


def brute_force_update(spec: Spec, before: list[int | None]) -> tuple[int, int, int] | None:
    """min (-placed, moves, rank cost) keeping everyone who had a place; None if impossible."""
    outcomes = update_outcomes(spec.wishes, spec.capacities, before)
    return min(((-p, m, c) for p, m, c in outcomes), default=None)


@settings(max_examples=80)
@given(spec=specs(max_people=5), data=st.data())
def test_updates_lose_nobody_and_move_as_few_as_possible(spec: Spec, data: st.DataObject) -> None:
    first = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    previous = previous_of(wa.solve(first))
    shrink = data.draw(
        st.lists(st.integers(0, 2), min_size=len(spec.capacities), max_size=len(spec.capacities))
    )
    seats = tuple(max(0, c - s) for c, s in zip(spec.capacities, shrink, strict=True))
    changed = Spec(seats, spec.wishes)
    problem = wa.Problem.from_preferences(changed.preferences(), capacities=changed.capacity_map())
    names = changed.names
    before = [names.index(previous[k]) if previous[k] else None for k in problem.keys]
    expected = brute_force_update(changed, before)
    if expected is None:
        with pytest.raises(wa.InfeasibleError, match="cannot keep a place"):
            wa.update(problem, previous)
        return
    done = wa.update(problem, previous)
    after = done.result.workshop_of.tolist()
    assert all(a >= 0 for a, b in zip(after, before, strict=True) if b is not None)  # nobody lost
    placed = sum(a >= 0 for a in after)
    moves = sum(1 for a, b in zip(after, before, strict=True) if b is not None and a != b)
    cost = sum(int(r) - 1 for r in done.result.rank_of if r > 0)
    assert (-placed, moves, cost) == expected
    assert len(done.moves) == moves


def test_forbid_moves_and_move_cost() -> None:
    prefs = {"a@x.example": ["A", "B"], "b@x.example": ["A"]}
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 1, "B": 1})
    previous = {"a@x.example": "A"}  # b is new and only wants A
    moved = wa.update(problem, previous)
    assert moved.moves.to_dict("records") == [
        {
            "attendee": "a@x.example",
            "from": "A",
            "to": "B",
            "why": "to make room so that more people get a place",
        }
    ]
    kept = wa.update(problem, previous, forbid_moves=True)
    assert kept.moves.empty and kept.result.n_unassigned == 1
    assert wa.update(problem, previous, move_cost=0).result.n_unassigned == 0


def test_update_command_end_to_end(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "v1.xlsx", seats=SEATS)
    published = tmp_path / "published.xlsx"
    assert run("solve", str(export), "-o", str(published)).returncode == 0
    frame = columns_per_rank().iloc[1:]  # one cancellation
    new_row = frame.iloc[[0]].copy()
    new_row["E-Mail-Adresse"] = "neu@stadt.example"  # one late registration
    seats = dict(SEATS)
    seats["Digitale Zwillinge"] = 2  # a smaller room
    later = write_xlsx(pd.concat([frame, new_row]), tmp_path / "v2.xlsx", seats=seats)
    target = tmp_path / "updated.xlsx"
    done = run("update", str(published), str(later), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "1 neu zugeteilt, 0 jetzt zugeteilt (hatten keinen Platz), 0 umgesetzt, 1 nicht " in (
        done.stdout
    )
    sheets = pd.read_excel(target, sheet_name=None, engine="calamine")
    assert "Änderungen" in sheets
    before = pd.read_excel(published, sheet_name="Zuteilung", engine="calamine")
    after = sheets["Zuteilung"].set_index("E-Mail-Adresse")
    for key in before["E-Mail-Adresse"][1:]:
        assert isinstance(after.loc[key, "Workshop"], str)  # nobody who had a place lost it


@st.composite
def maybe_tiered(draw: st.DrawFn) -> RuleSpec:
    """A rule mix, half of the time with priority tiers (1, 2 or none per person)."""
    spec = draw(rule_specs())
    if draw(st.booleans()):
        n = len(spec.base.wishes)
        tiers = draw(st.lists(st.sampled_from([0, 1, 2]), min_size=n, max_size=n))
        spec = replace(spec, tiers=tuple(tiers))
    return spec


@settings(max_examples=80)
@given(spec=maybe_tiered(), data=st.data())
def test_updates_under_rules_match_brute_force(spec: RuleSpec, data: st.DataObject) -> None:
    problem, rules = rule_problem(spec)
    try:
        first = wa.solve(problem, rules=rules)
    except wa.InfeasibleError:
        return
    previous = previous_of(first)
    shrink = data.draw(
        st.lists(
            st.integers(0, 1),
            min_size=len(spec.base.capacities),
            max_size=len(spec.base.capacities),
        )
    )
    seats = tuple(
        max(m, c - s) for c, s, m in zip(spec.base.capacities, shrink, spec.minimums, strict=True)
    )
    changed = replace(spec, base=Spec(seats, spec.base.wishes))
    problem, rules = rule_problem(changed)
    names = changed.base.names
    before = [names.index(previous[k]) if previous[k] else None for k in problem.keys]
    expected = brute_force_rules_update(changed, before)
    try:
        done = wa.update(problem, previous, rules=rules)
    except wa.InfeasibleError:
        assert expected is None
        return
    assert expected is not None
    after = done.result.workshop_of.tolist()
    assert all(a >= 0 for a, b in zip(after, before, strict=True) if b is not None)
    choice = [a if a >= 0 else None for a in after]
    assert update_key(changed, before, choice, done.result.splits) == expected


def test_people_kept_in_an_unranked_workshop_are_told_so() -> None:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1, "B": 1})
    done = wa.update(problem, {"a@x.example": "B"})  # B was a free seat, or a fixed place
    frame = done.result.to_frame()
    assert frame.loc[0, "workshop"] == "B" and done.moves.empty
    assert frame.loc[0, "reason"] == "kept in their previous workshop"


def test_kept_people_are_explained_as_kept() -> None:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1, "B": 1})
    done = wa.update(problem, {"a@x.example": "B"})
    assert done.result.explain("a@x.example") == ("kept in B, where the previous result placed you")


@settings(max_examples=80)
@given(spec=specs(max_people=5), data=st.data())
def test_updates_from_any_previous_places_match_brute_force_on_both_backends(
    spec: Spec, data: st.DataObject
) -> None:
    """Previous places drawn freely (over capacity, unranked, newcomers among them): the
    flow, which rewards placing previous people inside one maximum flow, and the MIP,
    which minimises left-out previous people explicitly first, both reach the optimum."""
    k = len(spec.capacities)
    before = data.draw(
        st.lists(
            st.one_of(st.none(), st.integers(0, k - 1)),
            min_size=len(spec.wishes),
            max_size=len(spec.wishes),
        )
    )
    problem = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    names = spec.names
    previous = {key: names[b] for key, b in zip(problem.keys, before, strict=True) if b is not None}
    expected = brute_force_update(spec, before)
    for rules in (None, wa.Rules(backend="mip")):
        if expected is None:  # kept in their ranked or their fixed (unranked) workshop
            with pytest.raises(wa.InfeasibleError, match=r"cannot keep a place|are fixed to"):
                wa.update(problem, previous, rules=rules)
            continue
        after = wa.update(problem, previous, rules=rules).result
        chosen = after.workshop_of.tolist()
        placed = sum(a >= 0 for a in chosen)
        moves = sum(1 for a, b in zip(chosen, before, strict=True) if b is not None and a != b)
        cost = sum(int(r) - 1 for r in after.rank_of if r > 0)
        assert (-placed, moves, cost) == expected, rules


@pytest.mark.parametrize("seed", range(6))
def test_keeping_everyone_is_the_full_models_optimum_whenever_it_is_taken(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut (place only the people without a place, when that places as many as
    any assignment) against the whole lexicographic model, on events with 2 % changes,
    some with too few seats, some with a room that shrank."""
    rng = np.random.default_rng(seed)
    event = synthetic.generate(400, 8, seed=seed, capacity_factor=[0.9, 1.0, 1.3][seed % 3])
    first = wa.solve(event.to_problem())
    previous = previous_of(first)
    preferences = dict(event.preferences)
    for key in rng.choice(list(preferences), 8, replace=False):
        del preferences[key]
    late = synthetic.generate(8, 8, seed=100 + seed).preferences
    preferences |= {f"late{i}@x.example": w for i, w in enumerate(late.values())}
    seats = dict(event.capacities)
    if seed % 2:
        name = next(iter(seats))
        seats[name] = max(0, seats[name] - 3)  # a smaller room: some must move
    problem = wa.Problem.from_preferences(preferences, capacities=seats)
    taken: list[bool] = []
    shortcut = updating.nobody_moves
    monkeypatch.setattr(
        updating, "nobody_moves", lambda m: taken.append(bool(s := shortcut(m))) or s
    )
    fast = wa.update(problem, previous)
    monkeypatch.setattr(updating, "nobody_moves", lambda m: None)
    full = wa.update(problem, previous)
    assert fast.result.n_unassigned == full.result.n_unassigned
    assert len(fast.moves) == len(full.moves)
    assert fast.result.objective_value == full.result.objective_value
    assert fast.result.check() == []
    if seed % 2 == 0:
        assert taken == [True]  # nothing forces a move: the shortcut is taken


@settings(max_examples=80)
@given(spec=specs(max_people=6), data=st.data())
def test_the_change_list_puts_everyone_whose_place_differs_in_exactly_one_kind(
    spec: Spec, data: st.DataObject
) -> None:
    """Over random updates (cancellations, late registrations, seats added or taken away),
    each attendee appears in at most one kind of change; new, placed and moved are
    exactly the people with a place now that differs from before; gone exactly the
    people who had a place and left; unplaced exactly the people without one now."""
    first = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    previous = previous_of(wa.solve(first))
    keys = list(spec.preferences())
    stay = data.draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))
    kept = {k: w for k, w, s in zip(keys, spec.preferences().values(), stay, strict=True) if s}
    late = data.draw(st.lists(st.sampled_from([*spec.wishes, ()]), max_size=3))
    kept |= {f"late{i}@x.example": [f"W{w}" for w in lst] for i, lst in enumerate(late)}
    more = data.draw(
        st.lists(st.integers(-2, 2), min_size=len(spec.capacities), max_size=len(spec.capacities))
    )
    seats = {
        name: max(0, c + m) for name, c, m in zip(spec.names, spec.capacities, more, strict=True)
    }
    problem = wa.Problem.from_preferences(kept, capacities=seats)
    try:
        done = wa.update(problem, {k: previous[k] for k in keys})
    except wa.InfeasibleError:
        return  # seats taken from someone who keeps their place: said, not a change list
    now = previous_of(done.result)
    changes = done.changes()
    listed = changes.dropna(subset=["attendee"])
    assert not listed["attendee"].duplicated().any()
    kinds = {kind: set(rows["attendee"]) for kind, rows in listed.groupby("change")}
    told = kinds.get("new", set()) | kinds.get("placed", set()) | kinds.get("moved", set())
    assert told == {k for k, w in now.items() if w is not None and w != previous.get(k)}
    assert told == done.concerned()
    assert kinds.get("new", set()) == {k for k in told if k not in previous}
    assert kinds.get("gone", set()) == {
        k for k in keys if k not in kept and previous[k] is not None
    }
    assert kinds.get("unplaced", set()) == {k for k, w in now.items() if w is None}


def test_an_update_with_groups_keeps_the_priority_tiers() -> None:
    """Groups (or exclusions) make the update rebuild the attendee rules around the
    previous places; the priority tiers must come along (they were dropped, and the
    earlier row took the seat the member with priority should have)."""
    prefs = {
        "p0@x.example": ["A"],
        "p1@x.example": ["A"],
        "p2@x.example": ["B"],
        "p3@x.example": ["B"],
    }
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 1, "B": 2}).with_rules(
        groups={"p2@x.example": "Team", "p3@x.example": "Team"}, priority={"p1@x.example": 1}
    )
    previous = {"p2@x.example": "B", "p3@x.example": "B"}
    done = wa.update(problem, previous)
    frame = done.result.to_frame()
    places = dict(zip(frame["attendee"], frame["workshop"], strict=True))
    assert places["p1@x.example"] == "A" and places["p0@x.example"] is pd.NA
