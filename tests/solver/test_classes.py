"""Grouping attendees into classes: the table-based numbering equals a sort-based one."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workshop_assign.solver.classes import _dense_unique, _unique_rows


@given(st.lists(st.integers(0, 40), min_size=1, max_size=200), st.integers(41, 60))
def test_numbering_by_a_table_is_numbering_by_a_sort(keys: list[int], cells: int) -> None:
    key = np.asarray(keys, dtype=np.int64)
    first, inverse = _dense_unique(key, cells)
    _, want_first, want_inverse = np.unique(key, return_index=True, return_inverse=True)
    assert first.tolist() == want_first.tolist()
    assert inverse.tolist() == want_inverse.ravel().tolist()


@given(st.lists(st.tuples(st.integers(-3, 5), st.integers(0, 2_000)), min_size=1, max_size=100))
def test_distinct_rows_whichever_way_they_are_counted(rows: list[tuple[int, int]]) -> None:
    columns = [np.asarray(c, dtype=np.int64) for c in zip(*rows, strict=True)]
    distinct, first, inverse = _unique_rows(columns)
    table = np.stack(columns, axis=1)
    assert (distinct[inverse.ravel()] == table).all()  # each row is its class's row
    assert (table[first] == distinct).all()
    assert len({tuple(r) for r in rows}) == len(distinct)
