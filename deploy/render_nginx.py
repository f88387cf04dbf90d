"""Write a runnable nginx.conf from deploy/nginx.conf.template.

Usage: python deploy/render_nginx.py --root book/_build/html --state .state/nginx --port 8000 --voila-port 8866
Prints the path of the written file. Used by scripts/serve.sh and by the deploy test.
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SERVER_NAMES = ("localhost", "127.0.0.1", "[::1]")
SERVER_NAME = re.compile(r"[A-Za-z0-9.-]{1,253}|\[[0-9a-fA-F:]+\]")


def worker_user(root: Path, name: str | None = None) -> tuple[str, int, int] | None:
    """The ``user`` nginx's workers run as: the account ``name`` (serve.sh started as root passes its
    unprivileged account), else the owner of the served files.

    A master started as root otherwise hands its workers to ``nobody``, who cannot read a checkout
    in a private directory (mode 700, as root's home is), and every page answers 404. Started as an
    ordinary user, nginx drops no privileges and the directive must be absent.
    """
    if os.geteuid() != 0:
        return None
    if name:
        entry = pwd.getpwnam(name)
        return entry.pw_name, entry.pw_uid, entry.pw_gid
    st = root.resolve().stat()
    return pwd.getpwuid(st.st_uid).pw_name, st.st_uid, st.st_gid


BUSY_PAGE = ('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Even druk</title></head>'
             '<body><main><h1>De rekentools zijn even druk</h1>'
             '<p>De rekentools zijn even druk, probeer het over een minuut opnieuw.</p>'
             '<p><a href="/">Terug naar het handboek</a></p></main></body></html>')


def upstreams(voila: list[str]) -> str:
    """The upstream blocks and the kernel-owner map for Voila processes ``voila`` (host:port);
    process k must run with ``--ClassroomKernelManager.kernel_id_prefix=<k in hex>``."""
    if not 1 <= len(voila) <= 16:
        raise ValueError("between 1 and 16 Voila processes (one hex digit routes a kernel)")
    # max_fails=0: a process at its kernel cap (503) is full, not broken; with the default nginx
    # would mark it down and answer 502 once every process is full, instead of the Dutch page.
    pages = "".join(f"        server {addr} max_fails=0;\n" for addr in voila)
    lines = ["    upstream voila_pages {\n        least_conn;\n" + pages + "    }"]
    routes = []
    for k, addr in enumerate(voila):
        lines.append(f"    upstream voila_{k:x} {{ server {addr}; }}")
        routes.append(f'        "~^/apps/(api/kernels|voila/api/shutdown)/{k:x}" voila_{k:x};')
    # One process names its kernels at random (no prefix): everything goes to it.
    default = "voila_0" if len(voila) == 1 else "voila_pages"
    routes = [] if len(voila) == 1 else routes
    lines.append("    map $uri $voila_kernel_owner {\n        default " + default + ";\n" + "\n".join(routes)
                 + ("\n" if routes else "") + "    }")
    return "\n".join(lines)


def render(root: Path, state: Path, port: int, voila_port: int | list[int | str], listen: str = "127.0.0.1",
           app_rate: str = "12r/m", app_burst: int = 30, ws_per_address: int = 10, ws_per_block: int = 30,
           ws_per_kernel: int = 2, server_names: list[str] | None = None, user: str | None = None) -> Path:
    """nginx.conf for the book at ``root`` and Voila on ``voila_port`` (one port, or a list of ports
    or host:port addresses, one per Voila process). ``app_rate``/``app_burst``: how fast one
    address block (/24, /64) may open app pages (each starts a kernel), beyond a first burst.
    ``ws_per_*``: open kernel websockets (each holds a kernel) per address, per address block and
    per kernel (10 per address: a class behind one school address needs its size, see
    ``WS_PER_ADDRESS`` in ``main``). ``server_names``: host names the site answers to besides loopback's (localhost,
    127.0.0.1, [::1], which serve.sh's own readiness check uses); a request for any other Host is
    dropped. ``user``: the account nginx's workers run as when started as root (default: the owner
    of ``root``)."""
    for name, limit in (("ws_per_address", ws_per_address), ("ws_per_block", ws_per_block),
                        ("ws_per_kernel", ws_per_kernel)):
        if not 1 <= limit <= 10_000:
            raise ValueError(f"{name} must be a whole number from 1 to 10000, not {limit}")
    ports = voila_port if isinstance(voila_port, list) else [voila_port]
    voila = [str(p) if ":" in str(p) else f"127.0.0.1:{p}" for p in ports]
    names = [*DEFAULT_SERVER_NAMES, *(server_names or [])]
    for name in names:
        if not SERVER_NAME.fullmatch(name):
            raise ValueError(f"not a host name: {name!r}")
    state.mkdir(parents=True, exist_ok=True)
    worker = worker_user(root, user)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
        (state / sub).mkdir(exist_ok=True)
        if worker is not None:  # the workers write request bodies and proxy buffers here
            os.chown(state / sub, worker[1], worker[2])
    for log in ("nginx-access.log", "nginx-error.log"):  # nginx would create them world-readable (0644)
        path = state / log
        path.touch(mode=0o640, exist_ok=True)
        path.chmod(0o640)
    mime = next((p for p in (Path("/etc/nginx/mime.types"), Path("/usr/local/nginx/conf/mime.types")) if p.exists()),
                Path("/etc/nginx/mime.types"))
    text = (HERE / "nginx.conf.template").read_text(encoding="utf-8")
    from calculators.registry import APP_NAMES  # the one list of apps

    for key, value in {
        "APPS": "|".join(APP_NAMES),
        "ROOT": root.resolve(),
        "STATE": state.resolve(),
        "PORT": port,
        "UPSTREAMS": upstreams(voila),
        "BUSY_PAGE": BUSY_PAGE,
        "LISTEN": listen,
        "MIME_TYPES": mime,
        "APP_RATE": app_rate,
        "APP_BURST": app_burst,
        "SERVER_NAMES": " ".join(names),
        "WS_PER_ADDRESS": ws_per_address,
        "WS_PER_BLOCK": ws_per_block,
        "WS_PER_KERNEL": ws_per_kernel,
        "USER": f"user {worker[0]} {grp.getgrgid(worker[2]).gr_name};"
        if worker
        else "# no privilege drop: not started as root",
    }.items():
        text = text.replace("{{" + key + "}}", str(value))
    (state / "proxy_apps.conf").write_text((HERE / "proxy_apps.conf").read_text(encoding="utf-8"), encoding="utf-8")
    out = state / "nginx.conf"
    out.write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--voila-port",
        action="append",
        default=None,
        help="port (or host:port) of a Voila process; repeat for several (default 8866)",
    )
    parser.add_argument(
        "--server-name",
        action="append",
        default=None,
        help="a host name the site answers to besides localhost, 127.0.0.1 and [::1]; repeatable",
    )
    parser.add_argument("--user", default=None, help="account nginx's workers run as when started as root")
    parser.add_argument(
        "--ws-per-address",
        type=int,
        default=None,
        help="open kernel websockets one client address may hold (default: WS_PER_ADDRESS or 10; a class "
        "behind one school address needs at least its size)",
    )
    args = parser.parse_args()
    ws_per_address = args.ws_per_address
    if ws_per_address is None:
        raw = os.environ.get("WS_PER_ADDRESS", "10")
        if not raw.isdigit():
            parser.exit(2, f"render_nginx: WS_PER_ADDRESS must be a whole number, not {raw!r}\n")
        ws_per_address = int(raw)
    try:
        print(render(args.root, args.state, args.port, args.voila_port or [8866], server_names=args.server_name,
                     user=args.user, ws_per_address=ws_per_address))
    except (ValueError, KeyError) as exc:
        parser.exit(2, f"render_nginx: {exc}\n")


if __name__ == "__main__":
    main()
