"""The command line's rule options, turned into ``Rules`` and workshop settings.

Kept apart from ``cli`` so that the parser stays readable: ``--max-per``, ``--min-per``,
``--minimum``, ``--must-run``, ``--shared``, ``--room``, ``--group-mode``,
``--split-penalty``,
``--time-limit``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace

from workshop_assign.cli.types import count, seconds
from workshop_assign.core import (
    CategoryMinimum,
    Room,
    Rules,
    SharedCapacity,
    Spread,
    features_of,
)
from workshop_assign.errors import InputError
from workshop_assign.read import ParsedExport, WorkshopMatcher
from workshop_assign.text import worded


def add_rule_options(command: argparse.ArgumentParser) -> None:
    """The rule options of ``solve``."""
    rules = command.add_argument_group("organizers' rules")
    rules.add_argument(
        "--max-per",
        action="append",
        default=[],
        metavar="COLUMN=N[%]",
        type=_spread,
        help="at most N people (or N %% of the seats) per workshop "
        "with the same value in COLUMN, e.g. Organisation=5",
    )
    rules.add_argument(
        "--min-per",
        action="append",
        default=[],
        metavar="COLUMN:VALUE=M",
        type=_category,
        help="at least M people with VALUE in COLUMN in every "
        "running workshop, e.g. Bereich:Verwaltung=2",
    )
    rules.add_argument(
        "--minimum",
        action="append",
        default=[],
        metavar="NAME=M",
        type=_minimum,
        help="the workshop runs only with at least M people",
    )
    rules.add_argument(
        "--must-run",
        action="append",
        default=[],
        metavar="NAME",
        help="the workshop may not be cancelled for being under its minimum",
    )
    rules.add_argument(
        "--shared",
        action="append",
        default=[],
        metavar="NAME=SEATS:WORKSHOP,WORKSHOP",
        type=_shared,
        help="at most SEATS people in these workshops together (a supervisor's projects, "
        "a split hall), e.g. 'Prof. Quist=3:P1,P2,P3'; separate names with ; if they "
        "hold commas.  A 'Shared seats' column of the Workshops sheet does the same",
    )
    rules.add_argument(
        "--room",
        action="append",
        default=[],
        metavar="NAME=SEATS[:FEATURE,...]",
        type=_room,
        help="a room the solve may give a workshop (repeat for each room); with rooms the "
        "rooms decide the seats, e.g. 'Saal=120:stufenlos,Beamer'.  A 'Räume' sheet does "
        "the same",
    )
    rules.add_argument(
        "--group-mode",
        choices=["hard", "soft"],
        default="hard",
        help="keep groups together always (hard) or at a cost per split (soft)",
    )
    rules.add_argument(
        "--split-penalty",
        type=count,
        default=10,
        help="cost of splitting a group in --group-mode soft (default 10)",
    )
    rules.add_argument(
        "--time-limit",
        type=seconds,
        default=60.0,
        help="seconds the solver may take for minimums and groups (default 60)",
    )


def rules_from(args: argparse.Namespace, parsed: ParsedExport) -> Rules:
    """The event-wide rules the options ask for, with the seats the workshop table
    says workshops share."""
    minimums: dict[str, dict[str, int]] = {}
    for column, value, people in args.min_per:
        minimums.setdefault(column, {})[value] = people
    return Rules(
        groups=args.group_mode,
        split_penalty=args.split_penalty,
        spread=tuple(args.max_per),
        category_minimums=tuple(CategoryMinimum(c, m) for c, m in minimums.items()),
        time_limit=args.time_limit,
        shared_capacities=shared_from(args, parsed),
    )


def shared_from(args: argparse.Namespace, parsed: ParsedExport) -> tuple[SharedCapacity, ...]:
    """The workshop table's shared seats and ``--shared`` (names matched loosely, as
    ``--minimum``'s); one given in both places is the command line's."""
    given = {pool.name: pool for pool in parsed.shared_capacities}
    if args.shared and parsed.workshops is not None:
        index = _workshop_index(parsed)
        names = [w.name for w in parsed.workshops]
        for name, seats, shops in args.shared:
            given[name] = SharedCapacity(name, [names[index(shop)] for shop in shops], seats)
    return tuple(given.values())


def apply_workshop_options(parsed: ParsedExport, args: argparse.Namespace) -> ParsedExport:
    """``--minimum`` and ``--must-run`` set on the workshops read (names matched loosely)."""
    if parsed.workshops is None or not (args.minimum or args.must_run):
        return parsed
    index = _workshop_index(parsed)
    shops = list(parsed.workshops)
    for name, minimum in args.minimum:
        shops[index(name)] = replace(shops[index(name)], minimum=minimum)
    for name in args.must_run:
        shops[index(name)] = replace(shops[index(name)], must_run=True)
    return replace(parsed, workshops=shops)


def _workshop_index(parsed: ParsedExport) -> Callable[[str], int]:
    """The index of a workshop named on the command line, matched loosely, or the one
    line that says which names come close."""
    assert parsed.workshops is not None
    matcher = WorkshopMatcher([w.name for w in parsed.workshops])

    def index(name: str) -> int:
        found = matcher.match(name)
        if found is None:
            close = ", ".join(repr(n) for n in matcher.suggestions(name)) or "none"
            raise InputError(worded("not_a_workshop", name=name, close=close))
        return found[0]

    return index


def _shared(text: str) -> tuple[str, int, list[str]]:
    name, equals, rest = text.partition("=")
    seats, colon, listed = rest.partition(":")
    separator = ";" if ";" in listed else ","
    shops = [s.strip() for s in listed.split(separator) if s.strip()]
    if not equals or not colon or not name.strip() or not seats.strip().isdigit() or not shops:
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=SEATS:WORKSHOP,WORKSHOP")
    return " ".join(name.split()), count(seats.strip()), shops


def _room(text: str) -> Room:
    name, equals, rest = text.partition("=")
    seats, _, features = rest.partition(":")
    if not equals or not name.strip() or not seats.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=SEATS or NAME=SEATS:FEATURE,...")
    return Room(name, count(seats.strip()), features=features_of(features))


def _spread(text: str) -> Spread:
    column, sep, amount = text.rpartition("=")
    amount = amount.strip()
    share = amount.endswith("%")
    number = amount.rstrip("%").strip()
    if not sep or not column.strip() or not number.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: write COLUMN=N or COLUMN=N%")
    if share:
        if int(number) > 100:
            raise argparse.ArgumentTypeError(f"{text!r}: a share is at most 100%")
        return Spread(column.strip(), max_share=int(number) / 100)
    return Spread(column.strip(), max_count=count(number))


def _category(text: str) -> tuple[str, str, int]:
    head, sep, amount = text.rpartition("=")
    column, colon, value = head.partition(":")
    if (
        not sep
        or not colon
        or not column.strip()
        or not value.strip()
        or not amount.strip().isdigit()
    ):
        raise argparse.ArgumentTypeError(f"{text!r}: write COLUMN:VALUE=M")
    return column.strip(), value.strip(), count(amount.strip())


def _minimum(text: str) -> tuple[str, int]:
    name, sep, amount = text.rpartition("=")
    if not sep or not name.strip() or not amount.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=M")
    return name.strip(), count(amount.strip())
