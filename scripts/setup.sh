#!/usr/bin/env bash
# Idempotent set-up for a fresh clone (Python 3.11–3.13 + the package registries):
#   - .venv with the pinned packages of requirements.txt and this project (editable);
#   - Debian packages: chromium (browser tests, PDF edition), nginx (deploy check),
#     poppler-utils (pdftoppm: the PDF test renders pages to images) and rsync (serve.sh as root);
#   - self-hosted JavaScript for the book (no CDN at run time).
# Re-running is cheap: pip only runs when requirements.txt or pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Python 3.11–3.13: the pinned requirements install on all three. CI and the README's figures use 3.11,
# which is preferred when present; otherwise the machine's python3 if it is in range.
supported='import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))'
python_bin=${PYTHON:-}
if [ -n "$python_bin" ] && ! "$python_bin" -c "$supported" 2>/dev/null; then
  echo "setup: $python_bin is not Python 3.11, 3.12 or 3.13" >&2
  exit 1
fi
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3 python3.12 python3.13; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$supported"; then
      python_bin=$candidate; break
    fi
  done
fi
if [ -z "$python_bin" ]; then
  echo "setup: Python 3.11, 3.12 or 3.13 is required (set PYTHON=/path/to/python3.x)" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $python_bin"
  "$python_bin" -m venv .venv
fi

stamp=.venv/.installed.sha256
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing pinned Python packages (requirements.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements.txt
  .venv/bin/python -m pip install -q --no-deps -e .
  echo "$want" > "$stamp"
fi

# Debian packages, installed only when missing. As root directly, else via sudo.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)   # renders PDF pages in tests/test_pdf_edition.py
command -v rsync >/dev/null 2>&1 || missing+=(rsync)   # serve.sh as root: the runtime copy (calculators/serving/runtime.py)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

.venv/bin/python scripts/vendor_assets.py
