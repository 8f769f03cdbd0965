"""HiGHS through MathOpt answers a model builder model as the model builder's own HiGHS
does: the same optimum on random small programs, values of variables and expressions,
and the statuses the MIP backend reads."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
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


# HiGHS 1.12 fails on these two (the model builder's interface answers NOT_SOLVED on
# both); through MathOpt the first is solved and the second fails the same way.
HIGHS_FAILS = (
    [True, False, True, False, False, False],
    [-1, 0, 0, 0, 0, -2],
    [
        ((1, 0, 2, 1, 0, 1), 7),
        ((-1, 0, 0, 0, 0, 0), 0),
        ((-1, 0, -1, 0, 0, 1), 0),
        ((1, 0, 1, -2, 0, 0), 2),
        ((2, 0, -1, 0, 0, 0), 0),
    ],
)
HIGHS_ERRS = (
    HIGHS_FAILS[0],
    HIGHS_FAILS[1],
    [((0,) * 6, 0), *HIGHS_FAILS[2][:1], *HIGHS_FAILS[2][2:]],
)


@settings(max_examples=60, deadline=None)
@example(program=HIGHS_FAILS)
@example(program=HIGHS_ERRS)
@given(program=programs())
def test_the_same_optimum_as_the_model_builders_own_highs(
    program: tuple[list[bool], list[int], list[Row]],
) -> None:
    model, xs = build(program)
    reference = mb.Solver("highs")
    reference.enable_output(False)
    expected = reference.solve(model)
    ours = HighsRun(threads=1, absolute_gap=1e-6)
    status = ours.solve(model)  # never an exception: a HiGHS failure is NOT_SOLVED
    if expected == mb.SolveStatus.NOT_SOLVED:  # HiGHS failed there: no optimum to compare
        assert status in (mb.SolveStatus.NOT_SOLVED, mb.SolveStatus.OPTIMAL)
        if status == mb.SolveStatus.OPTIMAL:
            _assert_feasible(program, ours, xs)
        return
    assert status == expected
    if expected == mb.SolveStatus.OPTIMAL:
        # both within HiGHS's feasibility tolerance (1e-7 per row) of the same optimum
        assert ours.objective_value == pytest.approx(reference.objective_value, abs=1e-4)
        objective = mb.LinearExpr.weighted_sum(xs, program[1])
        assert ours.value(objective) == pytest.approx(ours.objective_value, abs=1e-5)
        _assert_feasible(program, ours, xs)


def _assert_feasible(
    program: tuple[list[bool], list[int], list[Row]], ours: HighsRun, xs: list[mb.Variable]
) -> None:
    """Every bound, integrality and row of the program holds for our answer."""
    values = [ours.value(x) for x in xs]
    for value, whole in zip(values, program[0], strict=True):
        assert -1e-5 <= value <= 4 + 1e-5
        assert not whole or value == pytest.approx(round(value), abs=1e-5)  # HiGHS: 1e-6
    for coefficients, bound in program[2]:
        assert sum(c * v for c, v in zip(coefficients, values, strict=True)) <= bound + 1e-5


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
