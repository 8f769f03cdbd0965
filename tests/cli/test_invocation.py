"""The command line keeps its state in one small object and reads each export once."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from exports import SEATS, columns_per_rank, write_xlsx
from workshop_assign.cli import main
from workshop_assign.cli.invocation import Invocation
from workshop_assign.read import reader


def counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the readers load from now on."""
    loaded: list[Path] = []
    load: Callable[..., object] = reader.load_book

    def counted(path: Path, **how: object) -> object:
        loaded.append(path)
        return load(path, **how)

    monkeypatch.setattr(reader, "load_book", counted)
    return loaded


def test_solve_with_capacities_reads_the_export_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    loaded = counting_loads(monkeypatch)
    given = [f"--capacity={n}={s}" for n, s in SEATS.items()]
    assert main(["solve", str(export), *given, "-o", str(tmp_path / "r.xlsx")]) == 0
    assert loaded == [export]


def test_a_wrong_capacity_name_is_still_the_options_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    given = [f"--capacity={n}={s}" for n, s in SEATS.items() if not n.startswith("Mobil")]
    code = main(["solve", str(export), *given, "--capacity=Mobilität=5", "-o", "r.xlsx"])
    assert code == 4
    assert "--capacity 'Mobilität' names no workshop of the export" in capsys.readouterr().err


def test_an_update_continuing_with_the_published_seats_reads_the_export_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    given = [f"--capacity={n}={s}" for n, s in SEATS.items()]
    assert main(["solve", str(export), *given, "-o", str(tmp_path / "p.xlsx")]) == 0
    loaded = counting_loads(monkeypatch)
    code = main(["update", str(tmp_path / "p.xlsx"), str(export), "-o", str(tmp_path / "u.xlsx")])
    assert code == 0
    assert loaded.count(export) == 1
    said = capsys.readouterr().out
    assert "seats" in said.lower() or "plätze" in said.lower()  # the seats were taken over


@pytest.mark.parametrize(
    ("lang", "learned", "expected"),
    [("en", "de", "en"), (None, "de", "de"), (None, "en", "en")],
)
def test_the_language_is_the_options_else_what_the_run_learned(
    lang: str | None, learned: str, expected: str
) -> None:
    call = Invocation(argparse.Namespace(lang=lang))
    assert call.learn_language(learned) == expected
    assert call.language == expected


def test_before_anything_is_read_the_system_language_speaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert Invocation(argparse.Namespace(lang=None)).language == "de"


class Sealed(argparse.Namespace):
    """A namespace that notes every attribute written after parsing ended."""

    def __init__(self) -> None:
        super().__init__()
        object.__setattr__(self, "written", [])
        object.__setattr__(self, "sealed", False)

    def __setattr__(self, name: str, value: object) -> None:
        if self.sealed:
            self.written.append(name)
        super().__setattr__(name, value)


@pytest.mark.parametrize("command", ["inspect", "solve"])
def test_the_parsed_options_are_only_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    parsed: list[Sealed] = []
    parse = argparse.ArgumentParser.parse_args

    def sealed(
        self: argparse.ArgumentParser, args: object = None, namespace: object = None
    ) -> object:
        options = parse(self, args, Sealed())
        object.__setattr__(options, "sealed", True)
        parsed.append(options)
        return options

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", sealed)
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    given = [f"--capacity={n}={s}" for n, s in SEATS.items()]
    out = ["-o", str(tmp_path / "r.xlsx")] if command == "solve" else []
    assert main([command, str(export), *given, *out]) == 0
    assert len(parsed) == 1 and parsed[0].written == []


def test_the_command_ends_at_once_yet_says_everything(tmp_path: Path) -> None:
    """The command skips the interpreter's slow clean-up, so it must flush what it
    printed itself: with buffered streams (no PYTHONUNBUFFERED) every line arrives, and
    the exit code is the command's."""
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    given = [f"--capacity={n}={s}" for n, s in SEATS.items()]
    command = [sys.executable, "-m", "workshop_assign", "solve", str(export), *given]
    done = subprocess.run(
        [*command, "-o", str(tmp_path / "r.xlsx"), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.rstrip().splitlines()[-1].startswith("result written to ")
    bad = subprocess.run(
        [*command[: -len(given)], "-o", str(tmp_path / "s.xlsx")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 5 and bad.stdout.strip()  # the demand table, then the error
    assert bad.stderr.startswith("workshop-assign: error:")
