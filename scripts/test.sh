#!/usr/bin/env bash
# The test suite from a fresh clone: set-up, then one pytest run.
#
#   ./scripts/test.sh            the whole suite:
#     - the models, data, CLI, apps, chapter rules, ruff and mypy (tests/),
#     - every chapter (converted from MyST) and every calculator notebook, executed by nbval,
#     - the strict book build, browser tests in Debian's chromium and the nginx deploy check;
#     with the coverage gate (95 % of calculators/) when no further pytest arguments are given;
#     tests/ in one process by default; FULL_WORKERS=2 runs them on both cores (pytest-xdist, a module
#     at a time, the modules of the book build together on one worker: tests/conftest.py, suite_scope),
#     about 12 min instead of 16, but two timed tests (serve.sh's second start < 30 s, the pool's quiet
#     refill) failed there once with the other worker busy; then nbval.
#   ./scripts/test.sh --fast     every test that needs no book build, browser or server
#     (-m "not slow and not browser"), on both cores (pytest-xdist), without the playwright and nbval plugins,
#     hypothesis profile 'dev' (100 examples per property instead of 1,000), no coverage.
#   ./scripts/test.sh ARGS...    the whole suite's configuration with pytest ARGS (e.g. -k NAME), no gate.
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
if [ "${1:-}" = "--fast" ]; then
  fast=1
  shift
fi
# shellcheck source=scripts/env.sh
. scripts/env.sh
export PYTHONDONTWRITEBYTECODE=1
if [ "$fast" = 1 ]; then
  export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-dev}"
  exec python -m pytest tests -m "not slow and not browser" -p no:playwright --ignore-glob='tests/test_browser_*' \
    -p no:nbval -n "${FAST_WORKERS:-2}" --timeout=300 -p no:cacheprovider "$@"
fi
export HYPOTHESIS_PROFILE=ci
gate=()
if [ "$#" -eq 0 ]; then
  gate=(--cov-fail-under=95)
fi
python scripts/chapters_to_notebooks.py build/nbval
# The tests on both cores; then the notebooks in one process of their own, whose kernels coverage
# measures too (pytest-cov's subprocess support: the chapters run calculators/book.py and charts.py),
# appended to the first run's data, and the coverage gate over both.
# (In a pytest-xdist worker after browser tests, an nbval kernel died at its start and nbval waited
# for it without end, in jupyter_core's task runner since Playwright's event loop was running in that
# process; why the kernel died is not known.)
status=0
python -m pytest tests -n "${FULL_WORKERS:-0}" --dist loadscope -p no:nbval \
  --cov=calculators --cov-report= \
  --timeout=1200 -p no:cacheprovider "$@" || status=$?
nbval=0
python -m pytest build/nbval calculators \
  --nbval-lax --nbval-current-env --nbval-cell-timeout=300 \
  --cov=calculators --cov-append --cov-report=term "${gate[@]}" \
  --timeout=1200 -p no:cacheprovider "$@" || nbval=$?
if [ "$#" -gt 0 ]; then  # a subset (-k NAME) may select nothing in one of the two runs
  [ "$status" = 5 ] && status=0
  [ "$nbval" = 5 ] && nbval=0
fi
if [ "$status" != 0 ]; then
  exit "$status"
fi
exit "$nbval"
