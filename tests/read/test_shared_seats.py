"""Shared seats written beside the workshops: read exactly, unclear cells named."""

from __future__ import annotations

from pathlib import Path

import pytest

import workshop_assign as wa
from exports import SEATS, SHOPS, shared_export
from workshop_assign.read import PoolCellError, pools_from_cells


def pools(*rows: tuple[str, str]) -> dict[str, tuple[tuple[str, ...], int]]:
    return {p.name: (tuple(p.workshops), p.seats) for p in pools_from_cells(rows)}


def test_a_pool_is_named_in_each_row_and_its_seats_once() -> None:
    found = pools(("P1", "Prof. Quist: 3"), ("P2", "Prof.  Quist"), ("P3", "Prof. Quist = 3"))
    assert found == {"Prof. Quist": (("P1", "P2", "P3"), 3)}
    assert pools(("A", "Saal (40)"), ("B", "Saal (40 Plätze)")) == {"Saal": (("A", "B"), 40)}


def test_a_workshop_may_be_in_several_pools() -> None:
    found = pools(("A", "Frau Ost: 2; Saal: 30"), ("B", "Saal"), ("C", "Frau Ost\nHof: 9"))
    assert found == {
        "Frau Ost": (("A", "C"), 2),
        "Saal": (("A", "B"), 30),
        "Hof": (("C",), 9),
    }


def test_brackets_that_are_no_seats_stay_in_the_name() -> None:
    found = pools(("A", "Raum (Nord 2): 12"), ("B", "Raum (Nord 2)"))
    assert found == {"Raum (Nord 2)": (("A", "B"), 12)}


@pytest.mark.parametrize(
    ("rows", "key", "row"),
    [
        ((("A", "Quist"), ("B", "Quist")), "shared_no_seats", 0),
        ((("A", "Quist: 3"), ("B", "Quist: 4")), "shared_two_seats", 1),
        ((("A", "Quist: drei"),), "shared_no_seats", 0),
    ],
)
def test_an_unclear_pool_stops_with_its_row(
    rows: tuple[tuple[str, str], ...], key: str, row: int
) -> None:
    with pytest.raises(PoolCellError) as caught:
        pools_from_cells(rows)
    assert (caught.value.key, caught.value.row) == (key, row)


def test_the_workshops_sheet_gives_its_shared_seats(tmp_path: Path) -> None:
    path = shared_export(tmp_path, ["Saal: 5", "Saal", None])
    parsed = wa.parse_export(path)
    assert parsed.workshops is not None
    assert {w.name: w.capacity for w in parsed.workshops} == SEATS  # not the shared column
    (pool,) = parsed.shared_capacities
    assert (pool.name, tuple(pool.workshops), pool.seats) == ("Saal", tuple(SHOPS[:2]), 5)


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        (["Saal", "Saal", None], "'Workshops', cell B2: the shared seats 'Saal' have no number"),
        (["Saal: 5", "Saal: 6", None], "'Workshops', cell B3: the shared seats 'Saal' are given "),
    ],
)
def test_an_unclear_cell_of_the_sheet_is_named(
    tmp_path: Path, cells: list[str | None], said: str
) -> None:
    with pytest.raises(wa.SpreadsheetError) as caught:
        wa.parse_export(shared_export(tmp_path, cells))
    assert said in str(caught.value)
    assert caught.value.cell == said.split("cell ")[1].split(":", maxsplit=1)[0]
