"""``update`` continues from a published result as it was made (issue 11's findings):
its objective, rank costs, rules and seats, unless an option says otherwise; people
left unassigned in it are no obstacle, for ``update`` or ``check``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import workshop_assign as wa
from exports import SEATS, columns_per_rank, write_xlsx
from helpers import run
from workshop_assign.read import reader


def options_of(workbook: Path) -> dict[str, object]:
    meta = pd.read_excel(workbook, sheet_name="workshop_assign", header=None, engine="calamine")
    values = dict(zip(meta[0], meta[1], strict=True))
    return dict(json.loads(values["options"]))


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """A result under rank costs 0,1,5 and at most one person per organisation per
    workshop (someone is left out), and a newer export without a Workshops sheet."""
    frame = columns_per_rank()
    frame["Organisation"] = ["Stadt Halle"] * 6 + list(frame["Organisation"][6:])
    export = write_xlsx(frame, tmp_path / "anmeldungen.xlsx", seats={n: 3 for n in SEATS})
    result = tmp_path / "zuteilung.xlsx"
    done = run(
        "solve",
        str(export),
        "-o",
        str(result),
        "--rank-costs",
        "0,1,5",
        "--max-per",
        "Organisation=1",
    )
    assert done.returncode == 0, done.stderr
    later = frame.copy()
    later.loc[len(later)] = later.iloc[8]
    later.loc[len(later) - 1, "E-Mail-Adresse"] = "neu@kreis.example"
    return result, write_xlsx(later, tmp_path / "anmeldungen_neu.xlsx")


def test_check_passes_on_a_result_with_people_left_out(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    result, _ = published
    table = pd.read_excel(result, sheet_name="Zuteilung", engine="calamine")
    assert table["Workshop"].isna().any()  # the cap leaves people out
    done = run("check", str(tmp_path / "anmeldungen.xlsx"), str(result))
    assert done.returncode == 0, done.stdout + done.stderr


def test_update_reuses_costs_rules_and_seats_and_says_so(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    result, later = published
    target = tmp_path / "neu.xlsx"
    done = run("update", str(result), str(later), "-o", str(target))
    assert done.returncode == 0, done.stderr
    said = done.stdout.splitlines()[0]  # German, like the export
    assert said.startswith("übernommen aus zuteilung.xlsx: Ziel rank-sum; Kosten je Wunsch 0,1,5")
    assert "höchstens 1 je Organisation" in said and "die Plätze je Workshop" in said
    options = options_of(target)
    assert options["rank_costs"] == [0, 1, 5]
    assert options["rules"]["spread"] == [["Organisation", 1, None]]  # type: ignore[index]
    table = pd.read_excel(target, sheet_name="Zuteilung", engine="calamine")
    placed = table.dropna(subset=["Workshop"])
    assert placed.groupby(["Workshop", "Organisation"]).size().max() == 1
    assert len(table) == 11
    summary = pd.read_excel(target, sheet_name="Übersicht", header=None, engine="calamine")
    cells = summary[0].dropna().tolist()
    heading = cells.index("Aus dem veröffentlichten Ergebnis übernommen")
    assert cells[heading + 1 : heading + 3] == ["Ziel rank-sum", "Kosten je Wunsch 0,1,5"]
    assert "die Plätze je Workshop" in cells[heading:]


def test_update_published_says_the_same_in_its_workbook(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    result, later = published
    done = wa.update_published(result, later)
    assert ("reuse_costs", "0,1,5") in done.reused and ("reuse_seats", "") in done.reused
    written = done.to_excel(tmp_path / "neu.xlsx")
    summary = pd.read_excel(written, sheet_name="Übersicht", header=None, engine="calamine")
    assert "Kosten je Wunsch 0,1,5" in summary[0].tolist()
    with pd.ExcelFile(written, engine="calamine") as book:
        assert "Änderungen" in book.sheet_names


def test_an_option_given_overrides_what_was_published(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    result, later = published
    target = tmp_path / "neu.xlsx"
    done = run(
        "update",
        str(result),
        str(later),
        "-o",
        str(target),
        "--objective",
        "fair",
        "--max-per",
        "Organisation=2",
    )
    assert done.returncode == 0, done.stderr
    options = options_of(target)
    assert options["objective"] == "fair" and options["rank_costs"] is None
    assert options["rules"]["spread"] == [["Organisation", 2, None]]  # type: ignore[index]
    assert "objective" not in done.stdout.splitlines()[0]


def test_the_change_list_names_everyone_the_update_concerns_and_every_empty_kind(
    tmp_path: Path,
) -> None:
    frame = columns_per_rank()
    export = write_xlsx(frame, tmp_path / "v1.xlsx", seats=SEATS)
    published = tmp_path / "published.xlsx"
    assert run("solve", str(export), "-o", str(published)).returncode == 0
    later = frame.iloc[1:].copy()  # Ana cancels
    late = later.iloc[[0]].copy()
    late["E-Mail-Adresse"] = "neu@stadt.example"  # a late registration
    export2 = write_xlsx(pd.concat([later, late]), tmp_path / "v2.xlsx", seats=SEATS)
    target = tmp_path / "updated.xlsx"
    done = run("update", str(published), str(export2), "-o", str(target))
    assert done.returncode == 0, done.stderr
    table = pd.read_excel(target, sheet_name="Änderungen", engine="calamine")
    assert list(table.columns) == ["Änderung", "Teilnehmende", "Von", "Nach", "Warum"]
    by_kind = {kind: rows for kind, rows in table.groupby("Änderung", sort=False)}
    assert list(by_kind) == [
        "neu: zugeteilt",
        "jetzt zugeteilt (hatte keinen Platz)",
        "umgesetzt",
        "nicht mehr angemeldet: Platz frei",
        "weiterhin ohne Platz",
    ]
    new = by_kind["neu: zugeteilt"]
    assert new["Teilnehmende"].tolist() == ["neu@stadt.example"] and new["Nach"].notna().all()
    gone = by_kind["nicht mehr angemeldet: Platz frei"]
    assert gone["Teilnehmende"].tolist() == ["ana.albrecht@stadt-halle.example"]
    assert gone["Von"].tolist() == ["Digitale Zwillinge"]
    assert by_kind["umgesetzt"]["Teilnehmende"].tolist() == ["(niemand)"]  # empty, but there
    unplaced = by_kind["weiterhin ohne Platz"]["Teilnehmende"].tolist()
    result = pd.read_excel(target, sheet_name="Zuteilung", engine="calamine")
    without = result.loc[result["Workshop"].isna(), "E-Mail-Adresse"].tolist()
    assert unplaced == (without or ["(niemand)"])


def test_check_verifies_an_updated_result_by_running_the_update_again(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    result, later = published
    target = tmp_path / "neu.xlsx"
    assert run("update", str(result), str(later), "-o", str(target)).returncode == 0
    done = run("check", str(later), str(target), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "re-running the update reproduces the result exactly" in done.stdout
    book = load_workbook(target)
    sheet = book["Zuteilung"]
    column = [c.value for c in sheet[1]].index("Workshop") + 1
    moved = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value)
    shops = [n for n in SEATS if n != sheet.cell(moved, column).value]
    sheet.cell(moved, column).value = shops[0]  # someone put elsewhere by hand
    book.save(target)
    done = run("check", str(later), str(target))
    assert done.returncode == 9
    assert "erneutes Aktualisieren teilt 1 Teilnehmende anders zu" in done.stdout


def test_update_published_reads_the_newer_export_once(
    published: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    result, later = published
    loaded: list[Path] = []
    load = reader.load_book

    def counted(path: Path, **how: object) -> object:
        loaded.append(path)
        return load(path, **how)

    monkeypatch.setattr(reader, "load_book", counted)
    done = wa.update_published(result, later)  # the export has no seats: the published ones
    assert loaded == [later] and ("reuse_seats", "") in done.reused
