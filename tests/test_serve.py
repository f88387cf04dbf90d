"""A second start of the main job rebuilds only what changed (scripts/build_state.py, scripts/serve.sh)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT, BookBuild, free_port

sys.path.insert(0, str(ROOT / "scripts"))
from build_state import decide, is_text  # noqa: E402

BASE = {"book/chapters/09-capaciteit-en-formatie.md": "a", "book/_config.yml": "b", "data/parameters.csv": "c",
        "calculators/staffing/model.py": "d"}


def test_nothing_changed_means_no_build() -> None:
    assert decide(dict(BASE), dict(BASE)) == "none"


def test_clean_or_no_previous_build_means_full() -> None:
    assert decide(dict(BASE), dict(BASE), clean=True) == "full"
    assert decide(dict(BASE), None) == "full"
    assert decide(dict(BASE), dict(BASE), built=False) == "full"  # the build folder was removed


def test_chapter_text_alone_rebuilds_incrementally() -> None:
    changed = {**BASE, "book/chapters/09-capaciteit-en-formatie.md": "a2"}
    assert decide(changed, dict(BASE)) == "incremental"


@pytest.mark.parametrize("path", ["data/parameters.csv", "calculators/staffing/model.py", "book/_config.yml"])
def test_a_change_the_pages_compute_from_means_full(path: str) -> None:
    # Sphinx does not know that chapter 9 reads data/ through calculators/: only a clean build is safe.
    assert decide({**BASE, path: "changed"}, dict(BASE)) == "full"


def test_a_new_or_removed_input_counts_as_a_change() -> None:
    assert decide({**BASE, "data/tables/new.csv": "x"}, dict(BASE)) == "full"
    smaller = dict(BASE)
    del smaller["calculators/staffing/model.py"]
    assert decide(smaller, dict(BASE)) == "full"


def test_only_page_text_is_text() -> None:
    assert is_text("book/chapters/01-leeswijzer.md") and is_text("book/intro.md")
    assert not is_text("book/_templates/x.md") and not is_text("book/references.bib") and not is_text("data/x.md")


@pytest.mark.slow
def test_second_start_without_changes_serves_within_30_seconds(built_book: BookBuild) -> None:
    """After the full build (the built_book fixture does what serve.sh's first start does), a second
    start finds nothing changed and serves book, PDF and apps within 30 s."""
    assert built_book.returncode == 0
    env = {**os.environ, "BOOK_PORT": str(free_port()), "VOILA_PORT": str(free_port())}
    if os.geteuid() == 0:  # the first start as root also made the account's runtime copy (runtime.py)
        subprocess.run([sys.executable, "-m", "calculators.serving.runtime", "prepare"], cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL, check=True, timeout=600)
    start = time.monotonic()
    proc = subprocess.run(["bash", "scripts/serve.sh", "--exit-when-ready"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    seconds = time.monotonic() - start
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "nothing changed since the last build" in proc.stdout
    assert "serve: kernels: 1 process(es) x " in proc.stderr  # the kernel cap x memory limit budget
    assert seconds < 30, f"second start took {seconds:.1f} s"
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "serve-second-start-seconds.txt").write_text(f"{seconds:.1f}\n")


def test_serve_refuses_an_unknown_option() -> None:
    proc = subprocess.run(["bash", "scripts/serve.sh", "--bogus"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "unknown option --bogus" in proc.stderr

