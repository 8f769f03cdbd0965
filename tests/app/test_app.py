"""The local web page's routes, through Starlette's test client: the flow from upload to
download, corrections, and every safety point (token, Host, Origin, CSRF, size, escaping,
sessions kept apart)."""

from __future__ import annotations

import io
import os
import random
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

pytest.importorskip("starlette", reason="the page needs the app extra")

import workshop_assign as wa
from exports import SEATS, SHOPS, columns_per_rank, formulas_only, write_csv, write_xlsx
from forms import FAMILIES, chosen, legend_book, limesurvey_rows, people_rows, write_export
from pages import EXAMPLE, Tab, by_testid, page_client, page_tab, upload


def test_the_bundled_example_from_upload_to_the_downloaded_workbook(tmp_path: Path) -> None:
    client = page_tab(tmp_path)
    page = upload(client, EXAMPLE)
    assert "326 Teilnehmende" in by_testid(page, "read-summary")
    demand = page[page.index('data-testid="demand-table"') :]
    assert "<th>Digitale Zwillinge</th><td>168</td><td>116</td><td>35</td>" in demand
    assert page.count('data-testid="workshop-row"') == 3
    seats = re.findall(r'name="seats" min="0" value="(\d*)"', page)
    assert seats == ["90", "110", "130"]  # prefilled from the Workshops sheet
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    form = {"csrf": client.csrf(), "objective": "rank-sum", "name": names, "seats": seats}
    form |= {"minimum": ["20"] * 3, "room": ["Raum 1.01", "Raum 1.03", "Saal"]}
    page = client.post("/solve", data=form).text
    assert 'data-testid="result-summary"' in page and "(nachgewiesen)" in page
    assert 'data-testid="what-if"' in page  # with minimums (the MIP), re-solved per workshop
    download = client.get("/download/xlsx")
    assert download.status_code == 200
    assert "zuteilung.xlsx" in download.headers["content-disposition"]
    mine = tmp_path / "mine.xlsx"
    solved = wa.solve(wa.read_export(EXAMPLE))  # as the command line writes it
    solved.to_excel(mine, waitlists=wa.waitlists(solved, 5))
    theirs = load_workbook(io.BytesIO(download.content))
    ours = load_workbook(mine)
    assert theirs.sheetnames == ours.sheetnames
    for name in ("Zuteilung", "Digitale Zwillinge", "Übersicht", "Hinweise"):
        got = [[c.value for c in row] for row in theirs[name].iter_rows()]
        want = [[c.value for c in row] for row in ours[name].iter_rows()]
        if name == "Übersicht":  # the export's path differs: the page keeps its own copy
            got, want = ([r for r in rows if r[0] != "Datei"] for rows in (got, want))
        assert got == want, name
    csv = client.get("/download/csv")
    assert csv.status_code == 200 and len(csv.text.splitlines()) == 1 + 326
    found = client.get("/search", params={"q": "ida.voigt0"}).json()
    assert found[0]["attendee"] == "ida.voigt0@kommune.example" and found[0]["explanation"]


def test_a_bad_file_is_one_line_on_the_page(tmp_path: Path) -> None:
    client = page_tab(tmp_path)
    bad = tmp_path / "liste.xlsx"
    bad.write_bytes(b"this is not a workbook")
    page = upload(client, bad)
    line = by_testid(page, "error")
    assert "liste.xlsx" in line and "\n" not in line.strip()
    assert str(tmp_path) not in line and "export-" not in line  # no private path
    assert 'data-testid="read-summary"' not in page


def test_seats_missing_are_said_before_anyone_can_solve(tmp_path: Path) -> None:
    client = page_tab(tmp_path)
    page = upload(client, write_xlsx(columns_per_rank(), tmp_path / "a.xlsx"))
    assert "Es fehlen Platzzahlen für" in page
    assert re.search(r'data-testid="solve" disabled', page)
    assert re.search(r'data-testid="compare" disabled', page)  # compare needs seats too
    form = {"csrf": client.csrf(), "name": list(SHOPS), "seats": ["3", "", "5"]}
    form |= {"minimum": [""] * 3, "room": [""] * 3}
    page = client.post("/solve", data=form).text
    assert "Mobilitätskonzepte" in by_testid(page, "error")
    assert 'data-testid="result-summary"' not in page
    page = client.post("/compare", data={"csrf": client.csrf()}).text  # a forged click
    assert "ist keine Platzzahl; bitte eine ganze Zahl eintragen" in by_testid(page, "error")


def test_a_wrong_key_column_is_corrected_and_read_again(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame["Organisation"] = "Stadt"  # the same for everyone
    client = page_tab(tmp_path)
    page = upload(client, write_xlsx(frame, tmp_path / "a.xlsx", seats=SEATS))
    assert "10 Teilnehmende" in by_testid(page, "read-summary")
    assert "nach E-Mail-Adresse" in by_testid(page, "read-summary")
    data = {"csrf": client.csrf(), "key": "Nachname", "wish_columns": "", "header_row": ""}
    page = client.post("/read", data=data).text
    summary = by_testid(page, "read-summary")
    assert "nach Nachname" in summary and "10 Teilnehmende" in summary
    assert "<option selected>Nachname</option>" in page


def test_without_the_printed_key_nothing_is_served(tmp_path: Path) -> None:
    client = page_client(tmp_path, token=False)
    refused = client.get("/")
    assert refused.status_code == 403 and "workshop-assign app" in refused.text
    assert client.get("/?token=wrong").status_code == 403
    assert client.get("/static/app.js").status_code == 403


def test_a_foreign_host_or_origin_is_refused(tmp_path: Path) -> None:
    client = page_tab(tmp_path)
    assert client.get("/", headers={"host": "evil.example"}).status_code == 403
    token = client.csrf()
    posted = client.post(
        "/lang", data={"csrf": token, "lang": "en"}, headers={"origin": "http://evil.example"}
    )
    assert posted.status_code == 403
    assert 'lang="de"' in client.page()  # nothing changed


def test_a_post_without_the_csrf_token_changes_nothing(tmp_path: Path) -> None:
    client = page_tab(tmp_path)
    with EXAMPLE.open("rb") as handle:
        page = client.post("/upload", data={"csrf": "forged"}, files={"export": ("x.xlsx", handle)})
    assert "veraltet" in by_testid(page.text, "error")
    assert 'data-testid="read-summary"' not in page.text


def test_an_upload_over_the_limit_gets_a_clear_message(tmp_path: Path) -> None:
    client = page_tab(tmp_path, limit=2**20)
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" * 400_000)
    with big.open("rb") as handle:
        response = client.post("/upload", data={"csrf": client.csrf()}, files={"export": handle})
    assert response.status_code == 413 and "1 MB" in response.text
    assert f'href="/?w={client.w}"' in response.text  # a way back to the same page


def test_values_from_an_export_are_text_on_the_page_and_in_the_workbook(tmp_path: Path) -> None:
    frame = columns_per_rank()
    frame.loc[0, "Vorname"] = "<script>alert(1)</script>"
    frame = frame.replace(SHOPS[0], '=HYPERLINK("http://evil.example")')
    client = page_tab(tmp_path)  # a CSV holds the cells as the form tool wrote them: text
    page = upload(client, write_csv(frame, tmp_path / "a.csv"))
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    form = {"csrf": client.csrf(), "name": [n.replace("&#34;", '"') for n in names]}
    form |= {"seats": ["3", "4", "5"], "minimum": [""] * 3, "room": [""] * 3}
    page = client.post("/solve", data=form).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    book = load_workbook(io.BytesIO(client.get("/download/xlsx").content))
    cells = [c for row in book["Zuteilung"].iter_rows() for c in row]
    formula = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert formula and all(c.data_type == "s" for c in formula)  # text, never a formula


def test_two_browsers_and_two_tabs_do_not_share_an_export(tmp_path: Path) -> None:
    first, stranger = page_tab(tmp_path), page_tab(tmp_path)
    second = Tab(first.client)  # another tab of the same browser
    upload(first, EXAMPLE)
    upload(second, write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS))
    assert "326 Teilnehmende" in by_testid(first.page(), "read-summary")
    assert "10 Teilnehmende" in by_testid(second.page(), "read-summary")
    assert 'data-testid="read-summary"' not in stranger.page()
    stolen = stranger.client.get("/", params={"w": first.w})  # another browser's workspace
    assert 'data-testid="read-summary"' not in stolen.text
    assert stranger.client.get("/download/xlsx", params={"w": first.w}).status_code == 404


def test_compare_and_language_switch(tmp_path: Path) -> None:
    client = page_tab(tmp_path)
    upload(client, EXAMPLE)
    page = client.post("/compare", data={"csrf": client.csrf()}).text
    assert "Los-Reihenfolge" in page
    chart = page[page.index('data-testid="comparison-chart"') :]
    assert "Los-Reihenfolge" in chart and "1. Wunsch:" in chart
    page = client.post("/lang", data={"csrf": client.csrf(), "lang": "en"}).text
    assert "random serial dictatorship" in page and "326 attendees" in page


def test_update_from_a_published_result_lists_the_moves(tmp_path: Path) -> None:
    export = write_xlsx(columns_per_rank(), tmp_path / "v1.xlsx", seats=SEATS)
    published = wa.solve(wa.read_export(export)).to_excel(tmp_path / "published.xlsx")
    later = write_xlsx(columns_per_rank().iloc[1:], tmp_path / "v2.xlsx", seats=SEATS)
    client = page_tab(tmp_path)
    files = {
        "previous": ("published.xlsx", published.read_bytes()),
        "newer": ("v2.xlsx", later.read_bytes()),
    }
    page = client.post("/update", data={"csrf": client.csrf()}, files=files).text
    assert 'data-testid="result-summary"' in page and "Umsetzungen" in page
    content = io.BytesIO(client.get("/download/xlsx").content)
    table = pd.read_excel(content, sheet_name=None, engine="calamine")
    assert "Änderungen" in table


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_the_app_command_prints_its_address_serves_and_cleans_up(
    tmp_path: Path, stop: signal.Signals
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "workshop_assign", "app", str(EXAMPLE), "--no-browser"]
    environment = {**os.environ, "TMPDIR": str(scratch)}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            line = process.stdout.readline()
            assert re.fullmatch(r"open http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}\n", line)
            assert len(list(scratch.iterdir())) == 1  # its private folder, while it runs
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
            with opener.open(line.split()[1], timeout=30) as response:
                page = response.read().decode()
            assert "326 Teilnehmende" in page  # opened with the export given
        finally:
            process.send_signal(stop)
        assert process.wait(timeout=30) in (0, 130)
        assert "Traceback" not in process.stderr.read()
    assert list(scratch.iterdir()) == []  # the uploads and downloads are gone


def test_an_unexpected_failure_is_a_line_on_the_page_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = page_tab(tmp_path)
    upload(client, EXAMPLE)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(wa, "compare", broken)
    page = client.post("/compare", data={"csrf": client.csrf()})
    assert page.status_code == 200
    assert "interner Fehler (RuntimeError)" in by_testid(page.text, "error")
    assert "326 Teilnehmende" in page.text  # the page keeps its state


def test_what_more_seats_would_change_is_shown_in_the_pages_words(tmp_path: Path) -> None:
    client = page_tab(tmp_path)
    upload(client, write_xlsx(columns_per_rank(), tmp_path / "a.xlsx", seats=SEATS))
    form = {"csrf": client.csrf(), "name": list(SEATS), "seats": ["3", "4", "5"]}
    form |= {"minimum": [""] * 3, "room": [""] * 3}
    page = client.post("/solve", data=form).text
    what_if = page[page.index('data-testid="what-if"') :]
    head = what_if[: what_if.index("</thead>")]
    assert "<th>1. Wunsch</th>" in head and "<th>ohne Platz</th>" in head


def test_the_page_reads_name_families_codes_and_unsubmitted_answers_exactly(
    tmp_path: Path,
) -> None:
    client = page_tab(tmp_path)
    lettered = FAMILIES["lettered"]
    page = upload(client, write_export(tmp_path / "a.csv", people_rows(chosen(lettered, 40, 1))))
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    assert sorted(names) == sorted(lettered)
    codes = [f"W{i}" for i in range(1, 7)]
    rows = [[codes[i % 6], codes[(i + 1) % 6], codes[(i + 2) % 6]] for i in range(20)]
    page = upload(client, legend_book(tmp_path / "b.xlsx", codes, rows))
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    assert names == [*SHOPS, "Open Data", "Smart Parking", "Bürgerbeteiligung"]
    assert re.findall(r'name="seats" min="0" value="(\d*)"', page) == ["20"] * 6
    rows[5][2] = "W9"
    page = upload(client, legend_book(tmp_path / "c.xlsx", codes, rows))
    line = by_testid(page, "error")
    assert line.startswith("c.xlsx, Blatt") and "W9" in line and "Zelle E7" in line
    headers, lime = limesurvey_rows()
    page = upload(client, write_export(tmp_path / "lime.csv", lime, headers))
    assert "8 Teilnehmende" in by_testid(page, "read-summary")
    page = upload(client, formulas_only(tmp_path / "formeln.xlsx"))
    line = by_testid(page, "error")
    assert line.startswith("formeln.xlsx, Blatt") and "Zelle C2" in line
    options = [f"Projekt {chr(65 + i // 10)}{i % 10}: Thema {i}" for i in range(80)]
    pick = random.Random(3)
    rows = [[f"k{i}@schule.example", *pick.sample(options, 4)] for i in range(240)]
    page = upload(
        client,
        write_export(tmp_path / "p.csv", rows, ["E-Mail", "Wahl 1", "Wahl 2", "Wahl 3", "Wahl 4"]),
    )
    names = re.findall(r'<input type="hidden" name="name" value="([^"]+)"', page)
    assert sorted(names) == sorted(options)
