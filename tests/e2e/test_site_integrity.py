"""The built site holds together: links and anchors resolve, builds are reproducible, a fresh clone builds."""

from __future__ import annotations

import filecmp
import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from inge43.tools.linkcheck import scan


def test_internal_links_and_anchors_resolve(real_site):
    broken, external = scan(real_site)
    assert broken == [], broken[:10]
    assert external  # sources and partner sites are listed for `make linkcheck`


def test_link_checker_reports_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="ici"></p><a href="../b/">b</a><a href="#ici">ok</a><a href="#nulle-part">x</a>'
    )
    (tmp_path / "index.html").write_text('<a href="a/#ici">ok</a><a href="a/#absente">x</a>')
    broken, _ = scan(tmp_path)
    assert sorted((b.page, b.link) for b in broken) == [
        ("a/index.html", "#nulle-part"),
        ("a/index.html", "../b/"),
        ("index.html", "a/#absente"),
    ]


def _differences(left: Path, right: Path) -> list[str]:
    out = []
    compare = filecmp.dircmp(left, right)
    out += [f"seulement d'un côté : {n}" for n in compare.left_only + compare.right_only]
    out += [n for n in compare.diff_files if not filecmp.cmp(left / n, right / n, shallow=False)]
    for name in compare.common_dirs:
        out += [f"{name}/{d}" for d in _differences(left / name, right / name)]
    return out


def test_two_builds_are_byte_identical(real_site, served_site, tmp_path):
    # the same site_url as real_site: the address it is served from
    result = build_site(ROOT / "data", tmp_path / "again", INGE43_SITE_URL=served_site + "/")
    assert result.returncode == 0, result.stderr
    assert _differences(real_site, tmp_path / "again") == []


@pytest.mark.slow
def test_a_fresh_clone_installs_and_builds(tmp_path):
    """The README's set-up in an empty folder: nothing outside the repository is needed."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "INGE43_DATA", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)
    install = subprocess.run(
        ["make", "install"], cwd=clone, env=env, capture_output=True, text=True, timeout=1200, check=False
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    build = subprocess.run(
        ["make", "build"], cwd=clone, env=env, capture_output=True, text=True, timeout=1200, check=False
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    page = (clone / "site" / "partenaires" / "inge43" / "index.html").read_text(encoding="utf-8")
    assert "Dernière modification le" in page  # history dates come from the clone's own git
    assert (clone / "site" / "sitemap.xml").read_text(encoding="utf-8").count("<loc>http://127.0.0.1:8000/") > 1
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True)
    assert status.stdout == ""  # the build writes nothing tracked (site/ and .venv/ are ignored)
