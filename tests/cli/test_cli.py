"""The command line end to end: results, summaries, and one clear line for bad input."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import exports
from exports import SEATS, SHOPS, columns_per_rank, formulas_only, write_csv, write_xlsx
from helpers import digest, run
from workshop_assign.cli import main
from workshop_assign.write import writers


def test_solve_writes_the_workbook_and_prints_a_summary(tmp_path: Path) -> None:
    export = write_xlsx(
        columns_per_rank(), tmp_path / "anmeldungen.xlsx", title_rows=2, seats=SEATS
    )
    before = digest(export)
    done = run("solve", str(export))
    assert done.returncode == 0, done.stderr
    target = tmp_path / "anmeldungen_zuteilung.xlsx"
    assert target.exists()
    assert f"Ergebnis geschrieben: {target}" in done.stdout  # German, like the export
    said = "10 Teilnehmende, Ziel: insgesamt möglichst gute Wünsche (--objective rank-sum); "
    assert said + "die beste mögliche Zuteilung (nachgewiesen)" in done.stdout
    assert done.stderr == ""
    assert digest(export) == before
    sheets = pd.read_excel(target, sheet_name=None, engine="calamine")
    assert list(sheets) == [
        "Zuteilung",
        *SHOPS[:2],
        "Digitale Kompetenzen für mehr T",
        "Übersicht",
        "Nachrückliste",  # who gets a freed seat in a full workshop
        "Benachrichtigungen",
        "Hinweise",
        "workshop_assign",  # very hidden: what `check` needs to re-solve
    ]
    assert len(sheets["Zuteilung"]) == 10


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_solve_to_csv_and_json(tmp_path: Path, suffix: str) -> None:
    export = write_xlsx(columns_per_rank("en"), tmp_path / "export.xlsx")
    target = tmp_path / f"result{suffix}"
    capacities = [f"--capacity={name}={seats}" for name, seats in SEATS.items()]
    assert main(["solve", str(export), "-o", str(target), *capacities, "--objective", "fair"]) == 0
    table = pd.read_csv(target) if suffix == ".csv" else pd.read_json(target)
    assert list(table.columns[-4:]) == ["Workshop", "Rank received", "Reason", "Explanation"]
    assert len(table) == 10


def test_inspect_shows_layout_key_demand_and_notes(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.loc[0, "Erstwunsch"] = "digitale zwillinge"
    export = write_csv(frame, tmp_path / "export.csv", sep=";", encoding="cp1252")
    done = run("inspect", str(export), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "layout: one column per rank: Erstwunsch, Zweitwunsch, Drittwunsch" in done.stdout
    assert "key column: E-Mail-Adresse" in done.stdout
    assert "no seat counts yet" in done.stdout
    assert (
        "row 2: [Erstwunsch] 'digitale zwillinge' read as workshop 'Digitale Zwillinge'"
        in done.stdout
    )


def bad_inputs(tmp: Path) -> dict[str, tuple[list[str], int, str]]:
    """name: (arguments, exit code, what the one line must say)."""
    cases: dict[str, tuple[list[str], int, str]] = {}
    empty = Workbook()
    empty.save(tmp / "empty.xlsx")
    cases["empty workbook"] = ([str(tmp / "empty.xlsx")], 3, "is empty")
    header_only = write_xlsx(columns_per_rank().iloc[:0], tmp / "header.xlsx")
    cases["header only"] = ([str(header_only)], 3, "no registrations below them")
    (tmp / "notes.xlsx").write_text("this is not a spreadsheet")
    cases["not a spreadsheet"] = (
        [str(tmp / "notes.xlsx")],
        3,
        "cannot be read as an Excel workbook",
    )
    good = write_xlsx(columns_per_rank(), tmp / "good.xlsx", seats=SEATS)
    (tmp / "cut.xlsx").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    cases["truncated"] = ([str(tmp / "cut.xlsx")], 3, "damaged or truncated")
    cases["binary csv"] = ([str(_binary(tmp / "x.csv"))], 3, "is not a CSV text file")
    cases["merged header"] = (
        [str(_merged_header(tmp / "merged.xlsx"))],
        3,
        "cells A1:B1: the header row has merged cells",
    )
    cases["formula"] = (
        [str(_formula(tmp / "formula.xlsx"))],
        3,
        "cell F3: holds a formula whose value was never calculated",
    )
    typo = columns_per_rank()
    typo.loc[1, "Zweitwunsch"] = "Kochkurs"
    cases["unknown wish"] = (
        [str(write_xlsx(typo, tmp / "typo.xlsx", seats=SEATS))],
        3,
        "cell G3: 'Kochkurs' matches no workshop; closest:",
    )
    huge = columns_per_rank()
    huge.loc[0, "Erstwunsch"] = "x" * 30_000
    cases["huge cell"] = (
        [str(write_xlsx(huge, tmp / "huge.xlsx", seats=SEATS))],
        3,
        "cell F2: holds 30,000 characters",
    )
    tight = {name: 1 for name in SEATS}
    cases["require all"] = (
        [str(write_xlsx(columns_per_rank(), tmp / "tight.xlsx", seats=tight)), "--require-all"],
        6,
        "10 Personen, aber nur 3 Plätze",  # the German export's language
    )
    cases["no capacities"] = (
        [str(write_xlsx(columns_per_rank(), tmp / "nocap.xlsx"))],
        5,
        "keine Platzzahlen",  # in the German export's language
    )
    cases["missing file"] = ([str(tmp / "nope.xlsx")], 3, "no such file")
    (tmp / "folder.xlsx").mkdir()
    cases["a folder"] = ([str(tmp / "folder.xlsx")], 3, "folder.xlsx is a folder, not an export")
    os.mkfifo(tmp / "pipe.xlsx")
    cases["not a regular file"] = (
        [str(tmp / "pipe.xlsx")],
        3,
        "pipe.xlsx: is not a regular file (a pipe or device); save the export as a file",
    )
    cases["formulas and no wishes"] = (
        [str(formulas_only(tmp / "formulas.xlsx"))],
        3,
        "sheet 'Anmeldungen', cell C2: holds a formula whose value was never calculated; "
        "open the file in Excel or LibreOffice, save it",
    )
    same = pd.DataFrame(
        [[f"p{i}@x.example", *(SHOPS[(i + k) % 3] for k in range(3))] for i in range(12)],
        columns=["E-Mail", "Wunsch", "Wunsch", "Wunsch"],
    )
    cases["one header over two wish columns"] = (
        [str(write_csv(same, tmp / "same.csv"))],
        3,
        "same.csv: columns B, C and D have the same header 'Wunsch'; rename them",
    )
    ambiguous = columns_per_rank()
    ambiguous.loc[4, "Drittwunsch"] = "Digitale Zwillinge und Mobilitätskonzepte"
    cases["a wish that names two workshops"] = (
        [str(write_xlsx(ambiguous, tmp / "two.xlsx", seats=SEATS))],
        3,
        "cell H6: 'Digitale Zwillinge und Mobilitätskonzepte' matches no workshop; closest:",
    )
    cases["bad option"] = (
        [str(good), "--rank-costs", "0,1", "--objective", "fair"],
        4,
        "rank_costs apply to the rank-sum objective only, not to fair",
    )
    cases["into the input"] = (
        [str(good), "-o", str(good)],
        4,
        "is the export, which this run reads",
    )
    return cases


def _binary(path: Path) -> Path:
    path.write_bytes(b"\x00\x01\x02PDF\x00" * 100)
    return path


def _merged_header(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Wünsche", None, "E-Mail"])
    sheet.merge_cells("A1:B1")
    sheet.append(["Digitale Zwillinge", "Mobilitätskonzepte", "a@x.example"])
    book.save(path)
    return path


def _formula(path: Path) -> Path:
    frame = columns_per_rank()
    write_xlsx(frame, path, seats=SEATS)
    book = load_workbook(path)
    book["Tabelle1"]["F3"] = '=IF(1,"Digitale Zwillinge","")'  # openpyxl stores no value
    book.save(path)
    return path


@pytest.mark.parametrize(
    "case",
    [
        "empty workbook",
        "header only",
        "not a spreadsheet",
        "truncated",
        "binary csv",
        "merged header",
        "formula",
        "unknown wish",
        "huge cell",
        "require all",
        "no capacities",
        "missing file",
        "a folder",
        "not a regular file",
        "formulas and no wishes",
        "one header over two wish columns",
        "a wish that names two workshops",
        "bad option",
        "into the input",
    ],
)
def test_bad_input_gets_one_line_an_exit_code_and_no_output(tmp_path: Path, case: str) -> None:
    arguments, code, says = bad_inputs(tmp_path)[case]
    export = Path(arguments[0])
    before = digest(export) if export.is_file() else None
    out = tmp_path / "out" / "result.xlsx"
    out.parent.mkdir()
    extra = [] if "-o" in arguments else ["-o", str(out)]
    done = run("solve", *arguments, *extra)
    assert done.returncode == code, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("workshop-assign: error: ")
    assert says in lines[0]
    assert "Traceback" not in done.stderr and len(lines[0]) < 400
    assert list(out.parent.iterdir()) == []
    if before is not None:
        assert digest(export) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = run("solve", str(tmp_path / "nope.xlsx"), "--debug")
    assert done.returncode != 0
    assert "Traceback" in done.stderr


def test_a_failing_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    target = tmp_path / "result.xlsx"

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setitem(writers._WRITERS, ".xlsx", broken)
    assert main(["solve", str(export), "-o", str(target)]) == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Bemerkung"] = [
        '=HYPERLINK("http://evil.example")',
        "+49 345 1234",
        "-",
        "@home",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    export = write_csv(frame, tmp_path / "a.csv")
    target = tmp_path / "r.xlsx"
    assert (
        main(
            [
                "solve",
                str(export),
                "-o",
                str(target),
                "--workshops",
                str(
                    write_csv(
                        pd.DataFrame({"Workshop": list(SEATS), "Plätze": list(SEATS.values())}),
                        tmp_path / "seats.csv",
                    )
                ),
            ]
        )
        == 0
    )
    sheet = load_workbook(target)["Zuteilung"]
    column = [c.value for c in sheet[1]].index("Bemerkung") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, 6)]
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://evil.example")',
        "+49 345 1234",
        "-",
        "@home",
    ]
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(target) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.endswith(".xml"))
    assert (
        main(
            [
                "solve",
                str(export),
                "-o",
                str(tmp_path / "r.csv"),
                *[f"--capacity={n}={s}" for n, s in SEATS.items()],
            ]
        )
        == 0
    )
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+49 345 1234" in text and "'@home" in text


@pytest.mark.parametrize("layout", ["columns", "grid", "cell", "positions", "long"])
def test_every_layout_end_to_end_accounts_for_every_attendee(tmp_path: Path, layout: str) -> None:
    frame = {
        "columns": exports.columns_per_rank,
        "grid": exports.google_grid,
        "cell": exports.ms_forms,
        "positions": exports.limesurvey,
        "long": exports.long_format,
    }[layout]()
    export = write_csv(
        frame, tmp_path / "export.csv", sep=";", encoding="utf-8-sig", quote_all=True
    )
    target = tmp_path / "result.csv"
    capacities = [f"--capacity={name}={seats}" for name, seats in SEATS.items()]
    done = run("solve", str(export), "-o", str(target), *capacities, "--lang", "en")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(target)
    keys = {p[0] for p in exports.PEOPLE}
    key_column = next(c for c in table.columns if table[c].astype(str).isin(keys).all())
    assert set(table[key_column]) == keys
    assert table["Workshop"].notna().sum() == min(len(keys), sum(SEATS.values()))


def test_progress_is_shown_on_a_terminal_only(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    quiet = run("solve", str(export), "-o", str(tmp_path / "q.xlsx"))
    assert quiet.returncode == 0 and quiet.stderr == ""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workshop_assign",
            "solve",
            str(export),
            "-o",
            str(tmp_path / "t.xlsx"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    assert process.wait(timeout=60) == 0
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    text = shown.decode()
    assert "reading a.xlsx ..." in text  # before the export's language is known
    assert "löse für 10 Teilnehmende ..." in text
    assert "schreibe t.xlsx ..." in text and "fertig" in text


def test_a_closed_output_pipe_is_not_an_error(tmp_path: Path) -> None:
    # 3,000 rows with a gap each: far more notes than a pipe buffers, so `head` closes
    # the pipe while inspect is still writing.
    frame = pd.concat([columns_per_rank()] * 300, ignore_index=True)
    frame["E-Mail-Adresse"] = [f"p{i}@x.example" for i in range(len(frame))]
    frame["Zweitwunsch"] = ""
    frame["Drittwunsch"] = SHOPS[2]
    frame.loc[frame["Erstwunsch"] == SHOPS[2], "Erstwunsch"] = SHOPS[1]
    export = write_csv(frame, tmp_path / "a.csv")
    done = subprocess.run(
        f"{sys.executable} -m workshop_assign inspect {export} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.startswith("Datei: ")
    assert done.stderr == ""


def test_error_lines_follow_the_export_or_the_system_language(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "ohne.xlsx")
    german = run("solve", str(export), "-o", str(tmp_path / "a.xlsx"))
    assert german.returncode == 5 and "keine Platzzahlen" in german.stderr
    assert "1. Wunsch" in german.stdout.splitlines()[0]  # the demand, to choose the seats
    english = run("solve", str(export), "-o", str(tmp_path / "a.xlsx"), "--lang", "en")
    assert english.returncode == 5 and "no seat counts" in english.stderr
    missing = str(tmp_path / "fehlt.xlsx")
    before_reading = subprocess.run(
        [sys.executable, "-m", "workshop_assign", "solve", missing],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "de_DE.UTF-8", "LC_ALL": ""},
        check=False,
    )
    assert "Datei nicht gefunden" in before_reading.stderr  # no export read: the system's
    assert before_reading.stderr.count("\n") == 1


def test_why_not_everyone_fits_is_said_in_the_exports_language(tmp_path: Path) -> None:
    seats = {name: 1 for name in SEATS}
    export = write_xlsx(columns_per_rank(), tmp_path / "knapp.xlsx", seats=seats)
    done = run("solve", str(export), "-o", str(tmp_path / "out.xlsx"), "--require-all")
    assert done.returncode == 6
    line = done.stderr.strip()
    assert line.startswith("workshop-assign: error: keine Zuteilung gibt allen einen Platz: ")
    assert "10 Personen, aber nur 3 Plätze in allen Workshops zusammen" in line
    english = run(
        "solve", str(export), "-o", str(tmp_path / "o.xlsx"), "--require-all", "--lang", "en"
    )
    assert "10 attendees but only 3 seats in all workshops together" in english.stderr


def test_rosters_show_e_mail_only_when_asked_on_the_command_line(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    done = run("solve", str(export), "-o", str(tmp_path / "r.xlsx"), "--roster-columns", "email")
    assert done.returncode == 0, done.stderr
    roster = load_workbook(tmp_path / "r.xlsx")["Digitale Zwillinge"]
    assert [c.value for c in roster[4]] == ["Name", "Organisation", "E-Mail", "Unterschrift"]
    wrong = run("solve", str(export), "-o", str(tmp_path / "s.xlsx"), "--roster-columns", "phone")
    assert wrong.returncode == 4 and "roster columns ['phone']" in wrong.stderr
    assert not (tmp_path / "s.xlsx").exists()
