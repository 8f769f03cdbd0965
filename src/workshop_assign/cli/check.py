"""``workshop-assign check EXPORT RESULT``: is a published result feasible and optimal?"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop_assign import verify
from workshop_assign.cli.invocation import Invocation
from workshop_assign.cli.types import Subcommands
from workshop_assign.text import as_language
from workshop_assign.write import result_metadata


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    checker = commands.add_parser(
        "check",
        epilog=epilog,
        help="is a result feasible, how far from the optimum, and does re-solving reproduce it",
    )
    checker.add_argument("export", type=Path, help="the registration export")
    checker.add_argument("result", type=Path, help="the result workbook to check (.xlsx)")
    checker.add_argument("--sheet", help="the sheet with the registrations")
    checker.add_argument("--key", help="the column that identifies attendees")
    checker.add_argument("--debug", action="store_true", help="show tracebacks")


def run(call: Invocation) -> int:
    args = call.options
    report = verify(args.export, args.result, sheet=args.sheet, key=args.key)
    lang = call.learn_language(as_language(result_metadata(args.result).get("lang")))
    sys.stdout.write("\n".join(report.lines(lang)) + "\n")
    return 0 if report.ok else 9
