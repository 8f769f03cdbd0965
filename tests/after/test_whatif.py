"""What-if figures equal a re-solve with the changed capacity (both computation paths)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

import workshop_assign as wa
from workshop_assign import synthetic


def resolved(result: wa.Result, index: int, extra: int) -> wa.Result:
    problem = result.problem
    shops = list(problem.workshops)
    shops[index] = replace(shops[index], capacity=shops[index].capacity + extra)
    return wa.solve(
        replace(problem, workshops=tuple(shops)),
        objective=result.objective,
        rules=result.options.rules,
    )


@pytest.mark.parametrize("objective", ["rank-sum", "fair"])
@pytest.mark.parametrize("with_rules", [False, True])
def test_what_if_equals_a_fresh_solve(objective: str, with_rules: bool) -> None:
    event = synthetic.generate(600, 5, seed=41, capacity_factor=0.9, group_share=0.1)
    shops = [
        wa.Workshop(n, c, minimum=c // 5 if with_rules else None)
        for n, c in event.capacities.items()
    ]
    problem = wa.Problem.from_preferences(event.preferences, workshops=shops)
    if with_rules:
        problem = problem.with_rules(groups=event.groups)
    result = wa.solve(problem, objective=objective)
    table = wa.what_if(result, extra=7)
    assert list(table.index) == list(problem.workshop_names)
    for index, name in enumerate(problem.workshop_names):
        other = resolved(result, index, 7)
        for rank in result.rank_counts:
            assert (
                table.loc[name, f"rank {rank}"]
                == other.rank_counts[rank] - result.rank_counts[rank]
            )
        assert table.loc[name, "unassigned"] == other.n_unassigned - result.n_unassigned
        assert table.loc[name, "objective"] == other.objective_value


def test_what_if_lines_in_the_summary(tmp_path: pytest.TempPathFactory) -> None:
    prefs = {f"p{i}@x.example": ["A", "B"] for i in range(6)}
    result = wa.solve(wa.Problem.from_preferences(prefs, capacities={"A": 2, "B": 4}))
    target = result.to_excel(
        tmp_path / "r.xlsx",
        lang="en",  # type: ignore[operator]
        what_if=(3, wa.what_if(result, 3)),
    )
    summary = pd.read_excel(target, sheet_name="Summary", header=None, engine="calamine")
    lines = summary[0].dropna().tolist()
    assert "+3 seats in A: +3 with choice 1, -3 with choice 2" in lines
    assert "+3 seats in B: no change" in lines
