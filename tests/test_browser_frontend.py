"""What an app page loads through nginx (deploy/nginx.conf.template, voila.json): the lighter front end.

Pins the cuts measured by benchmarks/frontend.py, without a timing threshold: only the two
labextensions the apps need are loaded (voila.json extension_allowlist); every JavaScript file
arrives gzip-compressed; files whose URL names their content are cached for a year as
immutable and the page itself is never cached; a second visit in the same browser asks the
server for nothing but the page and its kernel; and the page still becomes usable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Response

from conftest import nginx_serving, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TIMEOUT = 90_000
ALLOWED_LABEXTENSIONS = {"@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"}
# a 16+ hex content hash in the file name, or Voila's ?v=<hash>
HASHED = re.compile(r"/[^/?]*[0-9a-f]{16,}[^/?]*$|[?&]v=[0-9a-f]{16,}")


@pytest.fixture(scope="module")
def apps_only(voila_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """nginx with the production template in front of the test Voila; a one-page folder as the
    book (no book build needed). Yields the base URL and nginx's state folder (its access log)."""
    root = tmp_path_factory.mktemp("front-root")
    (root / "index.html").write_text("<!doctype html><title>apps</title>\n", encoding="utf-8")
    state = tmp_path_factory.mktemp("front-nginx")
    try:
        with nginx_serving(root, state, voila_port) as url:
            wait_for(f"{url}/apps/voila/static/voila.js")
            yield url, state
    except RuntimeError as exc:  # nginx missing
        pytest.fail(str(exc))


def labextension(url: str) -> str | None:
    """The package name of a labextension file URL (``@scope/name`` or ``name``), else None."""
    match = re.search(r"/voila/labextensions/((?:@[^/]+/)?[^/]+)/", url)
    return match.group(1) if match else None


def open_app(context: BrowserContext, url: str) -> tuple[Page, list[Response]]:
    page = context.new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, timeout=TIMEOUT)
    page.get_by_role("status").wait_for(timeout=TIMEOUT)  # usable: the result sentence is shown
    page.wait_for_load_state("load")
    return page, responses


def test_an_app_page_loads_only_what_it_needs_compressed_and_cached(apps_only: tuple[str, Path],
                                                                    context: BrowserContext) -> None:
    base, state = apps_only
    url = f"{base}/apps/voila/render/formatie.ipynb"
    page, responses = open_app(context, url)

    # only the allowlisted labextensions, in the page's configuration and on the wire
    config = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent)")
    assert {ext["name"] for ext in config["federated_extensions"]} == ALLOWED_LABEXTENSIONS
    loaded = {labextension(r.url) for r in responses} - {None}
    assert loaded == ALLOWED_LABEXTENSIONS, loaded

    document = next(r for r in responses if r.url == url)
    assert "no-cache" in document.headers.get("cache-control", ""), document.headers

    scripts = [r for r in responses if r.request.resource_type == "script" and r.url.startswith(f"{base}/apps/")]
    assert len(scripts) > 20  # Voila's own chunks and the widget manager's
    for response in scripts:
        headers = response.all_headers()
        assert headers.get("content-encoding") == "gzip", (response.url, headers)
        assert "accept-encoding" in headers.get("vary", "").lower(), (response.url, headers)
    hashed = [r for r in responses if r.url.startswith(f"{base}/apps/voila/") and HASHED.search(r.url)]
    assert len(hashed) >= len(ALLOWED_LABEXTENSIONS) * 2  # at least each remoteEntry and one chunk
    for response in hashed:
        cache = response.all_headers().get("cache-control", "")
        assert cache == "public, max-age=31536000, immutable", (response.url, cache)
    for response in scripts:
        if not HASHED.search(response.url):  # Voila's unhashed NNNN.voila.js: a week, one header
            assert response.all_headers().get("cache-control") == "public, max-age=604800", response.url
    page.close(run_before_unload=True)

    # a second visit in the same browser asks the server only for the page and its kernel: every
    # script, style sheet and font comes from the browser's cache
    log = state / "nginx-access.log"
    seen = len(log.read_text(encoding="utf-8").splitlines())
    page, _ = open_app(context, url)
    asked = [line.split('"')[1].split()[1] for line in log.read_text(encoding="utf-8").splitlines()[seen:]]
    assert "/apps/voila/render/formatie.ipynb" in asked, asked
    other = [path for path in asked if path != "/apps/voila/render/formatie.ipynb"
             and not path.startswith(("/apps/api/kernels/", "/apps/voila/api/shutdown/"))]
    assert other == [], other
    page.close(run_before_unload=True)
