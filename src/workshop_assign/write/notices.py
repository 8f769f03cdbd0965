"""One message per attendee, filled from a template: for the workbook's notification
sheet and for ``notify`` (drafts, SMTP), so both say the same thing.

A template is a subject and a body with ``{placeholders}`` from ``FIELDS``; the default
one is in the message catalogue, in German and English.  The values come from a row of
the Assignments table: the person's name (the name columns, else the address), their
workshop with its room and time, the wish it was, and the explanation sentence.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from workshop_assign.core.model import Workshop
from workshop_assign.errors import InputError
from workshop_assign.read.text import cell_text, is_blank
from workshop_assign.text import Language, label, message
from workshop_assign.write.calendar import invitation
from workshop_assign.write.mailbox import mailbox

FIELDS = ("name", "workshop", "room", "time", "rank", "explanation")
NOTIFIED = ("new", "placed", "moved")  # the kinds of change (Update.changes) told after an update


@dataclass(frozen=True, slots=True)
class Notice:
    """One attendee's message."""

    key: str
    to: str  # exactly one plain address, or "" (then no message goes out)
    name: str
    subject: str
    body: str
    written: str = ""  # the address cell as written, when it is not one plain address
    calendar: str = ""  # an invitation (.ics) where date, time and room are known

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
    def default(cls, lang: Language, *, placed: bool = True) -> Template:
        """The catalogue's letter: one for a place, a kind one for no place yet."""
        kind = "" if placed else "_none"
        return cls(message(f"notify.subject{kind}", lang), message(f"notify.body{kind}", lang))

    @classmethod
    def read(cls, path: Path) -> Template:
        """A template file: ``Subject: ...`` on the first line, a blank line, the body."""
        if not path.is_file():  # a device or a pipe would be read forever
            raise InputError(f"{path}: the template is not a regular file; give a text file")
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
            try:
                parsed = list(string.Formatter().parse(part))
            except ValueError as error:  # "{" without "}", a lone "}"
                raise InputError(
                    f"{path}: {error}; write a placeholder as {{name}}, and a brace itself "
                    "as {{ or }}"
                ) from None
            for _, field, spec, conversion in parsed:
                if field is not None and (field not in FIELDS or spec or conversion):
                    raise InputError(
                        f"{path}: unknown placeholder {{{field}}}; use "
                        + ", ".join(f"{{{f}}}" for f in FIELDS)
                    )
        return template


def fill(
    table: pd.DataFrame,
    *,
    lang: Language,
    key: str,
    email: str | None,
    names: Iterable[str],
    workshops: Iterable[Workshop],
    template: Template | None = None,
    only: set[str] | None = None,
) -> list[Notice]:
    """A filled message per row of the Assignments table (``only``: just these keys);
    ``Notice.to`` is empty where a row has no address.  With time slots (a column per
    slot) the workshop, room and time name each slot's workshop in turn."""
    shops = {w.name: w for w in workshops}
    stamp = datetime.now(UTC).replace(microsecond=0)
    slots = list(dict.fromkeys(w.slot for w in shops.values() if w.slot))
    names = list(names)
    notices = []
    for row in table.to_dict("records"):
        person = text(row.get(key))
        if not person or (only is not None and person not in only):
            continue
        written = _raw(row.get(email)) if email else ""
        to = mailbox(written) or ""
        values = _values(row, lang, names, shops, to or person)
        if slots:
            values |= _timetable(row, slots, shops, lang)
        chosen = template or Template.default(lang, placed=bool(values["workshop"]))
        values["details"] = _details(values, lang)
        shop = shops.get(values["workshop"])
        notices.append(
            Notice(
                person,
                to,
                values["name"],
                " ".join(chosen.subject.format(**values).split()),
                _tidy(chosen.body.format(**values)),
                "" if to or not written.strip() else written,
                invitation(shop, person, stamp) if shop and not slots else "",
            )
        )
    return notices


def _details(values: Mapping[str, str], lang: Language) -> str:
    """The default letter's lines of room, time and wish: each only where it is known."""
    known = [field for field in ("room", "time", "rank") if values[field]]
    return "\n".join(message(f"notify.{field}", lang).format(**values) for field in known)


def _tidy(body: str) -> str:
    """A letter as a person writes it: no line of trailing spaces, never two blank
    lines in a row, one line break at the end."""
    lines = "\n".join(line.rstrip() for line in body.splitlines())
    return re.sub(r"\n{3,}", "\n\n", lines).strip("\n") + "\n"


def _raw(value: object) -> str:
    """An address cell exactly as written (line breaks and all), "" when blank."""
    return "" if is_blank(value) else cell_text(value)


def _values(
    row: Mapping[Hashable, object],
    lang: Language,
    names: list[str],
    shops: Mapping[str, Workshop],
    fallback: str,
) -> dict[str, str]:
    """The placeholders of one row: name, workshop (with its room and time), rank and
    the explanation sentence."""
    name = " ".join(text(row.get(c)) for c in names if text(row.get(c))) or fallback
    workshop = text(row.get(label("workshop", lang)))
    shop = shops.get(workshop)
    return {
        "name": name,
        "workshop": workshop,
        "room": (shop.room or "") if shop else "",
        "time": when(shop, lang) if shop else "",
        "rank": text(row.get(label("rank", lang))),
        "explanation": text(row.get(label("explanation", lang))),
    }


def when(workshop: Workshop, lang: Language) -> str:
    """When a workshop takes place, as a letter says it ("12.06.2025, 14:00–15:30 Uhr");
    its time slot where no date and time are known."""
    if workshop.starts is None:
        return workshop.slot or ""
    day = f"{workshop.starts:%d.%m.%Y}" if lang == "de" else f"{workshop.starts:%Y-%m-%d}"
    hours = f"{workshop.starts:%H:%M}" + (f"–{workshop.ends:%H:%M}" if workshop.ends else "")
    return f"{day}, {hours}" + (" Uhr" if lang == "de" else "")


def _timetable(
    row: Mapping[Hashable, object], slots: list[str], shops: Mapping[str, Workshop], lang: Language
) -> dict[str, str]:
    """Workshop, room and time with time slots: each slot's workshop, in slot order."""
    held = [(slot, text(row.get(slot))) for slot in slots if text(row.get(slot))]
    if not held:
        return {"workshop": "", "room": "", "time": ""}
    rooms = [(shops[w].room if w in shops else None) or "-" for _, w in held]
    return {
        "workshop": "; ".join(f"{slot}: {w}" for slot, w in held),
        "room": "; ".join(rooms),
        "time": "; ".join(slot for slot, _ in held),
    }


def text(value: object) -> str:
    """A cell as one line of text ("" when blank)."""
    return "" if is_blank(value) else " ".join(cell_text(value).split())
