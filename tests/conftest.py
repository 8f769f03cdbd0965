"""Shared test set-up: hypothesis profiles and small problem builders."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# "ci" is derandomised so that a red CI run can be reproduced exactly; "dev" explores.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=150)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))
