#!/usr/bin/env bash
# The whole test suite from a fresh clone: set-up, then one pytest run over
#   - the models, data, CLI, apps and chapter rules (tests/),
#   - every chapter (converted from MyST) and every calculator notebook, executed by nbval,
#   - the strict book build, browser tests in Debian's chromium and the nginx deploy check.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
. scripts/env.sh
export HYPOTHESIS_PROFILE=ci
export PYTHONDONTWRITEBYTECODE=1
python scripts/chapters_to_notebooks.py build/nbval
python -m pytest tests build/nbval calculators \
  --nbval-lax --nbval-current-env --nbval-cell-timeout=300 \
  --cov=calculators --cov-report=term --cov-fail-under=95 \
  --timeout=1200 -p no:cacheprovider "$@"
