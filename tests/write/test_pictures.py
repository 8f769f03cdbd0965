"""A result in a notebook and as a plot: the numbers drawn are the result's own (people
per wish received, people per workshop against its seats), names are escaped, and
without matplotlib ``plot`` says which extra to install."""

from __future__ import annotations

import re
import sys

import matplotlib
import pytest

import workshop_assign as wa
from workshop_assign.write.pictures import WIDTH, charts

matplotlib.use("Agg")


def _result() -> wa.Result:
    prefs = {
        "a@x.example": ["Zwillinge", "Mobilität"],
        "b@x.example": ["Zwillinge", "Mobilität"],
        "c@x.example": ["Zwillinge"],
        "d@x.example": ["<script>alert(1)</script>"],
    }
    seats = {"Zwillinge": 1, "Mobilität": 4, "<script>alert(1)</script>": 0}
    return wa.solve(wa.Problem.from_preferences(prefs, capacities=seats))


def test_the_charts_count_what_the_result_says() -> None:
    result = _result()
    drawn = charts(result)
    assert drawn.wishes == [("1st wish", 1), ("2nd wish", 2), ("none", 1)]
    assert drawn.workshops == [
        ("Zwillinge", 1, 1),
        ("Mobilität", 2, 4),
        ("<script>alert(1)</script>", 0, 0),
    ]
    unlimited = wa.Problem.from_preferences({"a@x.example": ["A"]}, capacities={"A": 50})
    rooms = wa.solve(unlimited, rooms=[wa.Room("Saal", 30)])
    assert charts(rooms).workshops == [("A", 1, 30)]  # the room's seats


def test_the_notebook_view_has_the_summary_and_bars_of_the_right_length() -> None:
    shown = _result()._repr_html_()
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "optimal (proven)" in shown and "<td>rank-sum</td>" in shown
    widths = [int(w) for w in re.findall(r"class='bar' x='200' y='\d+' width='(\d+)'", shown)]
    # wishes: 1, 2, 1 of most 2; workshops: 1 of 1, 2 of 4, 0 of 0
    assert widths == [WIDTH // 2, WIDTH, WIDTH // 2, WIDTH, WIDTH // 2, 0]


def test_plot_draws_the_same_numbers() -> None:
    figure = _result().plot()
    wishes, workshops = figure.axes
    assert [bar.get_height() for bar in wishes.patches] == [1, 2, 1]
    people = [bar.get_width() for bar in workshops.patches][3:]  # after the seats' bars
    assert people == [1, 2, 0]


def test_plot_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install 'workshop-assign\[plot\]'"):
        _result().plot()
