"""Build registration exports in every layout the reader must understand, from code.

All people are invented (``.example`` addresses).  Each builder returns a DataFrame shaped
like the form tool's export; ``write_xlsx`` and ``write_csv`` put one on disk the way the
tool (or German Excel) would, with optional title rows above the header.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook

SHOPS = ["Digitale Zwillinge", "Mobilitätskonzepte", "Digitale Kompetenzen für mehr Teilhabe"]
SEATS = {
    "Digitale Zwillinge": 3,
    "Mobilitätskonzepte": 4,
    "Digitale Kompetenzen für mehr Teilhabe": 5,
}
PEOPLE = [  # key, first name, last name, organisation, wishes (indices into SHOPS)
    ("ana.albrecht@stadt-halle.example", "Ana", "Albrecht", "Stadt Halle (Saale)", [0, 1, 2]),
    ("ben.bauer@saalekreis.example", "Ben", "Bauer", "Saalekreis", [0, 2, 1]),
    ("cem.conrad@merseburg.example", "Cem", "Conrad", "Stadt Merseburg", [1, 0, 2]),
    ("dora.dietrich@zeitz.example", "Dora", "Dietrich", "Stadt Zeitz", [0, 1]),
    ("emil.engel@naumburg.example", "Emil", "Engel", "Stadt Naumburg", [2, 0, 1]),
    ("fee.fuchs@eisleben.example", "Fee", "Fuchs", "Lutherstadt Eisleben", [1, 2, 0]),
    ("gil.graf@querfurt.example", "Gil", "Graf", "Stadt Querfurt", [0, 2]),
    ("hana.hoffmann@blk.example", "Hana", "Hoffmann", "Burgenlandkreis", [2, 1, 0]),
    ("ivo.iske@weissenfels.example", "Ivo", "Iske", "Stadt Weißenfels", [0, 1, 2]),
    ("jule.jung@msh.example", "Jule", "Jung", "Landkreis Mansfeld-Südharz", [1]),
]
START = datetime(2025, 5, 5, 9, 0)


def wishes_by_key() -> dict[str, tuple[str, ...]]:
    """What the reader must find: each person's wishes as workshop names."""
    return {key: tuple(SHOPS[w] for w in wishes) for key, _, _, _, wishes in PEOPLE}


def columns_per_rank(lang: str = "de") -> pd.DataFrame:
    heads = (
        [
            "Zeitstempel",
            "E-Mail-Adresse",
            "Vorname",
            "Nachname",
            "Organisation",
            "Erstwunsch",
            "Zweitwunsch",
            "Drittwunsch",
        ]
        if lang == "de"
        else [
            "Timestamp",
            "Email Address",
            "First name",
            "Last name",
            "Organization",
            "First choice",
            "Second choice",
            "Third choice",
        ]
    )
    rows = []
    for i, (key, first, last, org, wishes) in enumerate(PEOPLE):
        names = [SHOPS[w] for w in wishes] + [""] * (3 - len(wishes))
        rows.append([START + timedelta(hours=i), key, first, last, org, *names])
    return pd.DataFrame(rows, columns=heads)


def google_grid(lang: str = "en") -> pd.DataFrame:
    """Google Forms multiple-choice grid: one column per workshop holding a rank."""
    question = "Rank the workshops" if lang == "en" else "Bitte ordnen Sie die Workshops"
    cells = (
        ["First choice", "Second choice", "Third choice"]
        if lang == "en"
        else ["1. Wahl", "2. Wahl", "3. Wahl"]
    )
    rows = []
    for i, (key, first, last, _, wishes) in enumerate(PEOPLE):
        row = {
            "Timestamp" if lang == "en" else "Zeitstempel": (START + timedelta(hours=i)).strftime(
                "%m/%d/%Y %H:%M:%S"
            ),
            "Email Address" if lang == "en" else "E-Mail-Adresse": key,
            "Name": f"{first} {last}",
        }
        for shop_index, shop in enumerate(SHOPS):
            rank = wishes.index(shop_index) if shop_index in wishes else None
            row[f"{question} [{shop}]"] = cells[rank] if rank is not None else ""
        rows.append(row)
    return pd.DataFrame(rows)


SCALE_DE = ["auf keinen Fall", "ungern", "egal", "gern", "sehr gern"]


def rating_grid(cells: Sequence[Sequence[object]], question: str = "Wie gern") -> pd.DataFrame:
    """A form's rating grid: per person (from PEOPLE) one rating per workshop of SHOPS."""
    rows = []
    for (key, first, last, _, _), ratings in zip(PEOPLE, cells, strict=False):
        row: dict[str, object] = {"E-Mail-Adresse": key, "Name": f"{first} {last}"}
        for shop, rating in zip(SHOPS, ratings, strict=True):
            row[f"{question} [{shop}]"] = rating
        rows.append(row)
    return pd.DataFrame(rows)


def ms_forms(anonymous: bool = False) -> pd.DataFrame:
    """Microsoft Forms ranking question: the whole ranking in one cell, ';'-joined."""
    rows = []
    for i, (key, first, last, _, wishes) in enumerate(PEOPLE):
        rows.append(
            {
                "ID": i + 1,
                "Startzeit": START + timedelta(hours=i),
                "Fertigstellungszeit": START + timedelta(hours=i, minutes=3),
                "E-Mail": "anonymous" if anonymous else key,
                "Name": "" if anonymous else f"{first} {last}",
                "Bitte bringen Sie die Workshops in Ihre Reihenfolge": "".join(
                    SHOPS[w] + ";" for w in wishes
                ),
            }
        )
    return pd.DataFrame(rows)


def limesurvey() -> pd.DataFrame:
    """LimeSurvey ranking question: one column per rank position."""
    rows = []
    for i, (key, _, _, org, wishes) in enumerate(PEOPLE):
        row = {
            "Antwort ID": i + 1,
            "Datum Abgeschickt": (START + timedelta(hours=i)).strftime("%Y-%m-%d %H:%M:%S"),
            "Letzte Seite": 2,
            "Start-Sprache": "de",
            "E-Mail": key,
            "Organisation": org,
            "Anmerkung": "Zeile eins\nZeile zwei; mit Semikolon",
        }
        for position in range(3):
            row[f"Workshops [Rang {position + 1}]"] = (
                SHOPS[wishes[position]] if position < len(wishes) else ""
            )
        rows.append(row)
    return pd.DataFrame(rows)


def long_format() -> pd.DataFrame:
    """One row per attendee, workshop and rank."""
    rows = [
        {"E-Mail": key, "Name": f"{first} {last}", "Workshop": SHOPS[w], "Rang": rank + 1}
        for key, first, last, _, wishes in PEOPLE
        for rank, w in enumerate(wishes)
    ]
    return pd.DataFrame(rows)


def write_xlsx(
    frame: pd.DataFrame,
    path: Path,
    *,
    title_rows: int = 0,
    sheet: str = "Tabelle1",
    seats: dict[str, int] | None = None,
) -> Path:
    """Write like a form tool or a person would: title rows, then headers, then data."""
    book = Workbook()
    main = book.active
    assert main is not None
    main.title = sheet
    for i in range(title_rows):
        main.append([f"Anmeldungen Smart Cities Regionalkonferenz ({i + 1})"])
    if title_rows:
        main.append([])
    main.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        main.append([None if v == "" else v for v in row])
    if seats is not None:
        shops = book.create_sheet("Workshops")
        shops.append(["Workshop", "Plätze"])
        for name, count in seats.items():
            shops.append([name, count])
    book.save(path)
    return path


def write_csv(
    frame: pd.DataFrame,
    path: Path,
    *,
    sep: str = ",",
    encoding: str = "utf-8",
    quote_all: bool = False,
) -> Path:
    """Write like German Excel (``;``, cp1252) or LimeSurvey (``;``, BOM, all quoted)."""
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(
            handle, delimiter=sep, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
        )
        writer.writerow(frame.columns)
        for row in frame.itertuples(index=False):
            writer.writerow(["" if v is None else v for v in row])
    return path


def seats_csv(path: Path) -> Path:
    pd.DataFrame({"Workshop": list(SEATS), "Plätze": list(SEATS.values())}).to_csv(
        path, index=False
    )
    return path


def formulas_only(path: Path) -> Path:
    """A workbook whose every wish is a formula without a stored value (as openpyxl
    writes them): no wishes can be seen, and the formulas are the reason."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Anmeldungen"
    sheet.append(["E-Mail", "Name", "Erstwunsch", "Zweitwunsch"])
    for i in range(12):
        sheet.append([f"p{i}@x.example", f"P {i}", f'=IF(1,"{SHOPS[0]}","")', '=IF(1,"B","")'])
    book.save(path)
    return path


def slot_export(tmp_path: Path) -> Path:
    """The Halle export with each workshop offered at 14:00 and 16:00, and organisations."""
    frame = columns_per_rank()
    frame["Organisation"] = [f"Stadt {i % 3}" for i in range(len(frame))]
    path = write_xlsx(frame, tmp_path / "slots.xlsx", seats={"x": 1})
    book = load_workbook(path)
    sheet = book["Workshops"]
    sheet.delete_rows(1, sheet.max_row)
    sheet.append(["Workshop", "Plätze", "Zeitfenster", "Thema", "Mindestens"])
    for slot in ("14:00", "16:00"):
        for topic in ("Digitale Zwillinge", "Mobilitätskonzepte", "Teilhabe"):
            sheet.append([f"{topic} ({slot})", 3, slot, topic, 2])
    book.save(path)
    return path


def timed_export(tmp_path: Path, start: object = "14:00") -> Path:
    """The Halle export whose Workshops sheet says room, date, start and end."""
    path = write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS)
    book = load_workbook(path)
    sheet = book["Workshops"]
    for column, header in zip("CDEF", ["Raum", "Datum", "Beginn", "Ende"], strict=True):
        sheet[f"{column}1"] = header
    for row in range(2, 2 + len(SEATS)):
        sheet[f"C{row}"], sheet[f"D{row}"] = f"Raum 1.0{row}", "12.06.2025"
        sheet[f"E{row}"], sheet[f"F{row}"] = start, "15:30"
    book.save(path)
    return path


def shared_export(
    tmp_path: Path, cells: list[str | None], header: str = "Gemeinsame Plätze"
) -> Path:
    """The Halle export whose Workshops sheet has a column of shared seats left of the
    seats (its header says "Plätze" too), one cell per workshop."""
    path = write_xlsx(columns_per_rank(), tmp_path / "shared.xlsx", seats=SEATS)
    book = load_workbook(path)
    sheet = book["Workshops"]
    sheet.insert_cols(2)
    sheet["B1"] = header
    for row, cell in enumerate(cells, start=2):
        sheet[f"B{row}"] = cell
    book.save(path)
    return path
