"""Screenshots kept in docs/assets/captures/ (shown in the README): `make captures`.

Produced by this command only, never by a test: a test that wrote a tracked file would leave
`git status` dirty and make two builds differ. Tests call the same functions with a temporary
target. Needs the test dependencies (Playwright, Debian's chromium) and poppler-utils (pdftoppm).

    python -m inge43.tools.captures [--site DOSSIER_DU_SITE_CONSTRUIT]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
CAPTURES = ROOT / "docs" / "assets" / "captures"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
FINDER_CAPTURE = "trouver-interlocuteur.png"
GUIDE_CAPTURE = "guide-page-3.png"
GUIDE_PDF = "pdf/guides/projet-communal.pdf"  # the guide whose page 3 is shown (build/urls.guide_pdf)


def finder_capture(browser: Any, base_url: str, target: Path) -> list[str]:
    """The élu's path on a phone: home page, the finder, a project and a commune; PNG at `target`.

    Returns the answer's section headings (what the screenshot shows), for the tests."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(base_url.rstrip("/") + "/")
        page.get_by_role("link", name="Quel interlocuteur pour mon projet ?").first.click()
        page.wait_for_selector("[data-i43-ready=ready]")
        for field, text in (("#i43-projet", "station d epuration"), ("#i43-commune", "allegre")):
            box = page.locator(field)
            box.fill("")
            box.press_sequentially(text)
            page.locator(f"#{box.get_attribute('aria-controls')} [role=option]").first.wait_for()
            box.press("Enter")
        page.locator("#i43-reponse h3").first.wait_for()
        top = page.evaluate("document.querySelector('.i43-finder__form').getBoundingClientRect().top + window.scrollY")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(  # the form and the first cards of the answer: about two phone screens
            path=str(target), full_page=True, clip={"x": 0, "y": top - 12, "width": PHONE["width"], "height": 1500}
        )
        headings: list[str] = page.locator("#i43-reponse h3").all_inner_texts()
        return headings
    finally:
        context.close()


def guide_capture(site: Path, target: Path) -> None:
    """Page 3 of the « projet communal » guide PDF as a PNG at `target` (pdftoppm, 60 dpi)."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise RuntimeError("pdftoppm est introuvable : installez poppler-utils (make system).")
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "3", "-l", "3", "-singlefile", str(site / GUIDE_PDF), str(stem)],
        check=True,
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m inge43.tools.captures", description="Refait les captures de docs/assets/captures/."
    )
    parser.add_argument(
        "--site", type=Path, help="site déjà construit (sinon, il est construit dans un dossier temporaire)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                cwd=ROOT,
                env=env,
                check=True,
            )
        guide_capture(site, CAPTURES / GUIDE_CAPTURE)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                try:
                    finder_capture(browser, f"http://127.0.0.1:{server.server_address[1]}", CAPTURES / FINDER_CAPTURE)
                finally:
                    browser.close()
        finally:
            server.shutdown()
    for name in (FINDER_CAPTURE, GUIDE_CAPTURE):
        print(f"écrit : {(CAPTURES / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
