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
SETTINGS = {
    "telephone-clair": ({"width": 390, "height": 844}, "light"),
    "ordinateur-clair": ({"width": 1280, "height": 900}, "light"),
    "ordinateur-sombre": ({"width": 1280, "height": 900}, "dark"),
}
# Every violation with all its elements; the rules that pass are not detailed (axe then computes a
# selector for one element of each, not for all of them: four times faster on the communes' index).
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def tabs(browser):
    """One page per setting for the worker's tests, each page type loaded afresh in it (a new
    context per test cost about half a second more each)."""
    contexts = {
        name: browser.new_context(viewport=viewport, color_scheme=scheme)
        for name, (viewport, scheme) in SETTINGS.items()
    }
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


# One test per setting and page type, so that the parallel workers share them out evenly.
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
@pytest.mark.parametrize("setting", SETTINGS)
def test_every_page_type_has_no_axe_violation(tabs, served_site, setting, path):
    page = tabs[setting]
    host = urlsplit(served_site).netloc
    foreign: list[str] = []

    def record(request) -> None:
        if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != host:
            foreign.append(request.url)

    page.on("request", record)
    try:
        page.goto(served_site + path)
        assert page.locator("html").get_attribute("lang") == "fr"
        violations = Axe().run(page, options=WCAG_AA).response["violations"]
        problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
        assert problems == [], problems
        assert foreign == [], f"requêtes vers un autre hôte : {foreign}"
        assert page.context.cookies() == [], "aucun cookie ne doit être déposé"
    finally:
        page.remove_listener("request", record)
        page.context.clear_cookies()  # a cookie fails the page that set it, not the next ones


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
