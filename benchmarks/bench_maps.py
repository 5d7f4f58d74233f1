"""Cartes des communes : poids des cartes SVG dans les pages (données réelles et échelle régionale).

At region scale (benchmarks/region.py: 4,000 communes, 40 intercommunalities, 400 partners) the
synthetic communes get outlines that tile the plane like real ones (each border shared by its
two communes, the communes of an intercommunality side by side), so the merged outlines are
those of a real map; the site is then built by MkDocs without the PDFs and the pages weighed.
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitebuild import build  # noqa: E402

FIGURE = re.compile(r'<figure class="i43-map.*?</figure>', re.S)


def _map_bytes(content: str) -> tuple[int, int]:
    """Bytes of the page's maps (raw, gzip): what the maps add to the page."""
    maps = "".join(FIGURE.findall(content)).encode()
    return len(maps), len(gzip.compress(maps))


def run() -> list[tuple[str, str]]:
    from inge43.check.registry import run_checks
    from inge43.generate.index import SiteIndex
    from inge43.generate.pages import Renderer
    from inge43.generate.pages.communes import commune_page, communes_index
    from inge43.generate.pages.partners import partner_page
    from inge43.generate.urls import partner_uri

    dataset = run_checks(ROOT / "data").dataset
    start = time.perf_counter()
    site = Renderer(SiteIndex(dataset))
    index = communes_index(site).content
    communes = [commune_page(site, c).content for c in dataset.communes]
    partners = {p.id: partner_page(site, p).content for p in site.index.partners}
    seconds = time.perf_counter() - start
    raw, packed = _map_bytes(index)
    commune_sizes = sorted(_map_bytes(c)[0] for c in communes)
    contours = (ROOT / "data" / "contours.json").read_bytes()
    rows = [
        (
            "data/contours.json",
            f"{len(contours) / 1024:.0f} Ko, {len(gzip.compress(contours)) / 1024:.0f} Ko compressé",
        ),
        (
            "Carte de l'index des communes (257 liens)",
            f"{raw / 1024:.0f} Ko, {packed / 1024:.0f} Ko compressé (plafond : 150 Ko, 60 Ko compressé)",
        ),
        (
            "Carte de situation d'une page de commune (médiane / plus grande)",
            f"{statistics.median(commune_sizes) / 1024:.1f} / {commune_sizes[-1] / 1024:.1f} Ko (plafond : 15 Ko)",
        ),
    ]
    for partner_id in ("pnr-livradois-forez", "pnr-monts-ardeche", "sous-prefecture-brioude"):
        if partner_id in partners:
            raw, packed = _map_bytes(partners[partner_id])
            rows.append(
                (
                    f"Carte du territoire, page {partner_uri(site.index.ds.partner_by_id[partner_id])}",
                    f"{raw / 1024:.0f} Ko, {packed / 1024:.0f} Ko compressé",
                )
            )
    rows.append(("Dessin de toutes les cartes (index, 257 communes, partenaires)", f"{seconds:.1f} s"))
    return rows + run_region()


def _largest(site: Path, folder: str) -> tuple[int, str]:
    """The largest page of a folder (its index left out): (bytes, name of the page's folder)."""
    return max((p.stat().st_size, p.parent.name) for p in (site / folder).glob("*/index.html"))


def run_region() -> list[tuple[str, str]]:
    from region import make_region_data

    with tempfile.TemporaryDirectory() as tmp:
        data, site = Path(tmp) / "data", Path(tmp) / "site"
        summary = make_region_data(ROOT / "data", data)
        seconds, peak = build(ROOT / "mkdocs.yml", site, data=data)
        partner, partner_id = _largest(site, "partenaires")
        commune, commune_id = _largest(site, "communes")
        pages = sorted(
            ((p.stat().st_size, p.relative_to(site).parent.as_posix()) for p in site.rglob("*.html")), reverse=True
        )
        partner_map = _map_bytes((site / "partenaires" / partner_id / "index.html").read_text(encoding="utf-8"))[0]
        locators = [_map_bytes(p.read_text(encoding="utf-8"))[0] for p in (site / "communes").glob("*/index.html")]
        index_map = _map_bytes((site / "communes" / "index.html").read_text(encoding="utf-8"))
        over = [(size, name) for size, name in pages if size > 100 * 1024]
        over_names = ", ".join(f"{name} ({size / 1024:.0f} Ko)" for size, name in over)  # every one, by name
        top = ", ".join(f"{name} ({size / 1024:.0f} Ko)" for size, name in pages[:3])
        return [
            (
                f"Échelle régionale ({summary}) : construction sans PDF",
                f"{seconds:.0f} s, {peak / 1024:.0f} Mo de mémoire au plus",
            ),
            (
                "Plus grosse page de partenaire (page entière / sa carte)",
                f"{partner / 1024:.0f} Ko / {partner_map / 1024:.0f} Ko ({partner_id})",
            ),
            ("Plus grosse page de commune (page entière)", f"{commune / 1024:.0f} Ko ({commune_id})"),
            (
                "Carte de situation d'une commune (médiane / plus grande)",
                f"{statistics.median(locators) / 1024:.1f} / {max(locators) / 1024:.1f} Ko",
            ),
            (
                "Carte de l'index des communes (l'exception : toutes les communes sont des liens)",
                f"{index_map[0] / 1024:.0f} Ko, {index_map[1] / 1024:.0f} Ko compressé",
            ),
            (
                "Pages de plus de 100 Ko",
                f"{len(over)} sur {len(pages)} : {over_names}" if over else f"aucune sur {len(pages)}",
            ),
            ("Les trois plus grosses pages", top),
        ]
