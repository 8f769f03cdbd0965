"""The workbook printed as an organizer prints it: rendered to PDF by LibreOffice, every
sheet fits the page's width (no column cut off), the lists are a few pages, not dozens,
and each page says which sheet it is and its number.

Skipped, with the reason, where LibreOffice is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

import workshop_assign as wa
from pages import EXAMPLE

pypdf = pytest.importorskip("pypdf", reason="reading the PDF needs pypdf (the test extra)")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="no LibreOffice here: apt-get install libreoffice-calc-nogui"
)


def printed(workbook: Path, folder: Path) -> list[str]:
    """The text of each page LibreOffice prints from ``workbook``."""
    assert SOFFICE is not None
    profile = folder / "profile"  # a profile of its own: never the user's, never shared
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = pypdf.PdfReader(folder / f"{workbook.stem}.pdf")
    return [page.extract_text() or "" for page in reader.pages]


@pytest.mark.slow
def test_the_example_workbook_prints_as_lists_you_hang_on_a_door(tmp_path: Path) -> None:
    result = wa.solve(wa.read_export(EXAMPLE))
    written = result.to_excel(
        tmp_path / "zuteilung.xlsx", lang="de", waitlists=wa.waitlists(result, 5)
    )
    pages = printed(written, tmp_path)
    sheets = Counter(page.splitlines()[0] for page in pages if page.strip())
    assert sheets["Zuteilung"] <= 6  # 326 people: 58 pages before a print set-up
    assert sheets["Übersicht"] == 1
    for workshop, people in result.statistics()["assigned"].items():
        assert sheets[str(workshop)] <= people // 20 + 1, workshop  # ~25 tall rows a page
    assert all("Seite" in page for page in pages)  # numbered
    first = {page.splitlines()[0]: page for page in reversed(pages) if page.strip()}
    headers = ["Zeitstempel", "Nachname", "Workshop", "Erhaltener Wunsch", "Erklärung"]
    assert all(h in first["Zuteilung"] for h in headers)  # every column on the page
    roster = first["Digitale Zwillinge"]
    assert "Name" in roster and "Unterschrift" in roster and "@" not in roster
    assert "Geltende Regeln" in first["Übersicht"]
