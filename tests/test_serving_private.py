"""Serving works from a checkout in a private directory (mode 700, as root's home is), whether nginx
is started as root or as an ordinary user. Before the fix, nginx started as root handed its workers to
``nobody``, who could not read such a checkout, and every page answered 404."""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port, nginx_serving

pytestmark = pytest.mark.slow
PAGE = "<!doctype html><title>Handboek</title><p>privé-checkout bereikbaar</p>"


def private_clone(base: Path) -> Path:
    """A clone of this repository inside a directory only its owner may read, with a page to serve."""
    private = base / "home"
    private.mkdir(mode=0o700)
    private.chmod(0o700)  # mkdir's mode is masked by the umask
    clone = private / "checkout"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    html = clone / "book" / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text(PAGE, encoding="utf-8")
    return clone


def render_as(uid: int, checkout: Path, root: Path, state: Path, port: int) -> Path:
    """The checkout's own deploy/render_nginx.render, run by user ``uid`` (a forked child drops to it), as
    serve.sh would. (This repository may itself lie in a folder that ``uid`` cannot read.)"""
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_nginx_of_checkout", checkout / "deploy" / "render_nginx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    render = module.render

    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            render(root, state, port, free_port())
            os._exit(0)
        except BaseException as exc:
            print(f"render as {uid} failed: {exc!r}", flush=True)
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return state / "nginx.conf"


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_nginx_serves_a_checkout_in_a_mode_700_directory(tmp_path: Path) -> None:
    clone = private_clone(tmp_path)
    assert (clone.parent.stat().st_mode & 0o777) == 0o700
    with nginx_serving(clone / "book" / "_build" / "html", tmp_path / "nginx", free_port()) as url:
        status, body = fetch(f"{url}/")
    assert status == 200
    assert "privé-checkout bereikbaar" in body


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to switch to an ordinary user")
def test_nginx_started_by_an_ordinary_user_serves_their_private_checkout() -> None:
    """The same for a user without privileges: nginx then drops none and needs no ``user`` line."""
    import tempfile

    nobody = 65534
    home = Path(tempfile.mkdtemp(prefix="poh-private-"))  # pytest's tmp_path lies in root's private tree
    try:
        serve_private_checkout_as(nobody, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def serve_private_checkout_as(nobody: int, home: Path) -> None:
    clone = private_clone(home)
    state = home / "home" / "nginx"
    state.mkdir()
    for path in [home, *home.rglob("*")]:
        os.lchown(path, nobody, nobody)
    port = free_port()
    env = {**os.environ, "HOME": str(home / "home")}
    conf = render_as(nobody, clone, clone / "book" / "_build" / "html", state, port)
    assert "\nuser " not in conf.read_text(encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen(["setpriv", f"--reuid={nobody}", f"--regid={nobody}", "--clear-groups", nginx,
                             "-c", str(conf), "-p", str(state), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        from conftest import wait_for

        wait_for(f"http://127.0.0.1:{port}/", proc, timeout=30)
        status, body = fetch(f"http://127.0.0.1:{port}/")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert status == 200, err
    assert "privé-checkout bereikbaar" in body
    assert b"[emerg]" not in err and b"[warn]" not in err, err.decode()
