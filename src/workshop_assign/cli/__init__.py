"""The command line, a thin layer over the public API: one module per subcommand.

``workshop-assign solve|inspect|compare|update|check|notify|app``: each module (``solve.py``,
``inspect.py``, ...) adds its subcommand to the parser (``add``) and runs it (``run``);
``reading`` holds the options every command that reads an export shares, ``rules`` the
organizers' rule options, ``types`` the checked argument types, ``console`` what is
printed.  Every error the library raises on purpose becomes exactly one line on stderr
and an exit code of its own (see ``EXIT_CODES``); a traceback is shown only with
``--debug``.  A result file is written only when everything succeeded.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

import workshop_assign as wa
from workshop_assign.cli import app, check, compare, inspect, notify, solve, update
from workshop_assign.cli.console import Console, demand_table
from workshop_assign.cli.invocation import Invocation, given_options
from workshop_assign.errors import DeliveryError, UsageError
from workshop_assign.text import cli_hint, one_line

COMMANDS = {
    "solve": solve,
    "inspect": inspect,
    "compare": compare,
    "update": update,
    "check": check,
    "notify": notify,
    "app": app,
}

EXIT_CODES: dict[type[BaseException], int] = {  # the first class that matches counts
    UsageError: 2,
    wa.UnsupportedRulesError: 4,  # an unsupported combination: invalid options
    wa.SpreadsheetError: 3,
    wa.MissingCapacitiesError: 5,
    wa.InvalidProblemError: 4,
    wa.InputError: 4,
    wa.InfeasibleError: 6,
    wa.SolverError: 7,
    wa.OutputError: 8,
    DeliveryError: 10,
    OSError: 8,
}
INTERRUPTED = 130  # the shell's code for a program ended by Ctrl-C
EPILOG = """exit codes: 0 done; 2 wrong command line; 3 the file, sheet or a cell cannot be
read; 4 invalid data or options; 5 no seat counts for the workshops; 6 not everyone can be
placed (--require-all); 7 solver error; 8 the result cannot be written; 9 check: the result
breaks a rule or a re-solve differs; 10 notify: the mail server cannot be reached or stopped
(run again to continue); 130 interrupted; 1 internal error."""


def entry() -> NoReturn:
    """The ``workshop-assign`` command (and ``python -m workshop_assign``): ``main``, then
    end the process at once.

    When ``main`` returns, everything the command wrote is closed, each file, log and
    temporary folder in its own ``with``; what would remain is the interpreter taking
    pandas, numpy and OR-Tools apart object by object, a tenth of a second of every run
    for nothing.  So the streams are flushed and the process ends without that."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone, a stream closed
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    _stop_signals_interrupt()
    given = given_options(parser, sys.argv[1:] if argv is None else argv)
    call = Invocation(args, given)
    try:
        code: int = COMMANDS[args.command].run(call)
        return code
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
            demand = demand_table(error.demand, Console(sys.stdout, call.language))
            print(demand.to_string(), file=sys.stdout)
        said = one_line(error, call.language) + cli_hint(error, call.language)
        print(f"workshop-assign: error: {said}", file=sys.stderr)
        return next(code for kind, code in EXIT_CODES.items() if isinstance(error, kind))
    except Exception as error:
        if args.debug:
            raise
        print(
            f"workshop-assign: internal error ({type(error).__name__}: {one_line(error)}); "
            "please report it, run with --debug for details",
            file=sys.stderr,
        )
        return 1


def _stop_signals_interrupt() -> None:
    """SIGTERM and SIGHUP (a closed terminal, a service manager) stop a run the way
    Ctrl-C does, so that the same clean-up runs: no partial result, no drafts, no
    uploads left in a temporary folder."""

    def interrupt(number: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(number).name)

    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupt)


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
    for module in COMMANDS.values():
        module.add(commands, EPILOG)
    for command in commands.choices.values():
        command.add_argument(
            "--lang",
            choices=["de", "en"],
            help="language of what is written and printed (default: that of the export "
            "or the result)",
        )
    return parser


if __name__ == "__main__":
    entry()
