"""read_export understands every layout, in German and English, and records its decisions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

import workshop_assign as wa
from exports import (
    PEOPLE,
    SEATS,
    SHOPS,
    START,
    columns_per_rank,
    google_grid,
    limesurvey,
    long_format,
    ms_forms,
    seats_csv,
    wishes_by_key,
    write_csv,
    write_xlsx,
)


def found_wishes(problem: wa.Problem) -> dict[str, tuple[str, ...]]:
    return {key: problem.wishes_of(i) for i, key in enumerate(problem.keys)}


def codes(problem: wa.Problem) -> list[str]:
    assert problem.source is not None
    return [n.code for n in problem.source.notes]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_columns_per_rank(tmp_path: Path, lang: str, kind: str) -> None:
    frame = columns_per_rank(lang)
    path = (
        write_xlsx(frame, tmp_path / "a.xlsx", title_rows=2, seats=SEATS)
        if kind == "xlsx"
        else write_csv(frame, tmp_path / "a.csv")
    )
    problem = wa.read_export(path, workshops=None if kind == "xlsx" else SEATS)
    assert found_wishes(problem) == wishes_by_key()
    assert problem.source is not None
    assert problem.source.layout == "columns per rank"
    assert problem.source.language == lang
    assert problem.source.header_row == (4 if kind == "xlsx" else 1)
    assert problem.source.rows.tolist() == list(
        range(problem.source.header_row + 1, problem.source.header_row + 11)
    )
    assert problem.source.name_columns == (
        ("Vorname", "Nachname") if lang == "de" else ("First name", "Last name")
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_google_forms_grid(tmp_path: Path, lang: str) -> None:
    path = write_csv(google_grid(lang), tmp_path / "google.csv")
    problem = wa.read_export(path, workshops=SEATS)
    assert found_wishes(problem) == wishes_by_key()
    assert problem.source is not None and problem.source.layout == "grid"


def test_microsoft_forms_ranking_cell(tmp_path: Path) -> None:
    path = write_xlsx(ms_forms(), tmp_path / "forms.xlsx", sheet="Sheet1")
    problem = wa.read_export(path, workshops=SEATS)
    assert found_wishes(problem) == wishes_by_key()
    assert problem.source is not None
    assert problem.source.layout == "ranking cell"
    assert problem.source.key_column == "E-Mail"


def test_anonymous_microsoft_forms_uses_the_response_id(tmp_path: Path) -> None:
    path = write_xlsx(ms_forms(anonymous=True), tmp_path / "forms.xlsx")
    problem = wa.read_export(path, workshops=SEATS)
    assert problem.source is not None and problem.source.key_column == "ID"
    assert problem.keys == tuple(str(i) for i in range(1, 11))


def test_limesurvey_csv_with_bom_quotes_and_line_breaks(tmp_path: Path) -> None:
    frame = limesurvey()
    frame.loc[4, "Datum Abgeschickt"] = ""  # never submitted
    path = write_csv(
        frame, tmp_path / "results-survey123.csv", sep=";", encoding="utf-8-sig", quote_all=True
    )
    problem = wa.read_export(path, workshops=SEATS)
    expected = wishes_by_key()
    del expected[PEOPLE[4][0]]
    assert found_wishes(problem) == expected
    assert problem.source is not None
    assert problem.source.layout == "rank positions"
    assert problem.source.dropped["reason"].tolist() == ["incomplete"]
    assert problem.attributes is not None
    assert problem.attributes["Anmerkung"].iloc[0] == "Zeile eins\nZeile zwei; mit Semikolon"


def test_long_format(tmp_path: Path) -> None:
    frame = long_format().sample(frac=1, random_state=3)  # rows in any order
    problem = wa.read_export(frame, workshops=SEATS)
    assert found_wishes(problem) == wishes_by_key()
    assert problem.source is not None and problem.source.layout == "long"


def test_german_excel_csv_in_windows_1252(tmp_path: Path) -> None:
    path = write_csv(columns_per_rank("de"), tmp_path / "excel.csv", sep=";", encoding="cp1252")
    problem = wa.read_export(path, workshops=SEATS)
    assert found_wishes(problem) == wishes_by_key()
    assert problem.source is not None
    detected = next(n for n in problem.source.notes if n.code == "encoding")
    assert detected.params == {"encoding": "cp1252", "delimiter": ";"}


def test_workshops_from_sheet_file_mapping_and_objects(tmp_path: Path) -> None:
    frame = columns_per_rank()
    with_sheet = write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS)
    plain = write_xlsx(frame, tmp_path / "b.xlsx")
    objects = [wa.Workshop(n, s) for n, s in SEATS.items()]
    for problem in (
        wa.read_export(with_sheet),
        wa.read_export(plain, workshops=seats_csv(tmp_path / "s.csv")),
        wa.read_export(plain, workshops=SEATS),
        wa.read_export(plain, workshops=objects),
    ):
        assert [(w.name, w.capacity) for w in problem.workshops] == list(SEATS.items())


def test_without_capacities_the_demand_is_shown(tmp_path: Path) -> None:
    with pytest.raises(wa.MissingCapacitiesError, match="no seat counts") as caught:
        wa.read_export(write_xlsx(columns_per_rank(), tmp_path / "a.xlsx"))
    demand = caught.value.demand
    assert demand.loc["Digitale Zwillinge"].tolist() == [5, 2, 2]
    assert demand.sum().sum() == sum(len(p[4]) for p in PEOPLE)


def test_messy_rows_are_sorted_out_and_every_row_is_accounted_for(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Status"] = ""
    frame.loc[2, "Status"] = "Storniert"
    again = frame.iloc[[0]].copy()  # Ana registers again, later, typed differently
    again["E-Mail-Adresse"] = "  ANA.Albrecht@Stadt-Halle.example "
    again["Zeitstempel"] = START + timedelta(days=2)
    again["Erstwunsch"], again["Zweitwunsch"] = SHOPS[2], SHOPS[0]
    early = frame.iloc[[1]].copy()  # an older registration of Ben, listed *below* the newer
    early["Zeitstempel"] = START - timedelta(days=1)
    early["Erstwunsch"] = SHOPS[1]
    messy = pd.concat([frame, again, early], ignore_index=True)
    blank = pd.DataFrame([[""] * len(messy.columns)], columns=messy.columns)
    messy = pd.concat([messy.iloc[:5], blank, messy.iloc[5:]], ignore_index=True)
    path = write_xlsx(messy, tmp_path / "messy.xlsx", title_rows=1, seats=SEATS)
    problem = wa.read_export(path)
    source = problem.source
    assert source is not None
    reasons = dict(zip(source.dropped["row"], source.dropped["reason"], strict=True))
    # header in row 3; data from row 4; blank line at row 9
    assert reasons == {4: "superseded", 6: "cancelled", 16: "superseded"}
    ana = problem.keys.index("ANA.Albrecht@Stadt-Halle.example")  # spaces trimmed
    assert problem.wishes_of(ana)[0] == SHOPS[2]
    ben = problem.keys.index(PEOPLE[1][0])
    assert problem.wishes_of(ben) == tuple(SHOPS[w] for w in PEOPLE[1][4])
    data_rows = len(messy) - 1
    assert len(problem.keys) + len(source.dropped) == data_rows
    assert "blank-rows" in codes(problem)


def test_names_are_normalised_with_a_note_each(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.loc[0, "Erstwunsch"] = "  digitale   ZWILLINGE "
    frame.loc[1, "Erstwunsch"] = "Workshop 1: Digitale Zwillinge (Raum 1.01)"
    frame.loc[2, "Erstwunsch"] = "Mobilitaetskonzepte"
    frame.loc[3, "Erstwunsch"] = "Mobilitätskonzepe"
    frame.loc[4, "Erstwunsch"] = "Digitale Kompetenzen"
    frame.loc[5, "Zweitwunsch"] = ""  # gap: 3rd choice moves up
    frame.loc[6, "Zweitwunsch"] = frame.loc[6, "Erstwunsch"]  # the same workshop twice
    problem = wa.read_export(frame, workshops=SEATS)
    assert problem.wishes_of(0)[0] == "Digitale Zwillinge"
    assert problem.wishes_of(1)[0] == "Digitale Zwillinge"
    assert problem.wishes_of(2)[0] == "Mobilitätskonzepte"
    assert problem.wishes_of(3)[0] == "Mobilitätskonzepte"
    assert problem.wishes_of(4)[0] == "Digitale Kompetenzen für mehr Teilhabe"
    assert problem.wishes_of(5) == (SHOPS[1], SHOPS[0])
    assert problem.wishes_of(6) == (SHOPS[0],)
    assert problem.source is not None
    hows = {n.value: n.params["how"] for n in problem.source.notes if n.code == "name"}
    assert hows == {
        "  digitale   ZWILLINGE ": "spacing",
        "Workshop 1: Digitale Zwillinge (Raum 1.01)": "long",
        "Mobilitaetskonzepte": "spelling",
        "Mobilitätskonzepe": "typo",
        "Digitale Kompetenzen": "short",
    }
    gap = [n for n in problem.source.notes if n.code == "gap"]
    assert [n.row for n in gap] == [7]
    repeat = [n for n in problem.source.notes if n.code == "repeat"]
    # row 5: the typo'd 1st choice is the same workshop as the 2nd; row 8: set above
    assert [(n.row, n.column) for n in repeat] == [(5, "Zweitwunsch"), (8, "Zweitwunsch")]
    assert repeat[1].text("de") == (
        "Workshop 'Digitale Zwillinge' ist doppelt gewählt: der erste Rang zählt"
    )


def test_a_wish_matching_no_workshop_names_the_cell_and_the_closest(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.loc[3, "Zweitwunsch"] = "Digitale Zukunft"
    path = write_xlsx(frame, tmp_path / "a.xlsx", title_rows=1, seats=SEATS)
    with pytest.raises(wa.SpreadsheetError) as caught:
        wa.read_export(path)
    message = str(caught.value)
    assert "a.xlsx, sheet 'Tabelle1', cell G7: 'Digitale Zukunft' matches no workshop" in message
    assert "closest: 'Digitale Zwillinge'" in message
    assert caught.value.cell is None or caught.value.sheet == "Tabelle1"


def test_overrides_for_sheet_header_row_key_and_columns(tmp_path: Path) -> None:
    frame = columns_per_rank().rename(
        columns={"Erstwunsch": "A", "Zweitwunsch": "B", "Drittwunsch": "C"}
    )
    path = write_xlsx(frame, tmp_path / "a.xlsx", title_rows=2, sheet="Daten")
    problem = wa.read_export(
        path,
        sheet="Daten",
        header_row=4,
        key="Nachname",
        wish_columns=["A", "B", "C"],
        workshops=SEATS,
    )
    assert problem.keys[0] == "Albrecht"
    assert problem.wishes_of(0) == wishes_by_key()[PEOPLE[0][0]]
    with pytest.raises(
        wa.SpreadsheetError, match="there is no sheet 'Nope'; the sheets are 'Daten'"
    ):
        wa.read_export(path, sheet="Nope", workshops=SEATS)


def test_names_only_key_joins_first_and_last_name() -> None:
    frame = columns_per_rank().drop(columns=["E-Mail-Adresse"])
    problem = wa.read_export(frame, workshops=SEATS)
    assert problem.keys[0] == "Ana Albrecht"


def test_workshop_names_come_from_the_wishes_when_no_table_is_given(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.loc[0, "Erstwunsch"] = "digitale zwillinge"
    parsed = wa.parse_export(frame)
    assert parsed.names == SHOPS
    assert parsed.workshops is None
