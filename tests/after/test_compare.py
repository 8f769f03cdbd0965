"""Mechanisms side by side: greedy ones by the book, optimal ones never worse off."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

import workshop_assign as wa
from exports import SEATS, START, columns_per_rank, write_xlsx
from helpers import run
from workshop_assign import synthetic
from workshop_assign.after.compare import (
    FCFS,
    RSD,
    compare,
    registration_order,
    serial_dictatorship,
)


def test_serial_dictatorship_gives_each_the_best_free_seat_in_turn() -> None:
    prefs = {"a@x.example": ["A", "B"], "b@x.example": ["A", "B"], "c@x.example": ["A"]}
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 1, "B": 1})
    workshops, ranks = serial_dictatorship(problem, np.array([2, 0, 1]))
    assert workshops.tolist() == [1, -1, 0] and ranks.tolist() == [2, 0, 1]


def test_fixed_places_and_exclusions_are_honoured_by_the_greedy_mechanisms() -> None:
    prefs = {"a@x.example": ["A", "B"], "b@x.example": ["A", "B"]}
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 1, "B": 1}).with_rules(
        fixed={"b@x.example": "A"}, exclude={"a@x.example": ["B"]}
    )
    workshops, _ = serial_dictatorship(problem, np.array([0, 1]))
    assert workshops.tolist() == [-1, 0]


def test_first_come_first_served_follows_the_time_stamps(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Zeitstempel"] = [START - timedelta(hours=i) for i in range(len(frame))]  # last row first
    problem = wa.read_export(write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS))
    assert registration_order(problem).tolist() == list(range(len(frame) - 1, -1, -1))


def test_the_optimum_is_never_worse_off_and_rows_add_up() -> None:
    problem = synthetic.generate(2000, 8, seed=51, capacity_factor=0.95).to_problem()
    table = compare(problem, seed=3)
    assert list(table.index) == [FCFS, RSD, "rank-sum", "rank-maximal", "fair"]
    ranks = [c for c in table.columns if c.startswith("rank ")]
    assert (table[ranks].sum(axis=1) + table["unassigned"] == 2000).all()
    assert table.loc["rank-sum", "worse off than rank-sum"] == 0
    assert table.loc[FCFS, "worse off than rank-sum"] > 0
    cost = (table[ranks] * np.arange(len(ranks))).sum(axis=1)
    placed = table[ranks].sum(axis=1)
    assert (placed <= placed["rank-sum"]).all()
    assert cost["rank-sum"] == min(cost[placed == placed["rank-sum"]])


def test_compare_command_writes_a_chart_workbook_and_a_png(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    book, png = tmp_path / "cmp.xlsx", tmp_path / "cmp.png"
    done = run("compare", str(export), "-o", str(book), "--plot", str(png), "--seed", "2")
    assert done.returncode == 0, done.stderr
    assert "Los-Reihenfolge" in done.stdout  # German, like the export
    with zipfile.ZipFile(book) as archive:
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = pd.read_excel(book, engine="calamine")
    assert table["Verfahren"].tolist()[:2] == ["wer zuerst kommt", "Los-Reihenfolge"]
    assert "1. Wunsch" in table.columns and "ohne Platz" in table.columns
    english = tmp_path / "en.xlsx"
    assert run("compare", str(export), "-o", str(english), "--lang", "en").returncode == 0
    table = pd.read_excel(english, engine="calamine")
    assert table["mechanism"].tolist()[:2] == [FCFS, RSD]


def test_compare_refuses_a_wrong_suffix_and_writes_both_outputs_or_neither(
    tmp_path: Path,
) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    done = run("compare", str(export), "-o", str(tmp_path / "x.txt"), "--lang", "en")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "-o writes an Excel workbook; give a name ending in .xlsx" in done.stderr
    assert not (tmp_path / "x.txt").exists()
    missing_folder = tmp_path / "nope" / "chart.png"
    done = run(
        "compare", str(export), "-o", str(tmp_path / "c.xlsx"), "--plot", str(missing_folder)
    )
    assert done.returncode == 8 and done.stderr.count("\n") == 1
    assert not (tmp_path / "c.xlsx").exists()  # the workbook waits for the chart
