"""One export per registration tool organizers use, shaped like its real download.

Each builder writes a file and returns an ``Expected``: every attendee's key with the
wishes the reader must find, every row that must not be counted with its reason, and
the layout.  The shapes follow the tools' downloads as organizers get them: Microsoft
Forms (the ranking question in one cell, "A;B;C;"), Google Forms (dropdowns phrased as
sentences; the grid), LimeSurvey (rank positions, ``;``-separated, BOM, all quoted),
SurveyMonkey (two header rows, ranks as numbers), Typeform (``#`` token, comma-joined
ranking), Jotform (numbered lines in one cell), Nextcloud Forms (user ID and display
name), ticket shops (pretix, Eventbrite: one row per ticket, the order's e-mail shared by
colleagues) and hand-kept workbooks (a cover sheet, title rows, remarks).  All people are
invented and use ``.example`` addresses.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from exports import PEOPLE, SEATS, SHOPS, START

Row = list[object]


@dataclass
class Expected:
    """What the reader must find in one export."""

    path: Path
    wishes: dict[str, tuple[str, ...]]
    dropped: dict[int, str] = field(default_factory=dict)  # sheet row -> reason
    layout: str = "columns per rank"
    seats: dict[str, int] | None = field(default_factory=lambda: dict(SEATS))


def write_rows(
    path: Path,
    sheets: dict[str, list[Row]],
    *,
    merged: dict[str, list[str]] | None = None,
    sep: str = ",",
    encoding: str = "utf-8",
    quote_all: bool = False,
) -> Path:
    """Write rows of cells as a workbook (one sheet per entry) or as one CSV file."""
    if path.suffix == ".csv":
        (rows,) = sheets.values()
        with path.open("w", newline="", encoding=encoding) as handle:
            quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
            writer = csv.writer(handle, delimiter=sep, quoting=quoting)
            writer.writerows([["" if c is None else c for c in row] for row in rows])
        return path
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([None if c == "" else c for c in row])
        for span in (merged or {}).get(name, []):
            sheet.merge_cells(span)
    book.save(path)
    return path


def _wishes(indices: list[int]) -> list[str]:
    return [SHOPS[i] for i in indices]


def _at(hours: int) -> datetime:
    return START + timedelta(hours=hours)


def _all_people() -> dict[str, tuple[str, ...]]:
    return {key: tuple(_wishes(w)) for key, _, _, _, w in PEOPLE}


# --- Microsoft Forms ---------------------------------------------------------------


def ms_forms_de(tmp: Path) -> Expected:
    """German, named: the ranking question's text holds a rank word (Erstwunsch)."""
    question = (
        "Bitte bringen Sie die Workshops in die Reihenfolge Ihrer Präferenz (oben = Erstwunsch)"
    )
    head = ["ID", "Startzeit", "Fertigstellungszeit", "E-Mail", "Name"]
    head += ["Zeitpunkt der letzten Änderung", "Ihre Kommune", question]
    rows: list[Row] = [head]
    for i, (key, first, last, org, wishes) in enumerate(PEOPLE):
        cell = "".join(f"{w};" for w in _wishes(wishes))
        rows.append([i + 1, _at(i), _at(i) + timedelta(minutes=4), key, f"{first} {last}"])
        rows[-1] += ["", org, cell]
    path = write_rows(tmp / "Anmeldung Smart Cities(1-10).xlsx", {"Sheet1": rows})
    return Expected(path, _all_people(), layout="ranking cell")


def ms_forms_en_anonymous(tmp: Path) -> Expected:
    """English, anonymous: e-mail 'anonymous', no names; responses known by their ID."""
    head = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    head += ["Please rank the workshops (first choice at the top)"]
    rows: list[Row] = [head]
    expected = {}
    for i, (_, _, _, _, wishes) in enumerate(PEOPLE):
        cell = "".join(f"{w};" for w in _wishes(wishes))
        rows.append([i + 1, _at(i), _at(i) + timedelta(minutes=2), "anonymous", "", "", cell])
        expected[str(i + 1)] = tuple(_wishes(wishes))
    path = write_rows(tmp / "forms.xlsx", {"Sheet1": rows})
    return Expected(path, expected, layout="ranking cell")


# --- Google Forms ------------------------------------------------------------------


def google_dropdowns_de(tmp: Path) -> Expected:
    """Dropdown questions phrased as sentences; one person registered twice."""
    head = ["Zeitstempel", "E-Mail-Adresse", "Vorname", "Nachname", "Kommune"]
    head += [
        "Welchen Workshop möchten Sie am liebsten besuchen?",
        "Welcher Workshop wäre Ihre zweite Wahl?",
        "Und welcher Ihre dritte?",
    ]
    rows: list[Row] = [head]
    for i, (key, first, last, org, wishes) in enumerate(PEOPLE):
        names = _wishes(wishes) + [""] * (3 - len(wishes))
        rows.append([_at(i).strftime("%d.%m.%Y %H:%M:%S"), key, first, last, org, *names])
    key, first, last, org, _ = PEOPLE[0]  # Ana changes her mind a day later
    again = [SHOPS[2], SHOPS[1], SHOPS[0]]
    rows.append([_at(30).strftime("%d.%m.%Y %H:%M:%S"), key.upper(), first, last, org, *again])
    path = write_rows(tmp / "Anmeldung (Antworten).csv", {"": rows})
    expected = {k: w for k, w in _all_people().items() if k != key}
    expected[key.upper()] = tuple(again)  # the latest registration counts, as written
    return Expected(path, expected, dropped={2: "superseded"})


def google_grid_de(tmp: Path) -> Expected:
    """A multiple-choice grid with German rank labels; a person who ranked only two."""
    question = "Bitte ordnen Sie die Workshops"
    head = ["Zeitstempel", "E-Mail-Adresse", "Name"] + [f"{question} [{s}]" for s in SHOPS]
    rows: list[Row] = [head]
    for i, (key, first, last, _, wishes) in enumerate(PEOPLE):
        cells = ["" for _ in SHOPS]
        for rank, shop in enumerate(wishes):
            cells[shop] = f"{rank + 1}. Wahl"
        rows.append([_at(i).strftime("%d.%m.%Y %H:%M:%S"), key, f"{first} {last}", *cells])
    path = write_rows(tmp / "grid.csv", {"": rows})
    return Expected(path, _all_people(), layout="grid")


# --- LimeSurvey --------------------------------------------------------------------


def limesurvey_csv(tmp: Path) -> Expected:
    """German CSV: ';', BOM, every field quoted; one response never submitted."""
    head = ["Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache"]
    head += ["Zufallsstartwert", "E-Mail", "Organisation"]
    head += [f"Bitte sortieren Sie die Workshops [Rang {r}]" for r in (1, 2, 3)]
    rows: list[Row] = [head]
    for i, (key, _, _, org, wishes) in enumerate(PEOPLE):
        names = _wishes(wishes) + [""] * (3 - len(wishes))
        stamp = _at(i).strftime("%Y-%m-%d %H:%M:%S")
        rows.append([i + 1, stamp, 2, "de", 1000 + i, key, org, *names])
    rows.append([11, "", 1, "de", 1011, "kai.klein@dessau.example", "Dessau", SHOPS[0], "", ""])
    path = write_rows(tmp / "results-survey1.csv", {"": rows}, sep=";", quote_all=True)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return Expected(path, _all_people(), dropped={12: "incomplete"}, layout="rank positions")


def limesurvey_xlsx_en(tmp: Path) -> Expected:
    """English Excel export of the same survey."""
    head = ["Response ID", "Date submitted", "Last page", "Start language", "Seed"]
    head += ["Email", "Organization"]
    head += [f"Please rank the workshops [Rank {r}]" for r in (1, 2, 3)]
    rows: list[Row] = [head]
    for i, (key, _, _, org, wishes) in enumerate(PEOPLE):
        names = _wishes(wishes) + [""] * (3 - len(wishes))
        rows.append([i + 1, _at(i), 2, "en", 1000 + i, key, org, *names])
    path = write_rows(tmp / "results-survey1.xlsx", {"results": rows})
    return Expected(path, _all_people(), layout="rank positions")


# --- SurveyMonkey ------------------------------------------------------------------


def surveymonkey(tmp: Path, *, merged: bool = False) -> Expected:
    """Expanded results: the question above its first column (or merged across them),
    options below; ranks as numbers, a workshop not ranked left blank (N/A)."""
    question = "Please rank the workshops in order of preference"
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address"]
    meta += ["Email Address", "First Name", "Last Name", "Custom Data 1"]
    first: Row = [*meta, "Which organisation are you from?", question, "", "", "Anything else?"]
    second: Row = [""] * len(meta) + ["Response", *SHOPS, "Open-Ended Response"]
    rows: list[Row] = [first, second]
    expected = {}
    for i, (_, name, last, org, wishes) in enumerate(PEOPLE):
        ranks: list[object] = ["" for _ in SHOPS]
        for rank, shop in enumerate(wishes):
            ranks[shop] = rank + 1
        respondent = 114_000_000_000 + i
        times = [_at(i), _at(i) + timedelta(minutes=3)]
        rows.append([respondent, 400_000_001, *times, "203.0.113.7", "", name, last, ""])
        rows[-1] += [org, *ranks, "Danke!" if i % 3 == 0 else ""]
        expected[str(respondent)] = tuple(_wishes(wishes))
    spans = {"Sheet": ["K1:M1"]} if merged else None
    path = write_rows(tmp / "Smart_Cities_Workshops.xlsx", {"Sheet": rows}, merged=spans)
    return Expected(path, expected, layout="grid")


def surveymonkey_merged(tmp: Path) -> Expected:
    return surveymonkey(tmp, merged=True)


# --- Typeform, Jotform, Nextcloud Forms ----------------------------------------------


def typeform(tmp: Path) -> Expected:
    """A ``#`` token per response, the ranking comma-joined in one cell."""
    head = ["#", "Wie heißen Sie?", "Ihre E-Mail-Adresse"]
    head += ["Bitte ordnen Sie die Workshops nach Ihrem Interesse"]
    head += ["Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]
    rows: list[Row] = [head]
    for i, (key, first, last, _, wishes) in enumerate(PEOPLE):
        token = f"r{i:02d}x7k2m9q"
        stamp = _at(i).strftime("%Y-%m-%d %H:%M:%S")
        rows.append([token, f"{first} {last}", key, ", ".join(_wishes(wishes)), stamp, stamp])
        rows[-1] += ["b1c2d3", ""]
    path = write_rows(tmp / "responses.csv", {"": rows})
    return Expected(path, _all_people(), layout="ranking cell")


def jotform(tmp: Path) -> Expected:
    """Numbered lines in one cell ("1: A" line breaks "2: B")."""
    head = ["Submission Date", "Name", "E-mail", "Workshops (drag to order)", "Submission ID"]
    rows: list[Row] = [head]
    for i, (key, first, last, _, wishes) in enumerate(PEOPLE):
        cell = "\n".join(f"{r + 1}: {w}" for r, w in enumerate(_wishes(wishes)))
        rows.append([_at(i), f"{first} {last}", key, cell, 5_900_000_000_000_000 + i])
    path = write_rows(tmp / "Workshop_Anmeldung.xlsx", {"Submissions": rows})
    return Expected(path, _all_people(), layout="ranking cell")


def nextcloud_forms(tmp: Path) -> Expected:
    """No e-mail: a user ID per response ("anon-user-…" for guests) and a display name."""
    head = ["Benutzer-ID", "Anzeigename", "Zeitstempel"]
    head += ["Erstwunsch-Workshop", "Zweitwunsch-Workshop", "Drittwunsch-Workshop"]
    rows: list[Row] = [head]
    expected = {}
    for i, (_, first, last, _, wishes) in enumerate(PEOPLE):
        user = f"anon-user-{i:04d}ab" if i % 2 else f"{first.lower()}.{last.lower()}"
        names = _wishes(wishes) + [""] * (3 - len(wishes))
        rows.append([user, f"{first} {last}", _at(i).strftime("%Y-%m-%dT%H:%M:%S+02:00"), *names])
        expected[user] = tuple(_wishes(wishes))
    path = write_rows(tmp / "Workshopwahl (responses).csv", {"": rows})
    return Expected(path, expected)


# --- ticket shops ------------------------------------------------------------------

COLLEAGUES = [  # first, last, wishes: four people ordered by one secretary's office
    ("Lena", "Lorenz", [0, 1, 2]),
    ("Max", "Meier", [1, 0]),
    ("Nora", "Neumann", [2, 1, 0]),
    ("Olaf", "Otto", [0, 2, 1]),
]
OFFICE = "sekretariat@stadt-halle.example"


def pretix(tmp: Path) -> Expected:
    """Order data, one row per ticket: the order's e-mail shared by colleagues; an
    order cancelled."""
    head = ["Order code", "Position ID", "Status", "Email", "Order date", "Product"]
    head += ["Price", "Attendee name", "Attendee email", "Erstwunsch", "Zweitwunsch"]
    head += ["Drittwunsch"]
    rows: list[Row] = [head]
    expected: dict[str, tuple[str, ...]] = {}
    for i, (first, last, wishes) in enumerate(COLLEAGUES):
        names = _wishes(wishes) + [""] * (3 - len(wishes))
        rows.append(["HAL7Q", i + 1, "Paid", OFFICE, _at(0), "Ticket", 0, f"{first} {last}", ""])
        rows[-1] += names
        expected[f"{OFFICE} ({first} {last})"] = tuple(_wishes(wishes))
    for i, (key, first, last, _, wishes) in enumerate(PEOPLE[:5]):
        names = _wishes(wishes) + [""] * (3 - len(wishes))
        code = f"Q{i}ZZ9"
        rows.append([code, 10 + i, "Paid", key, _at(i), "Ticket", 0, f"{first} {last}", ""])
        rows[-1] += names
        expected[key] = tuple(_wishes(wishes))
    rows.append(["X9ZZ1", 20, "Canceled", "pia.paul@zeitz.example", _at(9), "Ticket", 0])
    rows[-1] += ["Pia Paul", "", SHOPS[0], "", ""]
    path = write_rows(tmp / "smartcities_orders.xlsx", {"Positions": rows})
    return Expected(path, expected, dropped={len(rows): "cancelled"})


def eventbrite(tmp: Path) -> Expected:
    """Attendee summary: the buyer's e-mail on every ticket of an order; a ticket
    marked 'Not Attending'."""
    head = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity"]
    head += ["Ticket Type", "Attendee #", "Attendee Status"]
    head += ["Workshop preference 1", "Workshop preference 2", "Workshop preference 3"]
    rows: list[Row] = [head]
    expected: dict[str, tuple[str, ...]] = {}
    for i, (first, last, wishes) in enumerate(COLLEAGUES):
        names = _wishes(wishes) + [""] * (3 - len(wishes))
        rows.append([9001, _at(0).isoformat(), first, last, OFFICE, 1, "Free", 7001 + i])
        rows[-1] += ["Attending", *names]
        expected[f"{OFFICE} ({first} {last})"] = tuple(_wishes(wishes))
    rows.append([9002, _at(3).isoformat(), "Pia", "Paul", "pia.paul@zeitz.example", 1, "Free"])
    rows[-1] += [7010, "Not Attending", SHOPS[0], "", ""]
    path = write_rows(tmp / "report.csv", {"": rows})
    return Expected(path, expected, dropped={len(rows): "cancelled"})


# --- hand-kept ---------------------------------------------------------------------

HAND_SHOPS = {**SEATS, "Absagen richtig kommunizieren": 4}


def hand_kept(tmp: Path) -> Expected:
    """A cover sheet first; title rows; a pasted second block repeating the header;
    remarks, one of which is a cancellation in words, others only look like one."""
    cover: list[Row] = [
        ["Smart Cities Regionalkonferenz Halle (Saale)"],
        ["Stand: 30.05.2025, bearbeitet von der Geschäftsstelle"],
    ]
    head = ["Nr.", "Name", "Vorname", "Kommune", "E-Mail", "1. Wunsch", "2. Wunsch"]
    head += ["3. Wunsch", "Bemerkung"]
    rows: list[Row] = [["Anmeldungen Workshops"], [], head]
    remarks = {
        0: "Absage per Mail am 28.05.",
        1: "keine Absage nötig, kommt sicher",
        2: "möchte gern zu Absagen richtig kommunizieren",
        3: "hat abgesagt",
        4: "Rollstuhl, Platz am Gang",
    }
    expected: dict[str, tuple[str, ...]] = {}
    dropped: dict[int, str] = {}
    for i, (key, first, last, org, wishes) in enumerate(PEOPLE):
        names = _wishes(wishes)
        if i == 2:
            names = ["Absagen richtig kommunizieren", *names[:2]]
        cells = names + [""] * (3 - len(names))
        if i == 5:
            rows += [[], head]  # a second block pasted below the first
        rows.append([i + 1, last, first, org, key, *cells, remarks.get(i, "")])
        if i in (0, 3):
            dropped[len(rows)] = "cancelled"
        else:
            expected[key] = tuple(names)
    shops: list[Row] = [["Workshop", "Plätze", "Raum"]]
    shops += [[name, seats, f"Raum {n + 1}"] for n, (name, seats) in enumerate(HAND_SHOPS.items())]
    path = write_rows(
        tmp / "Teilnehmerliste.xlsx", {"Info": cover, "Anmeldungen": rows, "Angebote": shops}
    )
    return Expected(path, expected, dropped=dropped, seats=None)


BUILDERS: dict[str, Callable[[Path], Expected]] = {
    "ms_forms_de": ms_forms_de,
    "ms_forms_en_anonymous": ms_forms_en_anonymous,
    "google_dropdowns_de": google_dropdowns_de,
    "google_grid_de": google_grid_de,
    "limesurvey_csv": limesurvey_csv,
    "limesurvey_xlsx_en": limesurvey_xlsx_en,
    "surveymonkey": surveymonkey,
    "surveymonkey_merged": surveymonkey_merged,
    "typeform": typeform,
    "jotform": jotform,
    "nextcloud_forms": nextcloud_forms,
    "pretix": pretix,
    "eventbrite": eventbrite,
    "hand_kept": hand_kept,
}
