"""The reading stages one by one: cancellations in words, header shapes, sheet choice,
wish detection from the cells, values written back as they were read, and what the
command line says about rows not counted."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import workshop_assign as wa
from exports import PEOPLE, SEATS, SHOPS, columns_per_rank, write_csv, write_xlsx
from helpers import run
from real_exports import write_rows
from workshop_assign.read.cancel import says_cancelled

WORKSHOP_NAMES = [*SHOPS, "Absagen richtig kommunizieren", "Storno-Management"]


@pytest.mark.parametrize(
    "remark",
    [
        "Absage per Mail am 28.05.",
        "hat abgesagt",
        "storniert",
        "Storno lt. Telefonat",
        "cancelled by phone",
        "Cancelled",
        "kommt nicht",
        "Kommt nicht.",
        "nimmt nicht teil (krank)",
        "kann leider nicht teilnehmen",
        "sagt ab wegen Krankheit",
        "will not attend",
        "no longer attending",
    ],
)
def test_a_remark_that_says_cancelled_cancels(remark: str) -> None:
    assert says_cancelled(remark, WORKSHOP_NAMES)


@pytest.mark.parametrize(
    "remark",
    [
        "keine Absage nötig",
        "nicht storniert",
        "not cancelled",
        "möchte zu Absagen richtig kommunizieren",
        "Interesse an Storno-Management",
        "kommt nicht allein, bringt Kollegin mit",
        "Absagen bitte an die Geschäftsstelle",
        "Rollstuhl, Platz am Gang",
        "",
    ],
)
def test_a_remark_that_only_looks_like_one_does_not(remark: str) -> None:
    assert not says_cancelled(remark, WORKSHOP_NAMES)


def test_free_text_cancels_only_in_remark_columns(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Organisation"] = ["Amt für Absage per Mail", *frame["Organisation"][1:]]
    frame["Bemerkung"] = ["", "hat abgesagt", *[""] * 8]
    problem = wa.read_export(write_csv(frame, tmp_path / "a.csv"), workshops=SEATS)
    assert problem.source is not None
    assert problem.source.dropped["row"].tolist() == [3]
    assert PEOPLE[0][0] in problem.keys


def test_values_are_written_back_as_they_were_read(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Nr.", "E-Mail", "Angemeldet", "Geburtstag", "PLZ", "Betrag"]]
    rows[0] += ["Erstwunsch", "Zweitwunsch"]
    rows.append([1, "a@x.example", datetime(2025, 5, 5, 9, 30, 15), date(1980, 1, 2), "06108"])
    rows[-1] += [1.5, SHOPS[0], SHOPS[1]]
    rows.append([2, "b@x.example", datetime(2025, 5, 6, 10, 0), date(1981, 3, 4), "39104"])
    rows[-1] += [2.0, SHOPS[1], SHOPS[0]]
    export = write_rows(tmp_path / "in.xlsx", {"Tabelle1": rows})
    result = wa.solve(wa.read_export(export, workshops=SEATS))
    sheet = load_workbook(result.to_excel(tmp_path / "o.xlsx", lang="en"))["Assignments"]
    first = [(c.value, c.number_format) for c in sheet[2][:6]]
    assert first == [
        (1, "General"),
        ("a@x.example", "General"),
        (datetime(2025, 5, 5, 9, 30, 15), "yyyy-mm-dd hh:mm:ss"),
        (datetime(1980, 1, 2), "yyyy-mm-dd"),
        ("06108", "General"),
        (1.5, "General"),
    ]
    text = result.to_csv(tmp_path / "o.csv", lang="en").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[1].startswith("1,a@x.example,2025-05-05 09:30:15,1980-01-02,06108,1.5,")
    assert lines[2].startswith("2,b@x.example,2025-05-06 10:00:00,1981-03-04,39104,2,")
    records = json.loads(result.to_json(tmp_path / "o.json", lang="en").read_text())
    assert {k: records[0][k] for k in ["Nr.", "Angemeldet", "Geburtstag", "PLZ", "Betrag"]} == {
        "Nr.": 1,
        "Angemeldet": "2025-05-05T09:30:15",
        "Geburtstag": "1980-01-02",
        "PLZ": "06108",
        "Betrag": 1.5,
    }
    assert records[1]["Betrag"] == 2


def test_csv_whole_numbers_become_numbers_and_leading_zeros_stay_text(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.insert(0, "Nr.", [str(i + 1) for i in range(len(frame))])
    frame.insert(1, "PLZ", ["06108"] * len(frame))
    export = write_csv(frame, tmp_path / "in.csv", sep=";")
    result = wa.solve(wa.read_export(export, workshops=SEATS))
    sheet = load_workbook(result.to_excel(tmp_path / "o.xlsx", lang="en"))["Assignments"]
    assert [c.value for c in sheet[2][:2]] == [1, "06108"]


def test_a_first_data_row_of_text_is_not_taken_for_option_names(tmp_path: Path) -> None:
    """No e-mail, no numbers, a column without a header: still data, not a second header."""
    rows: list[list[object]] = [["Name", "Kommune", "", "Erstwunsch", "Zweitwunsch"]]
    for _, first, last, org, wishes in PEOPLE:
        rows.append([f"{first} {last}", org, "Raum A", *[SHOPS[w] for w in wishes[:2]]])
    problem = wa.read_export(write_rows(tmp_path / "a.xlsx", {"Liste": rows}), workshops=SEATS)
    assert problem.source is not None
    assert problem.source.header_row == 1 and len(problem.keys) == len(PEOPLE)


def test_workshop_table_is_found_by_its_shape_on_any_sheet(tmp_path: Path) -> None:
    rows = [list(columns_per_rank().columns), *columns_per_rank().to_numpy().tolist()]
    shops: list[list[object]] = [["Titel des Workshops", "Kapazität", "Raum"]]
    shops += [[name, seats, "A 1"] for name, seats in SEATS.items()]
    export = write_rows(tmp_path / "a.xlsx", {"Tabelle2": shops, "Tabelle1": rows})
    problem = wa.read_export(export)
    assert [(w.name, w.capacity) for w in problem.workshops] == list(SEATS.items())
    assert problem.source is not None and problem.source.sheet == "Tabelle1"


def test_the_sheet_with_most_registrations_wins_and_sheet_overrides(tmp_path: Path) -> None:
    frame = columns_per_rank()
    rows = [list(frame.columns), *frame.to_numpy().tolist()]
    export = write_rows(
        tmp_path / "a.xlsx", {"Alt": rows[:4], "Aktuell": rows, "Info": [["Stand: Mai"]]}
    )
    problem = wa.read_export(export, workshops=SEATS)
    assert problem.source is not None and problem.source.sheet == "Aktuell"
    assert len(wa.read_export(export, workshops=SEATS, sheet="Alt").keys) == 3


def test_a_single_dropdown_question_is_a_wish_column_by_its_cells(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "E-Mail": [p[0] for p in PEOPLE],
            "Kommune": [p[3] for p in PEOPLE],
            "Wohin möchten Sie am Nachmittag?": [SHOPS[p[4][0]] for p in PEOPLE],
        }
    )
    problem = wa.read_export(frame, workshops=SEATS)
    assert [problem.wishes_of(i) for i in range(3)] == [(SHOPS[p[4][0]],) for p in PEOPLE[:3]]


def test_solve_says_on_stderr_which_rows_were_not_counted(tmp_path: Path) -> None:
    frame = pd.concat(  # 30 people, so that one registering twice is no cause for alarm
        [
            columns_per_rank().assign(
                **{"E-Mail-Adresse": lambda f, n=n: f"{n}." + f["E-Mail-Adresse"]}
            )
            for n in range(3)
        ]
    )
    frame["Status"] = ["storniert", *[""] * 29]
    again = frame.iloc[[1]].assign(Zeitstempel=frame["Zeitstempel"].max() + pd.Timedelta(days=1))
    export = write_xlsx(pd.concat([frame, again]), tmp_path / "a.xlsx", seats=SEATS)
    done = run("solve", str(export), "-o", str(tmp_path / "out.xlsx"))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "workshop-assign: 1 Zeile(n) nicht gezählt: storniert" in lines  # as the export
    assert "workshop-assign: 1 Zeile(n) nicht gezählt: später erneut angemeldet" in lines
    assert not any("Warnung" in line for line in lines)
    english = run("solve", str(export), "-o", str(tmp_path / "en.xlsx"), "--lang", "en")
    assert "workshop-assign: 1 row(s) not counted: cancelled" in english.stderr.splitlines()


def test_many_rows_taken_as_the_same_people_is_a_warning_naming_the_key(tmp_path: Path) -> None:
    frame = columns_per_rank().drop(columns=["Vorname", "Nachname"])
    frame["E-Mail-Adresse"] = ["buero@kreis.example"] * 5 + list(frame["E-Mail-Adresse"][5:])
    export = write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS)
    done = run("solve", str(export), "-o", str(tmp_path / "out.xlsx"), "--lang", "en")
    assert done.returncode == 0, done.stderr
    warning = [line for line in done.stderr.splitlines() if "warning" in line]
    assert warning == [
        "workshop-assign: warning: 4 of 10 data rows (40%) were taken as repeat "
        "registrations of the same person by column 'E-Mail-Adresse'; if that column does "
        "not identify people, choose another with --key"
    ]


def test_wish_columns_option_takes_a_comma_separated_list_before_the_file(
    tmp_path: Path,
) -> None:
    frame = columns_per_rank().rename(
        columns={"Erstwunsch": "A", "Zweitwunsch": "B, zweite Wahl", "Drittwunsch": "C"}
    )
    export = write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS)
    done = run("inspect", "--wish-columns", "A,B, zweite Wahl,C", str(export), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "layout: one column per rank: A, B, zweite Wahl, C" in done.stdout
    done = run("inspect", "--wish-columns", "A,X", str(export))
    assert done.returncode == 3
    assert "there is no column 'X'" in done.stderr
    problem = wa.read_export(export, wish_columns=["A", "B, zweite Wahl", "C"])
    assert problem.source is not None
    assert problem.source.wish_columns == ("A", "B, zweite Wahl", "C")


def test_without_a_workshop_table_variants_are_grouped_under_one_name(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.loc[0, "Erstwunsch"] = "Workshop 1: Digitale Zwillinge (Raum 1.01)"  # long text
    frame.loc[2, "Erstwunsch"] = "Mobilitaetskonzept"  # spelling and a typo (Cem's 1st)
    parsed = wa.parse_export(write_csv(frame, tmp_path / "a.csv"))
    assert sorted(parsed.names) == sorted(SHOPS)
    found = dict(zip(parsed.keys, map(tuple, parsed.wishes), strict=True))
    assert found == {key: tuple(SHOPS[w] for w in wishes) for key, _, _, _, wishes in PEOPLE}


def test_without_a_workshop_table_a_name_with_words_left_out_is_an_answer(tmp_path: Path) -> None:
    """Only a workshop table says that "Digitale Kompetenzen" means the longer name: without
    one, it is what the person chose, and the organizer sees it as an option."""
    frame = columns_per_rank()
    frame.loc[2, "Drittwunsch"] = "Digitale Kompetenzen"  # shortened
    parsed = wa.parse_export(write_csv(frame, tmp_path / "a.csv"))
    assert sorted(parsed.names) == sorted([*SHOPS, "Digitale Kompetenzen"])
    assert parsed.wishes[2][-1] == "Digitale Kompetenzen"
    with_table = wa.parse_export(write_csv(frame, tmp_path / "a.csv"), workshops=SEATS)
    assert with_table.wishes[2][-1] == "Digitale Kompetenzen für mehr Teilhabe"


@pytest.mark.parametrize("source", ["xlsx", "frame"])
def test_default_workshops_count_only_where_nothing_else_gives_seats(
    tmp_path: Path, source: str
) -> None:
    published = {name: seats + 1 for name, seats in SEATS.items()}
    export: Path | pd.DataFrame = (
        write_xlsx(columns_per_rank(), tmp_path / "a.xlsx")
        if source == "xlsx"
        else columns_per_rank()
    )
    parsed = wa.parse_export(export, default_workshops=published)
    assert parsed.workshops_from == "default"
    assert {w.name: w.capacity for w in parsed.workshops or ()} == published
    given = wa.parse_export(export, workshops=SEATS, default_workshops=published)
    assert given.workshops_from == "given"
    assert {w.name: w.capacity for w in given.workshops or ()} == SEATS
    assert wa.parse_export(export).workshops_from is None


def test_an_exports_own_table_wins_over_default_workshops(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    parsed = wa.parse_export(export, default_workshops={n: 1 for n in SEATS})
    assert parsed.workshops_from == "export"
    assert {w.name: w.capacity for w in parsed.workshops or ()} == SEATS


def test_each_wish_text_says_which_workshop_it_was_read_as() -> None:
    frame = columns_per_rank()
    frame.loc[0, "Zweitwunsch"] = "MOBILITÄTSKONZEPTE"
    parsed = wa.parse_export(frame, workshops=SEATS)
    assert parsed.wish_texts["MOBILITÄTSKONZEPTE"] == "Mobilitätskonzepte"
    assert parsed.wish_texts["Mobilitätskonzepte"] == "Mobilitätskonzepte"
    assert set(parsed.wish_texts.values()) <= set(SEATS)
