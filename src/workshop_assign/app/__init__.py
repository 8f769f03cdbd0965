"""A local web page for organizers who never open a terminal: ``workshop-assign app``.

Starlette serves one server-rendered page (Jinja2, autoescaped) with the organizer's
steps as forms, plus a small script and stylesheet shipped in ``static/`` — no CDN, no
front-end build, nothing leaves the machine.  Why this stack: Starlette is small and
well kept, and its middleware seam makes the safety checks one readable class
(``guard``); forms that post and redirect need no client framework; Jinja2 escapes
every value from an export by default.

``create_app`` builds the application (tests drive it with Starlette's test client);
``serve`` binds 127.0.0.1, prints the address with its access key and runs until
Ctrl-C, removing its temporary folder on the way out.
"""

from __future__ import annotations

import contextlib
import secrets
import signal
import socket
import tempfile
import webbrowser
from pathlib import Path
from typing import TextIO

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from workshop_assign.app.guard import Guard, GuardSettings
from workshop_assign.app.pages import HERE, Pages
from workshop_assign.app.state import Sessions
from workshop_assign.text import Language

UPLOAD_LIMIT = 50 * 2**20  # bytes: larger uploads get a clear message


def create_app(
    *,
    token: str,
    hosts: set[str],
    root: Path,
    lang: Language | None = None,
    preload: Path | None = None,
    upload_limit: int = UPLOAD_LIMIT,
) -> Guard:
    """The page behind its guard; sessions keep their files under ``root``."""
    sessions = Sessions(root, lang, upload_limit)
    pages = Pages(sessions, preload)
    routes = [
        Route("/", pages.page),
        Route("/upload", pages.action(pages.upload), methods=["POST"]),
        Route("/read", pages.action(pages.reread), methods=["POST"]),
        Route("/solve", pages.action(pages.solve), methods=["POST"]),
        Route("/update", pages.action(pages.update), methods=["POST"]),
        Route("/compare", pages.action(pages.compare), methods=["POST"]),
        Route("/lang", pages.action(pages.language), methods=["POST"]),
        Route("/search", pages.search),
        Route("/download/{kind}", pages.download),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    settings = GuardSettings(token, frozenset(hosts), upload_limit, pages.refused)
    return Guard(Starlette(routes=routes), settings)


def serve(
    *,
    port: int = 0,
    export: Path | None = None,
    lang: Language | None = None,
    browser: bool = True,
    out: TextIO,
    upload_limit: int = UPLOAD_LIMIT,
) -> None:
    """Run the page on 127.0.0.1 until interrupted (see the module docstring)."""
    import uvicorn  # noqa: PLC0415  # the app extra; imported when the page is served

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(128)  # connections wait from now on, before the address is printed
    port = listener.getsockname()[1]
    token = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="workshop-assign-") as folder:
        app = create_app(
            token=token,
            hosts={f"127.0.0.1:{port}", f"localhost:{port}"},
            root=Path(folder),
            lang=lang,
            preload=export,
            upload_limit=upload_limit,
        )
        url = f"http://127.0.0.1:{port}/?token={token}"
        out.write(f"open {url}\n")
        out.flush()
        if browser:
            webbrowser.open(url)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        # uvicorn stops by itself on Ctrl-C and SIGTERM; a closed terminal (SIGHUP) asks
        # it the same way, so that every stop signal ends with the folder removed
        signal.signal(signal.SIGHUP, server.handle_exit)
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops, then passes Ctrl-C on
            server.run(sockets=[listener])
