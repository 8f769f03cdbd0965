"""The organizer's workbook: assignments, rosters, summary and notes, in German or English."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import workshop_assign as wa
from exports import SEATS, SHOPS, columns_per_rank, write_xlsx
from workshop_assign.write import result_metadata, writers
from workshop_assign.write.workbook import unique_sheet_name


@pytest.fixture
def solved(tmp_path: Path) -> tuple[wa.Result, Path]:
    frame = columns_per_rank()
    frame["Status"] = ""
    frame.loc[9, "Status"] = "abgesagt"
    export = write_xlsx(frame, tmp_path / "anmeldungen.xlsx", title_rows=1, seats=SEATS)
    return wa.solve(wa.read_export(export)), export


def sheets(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None, engine="calamine", header=None)


def test_german_workbook(solved: tuple[wa.Result, Path], tmp_path: Path) -> None:
    result, export = solved
    book = sheets(result.to_excel(tmp_path / "zuteilung.xlsx"))  # language of the export
    assert list(book) == [
        "Zuteilung",
        *SHOPS[:2],
        "Digitale Kompetenzen für mehr T",
        "Übersicht",
        "Benachrichtigungen",  # the message for each attendee
        "Hinweise",
        "workshop_assign",  # very hidden: what `check` needs to re-solve
    ]
    assignments = book["Zuteilung"]
    assert assignments.iloc[0].tolist()[-4:-1] == ["Workshop", "Erhaltener Wunsch", "Grund"]
    assert len(assignments) == 1 + 9
    roster = book["Digitale Zwillinge"]
    assert roster.iloc[0, 0] == "Digitale Zwillinge"  # a title to print
    assert roster.iloc[1, 0] == "3 Personen / 3 Plätze"
    header = ["Name", "Organisation", "Unterschrift"]  # a list for the door: no addresses
    assert roster.iloc[3].tolist() == header
    names = roster.iloc[4:, 0].tolist()
    assert all(", " in n for n in names)  # "Albrecht, Ana": surname first
    assert names == sorted(names, key=str.casefold) and len(names) == SEATS["Digitale Zwillinge"]
    printed = load_workbook(tmp_path / "zuteilung.xlsx")["Digitale Zwillinge"]
    assert printed.print_title_rows == "$4:$4"  # the header on every printed page
    assert printed.page_setup.paperSize == 9  # A4
    assert printed.sheet_properties.pageSetUpPr.fitToPage  # one page wide (width 1 is
    assert printed.page_setup.fitToHeight == 0  # the default), as many pages long as needed
    summary = book["Übersicht"]
    labels = dict(zip(summary[0], summary[1], strict=True))
    assert labels["SHA-256 der Datei"] == hashlib.sha256(export.read_bytes()).hexdigest()
    assert labels["Ergebnis"] == "die beste mögliche Zuteilung (nachgewiesen)"
    assert labels["Version von workshop_assign"] == wa.__version__
    assert labels["Nicht gezählte Zeilen: storniert"] == 1
    notes = book["Hinweise"]
    decisions = notes[3].tolist()
    cancelled = "keine Teilnahme: als storniert markiert"
    assert cancelled in decisions
    assert notes[notes[3] == cancelled][0].tolist() == [13]


def test_english_workbook_on_request(solved: tuple[wa.Result, Path], tmp_path: Path) -> None:
    result, _ = solved
    book = sheets(result.to_excel(tmp_path / "result.xlsx", lang="en"))
    assert list(book)[:1] + list(book)[-4:-1] == [
        "Assignments",
        "Summary",
        "Notifications",
        "Notes",
    ]
    assert "not an attendee: marked cancelled" in book["Notes"][3].tolist()


def test_csv_and_json_hold_the_assignment_table(
    solved: tuple[wa.Result, Path], tmp_path: Path
) -> None:
    result, _ = solved
    german = pd.read_csv(result.to_csv(tmp_path / "a.csv"), sep=";", encoding="utf-8-sig")
    assert list(german.columns[-4:]) == ["Workshop", "Erhaltener Wunsch", "Grund", "Erklärung"]
    records = json.loads(result.to_json(tmp_path / "a.json", lang="en").read_text(encoding="utf-8"))
    assert len(records) == 9 and set(records[0]) >= {"Workshop", "Rank received", "Reason"}
    assert {r["Workshop"] for r in records} <= set(SHOPS)


def test_results_from_python_data_have_an_attendee_column(tmp_path: Path) -> None:
    problem = wa.Problem.from_preferences(
        {"a@x.example": ["A"], "b@x.example": []}, capacities={"A": 1}
    )
    table = pd.read_csv(wa.solve(problem).to_csv(tmp_path / "r.csv")).astype(object)
    assert table.where(table.notna(), None).to_dict("list") == {
        "Attendee": ["a@x.example", "b@x.example"],
        "Workshop": ["A", None],
        "Rank received": [1, None],
        "Reason": [None, "ranked no workshop"],
        "Explanation": [None, "you ranked no workshop"],
    }


def test_wrong_suffix_and_language(solved: tuple[wa.Result, Path], tmp_path: Path) -> None:
    result, _ = solved
    with pytest.raises(wa.InputError, match=r"ending in \.xlsx"):
        result.to_excel(tmp_path / "r.csv")
    with pytest.raises(wa.InputError, match="lang must be one of 'en', 'de', not 'fr'"):
        result.to_excel(tmp_path / "r.xlsx", lang="fr")
    assert not list(tmp_path.glob("r.*"))


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    first = unique_sheet_name("Digitale Kompetenzen: Teilhabe [Saal]/Raum?", used)
    second = unique_sheet_name("Digitale Kompetenzen: Teilhabe [Saal]/Raum!", used)
    assert len(first) <= 31 and not set(first) & set("[]:*?/\\")
    assert first != second and len(second) <= 31


def test_the_summary_has_native_charts(solved: tuple[wa.Result, Path], tmp_path: Path) -> None:
    result, _ = solved
    target = result.to_excel(tmp_path / "charts.xlsx")
    with zipfile.ZipFile(target) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 2
        first = archive.read(charts[0]).decode()
    assert "Übersicht" in first and "Personen je erhaltenem Wunsch" in first


def test_the_summary_holds_numbers_rooms_and_the_rules_in_force(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Gruppe"] = ["", "Saalekreis", "", "", "", "", "", "Saalekreis", "", ""]
    export = write_xlsx(frame, tmp_path / "a.xlsx", seats={n: 5 for n in SEATS})
    book = load_workbook(export)
    book["Workshops"]["C1"], book["Workshops"]["C2"] = "Minimum", 2
    book["Workshops"]["D1"], book["Workshops"]["D3"] = "Raum", "A 1.02"
    book.save(export)
    rules = wa.Rules(spread=(wa.Spread("Organisation", max_count=4),))
    result = wa.solve(wa.read_export(export), rules=rules)
    summary = load_workbook(result.to_excel(tmp_path / "r.xlsx", lang="en"))["Summary"]
    cells = {row[0].value: row for row in summary.iter_rows() if row[0].value}
    solved = json.loads(result_metadata(tmp_path / "r.xlsx")["solved"])
    assert isinstance(solved["objective_value"], int)  # in the record, not on the sheet
    assert cells["Objective"][1].value == "the best wishes overall"
    share = cells["choice 1"][2]
    assert isinstance(share.value, float) and share.number_format == "0.0%"
    fill = cells[SHOPS[1]]
    assert fill[4].number_format == "0.0%" and fill[5].value == "A 1.02"
    assert cells[f"{SHOPS[0]}: runs with at least"][1].value == 2
    assert cells["Groups kept together"][1].value == 1
    assert cells["At most per Organisation and workshop"][1].value == 4


def test_too_many_messages_for_a_sheet_point_to_notify(
    solved: tuple[wa.Result, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, _ = solved
    monkeypatch.setattr(writers, "NOTIFICATION_ROWS", len(result.problem.keys) - 1)
    book = sheets(result.to_excel(tmp_path / "many.xlsx"))
    assert book["Benachrichtigungen"].shape == (2, 1)
    assert "workshop-assign notify" in book["Benachrichtigungen"].iloc[1, 0]


def test_rosters_show_e_mail_and_wish_only_when_asked(
    solved: tuple[wa.Result, Path], tmp_path: Path
) -> None:
    result, _ = solved
    written = result.to_excel(tmp_path / "r.xlsx", lang="de", roster_columns=("email", "rank"))
    roster = sheets(written)["Digitale Zwillinge"]
    assert roster.iloc[3].tolist() == [
        "Name",
        "Organisation",
        "E-Mail",
        "Erhaltener Wunsch",
        "Unterschrift",
    ]
    with pytest.raises(wa.InputError, match="roster columns"):
        result.to_excel(tmp_path / "s.xlsx", roster_columns=("phone",))
    assert not (tmp_path / "s.xlsx").exists()


def test_every_sheet_prints_as_a_list(solved: tuple[wa.Result, Path], tmp_path: Path) -> None:
    result, _ = solved
    written = result.to_excel(tmp_path / "r.xlsx", lang="de", waitlists=wa.waitlists(result))
    book = load_workbook(written)
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        setup = sheet.page_setup
        assert setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert setup.fitToWidth in (1, None) and setup.fitToHeight == 0, sheet.title
        assert "Seite &P von &N" in sheet.oddFooter.center.text, sheet.title
        assert sheet.oddHeader.left.text, sheet.title  # the sheet's title on every page
    assert book["Zuteilung"].page_setup.orientation == "landscape"  # wide: on its side
    assert book["Zuteilung"].print_title_rows == "$1:$1"
    roster = book["Digitale Zwillinge"]
    assert roster.print_options.gridLines  # ruled, to sign on
    assert roster.sheet_format.defaultRowHeight >= 20
