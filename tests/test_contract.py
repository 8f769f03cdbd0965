"""One contract for every entry point, over the same generated problems.

Flow solve, MIP solve, time slots, update, what-if and compare each promise: the checker
passes on what they return, the problem handed in is not changed, every error they raise
is a ``WorkshopAssignError``, the optimum equals brute force on tiny instances, and the
output is the same in every process whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workshop_assign as wa
from reference import brute_force, objective_key
from strategies import Spec, specs
from workshop_assign.after.compare import compare

OBJECTIVES = ["rank-sum", "rank-maximal", "fair"]


def fingerprint(problem: wa.Problem) -> bytes:
    """Every field of the problem (caches such as ``max_rank`` are not its data)."""
    return pickle.dumps([getattr(problem, f.name) for f in fields(problem)])


def problem_of(spec: Spec) -> wa.Problem:
    return wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())


def key_of(problem: wa.Problem, objective: str, ranks: list[int]) -> tuple[int, ...]:
    return objective_key(objective, ranks, problem.max_rank)


def flow(problem: wa.Problem, objective: str) -> tuple[int, ...]:
    result = wa.solve(problem, objective=objective)  # type: ignore[arg-type]
    assert result.backend is wa.Backend.FLOW and result.check() == []
    return key_of(problem, objective, [int(r) for r in result.rank_of])


def mip(problem: wa.Problem, objective: str) -> tuple[int, ...]:
    rules = wa.Rules(backend="mip")
    result = wa.solve(problem, objective=objective, rules=rules)  # type: ignore[arg-type]
    assert result.backend is wa.Backend.MIP and result.check() == [] and result.proven_optimal
    return key_of(problem, objective, [int(r) for r in result.rank_of])


def slots(problem: wa.Problem, objective: str) -> tuple[int, ...]:
    """All workshops in one time slot, one each: the plain problem as a timetable."""
    one_slot = tuple(replace(w, slot="Nachmittag") for w in problem.workshops)
    timed = wa.Problem.from_preferences(
        {k: list(problem.wishes_of(i)) for i, k in enumerate(problem.keys)}, workshops=one_slot
    )
    result = wa.solve_slots(timed, per_attendee=1, objective=objective)
    assert result.check() == [] and result.proven_optimal
    return key_of(problem, objective, [int(r) for r in result.rank_of[:, 0]])


def update_unchanged(problem: wa.Problem, objective: str) -> tuple[int, ...]:
    """Updating an optimal result with the same registrations moves nobody."""
    first = wa.solve(problem, objective=objective)  # type: ignore[arg-type]
    frame = first.to_frame()
    previous = {
        k: (None if pd.isna(v) else str(v))  # NaN: unassigned
        for k, v in zip(frame["attendee"], frame["workshop"], strict=True)
    }
    done = wa.update(problem, previous, objective=objective)  # type: ignore[arg-type]
    assert done.result.check() == [] and len(done.moves) == 0
    kept = [previous[k] for k in problem.keys]
    placed = done.result.to_frame()["workshop"].tolist()
    assert all(p == k for k, p in zip(kept, placed, strict=True) if k is not None)
    return key_of(problem, objective, [int(r) for r in done.result.rank_of])


def what_if_zero(problem: wa.Problem, objective: str) -> tuple[int, ...]:
    """No extra seat changes nothing, on the flow path and on the re-solve path."""
    result = wa.solve(problem, objective=objective)  # type: ignore[arg-type]
    changes = wa.what_if(result, 0)
    people = [c for c in changes.columns if str(c).startswith(("rank ", "unassigned"))]
    assert (changes[people].to_numpy() == 0).all()
    return key_of(problem, objective, [int(r) for r in result.rank_of])


def compared(problem: wa.Problem, objective: str) -> tuple[int, ...]:
    """The comparison's row for the objective is that objective's optimum."""
    table = compare(problem, seed=1)
    row = table.loc[next(i for i in table.index if objective in str(i))]
    ranks = [int(c.split()[1]) for c in table.columns if str(c).startswith("rank ")]
    rank_of = [r for r in ranks for _ in range(int(row[f"rank {r}"]))]
    rank_of += [0] * int(row["unassigned"])
    return key_of(problem, objective, rank_of)


ENTRY_POINTS: dict[str, Callable[[wa.Problem, str], tuple[int, ...]]] = {
    "flow solve": flow,
    "MIP solve": mip,
    "time slots": slots,
    "update": update_unchanged,
    "what-if": what_if_zero,
    "compare": compared,
}


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("objective", OBJECTIVES)
@settings(max_examples=25, deadline=None)
@given(spec=specs())
def test_the_contract(entry: str, objective: str, spec: Spec) -> None:
    problem = problem_of(spec)
    before = fingerprint(problem)
    try:
        found = ENTRY_POINTS[entry](problem, objective)
    except AssertionError:
        raise
    except Exception as error:  # every error must be one of ours
        assert isinstance(error, wa.WorkshopAssignError), repr(error)
        return
    assert fingerprint(problem) == before, "the problem handed in was changed"
    assert found == brute_force(spec.wishes, spec.capacities, objective)


@given(spec=specs(), extra=st.integers(-3, 2))
@settings(max_examples=25, deadline=None)
def test_bad_requests_raise_our_errors(spec: Spec, extra: int) -> None:
    problem = problem_of(spec)
    requests: list[Callable[[], object]] = [
        lambda: wa.solve(problem, require_all=True),
        lambda: wa.solve(problem, rank_costs=(1,) * extra if extra > 0 else ()),
        lambda: wa.what_if(wa.solve(problem), extra),
        lambda: wa.solve_slots(problem, per_attendee=max(extra, 0)),
    ]
    for request in requests:
        try:
            request()
        except Exception as error:
            assert isinstance(error, wa.WorkshopAssignError), repr(error)


SCRIPT = """
import json, sys
sys.path.insert(0, {tests!r})
import workshop_assign as wa
from test_contract import ENTRY_POINTS, OBJECTIVES
from workshop_assign import synthetic
event = synthetic.generate(60, 4, seed=7, capacity_factor=0.9)
problem = wa.Problem.from_preferences(event.preferences, capacities=event.capacities)
out = {{}}
for name, entry in sorted(ENTRY_POINTS.items()):
    for objective in OBJECTIVES:
        out[name + " " + objective] = list(entry(problem, objective))
results = [wa.solve(problem, objective=o) for o in OBJECTIVES]
out["assignments"] = [r.to_frame()["workshop"].astype(str).tolist() for r in results]
print(json.dumps(out))
"""


def test_every_entry_point_gives_the_same_output_whatever_the_hash_seed() -> None:
    tests = str(Path(__file__).parent)
    outputs = []
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT.format(tests=tests)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=300,
        )
        outputs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert outputs[0] == outputs[1] == outputs[2]
