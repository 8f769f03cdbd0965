"""Every Python block in the README and the documentation site runs, in order, one
namespace per page, in a fresh folder (the bundled example beside it): a snippet that
no longer works fails here, not in a reader's hands.  The site itself is built by
``make docs`` (strict, in CI)."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(page: Path) -> list[str]:
    return FENCE.findall(page.read_text(encoding="utf-8"))


def test_the_pages_with_python_are_the_ones_expected() -> None:
    """A guard on the collector: the pages that teach Python have blocks to run."""
    with_code = {p.relative_to(ROOT).as_posix() for p in PAGES if blocks(p)}
    assert {
        "README.md",
        "docs/python/getting-started.md",
        "docs/python/rules.md",
        "docs/python/after.md",
        "docs/python/research.md",
        "docs/explain/model.md",
        "docs/python/tour.md",
    } <= with_code


@pytest.mark.parametrize(
    "page", [p for p in PAGES if blocks(p)], ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_every_python_block_runs(page: Path, tmp_path: Path) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        for number, code in enumerate(blocks(page), start=1):
            with contextlib.redirect_stdout(io.StringIO()):
                try:
                    exec(compile(code, f"{page.name}, block {number}", "exec"), namespace)
                except Exception as error:
                    raise AssertionError(f"{page.name}, block {number}: {error!r}") from error
    finally:
        os.chdir(before)
