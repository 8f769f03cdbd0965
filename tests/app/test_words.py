"""The organizer's words everywhere they read: every state of the page and every sheet
of the workbook, in German and in English, holds no option name, no objective id, no
solver term, no path, no unfilled template and, on a German page, no English word."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytest.importorskip("starlette", reason="the page needs the app extra")

import workshop_assign as wa
from exports import SEATS, columns_per_rank, ms_forms, write_xlsx
from pages import EXAMPLE, Tab, page_tab, upload

CODE_WORDS = re.compile(
    r"--[a-z]|\brank-sum\b|\brank-maximal\b|\bMIP\b|HiGHS|\bgap\b|\bbackend\b|Schranke"
    r"|Löser|Zielwert|\bhard\b|\bsoft\b|\bNone\b|\bnan\b|\bNaN\b|\bTrue\b|\bFalse\b"
    r"|Traceback|/tmp/|workshop-assign-|[{}]|(?:^|\s)/(?:[\w.-]+/)+"  # ...or a path
)
ENGLISH = re.compile(
    r"\b(the|and|with|seats|people|choice|rank|error|cannot|unassigned|objective|solver"
    r"|proven|optimal|submit|file|sheet|row|column)\b",
    re.IGNORECASE,
)
SCRIPT = re.compile(r"<script.*?</script>|<style.*?</style>", re.S)
ATTRIBUTES = re.compile(r'(?:placeholder|title|aria-label|alt)="([^"]*)"')


def visible(page: str) -> str:
    """What a person reads on the page: the text, and the attributes a screen reader or
    a tooltip says."""
    body = SCRIPT.sub(" ", page)
    said = " ".join(ATTRIBUTES.findall(body))
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(f"{text} {said}")


def offending(text: str, lang: str) -> list[str]:
    found = [m.group(0) for m in CODE_WORDS.finditer(text)]
    if lang == "de":
        found += [m.group(0) for m in ENGLISH.finditer(text)]
    return sorted(set(found))


def solve_on_page(tab: Tab) -> str:
    page = tab.page()
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    seats = [str(SEATS.get(n, 100)) for n in names]
    form = {"csrf": tab.csrf(), "objective": "rank-sum", "name": names, "seats": seats}
    form |= {"minimum": [""] * len(names), "room": [""] * len(names)}
    return str(tab.post("/solve", data=form).text)


def page_states(tmp_path: Path, lang: str) -> dict[str, str]:
    """The page in each state an organizer meets, in ``lang``."""
    tab = page_tab(tmp_path)
    tab.post("/lang", data={"csrf": tab.csrf(), "lang": lang})
    states = {"empty": tab.page()}
    states["read example"] = upload(tab, EXAMPLE)
    states["solved"] = solve_on_page(tab)
    states["compared"] = str(tab.post("/compare", data={"csrf": tab.csrf()}).text)
    messy = write_xlsx(columns_per_rank(), tmp_path / "anmeldungen.xlsx", title_rows=2)
    states["read messy export"] = upload(tab, messy)
    forms = ms_forms()
    forms.loc[len(forms)] = forms.iloc[0]  # registered twice
    forms.loc[2, "E-Mail"] = "  ANNA.JUNG77@KOMMUNE.EXAMPLE "
    states["read Microsoft Forms"] = upload(tab, write_xlsx(forms, tmp_path / "forms.xlsx"))
    states["solved Microsoft Forms"] = solve_on_page(tab)
    published = wa.solve(wa.read_export(EXAMPLE)).to_excel(tmp_path / "published.xlsx")
    files = {"previous": ("published.xlsx", published.read_bytes())}
    files["newer"] = ("anmeldungen.xlsx", EXAMPLE.read_bytes())
    states["updated"] = str(tab.post("/update", data={"csrf": tab.csrf()}, files=files).text)
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    states["broken upload"] = upload(tab, broken)
    return states


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_state_speaks_the_organizers_words(tmp_path: Path, lang: str) -> None:
    found = {s: offending(visible(p), lang) for s, p in page_states(tmp_path, lang).items()}
    assert {state: words for state, words in found.items() if words} == {}


def sheet_texts(path: Path) -> dict[str, str]:
    book = load_workbook(path)
    return {
        sheet.title: " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
        for sheet in book.worksheets
        if sheet.sheet_state == "visible"
    }


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_sheet_speaks_the_organizers_words(tmp_path: Path, lang: str) -> None:
    result = wa.solve(wa.read_export(EXAMPLE))
    written = result.to_excel(
        tmp_path / "zuteilung.xlsx",
        lang=lang,
        what_if=(5, wa.what_if(result, 5)),
        waitlists=wa.waitlists(result, 3),
    )
    found = {title: offending(text, lang) for title, text in sheet_texts(written).items()}
    assert {title: words for title, words in found.items() if words} == {}
