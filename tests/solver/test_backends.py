"""The backends behind one seam: same model, same optimum; the right one is chosen; a
backend handed in (a fake) is used, and what it returns is still checked."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import workshop_assign as wa
from strategies import Spec, specs
from workshop_assign.core.options import SolveOptions
from workshop_assign.solver import finish, pipeline, prepare, solve_model
from workshop_assign.solver.backends import (
    BACKENDS,
    FlowBackend,
    HighsBackend,
    SolverBackend,
    for_model,
)
from workshop_assign.solver.classmodel import ClassModel, Solution
from workshop_assign.solver.mip import MipSettings

real_for_model = for_model


def problem_of(spec: Spec) -> wa.Problem:
    return wa.Problem.from_preferences(spec.preferences(), capacities=spec.capacity_map())


@pytest.mark.parametrize("objective", ["rank-sum", "rank-maximal", "fair"])
@settings(max_examples=30, deadline=None)
@given(spec=specs())
def test_every_backend_finds_the_same_optimum_on_the_same_model(objective: str, spec: Spec) -> None:
    model = prepare(problem_of(spec), SolveOptions.create(objective=objective))
    values = set()
    for kind, backend in BACKENDS.items():
        result = finish(model, solve_model(model, backend))
        assert result.backend is kind and result.check() == []
        values.add(str(result.objective_value))
    assert len(values) == 1


def test_the_model_chooses_the_backend_its_rules_need() -> None:
    plain = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1, "B": 1})
    assert isinstance(for_model(prepare(plain, SolveOptions.create())), FlowBackend)
    shops = [wa.Workshop("A", 3, minimum=2), wa.Workshop("B", 1)]
    with_minimum = wa.Problem.from_preferences({"a@x.example": ["A"]}, workshops=shops)
    assert isinstance(for_model(prepare(with_minimum, SolveOptions.create())), HighsBackend)


class Fake:
    """A backend that answers what it is told to, to show the seam is the only way in."""

    kind = wa.Backend.FLOW

    def __init__(self, flows: np.ndarray, status: wa.Status) -> None:
        self.flows, self.status, self.calls = flows, status, 0

    def solve(self, model: ClassModel) -> Solution:
        self.calls += 1
        return Solution(self.flows, self.kind, self.status)


def two_people() -> ClassModel:
    problem = wa.Problem.from_preferences(
        {"a@x.example": ["A"], "b@x.example": ["A"]}, capacities={"A": 1}
    )
    return prepare(problem, SolveOptions.create())


def test_a_backend_handed_in_is_the_one_used() -> None:
    model = two_people()
    fake = Fake(np.zeros(len(model.arcs), dtype=np.int64), wa.Status.FEASIBLE)
    result = finish(model, solve_model(model, fake))
    assert fake.calls == 1
    assert result.status is wa.Status.FEASIBLE and not result.proven_optimal
    assert result.n_unassigned == 2


def test_what_a_backend_returns_is_checked_before_anyone_sees_it() -> None:
    model = two_people()
    overfull = Fake(np.full(len(model.arcs), 2, dtype=np.int64), wa.Status.OPTIMAL)
    with pytest.raises(wa.SolverError, match="breaks a rule"):
        finish(model, solve_model(model, overfull))


def test_the_mip_backend_owns_its_settings() -> None:
    shops = [wa.Workshop("A", 3, minimum=2), wa.Workshop("B", 1)]
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, workshops=shops)
    rules = wa.Rules(time_limit=7.5)
    chosen = for_model(prepare(problem, SolveOptions.create(rules=rules)))
    assert chosen == HighsBackend(time_limit=7.5)
    assert MipSettings(7.5).highs().threads is None  # HiGHS's own choice by default
    assert MipSettings(7.5, threads=2).highs().threads == 2
    assert not MipSettings(7.5, threads=2).highs().presolve  # on only to round counts


class Spy:
    """Counts what passes the seam, then lets the real backend answer."""

    def __init__(self) -> None:
        self.models: list[ClassModel] = []

    def __call__(self, model: ClassModel) -> SolverBackend:
        self.models.append(model)
        return real_for_model(model)


def test_update_and_what_if_solve_through_the_seam(monkeypatch: pytest.MonkeyPatch) -> None:
    wishes = {f"p{i}@x.example": ["A", "B"] for i in range(6)}
    problem = wa.Problem.from_preferences(wishes, capacities={"A": 4, "B": 4})
    result = wa.solve(problem)
    spy = Spy()
    monkeypatch.setattr(pipeline, "for_model", spy)
    later = wa.Problem.from_preferences(
        {**wishes, "new@x.example": ["B"]}, capacities={"A": 4, "B": 4}
    )
    frame = result.to_frame()
    done = wa.update(later, dict(zip(frame.attendee, frame.workshop, strict=True)))
    assert done.result.check() == []
    assert spy.models and len(spy.models[0].classes) >= 1  # the newcomers' small model
    seen = len(spy.models)
    wa.what_if(result, 2)
    assert len(spy.models) > seen  # every re-solve, too
