#!/usr/bin/env bash
# Re-pin requirements.txt from requirements.in in a throw-away virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3.11 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --upgrade pip
"$tmp/venv/bin/pip" install -q -r requirements.in
"$tmp/venv/bin/pip" freeze --exclude-editable > requirements.txt
rm -rf "$tmp"
echo "requirements.txt: $(wc -l < requirements.txt) pinned packages"
