"""The routes of the page: one page with the organizer's steps, forms that post and
come back (POST, then a redirect to the page), and three small JSON/download routes.

Every route talks to the public API only: ``parse_export`` (with the organizer's
corrections), ``ParsedExport.to_problem`` (with the edited workshop table), ``solve``,
``what_if``, ``update``, ``compare`` and ``Result.to_excel``/``to_csv``/``to_json``.
A library error becomes the one line the command line would print, shown on the page.
"""

from __future__ import annotations

import secrets
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

import workshop_assign as wa
from workshop_assign.after import (
    comparison_table,
    default_waitlist,
    in_chosen_rooms,
    messages,
    read_published,
    rooms_given,
    write_drafts,
)
from workshop_assign.app.state import SESSION_COOKIE, RoomRow, Session, Sessions, ShopRow
from workshop_assign.core import LARGEST, features_of
from workshop_assign.read import (
    NotAMomentError,
    ParsedExport,
    PoolCellError,
    pools_from_cells,
    span,
)
from workshop_assign.text import Language, as_language, label, message
from workshop_assign.text import worded as error_text
from workshop_assign.write import (
    changes_table,
    proof,
    room_plan_table,
    room_worth_table,
    roster_names,
    waitlist_table,
)

HERE = Path(__file__).parent
WHAT_IF_MIP_PEOPLE = 1_000  # with rules that need the MIP, what-if re-solves each workshop
Handler = Callable[[Request, Session], Awaitable[Response]]


class Pages:
    """The page and its actions, over one server's sessions."""

    def __init__(self, sessions: Sessions, preload: Path | None = None) -> None:
        self.sessions = sessions
        self.preload = preload
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )

    # -- plumbing ---------------------------------------------------------------------

    def session_of(self, request: Request) -> tuple[Session, bool]:
        """The tab's workspace (``?w=``), or a new one (then True: the page must be
        reloaded at its address, and the browser's cookie set)."""
        browser = request.cookies.get(SESSION_COOKIE)
        found = self.sessions.get(browser, request.query_params.get("w"))
        if found is not None:
            return found, False
        session = self.sessions.create(browser)
        if self.preload is not None:
            stored = session.keep_upload(self.preload.name, self.preload.read_bytes())
            session.export, session.export_name = stored, self.preload.name
            _read(session)
        return session, True

    def refused(self, key: str, status: int, *, back: str | None = None) -> HTMLResponse:
        """A one-line page for a refused request (no session: it may be a stranger); with
        ``back``, the workspace the request came from, a link back to the page."""
        text = message(f"app.{key}", "de") + " / " + message(f"app.{key}", "en")
        if key == "too_large":
            mb = self.sessions.upload_limit // 2**20
            text = text.format(mb=mb)
        body = f'<!doctype html><meta charset="utf-8"><p data-testid="error">{_escape(text)}</p>'
        if back is not None:
            words = message("app.back", "de") + " / " + message("app.back", "en")
            body += f'<p><a data-testid="back" href="/?w={_escape(back)}">{_escape(words)}</a></p>'
        return HTMLResponse(body, status_code=status)

    def action(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """A state-changing route: the session's CSRF token must come with the form."""

        async def run(request: Request) -> Response:
            session, new = self.session_of(request)
            form = await request.form(max_part_size=self.sessions.upload_limit)
            try:
                if new or not Sessions.csrf_ok(session, form.get("csrf")):
                    session.error = message("app.stale", session.lang)
                    return self._back(session, new)
                request.state.form = form
                session.error = None
                return await handler(request, session)
            except wa.WorkshopAssignError as error:
                session.error = session.said(error)
            except (ValueError, TypeError) as error:  # a malformed field of a form
                session.error = session.said(error)
            except Exception as error:  # the page stays usable; says what broke
                name = type(error).__name__
                session.error = message("app.internal", session.lang).format(what=name)
            finally:
                await form.close()
            return self._back(session, new)

        return run

    def _back(self, session: Session, new: bool, anchor: str = "") -> Response:
        response = RedirectResponse(f"/?w={session.id}{anchor}", status_code=303)
        if new:
            response.set_cookie(SESSION_COOKIE, session.browser, httponly=True, samesite="strict")
        return response

    # -- the page ---------------------------------------------------------------------

    async def page(self, request: Request) -> Response:
        session, new = self.session_of(request)
        if new:  # a tab of its own: at its own address
            return self._back(session, new)
        html = self.templates.get_template("page.html").render(**_view(session))
        return HTMLResponse(html)

    # -- actions ----------------------------------------------------------------------

    async def upload(self, request: Request, session: Session) -> Response:
        file = request.state.form.get("export")
        if not isinstance(file, UploadFile) or not file.filename:
            raise wa.InputError(message("app.no_export", session.lang))
        stored = session.keep_upload(file.filename, await file.read())
        try:
            parsed = wa.parse_export(stored)
        except wa.WorkshopAssignError as error:  # what was loaded before stays loaded
            session.error = session.said(error)
            return self._back(session, False)
        session.export, session.export_name = stored, file.filename
        session.overrides = {}
        _forget_results(session)
        _loaded(session, parsed)
        return self._back(session, False, "#read")

    async def reread(self, request: Request, session: Session) -> Response:
        form: FormData = request.state.form
        wishes = [str(c) for c in form.getlist("wish_column") if str(c)]
        session.overrides = {
            "sheet": _text(form, "sheet") or None,
            "header_row": int(_text(form, "header_row")) if _text(form, "header_row") else None,
            "key": _text(form, "key") or None,
            "wish_columns": wishes or None,
            "keep_rows": [int(str(r)) for r in form.getlist("keep") if str(r).isdigit()],
        }
        _forget_results(session)
        _read(session)
        return self._back(session, False, "#read")

    async def solve(self, request: Request, session: Session) -> Response:
        form: FormData = request.state.form
        parsed = _parsed(session)
        names = form.getlist("name")
        column = {
            field: [str(v).strip() for v in form.getlist(field)] or [""] * len(names)
            for field in ("seats", "minimum", "room", "day", "start", "end", "shared")
        }
        session.shops = [
            ShopRow(
                str(name),
                seats=column["seats"][i],
                minimum=column["minimum"][i],
                room=column["room"][i],
                must_run=str(i) in form.getlist("must_run"),
                day=column["day"][i],
                start=column["start"][i],
                end=column["end"][i],
                shared=column["shared"][i],
            )
            for i, name in enumerate(names)
        ]
        session.rooms = _room_rows(form)
        session.settings = {k: _text(form, k) for k in ("objective", "rank_costs", "max_per")}
        for box in ("require_all", "fill_unranked"):
            session.settings[box] = "1" if form.get(box) else ""
        missing = [s.name for s in session.shops if not s.seats]
        if missing and not session.rooms:  # with rooms, the rooms decide the seats
            raise wa.InputError(
                message("app.missing_seats", session.lang).format(names=", ".join(missing))
            )
        shops = [_workshop(s, roomed=bool(session.rooms)) for s in session.shops]
        problem = parsed.to_problem(workshops=shops)
        # with rooms, a workshop's seats are an upper limit (none when left empty)
        result = wa.solve(problem, **_settings(session, parsed))
        session.result, session.update, session.moves = result, None, None
        cheap = result.backend is wa.Backend.FLOW or len(problem.keys) <= WHAT_IF_MIP_PEOPLE
        session.what_if = wa.what_if(result, 5) if cheap else None
        session.waitlists = _waitlists(result)
        small = len(problem.keys) <= WHAT_IF_MIP_PEOPLE
        session.room_worth = wa.room_worth(result) if result.rooms and small else None
        return self._back(session, False, "#result")

    async def update(self, request: Request, session: Session) -> Response:
        form: FormData = request.state.form
        previous, newer = form.get("previous"), form.get("newer")
        if not isinstance(previous, UploadFile) or not isinstance(newer, UploadFile):
            raise wa.InputError(message("app.no_export", session.lang))
        published = session.keep_upload(previous.filename or "result.xlsx", await previous.read())
        export = session.keep_upload(newer.filename or "export.xlsx", await newer.read())
        done = wa.update_published(published, export)
        seats = read_published(published).workshops
        session.export, session.export_name = export, newer.filename or "export.xlsx"
        session.overrides = {"default_workshops": seats}  # as the update read it
        _forget_results(session)
        _read(session)
        session.result, session.moves = done.result, done.moves_in(session.lang)
        session.update = done
        session.waitlists = _waitlists(done.result)
        return self._back(session, False, "#result")

    async def compare(self, request: Request, session: Session) -> Response:
        roomed = bool(session.rooms)
        shops = [_workshop(s, roomed=roomed) for s in session.shops]
        problem = _parsed(session).to_problem(workshops=shops or None)
        session.comparison_rooms = ""
        if roomed:  # the simple mechanisms choose no rooms: all get the optimal plan
            problem = in_chosen_rooms(problem, _rooms(session))
            session.comparison_rooms = rooms_given(problem, session.lang)
        session.comparison = wa.compare(problem)
        return self._back(session, False, "#after")

    async def language(self, request: Request, session: Session) -> Response:
        chosen = _text(request.state.form, "lang")
        if chosen in ("de", "en"):
            session.lang, session.lang_chosen = as_language(chosen), True
        return self._back(session, False)

    # -- small routes -----------------------------------------------------------------

    def _known(self, request: Request) -> Session | None:
        """The tab's workspace for a read-only route (which never makes one)."""
        browser = request.cookies.get(SESSION_COOKIE)
        return self.sessions.get(browser, request.query_params.get("w"))

    async def search(self, request: Request) -> Response:
        session = self._known(request)
        if session is None:
            return JSONResponse([], status_code=404)
        query = request.query_params.get("q", "").strip().casefold()
        if session.result is None or not query:
            return JSONResponse([])
        frame = session.result.to_frame(lang=session.lang)
        explanations = session.result.explanations(session.lang).to_numpy()
        names, _ = _names(session.result)
        found = []
        for i, (key, workshop) in enumerate(zip(frame["attendee"], frame["workshop"], strict=True)):
            if query in str(key).casefold() or query in names[i].casefold():
                found.append(
                    {
                        "attendee": str(key),
                        "name": names[i],
                        "workshop": workshop if isinstance(workshop, str) else "–",
                        "explanation": str(explanations[i] or ""),
                    }
                )
                if len(found) == 20:
                    break
        return JSONResponse(found)

    async def download(self, request: Request) -> Response:
        session = self._known(request)
        kind = request.path_params["kind"]
        if session is None or session.result is None or kind not in DOWNLOADS:
            return Response(status_code=404)
        stem = "zuteilung" if session.lang == "de" else "assignment"
        target = session.folder / f"{stem}-{secrets.token_hex(4)}.{kind}"
        if kind == "zip":
            return FileResponse(_letters(session, target), filename=f"{_letters_name(session)}.zip")
        if kind == "xlsx":
            book = session.update or session.result
            written = book.to_excel(target, lang=session.lang, waitlists=session.waitlists)
        else:
            written = getattr(session.result, f"to_{kind}")(target, lang=session.lang)
        return FileResponse(written, filename=f"{stem}.{kind}")


DOWNLOADS = ("xlsx", "csv", "json", "zip")  # the workbook, its table, and the letters


def _letters_name(session: Session) -> str:
    return "briefe" if session.lang == "de" else "letters"


def _letters(session: Session, target: Path) -> Path:
    """Every attendee's letter as a draft to send (.eml, with the calendar invitation)
    and the mail-merge table, in one zip: made from the workbook, as ``notify`` does."""
    assert session.result is not None
    book = target.with_suffix(".xlsx")
    (session.update or session.result).to_excel(book, lang=session.lang)
    notices, _ = messages(book)
    folder = write_drafts(notices, target.with_suffix(""), sender=None, lang=session.lang)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return target


def _read(session: Session) -> None:
    """Read the session's export with its corrections; errors are the page's one line."""
    assert session.export is not None
    try:
        parsed = wa.parse_export(session.export, **session.overrides)  # type: ignore[arg-type]
    except wa.WorkshopAssignError as error:
        session.parsed, session.error = None, session.said(error)
        return
    _loaded(session, parsed)


def _forget_results(session: Session) -> None:
    """A new reading makes every result of the old one stale: nothing of it stays shown."""
    session.result = session.update = session.moves = None
    session.comparison = session.what_if = session.waitlists = session.room_worth = None


def _waitlists(result: wa.Result) -> pd.DataFrame | None:
    """The waitlists the command line would write by default (none where costly)."""
    n = default_waitlist(result)
    return wa.waitlists(result, n) if n else None


def _loaded(session: Session, parsed: ParsedExport) -> None:
    """Show ``parsed``: its language unless one was chosen, its workshops and seats."""
    session.parsed, session.error = parsed, None
    if not session.lang_chosen:
        session.lang = parsed.language
    if parsed.workshops is not None:
        session.shops = [
            ShopRow(
                w.name,
                str(w.capacity),
                str(w.minimum or ""),
                w.room or "",
                w.must_run,
                f"{w.starts:%Y-%m-%d}" if w.starts else "",
                f"{w.starts:%H:%M}" if w.starts else "",
                f"{w.ends:%H:%M}" if w.ends else "",
                _shared_cell(parsed.shared_capacities, w.name),
            )
            for w in parsed.workshops
        ]
    else:
        session.shops = [ShopRow(name) for name in parsed.names]
    session.rooms = [
        RoomRow(r.name, str(r.seats), ", ".join(sorted(r.features))) for r in parsed.rooms
    ]


def _room_rows(form: FormData) -> list[RoomRow]:
    """The rooms typed into the rooms table (rows without a name are left out)."""
    names = [str(n).strip() for n in form.getlist("room_name")]
    seats = [str(n).strip() for n in form.getlist("room_seats")]
    features = [str(n).strip() for n in form.getlist("room_features")]
    return [
        RoomRow(name, seats[i] if i < len(seats) else "", features[i] if i < len(features) else "")
        for i, name in enumerate(names)
        if name
    ]


def _rooms(session: Session) -> list[wa.Room]:
    """The rooms of the rooms table as the solve takes them."""
    return [
        wa.Room(
            row.name,
            _count(row.seats, row.name),
            features=features_of(row.features),
        )
        for row in session.rooms
    ]


def _shared_cell(pools: tuple[wa.SharedCapacity, ...], name: str) -> str:
    """The pools a workshop is in, as the page's field shows them: "Prof. Quist: 3"."""
    return "; ".join(f"{p.name}: {p.seats}" for p in pools if name in p.workshops)


def _shared(session: Session) -> tuple[wa.SharedCapacity, ...]:
    """The shared seats the workshop table's fields give, or the one sentence that says
    which is unclear."""
    rows = [(s.name, s.shared) for s in session.shops]
    try:
        return pools_from_cells(rows)
    except PoolCellError as unclear:
        fields = unclear.fields | {"workshop": rows[unclear.row][0]}
        raise wa.InputError(message(f"app.{unclear.key}", session.lang).format(**fields)) from None


def _parsed(session: Session) -> Any:
    if session.parsed is None:
        raise wa.InputError(message("app.no_export", session.lang))
    return session.parsed


def _workshop(row: ShopRow, *, roomed: bool) -> wa.Workshop:
    """A row of the workshop table; with rooms (``roomed``) empty seats mean no limit
    of its own."""
    try:
        starts, ends = span(row.day, row.start, row.end)
    except NotAMomentError as wrong:
        said = error_text("not_a_moment_on_page", name=row.name, text=str(wrong))
        raise wa.InputError(said) from None
    return wa.Workshop(
        row.name,
        LARGEST if roomed and not row.seats else _count(row.seats, row.name),
        minimum=_count(row.minimum, row.name) if row.minimum else None,
        room=row.room or None,
        must_run=row.must_run,
        starts=starts,
        ends=ends,
    )


def _count(text: str, name: str) -> int:
    if not text.isdigit():
        raise wa.InputError(error_text("seats_not_a_number", name=name, given=text))
    return int(text)


def _settings(session: Session, parsed: Any) -> dict[str, Any]:
    """The solve settings from the rules form."""
    chosen = session.settings
    default = "rating-sum" if parsed.layout.scale else "rank-sum"
    settings: dict[str, Any] = {"objective": chosen.get("objective") or default}
    if chosen.get("rank_costs"):
        settings["rank_costs"] = tuple(int(c) for c in chosen["rank_costs"].split(","))
    settings["require_all"] = bool(chosen.get("require_all"))
    settings["fill_unranked"] = bool(chosen.get("fill_unranked"))
    organisation = parsed.people.organisation
    spread: tuple[wa.Spread, ...] = ()
    if chosen.get("max_per") and organisation:
        spread = (wa.Spread(organisation, max_count=_count(chosen["max_per"], organisation)),)
    settings["rules"] = wa.Rules(spread=spread, shared_capacities=_shared(session))
    settings["rooms"] = _rooms(session) or None
    return settings


def _view(session: Session) -> dict[str, Any]:
    """Everything the template shows, computed here so the template only lays it out."""
    lang = session.lang

    def t(key: str, /, **fields: object) -> str:
        return message(f"app.{key}", lang).format(**fields)

    view: dict[str, Any] = {"s": session, "t": t, "lang": lang, "label": lambda k: label(k, lang)}
    view["objectives"] = ["rank-sum", "rank-maximal", "fair"]
    view["steps"], view["next_step"] = _steps(session, t)
    parsed = session.parsed
    if parsed is not None:
        view["summary"] = t(
            "summary",
            n=len(parsed.keys),
            file=session.export_name,
            sheet=f", {t('sheet')} '{parsed.sheet}'" if parsed.sheet else "",
            row=parsed.table.header_row,
            layout=message(f"layout.{parsed.layout.name}", lang),
            columns=", ".join(parsed.layout.columns),
            key=parsed.people.key,
        )
        view["columns"] = [str(c) for c in parsed.table.frame.columns]
        view["wish_slots"] = _wish_slots(parsed, t)
        view["keepable"] = _keepable(parsed, session, lang)
        view["not_counted"] = [(label(r, lang), n) for r, n in parsed.not_counted().items()]
        view["notes"] = [n.line(lang) for n in parsed.notes]
        view["missing"] = [] if session.rooms else [s.name for s in session.shops if not s.seats]
        view["organisation"] = parsed.people.organisation
        rated = ["rating-sum"] if parsed.layout.scale else []  # the form asked for ratings
        view["objectives"] = [*rated, "rank-sum", "rank-maximal", "fair"]
        view["groups"] = bool(parsed.rules.groups)
        view["fixed"] = (len(parsed.rules.fixed), len(parsed.rules.exclude))
        demand = parsed.demand()
        view["demand_table"] = (
            [t("wish", rank=c) for c in demand.columns],
            [(str(name), [int(v) for v in row]) for name, row in demand.iterrows()],
        )
    if session.result is not None:
        view |= _result_view(session.result, lang, t)
    if session.what_if is not None:
        view["what_if"] = _what_if_table(session.what_if, t)
    if session.waitlists is not None:
        view["waitlist"] = _shown(waitlist_table(session.waitlists, lang))
    if session.result is not None and session.result.rooms:
        view["room_plan"] = _shown(room_plan_table(session.result, lang))
    if session.room_worth is not None and not session.room_worth.empty:
        view["room_worth"] = _shown(room_worth_table(session.room_worth, lang))
    if session.update is not None:
        view["changes"] = _shown(changes_table(session.update.changes(lang), lang))
    if session.comparison is not None:
        view["comparison"] = comparison_table(session.comparison, lang)
        view["comparison_rooms"] = session.comparison_rooms
        view["comparison_bars"] = _comparison_bars(session.comparison, lang)
    return view


def _result_view(result: wa.Result, lang: Language, t: Callable[..., str]) -> dict[str, Any]:
    said = proof(result, lang)
    summary = t(
        "result_summary",
        n=len(result.problem.keys),
        objective=label(result.objective.value, lang),
        proof=said[:1].upper() + said[1:],
    )
    counts = [(t("wish", rank=r), n) for r, n in result.rank_counts.items()]
    counts.append((t("unassigned"), result.n_unassigned))
    stats = result.statistics()
    fill = [
        (str(name), int(row["assigned"]), int(row["capacity"])) for name, row in stats.iterrows()
    ]
    frame = result.to_frame(lang=lang)
    names, surnames = _names(result)
    rosters = []
    for workshop in result.problem.workshop_names:
        members = [
            (surnames[i], names[i], str(k))
            for i, (k, w) in enumerate(zip(frame["attendee"], frame["workshop"], strict=True))
            if isinstance(w, str) and w == workshop  # no workshop: pd.NA
        ]
        rosters.append((workshop, [(name, key) for _, name, key in sorted(members)]))
    explained = result.explanations(lang).to_numpy()
    unplaced = [
        (names[i], str(key), str(reason), str(explained[i] or ""))
        for i, (key, workshop, reason) in enumerate(
            zip(frame["attendee"], frame["workshop"], frame["reason"], strict=True)
        )
        if not isinstance(workshop, str)
    ]
    return {
        "unplaced": unplaced,
        "result_summary": summary,
        "per_wish": _bars(counts),
        "fill": [(n, a, c, round(100 * a / c) if c else 0) for n, a, c in fill],
        "rosters": rosters,
    }


STEPS = ("export", "read", "workshops", "rules", "result", "after")
STEP_TITLES = ("export", "how_read", "workshops", "rules", "result", "after")


def _steps(session: Session, t: Callable[..., str]) -> tuple[list[tuple[str, str, str]], str]:
    """The flow an organizer follows, each step done, the current one, or later (not
    there yet); and one sentence on what to do now."""
    parsed, assigned = session.parsed is not None, session.result is not None
    seated = parsed and all(s.seats for s in session.shops)
    done = [parsed, parsed, seated, assigned, assigned, session.update is not None]
    shown = [True, parsed, parsed, parsed, assigned, True]
    # once assigned, what follows the event is next; before, the first step not done
    current = len(STEPS) - 1 if assigned else done.index(False)
    steps = [
        (
            step,
            t(title),
            "later"
            if not shown[i]
            else "current"
            if i == current
            else "done"
            if done[i]
            else "later",
        )
        for i, (step, title) in enumerate(zip(STEPS, STEP_TITLES, strict=True))
    ]
    return steps, t(f"next_{STEPS[current]}")


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """A table for the page: an empty cell where a value is missing (never "nan")."""
    return table.astype(object).where(table.notna(), "")


KEEPABLE = ("cancelled", "incomplete")  # rows an organizer may count after all


def _wish_slots(parsed: ParsedExport, t: Callable[..., str]) -> list[tuple[str, str]]:
    """One choice of column per rank, in rank order, the columns read now chosen, and
    one more for a further rank."""
    chosen = [str(c) for c in parsed.layout.columns]
    return [(t("wish", rank=i + 1), c) for i, c in enumerate([*chosen, ""])]


def _keepable(
    parsed: ParsedExport, session: Session, lang: Language
) -> list[tuple[int, str, bool]]:
    """Rows taken out as cancelled or never submitted, each a box to keep it, and the
    rows kept so far (ticked): (sheet row, what the row is, kept)."""
    key = parsed.people.key
    rows = []
    for position, reason in sorted(parsed.dropped.items()):
        if reason in KEEPABLE:
            who = str(parsed.table.frame.iloc[position][key])
            rows.append((int(parsed.table.rows[position]), f"{who} ({label(reason, lang)})", False))
    kept = session.overrides.get("keep_rows") or []
    assert isinstance(kept, list)
    return rows + [(int(row), "", True) for row in kept]


def _what_if_table(table: pd.DataFrame, t: Callable[..., str]) -> pd.DataFrame:
    """``what_if``'s table with its rank and unassigned columns in the page's words."""
    names = {
        c: t("wish", rank=str(c).removeprefix("rank "))
        if str(c).startswith("rank ")
        else t("unassigned")
        if c == "unassigned"
        else str(c)
        for c in table.columns
    }
    shown = table.rename(columns=names)
    return shown[[c for c in shown.columns if c not in ("feasible", "objective")]]


def _comparison_bars(table: pd.DataFrame, lang: Language) -> list[tuple[str, list[Any]]]:
    """Per mechanism, bars of people per rank received and without a place."""
    shown = comparison_table(table, lang)
    charted = [i for i, c in enumerate(table.columns) if str(c).startswith("rank")]
    charted.append(list(table.columns).index("unassigned"))
    values = table.to_numpy(dtype=np.int64)
    top = int(values[:, charted].max(initial=0)) or 1
    return [
        (
            str(name),
            [
                (str(shown.columns[i]), int(values[r, i]), round(100 * values[r, i] / top))
                for i in charted
            ],
        )
        for r, name in enumerate(shown.index)
    ]


def _names(result: wa.Result) -> tuple[list[str], list[str]]:
    """Each attendee's name as the printed rosters show it (else their key), and the
    key rosters are sorted by (the surname)."""
    keys = [str(k) for k in result.problem.keys]
    if result.problem.attributes is None:
        return keys, keys
    names, surnames = roster_names(result, result.problem.attributes)
    return [n or k for n, k in zip(names, keys, strict=True)], surnames


def _bars(items: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """(label, value, width in percent of the largest) for a CSS bar chart."""
    top = max((v for _, v in items), default=0) or 1
    return [(name, value, round(100 * value / top)) for name, value in items]


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
