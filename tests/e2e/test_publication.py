"""The site as the publication workflow builds it: addresses come from the CI environment.

mkdocs.yml reads `site_url` and the repository address with `!ENV`; the workflow exports them
from GitHub's variables. Here the site is built with those variables set, as in the workflow,
and without them, as on a contributor's computer (`make build`, offline).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import FIXTURES, ROOT, shared_site
from inge43.check.registry import run_checks

SITE_URL = "https://exemple.github.io/inge43/"
DEPOT_URL = "https://github.com/exemple/inge43"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="session")
def published_site(pytestconfig):
    """The fixture's site as the publication workflow builds it (built once per run)."""
    return shared_site(
        pytestconfig,
        "published",
        FIXTURES / "valid",
        INGE43_SITE_URL=SITE_URL,
        INGE43_DEPOT_URL=DEPOT_URL,
        INGE43_DEPOT_BRANCHE="principale",
    )


def _sitemap(site) -> list[str]:
    return [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]


def test_published_sitemap_has_absolute_urls(published_site):
    locs = _sitemap(published_site)
    partners = run_checks(FIXTURES / "valid").dataset.partners
    assert len(locs) > len(partners)
    assert [u for u in locs if not u.startswith(SITE_URL)] == []
    for partner in partners:
        assert f"{SITE_URL}partenaires/{partner.id}/" in locs


def test_published_pages_have_canonical_url_and_edit_links(published_site):
    partner = run_checks(FIXTURES / "valid").dataset.partners[0]
    html = (published_site / "partenaires" / partner.id / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}partenaires/{partner.id}/">' in html
    edit = re.search(r'href="([^"]+)"[^>]*>Modifier cette fiche', html)
    assert edit and edit.group(1).startswith(f"{DEPOT_URL}/edit/principale/data/partners.yml#L")
    issue = re.search(r'href="([^"]+)"[^>]*>Signaler une erreur</a>', html)
    assert issue and issue.group(1) == "../../signaler/"  # no `signalement`: the page that needs no account
    report = (published_site / "signaler" / "index.html").read_text(encoding="utf-8")
    assert f"{DEPOT_URL}/issues/new?template=erreur-fiche.md" in report.replace("&amp;", "&")
    feed = (published_site / "flux.xml").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}partenaires/{partner.id}/"' in feed  # the Atom feed links are absolute too


def test_local_build_needs_no_setting(fixture_site):
    """Without the variables: the address of `make serve`, no edit link (no repository known), and
    « Signaler une erreur » leads to the report page (phone and letter, no account).
    (The real site of the tests is built for the test server's address: conftest.real_site.)"""
    locs = _sitemap(fixture_site)
    assert locs and all(u.startswith("http://127.0.0.1:8000/") for u in locs)
    html = (fixture_site / "partenaires" / "guichet-test" / "index.html").read_text(encoding="utf-8")
    assert "Modifier cette fiche" not in html
    assert re.search(r'href="\.\./\.\./signaler/"[^>]*>Signaler une erreur</a>', html)
    report = (fixture_site / "signaler" / "index.html").read_text(encoding="utf-8")
    assert "issues/new" not in report  # no repository known: no account-only form


def _env_names(text: str) -> set[str]:
    names = set()
    for inside in re.findall(r"!ENV\s*\[([^\]]*)\]", text):
        names |= {n.strip() for n in inside.split(",") if re.fullmatch(r"\s*INGE43_[A-Z_]+\s*", n)}
    return names


def test_publication_workflow_sets_every_variable_mkdocs_reads():
    names = _env_names((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {"INGE43_SITE_URL", "INGE43_DEPOT_URL"} <= names
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publication.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["construire"]["steps"]
    build = next(s for s in steps if s.get("run", "").strip() == "make build")
    # INGE43_APERCU is the preview's banner: set by the verifications of a pull request, never here.
    assert set(build.get("env", {})) == names - {"INGE43_APERCU"}
    assert "INGE43_APERCU" in names
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages"))
    assert build["env"]["INGE43_SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert build["env"]["INGE43_DEPOT_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_publication_keeps_the_rendered_pdfs_between_runs():
    """The build starts with the PDFs of the last publication (issue 25: PDF cache warm in CI), and
    the old versions of partners.yml the feed has read already."""
    from inge43.mkdocs.plugin import Inge43Config

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publication.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["construire"]["steps"]
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, s in enumerate(steps) if s.get("run", "").strip() == "make build")
    assert cache < build
    folders = [Inge43Config.cache_dir.default + "/pdf", Inge43Config.cache_dir.default + "/history"]
    assert steps[cache]["with"]["path"].split() == folders
    assert steps[cache]["with"]["restore-keys"] and steps[cache]["with"]["key"].startswith(
        steps[cache]["with"]["restore-keys"]
    )
