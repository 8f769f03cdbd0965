"""Small helpers shared by the command-line tests."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in a fresh process, as an organizer would run it."""
    return subprocess.run(
        [sys.executable, "-m", "workshop_assign", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def digest(path: Path) -> str:
    """SHA-256 of a file, to show that it was not changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
