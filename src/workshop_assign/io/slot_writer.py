"""The organizer's workbook for workshops in time slots.

Assignments: the original columns plus one column per slot with the workshop there and
the ranks received; one roster per workshop; a Summary (workshops per rank received,
places short, objective and proof, fill); the Notes.  Text is written as text, and the
file is written to a temporary name first, as for single-slot results.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from workshop_assign.errors import InputError
from workshop_assign.io.files import atomic_path, protect
from workshop_assign.io.labels import label
from workshop_assign.io.workbook import open_workbook, write_rows
from workshop_assign.io.writers import notes_table, write_notes

if TYPE_CHECKING:
    from workshop_assign.slots import SlotResult


def slot_assignments(result: SlotResult, lang: str) -> pd.DataFrame:
    """Original columns (or the attendee), then the workshop per slot and ranks received."""
    problem = result.problem
    if problem.attributes is not None:
        table = problem.attributes.copy()
    else:
        table = pd.DataFrame({label("attendee", lang): list(problem.keys)})
    names = problem.workshop_names
    for index, slot in enumerate(result.slots):
        table[slot] = [names[w] if w >= 0 else None for w in result.workshop_of[:, index].tolist()]
    table[label("rank", lang)] = [
        ", ".join(str(r) for r in row if r) or None for row in result.rank_of.tolist()
    ]
    return table


def write_slot_result(result: SlotResult, path: Path, lang: str) -> Path:
    """Write the slot workbook (see the module docstring)."""
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"cannot write {path.name}: timetables are written as .xlsx")
    source = result.problem.source
    protect([("the export", Path(source.path) if source and source.path else None)], [path])
    with atomic_path(path) as temporary, open_workbook(temporary) as book:
        book.table(label("Assignments", lang), slot_assignments(result, lang))
        keys = pd.Series(result.problem.keys, dtype=object)
        for w, name in enumerate(result.problem.workshop_names):
            people = sorted(keys[(result.workshop_of == w).any(axis=1)].tolist(), key=str.casefold)
            book.table(name, pd.DataFrame({label("attendee", lang): people}))
        title, summary = book.sheet(label("Summary", lang))
        write_rows(book, title, summary, _summary(result, lang))
        write_notes(book, notes_table(result, lang), lang)  # type: ignore[arg-type]
    return path


def _summary(result: SlotResult, lang: str) -> list[list[object]]:
    rows: list[list[object]] = [[label("title", lang)], []]
    rows += [
        [label("objective", lang), label(result.options.objective.value, lang)],
        [label("proven", lang), label("yes" if result.proven_optimal else "no", lang)],
        [label("value_of_objective", lang), str(result.objective_value)],
        [],
        [label("per_rank", lang)],
    ]
    rows += [[label("choice", lang).format(rank=r), n] for r, n in result.rank_counts.items()]
    rows += [[label("places_short", lang), result.places_short], [], [label("fill", lang)]]
    load = (result.workshop_of[:, :, None] == range(len(result.problem.workshops))).sum((0, 1))
    rows += [
        [name, int(load[w]), int(result.problem.capacities[w])]
        for w, name in enumerate(result.problem.workshop_names)
    ]
    return rows
