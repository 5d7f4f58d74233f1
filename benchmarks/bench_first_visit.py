"""Première visite sur un téléphone : requêtes et octets transférés (compressés), cache vide.

The site is built as the publication workflow builds it (`site_url` = the address it is served
from, so Material's instant navigation is on) and served by a small server that compresses text
with gzip, as GitHub Pages does. Each page is opened in a fresh browser context (empty cache) on a
390 × 844 window; every request of the page and of its workers is counted once it has finished,
with the bytes that came over the wire (compressed body + headers), until the network is idle.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitebuild import ROOT, build

PHONE = {"width": 390, "height": 844}
PAGES = [("Accueil", ""), ("Page d'une commune", "communes/allegre/"), ("Outil « Quel interlocuteur ? »", "trouver/")]
COMPRESSED = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the browser accepts it (as GitHub Pages)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in COMPRESSED:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def first_visit(browser, url: str) -> tuple[int, int, list[str]]:
    """(requests, bytes over the wire, addresses) of one page opened with an empty cache."""
    context = browser.new_context(viewport=PHONE)
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    total = 0
    for request in finished:
        sizes = request.sizes()
        total += max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
    context.close()
    return len(finished), total, [r.url for r in finished]


def measure(base: str) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, path in PAGES:
            count, size, urls = first_visit(browser, f"{base}/{path}")
            index = "oui" if any("search_index.json" in u for u in urls) else "non"
            rows.append((f"{name} : requêtes", str(count)))
            rows.append((f"{name} : octets transférés (gzip)", f"{size / 1024:.0f} Ko"))
            rows.append((f"{name} : index de recherche téléchargé", index))
        browser.close()
    return rows


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
        )  # the port first: the site is built for its address
        base = f"http://127.0.0.1:{server.server_address[1]}"
        os.environ["INGE43_SITE_URL"] = base + "/"
        try:
            build(ROOT / "mkdocs.yml", site)
        finally:
            del os.environ["INGE43_SITE_URL"]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            return measure(base)
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    # `python benchmarks/bench_first_visit.py SITE PORT`: measure a site already built for
    # http://127.0.0.1:PORT/ (e.g. an older version, to compare).
    folder, port = Path(sys.argv[1]), int(sys.argv[2])
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    for row in measure(f"http://127.0.0.1:{port}"):
        print(*row, sep=" : ")
    srv.shutdown()
