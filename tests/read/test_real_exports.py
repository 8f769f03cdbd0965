"""Every tool's export is read without any override: every attendee, every wish, every
row not counted (and why), and the guesses are shown by ``inspect``."""

from __future__ import annotations

from pathlib import Path

import pytest

import workshop_assign as wa
from exports import SHOPS
from helpers import run
from real_exports import BUILDERS, Expected


def read(expected: Expected) -> wa.Problem:
    return wa.read_export(expected.path, workshops=expected.seats)


@pytest.mark.parametrize("tool", sorted(BUILDERS))
def test_every_attendee_wish_and_row_not_counted(tmp_path: Path, tool: str) -> None:
    expected = BUILDERS[tool](tmp_path)
    problem = read(expected)
    assert problem.source is not None
    found = {key: problem.wishes_of(i) for i, key in enumerate(problem.keys)}
    assert found == expected.wishes
    dropped = dict(
        zip(problem.source.dropped["row"], problem.source.dropped["reason"], strict=True)
    )
    assert dropped == expected.dropped
    assert problem.source.layout == expected.layout


@pytest.mark.parametrize("tool", sorted(set(BUILDERS) - {"hand_kept"}))  # has its own table
def test_without_a_workshop_table_the_same_workshops_are_found(tmp_path: Path, tool: str) -> None:
    expected = BUILDERS[tool](tmp_path)
    parsed = wa.parse_export(expected.path)
    wanted = {w for wishes in expected.wishes.values() for w in wishes}
    assert set(parsed.names) == wanted
    assert dict(zip(parsed.keys, map(tuple, parsed.wishes), strict=True)) == expected.wishes


def test_inspect_shows_each_guess_with_its_evidence(tmp_path: Path) -> None:
    expected = BUILDERS["hand_kept"](tmp_path)
    done = run("inspect", str(expected.path), "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "read sheet 'Anmeldungen': 10 rows with wishes (passed over: 'Info')" in out
    assert "wishes read as one column per rank: 1. Wunsch, 2. Wunsch, 3. Wunsch" in out
    assert "rank order from the headers" in out
    assert "skipped 1 row(s) that repeat the column headers: 10" in out
    assert "attendees identified by column 'E-Mail' (e-mail addresses;" in out
    assert "rows not counted: 2 (cancelled: 2)" in out
    assert "row 4: [Bemerkung] 'Absage per Mail am 28.05.' not an attendee: marked cancelled" in out


def test_two_header_rows_are_noted(tmp_path: Path) -> None:
    problem = read(BUILDERS["surveymonkey"](tmp_path))
    assert problem.source is not None
    texts = [n.text("en") for n in problem.source.notes]
    assert "two header rows: questions in row 1, options in row 2" in texts
    assert problem.source.key_column == "Respondent ID"
    question = "Please rank the workshops in order of preference"
    assert problem.source.wish_columns == tuple(f"{question} [{s}]" for s in SHOPS)


def test_shared_order_email_keeps_colleagues_apart_and_says_so(tmp_path: Path) -> None:
    problem = read(BUILDERS["pretix"](tmp_path))
    assert problem.source is not None
    shared = [n for n in problem.source.notes if n.code == "shared-key"]
    assert [n.row for n in shared] == [2, 3, 4, 5]
    assert "shares 'Email' with row(s) 3, 4, 5 under another name" in shared[0].text("en")


def test_keep_row_overrules_a_cancellation_read_from_a_remark(tmp_path: Path) -> None:
    expected = BUILDERS["hand_kept"](tmp_path)
    problem = wa.read_export(expected.path, keep_rows=[4])
    assert problem.source is not None
    assert "ana.albrecht@stadt-halle.example" in problem.keys
    assert 4 not in set(problem.source.dropped["row"])
    kept = [n for n in problem.source.notes if n.code == "kept-row"]
    assert [(n.row, n.value) for n in kept] == [(4, "Absage per Mail am 28.05.")]
