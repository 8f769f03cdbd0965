"""Each tab's own state: its export, what it corrected, its workshops, its result.

A browser is known by a cookie; each page it opens without a workspace id gets a new
workspace (``/?w=…``), so two tabs with two exports never mix, and a workspace is only
found together with the cookie of the browser that made it.  Workspaces live in memory
until the server stops; their files (the export uploaded, the downloads made) live in
their own folder inside the server's private temporary folder, removed on exit.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import workshop_assign as wa
from workshop_assign.read import ParsedExport
from workshop_assign.text import Language, one_line

SESSION_COOKIE = "wa_session"


@dataclass
class ShopRow:
    """One row of the editable workshop table, as the organizer typed it."""

    name: str
    seats: str = ""
    minimum: str = ""
    room: str = ""
    must_run: bool = False
    day: str = ""  # as the browser's date field gives it: 2025-06-12
    start: str = ""  # and its time fields: 14:00
    end: str = ""
    shared: str = ""  # the seats it shares: "Prof. Quist: 3" (see ``read.shared``)


@dataclass
class RoomRow:
    """One row of the rooms table, as the organizer typed it."""

    name: str = ""
    seats: str = ""
    features: str = ""  # "stufenlos, Beamer"


@dataclass
class Session:
    """One workspace (a tab) of one browser."""

    id: str
    browser: str
    csrf: str
    folder: Path
    lang: Language = "de"
    lang_chosen: bool = False  # by the language buttons or --lang: reading keeps it
    export: Path | None = None
    export_name: str = ""
    overrides: dict[str, object] = field(default_factory=dict)
    parsed: ParsedExport | None = None
    shops: list[ShopRow] = field(default_factory=list)
    rooms: list[RoomRow] = field(default_factory=list)  # rooms instead of seats, if any
    settings: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    result: wa.Result | None = None
    what_if: pd.DataFrame | None = None
    moves: pd.DataFrame | None = None
    update: wa.Update | None = None  # when the result came from an update
    comparison: pd.DataFrame | None = None
    comparison_rooms: str = ""  # with rooms: the plan every mechanism was given
    waitlists: pd.DataFrame | None = None  # of the result, where cheap (as the CLI's)
    room_worth: pd.DataFrame | None = None  # with rooms: what each room would change
    uploads: dict[str, str] = field(default_factory=dict)  # stored path -> the name given

    def keep_upload(self, name: str, content: bytes, kind: str = "export") -> Path:
        """Store an uploaded file in the session's folder under a safe name."""
        suffix = Path(name).suffix.lower()
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).stem)[:60] or kind
        target = self.folder / f"{kind}-{secrets.token_hex(4)}-{safe}{suffix}"
        target.write_bytes(content)
        target.chmod(0o600)
        self.uploads[str(target)] = Path(name).name or kind
        return target

    def said(self, error: BaseException) -> str:
        """An error as the page's one line: in the page's language, an upload named as
        the organizer named it, never by the private folder it is kept in."""
        text = one_line(error, self.lang)
        for stored, name in self.uploads.items():
            text = text.replace(stored, name)
        return text.replace(str(self.folder) + "/", "").replace(str(self.folder), "")


class Sessions:
    """The sessions of one server, each with a folder under ``root``."""

    def __init__(self, root: Path, lang: Language | None, upload_limit: int) -> None:
        self.root = root
        self.lang = lang
        self.upload_limit = upload_limit
        self._browsers: dict[str, dict[str, Session]] = {}

    def get(self, browser: str | None, workspace: str | None) -> Session | None:
        return self._browsers.get(browser or "", {}).get(workspace or "")

    def create(self, browser: str | None) -> Session:
        """A new workspace, of this browser if it is known, else of a new one."""
        if browser not in self._browsers:
            browser = secrets.token_urlsafe(24)
            self._browsers[browser] = {}
        assert browser is not None
        workspace = secrets.token_urlsafe(12)
        folder = self.root / secrets.token_hex(8)
        folder.mkdir(mode=0o700)
        csrf = secrets.token_urlsafe(24)
        session = Session(workspace, browser, csrf, folder, self.lang or "de")
        session.lang_chosen = self.lang is not None
        self._browsers[browser][workspace] = session
        return session

    def __len__(self) -> int:
        return sum(len(w) for w in self._browsers.values())

    @staticmethod
    def csrf_ok(session: Session, given: object) -> bool:
        return isinstance(given, str) and hmac.compare_digest(given, session.csrf)
