"""benchmarks/seeded_bugs.py plants each bug by an exact text replacement: the text must still be there,
once, or the bug is silently not planted (the suppression threshold's text had gone stale once)."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from seeded_bugs import BUGS  # noqa: E402


@pytest.mark.parametrize("bug", BUGS, ids=[b.item[:60] for b in BUGS])
def test_every_seeded_bug_still_finds_its_line(bug) -> None:  # noqa: ANN001
    source = (ROOT / bug.file).read_text(encoding="utf-8")
    assert source.count(bug.old) == 1, f"{bug.file}: {bug.old!r}"
    for test in bug.tests:
        path = test.split("::")[0]
        assert (ROOT / path).is_file() and test.split("::")[1].split("[")[0] in (ROOT / path).read_text(), test
