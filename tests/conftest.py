"""Shared fixtures: building the site from a data folder, serving it, and a real browser."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
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


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page left before its files arrived (the browser closed the connection): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


# Sites built once per run and shared by every pytest-xdist worker (`make test` runs the tests in
# parallel): one folder per site under one root, built by the first worker that needs it, under a
# file lock, and read by the others. The root and the server of the real site belong to the process
# that lives for the whole run (pytest-xdist's controller, or pytest itself without -n): a worker
# that ends early takes nothing away from the others.
_SHARED = pytest.StashKey[tuple[Path, str]]()
_REAL = "real"  # the folder of the real site under the root, served at the address it is built for


def pytest_configure(config):
    if hasattr(config, "workerinput"):  # a worker: the controller made the root and the server
        return
    root = Path(tempfile.mkdtemp(prefix="inge43-tests-"))
    (root / _REAL).mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root / _REAL))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config.stash[_SHARED] = root, f"http://127.0.0.1:{server.server_address[1]}"

    def stop() -> None:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)

    config.add_cleanup(stop)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist, in the controller: each worker learns the shared root and the served address."""
    root, base = node.config.stash[_SHARED]
    node.workerinput["inge43_shared"] = [str(root), base]


def _shared(config) -> tuple[Path, str]:
    if hasattr(config, "workerinput"):
        root, base = config.workerinput["inge43_shared"]
        return Path(root), base
    return config.stash[_SHARED]


def shared_site(config, name: str, data_dir: Path, then=None, **variables: str) -> Path:
    """`build_site(data_dir, …)` once per run whatever the number of workers: the first one to ask
    builds under a lock, the others wait and reuse its folder. `then(out)`, if given, runs once
    after a build that succeeded and returns a CompletedProcess too (a step on the built site). A
    failed build or step fails every test that asks for the site, with its output."""
    root, _ = _shared(config)
    out, done, failed = root / name, root / f"{name}.ok", root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists() and not failed.exists():
            result = build_site(data_dir, out, **variables)
            if result.returncode == 0 and then is not None:
                result = then(out)
            if result.returncode == 0:
                done.touch()
            else:
                failed.write_text(result.stdout + result.stderr, encoding="utf-8")
    if failed.exists():
        pytest.fail(f"la construction du site {name} a échoué :\n" + failed.read_text(encoding="utf-8"), pytrace=False)
    return out


@pytest.fixture(scope="session")
def real_site(pytestconfig) -> Path:
    """The site of data/, built as the publication workflow builds it: `site_url` (INGE43_SITE_URL)
    is the address `served_site` serves it from, so Material's instant navigation is live in the
    browser tests as on the published site (it is off on any other address)."""
    base = _shared(pytestconfig)[1]
    return shared_site(pytestconfig, _REAL, ROOT / "data", INGE43_SITE_URL=base + "/")


@pytest.fixture(scope="session")
def served_site(pytestconfig, real_site) -> str:
    """The address (no final slash) that serves `real_site`, the address it was built for."""
    return _shared(pytestconfig)[1]


@pytest.fixture(scope="session")
def fixture_site(pytestconfig) -> Path:
    """The site of tests/fixtures/valid, with the settings of a build on a computer."""
    return shared_site(pytestconfig, "fixture", FIXTURES / "valid")


@pytest.hookimpl(trylast=True)  # after the deselection by marker (-m)
def pytest_collection_modifyitems(config, items):
    """A test that opens Chromium (the `browser` fixture) carries the `browser` marker: `make test-fast`
    and the data job leave browser tests out by that marker, and must not start one by surprise.

    Order: the first test that reads the real site comes first, and the other ones last. In
    parallel, one worker starts the real site's build at once while the others run the tests that
    do not need it, instead of all waiting for the build together."""
    unmarked = [
        i.nodeid for i in items if "browser" in getattr(i, "fixturenames", ()) and not i.get_closest_marker("browser")
    ]
    if unmarked:
        raise pytest.UsageError("tests qui ouvrent Chromium sans @pytest.mark.browser : " + ", ".join(unmarked))
    reads = [i for i in items if "real_site" in getattr(i, "fixturenames", ())]
    if reads:
        later = set(reads[1:])
        # Among them, the tests of one case each (some run for 10 to 30 s) before the cases of
        # parametrized tests (one page or request each, a few seconds): the workers end together
        # instead of one waiting for the other's last long test.
        cases = Counter((i.path, getattr(i, "originalname", i.name)) for i in reads)
        rest = sorted(reads[1:], key=lambda i: cases[i.path, getattr(i, "originalname", i.name)])
        items[:] = [reads[0], *(i for i in items if i is not reads[0] and i not in later), *rest]


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
        for context in _SHARED_CONTEXTS.values():
            context.close()
        _SHARED_CONTEXTS.clear()
        browser.close()


# Contexts kept for the whole run of a worker, one per set of options (viewport, colour scheme…).
# A new context per test starts a new renderer process with empty caches (about half a second a
# test on this machine); a new page of a shared context does not.
_SHARED_CONTEXTS: dict[str, object] = {}


class Tab:
    """A new page (tab) of the worker's context for `options`, as `browser.new_context(**options)
    .new_page()` gives, for the tests that only open pages: a fresh document, the console watched
    (CONSOLE), the HTTP cache of the earlier tests. `close()` closes the page and leaves the
    context without cookies or stored values (localStorage) for the next test."""

    def __init__(self, browser, **options) -> None:
        key = repr(sorted(options.items()))
        if key not in _SHARED_CONTEXTS:
            _SHARED_CONTEXTS[key] = browser.new_context(**options)
        self.context = _SHARED_CONTEXTS[key]
        self.context.clear_cookies()
        self.page = self.context.new_page()

    def close(self) -> None:
        from playwright.sync_api import Error

        for page in self.context.pages:  # the storage of every origin this test's pages opened
            try:
                if page.url.startswith("http"):
                    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            except Error:
                pass  # a page that crashed or has no storage: closed below all the same
            page.close()
        self.context.clear_cookies()


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
