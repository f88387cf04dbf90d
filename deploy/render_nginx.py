"""Write a runnable nginx.conf from deploy/nginx.conf.template.

Usage: python deploy/render_nginx.py --root book/_build/html --state .state/nginx --port 8000 --voila-port 8866
Prints the path of the written file. Used by scripts/serve.sh and by the deploy test.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).resolve().parent


def render(root: Path, state: Path, port: int, voila_port: int, listen: str = "127.0.0.1") -> Path:
    state.mkdir(parents=True, exist_ok=True)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (state / sub).mkdir(exist_ok=True)
    mime = next((p for p in (Path("/etc/nginx/mime.types"), Path("/usr/local/nginx/conf/mime.types")) if p.exists()),
                Path("/etc/nginx/mime.types"))
    text = (HERE / "nginx.conf.template").read_text(encoding="utf-8")
    for key, value in {"ROOT": root.resolve(), "STATE": state.resolve(), "PORT": port, "VOILA_PORT": voila_port,
                       "LISTEN": listen, "MIME_TYPES": mime}.items():
        text = text.replace("{{" + key + "}}", str(value))
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
