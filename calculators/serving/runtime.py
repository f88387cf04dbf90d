"""Serving without root (issue 22, item 5): what serve.sh needs to run Voila, its kernels and nginx's
workers as an unprivileged account when it was started as root.

    python -m calculators.serving.runtime prepare     (run by scripts/serve.sh as root, in the checkout)

- The account is ``SERVE_USER`` (default ``pohjeugd``); it is created when missing (``useradd
  --system``, no home, no login shell).
- When the account can read the checkout and run its virtualenv (checked by running the checkout's
  Python as the account), everything is served from the checkout. Otherwise (a checkout in a mode-700
  home, or a virtualenv built on an interpreter inside one, as pyenv's is) from a **runtime copy**
  under ``SERVE_RUNTIME`` (default ``/var/lib/poh-jeugd/<hash of the checkout's path>``), owned by
  root, directories 755 and files 644: ``app/`` (the checkout without .git, caches and build output
  other than the HTML), ``venv/`` (the virtualenv) and, only when the account cannot run the
  virtualenv's interpreter where it is, ``python/`` (that interpreter's installation; the copied
  venv is pointed at it). rsync refreshes the copy at every start and hard-links files that are
  already readable by everyone (``--link-dest``), so a copy on the same filesystem costs little
  time and disk.
- The writable state lives in ``<runtime>/state`` (root, group of the account, 750): Voila's logs
  and nginx's configuration and logs are written by root (0640, not readable by the account
  either); nginx's temporary folders and ``home/`` (HOME with matplotlib's and IPython's caches,
  Jupyter's ``runtime/`` and ``tmp/`` (TMPDIR), where Voila keeps the kernels' connection files)
  belong to the account (700/750). The account
  cannot replace files that root writes later.

Prints shell assignments for serve.sh to ``eval``: ``serve_as`` (the command prefix that starts a
program as the account, with the environment of scripts/env.sh pointed at what it serves),
``serve_python``, ``serve_app``, ``serve_state``, ``serve_user``. A problem gives one sentence on
stderr and exit 2.
"""

from __future__ import annotations

import argparse
import grp
import hashlib
import os
import pwd
import resource
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_USER = "pohjeugd"
DEFAULT_BASE = Path("/var/lib/poh-jeugd")
# Not needed to serve: version control, caches, test and build output (but the book's HTML).
APP_FILTER = [
    "--exclude=/.git", "--exclude=/.venv", "--exclude=/.state", "--exclude=/build", "--exclude=/mutants",
    "--exclude=/.*_cache", "--exclude=/.hypothesis", "--exclude=/benchmarks/results",
    "--include=/book/_build/", "--include=/book/_build/html/***", "--exclude=/book/_build/*",
    "--filter=P __pycache__/",  # kept: root compiles the copy once, the account cannot write there
]
# Not needed to run the apps: the interpreter's own test suite and static library.
PYTHON_FILTER = ["--exclude=/lib/python3.*/test/", "--exclude=/lib/*.a"]
# Environment variables of root's session that would point the account at root's folders.
UNSET = ["XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "MPLCONFIGDIR", "IPYTHONDIR",
         "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "PYTHONUSERBASE", "PYTHONSTARTUP"]
# Run as the account: the interpreter is root's (not another Python found by the loader's fallbacks),
# the apps come from ``app`` and the book, the data and the configuration can be read.
CHECK = ("import sys; assert sys.version == sys.argv[2], sys.version; "
         "import calculators, calculators.serving.kernels, ipykernel, voila; "
         "from pathlib import Path; app = Path(sys.argv[1]); "
         "assert Path(calculators.__file__).is_relative_to(app), calculators.__file__; "
         "[p.read_bytes() for p in (app / 'voila.json', app / 'book/_build/html/index.html', app / 'data/README.md')]")


class RuntimeProblem(Exception):
    """Something serve.sh cannot serve as the account; the message says what."""


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int


@dataclass(frozen=True)
class Plan:
    account: Account
    app: Path          # what is served: the checkout or the runtime copy of it
    python: Path       # the virtualenv's interpreter the account runs
    state: Path
    library_path: str  # LD_LIBRARY_PATH for a copied interpreter ("" when none)
    copied_seconds: float | None  # None: served from the checkout


def ensure_account(name: str) -> Account:
    """The account ``name``, created as a system account without home or login when missing."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        made = subprocess.run([useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                               "--shell", "/usr/sbin/nologin", "--comment", "POH-Jeugd apps", name],
                              capture_output=True, text=True)
        try:  # a second serve.sh may have created it meanwhile
            entry = pwd.getpwnam(name)
        except KeyError:
            raise RuntimeProblem(f"could not create the account {name!r}: {made.stderr.strip()}") from None
    if entry.pw_uid == 0 or entry.pw_gid == 0:
        raise RuntimeProblem(f"SERVE_USER {name!r} is root or in group root: choose an unprivileged account")
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid)


def account_env(account: Account, app: Path, python: Path, state: Path, library_path: str = "") -> dict[str, str]:
    """The environment the account's programs get: scripts/env.sh's, pointed at what is served."""
    venv = python.parent.parent
    home = state / "home"
    env = {
        "HOME": str(home), "USER": account.name, "LOGNAME": account.name,
        "PATH": f"{venv / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}", "VIRTUAL_ENV": str(venv),
        "PYTHONPATH": str(app),
        "JUPYTER_PATH": str(app / "share" / "jupyter"), "JUPYTER_CONFIG_PATH": str(app / "etc" / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "TMPDIR": str(home / "tmp"),  # Voila keeps the kernels' connection files in a temporary folder
    }
    if library_path:
        env["LD_LIBRARY_PATH"] = library_path
    return env


def can_raise_nice_limit() -> bool:
    """Whether this process may raise RLIMIT_NICE to 20 (root with CAP_SYS_RESOURCE); it tries on itself."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NICE)
    try:
        resource.setrlimit(resource.RLIMIT_NICE, (soft, max(hard, 20)))
    except (ValueError, OSError):
        return False
    return True


def as_account(account: Account, env: dict[str, str], cwd: Path, nice_limit_allowed: bool = False) -> list[str]:
    """A command prefix that runs a program as ``account`` in ``cwd`` with ``env`` added to this one's.
    setpriv replaces itself with the program, so serve.sh's pid is the program's."""
    setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
    unset = [arg for name in UNSET if name not in env for arg in ("-u", name)]
    # RLIMIT_NICE 20: Voila may give a pooled kernel (started at nice 15, kernels.py pool_nice) its
    # normal priority back when a page takes it; without it an unprivileged Voila cannot. Raising
    # the limit needs CAP_SYS_RESOURCE, which a container's root may lack: then it is left out.
    nice = [shutil.which("prlimit") or "/usr/bin/prlimit", "--nice=20:20", "--"] if nice_limit_allowed else []
    return ["env", "-C", str(cwd), *unset, *(f"{k}={v}" for k, v in env.items()),
            *nice, setpriv, f"--reuid={account.uid}", f"--regid={account.gid}", "--init-groups", "--no-new-privs", "--"]


def account_can_serve(account: Account, app: Path, python: Path, state: Path, library_path: str = "") -> bool:
    """Whether ``account`` can run ``python`` with the apps of ``app`` and read the book and data there."""
    command = [*as_account(account, account_env(account, app, python, state, library_path), Path("/")),
               str(python), "-c", CHECK, str(app), sys.version]
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def sync(source: Path, dest: Path, rules: list[str]) -> None:
    """``dest`` becomes a copy of ``source`` that everyone may read (root's, 755/644), hard-linking
    the files that already are (same filesystem), copying the others."""
    rsync = shutil.which("rsync")
    if rsync is None:
        raise RuntimeProblem("rsync is missing (apt-get install rsync; scripts/setup.sh installs it)")
    dest.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([rsync, "-a", "--delete", "--delete-excluded", "--chmod=a+rX,go-w", f"--link-dest={source}",
                           *rules, f"{source}/", f"{dest}/"], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeProblem(f"copying {source} to {dest} failed: {done.stderr.strip()[-500:]}")


def repoint_venv(venv: Path, old_base: Path, new_base: Path) -> None:
    """Point the copied virtualenv at the copied interpreter: its bin/ symlinks and pyvenv.cfg. Both
    are replaced, never written in place (they may be hard links to the original)."""
    for link in (venv / "bin").iterdir():
        if link.is_symlink():
            target = Path(os.readlink(link))
            if target.is_absolute() and target.is_relative_to(old_base):
                link.unlink()
                link.symlink_to(new_base / target.relative_to(old_base))
    cfg = venv / "pyvenv.cfg"
    text = cfg.read_text(encoding="utf-8").replace(str(old_base), str(new_base))
    cfg.unlink()
    cfg.write_text(text, encoding="utf-8")
    cfg.chmod(0o644)


def make_state(state: Path, account: Account) -> None:
    """``state`` (root, the account's group, 750) with ``nginx/`` likewise and ``home/`` (with Jupyter's
    ``runtime/``) owned by the account."""
    for path, owner, mode in ((state, (0, account.gid), 0o750), (state / "nginx", (0, account.gid), 0o750),
                              (state / "home", (account.uid, account.gid), 0o750),
                              (state / "home" / "runtime", (account.uid, account.gid), 0o700),
                              (state / "home" / "tmp", (account.uid, account.gid), 0o700)):
        path.mkdir(parents=True, exist_ok=True)
        try:  # never through a symbolic link the account may have put in its own folder
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            raise RuntimeProblem(f"{path} is not a folder (a symbolic link?)") from None
        try:
            os.fchown(fd, *owner)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)


def runtime_base(checkout: Path) -> Path:
    """``SERVE_RUNTIME``, or a folder under /var/lib/poh-jeugd named after the checkout's path."""
    given = os.environ.get("SERVE_RUNTIME", "").strip()
    if given:
        return Path(given).absolute()
    return DEFAULT_BASE / hashlib.sha256(str(checkout.resolve()).encode()).hexdigest()[:12]


def venv_fingerprint(venv: Path, base_prefix: Path) -> str:
    """What the copied virtualenv depends on: a pip install or setup.sh changes site-packages' or bin/'s
    modification time (or setup.sh's stamp), another interpreter its path or version."""
    venv = venv.resolve()
    parts = [str(venv), str(base_prefix.resolve()), sys.version]
    for path in (venv / "bin", *sorted((venv / "lib").glob("python3*/site-packages")), venv / "pyvenv.cfg"):
        parts.append(f"{path} {path.stat().st_mtime_ns}")
    stamp = venv / ".installed.sha256"
    parts.append(stamp.read_text(encoding="utf-8").strip() if stamp.exists() else "")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def copy_venv(base: Path, venv: Path, base_prefix: Path, app: Path, account: Account) -> tuple[Path, str]:
    """The copied virtualenv's interpreter and the LD_LIBRARY_PATH it needs. The copy (and, when
    the account cannot run the interpreter where it is, a copy of the interpreter) is refreshed only
    when ``venv_fingerprint`` changed: rsync alone needs seconds to compare 80,000 files."""
    venv_copy, interpreter, stamp = base / "venv", base / "python", base / "venv.fingerprint"
    python = venv_copy / "bin" / "python"
    fingerprint = venv_fingerprint(venv, base_prefix)
    if stamp.exists() and stamp.read_text(encoding="utf-8") == fingerprint and python.exists():
        return python, str(interpreter / "lib") if interpreter.exists() else ""
    stamp.unlink(missing_ok=True)
    sync(venv.resolve(), venv_copy, [])
    library_path = ""
    if not account_can_serve(account, app, python, base / "state"):
        sync(base_prefix.resolve(), interpreter, PYTHON_FILTER)
        repoint_venv(venv_copy, base_prefix.resolve(), interpreter)
        library_path = str(interpreter / "lib")
    else:
        shutil.rmtree(interpreter, ignore_errors=True)
    stamp.write_text(fingerprint, encoding="utf-8")
    stamp.chmod(0o644)
    return python, library_path


def prepare(checkout: Path, venv: Path, base_prefix: Path) -> Plan:
    """Everything for serving as the account; copies only when the account cannot serve the checkout."""
    account = ensure_account(os.environ.get("SERVE_USER", "").strip() or DEFAULT_USER)
    base = runtime_base(checkout)
    for folder in (base.parent, base):
        folder.mkdir(parents=True, exist_ok=True)
    os.chown(base, 0, 0)
    base.chmod(0o755)
    state = base / "state"
    make_state(state, account)
    python = venv / "bin" / "python"
    if account_can_serve(account, checkout, python, state):
        return Plan(account, checkout, python, state, "", None)
    start = time.monotonic()
    app = base / "app"
    sync(checkout, app, APP_FILTER)
    # bytecode for the apps' package, else every kernel compiles it anew
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(app / "calculators")], env={
        k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, stdout=subprocess.DEVNULL, check=False)
    python, library_path = copy_venv(base, venv, base_prefix, app, account)
    if not account_can_serve(account, app, python, state, library_path):
        (base / "venv.fingerprint").unlink(missing_ok=True)  # copy everything again next time
        raise RuntimeProblem(f"the account {account.name!r} cannot run the apps from the copy in {base} either")
    return Plan(account, app, python, state, library_path, time.monotonic() - start)


def shell(plan: Plan) -> str:
    """The assignments serve.sh evaluates."""
    prefix = as_account(plan.account, account_env(plan.account, plan.app, plan.python, plan.state, plan.library_path),
                        plan.app, nice_limit_allowed=can_raise_nice_limit())
    values = {"serve_user": plan.account.name, "serve_app": str(plan.app), "serve_python": str(plan.python),
              "serve_state": str(plan.state)}
    lines = [f"{k}={shlex.quote(v)}" for k, v in values.items()]
    lines.append("serve_as=(" + " ".join(shlex.quote(arg) for arg in prefix) + ")")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["prepare"])
    parser.parse_args(argv)
    if os.geteuid() != 0:
        print("serve: runtime prepare is for a start as root; an ordinary user serves the checkout as it is",
              file=sys.stderr)
        return 2
    try:
        plan = prepare(ROOT, Path(sys.prefix), Path(sys.base_prefix))
    except (RuntimeProblem, OSError) as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 2
    group = grp.getgrgid(plan.account.gid).gr_name
    where = ("the checkout (the account can read it)" if plan.copied_seconds is None
             else f"a runtime copy in {plan.app.parent} (refreshed in {plan.copied_seconds:.1f} s)")
    print(f"serve: started as root: nginx's workers, Voila and the kernels run as {plan.account.name}:{group}, "
          f"serving {where}", file=sys.stderr)
    print(shell(plan))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
