"""Roles from contents, headings as hints: the time of registration, unsubmitted answers,
suggested (never silent) rules, codes read through a legend, many options, and the
errors that say what is wrong."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import workshop_assign as wa
from exports import formulas_only
from forms import legend_book, limesurvey_rows, write_export
from helpers import run
from workshop_assign.core.provenance import NoteKind

SHOPS = ["Digitale Zwillinge", "Mobilitätskonzepte", "Digitale Kompetenzen für mehr Teilhabe"]
START = datetime(2025, 5, 5, 9, 0)


def registrations(stamp: str) -> tuple[list[list[object]], dict[str, tuple[str, ...]]]:
    """Twelve people, four of whom registered again later with other wishes; rows listed
    newest first, as many tools export them.  Returns the rows and the wishes that count."""
    pick = random.Random(4)
    rows, final = [], {}
    for i in range(12):
        wishes = pick.sample(SHOPS, 3)
        rows.append([(START + timedelta(hours=i)).strftime(stamp), f"p{i}@x.example", *wishes])
        final[f"p{i}@x.example"] = tuple(wishes)
    for i in range(4):
        wishes = list(reversed(final[f"p{i}@x.example"]))
        again = START + timedelta(days=2, minutes=i)
        rows.append([again.strftime(stamp), f"p{i}@x.example", *wishes])
        final[f"p{i}@x.example"] = tuple(wishes)
    rows.reverse()  # newest first, as many tools export
    return rows, final


@pytest.mark.parametrize(
    ("heading", "stamp"),
    [
        ("Submission Date", "%b %d, %Y %I:%M %p"),  # Jotform
        ("Submitted At", "%Y-%m-%dT%H:%M:%S"),
        ("Date submitted", "%Y-%m-%d %H:%M:%S"),
        ("submitdate. Date submitted", "%Y-%m-%d %H:%M:%S"),  # LimeSurvey, codes and text
        ("Eingang", "%d.%m.%Y %H:%M"),  # a heading no list knows: read from the cells
        ("Angemeldet am", "%d. %B %Y, %H:%M Uhr"),  # month names
    ],
)
def test_the_time_of_registration_is_found_by_its_cells(
    tmp_path: Path, heading: str, stamp: str
) -> None:
    rows, final = registrations(stamp)
    if "%B" in stamp:
        rows = [[str(r[0]).replace("May", "Mai"), *r[1:]] for r in rows]
    headers = [heading, "E-Mail", "Erstwunsch", "Zweitwunsch", "Drittwunsch"]
    parsed = wa.parse_export(write_export(tmp_path / "a.csv", rows, headers))
    assert parsed.people.timestamp == heading
    assert dict(zip(parsed.keys, map(tuple, parsed.wishes), strict=True)) == final
    superseded = [n for n in parsed.notes if n.code == "superseded"]
    assert len(superseded) == 4


def test_a_birthday_or_a_date_without_times_is_not_the_time_of_registration(
    tmp_path: Path,
) -> None:
    rows, _ = registrations("%Y-%m-%d %H:%M")
    rows = [[f"1990-0{1 + i % 9}-1{i % 9}", "2025-06-12", *r] for i, r in enumerate(rows)]
    headers = ["Geburtsdatum", "Datum", "Zeitstempel", "E-Mail", "W1", "W2", "W3"]
    parsed = wa.parse_export(write_export(tmp_path / "a.csv", rows, headers))
    assert parsed.people.timestamp == "Zeitstempel"
    rows = [r[:2] + r[3:] for r in rows]
    parsed = wa.parse_export(write_export(tmp_path / "b.csv", rows, [*headers[:2], *headers[3:]]))
    assert parsed.people.timestamp is None


def test_without_time_stamps_a_repeat_registration_is_kept_with_a_warning(
    tmp_path: Path,
) -> None:
    rows, _ = registrations("%Y-%m-%d")
    headers = ["Bemerkung", "E-Mail", "Erstwunsch", "Zweitwunsch", "Drittwunsch"]
    rows = [["", *r[1:]] for r in rows]
    parsed = wa.parse_export(write_export(tmp_path / "a.csv", rows, headers))
    assert parsed.people.timestamp is None
    unordered = [n for n in parsed.notes if n.code == "superseded-unordered"]
    assert len(unordered) == 4
    assert all(n.kind is NoteKind.WARNING for n in unordered)
    assert "check which answer is newer" in unordered[0].text("en")
    assert "bitte prüfen, welche Antwort neuer ist" in unordered[0].text("de")


def test_unsubmitted_answers_are_taken_out_whatever_text_the_heading_carries(
    tmp_path: Path,
) -> None:
    headers, rows = limesurvey_rows()
    export = write_export(tmp_path / "lime.csv", rows, headers)
    parsed = wa.parse_export(export)
    assert parsed.people.names == ("vorname. Vorname", "nachname. Nachname")
    assert parsed.people.timestamp == "submitdate. Date submitted"
    assert sorted(parsed.dropped.values()) == ["incomplete", "incomplete"]
    notes = [n for n in parsed.notes if n.code == "incomplete"]
    assert [(n.row, n.column) for n in notes] == [(5, headers[1]), (9, headers[1])]
    kept = wa.parse_export(export, keep_rows=[5])
    assert len(kept.keys) == 9


@pytest.mark.parametrize(
    ("heading", "done", "not_done"),
    [
        ("Status", "Complete", "Partial"),  # SurveyMonkey, Alchemer
        ("Finished", "True", "False"),  # Qualtrics
        ("Antwortstatus", "Vollständig", "Unvollständig"),
    ],
)
def test_a_completion_column_takes_out_unfinished_answers(
    tmp_path: Path, heading: str, done: str, not_done: str
) -> None:
    rows = [
        [f"p{i}@x.example", done if i % 4 else not_done, *SHOPS[i % 3 :], *SHOPS[: i % 3]]
        for i in range(12)
    ]
    headers = ["E-Mail", heading, "Erstwunsch", "Zweitwunsch", "Drittwunsch"]
    parsed = wa.parse_export(write_export(tmp_path / "a.csv", rows, headers))
    assert parsed.keys == [f"p{i}@x.example" for i in range(12) if i % 4]
    notes = [n for n in parsed.notes if n.code == "incomplete"]
    assert [(n.column, n.value) for n in notes] == [(heading, not_done)] * 3


def test_a_status_column_of_other_words_takes_nobody_out(tmp_path: Path) -> None:
    rows = [[f"p{i}@x.example", "bezahlt", *SHOPS] for i in range(6)]
    headers = ["E-Mail", "Status", "Erstwunsch", "Zweitwunsch", "Drittwunsch"]
    parsed = wa.parse_export(write_export(tmp_path / "a.csv", rows, headers))
    assert parsed.people.status is None
    assert len(parsed.keys) == 6


def test_a_team_column_is_a_suggestion_never_a_rule(tmp_path: Path) -> None:
    rows = [[f"p{i}@x.example", f"Team {i % 3}", *SHOPS] for i in range(9)]
    headers = ["E-Mail", "Team", "Erstwunsch", "Zweitwunsch", "Drittwunsch"]
    export = write_export(tmp_path / "a.csv", rows, headers)
    parsed = wa.parse_export(export, workshops=dict.fromkeys(SHOPS, 1))
    assert not parsed.rules
    [note] = [n for n in parsed.notes if n.code == "maybe-group"]
    assert note.column == "Team"
    assert "not used as a rule" in note.text("en")
    result = wa.solve(parsed.to_problem())
    assert result.n_unassigned == 6  # nine people, three seats: no group kept anyone out
    grouped = write_export(tmp_path / "b.csv", rows, ["E-Mail", "Gruppe", *headers[2:]])
    assert wa.parse_export(grouped, workshops=dict.fromkeys(SHOPS, 9)).rules.groups


def test_codes_are_read_through_the_workshop_tables_legend(tmp_path: Path) -> None:
    codes = [f"W{i}" for i in range(1, 7)]
    names = [*SHOPS, "Open Data", "Smart Parking", "Bürgerbeteiligung"]
    pick = random.Random(2)
    intended = [pick.sample(range(6), 3) for _ in range(30)]
    written = [[codes[i] for i in row] for row in intended]
    written[3][0] = written[3][0].lower()  # "w3"
    written[4][1] += " "  # "W2 "
    export = legend_book(tmp_path / "a.xlsx", codes, written)
    problem = wa.read_export(export)
    assert [list(problem.wishes_of(i)) for i in range(30)] == [
        [names[i] for i in row] for row in intended
    ]
    assert problem.source is not None
    hows = {n.params["how"] for n in problem.source.notes if n.code == "name"}
    assert hows == {"code"}
    done = run("solve", str(export), "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 0, done.stderr
    numbered = legend_book(
        tmp_path / "n.xlsx", [1, 2, 3, 4, 5, 6], [[i + 1 for i in r] for r in intended]
    )
    assert [list(wa.read_export(numbered).wishes_of(i)) for i in range(30)] == [
        [names[i] for i in row] for row in intended
    ]


def test_an_unknown_code_stops_with_its_cell_and_the_known_codes(tmp_path: Path) -> None:
    codes = [f"W{i}" for i in range(1, 7)]
    written = [[codes[i % 6], codes[(i + 1) % 6], codes[(i + 2) % 6]] for i in range(20)]
    written[5][2] = "W7"
    export = legend_book(tmp_path / "a.xlsx", codes, written)
    done = run("solve", str(export), "-o", str(tmp_path / "r.xlsx"), "--lang", "de")
    assert done.returncode == 3
    assert done.stderr == (
        f"workshop-assign: error: {export}, Blatt 'Anmeldungen', Zelle E7: 'W7' ist keines "
        "der Kürzel der Workshop-Tabelle (W1, W2, W3, W4, W5, W6). Bitte die Zelle "
        "korrigieren oder das Kürzel in die Tabelle aufnehmen\n"
    )
    assert not (tmp_path / "r.xlsx").exists()


def test_formulas_without_values_are_named_even_where_no_wishes_are_found(
    tmp_path: Path,
) -> None:
    formulas_only(tmp_path / "f.xlsx")
    done = run("inspect", str(tmp_path / "f.xlsx"), "--lang", "en")
    assert done.returncode == 3
    assert done.stderr.startswith(
        f"workshop-assign: error: {tmp_path / 'f.xlsx'}, sheet 'Anmeldungen', cell C2: holds a "
        "formula whose value was never calculated"
    )


def test_a_project_list_of_a_hundred_options_shows_its_demand_and_asks_for_seats(
    tmp_path: Path,
) -> None:
    topics = ["Robotik", "Klima", "Imkerei", "Fotografie", "Podcast"]
    topics += ["Theater", "Chemie", "Astronomie", "Programmieren", "Stadtgeschichte"]
    kinds = ["Einführung", "Praxis", "Projekt", "Werkstatt", "Labor"]
    kinds += ["Exkursion", "Forschung", "Kunst", "Technik", "Natur"]
    options = [f"{k}: {t}" for k in kinds for t in topics]
    pick = random.Random(7)
    rows = [[f"Kind {i}", f"k{i}@schule.example", *pick.sample(options, 5)] for i in range(300)]
    headers = ["Name", "E-Mail", "Wahl 1", "Wahl 2", "Wahl 3", "Wahl 4", "Wahl 5"]
    export = write_export(tmp_path / "projekte.csv", rows, headers)
    parsed = wa.parse_export(export)
    assert sorted(parsed.names) == sorted(options)
    assert parsed.layout.columns == tuple(headers[2:])
    done = run("solve", str(export), "-o", str(tmp_path / "r.xlsx"), "--lang", "en")
    assert done.returncode == 5, done.stderr
    assert all(option in done.stdout + done.stderr for option in options)


def test_a_reason_given_for_a_wish_is_not_a_wish(tmp_path: Path) -> None:
    """ "Warum ist das Ihr Erstwunsch?" names a rank, but its answers are each different:
    in an export long enough to see that, it is no wish column."""
    pick = random.Random(5)
    rows = []
    for i in range(30):
        wishes = pick.sample(SHOPS, 2)
        rows.append([f"p{i}@x.example", *wishes, f"weil Thema {i} mich interessiert"])
    headers = ["E-Mail", "Erstwunsch", "Zweitwunsch", "Warum ist das Ihr Erstwunsch?"]
    parsed = wa.parse_export(write_export(tmp_path / "a.csv", rows, headers))
    assert parsed.layout.columns == ("Erstwunsch", "Zweitwunsch")
    assert sorted(parsed.names) == sorted(SHOPS)
