"""Every example script runs (the README's and the docs' Python blocks: test_docs)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).parent.parent


def test_smart_cities_example_accounts_for_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["smart_cities.py", str(tmp_path)])
    runpy.run_path(str(ROOT / "examples" / "smart_cities.py"), run_name="__main__")
    export = ROOT / "examples" / "smart_cities_anmeldungen.xlsx"
    raw = pd.read_excel(export, sheet_name="Anmeldungen", header=3, engine="calamine")
    filled = raw.dropna(how="all")
    sheets = pd.read_excel(tmp_path / "zuteilung.xlsx", sheet_name=None, engine="calamine")
    assignments = sheets["Zuteilung"]
    notes = sheets["Hinweise"]
    not_counted = notes[notes["Art"] == "nicht gezählt"]
    assert len(assignments) + len(not_counted) == len(filled)
    assert set(assignments["E-Mail-Adresse"]).isdisjoint(set(not_counted["Ursprünglicher Wert"]))
    assert assignments["Workshop"].notna().all()
    csv = pd.read_csv(tmp_path / "zuteilung.csv")
    assert len(csv) == len(assignments)
