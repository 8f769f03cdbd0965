"""When a workshop takes place, read from its table however it was written; a cell that
is no date or time stops the reading with its cell named."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

import workshop_assign as wa
from exports import timed_export
from workshop_assign.read.moments import NotAMomentError, clock_of, day_of


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("12.06.2025", date(2025, 6, 12)),
        ("12.6.25", date(2025, 6, 12)),
        ("2025-06-12", date(2025, 6, 12)),
        ("06/12/2025", date(2025, 6, 12)),
        (datetime(2025, 6, 12, 0, 0), date(2025, 6, 12)),
        (date(2025, 6, 12), date(2025, 6, 12)),
        ("", None),
    ],
)
def test_a_date_as_people_write_it(written: object, day: date | None) -> None:
    assert day_of(written) == day


@pytest.mark.parametrize(
    ("written", "clock"),
    [
        ("14:00", time(14, 0)),
        ("14.30 Uhr", time(14, 30)),
        ("14 Uhr", time(14, 0)),
        ("2:30 PM", time(14, 30)),
        (0.59375, time(14, 15)),  # Excel's fraction of a day
        (time(9, 5), time(9, 5)),
        (datetime(1899, 12, 30, 16, 0), time(16, 0)),
        (None, None),
    ],
)
def test_a_time_of_day_as_people_write_it(written: object, clock: time | None) -> None:
    assert clock_of(written) == clock


@pytest.mark.parametrize("wrong", ["nachmittags", "25:00", "14", "14:75"])
def test_what_is_no_time_of_day_is_not_guessed(wrong: str) -> None:
    with pytest.raises(NotAMomentError):
        clock_of(wrong)


@pytest.mark.parametrize("wrong", ["31.02.2025", "Donnerstag", "bald"])
def test_what_is_no_date_is_not_guessed(wrong: str) -> None:
    with pytest.raises(NotAMomentError):
        day_of(wrong)


def test_the_workshop_table_says_when_each_workshop_takes_place(tmp_path: Path) -> None:
    workshops = wa.read_export(timed_export(tmp_path)).workshops
    assert {(w.starts, w.ends) for w in workshops} == {
        (datetime(2025, 6, 12, 14, 0), datetime(2025, 6, 12, 15, 30))
    }
    result = wa.solve(wa.read_export(timed_export(tmp_path)))
    published = result.to_excel(tmp_path / "r.xlsx")  # kept in the record for updates
    (tmp_path / "later").mkdir()
    again = wa.update_published(published, timed_export(tmp_path / "later"))
    assert again.result.problem.workshops[0].starts == datetime(2025, 6, 12, 14, 0)


def test_a_time_cell_that_is_no_time_is_named(tmp_path: Path) -> None:
    with pytest.raises(
        wa.SpreadsheetError, match=r"cell E2: 'nachmittags' is not a date or a time"
    ):
        wa.read_export(timed_export(tmp_path, start="nachmittags"))
