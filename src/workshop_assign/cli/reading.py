"""Reading the export as the command line's options say: the options every command that
reads an export shares, the checks on ``--capacity``, and the lines about rows that were
not counted.  No output is ever one of the files read (``protect``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import workshop_assign as wa
from workshop_assign.cli import types as cli_types
from workshop_assign.cli.console import Console
from workshop_assign.cli.invocation import Invocation
from workshop_assign.read import ParsedExport, WorkshopMatcher, WorkshopSpec, fold, parse_export
from workshop_assign.text import label, worded
from workshop_assign.write import protect


def reading_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("export", type=Path, help="the registration export (.xlsx or .csv)")
    command.add_argument(
        "--workshops", type=Path, help="file with the workshops and their seats (.xlsx or .csv)"
    )
    command.add_argument(
        "--capacity",
        action="append",
        default=[],
        metavar="NAME=SEATS",
        type=cli_types.capacity,
        help="seats of a workshop; repeat for each workshop",
    )
    command.add_argument("--key", help="the column that identifies attendees")
    command.add_argument(
        "--priority-column",
        metavar="COLUMN",
        help="the column of priority tiers (1 served first, then 2, ...; empty: after all) "
        "when its heading does not say 'Priorität' or 'Priority'",
    )
    command.add_argument("--sheet", help="the sheet with the registrations")
    command.add_argument(
        "--header-row", type=cli_types.row_number, help="the row (1-based) with the column headers"
    )
    command.add_argument(
        "--wish-columns",
        type=lambda text: [text],
        metavar="A,B,C",
        help="the columns with the wishes in rank order, separated by commas "
        "(a header that holds a comma itself is recognised as one)",
    )
    command.add_argument("--encoding", help="text encoding of a CSV file (default: detected)")
    command.add_argument(
        "--delimiter",
        type=cli_types.delimiter,
        help="separator of a CSV file: one character, or tab (default: detected)",
    )
    command.add_argument(
        "--keep-row",
        action="append",
        default=[],
        type=cli_types.row_number,
        metavar="ROW",
        help="keep this row (its number in the sheet) although it reads as cancelled or "
        "unsubmitted; repeat for more rows",
    )
    command.add_argument("--debug", action="store_true", help="show tracebacks")


def read(
    call: Invocation,
    *writes: Path | None,
    default_workshops: WorkshopSpec | None = None,
    quiet: bool = False,
) -> ParsedExport:
    """Read the export once, as the options say, after making sure no output is an
    input; ``default_workshops`` are the seats when neither the options nor the export
    give any (an update's published ones).  The rows not counted are told on stderr
    unless ``quiet`` (``inspect`` lists them itself)."""
    args = call.options
    protect(reads(args), writes)
    if args.capacity and args.workshops:
        raise wa.InputError(worded("seats_twice"))
    capacities = _capacities(args.capacity) if args.capacity else None
    try:
        parsed = _parse(args, capacities or args.workshops, default_workshops)
    except wa.InputError:
        if capacities:  # a name in --capacity the export does not have is the option's error
            _check_capacity_names(_parse(args, None, None).names, capacities, every=True)
        raise
    if capacities:  # read: each option's name must still be written in the export as it is
        _check_capacity_names(list(parsed.wish_texts), capacities, every=False)
    lang = call.learn_language(parsed.language)  # for the words of a later error
    if not quiet:
        say_not_counted(parsed, Console(sys.stderr, lang))
    return parsed


def _parse(
    args: argparse.Namespace, shops: WorkshopSpec | None, default: WorkshopSpec | None
) -> ParsedExport:
    return parse_export(
        args.export,
        workshops=shops,
        default_workshops=default,
        sheet=args.sheet,
        header_row=args.header_row,
        key=args.key,
        wish_columns=args.wish_columns,
        encoding=args.encoding,
        delimiter=args.delimiter,
        keep_rows=args.keep_row,
        priority_column=args.priority_column,
        rooms=getattr(args, "room", ()),  # the commands with --room
    )


def _check_capacity_names(found: list[str], given: dict[str, int], *, every: bool) -> None:
    """Each ``--capacity`` name must be a workshop the export names (up to spacing, case
    and spelling; a wish read as it only by a typo does not count), and with ``every``
    each workshop the export names needs its seats: a typo in an option is the option's
    error, not the export's."""
    in_export = WorkshopMatcher(found)
    for name in given:
        if in_export.match(name, quick=True) is None:
            close = ", ".join(repr(n) for n in in_export.suggestions(name)) or "none"
            raise wa.InputError(worded("capacity_unknown", name=name, close=close))
    options = WorkshopMatcher(list(given))
    missing = [n for n in found if every and options.match(n, quick=True) is None]
    if missing:
        raise wa.InputError(worded("capacity_missing", name=missing[0]))


def reads(args: argparse.Namespace) -> list[tuple[str, Path | None]]:
    """Every file the command reads, with what it is."""
    return [
        ("the export", args.export),
        ("the workshops file", args.workshops),
        ("the published result", getattr(args, "previous", None)),
    ]


def _capacities(given: list[tuple[str, int]]) -> dict[str, int]:
    """``--capacity`` values, each workshop once (up to case and spacing)."""
    seen: dict[str, str] = {}
    for name, _ in given:
        if fold(name) in seen:
            raise wa.InputError(worded("capacity_twice", name=name, other=seen[fold(name)]))
        seen[fold(name)] = name
    return dict(given)


DUPLICATE_WARNING = 0.05  # share of data rows taken as repeat registrations worth a warning


def say_not_counted(parsed: ParsedExport, err: Console) -> None:
    """One stderr line per reason rows were not counted; a warning when many rows were
    taken as the same people, naming the key column and how to choose another."""
    for reason, count in parsed.not_counted().items():
        err.stream.write("workshop-assign: ")
        err.say("not_counted", n=count, reason=label(reason, err.lang))
    again = parsed.not_counted().get("superseded", 0)
    rows = len(parsed.keys) + len(parsed.dropped)
    if rows and again > DUPLICATE_WARNING * rows:
        err.stream.write("workshop-assign: ")
        err.say(
            "repeats", again=again, rows=rows, share=f"{again / rows:.0%}", key=parsed.people.key
        )
