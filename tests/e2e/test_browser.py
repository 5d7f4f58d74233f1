"""Smoke test in a real browser: home, partner and commune pages show their content, from this host only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import commune_count

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    yield page
    context.close()


def _only_local(page, base):
    host = urlsplit(base).netloc
    foreign = [
        url for url in page.requests_seen if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host
    ]
    assert foreign == [], f"requêtes vers un autre hôte : {foreign}"


def test_home_page(page, served_site):
    page.goto(served_site + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Ingé 43" in page.locator("h1").inner_text()
    # figures come from the data through a macro
    assert page.locator(".i43-figures").inner_text().count("communes") >= 1
    assert str(commune_count()) in page.locator(".i43-figures").inner_text()
    page.locator(".md-content").get_by_role("link", name="Eau et assainissement").click()
    page.wait_for_url("**/domaines/eau-assainissement/")
    expect(page.locator("h1")).to_have_text("Eau et assainissement")  # instant navigation: the address changes first
    _only_local(page, served_site)


def test_partner_page(page, served_site):
    page.goto(served_site + "/partenaires/cdg-43/")
    assert "Centre de gestion" in page.locator("h1").inner_text()
    assert page.get_by_text("Signataire de la charte Ingé 43").is_visible()
    contact = page.locator(".i43-contact")
    assert contact.locator("a[href^='tel:']").count() == 1
    # The phone comes from the 2019 directory: the page says so, with the source's link.
    provenance = page.locator(".i43-provenance").first
    assert "relevés en 2019 sur" in provenance.inner_text() and "à confirmer" in provenance.inner_text()
    assert provenance.locator("a[href^='https://github.com/okfnfr/']").count() == 1
    assert page.locator(".i43-verified").inner_text().startswith("Fiche vérifiée le")
    assert page.locator(".i43-sources a").count() >= 1
    page.goto(served_site + "/partenaires/sde-43/")
    # Unknown phone: never invented, said plainly with Ingé 43's phone instead (never « à compléter »).
    shown = page.locator(".i43-contact").inner_text()
    assert "pas de téléphone publié : passez par" in shown and "à compléter" not in shown
    assert page.locator(".i43-contact .i43-missing a[href^='tel:']").count() == 1
    _only_local(page, served_site)


def test_commune_page(page, served_site):
    page.goto(served_site + "/communes/")
    page.locator(".i43-columns").get_by_role(
        "link", name="Allègre", exact=True
    ).click()  # the A–Z list (the map has one too)
    page.wait_for_url("**/communes/allegre/")
    facts = page.locator(".i43-facts").inner_text()
    assert "43003" in facts and "habitants" in facts
    assert "Parc naturel régional Livradois-Forez" in facts
    cards = page.locator(".i43-cards .i43-card__title")
    assert cards.first.inner_text() == "Ingé 43"  # the single entry point comes first
    assert "Parc naturel régional Livradois-Forez" in cards.all_inner_texts()
    _only_local(page, served_site)


def test_printing_a_page_hides_navigation_and_shows_link_targets(page, served_site):
    page.goto(served_site + "/partenaires/prefecture-43/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    link = page.locator(".i43-contact a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after


def test_phase_table_reads_on_a_phone(page, served_site):
    """On a 390 px screen the « who at each step » table is one block per partner: each step is
    named before its offers, empty steps are left out, and nothing is wider than the screen."""
    page.goto(served_site + "/domaines/voirie/")
    table = page.locator(".i43-phase-table")
    assert table.bounding_box()["width"] <= 390
    filled = table.locator("td:not(.i43-empty)").first
    label = filled.evaluate("td => getComputedStyle(td, '::before').content")
    assert (
        label.strip('"').rstrip(" :")
        == filled.get_attribute("data-phase")
        in ("Conception", "Réalisation", "Évaluation")
    )
    assert filled.bounding_box()["width"] > 300  # a cell spans the screen instead of a quarter of it
    assert table.locator("td.i43-empty").count() >= 1 and not table.locator("td.i43-empty").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
