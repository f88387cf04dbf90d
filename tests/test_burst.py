"""Five visitors open the formatie app within two seconds through nginx and each changes the
number of youths once: no errors, everyone sees the answer for their own number, and every
kernel is shut down when its page closes.

The visitors are benchmarks/voila_client.py sessions (the page request, the kernel websocket and
the widget messages a browser sends), not browsers; benchmarks/burst.py runs the same with 25.
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run_async

sys.path.insert(0, str(ROOT / "benchmarks"))
from burst import burst  # noqa: E402

pytestmark = pytest.mark.slow

# The formation norm is 1.0-1.2 fte per 10,000 youths (data/parameters.csv fte_per_10k: AEF,
# as summarised in the Hillegom annex, L2002-2003). Worked out by hand for the number each visitor
# types: 10,000 youths -> 1.0 x 1 = 1.00 and 1.2 x 1 = 1.20 fte; 11,000 -> 1.10-1.32; 12,000 ->
# 1.20-1.44; 13,000 -> 1.30-1.56; 14,000 -> 1.40-1.68; as the sentence writes them (Dutch format).
EXPECTED = {"10000": ("10.000 jeugdigen", "1,00–1,20 fte"), "11000": ("11.000 jeugdigen", "1,10–1,32 fte"),
            "12000": ("12.000 jeugdigen", "1,20–1,44 fte"), "13000": ("13.000 jeugdigen", "1,30–1,56 fte"),
            "14000": ("14.000 jeugdigen", "1,40–1,68 fte")}


def test_five_visitors_within_two_seconds(apps_url: str) -> None:
    report = run_async(burst(apps_url, "formatie", sessions=5, spread=2.0, timeout=60.0, voila_pids=[]))
    assert report["errors"] == 0, report["error_reasons"]
    visitors = report["visitors"]
    assert sorted(v["value"] for v in visitors) == sorted(EXPECTED)
    for v in visitors:
        youths, formation = EXPECTED[v["value"]]
        assert youths in v["sentence"] and formation in v["sentence"], (v["value"], v["sentence"])
    assert len({v["kernel_id"] for v in visitors}) == 5  # one kernel per visitor
    assert report["session_kernels_left_after_close"] == 0  # the shutdown beacon reached each kernel
