"""HiGHS through MathOpt answers a model builder model as the model builder's own HiGHS
does: the same optimum on random small programs, values of variables and expressions,
and the statuses the MIP backend reads."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.linear_solver.python import model_builder as mb
from ortools.math_opt.python import mathopt

from workshop_assign.solver.highs_run import _STATUS, HighsRun

Row = tuple[tuple[int, ...], int]  # coefficients per variable, right-hand side


@st.composite
def programs(draw: st.DrawFn) -> tuple[list[bool], list[int], list[Row]]:
    n = draw(st.integers(1, 6))
    integral = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    costs = draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
    coefficient = st.integers(-3, 4)
    row = st.tuples(st.lists(coefficient, min_size=n, max_size=n).map(tuple), st.integers(0, 9))
    return integral, costs, draw(st.lists(row, max_size=5))


def build(program: tuple[list[bool], list[int], list[Row]]) -> tuple[mb.Model, list[mb.Variable]]:
    integral, costs, rows = program
    model = mb.Model()  # type: ignore[no-untyped-call]
    xs = [model.new_var(0, 4, whole, f"x{i}") for i, whole in enumerate(integral)]
    for coefficients, bound in rows:
        model.add(mb.LinearExpr.weighted_sum(xs, list(coefficients)) + xs[0] - xs[0] <= bound)
    model.minimize(mb.LinearExpr.weighted_sum(xs, costs))
    return model, xs


@settings(max_examples=60, deadline=None)
@given(program=programs())
def test_the_same_optimum_as_the_model_builders_own_highs(
    program: tuple[list[bool], list[int], list[Row]],
) -> None:
    model, xs = build(program)
    reference = mb.Solver("highs")
    reference.enable_output(False)
    expected = reference.solve(model)
    ours = HighsRun(threads=1, absolute_gap=1e-6)
    assert ours.solve(model) == expected
    if expected == mb.SolveStatus.OPTIMAL:
        # both within HiGHS's feasibility tolerance (1e-7 per row) of the same optimum
        assert ours.objective_value == pytest.approx(reference.objective_value, abs=1e-4)
        objective = mb.LinearExpr.weighted_sum(xs, program[1])
        assert ours.value(objective) == pytest.approx(ours.objective_value, abs=1e-5)
        for x, whole in zip(xs, program[0], strict=True):
            value = ours.value(x)
            assert -1e-5 <= value <= 4 + 1e-5
            assert not whole or value == pytest.approx(round(value), abs=1e-5)  # HiGHS: 1e-6


def test_an_infeasible_program_says_so_and_a_later_level_sees_the_changed_model() -> None:
    model = mb.Model()  # type: ignore[no-untyped-call]
    x = model.new_int_var(0, 3, "x")
    model.maximize(x)
    run = HighsRun(threads=None, absolute_gap=0.5)
    assert run.solve(model) == mb.SolveStatus.OPTIMAL and run.value(x) == 3
    assert run.value(2 * x + 1) == 7 and run.value(5) == 5
    model.add(x <= 1)  # the next level: the model as it stands now
    assert run.solve(model) == mb.SolveStatus.OPTIMAL and run.value(x) == 1
    model.add(x >= 2)
    assert run.solve(model) == mb.SolveStatus.INFEASIBLE


def test_every_termination_read_is_one_of_mathopts_names() -> None:
    """The statuses are read by MathOpt's names: a renamed reason would read as unknown."""
    assert set(_STATUS) <= {reason.name for reason in mathopt.TerminationReason}
    assert _STATUS["FEASIBLE"] == mb.SolveStatus.FEASIBLE  # a limit with an answer: a gap
