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


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-real")
    result = build_site(ROOT / "data", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-fixture")
    result = build_site(FIXTURES / "valid", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site(real_site):
    handler = functools.partial(_QuietHandler, directory=str(real_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
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
        yield browser
        browser.close()
