"""What a type checker says of the public API: a misspelt objective is an error."""

from __future__ import annotations

import pytest
from mypy import api


@pytest.mark.slow
def test_a_misspelt_objective_is_a_type_error() -> None:
    snippet = (
        "import workshop_assign as wa\n"
        "problem = wa.Problem.from_preferences({'a@x.example': ['A']}, capacities={'A': 1})\n"
        "wa.solve(problem, objective='rank-maximal')\n"
        "wa.solve(problem, objective='rank-max')\n"
    )
    out, _, status = api.run(["--config-file=", "--strict", "--no-error-summary", "-c", snippet])
    assert status == 1
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "<string>:4:" in errors[0] and '"objective"' in errors[0]
