"""Qualité de la recherche du site : jeu de développement et jeu tenu à l'écart

Builds the site from the real data, then types every query of both sets into Material's search
box in Chromium (tests/search_eval.py) and reports how often the first result is an acceptable
page. The development set (tests/search_queries.yml) is the one the search was tuned on; the
held-out set (tests/search_heldout.yml) was written before any tuning and is never tuned on:
its figure is the honest one.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_eval import DEV_SET, HELDOUT_SET, evaluate, load  # noqa: E402
from sitebuild import build, served  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def run() -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(ROOT / "mkdocs.yml", site)
        rows = []
        with served(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base)
            for label, path in (
                ("Jeu de développement (réglage)", DEV_SET),
                ("Jeu tenu à l'écart (jamais réglé)", HELDOUT_SET),
            ):
                entries = load(path)
                found, misses = evaluate(page, entries)
                rows.append(
                    (f"{label} : premier résultat juste", f"{found}/{len(entries)} ({found / len(entries):.0%})")
                )
                if misses:
                    rows.append((f"{label} : requêtes manquées", " ; ".join(f"« {q} »" for q, _, _ in misses)))
            browser.close()
    return rows
