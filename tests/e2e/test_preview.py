"""The preview of a pull request (issue 24): a banner on every page, and a site that opens from
files (an unzipped artifact, no server): a reviewer opens index.html and clicks to other pages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, shared_site
from inge43.tools.preview import file_links

BANNER = "Aperçu de la demande de modification n° 42"


def _make_preview(out):
    return subprocess.run(
        [sys.executable, "-m", "inge43", "apercu", "--site", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def preview_site(pytestconfig):
    """The fixture's site as the pull request's preview: banner n° 42, then `inge43 apercu` (built once per run)."""
    return shared_site(pytestconfig, "preview", FIXTURES / "valid", then=_make_preview, INGE43_APERCU="42")


def test_folder_links_point_at_index_files():
    assert file_links('<a href="../partenaires/cdg-43/#contact">') == (
        '<a href="../partenaires/cdg-43/index.html#contact">'
    )
    assert file_links('<a href="./">') == '<a href="./index.html">'
    assert file_links('<a href="..">') == '<a href="../index.html">'
    assert file_links('<a href=".">') == '<a href="./index.html">'
    for untouched in (
        '<a href="https://exemple.fr/">',
        '<a href="mailto:a@exemple.fr">',
        '<a href="#contact">',
        '<link href="assets/style.css">',
        '<a href="tel:+33471000000">',
    ):
        assert file_links(untouched) == untouched


def test_every_page_of_a_preview_says_which_pull_request(preview_site):
    pages = sorted(preview_site.rglob("*.html"))
    assert len(pages) > 20
    missing = [str(p.relative_to(preview_site)) for p in pages if BANNER not in p.read_text(encoding="utf-8")]
    assert missing == []


def test_the_published_site_has_no_preview_banner(fixture_site):
    pages = sorted(fixture_site.rglob("*.html"))
    assert pages and not [p for p in pages if "Aperçu de la demande" in p.read_text(encoding="utf-8")]
    assert 'class="md-banner' not in (fixture_site / "index.html").read_text(encoding="utf-8")


def test_no_folder_link_is_left_in_a_preview(preview_site):
    import re

    folder_link = re.compile(r'href="(?![a-z]+:|/|#)[^"?#]*/(?:#[^"]*)?"')
    left = {}
    for page in preview_site.rglob("*.html"):
        found = folder_link.findall(page.read_text(encoding="utf-8"))
        if found:
            left[str(page.relative_to(preview_site))] = found[:3]
    assert left == {}


@pytest.mark.browser
def test_a_preview_opens_from_files_and_its_links_lead_to_pages(preview_site, browser):
    page = browser.new_page()
    try:
        page.goto((preview_site / "index.html").as_uri())
        assert BANNER in page.inner_text("body")
        page.locator('a[href="partenaires/index.html"]:visible').first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/partenaires/index.html")
        assert page.locator("h1").first.inner_text().strip() != ""
        assert "Index of" not in page.content()
        page.locator("article a.i43-card__title").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/index.html"), page.url
        assert BANNER in page.inner_text("body")
        assert page.locator("h1").count() == 1
    finally:
        page.close()
