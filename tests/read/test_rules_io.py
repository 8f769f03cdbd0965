"""Rules from the export (group, fixed, exclusion columns; Workshops sheet) and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

import workshop_assign as wa
from exports import SEATS, SHOPS, columns_per_rank, write_xlsx
from helpers import run
from workshop_assign.write import result_metadata


def export_with_rules(tmp_path: Path) -> Path:
    frame = columns_per_rank()
    frame["Gruppe"] = ["", "Saalekreis", "", "", "", "", "", "Saalekreis", "", ""]
    frame["Fest"] = ["", "", "", "", "digitale zwillinge", "", "", "", "", ""]
    frame["Ausschluss"] = ["Digitale Zwillinge", "", "", "", "", "", "", "", "", ""]
    path = write_xlsx(frame, tmp_path / "rules.xlsx", seats={n: 5 for n in SEATS})
    book = load_workbook(path)
    sheet = book["Workshops"]
    sheet["C1"], sheet["D1"] = "Minimum", "Muss stattfinden"
    sheet["C2"], sheet["D2"] = 2, "ja"
    sheet["C4"] = 4
    book.save(path)
    return path


def test_rule_columns_and_workshop_sheet_are_read(tmp_path: Path) -> None:
    problem = wa.read_export(export_with_rules(tmp_path))
    assert problem.rules is not None
    keys = problem.keys
    assert problem.rules.groups[1] == problem.rules.groups[7] == "Saalekreis"
    assert problem.rules.fixed[4] == 0  # matched loosely: "digitale zwillinge"
    assert problem.rules.excluded[0] == frozenset({0})
    assert [(w.minimum, w.must_run) for w in problem.workshops] == [
        (2, True),
        (None, False),
        (4, False),
    ]
    result = wa.solve(problem)
    assert result.check() == []
    frame = result.to_frame()
    assert frame.loc[1, "workshop"] == frame.loc[7, "workshop"] or pd.isna(frame.loc[1, "workshop"])
    assert frame.loc[4, "workshop"] == SHOPS[0]
    assert frame.loc[0, "workshop"] != SHOPS[0]
    assert problem.source is not None
    assert {n.params["rule"] for n in problem.source.notes if n.code == "rule-column"} == {
        "group",
        "fixed",
        "exclude",
    }
    del keys


def test_cli_rule_options_end_to_end(tmp_path: Path) -> None:
    export = export_with_rules(tmp_path)
    target = tmp_path / "out.xlsx"
    done = run(
        "solve",
        str(export),
        "-o",
        str(target),
        "--max-per",
        "Organisation=1",
        "--minimum",
        "Mobilitätskonzepte=2",
        "--must-run",
        "Mobilitaetskonzepte",
        "--objective",
        "fair",
    )
    assert done.returncode == 0, done.stderr
    assert "die beste mögliche Zuteilung (nachgewiesen)" in done.stdout
    solved = json.loads(result_metadata(target)["solved"])  # solver terms: the record only
    assert solved["backend"] == "MIP (HiGHS)" and solved["status"] == "optimal"
    summary = pd.read_excel(target, sheet_name="Übersicht", header=None, engine="calamine")
    assert "niemand schlechter als nötig" in summary[1].tolist()


def test_cli_conflicting_rules_give_one_line_and_exit_6(tmp_path: Path) -> None:
    export = export_with_rules(tmp_path)
    done = run(
        "solve",
        str(export),
        "-o",
        str(tmp_path / "x.xlsx"),
        "--min-per",
        "Organisation:Stadt Zeitz=2",
    )
    assert done.returncode == 6, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "mindestens 2 mit Organisation 'Stadt Zeitz' in 'Digitale Zwillinge'" in lines[0]
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_rejects_malformed_rule_options(tmp_path: Path) -> None:
    done = run("solve", "x.xlsx", "--max-per", "Organisation")
    assert done.returncode == 2
    assert "write COLUMN=N or COLUMN=N%" in done.stderr
