"""Construction du site comparée à MkDocs + Material « nu » (mêmes pages, même menu), à froid et à chaud.

For each data set (the real data, and the region-scale set of `benchmarks/region.py`):
- ours: `mkdocs build` of the project (plugin, macros, search, PDFs). Cold: no PDF cache
  (`.cache/` of a copy of the project); warm: the same build again, cache filled.
- bare (the floor): MkDocs + Material with the search plugin only, on a docs folder holding as
  many pages, as plain Markdown of the site's median text length (not our HTML), plus the
  hand-written pages, with the same navigation and the same pages left out of it. Cold and warm
  are two runs in a row. The target (issue 25) is the warm ratio: our PDF cache filled.
Each build runs in its own process; its time is the wall-clock time of that process, its
peak memory the largest resident size of that process and of its children (PDF workers).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from region import make_region_data  # noqa: E402
from sitebuild import build  # noqa: E402

# Writes the bare project: every generated page as a file, the hand-written pages, the same nav.
_BARE = """
import datetime as dt, re, sys, shutil, yaml
from pathlib import Path
from inge43.generate.index import SiteIndex
from inge43.generate.pages import Renderer, build_pages, nav_children
from inge43.check.registry import run_checks
from inge43.mkdocs.plugin import _expand_nav
root, data, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
pages = build_pages(Renderer(SiteIndex(run_checks(data).dataset)), today=dt.date(2026, 12, 1))
shutil.copytree(root / "docs", out / "docs")
# The floor builds plain Markdown pages, not our HTML: each generated page becomes a Markdown page of
# the site's median text length (title, headings, paragraphs), at the same address, in or out of the nav.
texts = sorted(len(re.sub(r"<[^>]+>|^---.*?---", " ", p.content, flags=re.S).split()) for p in pages)
median_words = texts[len(texts) // 2]
words = "commune projet partenaire conseil étude travaux financement intercommunalité élus réseau".split()
for n, page in enumerate(pages):
    path = out / "docs" / page.uri
    path.parent.mkdir(parents=True, exist_ok=True)
    body = [f"# Page {n}", ""]
    for i in range(0, median_words, 60):
        if i % 240 == 0:
            body += [f"## Partie {i // 240 + 1}", ""]
        body += [" ".join(words[(n + j) % len(words)] for j in range(i, min(i + 60, median_words))), ""]
    path.write_text("\\n".join(body), encoding="utf-8")
ours = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
config = {
    "site_name": ours["site_name"],
    "docs_dir": "docs",
    "theme": {"name": "material", "language": "fr", "font": False, "features": ours["theme"]["features"]},
    "plugins": ["search"],
    "markdown_extensions": ["abbr", "attr_list", "md_in_html", {"toc": {"permalink": False}}, "admonition"],
    "extra_css": ours.get("extra_css", []),
    "nav": _expand_nav(ours["nav"], nav_children(pages)),
    "not_in_nav": "\\n".join("/" + p.uri for p in pages if not p.in_nav),
}
(out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
"""


def _largest_page(site: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(pages)


def _pages_over(site: Path, limit: int = 100 * 1024) -> list[str]:
    """Every page over `limit` bytes, by name, largest first (issue 11: none at region scale)."""
    pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
    return [f"{name} ({size / 1024:.0f} Ko)" for size, name in pages if size > limit]


def _partner_page(site: Path) -> int:
    return (site / "partenaires" / "cdg-43" / "index.html").stat().st_size


def _measure(label: str, data: Path, tmp: Path) -> list[tuple[str, str]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Ours, in a copy of the project so that the PDF cache starts empty (cold).
    project = tmp / f"projet-{label}"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", ".cache", "site", "__pycache__"))
    ours = [build(project / "mkdocs.yml", tmp / f"site-{label}", data=data, pdf=True) for _ in range(2)]
    # Bare MkDocs + Material with the same pages and navigation.
    bare_dir = tmp / f"nu-{label}"
    subprocess.run([sys.executable, "-c", _BARE, str(ROOT), str(data), str(bare_dir)], env=env, check=True)
    bare = [build(bare_dir / "mkdocs.yml", tmp / f"site-nu-{label}") for _ in range(2)]
    largest, name = _largest_page(tmp / f"site-{label}")
    rows = []
    for (ours_s, ours_kb), (bare_s, bare_kb), state in zip(ours, bare, ("à froid", "à chaud"), strict=True):
        rows.append(
            (
                f"{label}, {state}",
                f"Ingé 43 {ours_s:.1f} s, {ours_kb / 1024:.0f} Mo de mémoire au plus ; MkDocs nu {bare_s:.1f} s, "
                f"{bare_kb / 1024:.0f} Mo ; rapport {ours_s / bare_s:.2f}",
            )
        )
    rows.append(
        (
            f"{label}, poids des pages",
            f"page d'un partenaire {_partner_page(tmp / f'site-{label}') / 1024:.0f} Ko "
            f"(MkDocs nu : {_partner_page(tmp / f'site-nu-{label}') / 1024:.0f} Ko) ; "
            f"plus grosse page {largest / 1024:.0f} Ko ({name})",
        )
    )
    over = _pages_over(tmp / f"site-{label}")
    rows.append((f"{label}, pages de plus de 100 Ko", f"{len(over)} : {', '.join(over)}" if over else "aucune"))
    files = sorted(
        (
            (p.stat().st_size, p.relative_to(tmp / f"site-{label}").as_posix())
            for p in (tmp / f"site-{label}").rglob("*")
            if p.is_file()
        ),
        reverse=True,
    )
    total = sum(size for size, _ in files)
    rows.append(
        (
            f"{label}, poids du site",
            f"{total / 2**20:.0f} Mo en {len(files)} fichiers ; plus gros fichiers : "
            + ", ".join(f"{name} ({size / 2**20:.1f} Mo)" for size, name in files[:5]),
        )
    )
    folders: dict[str, list[int]] = {}
    for size, name in files:
        folders.setdefault(name.split("/")[0] if "/" in name else "(racine)", []).append(size)
    rows.append(
        (
            f"{label}, poids par dossier",
            " ; ".join(
                f"{folder}/ {sum(sizes) / 2**20:.1f} Mo ({len(sizes)} fichiers)"
                for folder, sizes in sorted(folders.items(), key=lambda kv: -sum(kv[1]))[:6]
            ),
        )
    )
    big = [name for size, name in files if size > 10 * 2**20]
    rows.append((f"{label}, fichiers de plus de 10 Mo", ", ".join(big) if big else "aucun"))
    return rows


def run() -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows += _measure("données réelles", ROOT / "data", tmp)
        region = tmp / "data-region"
        summary = make_region_data(ROOT / "data", region)
        rows += _measure(f"échelle régionale ({summary})", region, tmp)
    return rows


if __name__ == "__main__":
    for name, value in run():
        print(f"{name} : {value}")
