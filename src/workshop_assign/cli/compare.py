"""``workshop-assign compare EXPORT``: simple mechanisms and the optimal objectives."""

from __future__ import annotations

import sys
from pathlib import Path

from workshop_assign import compare
from workshop_assign.after import (
    comparison_png,
    comparison_table,
    comparison_workbook,
    in_chosen_rooms,
    rooms_given,
)
from workshop_assign.cli.console import Console
from workshop_assign.cli.invocation import Invocation
from workshop_assign.cli.reading import read, reading_options
from workshop_assign.cli.types import Subcommands
from workshop_assign.errors import UsageError
from workshop_assign.read import build_problem, missing_capacities
from workshop_assign.text import worded as worded_error
from workshop_assign.write import all_or_nothing


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    command = commands.add_parser(
        "compare",
        epilog=epilog,
        help="first come first served, random serial dictatorship and the optimal "
        "objectives side by side",
    )
    reading_options(command)
    command.add_argument("--seed", type=int, default=0, help="seed of the random order")
    command.add_argument("-o", "--output", type=Path, help="workbook with the table and a chart")
    command.add_argument("--plot", type=Path, metavar="PNG", help="a PNG chart for reports")


def run(call: Invocation) -> int:
    args = call.options
    parsed = read(call, args.output, args.plot)  # refuses an output that is an input
    _refuse_other_kinds(args.output, args.plot)
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    out = Console(sys.stdout, call.language)
    problem = build_problem(parsed)
    if parsed.rooms:  # the simple mechanisms choose no rooms: all get the optimal plan
        problem = in_chosen_rooms(problem, parsed.rooms)
        out.stream.write(rooms_given(problem, out.lang) + "\n")
    table = compare(problem, seed=args.seed)
    out.stream.write(comparison_table(table, out.lang).to_string() + "\n")
    written = []
    with all_or_nothing():  # the workbook and the chart, or neither
        for target, write in ((args.output, comparison_workbook), (args.plot, comparison_png)):
            if target is not None:
                written.append(write(table, target, out.lang).resolve())
    for path in written:
        out.say("written_to", path=path)
    return 0


def _refuse_other_kinds(workbook: Path | None, chart: Path | None) -> None:
    """``-o`` writes a workbook and ``--plot`` a picture: a name of another kind (a
    workbook named ``.txt``) would be a file nothing opens."""
    for option, target, suffix in (("-o", workbook, ".xlsx"), ("--plot", chart, ".png")):
        if target is not None and target.suffix.lower() != suffix:
            kind = worded_error(f"kind_{suffix[1:]}")
            fields = {"name": target.name, "option": option, "kind": kind, "suffix": suffix}
            raise UsageError(worded_error("output_kind", **fields))
