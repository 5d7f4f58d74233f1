"""The site as a visitor uses it: clicks from page to page, with Material's instant navigation live.

`served_site` is built for the address it is served from (conftest.real_site), as the published
site is: Material's instant navigation (pages swapped in without reloading) is on, as for a
visitor. Every browser test fails on a console error or an uncaught exception (conftest).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    yield page
    context.close()


def _heading(page, expected: str) -> None:
    """The page's main heading becomes `expected` (the page was swapped in, not left as it was)."""
    h1 = page.locator("article h1").first
    try:
        page.wait_for_function(
            "expected => { const h = document.querySelector('article h1'); return h && h.textContent.trim() === expected; }",
            arg=expected,
            timeout=10_000,
        )
    except PlaywrightTimeout:
        pytest.fail(f"après le clic, le titre de la page est « {h1.inner_text()} » au lieu de « {expected} »")


def test_a_visitor_clicks_from_the_home_page_to_the_glossary(page, served_site):
    """Home -> communes index -> a commune (on the map) -> its intercommunality -> a partner with a
    territory map -> the finder -> the glossary: each click shows the new page's heading."""
    page.goto(served_site + "/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__same_document = true")  # survives instant navigation, not a page load

    # The home page has no side menu: its own link to the communes.
    page.locator(".md-content").get_by_role("link", name="Votre commune", exact=True).click()
    page.wait_for_url("**/communes/")
    _heading(page, "Communes de A à Z")
    assert page.evaluate("window.__same_document") is True  # instant navigation is live

    # A commune on the map: an SVG link, reachable with the keyboard.
    on_map = page.locator(".i43-map--communes svg a[aria-label='Allègre']")
    on_map.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Allègre"
    on_map.click()
    page.wait_for_url("**/communes/allegre/")
    _heading(page, "Allègre")

    page.locator(".i43-facts a[href*='intercommunalites/']").click()
    page.wait_for_url("**/intercommunalites/ca-du-puy-en-velay/")
    _heading(page, "Communauté d'agglomération du Puy-en-Velay")

    page.locator(".md-nav--primary").get_by_role("link", name="Partenaires", exact=True).click()
    page.wait_for_url("**/partenaires/")
    _heading(page, "Partenaires")
    page.locator(".md-content").get_by_role("link", name="Parc naturel régional Livradois-Forez").first.click()
    page.wait_for_url("**/partenaires/pnr-livradois-forez/")
    _heading(page, "Parc naturel régional Livradois-Forez")
    assert page.locator(".i43-map--territory svg a").count() > 10  # its territory map, commune by commune

    page.locator(".md-nav--primary").get_by_role("link", name="Trouver un interlocuteur", exact=True).click()
    page.wait_for_url("**/trouver/")
    page.wait_for_selector("[data-i43-ready=ready]")
    _heading(page, "Quel interlocuteur pour mon projet ?")

    page.locator(".md-nav--primary").get_by_role("link", name="Glossaire", exact=True).click()
    page.wait_for_url("**/glossaire/")
    _heading(page, "Glossaire")
    assert page.evaluate("window.__same_document") is True  # no click needed a full reload


def test_a_click_on_a_territory_map_commune_opens_its_page(page, served_site):
    page.goto(served_site + "/partenaires/pnr-livradois-forez/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__same_document = true")
    page.locator(".i43-map--territory svg a[aria-label='Allègre']").click()
    page.wait_for_url("**/communes/allegre/")
    _heading(page, "Allègre")
    assert page.evaluate("window.__same_document") is True
    # The keyboard too: Enter on a focused commune of the map.
    page.go_back()
    page.wait_for_url("**/partenaires/pnr-livradois-forez/")
    page.locator(".i43-map--territory svg a[aria-label='Allègre']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/communes/allegre/")
    _heading(page, "Allègre")


def _sitemap_pages(site) -> list[str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


# One page of every type, by its address (from the site root).
PAGE_TYPES = [
    "",  # home
    "trouver/",
    "domaines/",
    "domaines/voirie/",
    "guides/",
    "partenaires/",
    "partenaires/cdg-43/",  # a partner without a map
    "partenaires/pnr-livradois-forez/",  # with a territory map
    "partenaires/sous-prefecture-brioude/",  # an arrondissement on the map
    "communes/",  # the map of every commune
    "communes/allegre/",
    "intercommunalites/",
    "charte/",
    "glossaire/",
    "donnees/",
    "a-propos/",
    "equipe/etat-des-donnees/",
]


def test_every_page_type_loads_and_opens_without_an_error(page, served_site, real_site):
    """Each type of page, opened directly and reached by instant navigation, logs no error
    (conftest fails the test on any console error or uncaught exception)."""
    pages = _sitemap_pages(real_site)
    types = [
        *PAGE_TYPES,
        next(u for u in pages if "/intercommunalites/" in u and not u.endswith("/intercommunalites/")),
    ]
    types += [next(u for u in pages if re.search(r"/guides/[^/]+/$", u))]
    addresses = [t if t.startswith("http") else f"{served_site}/{t}" for t in types]
    missing = [a for a in addresses if a not in pages]
    assert missing == [], f"pages absentes du plan du site : {missing}"
    for address in addresses:
        page.goto(address)
        page.wait_for_load_state("networkidle")
    # The same pages, each reached from the previous one by Material's instant navigation.
    page.goto(served_site + "/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__same_document = true")
    for address in addresses[1:]:
        page.evaluate(
            """href => { const a = document.createElement('a'); a.href = href; document.body.appendChild(a); a.click(); }""",
            address,
        )
        page.wait_for_url(address)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__same_document") is True, f"rechargement complet pour {address}"


PHONE = {"width": 390, "height": 844}


def test_a_first_visit_fetches_the_search_index_only_when_the_search_box_is_used(browser, served_site):
    """On a phone, the home page alone: no search index, no French stemmer, one sitemap. A tap on
    the search button and words typed at once: the index comes, and the results with it."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(served_site + "/")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert [u for u in requests if "search_index" in u or "lunr" in u] == []
        assert sum(1 for u in requests if u.endswith("/sitemap.xml")) == 1

        page.locator("label.md-header__button[for=__search]").click()
        page.locator("input.md-search__input").press_sequentially("voirie")  # before the index is there
        page.wait_for_function("document.querySelector('.md-search-result__list > li') !== null")
        first = page.locator(".md-search-result__list > li a").first.get_attribute("href")
        assert first.split("?")[0].endswith("/domaines/voirie/")
        assert sum(1 for u in requests if u.endswith("/search/search_index.json")) == 1
        assert any(u.endswith("/lunr.fr.min.js") for u in requests)  # the stemmer came with the index
        assert sum(1 for u in requests if u.endswith("/sitemap.xml")) == 1
    finally:
        context.close()
