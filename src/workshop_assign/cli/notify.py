"""``workshop-assign notify``: drafts for every attendee, or, when asked, sending them.

Without ``--send`` nothing leaves the machine: the run writes the drafts (a mail-merge
CSV and one ``.eml`` per person) and says how many messages would go out.  With
``--send`` the password comes from the environment variable
``WORKSHOP_ASSIGN_SMTP_PASSWORD`` or a prompt, never from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from workshop_assign import (
    after,  # its names are read when a message is made: mail modules load only here
)
from workshop_assign.cli import types as cli_types
from workshop_assign.cli.console import Console
from workshop_assign.cli.invocation import Invocation
from workshop_assign.cli.types import Subcommands
from workshop_assign.core import excerpt
from workshop_assign.errors import UsageError
from workshop_assign.text import as_language, worded
from workshop_assign.write import SEND_LOG_SUFFIX, protect, result_metadata


def add(commands: Subcommands, epilog: str) -> None:
    """The subcommand and its options."""
    notify = commands.add_parser(
        "notify",
        epilog=epilog,
        help="a message for every attendee: drafts (.eml, mail-merge CSV), or sent by SMTP",
    )
    notify.add_argument("result", type=Path, help="the published result workbook (.xlsx)")
    notify.add_argument("--out", type=Path, help="a new folder for the drafts")
    notify.add_argument("--template", type=Path, help="subject and body with {placeholders}")
    notify.add_argument(
        "--all", action="store_true", help="after an update: everyone, not only who changed"
    )
    notify.add_argument("--send", action="store_true", help="send the messages by SMTP")
    notify.add_argument("--smtp", metavar="HOST:PORT", help="the mail server (with --send)")
    notify.add_argument("--user", help="login name at the mail server")
    notify.add_argument("--from", dest="sender", help="the sender's address")
    notify.add_argument(
        "--rate", type=cli_types.positive, default=30, help="messages per minute (default 30)"
    )
    notify.add_argument(
        "--retry-unsure",
        action="store_true",
        help="send again what an earlier run may have sent when its connection broke",
    )
    notify.add_argument("--log", type=Path, help="the send log (default: beside the result)")
    notify.add_argument("--debug", action="store_true", help="show tracebacks")


def run(call: Invocation) -> int:
    args = call.options
    log = args.log or args.result.with_suffix(SEND_LOG_SUFFIX)
    reads = [("the result", args.result), ("the template", args.template)]
    protect(reads, [log], log=log)  # the drafts go to a new folder only
    sender = server = None
    if args.send:  # every send option checked before anything is read or written
        server, sender = _server(args), after.sender_header(args.sender or "")[0]
    elif args.sender:
        after.sender_header(args.sender)
    # errors from here on in the result's language
    out = Console(
        sys.stdout, call.learn_language(as_language(result_metadata(args.result)["lang"]))
    )
    notices, unreachable = after.messages(args.result, template=args.template, everyone=args.all)
    _report_unreachable(out, unreachable)
    if server is not None:
        with after.Mailer(server) as mailer:  # reached before any draft is written
            done = after.send(
                notices,
                mailer,
                sender=args.sender,
                log=log,
                rate=args.rate,
                retry_unsure=args.retry_unsure,
            )
        for key, why in done.refused:
            out.say("refused", key=key, why=why)
        if done.unsure:
            out.say("unsure", n=len(done.unsure))
        out.say("sent", sent=done.sent, skipped=done.skipped, log=log.resolve())
    if args.out is not None or server is None:
        folder = args.out or args.result.with_name(f"{args.result.stem} notifications")
        after.write_drafts(notices, folder, sender=sender, lang=out.lang)
        out.say("drafts", n=len(notices), path=folder.resolve())
    if server is None:
        out.say("nothing_sent")
    return 0


def _report_unreachable(out: Console, unreachable: list[after.Notice]) -> None:
    """Who gets no message: without an address (counted), or with a cell that is not
    exactly one address (each named)."""
    without = [n for n in unreachable if not n.written]
    if without:
        out.say("no_address", n=len(without))
    for notice in unreachable:
        if notice.written:
            out.say("bad_address", key=notice.key, address=excerpt(notice.written))


def _server(args: argparse.Namespace) -> after.Server:
    if not args.smtp or not args.sender:
        raise UsageError(worded("send_needs"))
    host, _, port = args.smtp.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(worded("smtp_form", given=args.smtp))
    password = None
    if args.user:
        password = os.environ.get(after.PASSWORD_VARIABLE)
        if password is None:
            if not sys.stdin.isatty():
                raise UsageError(worded("no_password", variable=after.PASSWORD_VARIABLE))
            password = getpass.getpass(f"password for {args.user} at {host}: ")
    return after.Server(host, int(port), args.user, password)
