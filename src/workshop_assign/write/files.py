"""The files a run writes: never one it reads, never half a file, nothing left behind.

``protect`` refuses an output that *is* a file the run reads or another output of the
same run, by identity (the same file through a link, a ``..`` in the path, another
spelling), not by name.  ``atomic_path`` writes into a private temporary folder beside
the target and moves the finished file into place; the folder, with whatever a writer
library put there of its own, is removed whatever happens (an error, a full disk,
Ctrl-C).  The file gets the permissions any new file of the user gets (the umask), not
the owner-only ones of a temporary file, so that colleagues on a shared drive can open it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from workshop_assign.errors import InputError, OutputError
from workshop_assign.text import worded

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def never_formula(text: str) -> str:
    """Text a spreadsheet opening the file shows as text, never runs as a formula: one
    starting like a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


SEND_LOG_SUFFIX = ".sent.csv"
SEND_LOG_HEADER = ("attendee", "message", "status", "time", "server")


def is_send_log(path: Path) -> bool:
    """True for a send log of ``notify``: named like one, or starting with its header."""
    if path.name.endswith(SEND_LOG_SUFFIX):
        return True
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline(200).strip() == ",".join(SEND_LOG_HEADER)
    except (OSError, UnicodeDecodeError):
        return False


def protect(
    reads: Sequence[tuple[str, Path | None]],
    writes: Sequence[Path | None],
    *,
    log: Path | None = None,
) -> None:
    """Refuse before anything is written when an output is an input, another output, or
    a send log (overwriting it would send every message again).

    ``reads`` pairs each file the run reads with what it is ("the export", "the
    workshops file", ...); ``log`` is the run's own send log (``notify``), which it may
    write but which may be no input.
    """
    outputs = [w for w in writes if w is not None]
    for target in outputs:
        if target != log and is_send_log(target):
            raise InputError(worded("output_is_log", target=target))
    for number, target in enumerate(outputs):
        if target.is_dir():
            raise InputError(worded("output_folder", target=target))
        for role, source in reads:
            if source is not None and _same(target, source):
                raise InputError(worded("output_is_input", target=target, role=role))
        for other in outputs[number + 1 :]:
            if _same(target, other):
                raise InputError(worded("output_twice", target=target))


def _same(first: Path, second: Path) -> bool:
    """The same file: the same inode where both exist, else the same resolved path."""
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
        return first.resolve() == second.resolve()
    except OSError:
        return False


_STAGED: ContextVar[list[tuple[Path, Path, Path]] | None] = ContextVar("staged", default=None)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A path in a private temporary folder beside ``target``; on success the file (or
    folder) made there replaces ``target``.  The folder is removed in every case.

    Inside ``all_or_nothing()`` the move waits for the end of that block, so that a run
    with several outputs leaves all of them or none."""
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(worded("no_folder", target=target, parent=parent))
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as error:
        raise OutputError(f"{target}: cannot be written ({_reason(error)})") from None
    staged = _STAGED.get()
    moved = False
    try:
        temporary = folder / target.name
        try:
            yield temporary
        except OSError as error:  # a full disk, a quota: say which file, in one line
            reason = _reason(error)
            raise OutputError(worded("cannot_write", name=target, reason=reason)) from None
        os.chmod(temporary, (0o777 if temporary.is_dir() else 0o666) & ~_umask())
        if staged is not None:
            staged.append((temporary, target, folder))
            moved = True  # the block's end moves it (or removes it)
        else:
            os.replace(temporary, target)
    finally:
        if not moved:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """Every ``atomic_path`` finished inside the block is moved into place when the whole
    block succeeded; on an error (or Ctrl-C) none is, and nothing is left behind."""
    staged: list[tuple[Path, Path, Path]] = []
    token = _STAGED.set(staged)
    try:
        yield
        for temporary, target, _ in staged:
            os.replace(temporary, target)
    finally:
        _STAGED.reset(token)
        for _, _, folder in staged:
            shutil.rmtree(folder, ignore_errors=True)


def private_folder(temporary: Path) -> str:
    """The folder a writer library may use for its own temporary files (removed with
    the temporary file's folder)."""
    return str(temporary.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
