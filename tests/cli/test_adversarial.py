"""Hostile and odd inputs, tried as an attacker would: for each, the promise holds.

The promise (docs/cli.md, "Bad input gets one line"): a failure is one line on stderr with
its exit code, no traceback, no file in the output folder, nothing left in the temp
folder, the input unchanged; a success writes everything and loses nobody.  Cases too
large for every run (a million rows, a gigabyte cell) carry the ``large`` marker:
``pytest -m large`` runs them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from openpyxl import load_workbook

from exports import SEATS, SHOPS, columns_per_rank, seats_csv, write_csv, write_xlsx
from helpers import digest, run
from workshop_assign.cli import main


@dataclass
class Run:
    """One command run in a fresh process with its own temp folder and output folder."""

    tmp: Path
    args: list[str]
    done: subprocess.CompletedProcess[str] = field(init=False)
    inputs: dict[Path, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        (self.tmp / "temp").mkdir(exist_ok=True)
        for arg in self.args:
            path = Path(arg)
            if path.is_file() and path.parent == self.tmp:
                self.inputs[path] = digest(path)

    def go(self, **popen: object) -> Run:
        env = {**os.environ, "TMPDIR": str(self.tmp / "temp")}
        command = [sys.executable, "-m", "workshop_assign", *self.args]
        self.done = subprocess.run(
            command, capture_output=True, text=True, check=False, env=env, timeout=120, **popen
        )
        return self

    def failed(self, code: int, says: str) -> None:
        """One line, the code, no traceback, nothing written or left, input unchanged."""
        lines = self.done.stderr.strip().splitlines()
        assert self.done.returncode == code, self.done.stderr
        assert len(lines) == 1, self.done.stderr
        assert lines[0].startswith("workshop-assign: ") and says in lines[0], lines[0]
        assert "Traceback" not in self.done.stderr
        self.nothing_left()
        assert not (self.tmp / "out").exists() or not list((self.tmp / "out").iterdir())

    def nothing_left(self) -> None:
        assert list((self.tmp / "temp").iterdir()) == []
        assert not [p for p in self.tmp.rglob(".*.tmp")]
        for path, before in self.inputs.items():
            assert digest(path) == before, f"{path} was changed"


def cli(tmp: Path, *args: object) -> Run:
    return Run(tmp, [str(a) for a in args]).go()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_xlsx(columns_per_rank(), tmp_path / "anmeldungen.xlsx", seats=SEATS)


def out(tmp: Path, name: str = "result.xlsx") -> Path:
    (tmp / "out").mkdir(exist_ok=True)
    return tmp / "out" / name


# --- nothing overwritten -----------------------------------------------------------


def test_compare_never_writes_over_the_export(tmp_path: Path, export: Path) -> None:
    cli(tmp_path, "compare", export, "-o", export).failed(4, "is the export, which this run reads")
    cli(tmp_path, "compare", export, "--plot", export).failed(4, "is the export")


def test_two_outputs_of_one_run_are_refused(tmp_path: Path, export: Path) -> None:
    target = out(tmp_path)
    cli(tmp_path, "compare", export, "-o", target, "--plot", target).failed(4, "two outputs")


def test_the_workshops_file_is_never_written_over(tmp_path: Path) -> None:
    export = write_csv(columns_per_rank(), tmp_path / "export.csv")
    shops = seats_csv(tmp_path / "shops.csv")
    cli(tmp_path, "solve", export, "--workshops", shops, "-o", shops).failed(
        4, "is the workshops file"
    )


def test_the_published_result_is_never_written_over(tmp_path: Path, export: Path) -> None:
    published = out(tmp_path, "published.xlsx")
    assert cli(tmp_path, "solve", export, "-o", published).done.returncode == 0
    moved = tmp_path / "published.xlsx"
    published.rename(moved)
    cli(tmp_path, "update", moved, export, "-o", moved).failed(4, "is the published result")


@pytest.mark.parametrize("how", ["symlink", "hard link", "dot-dot", "folder"])
def test_an_output_that_is_the_input_under_another_name(
    tmp_path: Path, export: Path, how: str
) -> None:
    (tmp_path / "sub").mkdir()
    if how == "symlink":
        target = tmp_path / "link.xlsx"
        target.symlink_to(export)
    elif how == "hard link":
        target = tmp_path / "hard.xlsx"
        os.link(export, target)
    elif how == "dot-dot":
        target = tmp_path / "sub" / ".." / export.name
    else:
        target = tmp_path / "sub"
    says = "is a folder" if how == "folder" else "is the export"
    cli(tmp_path, "solve", export, "-o", target).failed(4, says)


# --- nothing cut off ---------------------------------------------------------------


def test_a_huge_remark_is_cut_visibly_and_noted(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Bemerkung"] = ["x" * 1_000_000, *[""] * 9]
    export = write_csv(frame, tmp_path / "export.csv")
    target = out(tmp_path)
    shops = seats_csv(tmp_path / "s.csv")
    run = cli(tmp_path, "solve", export, "--workshops", shops, "-o", target, "--lang", "en")
    assert run.done.returncode == 0, run.done.stderr
    run.nothing_left()
    book = load_workbook(target, read_only=True)
    cell = next(book["Assignments"].iter_rows(min_row=2, max_row=2, values_only=True))
    remark = cell[list(frame.columns).index("Bemerkung")]
    assert len(remark) == 32_767 and remark.endswith("…[+967,244]")
    notes = [row for row in book["Notes"].iter_rows(values_only=True) if row[1] == "Assignments"]
    assert notes and "1,000,000 characters: cut to the 32,767 a cell holds" in notes[0][3]
    whole = cli(
        tmp_path,
        "solve",
        export,
        "--workshops",
        shops,
        "-o",
        out(tmp_path, "r.csv"),
        "--lang",
        "en",
    )
    assert whole.done.returncode == 0
    table = pd.read_csv(out(tmp_path, "r.csv"), dtype=str, keep_default_na=False)
    assert table["Bemerkung"].str.len().max() == 1_000_000


@pytest.mark.slow
def test_more_columns_than_a_sheet_holds_is_refused_with_csv_suggested(tmp_path: Path) -> None:
    frame = columns_per_rank()
    extra = pd.DataFrame({f"Frage {i}": ["ja"] * 10 for i in range(16_384 - len(frame.columns))})
    export = write_csv(pd.concat([frame, extra], axis=1), tmp_path / "wide.csv")
    shops = seats_csv(tmp_path / "shops.csv")
    cli(tmp_path, "solve", export, "--workshops", shops, "-o", out(tmp_path)).failed(
        8, "als .csv oder .json schreiben"
    )
    wide = cli(tmp_path, "solve", export, "--workshops", shops, "-o", out(tmp_path, "r.csv"))
    assert wide.done.returncode == 0, wide.done.stderr
    assert (
        len(pd.read_csv(out(tmp_path, "r.csv"), nrows=1, sep=None, engine="python").columns)
        > 16_384
    )


@pytest.mark.slow
def test_many_workshops_keep_their_metadata_whole_and_check_passes(tmp_path: Path) -> None:
    names = [f"Workshop Nummer {i:04d} über Digitale Teilhabe in der Stadt" for i in range(1_500)]
    rows = [
        {
            "E-Mail": f"p{i}@stadt.example",
            "Erstwunsch": names[i % 1_500],
            "Zweitwunsch": names[(i * 7) % 1_500],
        }
        for i in range(3_000)
    ]
    export = write_xlsx(pd.DataFrame(rows), tmp_path / "many.xlsx", seats=dict.fromkeys(names, 2))
    target = out(tmp_path)
    solved = cli(tmp_path, "solve", export, "-o", target, "--what-if", "0")
    assert solved.done.returncode == 0, solved.done.stderr
    checked = cli(tmp_path, "check", export, target)
    assert checked.done.returncode == 0, checked.done.stdout + checked.done.stderr
    assert "erneutes Lösen ergibt genau dieses Ergebnis" in checked.done.stdout


@pytest.mark.parametrize(
    "name", ["workshop_assign", "History", "Fahrrad " + "🚲" * 20, "Zuteilung", "A/B: [Test]?"]
)
def test_workshop_names_that_clash_with_sheet_rules(tmp_path: Path, name: str) -> None:
    seats = {**SEATS, name: 5}
    frame = columns_per_rank()
    frame.loc[0, "Drittwunsch"] = name
    export = write_xlsx(frame, tmp_path / "a.xlsx", seats=seats)
    target = out(tmp_path)
    solved = cli(tmp_path, "solve", export, "-o", target)
    assert solved.done.returncode == 0, solved.done.stderr
    sheets = load_workbook(target).sheetnames
    assert len(sheets) == len({s.casefold() for s in sheets})
    assert all(
        len(s.encode("utf-16-le")) <= 62 and not re.search(r"[\[\]:*?/\\]", s) for s in sheets
    )
    assert "history" not in {s.casefold() for s in sheets}
    checked = cli(tmp_path, "check", export, target)
    assert checked.done.returncode == 0, checked.done.stdout + checked.done.stderr


def test_an_infinite_number_in_the_export_is_written_as_text(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Betrag"] = [1.5] * 10
    export = write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS)
    column = chr(ord("A") + len(frame.columns) - 1)
    patch_member(
        export,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rf'<c r="{column}2"[^>]*>.*?</c>'.encode(),
            f'<c r="{column}2"><v>inf</v></c>'.encode(),
            xml,
        ),
    )
    target = out(tmp_path)
    solved = cli(tmp_path, "solve", export, "-o", target)
    assert solved.done.returncode == 0, solved.done.stderr
    row = next(load_workbook(target)["Zuteilung"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert row[len(frame.columns) - 1] == "inf"


# --- input bounded -----------------------------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    cli(tmp_path, "inspect", fifo).failed(3, "is not a regular file")


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "export.csv"
    link.symlink_to("/dev/zero")
    cli(tmp_path, "inspect", link).failed(3, "is not a regular file")


def test_a_csv_cell_beyond_the_limit_is_too_large(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Bemerkung"] = ["y" * 1_100_000, *[""] * 9]
    export = write_csv(frame, tmp_path / "export.csv")
    cli(tmp_path, "inspect", export).failed(3, "is too large to be read")
    shops = pd.DataFrame({"Workshop": [*SEATS, "z" * 1_100_000], "Plätze": [*SEATS.values(), 1]})
    shops.to_csv(tmp_path / "shops.csv", index=False)
    good = write_csv(columns_per_rank(), tmp_path / "good.csv")
    cli(tmp_path, "solve", good, "--workshops", tmp_path / "shops.csv").failed(
        3, "is too large to be read"
    )


def test_a_csv_cell_over_the_csv_modules_default_limit_is_read(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Bemerkung"] = ["y" * 200_000, *[""] * 9]
    export = write_csv(frame, tmp_path / "export.csv")
    run = cli(tmp_path, "inspect", export)
    assert run.done.returncode == 0, run.done.stderr


def test_a_huge_shared_string_is_refused_before_loading(tmp_path: Path) -> None:
    export = shared_string_export(tmp_path / "big.xlsx", 2_000_000)
    cli(tmp_path, "inspect", export).failed(3, "a cell of 2,000,000 characters")


@pytest.mark.large
def test_a_gigabyte_shared_string_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    export = shared_string_export(tmp_path / "huge.xlsx", 1 << 30)
    done = python(tmp_path, _memory_limited(2 << 30, "inspect", str(export)), timeout=600)
    assert done.returncode == 3, done.stderr
    assert "is too large to be read" in done.stderr


def test_utf16_csv_is_read_with_and_without_encoding(tmp_path: Path) -> None:
    export = write_csv(columns_per_rank(), tmp_path / "export.csv", encoding="utf-16")
    shops = seats_csv(tmp_path / "shops.csv")
    for extra in ([], ["--encoding", "utf-16"]):
        run = cli(tmp_path, "solve", export, "--workshops", shops, "-o", out(tmp_path), *extra)
        assert run.done.returncode == 0, run.done.stderr


def test_an_unreadable_file_is_a_read_error_not_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_csv(columns_per_rank(), tmp_path / "export.csv")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main(["inspect", str(export)]) == 3
    assert "cannot be read (Permission denied)" in capsys.readouterr().err


def test_an_unreadable_workbook_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    real = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == export:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    assert main(["inspect", str(export)]) == 3
    assert "cannot be read (Permission denied)" in capsys.readouterr().err


def test_an_absurd_seat_count_in_the_workshops_sheet_is_one_line(tmp_path: Path) -> None:
    seats = {**SEATS, "Digitale Zwillinge": 2**63}
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=seats)
    cli(tmp_path, "solve", export, "-o", out(tmp_path)).failed(
        4, "must be a whole number from 0 to 1,000,000,000, not 9223372036854775808"
    )


def test_a_formula_without_value_is_found_whatever_the_attribute_order(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "f.xlsx", seats=SEATS)
    patch_member(
        export,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'<c r="F3"[^>]*>.*?</c>', b'<c s="0" r="F3" t="str"><f>A1</f></c>', xml
        ),
    )
    cli(tmp_path, "solve", export, "-o", out(tmp_path)).failed(
        3, "cell F3: holds a formula whose value was never calculated"
    )


# --- options and conflicts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--capacity", "Digitale Zwillinge=9223372036854775808"),
        ("--rank-costs", "0,1,99999999999999999999"),
        ("--unassigned-cost", str(2**63)),
        ("--what-if", str(2**63)),
        ("--delimiter", ";;"),
        ("--time-limit", "nan"),
        ("--time-limit", "inf"),
        ("--header-row", "0"),
        ("--max-per", "Organisation=150%"),
    ],
)
def test_absurd_option_values_are_usage_errors(
    tmp_path: Path, export: Path, option: str, value: str
) -> None:
    run = cli(tmp_path, "solve", export, option, value, "-o", out(tmp_path))
    assert run.done.returncode == 2, run.done.stderr
    said = run.done.stderr.strip().splitlines()
    assert len(said) == 1 and "Traceback" not in run.done.stderr
    assert value.rpartition("=")[2].rpartition(",")[2][:15] in said[0]
    run.nothing_left()


def test_a_capacity_given_twice_is_an_error(tmp_path: Path, export: Path) -> None:
    cli(
        tmp_path,
        "solve",
        export,
        "--capacity",
        "Mobilitätskonzepte=12",
        "--capacity",
        "mobilitätskonzepte =1",
        "-o",
        out(tmp_path),
    ).failed(4, "--capacity names 'mobilitätskonzepte' twice")


def test_workshops_differing_only_in_case_are_an_error(tmp_path: Path) -> None:
    seats = {**SEATS, "mobilitätskonzepte ": 3}
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=seats)
    cli(tmp_path, "solve", export, "-o", out(tmp_path)).failed(
        4, "differ only in case, spacing or Unicode form"
    )


def test_two_wish_columns_with_one_header_are_an_error(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.columns = [c if c != "Zweitwunsch" else "Erstwunsch" for c in frame.columns]
    export = write_csv(frame, tmp_path / "a.csv")
    cli(tmp_path, "solve", export, "--workshops", seats_csv(tmp_path / "s.csv")).failed(
        3, "columns F and G have the same header 'Erstwunsch'"
    )


def test_csv_output_neutralises_formula_like_headers(tmp_path: Path) -> None:
    frame = columns_per_rank().rename(columns={"Organisation": "=Organisation"})
    export = write_csv(frame, tmp_path / "a.csv")  # (openpyxl would store a formula)
    target = out(tmp_path, "r.csv")
    shops = seats_csv(tmp_path / "s.csv")
    done = cli(tmp_path, "solve", export, "--workshops", shops, "-o", target, "--lang", "de")
    assert done.done.returncode == 0, done.done.stderr
    assert target.read_text(encoding="utf-8-sig").splitlines()[0].split(";")[4] == "'=Organisation"


# --- checks that hold up -----------------------------------------------------------


def test_check_reads_a_sorted_result_by_key(tmp_path: Path, export: Path) -> None:
    target = out(tmp_path)
    assert cli(tmp_path, "solve", export, "-o", target).done.returncode == 0
    book = load_workbook(target)
    sheet = book["Zuteilung"]
    rows = sorted(
        sheet.iter_rows(min_row=2, values_only=True), key=lambda r: str(r[1]), reverse=True
    )
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(index, column, value)
    book.save(target)
    checked = cli(tmp_path, "check", export, target)
    assert checked.done.returncode == 0, checked.done.stdout + checked.done.stderr


@pytest.mark.parametrize(
    "damage", ["edited metadata", "no metadata", "no assignments", "no column"]
)
def test_check_and_update_on_a_damaged_result_say_what_is_wrong(
    tmp_path: Path, export: Path, damage: str
) -> None:
    target = tmp_path / "result.xlsx"
    assert cli(tmp_path, "solve", export, "-o", target).done.returncode == 0
    book = load_workbook(target)
    if damage == "edited metadata":
        book["workshop_assign"]["B3"] = "en"
    elif damage == "no metadata":
        del book["workshop_assign"]
    elif damage == "no assignments":
        del book["Zuteilung"]
    else:
        book["Zuteilung"].delete_cols(2)  # the key column, E-Mail-Adresse
    damaged = tmp_path / "damaged.xlsx"
    book.save(damaged)
    says = {
        "edited metadata": "was edited (its values were changed)",
        "no metadata": "is not a result workbook of workshop-assign",
        "no assignments": "has no readable sheet 'Zuteilung'",
        "no column": "the column 'E-Mail-Adresse' is missing",
    }[damage]
    code = 3 if damage in ("no metadata", "no assignments") else 4
    cli(tmp_path, "check", export, damaged).failed(code, says)
    cli(tmp_path, "update", damaged, export, "-o", out(tmp_path, "new.xlsx")).failed(code, says)


# --- one exit path -----------------------------------------------------------------


def test_a_full_disk_is_exit_8_with_one_line_and_nothing_left(tmp_path: Path, export: Path) -> None:
    code = _limited(5_000, "solve", str(export), "-o", str(out(tmp_path)))  # < a workbook
    done = python(tmp_path, code)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 8, done.stderr
    assert len(lines) == 1 and "kann nicht geschrieben werden" in lines[0], done.stderr
    assert list((tmp_path / "out").iterdir()) == [] and list((tmp_path / "temp").iterdir()) == []


@pytest.mark.parametrize("name", ["result.csv", "result.json", "drafts"])
def test_a_full_disk_names_the_file_for_csv_json_and_drafts(
    tmp_path: Path, export: Path, name: str
) -> None:
    target = out(tmp_path, name)
    if name == "drafts":
        result = out(tmp_path, "published.xlsx")
        assert run("solve", str(export), "-o", str(result), "--what-if", "0").returncode == 0
        code = _limited(1_000, "notify", str(result), "--out", str(target))
    else:
        code = _limited(300, "solve", str(export), "-o", str(target))
    done = python(tmp_path, code)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 8, done.stderr
    assert f"{target}: kann nicht geschrieben werden" in lines[-1], done.stderr
    assert "Traceback" not in done.stderr
    assert not target.exists() and list((tmp_path / "temp").iterdir()) == []
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("stop", ["KeyboardInterrupt", "SIGTERM", "SIGHUP"])
def test_ctrl_c_while_writing_exits_130_and_removes_every_temporary_file(
    tmp_path: Path, export: Path, stop: str
) -> None:
    interrupt = (
        "raise KeyboardInterrupt"
        if stop == "KeyboardInterrupt"
        else f"os.kill(os.getpid(), signal.{stop}); time.sleep(5)"
    )
    code = (
        "import os, signal, sys, time\n"
        "import workshop_assign.write.workbook as wb\n"
        "from workshop_assign.cli import main\n"
        "real = wb.write_table\n"
        "def interrupted(*args):\n"
        "    real(*args)\n"
        f"    {interrupt}\n"
        "wb.write_table = interrupted\n"
        f"sys.exit(main(['solve', {str(export)!r}, '-o', {str(out(tmp_path))!r}]))\n"
    )
    done = python(tmp_path, code)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines() == [
        "workshop-assign: interrupted; no result was written"
    ]
    assert list((tmp_path / "out").iterdir()) == [] and list((tmp_path / "temp").iterdir()) == []


@pytest.mark.large
def test_a_million_rows_are_refused_in_a_workbook_and_written_whole_as_csv(
    tmp_path: Path,
) -> None:
    n = 1_048_576
    frame = pd.DataFrame(
        {
            "E-Mail": [f"p{i}@x.example" for i in range(n)],
            "Erstwunsch": [SHOPS[i % 3] for i in range(n)],
        }
    )
    export = tmp_path / "big.csv"
    frame.to_csv(export, index=False)
    shops = tmp_path / "shops.csv"
    pd.DataFrame({"Workshop": SHOPS, "Plätze": [n] * 3}).to_csv(shops, index=False)
    cli(tmp_path, "solve", export, "--workshops", shops, "-o", out(tmp_path)).failed(
        8, "als .csv oder .json schreiben"
    )
    target = out(tmp_path, "r.csv")
    run = cli(tmp_path, "solve", export, "--workshops", shops, "-o", target, "--what-if", "0")
    assert run.done.returncode == 0, run.done.stderr
    with target.open(encoding="utf-8-sig") as written:
        assert sum(1 for _ in written) == n + 1  # the header and every attendee


# --- helpers -----------------------------------------------------------------------


def patch_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one part of a workbook (to make what no library would write)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def shared_string_export(path: Path, length: int) -> Path:
    """An export whose shared strings hold one text of ``length`` characters."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["E-Mail", "Erstwunsch", "Bemerkung"])
    sheet.write_row(1, 0, ["a@x.example", SHOPS[0], "PLACEHOLDER"])
    book.close()
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name == "xl/sharedStrings.xml":
                head, tail = data.split(b"PLACEHOLDER")
                with archive.open(name, "w", force_zip64=True) as member:
                    member.write(head)
                    for start in range(0, length, 1 << 24):
                        member.write(b"z" * min(1 << 24, length - start))
                    member.write(tail)
            else:
                archive.writestr(name, data)
    return path


def python(tmp: Path, code: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """Python code in a fresh process with its own temp folder."""
    (tmp / "temp").mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp / "temp")}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=timeout,
    )


def _memory_limited(memory_bytes: int, *args: str) -> str:
    """Python code that runs the command with at most ``memory_bytes`` of memory."""
    return (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory_bytes}, {memory_bytes}))\n"
        "from workshop_assign.cli import main\n"
        f"sys.exit(main({list(args)!r}))\n"
    )


def _limited(file_bytes: int, *args: str) -> str:
    """Python code that runs the command with files limited to ``file_bytes`` (a full
    disk, as far as the program can tell: writes beyond it fail with an OSError)."""
    return (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({file_bytes}, {file_bytes}))\n"
        "from workshop_assign.cli import main\n"
        f"sys.exit(main({list(args)!r}))\n"
    )


def test_results_get_the_permissions_of_any_new_file(tmp_path: Path, export: Path) -> None:
    code = (
        "import os, sys\n"
        "os.umask(0o022)\n"
        "from workshop_assign.cli import main\n"
        f"sys.exit(main(['solve', {str(export)!r}, '-o', {str(out(tmp_path))!r}]))\n"
    )
    assert python(tmp_path, code).returncode == 0
    assert out(tmp_path).stat().st_mode & 0o777 == 0o644  # not 0600: colleagues can open it
