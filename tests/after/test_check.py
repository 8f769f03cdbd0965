"""`workshop-assign check`: feasible, how far from the optimum, reproduced exactly."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from exports import SEATS, columns_per_rank, write_xlsx
from helpers import run


def solved(tmp_path: Path, *extra: str) -> tuple[Path, Path]:
    export = write_xlsx(columns_per_rank(), tmp_path / "export.xlsx", seats=SEATS)
    result = tmp_path / "result.xlsx"
    done = run("solve", str(export), "-o", str(result), *extra)
    assert done.returncode == 0, done.stderr
    return export, result


def test_a_fresh_result_checks_out(tmp_path: Path) -> None:
    export, result = solved(tmp_path, "--objective", "fair", "--max-per", "Organisation=2")
    done = run("check", str(export), str(result))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [  # in the result's language
        "die Anmeldeliste ist die, aus der das Ergebnis entstand",
        "zulässig: alle Platzzahlen und Regeln sind eingehalten",
        "Zielwert des Ergebnisses: (0, 2, 8); Optimum: (0, 2, 8)",
        "erneutes Lösen ergibt genau dieses Ergebnis",
    ]
    english = run("check", str(export), str(result), "--lang", "en")
    assert english.stdout.splitlines() == [
        "the export is the one the result was made from",
        "feasible: every seat count and rule holds",
        "objective of the result: (0, 2, 8); optimum: (0, 2, 8)",
        "re-solving reproduces the result exactly",
    ]


def test_a_tampered_result_is_caught(tmp_path: Path) -> None:
    export, result = solved(tmp_path)
    book = load_workbook(result)
    sheet = book["Zuteilung"]
    column = [c.value for c in sheet[1]].index("Workshop") + 1
    for row in range(2, 12):  # everyone into one workshop: over its seats
        sheet.cell(row=row, column=column).value = "Digitale Zwillinge"
    book.save(result)
    done = run("check", str(export), str(result), "--lang", "en")
    assert done.returncode == 9
    assert "NOT feasible: 'Digitale Zwillinge' holds 10 people for 3 seats" in done.stdout
    assert "re-solving places" in done.stdout
    german = run("check", str(export), str(result))  # the result's language
    assert "NICHT zulässig: 'Digitale Zwillinge' hat 10 Personen für 3 Plätze" in german.stdout


def test_a_changed_export_is_reported(tmp_path: Path) -> None:
    export, result = solved(tmp_path)
    frame = columns_per_rank()
    frame.loc[0, "Organisation"] = "Stadt Halle"
    write_xlsx(frame, export, seats=SEATS)
    done = run("check", str(export), str(result), "--lang", "en")
    assert "the export has changed since the result was made" in done.stdout
    assert done.returncode == 9  # nothing was shown about this result


def test_the_result_given_as_its_own_export_is_refused(tmp_path: Path) -> None:
    _, result = solved(tmp_path)
    done = run("check", str(result), str(result), "--lang", "en")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "is given as both the export and the result" in done.stderr


def test_a_file_that_is_no_result_gets_one_line(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "export.xlsx", seats=SEATS)
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(export.read_bytes())  # an export given where the result belongs
    done = run("check", str(export), str(copy))
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "is not a result workbook" in done.stderr
