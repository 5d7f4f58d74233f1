"""PDF à imprimer : temps ajouté à la construction (données réelles, sans cache), sur 2 cœurs."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from inge43.check.registry import run_checks
from inge43.generate.index import SiteIndex
from inge43.generate.pdf import documents, write_pdfs

ROOT = Path(__file__).resolve().parents[1]


def run() -> list[tuple[str, str]]:
    site = SiteIndex(run_checks(ROOT / "data").dataset)
    start = time.perf_counter()
    docs = documents(site)
    html_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        files = write_pdfs(site, Path(tmp))
        seconds = time.perf_counter() - start
        size = sum(f.stat().st_size for f in files)
    return [
        ("Documents", f"{len(docs)} PDF"),
        ("Préparation du HTML", f"{html_seconds:.2f} s"),
        (f"Rendu WeasyPrint ({os.cpu_count()} processus)", f"{seconds:.1f} s (objectif : moins de 20 s)"),
        ("Taille totale", f"{size / 1024 / 1024:.1f} Mo"),
    ]
