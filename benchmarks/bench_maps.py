"""Cartes des communes : poids des cartes SVG dans les pages (données réelles)."""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

FIGURE = re.compile(r'<figure class="i43-map.*?</figure>', re.S)


def _map_bytes(content: str) -> tuple[int, int]:
    """Bytes of the page's maps (raw, gzip): what the maps add to the page."""
    maps = "".join(FIGURE.findall(content)).encode()
    return len(maps), len(gzip.compress(maps))


def run() -> list[tuple[str, str]]:
    from inge43.check.registry import run_checks
    from inge43.build.pages import Site
    from inge43.build.urls import partner_uri

    dataset = run_checks(ROOT / "data").dataset
    start = time.perf_counter()
    site = Site(dataset)
    index = site.communes_index().content
    communes = [site.commune_page(c).content for c in dataset.communes]
    partners = {p.id: site.partner_page(p).content for p in site.partners}
    seconds = time.perf_counter() - start
    raw, packed = _map_bytes(index)
    commune_sizes = sorted(_map_bytes(c)[0] for c in communes)
    contours = (ROOT / "data" / "contours.json").read_bytes()
    rows = [
        ("data/contours.json", f"{len(contours) / 1024:.0f} Ko, {len(gzip.compress(contours)) / 1024:.0f} Ko compressé"),
        ("Carte de l'index des communes (257 liens)", f"{raw / 1024:.0f} Ko, {packed / 1024:.0f} Ko compressé (plafond : 150 Ko, 60 Ko compressé)"),
        (
            "Carte de situation d'une page de commune (médiane / plus grande)",
            f"{statistics.median(commune_sizes) / 1024:.1f} / {commune_sizes[-1] / 1024:.1f} Ko (plafond : 15 Ko)",
        ),
    ]
    for partner_id in ("pnr-livradois-forez", "pnr-monts-ardeche", "sous-prefecture-brioude"):
        if partner_id in partners:
            raw, packed = _map_bytes(partners[partner_id])
            rows.append((f"Carte du territoire, page {partner_uri(site.ds.partner_by_id[partner_id])}", f"{raw / 1024:.0f} Ko, {packed / 1024:.0f} Ko compressé"))
    rows.append(("Dessin de toutes les cartes (index, 257 communes, partenaires)", f"{seconds:.1f} s"))
    return rows
