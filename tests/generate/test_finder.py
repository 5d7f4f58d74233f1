"""The finder « Quel interlocuteur pour mon projet ? », the domain and commune pages that back it.

Browser tests drive Debian's chromium through the real site: the finder with and without a
commune and a phase, a shared address reopened, keyboard-only use, Material's instant navigation
in and out of the finder, the page without JavaScript, and no request to another host. The README's
screenshot is taken by `make captures` (inge43.captures), never by a test: here, into a temporary file.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from markupsafe import escape

from conftest import Tab, commune_count
from inge43.check.registry import run_checks
from inge43.generate import eligibility
from inge43.generate.finder import FINDER_JSON, aides_territoires_url, commune_slug, finder_data
from inge43.generate.urls import commune_uris
from inge43.read.text import fold, slugify
from inge43.tools.captures import FINDER_CAPTURE, finder_capture

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PHONE = {"width": 390, "height": 844}

browser_test = pytest.mark.browser


@functools.cache
def real_dataset():
    return run_checks(ROOT / "data").dataset


def offer_titles(domain_id: str, phase: str | None = None) -> list[str]:
    """Titles of the offers of a domain (and phase), read straight from data/partners.yml."""
    partners = yaml.safe_load((ROOT / "data" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]
    return sorted(
        o["titre"]
        for p in partners
        for o in p.get("offres") or []
        if domain_id in o["domaines"] and (phase is None or phase in o["phases"])
    )


# Facts of data/partners.yml and data/communes.yml the tests below rely on (checked by hand):
# Le Puy-en-Velay has 18,540 inhabitants, Allègre under 1,000; « Rural Consult » (Banque des
# Territoires) is for communes up to 4,999 inhabitants, « Territoires Conseils » up to 9,999.
RURAL_CONSULT = "Rural Consult : une ligne directe pour les communes rurales"
TERRITOIRES_CONSEILS = "Territoires Conseils : vos questions juridiques et financières"
INGE43_JURIDIQUE = "Conseil juridique et administratif"


# ---------------------------------------------------------------------------
# The data the finder reads (no browser)
# ---------------------------------------------------------------------------


def test_fold_matches_what_elus_type():
    assert fold("Station d'Épuration") == "station d epuration"
    assert fold("Cœur de village") == "coeur de village"
    assert fold("  Saint-Julien-Chapteuil ") == "saint julien chapteuil"


@pytest.mark.parametrize("data_dir", [ROOT / "data", FIXTURES / "valid"], ids=["reelles", "fixtures"])
def test_commune_profiles_agree_with_coverage(data_dir):
    """Shared profiles are a compression: each commune still gets exactly eligibility.offer_applies."""
    ds = run_checks(data_dir).dataset
    data = finder_data(ds)
    offers = [(p, o) for p in eligibility.sort_partners(ds.partners) for o in p.offres]
    assert len(offers) == len(data["offres"])
    by_slug = {row[1] or slugify(row[0]): row for row in data["communes"]}
    uris = commune_uris(ds)
    for commune in ds.communes:
        row = by_slug[commune_slug(uris[commune.code])]
        flags, on = [], False
        for length in data["profils"][row[6]]:  # run lengths, as finder.js reads them
            flags += [on] * length
            on = not on
        expected = [i for i, (p, o) in enumerate(offers) if eligibility.offer_applies(ds, p, o, commune)]
        assert [i for i, flag in enumerate(flags) if flag] == expected, commune.nom
        assert len(flags) == len(offers)
    assert len(data["communes"]) == len(ds.communes)


def test_finder_json_is_small(real_site):
    raw = (real_site / FINDER_JSON).read_bytes()
    data = json.loads(raw)
    assert len(data["communes"]) == commune_count()
    assert data["champsCommunes"][0] == "nom"
    # 120 kB until December 2026; then the ranking per project type and step (17 kB), the « Pourquoi »
    # sentences, the intercommunalities' competences, what each grant pays and the reasoned « no known
    # offer » sentences; then how common 6,000 French words are (`motsCourants`, 43 kB, 19 kB compressed),
    # so that a sentence's ordinary words weigh less than the one that names the project, and 450
    # everyday words of the project types (11 kB). What travels is the compressed size below: that is
    # what a phone pays for.
    assert len(raw) < 245_000, f"{len(raw)} octets"
    assert len(gzip.compress(raw)) < 62_000  # 36 kB without the word frequencies


def test_domain_page_answers_who_what_and_how(real_site):
    html = (real_site / "domaines" / "eau-assainissement" / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="i43-grid i43-phase-table">.*?</table>', html, re.S).group(0)
    for header in ("Conception", "Réalisation", "Évaluation"):
        assert f'<th scope="col">{header}</th>' in table
    assert ">Ingé 43</a></th>" in table  # the single entry point is the first row
    assert table.index("Ingé 43") < table.index("Agence de l")
    for heading in ("Projets types", "À préparer avant d'appeler", "Pistes de financement"):
        assert heading in html
    assert 'href="https://aides-territoires.beta.gouv.fr/aides/?keyword=eau"' in html
    ds = real_dataset()
    for guide in ds.guides:
        if "eau-assainissement" in guide.domaines:
            assert f'href="../../guides/{guide.id}/"' in html, guide.id
    assert 'href="../../trouver/?projet=eau-assainissement"' in html


@pytest.mark.data
def test_aides_territoires_link_uses_its_text_search():
    ds = real_dataset()
    voie = ds.domain_by_id["voie-verte"]
    assert aides_territoires_url(voie) == "https://aides-territoires.beta.gouv.fr/aides/?keyword=voie+verte"


def _domain_item(section: str, name: str) -> str:
    """A domain's item in a commune page's list « par domaine » (with its nested list of offers)."""
    items = section.split('\n<li><a href="../../trouver/')
    return next(item for item in items if f">{escape(name)}</a> : " in item).split("\n</ul>\n<p")[0]


def test_commune_page_lists_the_offers_it_is_eligible_for(real_site):
    # Facts of data/partners.yml: 7 offers in « juridique »; one of them (EPF Auvergne's land studies)
    # comes from a partner whose territory is three intercommunalities, among them the CA du
    # Puy-en-Velay of these two communes, the others from partners of the whole département; Rural
    # Consult (up to 4,999 inhabitants) and Territoires Conseils (under 10,000) leave out Le
    # Puy-en-Velay. Offers of partners covering the whole département or the whole
    # intercommunality are counted and linked (the finder, the domain page), not repeated on every
    # commune page (issue 25: output grows with the records, not their product).
    everything = offer_titles("juridique")
    assert len(everything) == 7
    for slug, count in (("le-puy-en-velay", 5), ("allegre", 7)):
        html = (real_site / "communes" / slug / "index.html").read_text(encoding="utf-8")
        section = html[html.index("Ce que la commune peut demander") :]
        block = _domain_item(section, "Questions juridiques")
        assert f"Questions juridiques</a> : {count} offres" in block  # the count covers every offer that applies
        assert [t for t in everything if str(escape(t)) in block] == [], slug
        assert block.startswith(f'?commune={slug}&amp;projet=juridique"'), slug  # the finder, for this commune
    puy = (real_site / "communes" / "le-puy-en-velay" / "index.html").read_text(encoding="utf-8")
    assert "Rural Consult" not in puy.split("Ce que la commune peut demander")[1]  # up to 4,999 inhabitants
    # EPF Auvergne is listed once for the whole intercommunality, on its page.
    agglo = (real_site / "intercommunalites" / "ca-du-puy-en-velay" / "index.html").read_text(encoding="utf-8")
    territory = agglo[agglo.index('id="partenaires-du-territoire"') : agglo.index('id="communes-membres"')]
    assert 'href="../../partenaires/epf-auvergne/"' in territory
    # The Livradois-Forez park covers part of the intercommunality, Allègre among its communes:
    # its offer is listed on Allègre's page, not on Le Puy's.
    park_offer = str(escape("Appui à l'aménagement des villages, avec Ingé 43"))
    for slug, listed in (("allegre", True), ("le-puy-en-velay", False)):
        html = (real_site / "communes" / slug / "index.html").read_text(encoding="utf-8")
        block = _domain_item(html[html.index("Ce que la commune peut demander") :], "Aménagement de bourg")
        assert (park_offer in block) is listed, slug


# ---------------------------------------------------------------------------
# Browser helpers
# ---------------------------------------------------------------------------


def new_page(browser, **options):
    """(tab, page): a new page of the worker's context for these options (conftest.Tab); `tab.close()`."""
    tab = Tab(browser, **{"viewport": PHONE, **options})
    page = tab.page
    page.requests_seen = []
    page.errors = []
    page.on("request", lambda r: page.requests_seen.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return tab, page


def assert_only_local(page, base: str):
    host = urlsplit(base).netloc
    foreign = [u for u in page.requests_seen if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]
    assert foreign == [], f"requêtes vers un autre hôte : {foreign}"
    assert page.errors == [], page.errors


def open_finder(page, url: str):
    page.goto(url)
    page.wait_for_selector("[data-i43-finder][data-i43-ready=ready]")


def type_and_choose(page, field: str, text: str) -> list[str]:
    """Type like a person (one key at a time), read the proposals, press Enter on the first."""
    box = page.locator(field)
    box.fill("")
    box.press_sequentially(text)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.locator("[role=option]").first.wait_for()
    options = listbox.locator("[role=option]").all_inner_texts()
    box.press("Enter")
    return options


def answer_offers(page) -> tuple[list[str], list[str]]:
    kept = page.locator("#i43-reponse .i43-offer-item__title").all_text_contents()
    excluded = page.locator("#i43-reponse .i43-answer__excluded li > a").all_text_contents()  # closed <details>
    return sorted(kept), sorted(excluded)


def query(page) -> dict[str, str]:
    # The page's own address: Playwright's page.url learns of a history.replaceState through an event
    # that can arrive after the next step of the test when the machine is loaded.
    return {k: v[0] for k, v in parse_qs(urlsplit(page.evaluate("location.href")).query).items()}


# ---------------------------------------------------------------------------
# The finder in a browser
# ---------------------------------------------------------------------------


@browser_test
@pytest.mark.parametrize("typed", ["epuration", "station d epuration", "STEP", "Station d'Épuration"])
def test_project_type_ahead_folds_accents_and_case(browser, served_site, typed):
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/")
        options = type_and_choose(page, "#i43-projet", typed)
        # The project type first, with its domain as a hint (« STEP » names a sewage plant).
        assert options[0].startswith("Construire ou rénover une station d'épuration — Eau et assainissement")
        assert query(page) == {"projet": "eau-assainissement", "type": "station-epuration"}
    finally:
        tab.close()


@browser_test
def test_finder_without_commune_nor_phase(browser, served_site):
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/")
        type_and_choose(page, "#i43-projet", "station d epuration")
        answer = page.locator("#i43-reponse")
        assert answer.locator("h2").inner_text() == "Pour « Construire ou rénover une station d'épuration »"
        assert answer.locator("h3").first.inner_text() == "1. Appelez d'abord Ingé 43"  # it has an offer for it
        entry = answer.locator(".i43-quick--entry")  # one line, with the phone as a tel: link
        assert entry.inner_text().startswith("Ingé 43 : ")
        assert entry.locator("a[href^='tel:']").count() == 1
        kept, excluded = answer_offers(page)
        assert (sorted(kept), excluded) == (offer_titles("eau-assainissement"), [])  # no commune: every offer
        assert "Pourquoi" in answer.inner_text() and "Coût" in answer.inner_text()
        ds = real_dataset()
        grants = [o for p in ds.partners for o in p.offres if "eau-assainissement" in o.domaines and o.montant]
        assert grants, "aucune aide chiffrée pour l'eau : le test ne vérifierait rien"
        for grant in grants:  # what each grant pays is shown next to it, with the year of its source
            shown = f"Ce que l'aide paie : {grant.montant.texte}"
            if grant.montant.annee:
                shown += f" (source de {grant.montant.annee})"
            assert shown in answer.text_content(), grant.id  # collapsed groups included (another project type)
        guides = [g.titre for g in ds.guides if "eau-assainissement" in g.domaines]
        for title in guides:
            assert answer.get_by_role("link", name=title).count() == 1
        assert (
            answer.get_by_role("link", name="Chercher d'autres aides sur Aides-territoires")
            .get_attribute("href")
            .startswith("https://aides-territoires.beta.gouv.fr/aides/?keyword=")
        )
        page.wait_for_function("document.getElementById('i43-annonce').textContent.includes('Ingé 43')")
        assert_only_local(page, served_site)
    finally:
        tab.close()


@browser_test
def test_typing_over_a_chosen_commune_then_leaving_the_field(browser, served_site):
    """Bug found in use: « le puy » chosen, « allegre » typed over it, a tap elsewhere. The field,
    the address and the answer must agree: the proposal shown is taken (automatic selection)."""
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/?projet=juridique")
        type_and_choose(page, "#i43-commune", "le puy")
        assert query(page)["commune"] == "le-puy-en-velay"
        box = page.locator("#i43-commune")
        box.press("Control+A")
        box.press_sequentially("allegre")  # over the selected text, as a finger or a keyboard does
        page.locator("#i43-commune-liste [role=option]").first.wait_for()
        page.locator("h1").click()  # tap elsewhere
        assert box.input_value() == "Allègre"
        assert query(page) == {"projet": "juridique", "commune": "allegre"}
        assert page.locator("#i43-reponse h2").inner_text() == "Pour « Questions juridiques » à Allègre"

        # A text that matches no commune: the answer keeps Allègre and the field says why.
        box.press("Control+A")
        box.press_sequentially("zzz")
        page.locator("h1").click()
        assert query(page)["commune"] == "allegre"
        note = page.locator("#i43-commune-liste-note")
        assert note.is_visible() and "Aucune commune de la Haute-Loire ne correspond à « zzz »" in note.inner_text()
        assert_only_local(page, served_site)
    finally:
        tab.close()


@browser_test
def test_finder_with_commune_and_phase_then_shared_address(browser, served_site):
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/")
        type_and_choose(page, "#i43-projet", "deliberation")
        options = type_and_choose(page, "#i43-commune", "43000")  # a postcode: Le Puy-en-Velay and its neighbours
        assert any(o.startswith("Le Puy-en-Velay") for o in options)
        page.locator("#i43-commune").fill("")
        type_and_choose(page, "#i43-commune", "le puy")
        page.get_by_label("Conception").check()
        assert query(page) == {"projet": "juridique", "commune": "le-puy-en-velay", "phase": "conception"}
        answer = page.locator("#i43-reponse")
        assert answer.locator("h2").inner_text() == "Pour « Questions juridiques » à Le Puy-en-Velay, étape conception"
        kept, excluded = answer_offers(page)
        assert sorted(kept + excluded) == offer_titles("juridique", "conception") and not set(kept) & set(excluded)
        # Rural Consult (up to 4,999 inhabitants) and Territoires Conseils (under 10,000): Le Puy has 18,540.
        assert excluded == sorted([RURAL_CONSULT, TERRITOIRES_CONSEILS])
        assert INGE43_JURIDIQUE in kept
        assert "jusqu'à 4\u202f999 habitants" in answer.locator(".i43-answer__excluded").text_content()
        assert "jusqu'à 9\u202f999 habitants" in answer.locator(".i43-answer__excluded").text_content()
        for why in answer.locator(".i43-offer-item__why").all_text_contents():  # some sit in a closed <details>
            assert re.fullmatch(r"Pourquoi : [A-ZÀ-Ýa-z].{15,}[.?!»]", why), why  # one sentence from the offer
        shared = page.url
        shown = answer.inner_text()
    finally:
        tab.close()

    # The address, opened elsewhere, gives the same answer.
    tab, page = new_page(browser)
    try:
        open_finder(page, shared)
        assert page.locator("#i43-projet").input_value() == "Questions juridiques"
        assert page.locator("#i43-commune").input_value() == "Le Puy-en-Velay"
        assert page.get_by_label("Conception").is_checked()
        assert page.locator("#i43-reponse").inner_text() == shown
        assert_only_local(page, served_site)
    finally:
        tab.close()


@browser_test
def test_finder_filters_by_population_territory_and_shows_contacts(browser, fixture_site):
    """On the fixture data: tel: and mailto: links, and offers filtered by population and territory."""
    with _serve(fixture_site) as base:
        tab, page = new_page(browser)
        try:
            open_finder(page, base + "/trouver/")
            type_and_choose(page, "#i43-projet", "voirie")
            card = page.locator(".i43-quick--entry")
            assert card.locator("a[href='tel:+33471000000']").count() == 1
            assert card.locator("a[href='mailto:guichet@exemple.fr']").count() == 1
            assert "relevés en 2019 sur l'annuaire de test : à confirmer." in page.locator("#i43-reponse").inner_text()
            type_and_choose(page, "#i43-commune", "aiguilhe")  # 1,498 inhabitants: over the 1,000 limit
            kept, excluded = answer_offers(page)
            assert excluded == ["Accompagnement de projet"]
            assert (
                "jusqu'à 1\u202f000 habitants (Aiguilhe : 1\u202f498)"
                in page.locator(".i43-answer__excluded").text_content()
            )
            type_and_choose(page, "#i43-commune", "alleyrac")  # outside the agency's intercommunality
            kept, excluded = answer_offers(page)
            assert "Maîtrise d'ouvrage déléguée" in excluded and "Accompagnement de projet" in kept
            assert_only_local(page, base)
        finally:
            tab.close()


@browser_test
def test_finder_names_the_intercommunality_first_only_where_a_source_says_so(browser, fixture_site):
    """Fixture: the CA holds « eau et assainissement » (with a source); the CC holds nothing."""
    with _serve(fixture_site) as base:
        tab, page = new_page(browser)
        try:
            open_finder(page, base + "/trouver/?projet=eau-assainissement")
            type_and_choose(page, "#i43-commune", "allegre")
            answer = page.locator("#i43-reponse")
            holder = answer.locator(".i43-answer__holder")
            assert answer.locator("h3").first.inner_text() == "1. C'est votre intercommunalité qui porte ce projet"
            assert "Allègre relève de la Communauté d'agglomération de test" in holder.inner_text()
            assert holder.locator("a[href='tel:+33471000002']").count() == 1
            assert holder.locator("a[href='mailto:agglo@exemple.fr']").count() == 1
            assert holder.locator("a[href='https://loi.exemple.fr/article-1']").count() == 1
            text = answer.inner_text()
            assert text.index("Communauté d'agglomération de test") < text.index("Guichet de test")  # before the others
            page.wait_for_function(
                "document.getElementById('i43-annonce').textContent.includes('qui porte ce type de projet')"
            )

            open_finder(
                page, base + "/trouver/?projet=eau-assainissement&commune=alleyrac"
            )  # CC: no sourced competence
            answer = page.locator("#i43-reponse")
            assert answer.locator(".i43-answer__holder").count() == 0
            assert "relève de" not in answer.inner_text()
            assert answer.locator("h3").first.inner_text() == "1. Appelez d'abord Guichet de test"

            open_finder(page, base + "/trouver/?projet=voirie&commune=allegre")  # a domain the CA does not hold
            assert page.locator("#i43-reponse .i43-answer__holder").count() == 0
            assert_only_local(page, base)
        finally:
            tab.close()


@browser_test
@pytest.mark.parametrize(
    "domain, commune, first_best",
    [
        ("energie-eclairage", None, "sde-43"),  # street lighting: the Syndicat d'énergies
        ("ressources-humaines", None, "cdg-43"),  # hiring: the Centre de gestion
    ],
)
def test_best_placed_partners_come_from_the_data(browser, served_site, domain, commune, first_best):
    ds = real_dataset()
    expected = ds.partner_by_id[first_best]
    # The data backs the expectation: most of this partner's offers are in the domain.
    share = sum(domain in o.domaines for o in expected.offres) / len(expected.offres)
    assert share >= 0.5
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + f"/trouver/?projet={domain}")
        best = page.locator("#i43-reponse .i43-partner-cards--best .i43-partner-card__title")
        assert 1 <= best.count() <= 2
        assert best.first.inner_text().startswith(expected.nom)
        assert_only_local(page, served_site)
    finally:
        tab.close()


@browser_test
def test_real_answer_for_water_at_allegre_names_the_agglomeration_first(browser, served_site):
    raw_file = yaml.safe_load((ROOT / "data" / "intercommunalites.yml").read_text(encoding="utf-8"))
    record = next((r for r in raw_file["intercommunalites"] if r["code"] == "200073419"), {})
    law = next((b for b in raw_file.get("competences_legales", []) if b["categorie"] == "CA"), {})
    given = law.get("competences", []) + record.get("competences", [])  # the law's for a CA, then its own
    sourced = any("eau-assainissement" in k.get("domaines", []) for k in given)
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/?projet=eau-assainissement&commune=allegre")
        holder = page.locator("#i43-reponse .i43-answer__holder")
        assert holder.count() == (1 if sourced else 0)
        if sourced:
            assert "Allègre relève de la Communauté d'agglomération du Puy-en-Velay" in holder.inner_text()
            assert holder.locator("a[href^='tel:']").count() == 1
        entry = page.locator("#i43-reponse .i43-quick--entry a[href^='tel:']")
        assert entry.count() == 1
    finally:
        tab.close()


@browser_test
def test_finder_with_keyboard_only(browser, served_site):
    tab, page = new_page(browser, viewport={"width": 1280, "height": 900})
    try:
        open_finder(page, served_site + "/trouver/")
        for _ in range(80):  # from the top of the page, as a keyboard user arrives
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "i43-projet":
                break
        else:
            pytest.fail("le champ du projet n'est pas atteignable au clavier")
        box = page.locator("#i43-projet")
        assert box.get_attribute("role") == "combobox"
        assert page.locator("label[for=i43-projet]").is_visible()
        page.keyboard.type("gite")
        assert box.get_attribute("aria-expanded") == "true"
        listbox = page.locator("#" + box.get_attribute("aria-controls"))
        assert listbox.get_attribute("role") == "listbox"
        active = box.get_attribute("aria-activedescendant")
        assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
        assert box.get_attribute("aria-activedescendant") == active
        page.keyboard.press("Enter")
        assert box.get_attribute("aria-expanded") == "false"
        assert box.input_value() == "Gîtes et hébergement touristique"
        assert page.evaluate("document.activeElement.id") == "i43-reponse"  # Enter brings the answer
        page.keyboard.press("Shift+Tab")  # back through the phases…
        page.keyboard.press("Shift+Tab")  # …to the commune
        assert page.evaluate("document.activeElement.id") == "i43-commune"
        page.keyboard.type("yssingeaux")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "i43-reponse"
        page.keyboard.press("Shift+Tab")  # back into the phase radios
        assert page.evaluate("document.activeElement.name") == "phase"
        page.keyboard.press("ArrowRight")  # « Toutes les étapes » -> « Conception »
        assert query(page) == {"projet": "hebergement-touristique", "commune": "yssingeaux", "phase": "conception"}
        page.wait_for_function(
            "document.getElementById('i43-annonce').textContent.includes('Gîtes et hébergement touristique » à Yssingeaux')"
        )
        # Material's single-key shortcuts (n, p, s, /) stay letters in the field.
        box.focus()
        page.keyboard.press("End")
        page.keyboard.type(" nps/")
        assert box.input_value().endswith(" nps/") and urlsplit(page.url).path == "/trouver/"
        assert_only_local(page, served_site)
    finally:
        tab.close()


@browser_test
def test_finder_without_javascript_offers_the_same_answers(browser, served_site):
    tab, page = new_page(browser, java_script_enabled=False)
    try:
        page.goto(served_site + "/trouver/")
        assert not page.locator("[data-i43-finder]").is_visible()
        links = page.locator(".md-content .i43-domain-list a")
        assert links.count() == len(real_dataset().domains)
        assert page.get_by_role("link", name="Votre commune, dans l'index de A à Z").is_visible()
    finally:
        tab.close()


@browser_test
def test_values_from_data_are_text_never_html(browser, served_site):
    """A name holding markup shows as text: the script builds the answer with textContent."""
    tab, page = new_page(browser)
    try:

        def poisoned(route):
            data = json.loads(route.fetch().text())
            target = min(i for o in data["offres"] for i in o.get("domaines", []))  # a domain with offers
            data["domaines"][target]["nom"] = '<img src=x onerror="window.__pwned=1">Piège'
            data["domaines"][target]["mots"] = ["piege"]
            for offer in data["offres"]:
                if target in offer.get("domaines", []):
                    offer["titre"] = "<script>window.__pwned=2</script>Offre piège"
            route.fulfill(body=json.dumps(data), content_type="application/json")

        page.route("**/trouver/finder.json", poisoned)
        open_finder(page, served_site + "/trouver/")
        type_and_choose(page, "#i43-projet", "piege")
        answer = page.locator("#i43-reponse")
        assert '<img src=x onerror="window.__pwned=1">Piège' in answer.locator("h2").inner_text()
        assert (
            "<script>window.__pwned=2</script>Offre piège" in answer.text_content()
        )  # shown as text, collapsed groups included
        assert answer.locator("img, script").count() == 0
        assert page.evaluate("window.__pwned") is None
    finally:
        tab.close()


@browser_test
def test_finder_page_has_no_axe_violation(browser, served_site):
    from axe_playwright_python.sync_playwright import Axe

    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/?projet=amenagement-bourg&commune=allegre")
        page.locator("#i43-commune").fill("sai")  # an open listbox too
        page.locator("#i43-commune-liste [role=option]").first.wait_for()
        rules = {
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],  # every violation in full; passing rules not detailed
        }
        violations = Axe().run(page, options=rules).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    finally:
        tab.close()


@browser_test
def test_readme_screenshot_of_the_elus_path(browser, served_site, tmp_path):
    """`make captures` takes the README's screenshot this way; here into a temporary file only."""
    from PIL import Image

    target = tmp_path / FINDER_CAPTURE
    headings = finder_capture(browser, served_site, target)
    assert headings[0] == "1. C'est votre intercommunalité qui porte ce projet"
    # A sewage plant at Allègre: the CA du Puy-en-Velay holds the competence, then the specialist,
    # then Ingé 43 « pour être orienté ».
    assert headings[1] == "2. Les mieux placés pour ce projet"
    assert headings[2] == "3. Pour être orienté : Ingé 43"
    image = Image.open(target)
    assert image.size == (PHONE["width"], 1500)
    colours = image.convert("L").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50  # a page with text and cards, not a blank frame


# ---------------------------------------------------------------------------
# Material's instant navigation
# ---------------------------------------------------------------------------

# `navigation.instant` needs `site_url`: `served_site` is built for the address it is served from
# (conftest.real_site), as the publication workflow builds the published site.


class _serve:
    """Serve a built site on a free port: `with _serve(path) as base:`."""

    def __init__(self, directory: Path):
        handler = functools.partial(_Quiet, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@browser_test
def test_finder_with_material_instant_navigation(browser, served_site):
    base = served_site
    tab, page = new_page(browser)

    try:
        page.goto(base + "/")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__same_document = true")  # survives instant navigation, not a reload
        page.get_by_role("link", name="Quel interlocuteur pour mon projet ?").first.click()  # in
        page.wait_for_selector("[data-i43-ready=ready]")
        assert page.evaluate("window.__same_document") is True
        type_and_choose(page, "#i43-projet", "voirie")
        assert query(page) == {"projet": "voirie"}
        page.locator("#i43-reponse").get_by_role("link", name=re.compile("^La page « Voirie")).click()  # out
        page.wait_for_url("**/domaines/voirie/")
        assert page.evaluate("window.__same_document") is True
        page.go_back()  # in again, through history
        page.wait_for_selector("[data-i43-ready=ready]")
        assert page.locator("#i43-projet").input_value() == "Voirie et routes communales"
        assert page.locator("#i43-reponse h2").inner_text() == "Pour « Voirie et routes communales »"
        assert page.evaluate("window.__same_document") is True
        assert page.locator("[data-i43-finder]").count() == 1
        assert sum(1 for u in page.requests_seen if u.endswith("/trouver/finder.json")) == 1  # fetched once
        assert_only_local(page, base)
    finally:
        tab.close()


@browser_test
def test_instant_navigation_to_a_partner_page_raises_no_script_error(browser, served_site):
    """The schema.org JSON-LD lives in <head>: Material's instant navigation must not run it as a script."""
    base = served_site
    tab, page = new_page(browser)

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(base + "/partenaires/")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__same_document = true")
        page.locator(".md-content").get_by_role("link", name="Centre de gestion", exact=False).first.click()
        page.wait_for_url("**/partenaires/cdg-43/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__same_document") is True
        assert errors == []
        # The partner's JSON-LD came along into <head>; the article holds no script that the
        # navigation could re-create without its type (and run as JavaScript).
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').textContent.includes('Centre de gestion')"
        )
        page.wait_for_function("document.head.querySelector('script[type=\"application/ld+json\"]') !== null")
        head = page.evaluate(
            "[...document.head.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => s.textContent)"
        )
        assert [json.loads(text)["alternateName"] for text in head] == ["CDG 43"]
        assert page.locator("article script").count() == 0
    finally:
        tab.close()


# ---------------------------------------------------------------------------
# Typed text that nobody picked from the list (issue 13)
# ---------------------------------------------------------------------------


def press_enter_on(page, field: str, text: str) -> None:
    """Type the text like a person and press Enter at once, without looking at the proposals."""
    box = page.locator(field)
    box.fill("")
    box.press_sequentially(text)
    box.press("Enter")


def answer_title(page) -> str:
    return page.locator("#i43-reponse h2").first.inner_text()


@browser_test
@pytest.mark.parametrize(
    "typed, domain",
    [
        ("cimetière", "Cimetière"),
        ("cimetierre", "Cimetière"),  # a typo
        ("covoiturage", "Créer une aire de covoiturage"),  # a project type
        ("parking", "Mobilité et stationnement"),
        ("cantine", "École, cantine et périscolaire"),
        ("maison de santé", "Créer une maison de santé pluriprofessionnelle"),
        ("photovoltaique", "Énergies renouvelables"),
        ("toiture eglise", "Restaurer un monument ou une église"),
        ("eglise toiture", "Restaurer un monument ou une église"),  # words in any order
        ("la fibre n'arrive pas", "Suivre l'arrivée de la fibre optique"),  # a sentence
        ("stations d'epuration", "Construire ou rénover une station d'épuration"),  # plural, no accent
        ("assainisement", "Eau et assainissement"),  # a letter missing
    ],
)
def test_enter_on_typed_project_gives_the_best_domain(browser, served_site, typed, domain):
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/")
        press_enter_on(page, "#i43-projet", typed)
        assert answer_title(page) == f"Pour « {domain} »"
        assert page.locator("#i43-projet").input_value() == domain
        assert page.errors == []
    finally:
        tab.close()


@browser_test
def test_project_text_left_without_enter_is_used(browser, served_site):
    """The field shows « station d'epuration » and the élu moves on: the text is not ignored."""
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/")
        page.locator("#i43-projet").fill("station d'epuration")
        page.locator("h1").click()  # a tap elsewhere (the open list covers the next field on a phone)
        assert answer_title(page) == "Pour « Construire ou rénover une station d'épuration »"
        assert query(page) == {"projet": "eau-assainissement", "type": "station-epuration"}
    finally:
        tab.close()


@browser_test
def test_no_match_answers_with_inge43_phone_and_the_domains(browser, served_site):
    ds = real_dataset()
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/")
        press_enter_on(page, "#i43-projet", "zorglub quantique")
        answer = page.locator("#i43-reponse")
        assert answer_title(page) == "Aucun domaine ne correspond à « zorglub quantique »"
        text = answer.inner_text()
        assert "Ingé 43" in text and "décrivez votre projet" in text
        entry = next(p for p in ds.partners if p.guichet_unique)
        assert (
            answer.locator(".i43-answer__fallback a").first.get_attribute("href").endswith(f"/partenaires/{entry.id}/")
        )  # its page: address and every way to reach it
        tel = answer.locator("a[href^='tel:']")
        assert tel.count() == 1
        department = next(p for p in ds.partners if p.categorie.value == "departement" and p.contact.telephone)
        assert tel.inner_text() == department.contact.telephone  # Ingé 43 has no line of its own in the data
        links = answer.locator(".i43-answer__domains a").all_inner_texts()
        assert sorted(links) == sorted(d.nom for d in ds.domains)
        page.wait_for_function("document.getElementById('i43-annonce').textContent.includes('Aucun domaine')")
        assert_only_local(page, served_site)
    finally:
        tab.close()


@browser_test
def test_no_match_offers_the_closest_projects(browser, served_site):
    """A sentence read too weakly to answer (one word of the data among eight unknown ones) still
    offers the projects it may be about; a tap on one answers for it, the commune kept."""
    ds = real_dataset()
    lighting = next(t for d in ds.domains for t in d.projets_types if "lampadaires" in t.mots)
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/?commune=saugues")
        press_enter_on(page, "#i43-projet", "lampadaire zorglub quantique blorp fizz wabble krunk snorf plimp")
        assert answer_title(page).startswith("Aucun domaine ne correspond")
        maybe = page.locator(".i43-answer__maybe a")
        assert lighting.nom in maybe.all_inner_texts()
        maybe.filter(has_text=lighting.nom).first.click()
        assert answer_title(page) == f"Pour « {lighting.nom} » à Saugues"
        assert query(page)["type"] == lighting.id and query(page)["commune"] == "saugues"
        assert page.locator("#i43-projet").input_value() == lighting.nom
        assert_only_local(page, served_site)
    finally:
        tab.close()


@browser_test
def test_commune_typed_not_tapped(browser, served_site):
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/?projet=cimetiere")
        press_enter_on(page, "#i43-commune", "st julien chapteuil")  # « St » for « Saint », no hyphens
        assert query(page) == {"projet": "cimetiere", "commune": "saint-julien-chapteuil"}
        assert page.locator("#i43-commune").input_value() == "Saint-Julien-Chapteuil"
        # Left without Enter: used as well.
        page.locator("#i43-commune").fill("allegre")
        page.get_by_label("Conception").focus()
        assert query(page)["commune"] == "allegre"
        # Ambiguous: nothing is chosen, the list stays open and says why.
        press_enter_on(page, "#i43-commune", "saint")
        assert page.locator("#i43-commune-liste").is_visible()
        assert page.locator("#i43-commune-liste [role=option]").count() > 1
        note = page.locator(".i43-combo__note:visible")
        assert "Plusieurs communes correspondent à « saint »" in note.inner_text()
        assert "commune" not in query(page)  # nothing chosen for the élu
        # Unknown: said as well.
        press_enter_on(page, "#i43-commune", "zzzz")
        assert "Aucune commune" in page.locator(".i43-combo__note:visible").inner_text()
    finally:
        tab.close()


@browser_test
def test_answer_is_focused_and_in_view_on_a_phone(browser, served_site):
    tab, page = new_page(browser, is_mobile=True, has_touch=True)
    try:
        open_finder(page, served_site + "/trouver/")
        hints = " ".join(page.locator(".i43-hint").all_inner_texts())
        assert "Flèches" not in hints and "Touchez" in hints  # no arrow keys on a phone
        press_enter_on(page, "#i43-projet", "cimetiere")
        assert page.evaluate("document.activeElement.id") == "i43-reponse"
        top = page.evaluate("document.getElementById('i43-reponse').getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"] / 2, top
        assert page.locator("#i43-reponse").get_attribute("tabindex") == "-1"
    finally:
        tab.close()


@browser_test
def test_desktop_keeps_the_keyboard_wording(browser, served_site):
    tab, page = new_page(browser, viewport={"width": 1280, "height": 900})
    try:
        open_finder(page, served_site + "/trouver/")
        assert "Flèches pour choisir" in page.locator("#i43-projet-aide").inner_text()
    finally:
        tab.close()


def test_commune_page_counts_the_partners_of_the_whole_departement(real_site):
    """Cards for Ingé 43, the signatories and the commune's own partners; the others are counted and linked."""
    raw = yaml.safe_load((ROOT / "data" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]

    def whole(territory) -> bool:  # `territoire: departement`, or the long form with `departement: true`
        return territory == "departement" or (isinstance(territory, dict) and territory.get("departement") is True)

    everywhere = [
        p for p in raw if whole(p["territoire"]) and not p["signataire_charte"] and not p.get("guichet_unique")
    ]
    html = (real_site / "communes" / "allegre" / "index.html").read_text(encoding="utf-8")
    section = html[
        html.index('id="qui-peut-aider-la-commune"') : html.index('id="ce-que-la-commune-peut-demander-par-domaine"')
    ]
    assert f"Et {len(everywhere)} autres partenaires qui couvrent tout le département" in section
    for partner in everywhere:
        assert f"/partenaires/{partner['id']}/" not in section
    for partner in raw:
        if partner["signataire_charte"] and whole(partner["territoire"]):
            assert f"partenaires/{partner['id']}/" in section, partner["id"]
    assert "partenaires/sous-prefecture-brioude/" not in section  # Allègre is in the arrondissement of Le Puy
    # Partners whose territory names Allègre's whole intercommunality (CA du Puy-en-Velay) are counted
    # and listed once, on that intercommunality's page; the signatories among them keep their card.
    agglo = "200073419"
    by_interco = [
        p
        for p in raw
        if isinstance(p["territoire"], dict) and agglo in p["territoire"].get("epci", []) and not p["signataire_charte"]
    ]
    assert by_interco
    assert f"Et {len(by_interco)} partenaires qui couvrent aussi les autres communes de la " in section
    assert 'href="../../intercommunalites/ca-du-puy-en-velay/#partenaires-du-territoire"' in section
    for partner in by_interco:
        assert f"/partenaires/{partner['id']}/" not in section, partner["id"]


@browser_test
def test_real_answer_for_waste_names_each_intercommunality_first(browser, served_site):
    """Issue 22: household waste is the intercommunality's in every commune (the law, for both
    categories); one commune of each of the eleven, the answer names it first with its phone."""
    communes = yaml.safe_load((ROOT / "data" / "communes.yml").read_text(encoding="utf-8"))
    names = {e["code"]: e["nom"] for e in communes["epci"]}
    records = yaml.safe_load((ROOT / "data" / "intercommunalites.yml").read_text(encoding="utf-8"))
    full = {r["code"]: r.get("nom") for r in records["intercommunalites"]}
    one_each = {c["epci"]: c for c in sorted(communes["communes"], key=lambda c: c["code"])}
    assert len(one_each) == 11
    tab, page = new_page(browser)
    try:
        for code, commune in one_each.items():
            slug = commune_slug(commune_uris(real_dataset())[commune["code"]])
            open_finder(page, served_site + f"/trouver/?projet=dechets&commune={slug}")
            answer = page.locator("#i43-reponse")
            assert answer.locator("h3").first.inner_text() == "1. C'est votre intercommunalité qui porte ce projet"
            holder = answer.locator(".i43-answer__holder")
            assert (full.get(code) or names[code]) in holder.inner_text(), commune["nom"]
            assert holder.locator("a[href^='tel:']").count() == 1, commune["nom"]
        # Water in a communauté de communes: the commune or the intercommunality (since the law of
        # 11 April 2025 the commune may keep it), and whom to ask; said after the first interlocutor,
        # not before it (issue 23).
        cc = next(c for code, c in one_each.items() if names[code].startswith("CC "))
        slug = commune_slug(commune_uris(real_dataset())[cc["code"]])
        open_finder(page, served_site + f"/trouver/?projet=eau-assainissement&commune={slug}")
        answer = page.locator("#i43-reponse")
        headings = answer.locator("h3").all_inner_texts()
        assert headings[0].startswith("1. ") and "intercommunalité" not in headings[0]
        assert headings[1].startswith("2. Votre intercommunalité ou votre commune")
        assert "demandez à votre mairie" in answer.locator(".i43-answer__holder").inner_text()
        assert_only_local(page, served_site)
    finally:
        tab.close()


# ---------------------------------------------------------------------------
# The answer at the level of the project, and « Imprimer cette réponse »
# ---------------------------------------------------------------------------

# Three answers a mayor takes to the council. Facts read by hand in data/: the Syndicat d'énergies'
# lighting offer (sde-43, 04 71 09 24 86 on its contact), the Centre de gestion's hiring offer, and
# the CA du Puy-en-Velay that holds the sewage competence (data/intercommunalites.yml).
PRINTED = [
    (
        "projet=energie-eclairage&type=moderniser-eclairage-public&commune=saugues",
        "Moderniser l'éclairage public",
        "Saugues",
        "Éclairage public : extension, modernisation, mise en lumière",
    ),
    (
        "projet=ressources-humaines&type=recruter-agent-communal&commune=yssingeaux",
        "Recruter un agent communal",
        "Yssingeaux",
        "Recrutement : bourse de l'emploi et concours",
    ),
    (
        "projet=eau-assainissement&type=station-epuration&commune=le-puy-en-velay",
        "Construire ou rénover une station d'épuration",
        "Le Puy-en-Velay",
        "Aides aux études et travaux d'eau potable et d'assainissement",
    ),
]


@browser_test
def test_lighting_at_saugues_opens_with_the_syndicate_and_hiring_with_the_centre_de_gestion(browser, served_site):
    tab, page = new_page(browser)
    try:
        open_finder(page, served_site + "/trouver/?" + PRINTED[0][0])
        answer = page.locator("#i43-reponse")
        assert answer.locator("h2").inner_text() == "Pour « Moderniser l'éclairage public » à Saugues"
        first = answer.locator(".i43-offer-item__title").first.inner_text()
        assert first == "Éclairage public : extension, modernisation, mise en lumière"
        best = answer.locator(".i43-partner-cards--best .i43-offer-item__title").all_inner_texts()
        assert "Bornes de recharge pour véhicules électriques" not in best
        why = answer.locator(".i43-offer-item__why").first.inner_text()
        assert why.startswith(
            "Pourquoi : Le Syndicat finance des travaux pour étendre ou moderniser l'éclairage public"
        )

        open_finder(page, served_site + "/trouver/?" + PRINTED[1][0])
        text = answer.inner_text()
        assert text.index("Centre de gestion") < text.index("Pour être orienté : Ingé 43")
        assert answer.locator("h3").first.inner_text() == "1. Les mieux placés pour ce projet"

        # The élu's words read to the project type.
        open_finder(page, served_site + "/trouver/?commune=saugues")
        options = type_and_choose(page, "#i43-projet", "lampadaires")
        assert options[0].startswith("Moderniser l'éclairage public")
        assert query(page) == {
            "projet": "energie-eclairage",
            "type": "moderniser-eclairage-public",
            "commune": "saugues",
        }
        assert page.errors == []
    finally:
        tab.close()


@browser_test
@pytest.mark.parametrize(("address", "project", "commune", "offer"), PRINTED)
def test_printed_answer_fits_one_or_two_a4_pages(browser, served_site, tmp_path, address, project, commune, offer):
    from pypdf import PdfReader

    tab, page = new_page(browser, viewport={"width": 1280, "height": 900})
    try:
        open_finder(page, served_site + "/trouver/?" + address)
        assert page.get_by_role("button", name="Imprimer cette réponse").is_visible()
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-footer", ".md-sidebar", ".i43-finder__form", "#sans-le-formulaire"):
            assert not page.locator(hidden).first.is_visible(), hidden
        path = tmp_path / "reponse.pdf"
        page.pdf(path=str(path), format="A4", print_background=False)
        reader = PdfReader(str(path))
        assert 1 <= len(reader.pages) <= 2
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
        for expected in (project, commune, offer, "Réponse du", "trouver/?projet="):
            assert expected in text, expected
        assert "Imprimer cette réponse" not in text
        ds = real_dataset()
        for partner in ds.partners:
            if partner.nom in text and partner.contact.telephone:
                assert partner.contact.telephone in text, partner.id  # who to call, with the phone
        entry = next(p for p in ds.partners if p.guichet_unique)
        assert entry.display_name in text and entry.contact.telephone in text
    finally:
        tab.close()
