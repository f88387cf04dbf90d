#!/usr/bin/env bash
# The main job: set everything up, build the handbook strictly (HTML and PDF), and serve it
# with the Voila calculators on http://127.0.0.1:8000/ (book) and /apps/ (calculators).
# Stop with Ctrl-C. Ports: BOOK_PORT (8000), VOILA_PORT (8866). VOILA_PROCESSES (1): how many
# Voila processes serve the apps (ports VOILA_PORT, VOILA_PORT+1, ...; nginx routes each page's
# kernel to its own process, see deploy/README.md). MAX_KERNELS (per process) and KERNEL_MEMORY_MB
# (per kernel; defaults in voila.json): the cap times the limit must fit the machine's memory, else
# the cap is lowered (calculators/serving/budget.py); the budget is printed at start.
# APP_POOL: ready kernels (app already executed) per app in POOL_APPS (default: every app), e.g.
# APP_POOL=25 POOL_APPS=formatie for a class that opens one app at once; within the budget above.
# WS_PER_ADDRESS: open app websockets one client address may hold (10; a class behind one school
# address needs its size).
# SERVER_NAMES: the site's host names besides localhost/127.0.0.1 (space-separated, e.g. a
# municipality's own name); requests for any other Host header are dropped.
# Started as root, nginx's workers, Voila and its kernels run as SERVE_USER (default pohjeugd, created
# when missing), from a runtime copy (SERVE_RUNTIME) when that account cannot read the checkout; logs
# and state then live in the runtime folder (calculators/serving/runtime.py, deploy/README.md).
#   --clean          rebuild everything (clean strict build with execution, and the PDF)
#   --build-only     build, then exit without serving
#   --exit-when-ready  serve until both servers answer, print the addresses, then stop (tests)
# A second start rebuilds only what changed (scripts/build_state.py): nothing, the changed pages,
# or everything when data/, calculators/ or the book's configuration changed.
set -euo pipefail
cd "$(dirname "$0")/.."
clean=""; build_only=0; exit_when_ready=0
for arg in "$@"; do
  case "$arg" in
    --clean) clean="--clean" ;;
    --build-only) build_only=1 ;;
    --exit-when-ready) exit_when_ready=1 ;;
    *) echo "serve: unknown option $arg (known: --clean, --build-only, --exit-when-ready)" >&2; exit 2 ;;
  esac
done
# shellcheck source=scripts/env.sh
. scripts/env.sh
book_port=${BOOK_PORT:-8000}
voila_port=${VOILA_PORT:-8866}
voila_processes=${VOILA_PROCESSES:-1}
case "$voila_processes" in
  [1-9]|1[0-6]) ;;
  *) echo "serve: VOILA_PROCESSES must be a whole number from 1 to 16, not '$voila_processes'" >&2; exit 2 ;;
esac

start=$(date +%s)
mode=$(python scripts/build_state.py decide $clean)
case "$mode" in
  full)
    echo "serve: building the handbook from scratch (strict: warnings are errors)"
    jupyter-book clean --all book >/dev/null
    jupyter-book build book --all -W -n --keep-going
    python scripts/build_pdf.py ;;
  incremental)
    echo "serve: only chapter text changed: rebuilding those pages (strict) and the PDF"
    jupyter-book build book -W -n --keep-going
    python scripts/build_pdf.py ;;
  none)
    echo "serve: nothing changed since the last build: serving it as it is (--clean rebuilds everything)" ;;
esac
python scripts/build_state.py record
echo "serve: book ready in $(( $(date +%s) - start )) s ($mode)"
[ "$build_only" -eq 1 ] && exit 0

# kernel cap x memory limit per kernel within the machine's memory (prints the budget on stderr)
budget=$(python -m calculators.serving.budget --processes "$voila_processes") || exit 2
read -r kernel_cap kernel_memory_mb app_pool pool_apps <<<"$budget"
pool=()
[ "$app_pool" -gt 0 ] && pool=("--ClassroomKernelManager.app_pool=$app_pool" "--ClassroomKernelManager.pool_apps=$pool_apps")

# Logs and state readable by this account (and its group) only: they name client addresses.
umask 027
voila=(voila)
book_root=book/_build/html
worker=()
if [ "$(id -u)" -eq 0 ]; then
  # No root for what serves visitors: sets serve_as (run as the account), serve_python, serve_state, ...
  plan=$(python -m calculators.serving.runtime prepare) || exit 2
  eval "$plan"
  state=$serve_state
  voila=("${serve_as[@]}" "$serve_python" -m voila)
  book_root=$serve_app/book/_build/html
  worker=(--user "$serve_user")
else
  state=.state/serve
  mkdir -p "$state"
  chmod 750 "$state"
fi
pids=()
upstreams=()
ready=()
for ((k = 0; k < voila_processes; k++)); do
  port=$((voila_port + k))
  # process k names its kernels 'k…' so that nginx sends each page's websocket to its owner
  prefix=()
  [ "$voila_processes" -gt 1 ] && prefix=("--ClassroomKernelManager.kernel_id_prefix=$(printf %x "$k")")
  "${voila[@]}" calculators/ --no-browser --port="$port" --Voila.base_url=/apps/ "${prefix[@]}" \
    --ClassroomKernelManager.max_kernels="$kernel_cap" --ClassroomKernelManager.kernel_memory_limit_mb="$kernel_memory_mb" \
    "${pool[@]}" \
    >"$state/voila-$k.log" 2>&1 &
  pids+=($!)
  upstreams+=(--voila-port "$port")
  ready+=("http://127.0.0.1:$port/apps/voila/static/voila.js")
done
names=()
for name in ${SERVER_NAMES:-}; do names+=(--server-name "$name"); done
conf=$(python deploy/render_nginx.py --root "$book_root" --state "$state/nginx" --port "$book_port" "${upstreams[@]}" \
  "${names[@]}" "${worker[@]}")
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx_bin" -c "$(realpath "$conf")" -p "$(realpath "$state/nginx")" -g "daemon off;" &
pids+=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM

python scripts/wait_for.py "${ready[@]}" "http://127.0.0.1:$book_port/"
pdf_edition=$(python -c 'from calculators import edition; print(edition.PDF_NAME)')
# the one list of apps (calculators/registry.py)
app_links=$(python -c "from calculators.registry import APPS
for a in APPS: print(f'                        http://127.0.0.1:$book_port{a.path}')")
cat <<MSG

  Handboek POH-Jeugd:   http://127.0.0.1:$book_port/
  PDF-editie:           http://127.0.0.1:$book_port/_static/handboek-poh-jeugd.pdf
                        (this edition: http://127.0.0.1:$book_port/_static/$pdf_edition)
  Rekentools (Voila):
$app_links
  Voila processes:      $voila_processes (logs: $state/voila-*.log)
  nginx logs:           $state/nginx/nginx-access.log, nginx-error.log
  Stop with Ctrl-C.
MSG
[ "$exit_when_ready" -eq 1 ] && exit 0
wait
