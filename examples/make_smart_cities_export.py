"""Write the bundled example: the Smart Cities afternoon export, as messy as real ones.

Run it to regenerate ``smart_cities_anmeldungen.xlsx`` (the output is deterministic).
Every person is invented and has a ``.example`` address.  The mess is deliberate and is
what the reader must handle: title rows above the headers, blank rows, stray spaces and
case differences, long option texts and shortened names, a typo, an umlaut typed as
"ae", an empty 2nd choice, a workshop ranked twice, cancellations, and people who
registered twice (the later registration counts).  Two groups of colleagues want to go
together, two moderators have fixed places, and every workshop needs 20 people to run.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

HERE = Path(__file__).parent
WORKSHOPS = [  # name, seats, room; the first is the crowd-puller
    ("Digitale Zwillinge", 90, "Raum 1.01"),
    ("Mobilitätskonzepte", 110, "Raum 1.03"),
    ("Digitale Kompetenzen für mehr Teilhabe", 130, "Saal"),
]
SPELLINGS = {  # ways people and forms wrote each workshop, besides its name
    0: ["digitale zwillinge", "Digitale  Zwillinge ", "Workshop 1: Digitale Zwillinge (Raum 1.01)"],
    1: [
        "Mobilitaetskonzepte",
        "Mobilitätskonzept",
        "Workshop 2: Mobilitätskonzepte – Wege in die Zukunft",
    ],
    2: ["Digitale Kompetenzen", "DIGITALE KOMPETENZEN FÜR MEHR TEILHABE"],
}
FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Felix",
    "Greta",
    "Hannes",
    "Ida",
    "Jonas",
    "Karla",
    "Lukas",
    "Mia",
    "Noah",
    "Oskar",
    "Paula",
    "Quentin",
    "Rosa",
    "Sami",
    "Tilda",
]
LAST = [
    "Albrecht",
    "Bauer",
    "Conrad",
    "Dietrich",
    "Engel",
    "Fuchs",
    "Graf",
    "Hoffmann",
    "Iske",
    "Jung",
    "Krüger",
    "Lehmann",
    "Meier",
    "Neumann",
    "Otto",
    "Peters",
    "Richter",
    "Schulz",
    "Thiele",
    "Voigt",
]
PLACES = [
    "Stadt Halle (Saale)",
    "Stadt Merseburg",
    "Saalekreis",
    "Stadt Weißenfels",
    "Burgenlandkreis",
    "Stadt Naumburg",
    "Lutherstadt Eisleben",
    "Landkreis Mansfeld-Südharz",
    "Stadt Zeitz",
    "Stadt Querfurt",
]
HEADERS = [
    "Zeitstempel",
    "E-Mail-Adresse",
    "Vorname",
    "Nachname",
    "Organisation",
    "Erstwunsch",
    "Zweitwunsch",
    "Drittwunsch",
    "Status",
    "Gruppe",
    "Fest",
]


def people(n: int, rng: np.random.Generator) -> list[list[object]]:
    """``n`` registrations, each a row of cells under ``HEADERS``."""
    start = datetime(2025, 5, 5, 9, 0)
    rows = []
    for i in range(n):
        first, last = str(rng.choice(FIRST)), str(rng.choice(LAST))
        order = [int(j) for j in rng.choice(3, size=3, replace=False, p=[0.5, 0.3, 0.2])]
        wishes = [_spelled(j, rng) for j in order]
        if rng.random() < 0.08:
            wishes[2] = ""
        stamp = start + timedelta(minutes=int(37 * i + rng.integers(0, 30)))
        rows.append(
            [
                stamp,
                f"{first.lower()}.{last.lower()}{i}@kommune.example",
                first,
                last,
                str(rng.choice(PLACES)),
                *wishes,
                "",
                "",
                "",
            ]
        )
    return rows


def _spelled(workshop: int, rng: np.random.Generator) -> str:
    if rng.random() < 0.15:
        return str(rng.choice(SPELLINGS[workshop]))
    return WORKSHOPS[workshop][0]


def add_mess(rows: list[list[object]], rng: np.random.Generator) -> list[list[object]]:
    """Cancellations, re-registrations, gaps, repeats and blank rows, in fixed places."""
    for i in (7, 58, 141):
        rows[i][8] = "storniert"
    rows[99][8] = "abgesagt"
    for members, label in (((20, 21, 22), "Team Merseburg"), ((60, 61), "Saalekreis IT")):
        for i in members:  # colleagues who want to go together
            rows[i][9], rows[i][4] = label, rows[members[0]][4]
    rows[30][10] = "Digitale Zwillinge"  # a moderator, placed whatever she ranked
    rows[31][10] = "Mobilitätskonzepte"
    rows[12][6] = ""  # empty 2nd choice, 3rd given
    rows[13][7] = rows[13][5]  # ranked the same workshop twice
    again = []
    for i in (3, 40, 77):
        later = list(rows[i])
        later[0] = later[0] + timedelta(days=3)  # type: ignore[operator]
        later[1] = "  " + str(later[1]).upper() + " "  # same person, typed differently
        later[5], later[6] = later[6] or later[5], later[5]
        again.append(later)
    rows = rows[:200] + again[:2] + rows[200:] + again[2:]
    for position in (50, 51, 180):
        rows.insert(position, [""] * len(HEADERS))
    return rows


def main(n_attendees: int = 330, seed: int = 2025) -> Path:
    """Write the workbook next to this script and return its path."""
    rng = np.random.default_rng(seed)
    rows = add_mess(people(n_attendees, rng), rng)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Anmeldungen"
    sheet.append(["Anmeldungen Smart Cities Regionalkonferenz, Halle (Saale), Juni 2025"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Export vom 02.06.2025, 14:05 Uhr"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([cell if cell != "" else None for cell in row])
    shops = book.create_sheet("Workshops")
    shops.append(["Workshop", "Plätze", "Raum", "Minimum"])
    for workshop in WORKSHOPS:
        shops.append([*workshop, 20])
    target = HERE / "smart_cities_anmeldungen.xlsx"
    book.save(target)
    return target


if __name__ == "__main__":
    print(main())
