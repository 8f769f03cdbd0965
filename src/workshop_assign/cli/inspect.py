"""``workshop-assign inspect EXPORT``: how the export is read, without solving."""

from __future__ import annotations

import argparse
import sys

from workshop_assign.cli.reading import read, reading_options
from workshop_assign.cli.types import Subcommands
from workshop_assign.io.labels import label
from workshop_assign.messages import message


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    reading_options(
        commands.add_parser(
            "inspect", help="show how the export is read, without solving", epilog=epilog
        )
    )


def run(args: argparse.Namespace) -> int:
    parsed = read(args)
    out = sys.stdout
    where = f", sheet {parsed.sheet!r}" if parsed.sheet else ""
    out.write(f"file: {parsed.path}{where}, header row {parsed.table.header_row}\n")
    out.write(
        f"layout: {message(f'layout.{parsed.layout.name}')}: {', '.join(parsed.layout.columns)}\n"
    )
    out.write(f"key column: {parsed.people.key}; language: {parsed.language}\n")
    dropped = len(parsed.dropped)
    reasons = ", ".join(f"{label(r, 'en')}: {n:,}" for r, n in parsed.not_counted().items())
    out.write(
        f"attendees: {len(parsed.keys):,}; rows not counted: {dropped:,}"
        + (f" ({reasons})" if reasons else "")
        + "\n"
    )
    demand = parsed.demand()
    if parsed.workshops is not None:
        demand.insert(0, "seats", [w.capacity for w in parsed.workshops])
        if any(w.minimum for w in parsed.workshops):
            demand.insert(1, "minimum", [w.minimum or 0 for w in parsed.workshops])
    out.write("workshops, people per rank:\n" + demand.to_string() + "\n")
    if parsed.workshops is None:
        out.write(
            "no seat counts yet: add a 'Workshops' sheet, --workshops FILE or "
            "--capacity NAME=SEATS\n"
        )
    out.write(f"notes ({len(parsed.notes)}):\n")
    for note in parsed.notes:
        place = f"row {note.row}: " if note.row else ""
        column = f"[{note.column}] " if note.column and note.row else ""
        value = f"{note.value!r} " if note.value else ""
        out.write(f"  {place}{column}{value}{note.text('en')}\n")
    return 0
