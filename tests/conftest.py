"""Shared test configuration.

Hypothesis runs 1,000 examples per property in CI (HYPOTHESIS_PROFILE=ci, set by
scripts/test.sh) and 100 during development.

Tiers: a test that needs the built book, a server (Voila, nginx) or a browser is marked ``slow``
or ``browser`` (by hand, or below from the fixtures it uses), so that ``scripts/test.sh --fast``
(``-m "not slow and not browser"``, without the playwright plugin and the tests/test_browser_*
modules) runs everything else. This module imports playwright only inside browser fixtures.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

settings.register_profile("ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
# benchmarks/mutation.py: few, reproducible examples, so that each mutant runs fast and scores are stable
settings.register_profile("mutation", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen[bytes] | None = None, timeout: float = 180) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


#: Warnings that `python -m` does not print by default; any other warning is a line on its stderr.
HIDDEN_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


def run_cli(*args: str, process: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m calculators ARGS`. By default calculators.cli.main in this process, with its own
    stdout and stderr, argparse's exit status, and on stderr the warnings a process would print: a
    subprocess costs 0.3 s of CPU (1.5 s for the evaluation kit) for imports this process has done.
    With process=True a real subprocess, for the tests about the process itself (exit status,
    nothing else on stderr, what it imports)."""
    if process:
        return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
    import contextlib
    import io
    import warnings

    from calculators.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's refusals and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    for w in caught:
        if not issubclass(w.category, HIDDEN_WARNINGS):
            err.write(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line))
    return subprocess.CompletedProcess(["calculators", *args], code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True, scope="session")
def _charts_rendered_once_per_spec() -> Iterator[None]:
    """vl-convert renders a chart spec to the same SVG or PNG every time; the app tests construct,
    reset and reload the apps with the same defaults dozens of times, and those renderings were
    about 40 % of their CPU. In the test process (not in kernels or subprocesses) each distinct
    spec and its options are rendered once; a changed spec is rendered anew."""
    import json

    import vl_convert

    patch = pytest.MonkeyPatch()

    def memoised(render: Callable[..., Any]) -> Callable[..., Any]:
        done: dict[str, Any] = {}

        def call(spec: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                key = json.dumps([spec, args, kwargs], sort_keys=True, ensure_ascii=False)
            except (TypeError, ValueError):  # a spec with objects json cannot write: render as is
                return render(spec, *args, **kwargs)
            if key not in done:
                done[key] = render(spec, *args, **kwargs)
            return done[key]

        return call

    for name in ("vegalite_to_svg", "vegalite_to_png"):
        patch.setattr(vl_convert, name, memoised(getattr(vl_convert, name)))
    yield
    patch.undo()


@dataclass
class BookBuild:
    returncode: int
    output: str
    seconds: float
    html: Path


class HouseStyleBuild:
    """The book built strictly a second time, with the example house style of
    tests/test_browser_house_style.py, into its own output folder. The session's main build starts
    it in the background once it is done itself: a build keeps one of the two cores busy for about
    90 s, and the tests that run meanwhile mostly use the other."""

    FIXTURE = ROOT / "tests" / "fixtures" / "huisstijl-voorbeeld.yml"

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.out = Path()

    def start(self, out: Path) -> None:
        if self.proc is not None:
            return
        from calculators import house_style

        self.out = out
        env = {**os.environ, house_style.ENV_VAR: str(self.FIXTURE)}
        with open(out / "build.log", "wb") as log:
            self.proc = subprocess.Popen([str(VENV_BIN / "jupyter-book"), "build", "book", "--path-output", str(out),
                                          "--all", "-W", "-n", "--keep-going"], cwd=ROOT, env=env, stdout=log,
                                         stderr=subprocess.STDOUT)

    def result(self, out: Path) -> tuple[int, str, Path]:
        """Wait for the build (starting it into `out` if nothing has): return code, output, html folder."""
        self.start(out)
        assert self.proc is not None
        returncode = self.proc.wait(timeout=1800)
        output = (self.out / "build.log").read_text(encoding="utf-8", errors="replace")
        return returncode, output, self.out / "_build" / "html"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


HOUSE_STYLE_BUILD = HouseStyleBuild()


@pytest.fixture(scope="session")
def built_book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BookBuild:
    """A cold, strict build of the handbook and its PDF, once per test session (serve.sh's full build)."""
    jb = str(VENV_BIN / "jupyter-book")
    subprocess.run([jb, "clean", "--all", "book"], cwd=ROOT, capture_output=True, check=False)
    start = time.monotonic()
    proc = subprocess.run([jb, "build", "book", "--all", "-W", "-n", "--keep-going"], cwd=ROOT,
                          capture_output=True, text=True)
    build = BookBuild(proc.returncode, proc.stdout + proc.stderr, time.monotonic() - start,
                      ROOT / "book" / "_build" / "html")
    if proc.returncode == 0:  # finish as serve.sh's full build does: the PDF, then the record of the inputs
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_pdf.py")], cwd=ROOT, check=True,
                       capture_output=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_state.py"), "record"], cwd=ROOT, check=True)
        if any("test_browser_house_style.py" in item.nodeid for item in request.session.items):
            HOUSE_STYLE_BUILD.start(tmp_path_factory.mktemp("huisstijl"))
            request.addfinalizer(HOUSE_STYLE_BUILD.stop)
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "book-build-seconds.txt").write_text(f"{build.seconds:.1f}\n")
    return build


def voila_test_log() -> Path:
    """Where the session's Voila (voila_port) logs: build/voila-test.log, one per pytest-xdist worker
    (build/voila-test-gw0.log, ...), since each worker starts its own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return ROOT / "build" / (f"voila-test-{worker}.log" if worker else "voila-test.log")


@pytest.fixture(scope="session")
def voila_port() -> Iterator[int]:
    log = voila_test_log() if (ROOT / "build").is_dir() else None
    with voila_serving(log=log) as port:
        yield port


@contextmanager
def voila_serving(*options: str, log: Path | None = None) -> Iterator[int]:
    """Voila with voila.json on a free loopback port (base URL /apps/), with extra command-line
    ``options`` (e.g. a shorter cull window for one test). Yields the port."""
    port = free_port()
    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
           "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter")}
    out = open(log, "w") if log is not None else subprocess.DEVNULL  # closed with the process
    proc = subprocess.Popen([str(VENV_BIN / "voila"), "calculators/", "--no-browser", f"--port={port}",
                             "--Voila.base_url=/apps/", *options], cwd=ROOT, env=env, stdout=out,
                            stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/apps/", proc)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if out is not subprocess.DEVNULL:
            out.close()


@contextmanager
def nginx_serving(html: Path, state: Path, voila_port: int, **options: object) -> Iterator[str]:
    """Debian's nginx with deploy/nginx.conf.template on a free loopback port: the book at /,
    the apps proxied at /apps/. Yields the base URL."""
    sys.path.insert(0, str(ROOT / "deploy"))
    from render_nginx import render

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise RuntimeError("nginx is not installed: run scripts/setup.sh (apt-get install nginx)")
    port = free_port()
    conf = render(html, state, port, voila_port, **options)
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(state), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def apps_url(voila_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx with deploy/nginx.conf.template in front of the session's Voila, with an empty book:
    for tests that talk to the apps as a browser does, without building the book."""
    root = tmp_path_factory.mktemp("apps-html")
    (root / "index.html").write_text("<!doctype html><title>apps</title>\n", encoding="utf-8")
    with nginx_serving(root, tmp_path_factory.mktemp("apps-nginx"), voila_port) as url:
        wait_for(f"{url}/apps/voila/static/voila.js")
        yield url


T = TypeVar("T")

#: Fixtures that build the book or start a server; a test using one is slow whatever its marks say.
SLOW_FIXTURES = frozenset({"built_book", "site", "voila_port", "apps_url"})
#: pytest-playwright's fixtures and ours on top of them: a test using one needs chromium.
BROWSER_FIXTURES = frozenset({"page", "context", "browser", "browser_type", "guarded"})
#: Fixtures that use the session's book build. The last three (tests/test_browser_phone.py,
#: test_pdf_edition.py, test_browser_house_style.py) ask for it, or for the house-style build that it
#: starts, only at run time, so that their fixture names say it here.
BOOK_FIXTURES = frozenset({"built_book", "site", "book_url", "html_dir", "municipal_site"})
#: The modules with tests that use the book build: in the full run (scripts/test.sh, ``-n 2 --dist
#: loadscope``) they run together on one pytest-xdist worker (see pytest_xdist_make_scheduler below).
BOOK_MODULES = frozenset(f"tests/{name}.py" for name in (
    "test_book", "test_book_figures", "test_browser_apps", "test_browser_evaluation", "test_browser_house_style",
    "test_browser_journey", "test_browser_phone", "test_browser_site", "test_edition_site", "test_pdf_edition",
    "test_public_surface", "test_repeated_units", "test_serve"))
BOOK_SCOPE = "the book build"


def book_module_missing(nodeid: str, fixturenames: Iterable[str]) -> str | None:
    """The module of a test that uses the book build but is not in BOOK_MODULES, else None."""
    module = nodeid.split("::", 1)[0]
    if set(fixturenames) & BOOK_FIXTURES and module.startswith("tests/") and module not in BOOK_MODULES:
        return module
    return None


def suite_scope(nodeid: str) -> str:
    """A test's unit of work in the full run (``--dist loadscope``): pytest-xdist gives each unit to
    one worker, which runs its tests in collection order. The modules of the book build form one unit,
    since each worker has its own session fixtures: the book would otherwise be built on both. Any
    other module is a unit of its own, as loadscope has it (its module-scoped servers start once; a
    notebook's cells (nbval) share one kernel)."""
    module = nodeid.split("::", 1)[0]
    return BOOK_SCOPE if module in BOOK_MODULES else module


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadscope`` with the units of suite_scope, the book build's first (it is the longest).
    (xdist_group marks would say the same per test, but pytest-xdist 3.8 writes the group into
    ``item._nodeid``, which pytest 9 no longer reads: --dist loadgroup ignores them.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SuiteScheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return suite_scope(nodeid)

        def _assign_work_unit(self, node: Any) -> None:
            if BOOK_SCOPE in self.workqueue:
                self.workqueue.move_to_end(BOOK_SCOPE, last=False)
            super()._assign_work_unit(node)

    return SuiteScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by the fixtures they use, before ``-m`` deselects (tryfirst: before pytest's own hook).
    A test of the book build outside BOOK_MODULES stops the run: in the full run it would build the
    book a second time on the other worker."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        module = book_module_missing(item.nodeid, names)
        if module is not None:
            raise pytest.UsageError(f"{item.nodeid} uses the book build: add {module} to BOOK_MODULES in "
                                    "tests/conftest.py")


#: playwright modules that xdist workers imported (each reports its own at the end; see below)
PLAYWRIGHT_IN_WORKERS: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist: a worker is done; keep the playwright modules it reported."""
    PLAYWRIGHT_IN_WORKERS.extend(getattr(node, "workeroutput", {}).get("playwright_imported", []))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The fast tier (playwright plugin off) must not import playwright: fail the run if anything did,
    in this process or in any xdist worker (the tests run there, so the workers report to the controller)."""
    if session.config.pluginmanager.has_plugin("playwright"):
        return
    imported = sorted(m for m in sys.modules if m == "playwright" or m.startswith("playwright."))
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller fails the run
        workeroutput["playwright_imported"] = imported[:3]
        return
    imported += PLAYWRIGHT_IN_WORKERS
    if imported:
        session.config.get_terminal_writer().line(
            f"conftest: playwright was imported in a run without the playwright plugin: {imported[:3]}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def stop_all(procs: list[subprocess.Popen[bytes]]) -> None:
    """Terminate servers in reverse start order (nginx before the Voila it proxies); kill a
    process that has not ended 30 s later."""
    for proc in reversed(procs):
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API, once a browser test has run,
    leaves an event loop running in the main thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def toc_pages() -> list[str]:
    """Every page of the book in _toc.yml order, as paths without .html."""
    toc = (ROOT / "book" / "_toc.yml").read_text(encoding="utf-8")
    return ["intro", *re.findall(r"file: (\S+)", toc)]


def draw_all_charts(page: Page) -> None:
    """Charts render when scrolled into view; draw them all and wait until each has its SVG."""
    page.evaluate("window.handboekRenderAll && window.handboekRenderAll()")
    page.wait_for_function("Array.from(document.querySelectorAll('.vega-grafiek')).every(d => d.querySelector('svg'))",
                           timeout=30_000)


@pytest.fixture(scope="session")
def site(built_book: BookBuild, voila_port: int, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The built book and the apps behind Debian's nginx with deploy/nginx.conf.template, on loopback."""
    assert built_book.returncode == 0, built_book.output[-3000:]
    try:
        with nginx_serving(built_book.html, tmp_path_factory.mktemp("nginx"), voila_port) as url:
            wait_for(f"{url}/apps/voila/static/voila.js")
            yield url
    except RuntimeError as exc:  # nginx missing
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's chromium: playwright cannot download its own browsers here."""
    from playwright.sync_api import expect

    # An app answers a changed input from its kernel; the first chart a kernel draws starts vl-convert
    # (a second or two of CPU), and on two shared cores that can pass Playwright's default 5 s for
    # expect(). An app that does not answer still fails, after 30 s.
    expect.set_options(timeout=30_000)
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.fail("chromium is not installed: run scripts/setup.sh (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": exe, "args": CHROMIUM_ARGS}


@pytest.fixture
def guarded(page: Page, site: str) -> Page:
    """A browser page that aborts and records every request to another host; none may happen."""
    external: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url.startswith((site, "data:", "blob:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.set_default_timeout(90_000)
    page.external = external  # type: ignore[attr-defined]
    yield page
    assert external == [], f"requests to other hosts: {external}"
