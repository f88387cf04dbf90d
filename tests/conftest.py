"""Shared test configuration.

Hypothesis runs 1,000 examples per property in CI (HYPOTHESIS_PROFILE=ci, set by
scripts/test.sh) and 100 during development.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
