"""The page in a real headless browser: Playwright driving Debian's chromium.

Skipped, with the reason, where no chromium is installed (``.ci/run`` installs it).
Each step's screenshot is saved under the test's temporary folder (``screens/``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

pytest.importorskip("starlette", reason="the page needs the app extra")
playwright = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on this machine: apt-get install chromium"
)

import uvicorn  # noqa: E402

import workshop_assign as wa  # noqa: E402
from exports import SHOPS, columns_per_rank, write_csv  # noqa: E402
from workshop_assign.app import create_app  # noqa: E402

EXAMPLE = Path(__file__).parents[2] / "examples" / "smart_cities_anmeldungen.xlsx"


@dataclass
class Server:
    url: str  # with the access key
    base: str
    port: int


def start(tmp_path: Path, limit: int = 50 * 2**20) -> Iterator[Server]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    root = tmp_path / f"sessions-{port}"
    root.mkdir()
    app = create_app(
        token="t" * 32,
        hosts={f"127.0.0.1:{port}", f"localhost:{port}"},
        root=root,
        upload_limit=limit,
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    try:
        yield Server(f"{base}/?token={'t' * 32}", base, port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    yield from start(tmp_path)


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: Server, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    opened.goto(server.url)
    opened.screens = tmp_path / "screens"  # type: ignore[attr-defined]
    opened.screens.mkdir()  # type: ignore[attr-defined]
    opened.dialogs = dialogs  # type: ignore[attr-defined]
    yield opened
    context.close()


def shot(page: Any, name: str) -> None:
    # the viewport only: a full-page shot resizes it, and Chromium then misses the
    # next click on a download link
    page.screenshot(path=str(page.screens / f"{name}.png"))


def test_the_bundled_example_from_upload_to_the_downloaded_workbook(
    page: Any, tmp_path: Path
) -> None:
    shot(page, "1-start")
    page.set_input_files('[data-testid="export-file"]', str(EXAMPLE))
    summary = page.wait_for_selector('[data-testid="read-summary"]')
    assert "326 Teilnehmende" in summary.inner_text()
    shot(page, "2-read")
    rows = page.query_selector_all('[data-testid="workshop-row"]')
    assert len(rows) == 3
    assert rows[0].query_selector('input[name="seats"]').input_value() == "90"
    shot(page, "3-workshops")
    started = time.perf_counter()
    page.click('[data-testid="solve"]')
    result = page.wait_for_selector('[data-testid="result-summary"]')
    assert time.perf_counter() - started < 10  # the issue asks 2 s; CI machines vary
    assert "(nachgewiesen)" in result.inner_text()
    shot(page, "4-result")
    page.fill('[data-testid="person-search"]', "ida.voigt0")
    page.wait_for_selector('[data-testid="search-results"] li')
    assert "Digitale" in page.inner_text('[data-testid="search-results"]')
    shot(page, "5-search")
    with page.expect_download() as info:
        page.click('[data-testid="download-xlsx"]')
    downloaded = tmp_path / "downloaded.xlsx"
    info.value.save_as(downloaded)
    ours = tmp_path / "ours.xlsx"
    solved = wa.solve(wa.read_export(EXAMPLE))  # as the command line writes it
    solved.to_excel(ours, waitlists=wa.waitlists(solved, 5))
    theirs_book, ours_book = load_workbook(downloaded), load_workbook(ours)
    assert theirs_book.sheetnames == ours_book.sheetnames
    for name in ("Zuteilung", "Digitale Zwillinge", "Mobilitätskonzepte"):
        got = [[c.value for c in row] for row in theirs_book[name].iter_rows()]
        want = [[c.value for c in row] for row in ours_book[name].iter_rows()]
        assert got == want, name
    with page.expect_download() as info:
        page.click('[data-testid="download-csv"]')
    assert info.value.suggested_filename == "zuteilung.csv"


def test_a_bad_file_shows_one_line(page: Any, tmp_path: Path) -> None:
    bad = tmp_path / "liste.xlsx"
    bad.write_bytes(b"not a workbook at all")
    page.set_input_files('[data-testid="export-file"]', str(bad))
    error = page.wait_for_selector('[data-testid="error"]')
    assert "liste.xlsx" in error.inner_text()
    assert page.query_selector('[data-testid="read-summary"]') is None
    shot(page, "bad-file")


def test_the_language_buttons_switch_the_page(page: Any) -> None:
    """Clicking "English" sends its value: the script must not disable the clicked
    button before the form's data is taken."""
    page.set_input_files('[data-testid="export-file"]', str(EXAMPLE))
    page.wait_for_selector('[data-testid="read-summary"]')
    assert page.get_attribute("html", "lang") == "de"
    page.click("button[name=lang][value=en]")
    page.wait_for_selector("html[lang=en]")  # survives the navigation in between
    assert "326" in page.inner_text('[data-testid="read-summary"]')
    page.click("button[name=lang][value=de]")
    page.wait_for_selector("html[lang=de]")
    shot(page, "language-switched")


def test_correcting_a_wrong_key_column(page: Any, tmp_path: Path) -> None:
    page.set_input_files('[data-testid="export-file"]', str(EXAMPLE))
    page.wait_for_selector('[data-testid="read-summary"]')
    page.click("text=Eine Vermutung korrigieren")
    page.select_option('[data-testid="key-column"]', "Nachname")
    page.click('[data-testid="read-again"]')
    page.wait_for_load_state()
    summary = page.inner_text('[data-testid="read-summary"]')
    assert "nach Nachname" in summary
    shot(page, "key-corrected")


def test_safety_in_the_browser(browser: Any, server: Server, page: Any, tmp_path: Path) -> None:
    stranger = browser.new_context()
    refused = stranger.new_page().goto(server.base + "/")  # no access key
    assert refused is not None and refused.status == 403
    stranger.close()
    request = page.request
    assert request.get(server.base + "/", headers={"Host": "evil.example"}).status == 403
    posted = request.post(
        server.base + "/lang", form={"lang": "en"}, headers={"Origin": "http://evil.example"}
    )
    assert posted.status == 403
    forged = request.post(server.base + "/lang", form={"lang": "en", "csrf": "forged"})
    assert forged.ok and "veraltet" in forged.text()
    frame = columns_per_rank()
    frame.loc[0, "Vorname"] = "<script>alert(1)</script>"
    frame = frame.replace(SHOPS[0], '=HYPERLINK("http://evil.example")')
    page.goto(server.base + "/")
    page.set_input_files('[data-testid="export-file"]', str(write_csv(frame, tmp_path / "x.csv")))
    page.wait_for_selector('[data-testid="read-summary"]')
    for seats, value in zip(page.query_selector_all('input[name="seats"]'), "345", strict=True):
        seats.fill(value)
    page.click('[data-testid="solve"]')
    page.wait_for_selector('[data-testid="result-summary"]')
    for roster in page.query_selector_all("#result details summary"):
        roster.click()  # every roster open
    page.fill('[data-testid="person-search"]', "script")
    page.wait_for_selector('[data-testid="search-results"] li')
    assert page.dialogs == []  # no script ran
    assert "<script>alert(1)</script>" in page.inner_text("#result")  # shown as text
    assert "<script>alert(1)</script>" in page.inner_text('[data-testid="search-results"]')
    assert '=HYPERLINK("http://evil.example")' in page.inner_text("#result")
    shot(page, "escaped")


def test_an_upload_over_the_limit_says_so(browser: Any, tmp_path: Path) -> None:
    for small in start(tmp_path, limit=2**20):
        context = browser.new_context()
        opened = context.new_page()
        opened.goto(small.url)
        big = tmp_path / "big.csv"
        big.write_bytes(b"a,b\n" * 400_000)
        opened.set_input_files('[data-testid="export-file"]', str(big))
        opened.wait_for_selector('[data-testid="error"]')
        assert "1 MB" in opened.inner_text('[data-testid="error"]')
        assert "--upload-limit" not in opened.content()  # no option names on the page
        opened.click('[data-testid="back"]')  # not a dead end: back to the same page
        opened.wait_for_selector('[data-testid="export-file"]')
        context.close()


AXE = Path(__file__).parents[1] / ".cache" / "axe.min.js"  # make test fetches it from npm


def audit(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands now."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.slow
@pytest.mark.skipif(not AXE.exists(), reason="axe-core not fetched (make test does, with npm)")
def test_every_step_of_the_page_passes_an_accessibility_audit(page: Any, tmp_path: Path) -> None:
    findings = {"start": audit(page)}
    page.set_input_files('[data-testid="export-file"]', str(EXAMPLE))
    page.wait_for_selector('[data-testid="read-summary"]')
    findings["read"] = audit(page)
    page.click('[data-testid="solve"]')
    page.wait_for_selector('[data-testid="result-summary"]')
    findings["result"] = audit(page)
    page.click('[data-testid="compare"]')
    page.wait_for_selector('[data-testid="comparison-chart"]')
    findings["compared"] = audit(page)
    published = wa.solve(wa.read_export(EXAMPLE)).to_excel(tmp_path / "published.xlsx")
    page.set_input_files('input[name="previous"]', str(published))
    page.set_input_files('input[name="newer"]', str(EXAMPLE))
    page.click('[data-testid="update"]')
    page.wait_for_selector('[data-testid="changes"]')
    findings["updated"] = audit(page)
    assert {step: found for step, found in findings.items() if found} == {}


def test_the_page_is_usable_with_the_keyboard(page: Any) -> None:
    page.set_input_files('[data-testid="export-file"]', str(EXAMPLE))
    page.wait_for_selector('[data-testid="read-summary"]')
    page.focus('[data-testid="solve"]')
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-testid="result-summary"]')
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.dataset.testid || ''"))
    assert {"download-xlsx", "person-search"} <= reached


GUIDE_SHOTS = "WORKSHOP_ASSIGN_GUIDE_SHOTS"  # a folder: the guide's pictures are taken anew


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_guides_steps_from_export_to_letters(
    browser: Any, server: Server, tmp_path: Path, lang: str
) -> None:
    """The organizer's guide (docs/) walked step by step in a browser of that language;
    each step's part of the page is photographed (into $WORKSHOP_ASSIGN_GUIDE_SHOTS when
    set, for the guide)."""
    folder = Path(os.environ.get(GUIDE_SHOTS) or tmp_path / "guide")
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        accept_downloads=True,
        locale="de-DE" if lang == "de" else "en-GB",
        viewport={"width": 1100, "height": 900},
    )
    page = context.new_page()
    page.goto(server.url)
    page.click(f'.lang button[value="{lang}"]')
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")

    def step(name: str, selector: str) -> None:
        page.locator(selector).screenshot(path=str(folder / f"{lang}-{name}.png"))

    step("1-export", "#export")
    page.set_input_files('[data-testid="export-file"]', str(EXAMPLE))
    page.wait_for_selector('[data-testid="read-summary"]')
    page.click("#read details:nth-of-type(2) summary")  # open "correct a guess"
    step("2-read", "#read")
    step("3-workshops", "#workshops")
    step("4-rules", "#rules")
    page.click('[data-testid="solve"]')
    page.wait_for_selector('[data-testid="result-summary"]')
    step("5-result", "#result .head")
    with page.expect_download() as info:
        page.click('[data-testid="download-letters"]')
    assert info.value.suggested_filename == ("briefe.zip" if lang == "de" else "letters.zip")
    step("6-after", "#after")
    assert len(list(folder.glob(f"{lang}-*.png"))) == 6
    context.close()
