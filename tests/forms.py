"""Export files as form tools and people write them, shared by the reading tests and
the page's: workshop names from families that differ in one token, LimeSurvey answers
with unsubmitted rows, a workbook whose workshop table carries codes."""

from __future__ import annotations

import csv
import random
from datetime import timedelta
from pathlib import Path

from openpyxl import Workbook

from exports import SHOPS, START

FAMILIES: dict[str, list[str]] = {
    "lettered": [f"Workshop {c}" for c in "ABCDEFGHIJKL"],
    "numbered": ["Workshop 1", "Workshop 2", "Workshop 3"],
    "groups": [f"Gruppe {n}" for n in range(1, 10)],
    "roman": ["Forum I", "Forum II", "Forum III", "Forum IV"],
    "prefix": ["Track 1: Digitale Zwillinge", "Track 2: Digitale Zwillinge", "Mobilität"],
    "suffix": ["Digitale Zwillinge I", "Digitale Zwillinge II", "Mobilitätskonzepte"],
    "punctuation": ["C++ Basics", "C# Basics", "Python Basics"],
    "long-short": ["Data Science", "Data Science Advanced", "Stadtplanung", "Stadtplanung II"],
    "one-word": [
        "Digitale Zwillinge für Kommunen",
        "Digitale Zwillinge für Landkreise",
        "Digitale Zwillinge für Schulen",
    ],
    "codes-in-names": ["Raum 1.01: Stadtgrün", "Raum 1.02: Stadtgrün", "Raum 2.01: Stadtgrün"],
}
HEADERS = ["Timestamp", "Email Address", "First choice", "Second choice", "Third choice"]


def write_export(
    path: Path, rows: list[list[str]] | list[list[object]], headers: list[str] = HEADERS
) -> Path:
    """A CSV file: the headers, then the rows."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def people_rows(wishes: list[list[str]], *, newest_first: bool = False) -> list[list[str]]:
    """One row per person, with a time stamp (ISO) and an invented address."""
    rows = [
        [(START + timedelta(minutes=i)).isoformat(sep=" "), f"p{i}@x.example", *w, *[""] * 3]
        for i, w in enumerate(wishes)
    ]
    rows = [row[:5] for row in rows]
    return rows[::-1] if newest_first else rows


def chosen(names: list[str], count: int, seed: int) -> list[list[str]]:
    """``count`` people, each ranking up to three different names (skewed popularity)."""
    pick = random.Random(seed)
    weights = [1 + 3 * (i == 0) + i for i in range(len(names))]
    lists = []
    for _ in range(count):
        first = pick.choices(names, weights)[0]
        rest = pick.sample([n for n in names if n != first], min(2, len(names) - 1))
        lists.append([first, *rest])
    return lists


def limesurvey_rows() -> tuple[list[str], list[list[object]]]:
    headers = [
        "id. Response ID",
        "submitdate. Date submitted",
        "lastpage. Last page",
        "startlanguage. Start language",
        "vorname. Vorname",
        "nachname. Nachname",
        "email. E-Mail-Adresse",
        "W[1]. Rang 1",
        "W[2]. Rang 2",
        "W[3]. Rang 3",
    ]
    rows: list[list[object]] = []
    for i in range(10):
        sent = "" if i in (3, 7) else (START + timedelta(hours=i)).isoformat(sep=" ")
        wishes = SHOPS[i % 3 :] + SHOPS[: i % 3]
        rows.append([i + 1, sent, 2, "de", f"Vor{i}", f"Nach{i}", f"p{i}@x.example", *wishes])
    return headers, rows


def legend_book(path: Path, codes: list[object], wishes: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Anmeldungen"
    sheet.append(["E-Mail", "Name", "Erstwunsch", "Zweitwunsch", "Drittwunsch"])
    for i, row in enumerate(wishes):
        sheet.append([f"p{i}@x.example", f"Person {i}", *row])
    legend = book.create_sheet("Workshops")
    legend.append(["Nr", "Workshop", "Plätze"])
    names = [*SHOPS, "Open Data", "Smart Parking", "Bürgerbeteiligung"]
    for code, name in zip(codes, names, strict=True):
        legend.append([code, name, 20])
    book.save(path)
    return path
