"""``workshop-assign solve EXPORT``: read, solve, write one result file."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

import workshop_assign as wa
from workshop_assign.after import SLOT_WAITLIST, WAITLIST, default_waitlist
from workshop_assign.cli import types as cli_types
from workshop_assign.cli.console import Console, Progress, print_summary, system_language
from workshop_assign.cli.invocation import Invocation
from workshop_assign.cli.reading import read, reading_options, reads
from workshop_assign.cli.rules import (
    add_rule_options,
    apply_workshop_options,
    rules_from,
)
from workshop_assign.cli.types import Subcommands
from workshop_assign.core import LARGEST
from workshop_assign.read import build_problem, missing_capacities
from workshop_assign.text import Language
from workshop_assign.write import protect, write_result


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    solve = commands.add_parser(
        "solve", help="assign attendees and write the result", epilog=epilog
    )
    reading_options(solve)
    solve.add_argument(
        "-o",
        "--output",
        type=Path,
        help="result file (.xlsx, .csv or .json); default: next to the export",
    )
    solve.add_argument("--objective", default="rank-sum", choices=[o.value for o in wa.Objective])
    solve.add_argument(
        "--rank-costs", type=cli_types.costs, help="cost per rank for rank-sum, e.g. 0,1,3"
    )
    solve.add_argument(
        "--unassigned-cost", type=cli_types.count, help="cost of leaving someone out (rank-sum)"
    )
    solve.add_argument(
        "--require-all", action="store_true", help="fail, saying why, instead of leaving anyone out"
    )
    solve.add_argument(
        "--fill-unranked",
        action="store_true",
        help="seat people who could not be placed in free seats of other workshops",
    )
    solve.add_argument("--seed", type=int, help="break ties by a seeded shuffle, not row order")
    solve.add_argument(
        "--what-if",
        type=cli_types.count,
        metavar="SEATS",
        help="show in the Summary what SEATS more seats per workshop would change "
        "(default 5; 0: off; with rules that need the MIP only when given)",
    )
    solve.add_argument(
        "--per-attendee",
        type=cli_types.count,
        metavar="K",
        help="with workshops in time slots: workshops per attendee (default: one per slot)",
    )
    add_waitlist_option(solve)
    add_rule_options(solve)


def add_waitlist_option(command: argparse.ArgumentParser) -> None:
    """``--waitlist N`` and ``--roster-columns``, shared with ``update``."""
    command.add_argument(
        "--roster-columns",
        type=lambda text: tuple(part.strip() for part in text.split(",") if part.strip()),
        default=(),
        metavar="email,rank",
        help="also print e-mail and/or the wish received on the rosters (name and "
        "organisation always; left off by default: the lists hang on doors)",
    )
    command.add_argument(
        "--waitlist",
        type=cli_types.count,
        metavar="N",
        help="a Waitlist sheet: for each full workshop the next N people who would get a "
        f"freed seat, with the moves it triggers (default {WAITLIST} where its re-solves are "
        "cheap; 0: off)",
    )


def waitlists_for(result: wa.Result, n: int | None, progress: Progress) -> pd.DataFrame | None:
    """The Waitlist sheet's table: by default only where its re-solves are cheap (one
    update per freed seat and full workshop); time slots have none (no update yet)."""
    if n is None:
        n = default_waitlist(result)
    if n <= 0:
        return None
    if result.has_slots:
        raise wa.UnsupportedRulesError(SLOT_WAITLIST + "; leave out --waitlist")
    progress.step("waitlists", n=n)
    return wa.waitlists(result, n)


ROOM_WORTH = 2_000  # attendees up to which each room's worth is worked out (a solve a swap)


def run(call: Invocation) -> int:
    args = call.options
    progress = Progress(sys.stderr, args.lang or system_language())
    progress.step("reading", name=args.export.name)
    parsed = read(call, args.output)
    lang = progress.lang = call.language
    rooms = parsed.rooms  # the Räume sheet's and --room (read with the export)
    if parsed.workshops is None and rooms:  # rooms instead of seats: the rooms decide
        parsed = replace(parsed, workshops=[wa.Workshop(n, LARGEST) for n in parsed.names])
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    parsed = apply_workshop_options(parsed, args)
    problem = build_problem(parsed)
    progress.step("solving", n=len(problem.keys))
    result = wa.solve(
        problem,
        objective=args.objective,
        rank_costs=args.rank_costs,
        unassigned_cost=args.unassigned_cost,
        require_all=args.require_all,
        fill_unranked=args.fill_unranked,
        seed=args.seed,
        rules=rules_from(args, parsed),
        per_attendee=args.per_attendee,
        rooms=rooms or None,
    )
    target = args.output or _default_output(args.export, lang)
    protect(reads(args), [target])
    what_if = _what_if(result, args.what_if, progress)
    waitlists = waitlists_for(result, args.waitlist, progress)
    worth = wa.room_worth(result) if result.rooms and len(problem.keys) <= ROOM_WORTH else None
    progress.step("writing", name=target.name)
    written = write_result(
        result,
        target,
        lang=lang,
        what_if=what_if,
        waitlists=waitlists,
        roster_columns=args.roster_columns,
        room_worth=worth,
    )
    progress.done()
    print_summary(result, written, Console(sys.stdout, lang))
    return 0


def _what_if(
    result: wa.Result, seats: int | None, progress: Progress
) -> tuple[int, pd.DataFrame] | None:
    """The what-if table for the Summary: by default for flow results only (cheap)."""
    if seats is None:
        seats = 5 if result.backend is wa.Backend.FLOW else 0
    if seats <= 0:
        return None
    progress.step("what_if", n=seats)
    return seats, wa.what_if(result, seats)


def _default_output(export: Path, lang: Language) -> Path:
    return export.with_name(f"{export.stem}_{'zuteilung' if lang == 'de' else 'assignment'}.xlsx")
