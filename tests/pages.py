"""A browser tab on the local page through Starlette's test client, shared by the page's
tests: its workspace, its form token, uploads and the parts of a page by test id."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from starlette.testclient import TestClient

from workshop_assign.app import create_app

EXAMPLE = Path(__file__).parents[1] / "examples" / "smart_cities_anmeldungen.xlsx"
TOKEN = "k" * 32


class Tab:
    """One browser tab: its client (the browser's cookies) and its workspace."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        first = client.get("/")
        assert first.status_code == 200
        self.w = parse_qs(urlparse(str(first.url)).query)["w"][0]

    def page(self) -> str:
        return self.client.get("/", params={"w": self.w}).text

    def csrf(self) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.page())
        assert found is not None
        return found.group(1)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.client.post(path, params={"w": self.w}, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        params = {"w": self.w, **kwargs.pop("params", {})}
        return self.client.get(path, params=params, **kwargs)


def page_client(tmp_path: Path, *, limit: int = 50 * 2**20, token: bool = True) -> TestClient:
    root = tmp_path / "sessions"
    root.mkdir(exist_ok=True)
    app = create_app(token=TOKEN, hosts={"testserver"}, root=root, upload_limit=limit)
    client = TestClient(app, base_url="http://testserver")
    if token:
        assert client.get(f"/?token={TOKEN}").status_code == 200  # sets the cookie
    return client


def page_tab(tmp_path: Path, *, limit: int = 50 * 2**20) -> Tab:
    return Tab(page_client(tmp_path, limit=limit))


def upload(tab: Tab, path: Path, token: str | None = None) -> str:
    with path.open("rb") as handle:
        files = {"export": (path.name, handle.read())}
    response = tab.post("/upload", data={"csrf": token or tab.csrf()}, files=files)
    assert response.status_code == 200  # followed the redirect back to the page
    return str(response.text)


def by_testid(html: str, name: str) -> str:
    found = re.search(rf'data-testid="{name}"[^>]*>(.*?)</', html, re.S)
    assert found is not None, name
    return found.group(1)
