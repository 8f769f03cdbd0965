"""``workshop-assign inspect EXPORT``: how the export is read, without solving."""

from __future__ import annotations

import sys

import pandas as pd

from workshop_assign.cli.console import Console, demand_table
from workshop_assign.cli.invocation import Invocation
from workshop_assign.cli.reading import read, reading_options
from workshop_assign.cli.types import Subcommands
from workshop_assign.core import LARGEST, listed
from workshop_assign.read import ParsedExport
from workshop_assign.text import cli_hint, grouped, label, message


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    reading_options(
        commands.add_parser(
            "inspect", help="show how the export is read, without solving", epilog=epilog
        )
    )


def run(call: Invocation) -> int:
    parsed = read(call, quiet=True)
    out = Console(sys.stdout, call.language)
    lang = out.lang
    where = out.text("inspect_sheet", sheet=parsed.sheet) if parsed.sheet else ""
    out.say("inspect_file", path=parsed.path, where=where, row=parsed.table.header_row)
    layout = message(f"layout.{parsed.layout.name}", lang)
    out.say("inspect_layout", layout=layout, columns=", ".join(parsed.layout.columns))
    out.say("inspect_key", key=parsed.people.key, lang=parsed.language)
    reasons = ", ".join(
        f"{label(r, lang)}: {grouped(n, lang)}" for r, n in parsed.not_counted().items()
    )
    out.say(
        "inspect_people",
        n=len(parsed.keys),
        dropped=len(parsed.dropped),
        reasons=f" ({reasons})" if reasons else "",
    )
    out.say("inspect_demand")
    out.stream.write(_demand(parsed, out).to_string() + "\n")
    if parsed.workshops is None:
        out.say("inspect_no_seats")
    if parsed.rooms:
        out.say("inspect_rooms", rooms=listed(parsed.rooms))
    out.say("inspect_notes", n=len(parsed.notes))
    for note in parsed.notes:
        out.stream.write(f"  {note.line(lang)}{cli_hint(note, lang)}\n")
    return 0


def _demand(parsed: ParsedExport, out: Console) -> pd.DataFrame:
    """People per workshop and rank, with seats and minimums where they are known."""
    demand = demand_table(parsed.demand(), out)
    if parsed.workshops is not None:
        by_room = out.text("inspect_by_room")  # no seats of its own: its room's
        seats = [by_room if w.capacity >= LARGEST else w.capacity for w in parsed.workshops]
        demand.insert(0, out.text("inspect_seats"), seats)
        if any(w.minimum for w in parsed.workshops):
            minimums = [w.minimum or 0 for w in parsed.workshops]
            demand.insert(1, out.text("inspect_minimum"), minimums)
    return demand
