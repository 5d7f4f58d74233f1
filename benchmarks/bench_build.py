"""Construction du site : durée et taille des pages, avec les données réelles et avec 3 000 communes."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _build(data: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT, check=True, env={**os.environ, "INGE43_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - start


def _synthetic(data: Path, count: int) -> None:
    doc = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
    base = doc["communes"][0]
    for i in range(count - len(doc["communes"])):
        doc["communes"].append({**copy.deepcopy(base), "code": f"9{i:04d}", "nom": f"Commune synthétique {i:04d}"})
    (data / "communes.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Every commune needs an outline (rule contours-communes): the synthetic ones borrow the first one's.
    contours = data / "contours.json"
    if contours.exists():
        lines = contours.read_text(encoding="utf-8").splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith('{"code": '))
        template = lines[first].rstrip(",")
        extra = [template.replace(f'"code": "{base["code"]}"', f'"code": "9{i:04d}"', 1) for i in range(count - 257)]
        lines[first] = lines[first] + ("" if lines[first].endswith(",") else ",")
        lines[first + 1 : first + 1] = [line + "," for line in extra]
        contours.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run() -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, count in (("données réelles (257 communes)", None), ("3 000 communes", 3000)):
            data = tmp / f"data-{count}"
            shutil.copytree(ROOT / "data", data)
            if count:
                _synthetic(data, count)
            out = tmp / f"site-{count}"
            seconds = _build(data, out)
            page = (out / "partenaires" / "cdg-43" / "index.html").stat().st_size
            total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
            rows += [
                (f"Construction, {label}", f"{seconds:.1f} s"),
                (f"Taille de la page d'un partenaire, {label}", f"{page / 1024:.0f} Ko"),
                (f"Taille totale du site, {label}", f"{total / 1024 / 1024:.1f} Mo"),
            ]
    return rows
