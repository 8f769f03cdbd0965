"""Tell every attendee where to go: messages from a published result workbook.

``messages(result)`` reads the workbook back (its Assignments sheet, the hidden metadata
with the e-mail and name columns, the workshops with room and time) and fills a
template per attendee, in the workbook's language.  After an ``update`` only the people
whose place changed (new, moved) get one, unless everyone is asked for.

``write_drafts`` writes them as a mail-merge CSV and one ``.eml`` draft per person (any
mail client opens those), into a new folder, completely or not at all.  ``send`` hands
them to an SMTP server (STARTTLS when offered), at most ``rate`` per minute, and appends
each delivered message to a log as soon as the server accepted it, so that a second run
(after a server failed half way, say) sends only what is missing, never twice.
"""

from __future__ import annotations

import csv
import json
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from workshop_assign.errors import InputError, WorkshopAssignError
from workshop_assign.io.files import atomic_path
from workshop_assign.io.labels import label
from workshop_assign.io.metadata import published_workshops, read_sheet, result_metadata
from workshop_assign.io.notices import Notice, Template, fill, text

__all__ = ["DeliveryError", "Notice", "messages", "send", "write_drafts"]

PASSWORD_VARIABLE = "WORKSHOP_ASSIGN_SMTP_PASSWORD"


class DeliveryError(WorkshopAssignError):
    """The mail server stopped accepting messages; the log says which ones went out."""


def messages(
    result: Path, *, template: Path | None = None, everyone: bool = False
) -> tuple[list[Notice], list[Notice]]:
    """Per attendee to notify, the filled message; and, apart, the attendees it cannot
    go to (no address, or a cell that is not exactly one address: ``Notice.written``)."""
    meta = result_metadata(result)
    lang = meta["lang"] if meta["lang"] in ("de", "en") else "en"
    people = json.loads(meta.get("people", "{}"))
    email = people.get("email")
    table = read_sheet(result, label("Assignments", lang), header=0)
    if not email or email not in table.columns:
        raise InputError(
            f"{result}: the result has no e-mail column to write to; notify needs an export "
            "with the attendees' addresses"
        )
    found = fill(
        table,
        lang=lang,
        key=meta["key_column"],
        email=email,
        names=people.get("names") or [],
        workshops=published_workshops(result, meta),
        template=Template.read(template) if template else None,
        only=None if everyone or "update" not in meta else _changed(result, lang),
    )
    return [n for n in found if n.to], [n for n in found if not n.to]


def _changed(result: Path, lang: str) -> set[str]:
    """Attendees an update placed anew or moved (from its Changes sheet)."""
    changes = read_sheet(result, label("Changes", lang), header=0)
    kinds = {label("change_new", lang), label("change_moved", lang)}
    who, kind = label("move_attendee", lang), label("change", lang)
    return {text(r[who]) for r in changes.to_dict("records") if text(r[kind]) in kinds}


def _email(notice: Notice, sender: str | None) -> EmailMessage:
    mail = EmailMessage()
    if sender:
        mail["From"] = sender
    mail["To"] = notice.to
    mail["Subject"] = notice.subject
    mail.set_content(notice.body)
    return mail


def write_drafts(notices: list[Notice], folder: Path, *, sender: str | None, lang: str) -> Path:
    """A new folder with ``messages.csv`` (mail merge) and one ``.eml`` draft each;
    written to a temporary folder first, so it appears complete or not at all."""
    if folder.exists():
        raise InputError(f"{folder} exists already; choose another folder with --out")
    with atomic_path(folder) as temporary:
        temporary.mkdir()
        with (temporary / "messages.csv").open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";" if lang == "de" else ",")
            writer.writerow(["email", "name", "subject", "body"])
            for notice in notices:
                writer.writerow([notice.to, notice.name, notice.subject, notice.body])
        for number, notice in enumerate(notices, start=1):
            mail = _email(notice, sender)
            mail["X-Unsent"] = "1"  # Outlook opens it as a draft to send
            (temporary / f"{number:05d}.eml").write_bytes(bytes(mail))
    return folder


@dataclass(frozen=True, slots=True)
class Server:
    """Where and how to send: host, port, login (password never on the command line)."""

    host: str
    port: int
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0


def already_sent(log: Path) -> set[str]:
    """The digests of messages a log records as accepted by the server."""
    if not log.exists():
        return set()
    with log.open(encoding="utf-8", newline="") as handle:
        return {row[1] for row in csv.reader(handle) if len(row) >= 2}


def send(
    notices: list[Notice],
    server: Server,
    *,
    sender: str,
    log: Path,
    rate: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[int, int]:
    """Send what the log does not record yet; returns (sent now, skipped as sent before).

    Raises ``DeliveryError`` naming how many went out when the server fails; the log
    then holds exactly the messages it accepted.
    """
    done = already_sent(log)
    waiting = [n for n in notices if n.digest not in done]
    skipped = len(notices) - len(waiting)
    sent = 0
    try:
        with smtplib.SMTP(server.host, server.port, timeout=server.timeout) as smtp:
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if server.user:
                smtp.login(server.user, server.password or "")
            with log.open("a", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                for notice in waiting:
                    if sent:
                        sleep(60.0 / rate)
                    smtp.send_message(_email(notice, sender))
                    writer.writerow([notice.key, notice.digest, time.strftime("%Y-%m-%d %H:%M:%S")])
                    handle.flush()
                    sent += 1
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(
            f"the mail server stopped after {sent} of {len(waiting)} messages ({error}); "
            f"run the same command again to send the rest ({log} records what was sent)"
        ) from None
    return sent, skipped
