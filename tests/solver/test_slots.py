"""Time slots and topics: optimal against brute force over every timetable, every
timetable valid, readers and the command line end to end."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import workshop_assign as wa
from exports import columns_per_rank, slot_export, write_xlsx
from helpers import run
from reference import objective_key
from workshop_assign.solver.slots import solve_slots
from workshop_assign.solver.timetables import equitable_colouring

TOPICS = ["T0", "T1", "T2"]
SLOTS = ["S0", "S1"]


@st.composite
def slot_problems(draw: st.DrawFn) -> tuple[list[tuple[str, str, int]], list[list[str]], int]:
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(SLOTS), st.sampled_from(TOPICS)),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    shops = [(s, t, draw(st.integers(0, 2))) for s, t in pairs]
    people = draw(
        st.lists(
            st.permutations(TOPICS).flatmap(lambda p: st.integers(0, 3).map(lambda n: list(p[:n]))),
            min_size=1,
            max_size=3,
        )
    )
    return shops, people, draw(st.integers(1, 2))


def timetables(
    shops: list[tuple[str, str, int]], wishes: list[str], k: int
) -> list[tuple[int, ...]]:
    options = [()]
    for size in range(1, k + 1):
        for combo in itertools.combinations(range(len(shops)), size):
            slots = [shops[w][0] for w in combo]
            topics = [shops[w][1] for w in combo]
            if len(set(slots)) == size and len(set(topics)) == size and set(topics) <= set(wishes):
                options.append(combo)
    return options


def brute_force(
    shops: list[tuple[str, str, int]], people: list[list[str]], k: int, objective: str
) -> tuple[int, ...]:
    max_rank = max((len(w) for w in people), default=0)
    best = None
    for choice in itertools.product(*[timetables(shops, w, k) for w in people]):
        load = [sum(w in c for c in choice) for w in range(len(shops))]
        if any(n > shops[w][2] for w, n in enumerate(load)):
            continue
        ranks = [people[p].index(shops[w][1]) + 1 for p, c in enumerate(choice) for w in c]
        key = objective_key(objective, ranks, max_rank)
        best = key if best is None or key < best else best
    assert best is not None
    return best


def build(shops: list[tuple[str, str, int]], people: list[list[str]]) -> wa.Problem:
    workshops = [wa.Workshop(f"{t} {s}", c, slot=s, topic=t) for s, t, c in shops]
    topics = {w.topic_name for w in workshops}
    prefs = {
        f"p{i}@x.example": [t for t in wishes if t in topics] for i, wishes in enumerate(people)
    }
    return wa.Problem.from_preferences(prefs, workshops=workshops)


@pytest.mark.parametrize("objective", ["rank-sum", "rank-maximal", "fair"])
@settings(max_examples=60)
@given(case=slot_problems())
def test_slots_match_brute_force(objective: str, case: tuple) -> None:  # type: ignore[type-arg]
    shops, people, k = case
    k = min(k, len({s for s, _, _ in shops}))
    problem = build(shops, people)
    topics = {t for _, t, _ in shops}
    people = [[t for t in wishes if t in topics] for wishes in people]
    result = solve_slots(problem, per_attendee=k, objective=objective)
    assert result.check() == [] and result.proven_optimal
    ranks = [int(r) for r in result.rank_of.ravel() if r]
    assert objective_key(objective, ranks, problem.max_rank) == brute_force(
        shops, people, k, objective
    )


@settings(max_examples=100)
@given(
    degrees=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3)), max_size=12),
    colours=st.integers(1, 5),
)
def test_equitable_colouring_is_proper_and_balanced(
    degrees: list[tuple[int, int]], colours: int
) -> None:
    edges = []
    for u, v in degrees:  # keep every degree within the number of colours
        if sum(e[0] == u for e in edges) < colours and sum(e[1] == v for e in edges) < colours:
            edges.append((u, v))
    result = equitable_colouring(edges, colours)
    for side in (0, 1):
        seen = [(e[side], c) for e, c in zip(edges, result, strict=True)]
        assert len(seen) == len(set(seen))
    sizes = [result.count(c) for c in range(colours)]
    assert max(sizes) - min(sizes) <= 1


def test_solve_handles_slots_itself_and_per_attendee_needs_slots() -> None:
    problem = build([("S0", "T0", 1), ("S1", "T1", 1)], [["T0", "T1"]])
    result = wa.solve(problem)
    assert result.has_slots and result.workshop_of.shape == (1, 2) and result.places_short == 0
    one = wa.solve_slots(problem, per_attendee=1)
    assert one.places_short == 0 and one.rank_counts == {1: 1, 2: 0}
    plain = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1})
    with pytest.raises(wa.InputError, match="per_attendee applies to workshops in time slots"):
        wa.solve(plain, per_attendee=2)
    with pytest.raises(wa.UnsupportedRulesError, match="fill_unranked"):
        wa.solve(problem, fill_unranked=True)
    with pytest.raises(wa.UnsupportedRulesError, match="MIP backend"):
        wa.solve(problem, rules=wa.Rules(backend="flow"))


def test_slots_from_the_workshops_sheet_and_the_command_line(tmp_path: Path) -> None:
    frame = columns_per_rank()
    path = write_xlsx(frame, tmp_path / "slots.xlsx", seats={"x": 1})
    book = load_workbook(path)
    sheet = book["Workshops"]
    sheet.delete_rows(1, sheet.max_row)
    sheet.append(["Workshop", "Plätze", "Zeitfenster", "Thema"])
    for slot in ("14:00", "16:00"):
        for topic in (
            "Digitale Zwillinge",
            "Mobilitätskonzepte",
            "Digitale Kompetenzen für mehr Teilhabe",
        ):
            sheet.append([f"{topic} ({slot})", 4, slot, topic])
    book.save(path)
    problem = wa.read_export(path)
    assert problem.has_slots and len(problem.topics) == 3
    target = tmp_path / "out.xlsx"
    done = run("solve", str(path), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "2 Zeitfenster" in done.stdout
    table = pd.read_excel(target, sheet_name="Zuteilung", engine="calamine")
    assert {"14:00", "16:00"} <= set(table.columns)


@pytest.mark.slow
def test_the_slot_path_honours_every_option_or_refuses_it(tmp_path: Path) -> None:
    path = slot_export(tmp_path)
    target = tmp_path / "out.xlsx"
    done = run(
        "solve", str(path), "-o", str(target), "--max-per", "Organisation=1", "--what-if", "2"
    )
    assert done.returncode == 0, done.stderr
    assert "2 Zeitfenster" in done.stdout and "fehlende Plätze" in done.stdout
    table = pd.read_excel(target, sheet_name="Zuteilung", engine="calamine")
    for slot in ("14:00", "16:00"):  # the cap holds in every session
        placed = table.dropna(subset=[slot])
        assert placed.groupby([slot, "Organisation"]).size().max() <= 1
    summary = pd.read_excel(target, sheet_name="Übersicht", header=None, engine="calamine")
    words = [str(w) for w in summary.to_numpy().ravel().tolist()]
    assert "Zeitfenster" in words and any("Höchstens je Organisation" in w for w in words)
    assert any("mehr Plätze" in w or "Plätze mehr" in w for w in words), "what-if lines"
    assert run("check", str(path), str(target)).returncode == 0
    refused = run("solve", str(path), "-o", str(tmp_path / "f.xlsx"), "--fill-unranked")
    assert refused.returncode == 4 and "fill-unranked" in refused.stderr  # invalid options
    assert "Traceback" not in refused.stderr and not (tmp_path / "f.xlsx").exists()
    updated = run("update", str(target), str(path), "-o", str(tmp_path / "u.xlsx"))
    assert updated.returncode == 4 and "time slots" in updated.stderr
    assert len(updated.stderr.strip().splitlines()) == 1
    impossible = run("solve", str(path), "-o", str(tmp_path / "r.xlsx"), "--require-all")
    assert impossible.returncode != 0 and not (tmp_path / "r.xlsx").exists()
    costly = run("solve", str(path), "-o", str(tmp_path / "c.xlsx"), "--unassigned-cost", "0")
    assert costly.returncode == 0, costly.stderr
    # leaving someone out costs nothing, so no place at a 2nd or 3rd choice is given
    assert "2. Wunsch: 0, 3. Wunsch: 0" in costly.stdout
