"""Rosters to print and put on the door: one sheet per workshop.

Each roster starts with a title (the workshop, its room and time where the workshop
table gives them, how many are coming), then a table: name (surname first where first
and last names are separate columns, as written, spaces trimmed), organisation, and an
empty column to sign in, its rows tall and ruled.  E-mail and the wish received stay off
a list that hangs on a door unless asked for (``extra``).  People are sorted by surname.
The page is A4, as wide as the table fits on one page, with the table's header repeated
on every printed page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from workshop_assign.core._encode import as_rows
from workshop_assign.errors import InputError
from workshop_assign.read.text import cell_text, fold, is_blank
from workshop_assign.text import Language, label
from workshop_assign.write.workbook import Book, print_setup, write_table

if TYPE_CHECKING:
    from workshop_assign.core.result import Result

TITLE_ROWS = 3  # title, details, an empty row; the table's header follows
EXTRA_COLUMNS = ("email", "rank")  # what a roster may show besides name and organisation
SIGNING_HEIGHT = 24  # points: room to sign on a printed list


def rosters(
    result: Result, table: pd.DataFrame, lang: Language, extra: Sequence[str] = ()
) -> Iterator[tuple[int, pd.DataFrame]]:
    """Per workshop (by index), its roster, sorted by surname; with time slots a
    workshop is one session, and its roster lists who is there in its slot.  ``extra``
    adds ``"email"`` and ``"rank"`` (the wish received) to name and organisation."""
    check_columns(extra)
    names, surnames = roster_names(result, table)
    columns: dict[str, object] = {label("name", lang): names}
    source = result.problem.source
    if source is not None and source.organisation_column:
        columns[label("organisation", lang)] = table[source.organisation_column].to_numpy()
    if (
        "email" in extra
        and source is not None
        and source.email_column
        and source.email_column not in source.name_columns
    ):
        columns[label("email", lang)] = table[source.email_column].to_numpy()
    columns[label("signature", lang)] = [""] * len(names)
    roster = pd.DataFrame(columns)
    order = np.lexsort((np.asarray([fold(n) for n in names]), np.asarray(surnames)))
    workshop_of = as_rows(result.workshop_of)
    rank_of = as_rows(result.rank_of)
    for index in range(len(result.problem.workshops)):
        # the session's column: its slot's, or the only one without slots
        column = int(result.problem.slot_of[index]) if result.has_slots else 0
        people = order[workshop_of[order, column] == index]
        rank = pd.Series(rank_of[people, column], dtype="Int64").replace(0, pd.NA)
        table = roster.iloc[people].reset_index(drop=True)
        if "rank" in extra:
            table.insert(len(table.columns) - 1, label("rank", lang), rank)
        yield index, table


def check_columns(extra: Sequence[str]) -> None:
    """Refuse a roster column there is none of, before anything is written."""
    unknown = set(extra) - set(EXTRA_COLUMNS)
    if unknown:
        raise InputError(
            f"roster columns {sorted(unknown)}: choose from {', '.join(EXTRA_COLUMNS)}"
        )


def roster_names(result: Result, table: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Each attendee's name as shown on a roster, and the key it is sorted by.

    With first and last names in separate columns: "Albrecht, Ana", sorted by surname.
    With one name column: as written, sorted by its last word (or the part before a
    comma: "Albrecht, Ana").  Without names: the attendee's key.
    """
    source = result.problem.source
    columns = source.name_columns if source is not None else ()
    if len(columns) == 2:
        first, last = (_texts(table[c]) for c in columns)
        names = [f"{s}, {f}" if s and f else (s or f) for f, s in zip(first, last, strict=True)]
        return names, [fold(s or f) for f, s in zip(first, last, strict=True)]
    names = _texts(table[columns[0]]) if columns else list(result.problem.keys)
    return names, [fold(_surname(n)) for n in names]


def _texts(column: pd.Series) -> list[str]:
    return ["" if is_blank(v) else " ".join(cell_text(v).split()) for v in column.tolist()]


def _surname(name: str) -> str:
    if "," in name:
        return name.split(",", 1)[0]
    words = name.split()
    return words[-1] if words else name


def write_roster(
    book: Book, result: Result, index: int, roster: pd.DataFrame, lang: Language
) -> None:
    """One workshop's roster, set up for printing on A4."""
    workshop = result.problem.workshops[index]
    title, sheet = book.sheet(workshop.name)
    details = [
        part
        for part in (
            _labelled(label("room", lang), workshop.room),
            _labelled(label("slot", lang), workshop.slot),
            f"{len(roster)} {label('people', lang)} / {workshop.capacity} {label('seats', lang)}",
        )
        if part
    ]
    sheet.write_string(0, 0, workshop.name, book.formats["title"])
    sheet.write_string(1, 0, " · ".join(details))
    sheet.set_default_row(SIGNING_HEIGHT)  # before any row is written (constant memory)
    sheet.hide_gridlines(0)  # ruled on paper: a line to sign on
    widths = write_table(book, title, sheet, roster, first_row=TITLE_ROWS, filter_=False)
    sheet.set_column(len(roster.columns) - 1, len(roster.columns) - 1, 28)  # room to sign
    print_setup(book, sheet, workshop.name, [*widths[:-1], 28], header_row=TITLE_ROWS)


def _labelled(name: str, value: str | None) -> str | None:
    """ "Raum: A 1.01", but "Raum 1.01" as it is (it says what it is already)."""
    if not value:
        return None
    return value if fold(value).startswith(fold(name)) else f"{name}: {value}"
