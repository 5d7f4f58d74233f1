"""Construction du site : durée et taille des pages, avec les données réelles et avec 3 000 communes.

Une construction complète (`mkdocs build`, PDF compris) chronométrée une fois par jeu de données ;
les communes ajoutées ont chacune leur nom et leur contour (benchmarks/region.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from region import make_region_data

ROOT = Path(__file__).resolve().parents[1]


def _build(data: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "INGE43_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - start


def run() -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, count in (("données réelles (257 communes)", None), ("3 000 communes", 3000)):
            data = tmp / f"data-{count}"
            if count:  # more communes only: the real intercommunalities and partners
                make_region_data(ROOT / "data", data, communes=count, epcis=0, partners=0)
            else:
                shutil.copytree(ROOT / "data", data)
            out = tmp / f"site-{count}"
            seconds = _build(data, out)
            page = (out / "partenaires" / "cdg-43" / "index.html").stat().st_size
            total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
            rows += [
                (f"Construction complète (mkdocs build, PDF compris, 1 mesure), {label}", f"{seconds:.1f} s"),
                (f"Taille de la page d'un partenaire, {label}", f"{page / 1024:.0f} Ko"),
                (f"Taille totale du site, {label}", f"{total / 1024 / 1024:.1f} Mo"),
            ]
    return rows
