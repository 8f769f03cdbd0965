"""Every example script and every Python snippet in the README runs."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).parent.parent


def test_smart_cities_example_writes_every_attendee(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["smart_cities.py", str(tmp_path)])
    runpy.run_path(str(ROOT / "examples" / "smart_cities.py"), run_name="__main__")
    written = pd.read_csv(tmp_path / "zuteilung.csv")
    export = pd.read_csv(ROOT / "examples" / "smart_cities_anmeldungen.csv")
    assert written["attendee"].tolist() == export["E-Mail"].tolist()
    assert written["workshop"].notna().all()


def test_readme_python_snippets_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert snippets
    for snippet in snippets:
        exec(compile(snippet, "README.md", "exec"), {})
