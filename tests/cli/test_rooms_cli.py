"""Rooms instead of seats on the command line: a Räume sheet or --room, the room plan
in the workbook, each workshop's room on its roster."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import workshop_assign as wa
from exports import SEATS, SHOPS, columns_per_rank, write_xlsx
from workshop_assign.cli import main


def rooms_export(tmp_path: Path, rooms: list[tuple[object, ...]]) -> Path:
    """The Halle export whose Workshops sheet has no seats, with a Räume sheet."""
    path = write_xlsx(columns_per_rank(), tmp_path / "raeume.xlsx", seats=SEATS)
    book = load_workbook(path)
    shops = book["Workshops"]
    shops["B1"] = "Leitung"  # no seats: the rooms decide
    for row in range(2, 2 + len(SEATS)):
        shops[f"B{row}"] = f"Referentin {row - 1}"
    sheet = book.create_sheet("Räume")  # with only its headings when there are no rooms
    sheet.append(["Raum", "Plätze", "Ausstattung"])
    for room in rooms:
        sheet.append(list(room))
    book.save(path)
    return path


def test_a_rooms_sheet_decides_the_seats_and_the_workbook_has_the_plan(tmp_path: Path) -> None:
    export = rooms_export(
        tmp_path, [("Saal", 6, ""), ("Raum 1.01", 3, "Beamer"), ("Raum 1.03", 2, "")]
    )
    target = tmp_path / "out.xlsx"
    assert main(["solve", str(export), "-o", str(target)]) == 0
    sheets = pd.read_excel(target, sheet_name=None, engine="calamine")
    plan = sheets["Raumplan"]
    assert list(plan.columns) == ["Workshop", "Zeit", "Raum", "Plätze", "Personen"]
    assert sorted(plan["Raum"]) == ["Raum 1.01", "Raum 1.03", "Saal"]
    assert plan["Personen"].sum() == 10  # everyone has a place: 6 + 3 + 2 seats
    said = " ".join(str(v) for v in sheets["Übersicht"].to_numpy().ravel() if pd.notna(v))
    assert "Räume zur Wahl: Saal (6), Raum 1.01 (3), Raum 1.03 (2) 3" in said
    for _, row in plan.iterrows():  # each roster names its room and its people
        heading = str(sheets[str(row["Workshop"])[:31]].iloc[0, 0])
        assert f"{row['Raum']} · {row['Personen']} Personen / {row['Plätze']} Plätze" in heading


def test_rooms_on_the_command_line(tmp_path: Path) -> None:
    export = rooms_export(tmp_path, [])
    target = tmp_path / "out.xlsx"
    rooms = ["--room", "Saal=8", "--room", "Klein=2:Beamer"]
    assert main(["solve", str(export), "-o", str(target), *rooms]) == 0
    plan = pd.read_excel(target, sheet_name="Raumplan", engine="calamine")
    assert set(plan["Raum"]) == {"Saal", "Klein"} and plan["Personen"].sum() == 10
    assert set(plan["Workshop"]) <= set(SHOPS)


@pytest.mark.parametrize("room", ["Saal", "Saal=viele", "=3"])
def test_a_wrong_room_option_is_one_line(
    tmp_path: Path, room: str, capsys: pytest.CaptureFixture[str]
) -> None:
    export = rooms_export(tmp_path, [])
    with pytest.raises(SystemExit) as stopped:
        main(["solve", str(export), "-o", str(tmp_path / "o.xlsx"), "--room", room])
    assert stopped.value.code == 2
    assert "write NAME=SEATS" in capsys.readouterr().err


def test_a_room_sheet_with_a_wrong_seat_cell_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = rooms_export(tmp_path, [("Saal", "viele", "")])
    assert main(["solve", str(export), "-o", str(tmp_path / "o.xlsx"), "--lang", "en"]) == 3
    assert "'Räume', cell B2: 'viele' is not a number of seats" in capsys.readouterr().err


def test_a_rooms_result_is_checked_and_updated(tmp_path: Path) -> None:
    """check re-solves it with its rooms; update keeps them (the published options)."""
    export = rooms_export(tmp_path, [("Saal", 6, ""), ("Raum 1.01", 3, ""), ("Raum 1.03", 2, "")])
    target, updated = tmp_path / "out.xlsx", tmp_path / "neu.xlsx"
    assert main(["solve", str(export), "-o", str(target)]) == 0
    assert main(["check", str(export), str(target)]) == 0
    assert main(["update", str(target), str(export), "-o", str(updated)]) == 0
    before = pd.read_excel(target, sheet_name="Raumplan", engine="calamine")
    after = pd.read_excel(updated, sheet_name="Raumplan", engine="calamine")
    assert after["Personen"].sum() == before["Personen"].sum() == 10


def test_inspect_and_compare_speak_of_rooms_not_of_a_billion_seats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without seats of their own the workshops' seats come from their rooms: inspect
    says so and lists the rooms; compare gives every mechanism the optimal plan's rooms
    (the simple ones choose none) and says which."""
    export = rooms_export(tmp_path, [("Saal", 4, ""), ("Raum 1.01", 3, ""), ("Raum 1.03", 1, "")])
    assert main(["inspect", str(export)]) == 0
    shown = capsys.readouterr().out
    assert "aus dem Raum" in shown and "1000000000" not in shown and "1,000,000,000" not in shown
    assert "Räume zur Wahl" in shown and "Saal (4), Raum 1.01 (3), Raum 1.03 (1)" in shown
    assert main(["compare", str(export)]) == 0
    lines = capsys.readouterr().out.splitlines()
    plan = lines[0]
    assert plan.startswith("alle Verfahren unten bekommen die Räume")
    assert all(room in plan for room in ("Saal", "Raum 1.01", "Raum 1.03"))
    unplaced = [line for line in lines if line.startswith(("wer zuerst", "Los-Reihenfolge"))]
    assert len(unplaced) == 2 and all(" 2 " in line for line in unplaced)  # 10 people, 8 seats


def test_compare_with_rooms_is_compare_within_the_chosen_plan() -> None:
    prefs = {f"p{i}@x.example": ["A", "B"] for i in range(5)}
    prefs |= {f"q{i}@x.example": ["B"] for i in range(2)}
    problem = wa.Problem.from_preferences(prefs, capacities={"A": 50, "B": 50})
    rooms = [wa.Room("Saal", 4), wa.Room("Raum", 2)]
    within = wa.compare(problem, rooms=rooms)
    planned = wa.solve(problem, rooms=rooms).problem
    assert [w.capacity for w in planned.workshops] == [4, 2]
    pd.testing.assert_frame_equal(within, wa.compare(planned))
    assert int(within.loc["rank-sum", "unassigned"]) == 1  # 7 people, 6 seats
