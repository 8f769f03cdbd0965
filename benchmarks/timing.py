"""Timing one step, and the fastest of several runs (shared by the benchmark cases)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def timed(step: Callable[[], Any]) -> tuple[Any, float]:
    """The step's value and its seconds."""
    start = time.perf_counter()
    value = step()
    return value, time.perf_counter() - start


def best_of(repeats: int, step: Callable[[], Any]) -> tuple[Any, float]:
    """The value and the fastest of several timings (the least disturbed by noise)."""
    runs = [timed(step) for _ in range(repeats)]
    return runs[0][0], min(seconds for _, seconds in runs)
