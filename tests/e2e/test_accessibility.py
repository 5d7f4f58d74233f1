"""Accessibility and privacy on every page type, in a real browser.

axe-core (bundled by axe-playwright-python, served from this machine) at WCAG 2.1 A and AA,
at phone and desktop widths, in the light and dark schemes; every request recorded
(none may leave the site) and no cookie set.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

# One page of each type.
PAGE_TYPES = {
    "accueil": "/",
    "outil « Quel interlocuteur ? » avec une réponse": "/trouver/?projet=eau-assainissement&commune=allegre&phase=conception",
    "index des domaines": "/domaines/",
    "domaine": "/domaines/eau-assainissement/",
    "index des partenaires": "/partenaires/",
    "partenaire": "/partenaires/cdg-43/",
    "partenaire avec la carte de son territoire (parc)": "/partenaires/pnr-livradois-forez/",
    "index des communes": "/communes/",
    "commune": "/communes/allegre/",
    "intercommunalité": "/intercommunalites/ca-du-puy-en-velay/",
    "index des guides": "/guides/",
    "guide": "/guides/voie-verte/",
    "charte": "/charte/",
    "glossaire": "/glossaire/",
    "glossaire, une initiale": "/glossaire/a/",
    "données ouvertes": "/donnees/",
    "état des données": "/equipe/etat-des-donnees/",
    "mentions légales": "/mentions-legales/",
    "accessibilité": "/accessibilite/",
    "données personnelles": "/donnees-personnelles/",
}
SETTINGS = [
    pytest.param({"width": 390, "height": 844}, "light", id="telephone-clair"),
    pytest.param({"width": 1280, "height": 900}, "light", id="ordinateur-clair"),
    pytest.param({"width": 1280, "height": 900}, "dark", id="ordinateur-sombre"),
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


# One test per setting and page type, so that the parallel workers share them out evenly.
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
@pytest.mark.parametrize("viewport,scheme", SETTINGS)
def test_every_page_type_has_no_axe_violation(browser, served_site, viewport, scheme, path):
    axe = Axe()
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    host = urlsplit(served_site).netloc
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host
            else None
        ),
    )
    try:
        page.goto(served_site + path)
        assert page.locator("html").get_attribute("lang") == "fr"
        violations = axe.run(page, options=WCAG_AA).response["violations"]
        problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
        assert problems == [], problems
        assert foreign == [], f"requêtes vers un autre hôte : {foreign}"
        assert context.cookies() == [], "aucun cookie ne doit être déposé"
    finally:
        context.close()


def test_skip_link_and_visible_focus(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site + "/partenaires/cdg-43/")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert "md-skip" in focused  # Material's « Aller au contenu » link comes first
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "le focus doit rester visible"
    finally:
        context.close()


def test_keyboard_only_through_search_and_a_guide(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site + "/")
        page.keyboard.press("s")  # Material's keyboard shortcut opens the search
        page.keyboard.type("voie verte")
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/voie-verte/**")
        # In the guide: the skip link jumps over the menu, then Tab reaches the PDF link.
        page.goto(served_site + "/guides/voie-verte/")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        # The focus lands on the content (Material's instant navigation used to drop it on <body>).
        page.wait_for_function("document.activeElement.tagName === 'H1'")
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent").strip() == "Télécharger le guide (PDF)":
                break
        else:
            raise AssertionError("le lien du PDF n'est pas atteignable au clavier")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    finally:
        context.close()
