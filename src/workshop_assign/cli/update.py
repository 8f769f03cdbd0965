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
from collections.abc import Sequence
from pathlib import Path

import workshop_assign as wa
from workshop_assign.cli import types as cli_types
from workshop_assign.cli.console import Progress, print_summary
from workshop_assign.cli.reading import read, reading_options, reads
from workshop_assign.cli.rules import add_rule_options, apply_workshop_options, rules_from
from workshop_assign.cli.solve import add_waitlist_option, waitlists_for
from workshop_assign.cli.types import Subcommands
from workshop_assign.io.files import protect
from workshop_assign.io.metadata import published_options, published_workshops, result_metadata
from workshop_assign.io.previous import previous_places
from workshop_assign.io.writers import write_result
from workshop_assign.options import Objective, SolveOptions, SolveSettings
from workshop_assign.read.reader import build_problem, missing_capacities
from workshop_assign.rules import GroupMode, Rules
from workshop_assign.updating import SLOT_UPDATE, update

RULE_OPTIONS = {"max_per", "min_per", "group_mode", "split_penalty", "time_limit"}


def given_options(parser: argparse.ArgumentParser, argv: Sequence[str]) -> set[str]:
    """The destinations of the options written on the command line (not defaults).

    argparse cannot tell a default from a value given; its actions (a private but long
    stable attribute, used for want of a public one) map each option string to its dest.
    """
    actions: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                actions |= {o: a.dest for a in sub._actions for o in a.option_strings}
    return {actions[t.split("=")[0]] for t in argv if t.split("=")[0] in actions}


def continued_settings(
    published: SolveOptions, args: argparse.Namespace, given: set[str]
) -> tuple[SolveSettings, list[str]]:
    """The settings for the update, and in words what was taken from the published run."""
    reused: list[str] = []
    objective = Objective(args.objective) if "objective" in given else published.objective
    if "objective" not in given:
        reused.append(f"objective {objective.value}")
    rank_costs = published.rank_costs if objective is published.objective else None
    if rank_costs is not None:
        reused.append("rank costs " + ",".join(map(str, rank_costs)))
    rules = rules_from(args) if given & RULE_OPTIONS else published.rules
    if not given & RULE_OPTIONS and rules != Rules():
        reused.append("rules: " + describe_rules(rules))
    if published.seed is not None:
        reused.append(f"seed {published.seed}")
    if published.require_all:
        reused.append("require all")
    for dropped, said in (
        (published.unassigned_cost is not None, "not its unassigned cost"),
        (published.fill_unranked, "not fill-unranked"),
    ):
        if dropped:
            reused.append(f"{said} (an update places as many people as it can)")
    settings: SolveSettings = published.settings()
    settings["objective"] = objective
    settings["rank_costs"] = rank_costs
    settings["rules"] = rules
    settings["unassigned_cost"] = None  # an update places as many people as it can
    settings["fill_unranked"] = False
    return settings, reused


def describe_rules(rules: Rules) -> str:
    """The event-wide rules in a few words, for the console."""
    parts = [
        f"at most {s.max_count if s.max_count is not None else f'{s.max_share:.0%}'} per "
        f"{s.attribute}"
        for s in rules.spread
    ]
    parts += [
        f"at least {m} with {c.attribute} {v}"
        for c in rules.category_minimums
        for v, m in c.minimums.items()
    ]
    if rules.groups is GroupMode.SOFT:
        parts.append(f"groups kept together at a cost of {rules.split_penalty} per split")
    if rules.time_limit != Rules().time_limit:
        parts.append(f"time limit {rules.time_limit:g} s")
    return "; ".join(parts) or "as published"


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


def run(args: argparse.Namespace) -> int:
    """Continue from a published result: its options, rules and seats unless overridden."""
    protect(reads(args), [args.output])
    meta = result_metadata(args.previous)
    if any(w.slot for w in published_workshops(args.previous, meta)):
        raise wa.UnsupportedRulesError(SLOT_UPDATE)
    published = published_options(args.previous, meta)
    parsed = read(args, args.output)
    if parsed.workshops is None and not (args.capacity or args.workshops):
        args.workshops_from_result = published_workshops(args.previous, meta)
        parsed = read(args, args.output)  # matched against the published workshops
    previous = previous_places(args.previous)
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    parsed = apply_workshop_options(parsed, args)
    settings, reused = continued_settings(published, args, args.given)
    if getattr(args, "workshops_from_result", None) is not None:
        reused.append("its seats per workshop")
    done = update(
        build_problem(parsed),
        previous,
        forbid_moves=args.forbid_moves,
        move_cost=args.move_cost,
        **settings,
    )
    if reused:
        sys.stdout.write(f"reused from {args.previous.name}: {'; '.join(reused)}\n")
    lang = args.lang or parsed.language
    waitlists = waitlists_for(done.result, args.waitlist, Progress(sys.stderr))
    written = write_result(
        done.result,
        args.output,
        lang=lang,
        changes=done.changes(),
        update=done.record(),
        waitlists=waitlists,
    )
    sys.stdout.write(
        f"{len(done.newcomers)} new, {len(done.gone)} no longer registered "
        f"(seats freed), {len(done.moves)} moved\n"
    )
    for row in done.moves.head(20).itertuples(index=False):
        sys.stdout.write(f"  {row.attendee}: {row._1} -> {row.to} ({row.why})\n")
    print_summary(done.result, written, sys.stdout)
    return 0
