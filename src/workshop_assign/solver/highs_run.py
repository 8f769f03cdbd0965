"""HiGHS for a model built with OR-Tools' model builder, through MathOpt.

The model builder's own ``Solver("highs")`` hands the model to HiGHS one row at a
time, and HiGHS copies its matrix on every row: measured on the rooms benchmark
(19,000 rows, 200,000 nonzeros), 3 s of an 8 s solve went into that hand-over alone.
MathOpt, shipped with the same OR-Tools, passes the whole matrix at once.  So the model
is still built with the model builder (fast, vectorised expressions) and exported as
its proto; this module turns that into MathOpt's proto with numpy and solves it,
answering the few calls ``solver.mip`` makes of the model builder's solver.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from ortools.linear_solver.python import model_builder as mb

Floats = npt.NDArray[np.float64]
# MathOpt's termination reasons (by name) in the model builder's terms; NO_SOLUTION_FOUND
# is a limit reached without an answer.
_STATUS = {
    "OPTIMAL": mb.SolveStatus.OPTIMAL,
    "INFEASIBLE": mb.SolveStatus.INFEASIBLE,
    "INFEASIBLE_OR_UNBOUNDED": mb.SolveStatus.INFEASIBLE,
    "UNBOUNDED": mb.SolveStatus.UNBOUNDED,
    "FEASIBLE": mb.SolveStatus.FEASIBLE,
    "NO_SOLUTION_FOUND": mb.SolveStatus.NOT_SOLVED,
}


class HighsRun:
    """One HiGHS solver for a model builder model: settings, then ``solve`` as often as
    the levels need, reading values of variables and expressions of the last answer."""

    def __init__(self, *, threads: int | None, absolute_gap: float) -> None:
        self.threads = threads
        self.absolute_gap = absolute_gap
        self.presolve = False
        self.seconds = 60.0
        self.objective_value = 0.0
        self.best_objective_bound = 0.0
        self._values: Floats = np.zeros(0)

    def set_time_limit_in_seconds(self, seconds: float) -> None:
        self.seconds = seconds

    def solve(self, model: mb.Model) -> mb.SolveStatus:
        """Solve ``model`` as it stands now; the status in the model builder's terms
        (FEASIBLE: stopped at the time limit with an answer).  MathOpt is loaded here,
        not with the module: most runs never need the MIP (0.2 s saved per start)."""
        from ortools.math_opt.python import mathopt  # noqa: PLC0415

        parameters = mathopt.SolveParameters(
            time_limit=datetime.timedelta(seconds=self.seconds),
            absolute_gap_tolerance=self.absolute_gap,
            relative_gap_tolerance=0.0,
            presolve=mathopt.Emphasis.MEDIUM if self.presolve else mathopt.Emphasis.OFF,
        )
        if self.threads is not None:  # HiGHS's own option: MathOpt refuses its generic one
            parameters.highs.int_options["threads"] = self.threads
        converted = mathopt.Model.from_model_proto(_mathopt_proto(model.export_to_proto()))
        try:
            result = mathopt.solve(converted, mathopt.SolverType.HIGHS, params=parameters)
        except (RuntimeError, ValueError, AttributeError):
            # HiGHS failing on a model (its kError) reaches us as MathOpt's RuntimeError,
            # or, where OR-Tools 9.15 cannot convert that status, as an AttributeError;
            # the model builder's interface answered NOT_SOLVED, and so does this one
            # (``solver.mip`` then says so in one line).
            return mb.SolveStatus.NOT_SOLVED
        status = _STATUS.get(result.termination.reason.name, mb.SolveStatus.UNKNOWN_STATUS)
        if result.has_primal_feasible_solution():
            found = np.zeros(model.num_variables)
            for variable, value in result.variable_values().items():
                found[variable.id] = value
            self._values = found
            self.objective_value = result.objective_value()
            self.best_objective_bound = result.best_objective_bound()
        return status

    def value(self, expression: Any) -> float:
        """The value of a variable or linear expression in the last answer."""
        if isinstance(expression, (int, float)):
            return float(expression)
        if isinstance(expression, mb.Variable):  # the common case: one count per arc
            return float(self._values[expression.index])
        flat = mb.FlatExpr(expression)
        indices = np.fromiter((v.index for v in flat.vars), dtype=np.int64, count=len(flat.vars))
        return float(self._values[indices] @ np.asarray(flat.coeffs) + flat.offset)


def _mathopt_proto(source: Any) -> Any:
    """MathOpt's proto of the model builder's (an ``MPModelProto``), built from arrays."""
    from ortools.math_opt import model_pb2  # noqa: PLC0415

    target = model_pb2.ModelProto()
    variables, n = source.variable, len(source.variable)
    columns = target.variables
    columns.ids.extend(range(n))
    columns.lower_bounds.extend([v.lower_bound for v in variables])
    columns.upper_bounds.extend([v.upper_bound for v in variables])
    columns.integers.extend([v.is_integer for v in variables])
    costs = np.array([v.objective_coefficient for v in variables])
    nonzero = np.flatnonzero(costs)
    target.objective.linear_coefficients.ids.extend(nonzero.tolist())
    target.objective.linear_coefficients.values.extend(costs[nonzero].tolist())
    target.objective.offset = source.objective_offset
    target.objective.maximize = source.maximize
    constraints = source.constraint
    rows = target.linear_constraints
    rows.ids.extend(range(len(constraints)))
    rows.lower_bounds.extend([c.lower_bound for c in constraints])
    rows.upper_bounds.extend([c.upper_bound for c in constraints])
    _matrix(target.linear_constraint_matrix, constraints)
    return target


def _matrix(matrix: Any, constraints: Any) -> None:
    """The constraint matrix as MathOpt wants it: triplets ordered by row, then column."""
    lengths = np.array([len(c.var_index) for c in constraints], dtype=np.int64)
    rows = np.repeat(np.arange(len(constraints), dtype=np.int64), lengths)
    columns = np.fromiter(
        (i for c in constraints for i in c.var_index), dtype=np.int64, count=int(lengths.sum())
    )
    coefficients = np.fromiter(
        (x for c in constraints for x in c.coefficient), dtype=np.float64, count=len(columns)
    )
    order = np.lexsort((columns, rows))
    matrix.row_ids.extend(rows[order].tolist())
    matrix.column_ids.extend(columns[order].tolist())
    matrix.coefficients.extend(coefficients[order].tolist())
