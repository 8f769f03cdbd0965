"""Argument types of the command line: each value checked where it is typed.

A malformed or absurd value (a cost of 2^63, a time limit of ``nan``, a separator of
two characters) is a usage error with one line, exit code 2, before anything is read.
"""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING, TypeAlias

from workshop_assign.core import LARGEST

if TYPE_CHECKING:  # argparse names the object add_subparsers returns only privately
    Subcommands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subcommands = argparse._SubParsersAction


def count(text: str) -> int:
    """A whole number from 0 to ``LARGEST`` (seats, costs, people)."""
    if not text.strip().isdigit() or int(text) > LARGEST:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number from 0 to {LARGEST:,}")
    return int(text)


def positive(text: str) -> float:
    """A number above 0 (a rate)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= LARGEST:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number above 0")
    return value


def row_number(text: str) -> int:
    """A row of a sheet as the spreadsheet numbers it (from 1)."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 1_048_576:
        raise argparse.ArgumentTypeError(f"{text!r}: give a row number from 1 to 1,048,576")
    return int(text)


def seconds(text: str) -> float:
    """A finite, positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds > 0, e.g. 60")
    return value


def delimiter(text: str) -> str:
    """One separator character; ``tab`` or ``\\t`` for a tab."""
    if text in ("tab", "\\t"):
        return "\t"
    if len(text) != 1 or text in '"\r\n':
        raise argparse.ArgumentTypeError(
            f"{text!r}: give one separator character, e.g. ';' or ',' (or tab)"
        )
    return text


def capacity(text: str) -> tuple[str, int]:
    """``NAME=SEATS``."""
    name, sep, seats = text.rpartition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(
            f"{text!r}: write NAME=SEATS, e.g. 'Digitale Zwillinge=40'"
        )
    return name.strip(), count(seats.strip())


def costs(text: str) -> tuple[int, ...]:
    """Rank costs ``0,1,3``."""
    parts = [p.strip() for p in text.split(",")]
    if not all(p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(
            f"{text!r}: write whole numbers separated by commas, e.g. 0,1,3"
        )
    return tuple(count(p) for p in parts)
