"""HiGHS given the MIP through MathOpt (the library's way) against the model builder's
own HiGHS interface (the way before), on the same models in the same run.

    cd benchmarks && ../.venv/bin/python handover.py

Prints seconds per case and the ratio (model builder / MathOpt); both must reach the
same optimum (checked).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import run
from ortools.linear_solver.python import model_builder as mb

import workshop_assign as wa
from workshop_assign.solver import mip


class ModelBuilderHighs:
    """The model builder's own HiGHS, answering what ``solver.mip`` asks."""

    def __init__(self, threads: int | None) -> None:
        self.solver = mb.Solver("highs")
        self.solver.enable_output(False)
        self.threads = threads
        self.presolve = False
        self.seconds = 60.0

    def set_time_limit_in_seconds(self, seconds: float) -> None:
        self.seconds = seconds

    def solve(self, model: mb.Model) -> Any:
        text = "mip_rel_gap=0\nmip_abs_gap=0.5\npresolve=" + ("on" if self.presolve else "off")
        if self.threads is not None:
            text += f"\nthreads={self.threads}"
        self.solver.set_solver_specific_parameters(text)
        self.solver.set_time_limit_in_seconds(self.seconds)
        return self.solver.solve(model)

    def value(self, expression: Any) -> float:
        return float(self.solver.value(expression))

    @property
    def objective_value(self) -> float:
        return float(self.solver.objective_value)

    @property
    def best_objective_bound(self) -> float:
        return float(self.solver.best_objective_bound)


def timed(solve: Callable[[], wa.Result]) -> tuple[wa.Result, float]:
    start = time.perf_counter()
    result = solve()
    return result, time.perf_counter() - start


def cases() -> dict[str, Callable[[], wa.Result]]:
    """The benchmark suite's MIP cases: rooms, time slots with rules, rules."""
    event, rooms, rules = run.rooms_event(10_000, 40, 30, 3)
    slots, slot_rules = run.slots_problem(10_000, 10, 3)
    grouped, group_rules = run.rules_problem(
        30_000, 30, minimum_share=0.2, groups=True, org_cap=True
    )
    return {
        "rooms: 10,000, 40 workshops, 30 rooms": lambda: wa.solve(event, rules=rules, rooms=rooms),
        "time slots: 10,000, 3 x 10, 2 each": lambda: wa.solve(
            slots, rules=slot_rules, per_attendee=2
        ),
        "rules: 30,000, 30 workshops, minimums, groups, caps": lambda: wa.solve(
            grouped, rules=group_rules
        ),
    }


def main() -> None:
    report = {}
    original = mip.MipSettings.highs
    for name, solve in cases().items():
        ours, seconds = timed(solve)
        mip.MipSettings.highs = lambda self: ModelBuilderHighs(self.threads)  # type: ignore[method-assign,assignment,return-value]
        try:
            theirs, before = timed(solve)
        finally:
            mip.MipSettings.highs = original  # type: ignore[method-assign]
        assert ours.objective_value == theirs.objective_value and ours.proven_optimal
        report[name] = {
            "mathopt_s": round(seconds, 2),
            "model_builder_s": round(before, 2),
            "ratio": round(before / seconds, 2),
        }
        print(json.dumps({name: report[name]}), flush=True)


if __name__ == "__main__":
    main()
