#!/usr/bin/env bash
# The main job: set everything up, build the handbook strictly (HTML and PDF), and serve it
# with the Voila calculators on http://127.0.0.1:8000/ (book) and /apps/ (calculators).
# Stop with Ctrl-C. Ports: BOOK_PORT (8000), VOILA_PORT (8866).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
. scripts/env.sh
book_port=${BOOK_PORT:-8000}
voila_port=${VOILA_PORT:-8866}

echo "serve: building the handbook (strict: warnings are errors)"
start=$(date +%s)
jupyter-book clean --all book >/dev/null
jupyter-book build book --all -W -n --keep-going
python scripts/build_pdf.py
echo "serve: book and PDF built in $(( $(date +%s) - start )) s"

state=.state/serve
mkdir -p "$state"
voila calculators/ --no-browser --port="$voila_port" --Voila.base_url=/apps/ >"$state/voila.log" 2>&1 &
voila_pid=$!
conf=$(python deploy/render_nginx.py --root book/_build/html --state "$state/nginx" --port "$book_port" --voila-port "$voila_port")
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx_bin" -c "$PWD/$conf" -p "$PWD/$state/nginx" -g "daemon off;" &
nginx_pid=$!
trap 'kill $voila_pid $nginx_pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM

python scripts/wait_for.py "http://127.0.0.1:$voila_port/apps/" "http://127.0.0.1:$book_port/"
cat <<MSG

  Handboek POH-Jeugd:   http://127.0.0.1:$book_port/
  PDF-editie:           http://127.0.0.1:$book_port/_static/handboek-poh-jeugd.pdf
  Rekentools (Voila):   http://127.0.0.1:$book_port/apps/voila/render/formatie.ipynb
                        http://127.0.0.1:$book_port/apps/voila/render/terugverdienen.ipynb
                        http://127.0.0.1:$book_port/apps/voila/render/verwijsaandeel.ipynb
                        http://127.0.0.1:$book_port/apps/voila/render/evaluatie.ipynb
  Stop with Ctrl-C.
MSG
wait
