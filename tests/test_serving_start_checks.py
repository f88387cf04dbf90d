"""What serve.sh asks Python before it starts the servers, run in-process: the memory budget's command
(calculators/serving/budget.py main) and the runtime's answer to a start as root
(calculators/serving/runtime.py main and shell). Machine memory and the copy are stood in for, so the
expected lines are computed by hand."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from calculators.serving import budget, runtime

GIB = 1024


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 23 GiB machine (23,552 MiB), voila.json's settings (cap 40, 1024 MiB, pools of 2), no overrides."""
    monkeypatch.setattr(budget, "machine_mib", lambda: 23 * GIB)
    for name in ("MAX_KERNELS", "KERNEL_MEMORY_MB", "APP_POOL", "POOL_APPS"):
        monkeypatch.delenv(name, raising=False)


def test_the_cap_is_lowered_to_what_fits(machine: None, capsys: pytest.CaptureFixture[str]) -> None:
    # (23,552 - 2,048 reserve) // 1,024 = 21 kernels of 1 GiB, below voila.json's 40
    assert budget.main(["--processes", "1"]) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["21", "1024", "0", "-"]
    assert "lowered to 21" in err and "21 kernels x 1024 MiB" in err


def test_a_class_pool_gets_what_is_left_after_the_other_apps_pools(
        machine: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # cap 21; the three other apps keep 2 each: 21 - 6 = 15 for formatie, not 25
    monkeypatch.setenv("APP_POOL", "25")
    monkeypatch.setenv("POOL_APPS", "formatie")
    assert budget.main(["--processes", "1"]) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["21", "1024", "15", "formatie"]
    assert "APP_POOL=25 does not fit" in err


def test_a_small_cap_with_a_smaller_limit_is_kept(
        machine: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # 2 processes x 10 kernels x 512 MiB = 10 GiB fits in 21,504 MiB: nothing lowered
    monkeypatch.setenv("MAX_KERNELS", "10")
    monkeypatch.setenv("KERNEL_MEMORY_MB", "512")
    assert budget.main(["--processes", "2"]) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["10", "512", "0", "-"]
    assert "lowered" not in err


@pytest.mark.parametrize("name, value, message", [
    ("MAX_KERNELS", "veertig", "MAX_KERNELS must be a whole number"),
    ("POOL_APPS", "formatie onzin", "POOL_APPS names no app: onzin"),
    ("KERNEL_MEMORY_MB", "0", "at least 1 MiB"),
])
def test_bad_settings_stop_the_start_with_a_message(machine: None, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str], name: str, value: str,
                                                    message: str) -> None:
    monkeypatch.setenv(name, value)
    if name == "POOL_APPS":
        monkeypatch.setenv("APP_POOL", "5")
    assert budget.main(["--processes", "1"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("serve: ") and message in err


def test_the_machines_memory_is_read_from_proc() -> None:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kib = int(next(line for line in meminfo if line.startswith("MemTotal:")).split()[1])
    assert budget.machine_mib() == total_kib // 1024


# ------------------------------------------------------------------ runtime: the answer to a start as root

ACCOUNT = runtime.Account("pohjeugd", 999, 995)


def plan(tmp_path: Path, copied: float | None) -> runtime.Plan:
    return runtime.Plan(ACCOUNT, tmp_path / "rt" / "app", tmp_path / "rt" / "venv" / "bin" / "python",
                        tmp_path / "rt" / "state", "", copied)


def test_the_shell_lines_name_the_account_and_the_command_prefix(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime, "can_raise_nice_limit", lambda: False)
    lines = runtime.shell(plan(tmp_path, 1.5)).splitlines()
    values = dict(line.split("=", 1) for line in lines[:4])
    assert values == {"serve_user": "pohjeugd", "serve_app": str(tmp_path / "rt" / "app"),
                      "serve_python": str(tmp_path / "rt" / "venv" / "bin" / "python"),
                      "serve_state": str(tmp_path / "rt" / "state")}
    prefix = shlex.split(lines[4][len("serve_as=("):-1])
    assert prefix[:3] == ["env", "-C", str(tmp_path / "rt" / "app")]
    assert prefix[-5:] == ["--reuid=999", "--regid=995", "--init-groups", "--no-new-privs", "--"]
    assert "--nice=20:20" not in prefix


def test_the_nice_limit_is_raised_only_where_this_process_may(monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    calls: list[tuple[int, tuple[int, int]]] = []

    def refuse(which: int, limits: tuple[int, int]) -> None:
        calls.append((which, limits))
        raise ValueError("not allowed")

    monkeypatch.setattr(resource, "getrlimit", lambda which: (0, 0))
    monkeypatch.setattr(resource, "setrlimit", refuse)
    assert runtime.can_raise_nice_limit() is False
    assert calls == [(resource.RLIMIT_NICE, (0, 20))]
    monkeypatch.setattr(resource, "setrlimit", lambda which, limits: None)
    assert runtime.can_raise_nice_limit() is True


def test_prepare_as_an_ordinary_user_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(runtime.os, "geteuid", lambda: 1000)
    assert runtime.main(["prepare"]) == 2
    assert "for a start as root" in capsys.readouterr().err


@pytest.mark.parametrize("copied, where", [(None, "the checkout (the account can read it)"),
                                           (2.25, "a runtime copy in {rt} (refreshed in 2.2 s)")])
def test_prepare_says_what_it_serves_and_prints_the_shell_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        copied: float | None, where: str) -> None:
    monkeypatch.setattr(runtime.os, "geteuid", lambda: 0)
    monkeypatch.setattr(runtime, "prepare", lambda checkout, venv, base: plan(tmp_path, copied))
    monkeypatch.setattr(runtime, "can_raise_nice_limit", lambda: False)
    monkeypatch.setattr(runtime.grp, "getgrgid", lambda gid: type("G", (), {"gr_name": "pohjeugd"})())
    assert runtime.main(["prepare"]) == 0
    out, err = capsys.readouterr()
    assert err.strip() == ("serve: started as root: nginx's workers, Voila and the kernels run as pohjeugd:pohjeugd, "
                           f"serving {where.format(rt=tmp_path / 'rt')}")
    assert out.splitlines()[0] == "serve_user=pohjeugd"


def test_a_problem_while_preparing_stops_the_start(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    def fail(checkout: Path, venv: Path, base: Path) -> runtime.Plan:
        raise runtime.RuntimeProblem("SERVE_USER 'root' is root or in group root: choose an unprivileged account")

    monkeypatch.setattr(runtime.os, "geteuid", lambda: 0)
    monkeypatch.setattr(runtime, "prepare", fail)
    assert runtime.main(["prepare"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == ("serve: SERVE_USER 'root' is root or in group root: choose an unprivileged "
                                         "account")


def test_root_is_refused_as_the_account() -> None:
    with pytest.raises(runtime.RuntimeProblem, match="unprivileged"):
        runtime.ensure_account("root")
