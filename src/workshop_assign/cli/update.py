"""``workshop-assign update`` continues from a published result the way it was made.

The published workbook records the objective, rank costs, seed and rules of the run that
made it; an update uses them unless the command line says otherwise (an option given
overrides its part), and says what it reused.  Its seats are used when the new export
brings none.  What ``update`` cannot honour (an unassigned cost, filling unranked seats:
it places as many people as it can) is said, not silently dropped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Set as AbstractSet
from dataclasses import replace
from pathlib import Path

from workshop_assign import update
from workshop_assign.after import continued, read_published
from workshop_assign.cli import types as cli_types
from workshop_assign.cli.console import Console, Progress, print_summary
from workshop_assign.cli.invocation import Invocation
from workshop_assign.cli.reading import read, reading_options, reads
from workshop_assign.cli.rules import add_rule_options, apply_workshop_options, rules_from
from workshop_assign.cli.solve import add_waitlist_option, waitlists_for
from workshop_assign.cli.types import Subcommands
from workshop_assign.core import Objective, SolveSettings
from workshop_assign.read import ParsedExport, build_problem, missing_capacities
from workshop_assign.write import protect, reused_lines, write_result

RULE_OPTIONS = {"max_per", "min_per", "shared", "group_mode", "split_penalty", "time_limit"}


def overrides(
    args: argparse.Namespace, given: AbstractSet[str], parsed: ParsedExport
) -> SolveSettings:
    """The settings written on the command line, which override the published ones."""
    found: SolveSettings = {}
    if "objective" in given:
        found["objective"] = Objective(args.objective)
    if given & RULE_OPTIONS:
        found["rules"] = rules_from(args, parsed)
    return found


def with_shared_seats(settings: SolveSettings, parsed: ParsedExport) -> SolveSettings:
    """The new export's own shared seats, when its workshop table has them, replace the
    published ones (as its seats do)."""
    rules = settings.get("rules")
    if rules is None or not parsed.shared_capacities or parsed.workshops_from == "default":
        return settings
    return settings | {"rules": replace(rules, shared_capacities=parsed.shared_capacities)}


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    updater = commands.add_parser(
        "update",
        epilog=epilog,
        help="update a published result for a new export, moving as few people as possible",
    )
    updater.add_argument("previous", type=Path, help="the published result workbook (.xlsx)")
    reading_options(updater)
    updater.add_argument("-o", "--output", type=Path, required=True, help="the new result file")
    updater.add_argument("--objective", default="rank-sum", choices=[o.value for o in Objective])
    updater.add_argument(
        "--forbid-moves", action="store_true", help="keep everyone who had a place exactly there"
    )
    updater.add_argument(
        "--move-cost",
        type=cli_types.count,
        help="cost of one move against rank costs (default: moves come first)",
    )
    add_waitlist_option(updater)
    add_rule_options(updater)


def run(call: Invocation) -> int:
    """Continue from a published result: its options, rules and seats unless overridden."""
    args = call.options
    protect(reads(args), [args.output])
    published = read_published(args.previous)
    parsed = read(call, args.output, default_workshops=published.workshops)
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    parsed = apply_workshop_options(parsed, args)
    settings, reused = continued(published.options, overrides(args, call.given, parsed))
    settings = with_shared_seats(settings, parsed)
    if parsed.workshops_from == "default":
        reused.append(("reuse_seats", ""))
    done = update(
        build_problem(parsed),
        published.places,
        forbid_moves=args.forbid_moves,
        move_cost=args.move_cost,
        **settings,
    )
    lang = call.language
    out = Console(sys.stdout, lang)
    if reused:
        what = "; ".join(reused_lines(reused, lang))
        out.say("reused", name=args.previous.name, what=what)
    waitlists = waitlists_for(done.result, args.waitlist, Progress(sys.stderr, lang))
    changes = done.changes(lang)  # for the Changes sheet and the console's counts
    written = write_result(
        done.result,
        args.output,
        lang=lang,
        changes=changes,
        update=done.record(),
        waitlists=waitlists,
        reused=reused_lines(reused, lang),
        roster_columns=args.roster_columns,
    )
    kinds = changes["change"][changes["attendee"].notna()].value_counts()
    counts = {kind: int(kinds.get(kind, 0)) for kind in ("new", "placed", "moved", "gone")}
    out.say("update", **counts, unplaced=int(kinds.get("unplaced", 0)))
    for row in done.moves_in(lang).head(20).itertuples(index=False):
        out.stream.write(f"  {row.attendee}: {row._1} -> {row.to} ({row.why})\n")
    print_summary(done.result, written, out)
    return 0
