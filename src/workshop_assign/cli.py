"""The command line: ``workshop-assign solve|inspect EXPORT``, a thin layer over the API.

Every error the library raises on purpose becomes exactly one line on stderr and an exit
code of its own (see ``EXIT_CODES``); a traceback is shown only with ``--debug``.  The
result file is written only when everything succeeded.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

import pandas as pd

import workshop_assign as wa
from workshop_assign import cli_types
from workshop_assign.cli_notify import add_notify, run_notify
from workshop_assign.cli_rules import add_rule_options, apply_workshop_options, rules_from
from workshop_assign.cli_update import continued_settings, given_options
from workshop_assign.compare import compare
from workshop_assign.compare_report import comparison_png, comparison_workbook
from workshop_assign.io.files import protect
from workshop_assign.io.labels import label
from workshop_assign.io.metadata import published_options, published_workshops, result_metadata
from workshop_assign.io.previous import previous_places
from workshop_assign.io.writers import write_result
from workshop_assign.messages import message
from workshop_assign.notify import DeliveryError
from workshop_assign.read.names import WorkshopMatcher
from workshop_assign.read.reader import (
    ParsedExport,
    build_problem,
    missing_capacities,
    parse_export,
)
from workshop_assign.read.text import fold
from workshop_assign.read.workshops import WorkshopSpec
from workshop_assign.updating import SLOT_UPDATE, update
from workshop_assign.verify import verify

EXIT_CODES: dict[type[BaseException], int] = {
    wa.SpreadsheetError: 3,
    wa.MissingCapacitiesError: 5,
    wa.InvalidProblemError: 4,
    wa.InputError: 4,
    wa.InfeasibleError: 6,
    wa.UnsupportedRulesError: 7,
    wa.SolverError: 7,
    wa.OutputError: 8,
    DeliveryError: 10,
    OSError: 8,
}
INTERRUPTED = 130  # the shell's code for a program ended by Ctrl-C
EPILOG = """exit codes: 0 done; 2 wrong command line; 3 the file, sheet or a cell cannot be
read; 4 invalid data or options; 5 no seat counts for the workshops; 6 not everyone can be
placed (--require-all); 7 solver error; 8 the result cannot be written; 9 check: the result
breaks a rule or a re-solve differs; 10 notify: the mail server stopped; 1 internal error."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    args.given = given_options(parser, sys.argv[1:] if argv is None else argv)
    progress = _Progress(sys.stderr)
    try:
        commands = {
            "inspect": _inspect,
            "compare": _compare,
            "check": _check,
            "update": _update,
            "notify": run_notify,
        }
        if args.command in commands:
            return commands[args.command](args)
        return _solve(args, progress)
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("workshop-assign: interrupted; no result was written", file=sys.stderr)
        return INTERRUPTED
    except tuple(EXIT_CODES) as error:
        if args.debug:
            raise
        if isinstance(error, wa.MissingCapacitiesError):
            print(error.demand.to_string(), file=sys.stdout)
        print(f"workshop-assign: error: {_one_line(error)}", file=sys.stderr)
        return next(code for kind, code in EXIT_CODES.items() if isinstance(error, kind))
    except Exception as error:
        if args.debug:
            raise
        print(
            f"workshop-assign: internal error ({type(error).__name__}: {_one_line(error)}); "
            "please report it, run with --debug for details",
            file=sys.stderr,
        )
        return 1


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong command line is one line too (what is wrong, where to look)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workshop-assign",
        epilog=EPILOG,
        description="Assign attendees to parallel workshops from their ranked wishes, optimally.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {wa.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    solve = commands.add_parser(
        "solve", help="assign attendees and write the result", epilog=EPILOG
    )
    inspect = commands.add_parser(
        "inspect", help="show how the export is read, without solving", epilog=EPILOG
    )
    compare = commands.add_parser(
        "compare",
        epilog=EPILOG,
        help="first come first served, random serial dictatorship and the optimal "
        "objectives side by side",
    )
    updater = commands.add_parser(
        "update",
        epilog=EPILOG,
        help="update a published result for a new export, moving as few people as possible",
    )
    updater.add_argument("previous", type=Path, help="the published result workbook (.xlsx)")
    _reading_options(updater)
    updater.add_argument("-o", "--output", type=Path, required=True, help="the new result file")
    updater.add_argument("--objective", default="rank-sum", choices=[o.value for o in wa.Objective])
    updater.add_argument(
        "--forbid-moves", action="store_true", help="keep everyone who had a place exactly there"
    )
    updater.add_argument(
        "--move-cost",
        type=cli_types.count,
        help="cost of one move against rank costs (default: moves come first)",
    )
    updater.add_argument("--lang", choices=["de", "en"], help="language of the result")
    add_rule_options(updater)
    add_notify(commands, EPILOG)
    checker = commands.add_parser(
        "check",
        epilog=EPILOG,
        help="is a result feasible, how far from the optimum, and does re-solving reproduce it",
    )
    for command in (solve, inspect, compare):
        _reading_options(command)
    checker.add_argument("export", type=Path, help="the registration export")
    checker.add_argument("result", type=Path, help="the result workbook to check (.xlsx)")
    checker.add_argument("--sheet", help="the sheet with the registrations")
    checker.add_argument("--key", help="the column that identifies attendees")
    checker.add_argument("--debug", action="store_true", help="show tracebacks")
    compare.add_argument("--seed", type=int, default=0, help="seed of the random order")
    compare.add_argument("-o", "--output", type=Path, help="workbook with the table and a chart")
    compare.add_argument("--plot", type=Path, metavar="PNG", help="a PNG chart for reports")
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
    solve.add_argument(
        "--lang", choices=["de", "en"], help="language of the result (default: that of the export)"
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
    add_rule_options(solve)
    return parser


def _reading_options(command: argparse.ArgumentParser) -> None:
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


def _read(args: argparse.Namespace, *writes: Path | None) -> ParsedExport:
    """Read the export as the options say, after making sure no output is an input."""
    protect(_reads(args), writes)
    if args.capacity and args.workshops:
        raise wa.InputError("give the seats either with --workshops or with --capacity, not both")
    shops: WorkshopSpec | None = (
        _capacities(args.capacity)
        if args.capacity
        else args.workshops or getattr(args, "workshops_from_result", None)
    )
    if args.capacity:
        _check_capacity_names(_parse(args, None).names, _capacities(args.capacity))
    parsed = _parse(args, shops)
    if args.command != "inspect":
        _say_not_counted(parsed, sys.stderr)
    return parsed


def _parse(args: argparse.Namespace, shops: WorkshopSpec | None) -> ParsedExport:
    return parse_export(
        args.export,
        workshops=shops,
        sheet=args.sheet,
        header_row=args.header_row,
        key=args.key,
        wish_columns=args.wish_columns,
        encoding=args.encoding,
        delimiter=args.delimiter,
        keep_rows=args.keep_row,
    )


def _check_capacity_names(found: list[str], given: dict[str, int]) -> None:
    """Each ``--capacity`` name must be a workshop the export names (up to spacing, case
    and spelling), and each workshop the export names needs its seats: a typo in an
    option is the option's error, not the export's."""
    in_export = WorkshopMatcher(found)
    for name in given:
        if in_export.match(name, quick=True) is None:
            close = ", ".join(repr(n) for n in in_export.suggestions(name)) or "none"
            raise wa.InputError(
                f"--capacity {name!r} names no workshop of the export; closest: {close}"
            )
    options = WorkshopMatcher(list(given))
    missing = [n for n in found if options.match(n, quick=True) is None]
    if missing:
        raise wa.InputError(
            f"--capacity gives no seats for {missing[0]!r}, which the export names; add "
            f"--capacity '{missing[0]}=SEATS'"
        )


def _reads(args: argparse.Namespace) -> list[tuple[str, Path | None]]:
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
            raise wa.InputError(
                f"--capacity names {name!r} twice (also as {seen[fold(name)]!r}); give each "
                "workshop's seats once"
            )
        seen[fold(name)] = name
    return dict(given)


DUPLICATE_WARNING = 0.05  # share of data rows taken as repeat registrations worth a warning


def _say_not_counted(parsed: ParsedExport, err: TextIO) -> None:
    """One stderr line per reason rows were not counted; a warning when many rows were
    taken as the same people, naming the key column and how to choose another."""
    for reason, count in parsed.not_counted().items():
        err.write(f"workshop-assign: {count:,} row(s) not counted: {label(reason, 'en')}\n")
    again = parsed.not_counted().get("superseded", 0)
    rows = len(parsed.keys) + len(parsed.dropped)
    if rows and again > DUPLICATE_WARNING * rows:
        err.write(
            f"workshop-assign: warning: {again:,} of {rows:,} data rows ({again / rows:.0%}) "
            f"were taken as repeat registrations of the same person by column "
            f"{parsed.people.key!r}; if that column does not identify people, choose "
            "another with --key\n"
        )


def _solve(args: argparse.Namespace, progress: _Progress) -> int:
    progress.step(f"reading {args.export.name}")
    parsed = _read(args, args.output)
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    parsed = apply_workshop_options(parsed, args)
    problem = build_problem(parsed)
    progress.step(f"solving for {len(problem.keys):,} attendees")
    result = wa.solve(
        problem,
        objective=args.objective,
        rank_costs=args.rank_costs,
        unassigned_cost=args.unassigned_cost,
        require_all=args.require_all,
        fill_unranked=args.fill_unranked,
        seed=args.seed,
        rules=rules_from(args),
        per_attendee=args.per_attendee,
    )
    lang = args.lang or parsed.language
    target = args.output or _default_output(args.export, lang)
    protect(_reads(args), [target])
    what_if = _what_if(result, args.what_if, progress)
    progress.step(f"writing {target.name}")
    written = write_result(result, target, lang=lang, what_if=what_if)
    progress.done()
    _print_summary(result, written, sys.stdout)
    return 0


def _what_if(
    result: wa.Result, seats: int | None, progress: _Progress
) -> tuple[int, pd.DataFrame] | None:
    """The what-if table for the Summary: by default for flow results only (cheap)."""
    if seats is None:
        seats = 5 if result.backend is wa.Backend.FLOW else 0
    if seats <= 0:
        return None
    progress.step(f"what if each workshop had {seats} more seats")
    return seats, wa.what_if(result, seats)


def _default_output(export: Path, lang: str) -> Path:
    return export.with_name(f"{export.stem}_{'zuteilung' if lang == 'de' else 'assignment'}.xlsx")


def _print_summary(result: wa.Result, written: Path, out: TextIO) -> None:
    proof = (
        "proven optimal"
        if result.proven_optimal
        else f"best found within the time limit, {result.gap:g} from the best bound"
    )
    people = len(result.problem.keys)
    timetable = (
        f", {len(result.slots)} slots, up to {result.per_attendee} workshops each"
        if result.has_slots
        else ""
    )
    out.write(f"{people:,} attendees{timetable}, objective {result.objective.value} ({proof})\n")
    ranks = ", ".join(f"choice {r}: {n:,}" for r, n in result.rank_counts.items())
    extra = f", free seat not ranked: {result.n_unranked:,}" if result.n_unranked else ""
    short = (
        f"places short: {result.places_short:,}"
        if result.has_slots
        else f"unassigned: {result.n_unassigned:,}"
    )
    out.write(f"  {ranks}{extra}, {short}\n")
    for name, row in result.statistics().iterrows():
        out.write(f"  {name}: {int(row['assigned'])}/{int(row['capacity'])} seats\n")
    source = result.problem.source
    if source is not None and source.notes:
        out.write(f"  {len(source.notes)} notes about the input (see the Notes sheet)\n")
    out.write(f"result written to {written.resolve()}\n")


def _update(args: argparse.Namespace) -> int:
    """Continue from a published result: its options, rules and seats unless overridden."""
    protect(_reads(args), [args.output])
    meta = result_metadata(args.previous)
    if any(w.slot for w in published_workshops(args.previous, meta)):
        raise wa.UnsupportedRulesError(SLOT_UPDATE)
    published = published_options(args.previous, meta)
    parsed = _read(args, args.output)
    if parsed.workshops is None and not (args.capacity or args.workshops):
        args.workshops_from_result = published_workshops(args.previous, meta)
        parsed = _read(args, args.output)  # matched against the published workshops
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
    written = write_result(
        done.result, args.output, lang=lang, changes=done.changes(), update=done.record()
    )
    sys.stdout.write(
        f"{len(done.newcomers)} new, {len(done.gone)} no longer registered "
        f"(seats freed), {len(done.moves)} moved\n"
    )
    for row in done.moves.head(20).itertuples(index=False):
        sys.stdout.write(f"  {row.attendee}: {row._1} -> {row.to} ({row.why})\n")
    _print_summary(done.result, written, sys.stdout)
    return 0


def _check(args: argparse.Namespace) -> int:
    report = verify(args.export, args.result, sheet=args.sheet, key=args.key)
    sys.stdout.write("\n".join(report.lines()) + "\n")
    return 0 if report.ok else 9


def _compare(args: argparse.Namespace) -> int:
    parsed = _read(args, args.output, args.plot)
    if parsed.workshops is None:
        raise missing_capacities(parsed)
    table = compare(build_problem(parsed), seed=args.seed)
    sys.stdout.write(table.to_string() + "\n")
    for target, write in ((args.output, comparison_workbook), (args.plot, comparison_png)):
        if target is not None:
            sys.stdout.write(f"written to {write(table, target).resolve()}\n")
    return 0


def _inspect(args: argparse.Namespace) -> int:
    parsed = _read(args)
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


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class _Progress:
    """Step messages with timings on stderr, only when a person is watching."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.started = time.perf_counter()

    def step(self, text: str) -> None:
        if self.active:
            self.stream.write(f"[{time.perf_counter() - self.started:5.1f}s] {text} ...\n")
            self.stream.flush()

    def done(self) -> None:
        self.step("done")


if __name__ == "__main__":
    sys.exit(main())
