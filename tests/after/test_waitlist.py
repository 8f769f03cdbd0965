"""Waitlists: who gets a freed seat, exactly, with the chain of moves it sets off.

The engine is ``update(..., moves_last=True)``: checked against brute force over every
assignment of tiny instances (nobody who had a place loses it, most people placed,
then the objective, then fewest moves), on both backends.  The list itself is checked
on a hand-worked example and end to end on the command line.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from exports import SEATS, columns_per_rank, write_xlsx
from helpers import run
from reference import update_outcomes
from strategies import Spec, specs


def brute_force(spec: Spec, before: list[int | None]) -> tuple[int, int, int] | None:
    """min (-placed, rank cost, moves), keeping everyone who had a place in a workshop
    they ranked (or exactly where they were, when they did not rank it)."""
    outcomes = update_outcomes(spec.wishes, spec.capacities, before)
    return min(((-p, c, m) for p, m, c in outcomes), default=None)


@settings(max_examples=80, deadline=None)
@given(spec=specs(max_people=5), data=st.data())
def test_moves_last_updates_match_brute_force_on_both_backends(
    spec: Spec, data: st.DataObject
) -> None:
    problem = wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())
    first = wa.solve(problem).workshop_of.tolist()
    more = data.draw(
        st.lists(st.integers(0, 2), min_size=len(spec.capacities), max_size=len(spec.capacities))
    )
    seats = tuple(c + m for c, m in zip(spec.capacities, more, strict=True))
    bigger = Spec(seats, spec.wishes)
    problem = wa.Problem.from_preferences(bigger.preferences(), capacities=bigger.capacity_map())
    before = [w if w >= 0 else None for w in first]
    previous = {
        k: spec.names[w] for k, w in zip(problem.keys, before, strict=True) if w is not None
    }
    expected = brute_force(bigger, before)
    for rules in (None, wa.Rules(backend="mip")):
        done = wa.update(problem, previous, moves_last=True, rules=rules).result
        after = done.workshop_of.tolist()
        placed = sum(a >= 0 for a in after)
        cost = sum(int(r) - 1 for r in done.rank_of if r > 0)
        moves = sum(1 for a, b in zip(after, before, strict=True) if b is not None and a != b)
        assert (-placed, cost, moves) == expected, rules


def test_a_worked_example_with_a_chain_of_moves() -> None:
    prefs = {
        "p1@x.example": ["A", "B"],
        "p2@x.example": ["A"],
        "p3@x.example": ["B"],
        "p4@x.example": ["A"],
        "p5@x.example": ["B", "A"],
        "p6@x.example": ["C", "A"],
    }
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 1, "B": 1, "C": 1})
    result = wa.solve(problem)  # A: p2, B: p5, C: p6; p1, p3, p4 without a place
    table = result.waitlist("A", 5)
    assert table[["position", "attendee", "rank"]].to_numpy().tolist() == [
        [1, "p1@x.example", 1],  # without a place, A first: earlier registration first
        [2, "p4@x.example", 1],
        [3, "p5@x.example", 2],  # moves from B (1st) to A (2nd) so that p3 gets B
    ]
    assert table["moves"].tolist() == ["", "", "p3@x.example: - -> B"]
    assert table["from"].tolist()[2] == "B"
    every = wa.waitlists(result, 5)
    assert every[every["freed"] == "C"]["attendee"].isna().all()  # a seat in C changes nothing
    assert set(every["freed"]) == {"A", "B", "C"}


def test_a_waitlist_for_an_unknown_workshop_names_the_closest() -> None:
    problem = wa.Problem.from_preferences(
        {"p@x.example": ["Alpha"]}, capacities={"Alpha": 1, "Beta": 1}
    )
    result = wa.solve(problem)
    with pytest.raises(wa.InputError, match="closest"):
        result.waitlist("Gamma")


def test_the_command_line_writes_a_waitlist_sheet(tmp_path: Path) -> None:
    seats = {name: 3 for name in SEATS}
    export = write_xlsx(columns_per_rank(), tmp_path / "anmeldungen.xlsx", seats=seats)
    target = tmp_path / "ergebnis.xlsx"
    assert run("solve", str(export), "-o", str(target)).returncode == 0
    sheet = pd.read_excel(target, sheet_name="Nachrückliste", engine="calamine")
    assert list(sheet.columns)[:3] == ["Platz frei in", "Reihenfolge", "Teilnehmende"]
    result = wa.solve(wa.read_export(export))
    for workshop in sheet["Platz frei in"].unique():
        expected = result.waitlist(workshop, 5)["attendee"].tolist()
        written = sheet[sheet["Platz frei in"] == workshop]["Teilnehmende"].tolist()
        assert written == (expected or ["(niemand: ein frei gewordener Platz bliebe frei)"])
    off = tmp_path / "ohne.xlsx"
    assert run("solve", str(export), "-o", str(off), "--waitlist", "0").returncode == 0
    with pd.ExcelFile(off, engine="calamine") as book:
        assert "Nachrückliste" not in book.sheet_names
