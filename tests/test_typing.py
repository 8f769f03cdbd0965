"""What a type checker says of the public API: a misspelt choice (objective, group
mode, backend, language) is an error, and settings are keyword-only; at run time the
same mistakes stop with an ``InputError`` or ``TypeError`` naming what to give."""

from __future__ import annotations

import pytest
from mypy import api

import workshop_assign as wa

LINES = [
    "import workshop_assign as wa",
    "problem = wa.Problem.from_preferences({'a@x.example': ['A']}, capacities={'A': 1})",
    "result = wa.solve(problem, objective='rank-maximal', rules=wa.Rules(groups='soft'))",
    "result.to_frame(lang='de')",
    "wa.solve(problem, objective='rank-max')",  # 5: misspelt objective
    "wa.Rules(groups='weich')",  # 6: a group mode in German
    "wa.Rules(backend='cbc')",  # 7: a backend we do not have
    "result.to_frame(lang='fr')",  # 8: a language we do not speak
    "wa.Rules(wa.GroupMode.SOFT)",  # 9: settings are keyword-only
    "wa.Workshop('A', 10, 2)",  # 10: the minimum by position
]


@pytest.mark.slow
def test_misspelt_choices_and_positional_settings_are_type_errors() -> None:
    snippet = "\n".join(LINES) + "\n"
    out, _, status = api.run(["--config-file=", "--strict", "--no-error-summary", "-c", snippet])
    assert status == 1
    lines = sorted({int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line})
    assert lines == [5, 6, 7, 8, 9, 10], out


def _solved() -> wa.Result:
    problem = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 1})
    return wa.solve(problem)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: wa.Rules(groups="weich"), "groups must be 'hard' or 'soft', not 'weich'"),  # type: ignore[arg-type]
        (lambda: wa.Rules(backend="cbc"), "backend must be 'auto', 'flow' or 'mip'"),  # type: ignore[arg-type]
        (lambda: _solved().to_frame(lang="fr"), "lang must be one of 'en', 'de', not 'fr'"),  # type: ignore[arg-type]
        (lambda: _solved().explanations("DE"), "not 'DE'"),  # type: ignore[arg-type]
    ],
)
def test_a_wrong_choice_at_run_time_names_the_choices(make: object, says: str) -> None:
    with pytest.raises(wa.InputError, match=says.replace("(", r"\(")):
        make()  # type: ignore[operator]


def test_settings_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        wa.Rules(wa.GroupMode.SOFT)  # type: ignore[misc]
    with pytest.raises(TypeError):
        wa.Workshop("A", 10, 2)  # type: ignore[misc]
    with pytest.raises(TypeError):
        wa.Room("Saal", 30, "14:00")  # type: ignore[misc]
    assert wa.Workshop("A", 10, minimum=2).minimum == 2
