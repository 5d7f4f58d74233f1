"""Site build on fixture data: generated pages, escaping, the build stopping on bad data, page size."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import FIXTURES, ROOT, build_site, commune_count
from inge43.check.registry import run_checks
from inge43.generate.urls import TEAM_REPORT, commune_uris, page_url


def _html(site: Path, uri: str) -> str:
    return (site / page_url(uri) / "index.html").read_text(encoding="utf-8")


def test_every_record_gets_a_page(fixture_site):
    ds = run_checks(FIXTURES / "valid").dataset
    for partner in ds.partners:
        html = _html(fixture_site, f"partenaires/{partner.id}.md")
        assert partner.nom in html.replace("&#39;", "'")
    for domain in ds.domains:
        assert (fixture_site / "domaines" / domain.id / "index.html").is_file()
    for code, uri in commune_uris(ds).items():
        assert code in _html(fixture_site, uri)
    for index in ("partenaires", "domaines", "communes"):
        assert (fixture_site / index / "index.html").is_file()


def test_data_text_is_escaped(fixture_site):
    ds = run_checks(FIXTURES / "valid").dataset
    hostile = [p for p in ds.partners if "<script>" in p.description]
    assert hostile, "the valid fixture must hold a description with <script> to test escaping"
    html = _html(fixture_site, f"partenaires/{hostile[0].id}.md")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ config }}" in html  # shown as text, not rendered by the macros plugin
    assert "{% raw %}" in html


def test_generated_pages_are_not_written_into_docs(fixture_site):
    assert not (ROOT / "docs" / "partenaires").exists()
    assert not (ROOT / "docs" / "communes").exists()


def test_commune_and_partner_pages_stay_out_of_the_navigation(fixture_site):
    """The navigation, repeated in every page, must not grow with the number of communes or partners."""
    ds = run_checks(FIXTURES / "valid").dataset
    partner_page = _html(fixture_site, f"partenaires/{ds.partners[0].id}.md")
    nav = partner_page.split('class="md-content"')[0]
    here = "https://site.test/" + page_url(f"partenaires/{ds.partners[0].id}.md")
    targets = {urljoin(here, href).removeprefix("https://site.test/") for href in re.findall(r'href="([^"#]*)"', nav)}
    assert "partenaires/" in targets  # the partners' index is in the navigation
    for uri in commune_uris(ds).values():
        assert page_url(uri) not in targets
    for partner in ds.partners:
        assert f"partenaires/{partner.id}/" not in targets


def test_build_stops_with_the_french_report(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    partners = data / "partners.yml"
    text = partners.read_text(encoding="utf-8")
    broken = re.sub(r"(domaines: \[)([a-z-]+)", r"\1domaine-inexistant", text, count=1)
    assert broken != text
    partners.write_text(broken, encoding="utf-8")
    result = build_site(data, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Le site n'est pas construit" in output
    assert re.search(r"partners\.yml:\d+:\d+: erreur \[reference-domaine\]", output)
    assert "Traceback" not in output


def _with_communes(tmp_path: Path, count: int) -> Path:
    """The valid fixture with `count` synthetic communes added to its first EPCI."""
    data = tmp_path / f"data-{count}"
    shutil.copytree(FIXTURES / "valid", data)
    doc = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
    epci = doc["epci"][0]["code"]
    arr = doc["arrondissements"][0]["code"]
    for i in range(count):
        doc["communes"].append(
            {
                "code": f"9{i:04d}",
                "nom": f"Synthétique {i:04d}",
                "codes_postaux": ["43000"],
                "population": 100 + i,
                "arrondissement": arr,
                "epci": epci,
            }
        )
    (data / "communes.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def test_page_size_does_not_grow_with_communes(tmp_path, fixture_site):
    large = _with_communes(tmp_path, 600)
    result = build_site(large, tmp_path / "site-large")
    assert result.returncode == 0, result.stdout + result.stderr
    partner = run_checks(large).dataset.partners[0].id  # the fixture's first partner, in both sites
    sizes = [len(_html(site, f"partenaires/{partner}.md")) for site in (fixture_site, tmp_path / "site-large")]
    assert abs(sizes[1] - sizes[0]) / sizes[0] < 0.02, sizes


def test_real_data_builds_strict(real_site):
    assert (real_site / "partenaires" / "inge43" / "index.html").is_file()
    assert len(list((real_site / "communes").glob("*/index.html"))) == commune_count()


# Text files a visitor can open. The team's report (« État des données », equipe/) is published
# too, but it is the agents' list of gaps: it keeps saying what is « à compléter ».
PUBLIC_TEXT = {".html", ".js", ".json", ".xml", ".csv", ".txt", ".vcf"}


def _public_files_with(site: Path, needle: str) -> list[str]:
    team_report = (site / page_url(TEAM_REPORT)).as_posix()
    return [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*"))
        if path.suffix in PUBLIC_TEXT
        and not path.as_posix().startswith(team_report)
        and needle in path.read_text(encoding="utf-8", errors="replace").casefold()
    ]


def test_no_public_page_says_a_compléter(fixture_site, real_site):
    """Issue 22: a missing value reads as a plain statement (« pas de téléphone publié : passez par
    Ingé 43 au … »), never as a to-do; the fixture has partners without phone, e-mail or cost."""
    report = fixture_site / page_url(TEAM_REPORT) / "index.html"
    assert "à compléter" in report.read_text(encoding="utf-8").casefold()  # the agents still see the gaps
    for site in (fixture_site, real_site):
        assert _public_files_with(site, "à compléter") == [], site
    # The fixture's missing values really are shown, in plain words (with the entry point's phone
    # where the visitor needs someone to call: an unpublished legal setting here).
    for words in ("pas de courriel publié", "coût non publié", "non publié à ce jour : passez par guichet de test au"):
        assert _public_files_with(fixture_site, words), words


def _build_in_process(monkeypatch, out: Path) -> str:
    """A build in this process, as `mkdocs serve` runs them; returns the sitemap's first <lastmod>."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("INGE43_DATA", str(FIXTURES / "valid"))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out))
    config.plugins["inge43"].config.pdf = False  # PDFs are tested elsewhere
    build(config)
    return re.search(r"<lastmod>([^<]+)</lastmod>", (out / "sitemap.xml").read_text(encoding="utf-8")).group(1)


def test_build_date_is_pinned_for_the_build_only(monkeypatch, tmp_path):
    """Bug found in use: SOURCE_DATE_EPOCH set for the build stayed set for as long as `mkdocs serve` ran."""
    import os

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    lastmod = _build_in_process(monkeypatch, tmp_path / "a")
    assert "SOURCE_DATE_EPOCH" not in os.environ
    import subprocess

    head = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"],
        cwd=ROOT,
        env=dict(os.environ, TZ="UTC"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert lastmod == head  # the last commit's date, not the clock

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # 2001-09-09: the caller's choice wins, and stays
    assert _build_in_process(monkeypatch, tmp_path / "b") == "2001-09-09"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1000000000"


@pytest.mark.data
def test_generated_pages_are_html_without_markdown_syntax():
    """Generated pages skip Markdown: a Markdown heading or attribute list in a template would show as text."""
    import datetime as dt

    from inge43.generate.index import SiteIndex
    from inge43.generate.pages import Renderer, build_pages

    pages = build_pages(Renderer(SiteIndex(run_checks(ROOT / "data").dataset)), today=dt.date(2026, 12, 1))
    for page in pages:
        body = page.content.split("\n---\n", 1)[-1]
        assert not re.search(r"^\s*#{1,6} ", body, re.M), f"{page.uri}: titre Markdown dans une page générée"
        assert "{: " not in body, f"{page.uri}: liste d'attributs Markdown dans une page générée"


def test_plugin_settings_are_checked():
    """The inge43 plugin's settings have a schema: a misspelt key or an unknown status is reported."""
    from inge43.mkdocs.plugin import Inge43Config

    config = Inge43Config()
    config.load_dict({"legal": {"directeur_publcation": "X"}, "depot": {"url": "https://example.org/depot"}})
    errors, warnings = config.validate()
    assert not errors
    assert any("directeur_publcation" in str(message) for _, message in warnings)
    assert config.depot.url == "https://example.org/depot" and config.depot.branche == "main"

    config = Inge43Config()
    config.load_dict({"legal": {"statut_accessibilite": "conforme à peu près"}})
    errors, _ = config.validate()
    assert errors


def _primary_nav(site: Path, url: str) -> tuple[set[str], bool]:
    """The pages the navigation drawer of page `url` links to (from the site root), and whether an item is active."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]
    targets = {urljoin(f"/{url}", href) for href in re.findall(r'<a href="([^"#]+)" class="md-nav__link', nav)}
    return targets, "md-nav__link--active" in nav


def _top_level_targets() -> set[str]:
    """The first page of each entry of mkdocs.yml's `nav` (a section: its first page), from the site root."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def first(entry):  # "page.md", {"Titre": "page.md"} or {"Titre": [entries…]}
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        return first(value[0]) if isinstance(value, list) else value

    def url(md: str) -> str:  # « charte.md » -> « /charte/ », « domaines/index.md » -> « /domaines/ »
        return "/" + (md[: -len("index.md")] if md == "index.md" or md.endswith("/index.md") else md[:-3] + "/")

    return {url(first(entry)) for entry in config["nav"]}


def test_navigation_is_the_same_on_pages_out_of_it(real_site):
    """Pages out of the navigation reuse one drawing per folder (overrides/partials/nav.html), pruned:
    from every folder, the drawer leads to the same pages, each entry of mkdocs.yml's navigation
    (a section: its index page, which lists the section's pages), and only pages in the
    navigation mark their own item or list a section's pages."""
    in_nav, active = _primary_nav(real_site, "domaines/voirie/")
    assert active and "/domaines/voirie/" in in_nav and "/communes/" in in_nav
    top = _top_level_targets()
    assert "/domaines/" in top and "/a-propos/" in top and "/domaines/voirie/" not in top
    assert top < in_nav
    for url in (
        "communes/allegre/",
        "communes/yssingeaux/",
        "partenaires/spl-velay/",
        "intercommunalites/ca-du-puy-en-velay/",
    ):
        targets, active = _primary_nav(real_site, url)
        assert targets == top, url
        assert not active, url
