"""Write a runnable nginx.conf from deploy/nginx.conf.template.

Usage: python deploy/render_nginx.py --root book/_build/html --state .state/nginx --port 8000 --voila-port 8866
Prints the path of the written file. Used by scripts/serve.sh and by the deploy test.
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
from pathlib import Path

HERE = Path(__file__).resolve().parent


def worker_user(root: Path) -> tuple[str, int, int] | None:
    """The ``user`` nginx's workers run as: the owner of the served files.

    A master started as root otherwise hands its workers to ``nobody``, who cannot read a checkout
    in a private directory (mode 700, as root's home is), and every page answers 404. Started as an
    ordinary user, nginx drops no privileges and the directive must be absent.
    """
    if os.geteuid() != 0:
        return None
    st = root.resolve().stat()
    return pwd.getpwuid(st.st_uid).pw_name, st.st_uid, st.st_gid


def render(root: Path, state: Path, port: int, voila_port: int, listen: str = "127.0.0.1",
           app_rate: str = "12r/m", app_burst: int = 30) -> Path:
    """nginx.conf for the book at ``root`` and Voila on ``voila_port``. ``app_rate``/``app_burst``:
    how fast one client may open app pages (each starts a kernel), beyond a first burst."""
    state.mkdir(parents=True, exist_ok=True)
    user = worker_user(root)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (state / sub).mkdir(exist_ok=True)
        if user is not None:  # the workers write request bodies and proxy buffers here
            os.chown(state / sub, user[1], user[2])
    mime = next((p for p in (Path("/etc/nginx/mime.types"), Path("/usr/local/nginx/conf/mime.types")) if p.exists()),
                Path("/etc/nginx/mime.types"))
    text = (HERE / "nginx.conf.template").read_text(encoding="utf-8")
    for key, value in {"ROOT": root.resolve(), "STATE": state.resolve(), "PORT": port, "VOILA_PORT": voila_port,
                       "LISTEN": listen, "MIME_TYPES": mime, "APP_RATE": app_rate, "APP_BURST": app_burst,
                       "USER": f"user {user[0]} {grp.getgrgid(user[2]).gr_name};" if user else "# no privilege drop: not started as root"}.items():
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
    parser.add_argument("--voila-port", type=int, default=8866)
    args = parser.parse_args()
    print(render(args.root, args.state, args.port, args.voila_port))


if __name__ == "__main__":
    main()
