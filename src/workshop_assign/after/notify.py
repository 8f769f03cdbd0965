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

import contextlib
import csv
import fcntl
import io
import json
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import IO

from workshop_assign.after.previous import checked_places
from workshop_assign.core.provenance import excerpt
from workshop_assign.errors import DeliveryError, InputError, OutputError, UsageError
from workshop_assign.text import Language, as_language, label, worded
from workshop_assign.write.files import SEND_LOG_HEADER, atomic_path, never_formula
from workshop_assign.write.mailbox import mailbox, one_line
from workshop_assign.write.metadata import published_workshops, read_sheet, result_metadata
from workshop_assign.write.notices import NOTIFIED, Notice, Template, fill, text

__all__ = [
    "Delivery",
    "DeliveryError",
    "Mailer",
    "Notice",
    "SendLog",
    "Server",
    "messages",
    "send",
    "write_drafts",
]

PASSWORD_VARIABLE = "WORKSHOP_ASSIGN_SMTP_PASSWORD"


def messages(
    result: Path, *, template: Path | None = None, everyone: bool = False
) -> tuple[list[Notice], list[Notice]]:
    """Per attendee to notify, the filled message; and, apart, the attendees it cannot
    go to (no address, or a cell that is not exactly one address: ``Notice.written``)."""
    meta = result_metadata(result)
    lang = as_language(meta["lang"])
    people = json.loads(meta.get("people", "{}"))
    email = people.get("email")
    table = read_sheet(result, label("Assignments", lang), header=0)
    if not email or email not in table.columns:
        raise InputError(
            f"{result}: the result has no e-mail column to write to; notify needs an export "
            "with the attendees' addresses"
        )
    workshops = published_workshops(result, meta)
    checked_places(result, meta, workshops)  # an edited workbook announces nothing
    found = fill(
        table,
        lang=lang,
        key=meta["key_column"],
        email=email,
        names=people.get("names") or [],
        workshops=workshops,
        template=Template.read(template) if template else None,
        only=None if everyone or "update" not in meta else _changed(result, lang),
    )
    return [n for n in found if n.to], [n for n in found if not n.to]


def _changed(result: Path, lang: Language) -> set[str]:
    """Attendees an update placed anew or moved (from its Changes sheet)."""
    changes = read_sheet(result, label("Changes", lang), header=0)
    kinds = {label(f"change_{kind}", lang) for kind in NOTIFIED}
    who, kind = label("move_attendee", lang), label("change", lang)
    return {text(r[who]) for r in changes.to_dict("records") if text(r[kind]) in kinds}


def _email(notice: Notice, sender: str | None) -> EmailMessage:
    """The message as it goes out: one plain address in To, a one-line subject."""
    mail = EmailMessage()
    if sender:
        mail["From"] = sender
    mail["To"] = notice.to
    mail["Subject"] = notice.subject
    mail.set_content(notice.body)
    if notice.calendar:  # one click puts the workshop in the calendar
        mail.add_attachment(
            notice.calendar.encode(),
            maintype="text",
            subtype="calendar",
            filename="workshop.ics",
            params={"method": "PUBLISH"},
        )
    return mail


def sender_header(text: str) -> tuple[str, str]:
    """``--from`` as (the From header, the envelope address): one plain address, or
    ``Name <address>`` with a name on one line; anything else is refused."""
    found = re.fullmatch(r"\s*([^<>\",;@]*?)\s*<([^<>]*)>\s*", text)
    name, address = (found.group(1), found.group(2)) if found else ("", text)
    plain = mailbox(address)
    if plain is None or not one_line(name):
        raise UsageError(worded("bad_sender", given=excerpt(text)))
    return (str(Address(display_name=name, addr_spec=plain)) if name else plain), plain


def write_drafts(
    notices: list[Notice], folder: Path, *, sender: str | None, lang: Language
) -> Path:
    """A new folder with ``messages.csv`` (mail merge) and one ``.eml`` draft each,
    named after the person;
    written to a temporary folder first, so it appears complete or not at all.  No cell
    of the CSV starts like a formula."""
    if folder.exists():
        raise InputError(f"{folder} exists already; choose another folder with --out")
    header = sender_header(sender)[0] if sender else None
    with atomic_path(folder) as temporary:
        temporary.mkdir()
        with (temporary / "messages.csv").open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";" if lang == "de" else ",")
            writer.writerow(["email", "name", "subject", "body"])
            for notice in notices:
                row = [notice.to, notice.name, notice.subject, notice.body]
                writer.writerow([never_formula(cell) for cell in row])
        taken: set[str] = set()
        for notice in notices:
            mail = _email(notice, header)
            mail["X-Unsent"] = "1"  # Outlook opens it as a draft to send
            (temporary / _draft_name(notice, taken)).write_bytes(bytes(mail))
    return folder


def _draft_name(notice: Notice, taken: set[str]) -> str:
    """A draft's file name after the person ("Ana Albrecht.eml"), safe on every system
    (no path signs, control characters or leading dots), made unique with " (2)"."""
    plain = re.sub(r"[\\/:*?\"<>|\x00-\x1f\x7f]+", " ", notice.name or notice.key)
    stem = " ".join(plain.split()).lstrip(". ")[:60].strip() or "message"
    name, number = f"{stem}.eml", 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem} ({number}).eml"
    taken.add(name.casefold())
    return name


@dataclass(frozen=True, slots=True)
class Server:
    """Where and how to send: host, port, login (password never on the command line)."""

    host: str
    port: int
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class Delivery:
    """What a sending run did: sent now, skipped as sent before, refused for good by the
    server (key, its reason; now and before), and left unsure (the connection broke
    while a message was handed over, so it may have gone out: not sent again)."""

    sent: int
    skipped: int
    refused: tuple[tuple[str, str], ...] = ()
    unsure: tuple[str, ...] = ()


class Mailer:
    """One SMTP session: connected, secured (STARTTLS when offered) and logged in when
    entered, so that a wrong server or login is found before anything is written."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        server = self.server
        try:
            smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if server.user:
                smtp.login(server.user, server.password or "")
        except (smtplib.SMTPException, OSError) as error:
            where = f"{server.host}:{server.port}"
            raise DeliveryError(worded("unreachable", server=where, why=_why(error))) from None
        self._smtp = smtp
        return self

    def __exit__(self, *_: object) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()

    def hand_over(self, mail: EmailMessage, sender: str, to: str) -> None:
        """Give one message to the server, for exactly the one recipient ``to``."""
        assert self._smtp is not None, "use Mailer as a context manager"
        self._smtp.send_message(mail, from_addr=sender, to_addrs=[to])


def send(
    notices: list[Notice],
    server: Server | Mailer,
    *,
    sender: str,
    log: Path,
    rate: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    retry_unsure: bool = False,
) -> Delivery:
    """Send what the log does not record yet, exactly once, at most ``rate`` a minute.

    The log is locked for the whole run (a second run at once is refused), and each
    message is recorded before it is handed over and again after the server answered,
    each line on disk before the next step.  A recipient the server refuses for good
    (5xx) is recorded as refused and the rest go on; a temporary refusal or a broken
    connection stops the run with ``DeliveryError``, and running it again continues.
    """
    if rate <= 0:
        raise InputError(worded("rate", given=rate))
    header, envelope = sender_header(sender)
    with SendLog(log) as journal:
        states = journal.states()
        refused_before = [
            (n.key, states[n.digest][1]) for n in notices if _state(states, n) == REFUSED
        ]
        unsure = [n for n in notices if _state(states, n) == SENDING and not retry_unsure]
        waiting = [
            n for n in notices if _state(states, n) not in (SENT, REFUSED) and n not in unsure
        ]
        skipped = sum(_state(states, n) == SENT for n in notices)
        with contextlib.ExitStack() as stack:
            mailer = server if isinstance(server, Mailer) else stack.enter_context(Mailer(server))
            sent, refused = _deliver(
                waiting,
                mailer,
                header=header,
                envelope=envelope,
                journal=journal,
                rate=rate,
                sleep=sleep,
            )
    return Delivery(sent, skipped, (*refused_before, *refused), tuple(n.key for n in unsure))


def _deliver(
    waiting: list[Notice],
    mailer: Mailer,
    *,
    header: str,
    envelope: str,
    journal: SendLog,
    rate: float,
    sleep: Callable[[float], None],
) -> tuple[int, list[tuple[str, str]]]:
    sent, refused = 0, []
    for number, notice in enumerate(waiting):
        if number:
            sleep(60.0 / rate)
        journal.record(notice, SENDING)
        try:
            mailer.hand_over(_email(notice, header), envelope, notice.to)
        except (smtplib.SMTPException, OSError) as error:
            answer = _answer(error)
            if answer is None:  # the connection broke: unknown whether it went out
                raise _stopped(sent, len(waiting), error, journal.path) from None
            if answer == REFUSED:  # this recipient, for good: the others still go
                journal.record(notice, REFUSED, _why(error))
                refused.append((notice.key, _why(error)))
                continue
            journal.record(notice, DEFERRED, _why(error))  # not taken now: a rerun sends it
            raise _stopped(sent, len(waiting), error, journal.path) from None
        journal.record(notice, SENT)
        sent += 1
    return sent, refused


def _answer(error: smtplib.SMTPException | OSError) -> str | None:
    """What the server's refusal means for this message: ``REFUSED`` for good (a 5xx for
    the recipient or the message; an international address a server without SMTPUTF8
    cannot take), ``DEFERRED`` for now (a 4xx, or the sender refused: nothing will pass),
    ``None`` when there was no answer to tell."""
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return REFUSED
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return REFUSED if codes and all(code >= 500 for code in codes) else DEFERRED
    if isinstance(error, smtplib.SMTPSenderRefused):
        return DEFERRED
    if isinstance(error, smtplib.SMTPResponseException):
        return REFUSED if 500 <= error.smtp_code < 600 else DEFERRED
    return None


def _why(error: BaseException) -> str:
    """The server's answer (or the system's), on one line."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return f"{code} {_decoded(text)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_decoded(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return f"{' '.join(str(error).split())} (SMTPUTF8)"
    return " ".join(str(error).split()) or type(error).__name__


def _decoded(text: bytes | str) -> str:
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return " ".join(raw.split())


def _stopped(sent: int, total: int, error: BaseException, log: Path) -> DeliveryError:
    return DeliveryError(worded("stopped", sent=sent, total=total, why=_why(error), log=log))


SENDING, SENT, REFUSED, DEFERRED = "sending", "sent", "refused", "deferred"
_DIGEST = re.compile(r"^[0-9a-f]{16}$")


def _state(states: dict[str, tuple[str, str]], notice: Notice) -> str | None:
    return states.get(notice.digest, (None, ""))[0]


class SendLog:
    """The send log beside a result: per message (its digest) what became of it.

    Entered, it refuses a link or anything but a regular file, takes an exclusive lock
    for the whole run (a second sending run at once is refused), and reads what earlier
    runs recorded; every line it adds goes straight to the file (no buffer) and is on
    disk before ``record`` returns.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> SendLog:
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            raise InputError(worded("log_not_a_file", log=self.path))
        try:
            handle = self.path.open("a+b", buffering=0)
        except OSError as error:
            raise OutputError(worded("log_unwritable", log=self.path, why=_why(error))) from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise InputError(worded("log_locked", log=self.path)) from None
        self._handle = handle
        if handle.seek(0, os.SEEK_END) == 0:
            self._write(",".join(SEND_LOG_HEADER) + "\r\n")
        return self

    def __exit__(self, *_: object) -> None:
        if self._handle is not None:
            self._handle.close()  # also releases the lock
            self._handle = None

    def states(self) -> dict[str, tuple[str, str]]:
        """digest -> (its last status, the server's reason); logs of older versions
        (attendee, digest, time) record sent messages."""
        assert self._handle is not None
        self._handle.seek(0)
        try:
            rows = list(csv.reader(io.StringIO(self._handle.read().decode("utf-8"))))
        except (csv.Error, UnicodeDecodeError):
            raise InputError(worded("log_unreadable", log=self.path)) from None
        found: dict[str, tuple[str, str]] = {}
        for row in rows[1:] if rows and tuple(rows[0]) == SEND_LOG_HEADER else rows:
            if len(row) < 2 or not _DIGEST.match(row[1]):
                raise InputError(worded("log_unreadable", log=self.path))
            status = row[2] if len(row) >= 5 else SENT
            if status not in (SENDING, SENT, REFUSED, DEFERRED):
                raise InputError(worded("log_unreadable", log=self.path))
            found[row[1]] = (status, row[4] if len(row) >= 5 else "")
        return found

    def record(self, notice: Notice, status: str, reason: str = "") -> None:
        """One line, written and synced to disk before anything else happens."""
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        line = io.StringIO()
        csv.writer(line).writerow([notice.key, notice.digest, status, stamp, reason])
        self._write(line.getvalue())

    def _write(self, text: str) -> None:
        """Append ``text`` and sync it; when that fails (a full disk), cut the log back
        to what it held, so that it never records a step that did not happen."""
        assert self._handle is not None
        handle = self._handle
        before = handle.seek(0, os.SEEK_END)
        try:
            data = text.encode("utf-8")
            while data:
                data = data[handle.write(data) or 0 :]
            os.fsync(handle.fileno())
        except OSError as error:
            with contextlib.suppress(OSError):
                handle.truncate(before)
            raise OutputError(worded("log_unwritable", log=self.path, why=_why(error))) from None
