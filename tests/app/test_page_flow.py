"""The page as one flow an organizer follows: a wrong file keeps what was loaded, each
correction is a control (columns in rank order, a box per row to count), the result
lists who has no place and why, the waitlist is on the page and in the download, free
seats can go to people whose wishes are full, and after an update every section shows
the updated event."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("starlette", reason="the page needs the app extra")

import workshop_assign as wa
from exports import SEATS, SHOPS, columns_per_rank, rating_grid, shared_export, write_xlsx
from pages import EXAMPLE, Tab, by_testid, page_tab, upload


def solve(tab: Tab, seats: dict[str, int], **extra: object) -> str:
    page = tab.page()
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    form: dict[str, object] = {"csrf": tab.csrf(), "objective": "rank-sum", "name": names}
    form |= {"seats": [str(seats[n]) for n in names], "minimum": [""] * len(names)}
    form |= {"room": [""] * len(names)} | extra
    return str(tab.post("/solve", data=form).text)


def test_a_file_that_cannot_be_read_keeps_the_export_loaded(tmp_path: Path) -> None:
    tab = page_tab(tmp_path)
    upload(tab, EXAMPLE)
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 damaged")
    page = upload(tab, broken)
    error = by_testid(page, "error")
    assert error.startswith("kaputt.xlsx: lässt sich nicht als Excel-Arbeitsmappe lesen")
    assert str(tmp_path) not in page and "/tmp" not in error
    assert "326 Teilnehmende" in by_testid(page, "read-summary")  # still loaded


def test_the_wish_columns_are_chosen_in_rank_order(tmp_path: Path) -> None:
    tab = page_tab(tmp_path)
    page = upload(tab, write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS))
    chooser = page[page.index('data-testid="wish-columns"') :]
    assert chooser.count('<select name="wish_column">') == 4  # three read, one more
    form = {"csrf": tab.csrf(), "wish_column": ["Zweitwunsch", "Erstwunsch", "Drittwunsch", ""]}
    page = tab.post("/read", data=form).text
    assert "Zweitwunsch, Erstwunsch, Drittwunsch" in by_testid(page, "read-summary")


def test_a_cancelled_row_is_a_box_to_count_it(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Bemerkung"] = ["", "", "storniert", "", "", "", "", "", "", ""]
    tab = page_tab(tmp_path)
    page = upload(tab, write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS))
    boxes = page[page.index('data-testid="keep-rows"') :]
    row = re.search(r'name="keep" value="(\d+)"', boxes)
    assert row is not None and "storniert" in boxes[: boxes.index("</fieldset>")]
    before = by_testid(page, "read-summary")
    page = tab.post("/read", data={"csrf": tab.csrf(), "keep": [row.group(1)]}).text
    assert "9 Teilnehmende" in before and "10 Teilnehmende" in by_testid(page, "read-summary")
    assert re.search(rf'name="keep" value="{row.group(1)}" checked', page)


def test_who_has_no_place_and_why_and_free_seats_for_them(tmp_path: Path) -> None:
    wishes = {f"p{i}@x.example": [SHOPS[0]] for i in range(5)}
    frame = pd.DataFrame({"E-Mail": list(wishes), "Erstwunsch": [w[0] for w in wishes.values()]})
    seats = {SHOPS[0]: 3, SHOPS[1]: 5}
    tab = page_tab(tmp_path)
    upload(tab, write_xlsx(frame, tmp_path / "a.xlsx", seats=seats))
    page = solve(tab, seats)
    unplaced = page[page.index('data-testid="unplaced"') :]
    assert unplaced[: unplaced.index("</table>")].count("<tr>") == 1 + 2  # head, two people
    assert "Ohne Platz (2)" in page
    page = solve(tab, seats, fill_unranked="1")
    assert "Ohne Platz (0)" in page and 'data-testid="fill-unranked" checked' in page


def test_the_waitlist_is_on_the_page_and_in_the_download(tmp_path: Path) -> None:
    tab = page_tab(tmp_path)
    upload(tab, EXAMPLE)
    page = solve(tab, {"Digitale Zwillinge": 90, "Mobilitätskonzepte": 110} | {SHOPS[2]: 130})
    waitlist = page[page.index('data-testid="waitlist"') :]
    assert "Digitale Zwillinge" in waitlist[: waitlist.index("</table>")]
    download = io.BytesIO(tab.get("/download/xlsx").content)
    book = pd.read_excel(download, sheet_name=None, engine="calamine")
    assert "Nachrückliste" in book


def test_after_an_update_every_section_shows_the_updated_event(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "v1.xlsx")
    published = wa.solve(wa.read_export(export, workshops=SEATS)).to_excel(tmp_path / "p.xlsx")
    frame = columns_per_rank().iloc[1:]  # one cancelled by leaving, no seats in the export
    later = write_xlsx(frame, tmp_path / "v2.xlsx")
    tab = page_tab(tmp_path)
    upload(tab, export)  # the old export was loaded, without seats
    files = {
        "previous": ("p.xlsx", published.read_bytes()),
        "newer": ("v2.xlsx", later.read_bytes()),
    }
    page = tab.post("/update", data={"csrf": tab.csrf()}, files=files).text
    assert "9 Teilnehmende" in by_testid(page, "read-summary")  # the newer export
    assert 'id="missing" hidden' in page  # the published seats are on the page
    seats = re.findall(r'name="seats" min="0" value="(\d*)"', page)
    assert seats == [str(SEATS[n]) for n in SHOPS]
    changes = page[page.index('data-testid="changes"') :]
    assert "nicht mehr angemeldet" in changes[: changes.index("</table>")]


def test_date_and_times_typed_on_the_page_reach_the_letters(tmp_path: Path) -> None:
    tab = page_tab(tmp_path)
    upload(tab, write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS))
    n = len(SEATS)
    extra = {"day": ["2025-06-12"] * n, "start": ["14:00"] * n, "end": ["15:30"] * n}
    page = solve(tab, SEATS, **extra)
    assert 'name="day" value="2025-06-12"' in page  # kept as typed
    room = {"room": ["Raum 1"] * n}
    solve(tab, SEATS, **extra, **room)
    download = io.BytesIO(tab.get("/download/xlsx").content)
    letters = pd.read_excel(download, sheet_name="Benachrichtigungen", engine="calamine")
    assert letters["Nachricht"].str.contains("12.06.2025, 14:00–15:30 Uhr").all()
    wrong = {"day": ["bald"] * n, "start": ["14:00"] * n, "end": [""] * n}
    page = solve(tab, SEATS, **wrong)
    assert "&#39;bald&#39; ist kein Datum und keine Uhrzeit" in by_testid(page, "error")


def test_the_letters_come_from_the_page_as_drafts_to_send(tmp_path: Path) -> None:
    tab = page_tab(tmp_path)
    upload(tab, EXAMPLE)
    solve(tab, {"Digitale Zwillinge": 90, "Mobilitätskonzepte": 110} | {SHOPS[2]: 130})
    download = tab.get("/download/zip")
    assert download.status_code == 200
    assert 'filename="briefe.zip"' in download.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        names = archive.namelist()
        assert "messages.csv" in names
        drafts = [n for n in names if n.endswith(".eml")]
        assert len(drafts) == 326  # everyone in the example has an address
        letter = archive.read(drafts[0]).decode()
    assert "Guten Tag" in letter and "/tmp" not in letter


def current_step(page: str) -> tuple[str, str]:
    steps = page[page.index('data-testid="steps"') :]
    found = re.search(r'<li class="current" aria-current="step"><a href="#(\w+)">', steps)
    assert found is not None and steps.count('aria-current="step"') == 1
    return found.group(1), by_testid(page, "next-step")


def test_the_page_guides_through_its_steps(tmp_path: Path) -> None:
    tab = page_tab(tmp_path)
    assert current_step(tab.page()) == (
        "export",
        "Als Nächstes: die Anmeldeliste wählen und „Einlesen“ klicken.",
    )
    page = upload(tab, write_xlsx(columns_per_rank(), tmp_path / "a.xlsx"))  # no seats yet
    assert current_step(page)[0] == "workshops"
    assert '<li class="later"><span>' in page  # the result is not there yet
    page = upload(tab, write_xlsx(columns_per_rank(), tmp_path / "b.xlsx", seats=SEATS))
    assert current_step(page)[0] == "rules"
    page = solve(tab, SEATS)
    assert current_step(page)[0] == "after"
    assert page.count('<li class="done">') == 5


def test_shared_seats_are_a_field_of_the_workshop_table(tmp_path: Path) -> None:
    """Read from the Workshops sheet into the field, held by the solve, in the download;
    a field without its number is one sentence naming the pool."""
    tab = page_tab(tmp_path)
    page = upload(tab, shared_export(tmp_path, ["Saal: 4", "Saal", None]))
    fields = re.findall(r'name="shared" value="([^"]*)"', page)
    assert fields == ["Saal: 4", "Saal: 4", ""]
    solve(tab, SEATS, shared=fields)
    download = io.BytesIO(tab.get("/download/xlsx").content)
    table = pd.read_excel(download, sheet_name="Zuteilung", engine="calamine")
    assert table["Workshop"].isin(SHOPS[:2]).sum() == 4
    page = solve(tab, SEATS, shared=["Saal", "Saal", ""])
    error = by_testid(page, "error")
    assert error == (
        "Für die gemeinsamen Plätze &#39;Saal&#39; (bei Digitale Zwillinge) fehlt die Zahl; "
        "bitte einmal eintragen, z. B. „Saal: 3“."
    )


def test_a_priority_column_is_honoured_and_said_on_the_page(tmp_path: Path) -> None:
    """One seat each: the last person has priority and gets their first choice."""
    frame = columns_per_rank()
    frame["Priorität"] = [""] * (len(frame) - 1) + ["1"]
    tab = page_tab(tmp_path)
    page = upload(tab, write_xlsx(frame, tmp_path / "vorrang.xlsx", seats=SEATS))
    assert "Regel &#39;Priorität&#39; aus Spalte &#39;Priorität&#39; gelesen" in page
    solve(tab, dict.fromkeys(SHOPS, 1), objective="fair")
    download = io.BytesIO(tab.get("/download/xlsx").content)
    table = pd.read_excel(download, sheet_name="Zuteilung", engine="calamine")
    assert table["Workshop"].iloc[-1] == frame["Erstwunsch"].iloc[-1]


def test_a_rating_grid_is_solved_for_the_highest_sum_of_ratings(tmp_path: Path) -> None:
    cells = [["sehr gern", "gern", "auf keinen Fall"], ["gern", "sehr gern", "egal"]] * 3
    tab = page_tab(tmp_path)
    page = upload(tab, write_xlsx(rating_grid(cells), tmp_path / "bewertung.xlsx", seats=SEATS))
    assert 'value="rating-sum" checked' in page and "die höchste Summe der Bewertungen" in page
    solve(tab, SEATS, objective="rating-sum")
    download = io.BytesIO(tab.get("/download/xlsx").content)
    table = pd.read_excel(download, sheet_name="Zuteilung", engine="calamine")
    assert set(table["Bewertung des Platzes"]) == {"sehr gern"}
    assert not (table["Workshop"] == SHOPS[2]).any()  # rated never: never placed there


def test_rooms_instead_of_seats_on_the_page(tmp_path: Path) -> None:
    """No seats typed: the rooms typed decide them, and the room plan is shown."""
    tab = page_tab(tmp_path)
    upload(tab, write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS))
    page = tab.page()
    assert 'data-testid="rooms-table"' in page and "Räume statt Plätze" in page
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    form: dict[str, object] = {"csrf": tab.csrf(), "objective": "rank-sum", "name": names}
    form |= {"seats": [""] * 3, "minimum": [""] * 3, "room": [""] * 3}
    form |= {"room_name": ["Saal", "Raum 1.01", ""], "room_seats": ["6", "4", ""]}
    form |= {"room_features": ["", "", ""]}
    page = str(tab.post("/solve", data=form).text)
    at = page.index('data-testid="room-plan"')
    plan = page[at : page.index("</table>", at)]
    assert "<td>Saal</td>" in plan and "<td>Raum 1.01</td>" in plan
    assert 'name="room_name" value="Saal"' in page  # kept as typed
    at = page.index('data-testid="room-worth"')
    worth = page[at : page.index("</table>", at)]
    assert "<th>Erstwünsche (Änderung)</th>" in worth  # each swap against the best plan
    download = io.BytesIO(tab.get("/download/xlsx").content)
    table = pd.read_excel(download, sheet_name="Raumplan", engine="calamine")
    assert table["Personen"].sum() == 10
    page = tab.post("/compare", data={"csrf": tab.csrf()}).text
    said = page[page.index('data-testid="comparison-rooms"') :].split("</p>")[0]
    assert "die optimale Zuteilung gewählt hat" in said and "Saal" in said
    assert "1000000000" not in page  # the mechanisms got the rooms, not "no limit"
