"""The package works as installed from its wheel, not only from the checkout: the wheel
(and the sdist) build from a copy of the sources, the wheel installs into a fresh
virtual environment, and there ``workshop-assign solve`` assigns the bundled example
and ``workshop-assign app`` serves the page with its templates and static files.

Offline: the fresh environment installs only the wheel itself (``--no-deps``) and
finds ortools, pandas and the others in this environment's site-packages through a
path file, which does not run this environment's editable install; the test checks
that the package imported there is the installed one."""

from __future__ import annotations

import re
import shutil
import site
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".git", ".venv", "site", "dist", "build", "out", ".peers", "__pycache__", ".cache"}


def _run(*command: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], check=False, capture_output=True, text=True, cwd=cwd, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel installed; returns its bin folder."""
    base = tmp_path_factory.mktemp("wheel")
    sources = base / "sources"
    shutil.copytree(ROOT, sources, ignore=lambda _, names: [n for n in names if n in SKIP])
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", base / "dist", cwd=sources)
    wheels = list((base / "dist").glob("*.whl"))
    assert len(wheels) == 1 and list((base / "dist").glob("*.tar.gz"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    assert {"workshop_assign/py.typed", "workshop_assign/app/templates/page.html"} <= names
    assert any(n.startswith("workshop_assign/app/static/") for n in names)
    environment = base / "env"
    _run(sys.executable, "-m", "venv", environment)
    bin_dir = environment / "bin"
    _run(
        bin_dir / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheels[0]
    )
    packages = _run(bin_dir / "python", "-c", "import site; print(site.getsitepackages()[0])")
    (Path(packages.strip()) / "host-packages.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    return bin_dir


@pytest.mark.slow
def test_the_installed_package_is_the_wheel_and_solves_the_example(
    installed: Path, tmp_path: Path
) -> None:
    where = _run(
        installed / "python", "-c", "import workshop_assign; print(workshop_assign.__file__)"
    )
    assert str(installed.parent) in where and str(ROOT / "src") not in where
    target = tmp_path / "zuteilung.xlsx"
    _run(
        installed / "workshop-assign",
        "solve",
        ROOT / "examples/smart_cities_anmeldungen.xlsx",
        "-o",
        target,
    )
    assert target.stat().st_size > 0


@pytest.mark.slow
def test_the_installed_app_serves_the_page(installed: Path) -> None:
    command = [str(installed / "workshop-assign"), "app", "--no-browser", "--port", "0"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as app:
        assert app.stdout is not None
        try:
            line = app.stdout.readline()
            assert re.fullmatch(r"open (http://127\.0\.0\.1:\d+/\?token=[\w-]+)\n", line), line
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
            with opener.open(line.split()[1], timeout=30) as response:
                page = response.read().decode()
                assert response.status == 200
            style = re.search(r'href="([^"]+\.css)"', page)
            assert style is not None  # the static files come from the wheel too
            base = line.split()[1].split("/?")[0]
            with opener.open(base + style.group(1), timeout=30) as response:
                assert response.status == 200 and b"{" in response.read()
        finally:
            app.terminate()
        assert app.wait(timeout=30) in (0, 130, -15)
