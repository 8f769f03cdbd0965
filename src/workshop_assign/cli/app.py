"""``workshop-assign app [EXPORT]``: the local web page (see ``workshop_assign.app``)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from workshop_assign.cli import types as cli_types
from workshop_assign.cli.invocation import Invocation
from workshop_assign.cli.types import Subcommands
from workshop_assign.errors import InputError


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    app = commands.add_parser(
        "app",
        epilog=epilog,
        help="a local web page (127.0.0.1 only) to read, assign and download in a browser",
    )
    app.add_argument("export", type=Path, nargs="?", help="an export to open the page with")
    app.add_argument("--port", type=cli_types.count, default=0, help="the port (0: any free)")
    app.add_argument("--no-browser", action="store_true", help="print the address only")
    app.add_argument(
        "--upload-limit",
        type=cli_types.count,
        default=50,
        metavar="MB",
        help="largest upload in MB (default 50)",
    )
    app.add_argument("--debug", action="store_true", help="show tracebacks")


def run(call: Invocation) -> int:
    args = call.options
    if args.export is not None and not args.export.is_file():
        raise InputError(f"{args.export}: no such file; give the export to open, or none")
    try:
        page = importlib.import_module("workshop_assign.app")
    except ImportError:
        raise InputError("the page needs its extra: pip install 'workshop-assign[app]'") from None
    page.serve(
        port=args.port,
        export=args.export,
        lang=args.lang,
        browser=not args.no_browser,
        out=sys.stdout,
        upload_limit=args.upload_limit * 2**20,
    )
    return 0
