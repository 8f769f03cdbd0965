"""The gate in front of every request: a server on a laptop that holds personal data.

Checked in this order, before any route runs:

1. ``Host`` must name this server (``127.0.0.1:PORT`` or ``localhost:PORT``): a page
   on another site that rebinds its DNS name to 127.0.0.1 sends its own name and is
   refused.
2. ``Origin``, when a browser sends one, must be this server: a cross-site form post
   is refused.
3. The access key: the printed address carries ``?token=…``; that request sets a cookie
   (HttpOnly, SameSite=Strict) and redirects to the same address without the key;
   every later request must bring the cookie.
4. Bodies larger than the upload limit get a clear page (413), checked from the
   declared length and again while the body streams in.

A state-changing request also needs the session's CSRF token in its form; that is
checked by the routes (``Sessions.check_csrf``), which own the form.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.responses import HTMLResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "wa_token"


class TooLargeError(Exception):
    """The body grew past the limit while it was being received."""


@dataclass(frozen=True, slots=True)
class GuardSettings:
    token: str
    hosts: frozenset[str]  # e.g. {"127.0.0.1:8765", "localhost:8765"}
    upload_limit: int  # bytes
    refused: Callable[..., HTMLResponse]  # (the reason key, status, back=workspace) -> page


class Guard:
    """ASGI middleware doing the checks of the module docstring."""

    def __init__(self, app: ASGIApp, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        settings = self.settings
        if headers.get("host", "") not in settings.hosts:
            await settings.refused("forbidden", 403)(scope, receive, send)
            return
        origin = headers.get("origin")
        if origin is not None and origin not in {f"http://{h}" for h in settings.hosts}:
            await settings.refused("forbidden", 403)(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [""])[0]
        if given and hmac.compare_digest(given, settings.token):
            rest = {k: v for k, v in query.items() if k != "token"}
            target = scope["path"] + (("?" + urlencode(rest, doseq=True)) if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        cookie = _cookies(headers).get(TOKEN_COOKIE, "")
        if not hmac.compare_digest(cookie, settings.token):
            await settings.refused("forbidden", 403)(scope, receive, send)
            return
        declared = headers.get("content-length", "0")
        back = _workspace(scope)  # the owner of the page: lead them back to it
        if declared.isdigit() and int(declared) > settings.upload_limit:
            await settings.refused("too_large", 413, back=back)(scope, receive, send)
            return
        try:
            await self.app(scope, _limited(receive, settings.upload_limit), send)
        except TooLargeError:
            await settings.refused("too_large", 413, back=back)(scope, receive, send)


def _workspace(scope: Scope) -> str | None:
    """The workspace a request comes from (``?w=``), when it is one the page could have
    made (letters, digits, ``-`` and ``_``)."""
    found = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("w", [""])[0]
    return found if re.fullmatch(r"[\w-]{1,64}", found, re.ASCII) else None


def _limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that stops a body growing past ``limit`` bytes."""
    seen = 0

    async def limited() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLargeError
        return message

    return limited


def _headers(scope: Scope) -> dict[str, str]:
    raw: Iterable[tuple[bytes, bytes]] = scope.get("headers", [])
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw}


def _cookies(headers: dict[str, Any]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:  # a malformed cookie header is no cookie
        return {}
    return {k: v.value for k, v in jar.items()}
