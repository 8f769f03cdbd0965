"""Shared seats on the command line: from the Workshops sheet, from --shared, kept by an
update; a wrong option or workshop is one line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from exports import SEATS, SHOPS, columns_per_rank, shared_export, write_xlsx
from workshop_assign.cli import main


def placed(target: Path) -> pd.Series:
    """People per workshop in a result workbook."""
    table = pd.read_excel(target, sheet_name="Zuteilung", engine="calamine")
    return table["Workshop"].value_counts()


def summary(target: Path) -> str:
    sheet = pd.read_excel(target, sheet_name="Übersicht", header=None, engine="calamine")
    return " ".join(str(v) for v in sheet.to_numpy().ravel() if pd.notna(v))


def test_the_sheet_s_shared_seats_hold_and_are_said(tmp_path: Path) -> None:
    """Seven people could sit in the first two workshops; they share 4 seats."""
    export = shared_export(tmp_path, ["Saal: 4", "Saal", None])
    target = tmp_path / "out.xlsx"
    assert main(["solve", str(export), "-o", str(target)]) == 0
    assert placed(target)[SHOPS[:2]].sum() == 4
    assert f"Gemeinsame Plätze Saal ({SHOPS[0]}, {SHOPS[1]}) 4" in summary(target)


def test_shared_seats_from_the_option_with_names_matched_loosely(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    target = tmp_path / "out.xlsx"
    option = "--shared=Saal=3:digitale zwillinge;MOBILITÄTSKONZEPTE"
    assert main(["solve", str(export), "-o", str(target), option]) == 0
    assert placed(target)[SHOPS[:2]].sum() == 3
    updated = tmp_path / "neu.xlsx"
    assert main(["update", str(target), str(export), "-o", str(updated)]) == 0
    assert placed(updated)[SHOPS[:2]].sum() == 3  # the published rule is kept


@pytest.mark.parametrize(
    ("option", "said", "exit_code"),
    [
        ("--shared=Saal:3", "write NAME=SEATS:WORKSHOP,WORKSHOP", 2),  # a usage error
        ("--shared=Saal=drei:Mobilitätskonzepte", "write NAME=SEATS:WORKSHOP,WORKSHOP", 2),
        ("--shared=Saal=3:Kochkurs", "'Kochkurs'", 4),  # an input error
    ],
)
def test_a_wrong_shared_option_is_one_line(
    tmp_path: Path, option: str, said: str, exit_code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    target = tmp_path / "out.xlsx"
    try:
        code = main(["solve", str(export), "-o", str(target), option, "--lang", "en"])
    except SystemExit as stopped:  # what the command line does with a malformed option
        code = stopped.code
    assert code == exit_code
    error = capsys.readouterr().err.strip()
    assert said in error and "Traceback" not in error and len(error.splitlines()) == 1
    assert not target.exists()
