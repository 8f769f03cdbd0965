"""Priority tiers read from the export: a 'Priorität' column or one named with
--priority-column; 'ja' is tier 1, an empty cell none, anything else names its cell."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import workshop_assign as wa
from exports import SEATS, columns_per_rank, write_xlsx
from workshop_assign.cli import main


def export(tmp_path: Path, heading: str, cells: list[object]) -> Path:
    frame = columns_per_rank()
    frame[heading] = cells + [""] * (len(frame) - len(cells))
    return write_xlsx(frame, tmp_path / "prio.xlsx", seats=SEATS)


def test_a_priority_column_gives_tiers(tmp_path: Path) -> None:
    path = export(tmp_path, "Priorität", ["1", "ja", "2", "", "x", 3])
    problem = wa.read_export(path)
    assert problem.rules is not None and problem.rules.tier is not None
    assert problem.rules.tier[:7].tolist() == [1, 1, 2, 0, 1, 3, 0]
    notes = [n.text("de") for n in problem.source.notes if n.code == "rule-column"]
    assert notes == ["Regel 'Priorität' aus Spalte 'Priorität' gelesen"]


def test_a_column_named_on_the_command_line_is_read_as_tiers(tmp_path: Path) -> None:
    path = export(tmp_path, "Mitglied", ["ja", "ja"])
    assert wa.read_export(path).rules is None  # not a priority by its heading
    problem = wa.read_export(path, priority_column="Mitglied")
    assert problem.rules is not None and problem.rules.tier is not None
    assert np.flatnonzero(problem.rules.tier).tolist() == [0, 1]
    with pytest.raises(wa.SpreadsheetError, match="there is no column 'Mitgliedschaft'"):
        wa.read_export(path, priority_column="Mitgliedschaft")


def test_a_cell_that_is_no_tier_is_named(tmp_path: Path) -> None:
    path = export(tmp_path, "Priority", ["1", "hoch"])
    with pytest.raises(wa.SpreadsheetError) as caught:
        wa.read_export(path)
    assert "cell I3: 'hoch' is no priority; write 1 for those served first" in str(caught.value)


def test_the_command_line_serves_tier_one_first(tmp_path: Path) -> None:
    """The first three are tier 1: each gets their first choice, and the Summary says so."""
    frame = columns_per_rank()
    frame["Vorrang"] = ["1" if i < 3 else "" for i in range(len(frame))]
    path = write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS)
    target = tmp_path / "out.xlsx"
    assert main(["solve", str(path), "-o", str(target), "--objective", "fair"]) == 0
    table = pd.read_excel(target, sheet_name="Zuteilung", engine="calamine")
    assert table.iloc[:3, table.columns.get_loc("Workshop") + 1].tolist() == [1, 1, 1]
    summary = pd.read_excel(target, sheet_name="Übersicht", header=None, engine="calamine")
    text = " ".join(str(v) for v in summary.to_numpy().ravel() if pd.notna(v))
    assert "Personen mit Vorrang 1 (vor den nächsten berücksichtigt) 3" in text
