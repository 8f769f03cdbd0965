"""``--capacity`` names are checked against the workshops the export names: a typo or a
short form in the option is the option's error (with the closest name), never a silent
renaming and never blamed on the export's cells; a workshop without seats is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports import SEATS, columns_per_rank, write_xlsx
from helpers import run


@pytest.mark.parametrize("name", ["Mobilitätskonzept", "Mobilität"])  # a typo, a short form
def test_a_capacity_name_the_export_does_not_have_is_an_error_on_the_option(
    tmp_path: Path, name: str
) -> None:
    given = f"{name}=45"
    says = f"--capacity {name!r} names no workshop of the export; closest: 'Mobilitätskonzepte'"
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    others = [f"--capacity={n}={s}" for n, s in SEATS.items() if not n.startswith("Mobil")]
    done = run("solve", str(export), *others, "--capacity", given, "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 4
    assert done.stderr.strip() == f"workshop-assign: error: {says}"
    assert not (tmp_path / "r.xlsx").exists()


def test_a_workshop_without_seats_is_named(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    given = [f"--capacity={n}={s}" for n, s in SEATS.items() if not n.startswith("Mobil")]
    done = run("solve", str(export), *given, "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 4
    assert "--capacity gives no seats for 'Mobilitätskonzepte'" in done.stderr


def test_spelling_and_case_of_a_capacity_name_are_forgiven(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    given = [f"--capacity={n.upper()}={s}" for n, s in SEATS.items()]
    done = run("solve", str(export), *given, "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 0, done.stderr
