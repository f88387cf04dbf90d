"""The public surface through nginx (deploy/nginx.conf.template): under /apps/ only the app pages and
what they need answer; no file listing, no Jupyter API, no path tricks; no response sets a cookie or
points at another host; one security policy per app response; HEAD works as a health check without
starting a kernel; too many app pages from one client get the Dutch 'druk' page; every response carries
nosniff; an unknown Host header gets no answer; Sphinx's sources and build stamp are not served."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from calculators import registry

from conftest import BookBuild, nginx_serving

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# The apps nginx passes on to Voila: read from the app-page location of deploy/nginx.conf.template
# (serve.sh's list of links and the book's links are written separately).
APPS = list(registry.APP_NAMES)  # the one list of apps, which nginx's allowlist is rendered from
HIDDEN = [
    "/apps/", "/apps", "/apps/voila/", "/apps/voila/tree", "/apps/voila/tree/calculators",
    "/apps/api/contents", "/apps/api/kernels", "/apps/api/kernelspecs", "/apps/api/sessions", "/apps/api/status",
    "/apps/api/terminals", "/apps/voila/files/voila.json", "/apps/files/voila.json", "/apps/voila/render/",
    "/apps/voila/render/onbekend.ipynb", "/apps/voila/templates/handboek/static/",
    "/apps/voila/static/", "/apps/lab", "/apps/tree", "/apps/login", "/apps/logout",
    # path tricks: traversal, encoded dots, slashes and backslashes, doubled slashes
    "/apps/voila/static/../../api/contents", "/apps/voila/static/%2e%2e/%2e%2e/api/contents",
    "/apps/voila/static/%2E%2E%2F%2E%2E%2Fapi%2Fcontents", "/apps/voila/static/..%2f..%2fapi/contents",
    "/apps/voila/static/..%5c..%5capi/contents", "/apps/voila/render/formatie.ipynb/../../tree",
    "/apps/voila/render/../../api/contents", "/apps//voila/tree", "/apps/voila/render/formatie.ipynb%2f..%2f..%2ftree",
    "/apps/api/kernels/00000000-0000-0000-0000-000000000000/../../contents",
]
# What would make a browser load something from another host: an element that fetches its src/href,
# a CSS url() or @import. (Namespace URIs in inline SVG and plain links are identifiers, not loads.)
OTHER_HOST = re.compile(
    r"""<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)\s*=\s*["']?"""
    r"""(?:https?:)?//(?!127\.0\.0\.1|localhost)"""
    r"""|url\(\s*["']?(?:https?:)?//(?!127\.0\.0\.1|localhost)|@import\s+(?:url\()?["']?(?:https?:)?//""", re.I)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(url: str, method: str = "GET") -> tuple[int, dict[str, list[str]], str]:
    try:
        response = OPENER.open(urllib.request.Request(url, method=method), timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    headers: dict[str, list[str]] = {}
    for key, value in response.headers.items():
        headers.setdefault(key.lower(), []).append(value)
    body = response.read().decode("utf-8", "replace")
    return response.status if hasattr(response, "status") else response.code, headers, body


def raw_get(base: str, path: str) -> int:
    """GET with the path exactly as written (urllib would keep it, but be explicit about no normalising)."""
    import http.client
    from urllib.parse import urlparse

    parsed = urlparse(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    response.read()
    assert response.getheader("Set-Cookie") is None, path
    conn.close()
    return response.status


def test_nginx_serves_exactly_the_registry_apps(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "deploy"))
    from render_nginx import render

    (tmp_path / "html").mkdir()
    conf = render(tmp_path / "html", tmp_path / "state", 8000, 8866).read_text(encoding="utf-8")
    allow = re.search(r"location ~ \^/apps/voila/render/\(([a-z|]+)\)\\\.ipynb\$", conf)
    assert allow and allow.group(1).split("|") == APPS == ["formatie", "terugverdienen", "verwijsaandeel", "evaluatie"]


@pytest.mark.parametrize("path", HIDDEN)
def test_everything_else_under_apps_is_a_plain_404(site: str, path: str) -> None:
    status = raw_get(site, path)
    assert status == 404, f"{path} answered {status}"


class Recorder:
    """A stand-in for Voila that records what nginx asks it."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.seen: list[tuple[str, str]] = []
        seen = self.seen

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
                seen.append(("HEAD", self.path))
                self.send_response(200)
                self.end_headers()

            do_GET = do_HEAD  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_head_on_an_app_page_is_a_health_check_without_a_kernel(built_book: BookBuild, tmp_path: Path) -> None:
    """HEAD on an app page reaches Voila only as a request for a static file: no render, no kernel."""
    voila = Recorder()
    try:
        with nginx_serving(built_book.html, tmp_path / "nginx", voila.port) as url:
            for app in APPS:
                status, headers, body = request(f"{url}/apps/voila/render/{app}.ipynb", method="HEAD")
                assert status == 200, app
                assert "set-cookie" not in headers and body == ""
    finally:
        voila.server.shutdown()
    assert voila.seen and all(path == "/apps/voila/static/voila.js" for _, path in voila.seen), voila.seen


def test_head_on_an_app_page_through_the_real_server(site: str) -> None:
    status, headers, _ = request(f"{site}/apps/voila/render/formatie.ipynb", method="HEAD")
    assert status == 200 and "set-cookie" not in headers


@pytest.mark.parametrize("app", APPS)
def test_an_app_page_has_one_security_policy_and_no_cookie(site: str, app: str) -> None:
    status, headers, body = request(f"{site}/apps/voila/render/{app}.ipynb")
    assert status == 200
    assert len(headers.get("content-security-policy", [])) == 1, headers.get("content-security-policy")
    assert len(headers.get("referrer-policy", [])) == 1 and len(headers.get("x-content-type-options", [])) == 1
    assert "set-cookie" not in headers
    assert not OTHER_HOST.findall(body), OTHER_HOST.findall(body)[:5]


@pytest.mark.parametrize("path", ["/", "/intro.html", "/chapters/09-capaciteit-en-formatie.html", "/bestaat-niet.html",
                                  "/_static/handboek.css", "/apps/voila/static/voila.js"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_no_response_sets_a_cookie(site: str, path: str, method: str) -> None:
    status, headers, _ = request(f"{site}{path}", method=method)
    assert status in (200, 404), (path, status)
    assert "set-cookie" not in headers, (path, headers.get("set-cookie"))


def test_error_pages_reference_no_other_host(site: str) -> None:
    for path in ["/bestaat-niet.html", "/apps/voila/tree", "/apps/api/contents"]:
        _, _, body = request(f"{site}{path}")
        assert not OTHER_HOST.findall(body), (path, OTHER_HOST.findall(body)[:5])


def test_too_many_app_pages_from_one_client_get_the_dutch_busy_page(built_book: BookBuild, voila_port: int,
                                                                    tmp_path: Path) -> None:
    """With the limit at one page a minute after a burst of one (nginx's smallest), the third page within
    the minute is refused at once with the Dutch message (429); the server stays responsive for the book."""
    with nginx_serving(built_book.html, tmp_path / "nginx", voila_port, app_rate="1r/m", app_burst=1) as url:
        first, _, _ = request(f"{url}/apps/voila/render/formatie.ipynb")
        second, _, _ = request(f"{url}/apps/voila/render/formatie.ipynb")
        third, headers, body = request(f"{url}/apps/voila/render/formatie.ipynb")
        book, _, _ = request(f"{url}/intro.html")
    assert (first, second) == (200, 200)
    assert third == 429
    assert "De rekentools zijn even druk, probeer het over een minuut" in body
    assert "set-cookie" not in headers
    assert book == 200


SURFACE = [
    "/",
    "/intro.html",
    "/chapters/09-capaciteit-en-formatie.html",
    "/bestaat-niet.html",
    "/_static/handboek.css",
    "/_static/handboek-poh-jeugd.pdf",
    "/apps/voila/static/voila.js",
    *HIDDEN,
    *(f"/apps/voila/render/{app}.ipynb" for app in APPS),
]


def raw_headers(base: str, path: str, host: str | None = None) -> tuple[int, dict[str, list[str]]]:
    import http.client
    from urllib.parse import urlparse

    parsed = urlparse(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    conn.putrequest("GET", path, skip_host=host is not None, skip_accept_encoding=True)
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    response = conn.getresponse()
    response.read()
    headers: dict[str, list[str]] = {}
    for key, value in response.getheaders():
        headers.setdefault(key.lower(), []).append(value)
    conn.close()
    return response.status, headers


def test_every_response_says_nosniff_once(site: str) -> None:
    """Every path of this file (book pages, assets, the 404s under /apps/, the four app pages)."""
    missing = {}
    for path in SURFACE:
        status, headers = raw_headers(site, path)
        if headers.get("x-content-type-options") != ["nosniff"]:
            missing[path] = (status, headers.get("x-content-type-options"))
    assert missing == {}


@pytest.mark.parametrize("app", APPS)
def test_an_app_connects_only_to_its_own_host(site: str, app: str) -> None:
    _, headers, _ = request(f"{site}/apps/voila/render/{app}.ipynb")
    policy = headers["content-security-policy"][0]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["connect-src"] == ["'self'"], policy
    # no string evaluation in the apps (issue 22; the browser journeys check the pages work without it)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"], policy


@pytest.mark.parametrize("path", ["/", "/apps/voila/render/formatie.ipynb", "/apps/voila/static/voila.js"])
def test_an_unknown_host_name_gets_no_answer(site: str, path: str) -> None:
    """DNS rebinding: a page of another site whose name resolves to this server sends its own Host."""
    import http.client

    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        raw_headers(site, path, host="aanvaller.example")
    for host in ("localhost", "127.0.0.1"):
        status, _ = raw_headers(site, "/", host=f"{host}:{site.rsplit(':', 1)[1]}")
        assert status == 200, host


def test_a_municipality_s_own_host_name_is_answered(built_book: BookBuild, voila_port: int, tmp_path: Path) -> None:
    with nginx_serving(
        built_book.html, tmp_path / "nginx", voila_port, server_names=["rekentools.gemeente.example"]
    ) as url:
        status, _ = raw_headers(url, "/intro.html", host="rekentools.gemeente.example")
        assert status == 200
        with pytest.raises(Exception):  # noqa: B017 - nginx closes the connection (444): any client error
            raw_headers(url, "/intro.html", host="andere.example")


def test_sphinx_sources_and_build_stamp_are_not_served(site: str, built_book: BookBuild) -> None:
    html = built_book.html
    source = next(p for p in sorted((html / "_sources").rglob("*")) if p.is_file())  # they are in the build
    assert (html / ".buildinfo").is_file()
    for path in [f"/{source.relative_to(html).as_posix()}", "/_sources/", "/.buildinfo"]:
        status, _ = raw_headers(site, path)
        assert status == 404, path
