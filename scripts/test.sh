#!/usr/bin/env bash
# The test suite from a fresh clone: set-up, then one pytest run.
#
#   ./scripts/test.sh            the whole suite:
#     - the models, data, CLI, apps, chapter rules, ruff and mypy (tests/),
#     - every chapter (converted from MyST) and every calculator notebook, executed by nbval,
#     - the strict book build, browser tests in Debian's chromium and the nginx deploy check;
#     with the coverage gate (95 % of calculators/) when no further pytest arguments are given.
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
python -m pytest tests build/nbval calculators \
  --nbval-lax --nbval-current-env --nbval-cell-timeout=300 \
  --cov=calculators --cov-report=term "${gate[@]}" \
  --timeout=1200 -p no:cacheprovider "$@"
