"""Rating grids and tied ranks read from exports: the ratings are the wishes (the
scale's levels, its worst an exclusion), workshops ranked alike tie; numbers count as
ratings only where the heading says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import workshop_assign as wa
from exports import SCALE_DE, SEATS, SHOPS, google_grid, rating_grid, write_xlsx
from workshop_assign.cli import main

RATINGS = [
    ["sehr gern", "gern", "auf keinen Fall"],
    ["Sehr gern", "sehr gern", "egal"],
    ["gern", "", "ungern"],
    ["egal", "gern", "sehr gern"],
]


def test_a_rating_grid_becomes_ratings(tmp_path: Path) -> None:
    path = write_xlsx(rating_grid(RATINGS), tmp_path / "a.xlsx", seats=SEATS)
    problem = wa.read_export(path)
    assert problem.source is not None and problem.source.layout == "rating grid"
    assert problem.scale is not None and problem.scale.never == "auf keinen Fall"
    assert problem.wishes_of(0) == (SHOPS[0], SHOPS[1])
    assert problem.wish_ranks[problem.wish_list_of[1]] == (0, 0, 2)  # a tie, then "egal"
    assert problem.wish_ranks[problem.wish_list_of[2]] == (1, 3)  # "gern", "ungern"
    assert problem.rules is not None and problem.rules.excluded[0] == frozenset({2})
    result = wa.solve(problem, objective="rating-sum", fill_unranked=True)
    assert result.check() == []
    assert result.to_frame().loc[0, "workshop"] != SHOPS[2]  # never where rated never
    assert result.objective_value == sum(  # the sum of the ratings people got (1-4)
        4 - int(r) + 1 for r in result.rank_of if r > 0
    )


def test_stars_are_ratings_and_bare_numbers_are_not(tmp_path: Path) -> None:
    stars = [["★★★★★", "★★☆☆☆", "★"], ["★★", "★★★★", "★★★"], ["★★★", "★★★", ""]]
    problem = wa.read_export(write_xlsx(rating_grid(stars), tmp_path / "s.xlsx", seats=SEATS))
    assert problem.scale is not None and problem.scale.labels[0] == "5"
    assert problem.wish_ranks[problem.wish_list_of[2]] == (2, 2)
    numbers = [[5, 2, 1], [2, 4, 3], [3, 3, 1], [1, 5, 2]]
    rated = write_xlsx(rating_grid(numbers, "Bewertung"), tmp_path / "n.xlsx", seats=SEATS)
    assert wa.read_export(rated).scale is not None
    bare = write_xlsx(rating_grid(numbers, "Wahl"), tmp_path / "b.xlsx", seats=SEATS)
    with pytest.raises(wa.SpreadsheetError, match="found no columns with ranked wishes"):
        wa.read_export(bare)  # 1 could be the best or the worst: the reader does not guess


def test_a_rank_grid_with_two_equal_ranks_is_a_tie(tmp_path: Path) -> None:
    frame = google_grid("de")
    question = "Bitte ordnen Sie die Workshops"
    frame.loc[0, f"{question} [{SHOPS[1]}]"] = "1. Wahl"
    frame.loc[0, f"{question} [{SHOPS[2]}]"] = "1. Wahl"
    frame.loc[0, f"{question} [{SHOPS[0]}]"] = "2. Wahl"
    problem = wa.read_export(write_xlsx(frame, tmp_path / "g.xlsx", seats=SEATS))
    assert set(problem.wishes_of(0)[:2]) == {SHOPS[1], SHOPS[2]}
    assert problem.wish_ranks[problem.wish_list_of[0]] == (0, 0, 1)
    notes = [n.text("de") for n in problem.source.notes if n.code == "tie"]
    assert notes == ["mehrere Workshops haben Rang 1: als gleichrangige Wünsche übernommen"]


@pytest.mark.parametrize("scale", [SCALE_DE])
def test_a_rating_off_the_scale_is_noted(tmp_path: Path, scale: list[str]) -> None:
    cells = [[scale[4], scale[3], scale[0]]] * 9 + [["vielleicht", scale[3], scale[1]]]
    problem = wa.read_export(write_xlsx(rating_grid(cells), tmp_path / "x.xlsx", seats=SEATS))
    unknown = [n for n in problem.source.notes if n.code == "unknown-rank"]
    assert [n.value for n in unknown] == ["vielleicht"] and unknown[0].row == 11


def test_the_command_line_solves_and_checks_a_rating_grid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cells = [["sehr gern", "gern", "auf keinen Fall"], ["gern", "sehr gern", "egal"]] * 3
    export = write_xlsx(rating_grid(cells), tmp_path / "bewertung.xlsx", seats=SEATS)
    target = tmp_path / "out.xlsx"
    assert main(["solve", str(export), "-o", str(target), "--objective", "rating-sum"]) == 0
    said = capsys.readouterr().out
    assert "Ziel: die höchste Summe der Bewertungen" in said
    assert "sehr gern: 6, gern: 0, egal: 0, ungern: 0, ohne Platz: 0" in said
    summary = pd.read_excel(target, sheet_name="Übersicht", header=None, engine="calamine")
    assert "Personen je erhaltener Bewertung" in summary[0].tolist()
    assert main(["check", str(export), str(target)]) == 0
    assert "Zielwert des Ergebnisses: 24; Optimum: 24" in capsys.readouterr().out
