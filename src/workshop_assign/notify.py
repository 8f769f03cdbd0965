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
import hashlib
import json
import smtplib
import ssl
import string
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from workshop_assign.errors import InputError, WorkshopAssignError
from workshop_assign.io.files import atomic_path
from workshop_assign.io.labels import label
from workshop_assign.io.metadata import published_workshops, read_sheet, result_metadata
from workshop_assign.messages import message
from workshop_assign.model import Workshop
from workshop_assign.read.text import cell_text, is_blank

__all__ = ["DeliveryError", "Notice", "messages", "send", "write_drafts"]

FIELDS = ("name", "workshop", "room", "time", "rank", "explanation")
PASSWORD_VARIABLE = "WORKSHOP_ASSIGN_SMTP_PASSWORD"


class DeliveryError(WorkshopAssignError):
    """The mail server stopped accepting messages; the log says which ones went out."""


@dataclass(frozen=True, slots=True)
class Notice:
    """One attendee's message."""

    key: str
    to: str
    name: str
    subject: str
    body: str

    @property
    def digest(self) -> str:
        """What identifies this exact message in the send log."""
        text = "\0".join((self.key, self.to, self.subject, self.body))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Template:
    """A subject and a body with ``{placeholders}`` from ``FIELDS``."""

    subject: str
    body: str

    @classmethod
    def default(cls, lang: str) -> Template:
        return cls(message("notify.subject", lang), message("notify.body", lang))

    @classmethod
    def read(cls, path: Path) -> Template:
        """A template file: ``Subject: ...`` on the first line, a blank line, the body."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: the template cannot be read ({error})") from None
        first, _, body = text.partition("\n")
        if not first.lower().startswith(("subject:", "betreff:")) or not body.strip():
            raise InputError(
                f"{path}: a template starts with a line 'Subject: ...' (or 'Betreff: ...'), "
                "then a blank line and the message"
            )
        template = cls(first.split(":", 1)[1].strip(), body.lstrip("\n"))
        for part in (template.subject, template.body):
            for _, field, _, _ in string.Formatter().parse(part):
                if field is not None and field not in FIELDS:
                    raise InputError(
                        f"{path}: unknown placeholder {{{field}}}; use "
                        + ", ".join(f"{{{f}}}" for f in FIELDS)
                    )
        return template


def messages(
    result: Path, *, template: Path | None = None, everyone: bool = False
) -> tuple[list[Notice], int]:
    """Per attendee to notify, the filled message; and how many had no e-mail address."""
    meta = result_metadata(result)
    lang = meta["lang"] if meta["lang"] in ("de", "en") else "en"
    people = json.loads(meta.get("people", "{}"))
    email, names = people.get("email"), people.get("names") or []
    sheet = label("Assignments", lang)
    table = read_sheet(result, sheet, header=0)
    if not email or email not in table.columns:
        raise InputError(
            f"{result}: the result has no e-mail column to write to; notify needs an export "
            "with the attendees' addresses"
        )
    chosen = Template.read(template) if template else Template.default(lang)
    wanted = None if everyone or "update" not in meta else _changed(result, lang)
    shops = {w.name: w for w in published_workshops(result, meta)}
    key = meta["key_column"]
    notices, without = [], 0
    for row in table.to_dict("records"):
        person = _text(row.get(key))
        if not person or (wanted is not None and person not in wanted):
            continue
        to = _text(row.get(email))
        if "@" not in to:
            without += 1
            continue
        values = _values(row, lang, names, shops, to)
        notices.append(
            Notice(
                person,
                to,
                values["name"],
                chosen.subject.format(**values),
                chosen.body.format(**values),
            )
        )
    return notices, without


def _changed(result: Path, lang: str) -> set[str]:
    """Attendees an update placed anew or moved (from its Changes sheet)."""
    changes = read_sheet(result, label("Changes", lang), header=0)
    kinds = {label("change_new", lang), label("change_moved", lang)}
    who, kind = label("move_attendee", lang), label("change", lang)
    return {_text(r[who]) for r in changes.to_dict("records") if _text(r[kind]) in kinds}


def _values(
    row: Mapping[Hashable, object],
    lang: str,
    names: list[str],
    shops: Mapping[str, Workshop],
    to: str,
) -> dict[str, str]:
    """The placeholders of one row: name, workshop (with its room and time), rank and
    the explanation sentence."""
    name = " ".join(_text(row.get(c)) for c in names if _text(row.get(c))) or to
    workshop = _text(row.get(label("workshop", lang)))
    shop = shops.get(workshop)
    none = message("notify.none", lang)
    return {
        "name": name,
        "workshop": workshop or none,
        "room": (shop.room or "-") if shop else "-",
        "time": (shop.slot or "-") if shop else "-",
        "rank": _text(row.get(label("rank", lang))) or "-",
        "explanation": _text(row.get(label("explanation", lang))),
    }


def _text(value: object) -> str:
    return "" if is_blank(value) else " ".join(cell_text(value).split())


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
