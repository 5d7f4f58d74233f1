"""Shared fixtures: building the site from a data folder, serving it, and a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")


def commune_count(data_dir: Path = ROOT / "data") -> int:
    """The number of communes in the data, read straight from the YAML (not through the package)."""
    return len(yaml.safe_load((data_dir / "communes.yml").read_text(encoding="utf-8"))["communes"])


def build_site(data_dir: Path, out: Path, **variables: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project's mkdocs.yml on `data_dir`, into `out`.

    `variables`: extra environment, e.g. INGE43_SITE_URL as the publication workflow sets it.
    """
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("INGE43_")}  # no stray setting
    env = dict(inherited, INGE43_DATA=str(data_dir), NO_MKDOCS_2_WARNING="1", **variables)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,  # the caller reads returncode and shows the output
        timeout=600,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory):
    """The folder of the real site and the server that will serve it, on a port chosen before the
    build: the site is built for the address it is served from (see `real_site`)."""
    out = tmp_path_factory.mktemp("site-real")
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    yield out, server, f"http://127.0.0.1:{server.server_address[1]}"
    server.server_close()


@pytest.fixture(scope="session")
def real_site(_site_server) -> Path:
    """The site of data/, built as the publication workflow builds it: `site_url` (INGE43_SITE_URL)
    is the address `served_site` serves it from, so Material's instant navigation is live in the
    browser tests as on the published site (it is off on any other address)."""
    out, _, base = _site_server
    result = build_site(ROOT / "data", out, INGE43_SITE_URL=base + "/")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-fixture")
    result = build_site(FIXTURES / "valid", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def served_site(real_site, _site_server):
    """The address (no final slash) serving `real_site`, the address it was built for."""
    _, server, base = _site_server
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. A missing browser FAILS the run, it never skips."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium est introuvable ({CHROMIUM}) : lancez « make test », qui l'installe (apt-get install chromium).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        _watch_every_page(browser)
        yield browser
        browser.close()


class ConsoleErrors:
    """Errors logged in a browser console or thrown uncaught by a page (a visitor sees a broken
    page, the tests see this list). Every page of every browser test is watched: see `_watch_every_page`."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def watch(self, page) -> None:
        page.on(
            "console", lambda m: self.seen.append(f"console : {m.text} ({page.url})") if m.type == "error" else None
        )
        page.on("pageerror", lambda e: self.seen.append(f"exception : {e} ({page.url})"))


CONSOLE = ConsoleErrors()


def _watch_every_page(browser) -> None:
    """Every page opened through `browser` (browser.new_page or a context's pages) reports to CONSOLE."""
    new_context, new_page = browser.new_context, browser.new_page

    def watched_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.on("page", CONSOLE.watch)
        return context

    def watched_page(*args, **kwargs):
        page = new_page(*args, **kwargs)
        CONSOLE.watch(page)
        return page

    browser.new_context, browser.new_page = watched_context, watched_page


@pytest.fixture(autouse=True)
def _no_console_error(request):
    """A browser test fails on any console error or uncaught exception of its pages
    (`@pytest.mark.console_errors_expected` for a test that provokes them on purpose)."""
    if "browser" not in request.fixturenames:
        yield
        return
    yield  # errors logged while a module's page was set up count for its first test
    errors, CONSOLE.seen[:] = list(CONSOLE.seen), []
    if errors and not request.node.get_closest_marker("console_errors_expected"):
        pytest.fail("erreurs dans la console du navigateur :\n" + "\n".join(errors), pytrace=False)
