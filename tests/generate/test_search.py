"""French search, measured in a real browser through Material's search box.

Two query sets (tests/search_eval.py): the development set (search_queries.yml), used to tune
the search, and the held-out set (search_heldout.yml), written before any tuning and never
tuned against. Each query counts when its first result is an acceptable page. Every query is an
expectation of its own: it must find an acceptable page first, unless it is listed below as a
known miss; and a known miss that starts passing fails too, so that the list only shrinks (like
the expected failures of browser-compat-data). The rates are printed for the record.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata

import pytest
import yaml

from conftest import ROOT
from search_eval import DEV_SET, HELDOUT_SET, evaluate, first_results, load

pytestmark = pytest.mark.browser

DEV = load(DEV_SET)
HELDOUT = load(HELDOUT_SET)


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + "/")
    yield page
    context.close()


def _report(name: str, entries, found: int, misses) -> float:
    rate = found / len(entries)
    print(f"\n{name} : premier résultat juste pour {found}/{len(entries)} requêtes ({rate:.0%})")
    for q, acceptable, results in misses:
        print(f"  manqué : « {q} » -> {results[:2]} (attendu : {acceptable})")
    return rate


# The queries whose first result is not acceptable today (measured with `make bench`, 2026-12-07:
# 158/164 and 59/64). Fix the search, not this list: a query leaves it when it starts passing.
KNOWN_MISSES_DEV = {
    "nids de poule",
    "vendre le bois de la commune",
    "restaurer le clocher",
    "maison abandonnee centre bourg",
    "faire le bilan d un projet",
    "erp",
}
KNOWN_MISSES_HELDOUT = {
    "plus de medecin au village",
    "mairie piratee virus",
    "zone blanche pas de reseau portable",
    "refaire la place de l'eglise",
}
# « fosses septiques des maisons isolees » passes since 2026-12-07: the keyword « fosse septique » was added
# for a request of the finder's development set written with the same words (README « Une recherche
# honnête »): known after the one measurement, not a new one.


def _expectations(name: str, entries, known: set[str], found: int, misses) -> None:
    _report(name, entries, found, misses)
    missed = {q for q, _, _ in misses}
    regressions = sorted(missed - known)
    now_found = sorted(known - missed)
    assert not regressions, f"{name} : requêtes qui ne trouvent plus une bonne page en premier : {regressions}"
    assert not now_found, (
        f"{name} : ces requêtes trouvent maintenant une bonne page en premier ; retirez-les de la liste des "
        f"manques connus : {now_found}"
    )


def test_known_misses_are_queries_of_their_set():
    assert not KNOWN_MISSES_DEV - {q["q"] for q in DEV}
    assert not KNOWN_MISSES_HELDOUT - {q["q"] for q in HELDOUT}


def test_development_set(search_page):
    found, misses = evaluate(search_page, DEV)
    _expectations("Jeu de développement", DEV, KNOWN_MISSES_DEV, found, misses)


def test_heldout_set(search_page):
    """Measured, not tuned: each query passes, or is a known miss that still misses."""
    found, misses = evaluate(search_page, HELDOUT)
    _expectations("Jeu tenu à l'écart", HELDOUT, KNOWN_MISSES_HELDOUT, found, misses)


def test_sets_are_large_enough_and_distinct():
    assert len(DEV) >= 30 and len(HELDOUT) >= 40
    assert len({q["q"] for q in HELDOUT}) == len(HELDOUT)
    assert not {q["q"].lower() for q in DEV} & {q["q"].lower() for q in HELDOUT}


@pytest.mark.parametrize("typed", ["Saint-Paulien", "st paulien", "yssingeaux"])
def test_communes_are_found_by_name(search_page, typed):
    first = first_results(search_page, typed)[0]
    assert first.startswith("communes/") and first.split("/")[1] in ("saint-paulien", "yssingeaux")


def test_accents_plurals_and_acronyms_meet(search_page):
    """The same first page with or without accents, in the singular or the plural."""
    assert first_results(search_page, "cimetières")[0] == first_results(search_page, "cimetiere")[0]
    assert first_results(search_page, "Défense incendie")[0] == first_results(search_page, "defense incendie")[0]


@pytest.mark.parametrize(
    ("typo", "right"),
    [
        ("cimetierre", "cimetiere"),
        ("eclairrage", "eclairage"),
        ("epuratoin", "epuration"),
        ("subvension", "subvention"),
    ],
)
def test_a_typo_finds_what_the_right_spelling_finds(search_page, typo, right):
    expected = first_results(search_page, right)
    assert expected
    assert first_results(search_page, typo)[0] == expected[0]


@pytest.mark.parametrize(
    ("verb", "noun"), [("renover", "renovation"), ("recruter", "recrutement"), ("eclairer", "eclairage")]
)
def test_a_verb_finds_what_its_noun_finds(search_page, verb, noun):
    assert first_results(search_page, verb)[0] == first_results(search_page, noun)[0]


@pytest.mark.data
def test_a_partner_sigle_typed_alone_gives_its_page_first(search_page):
    """An acronym that names a page (a partner's « sigle » in data/partners.yml) puts it first."""
    partners = yaml.safe_load((ROOT / "data" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]
    with_sigle = [p for p in partners if p.get("sigle")]
    assert with_sigle
    for partner in with_sigle:
        page = f"partenaires/{partner['id']}/"
        sigle = partner["sigle"]
        short = re.sub(r"\s*[0-9]+$", "", sigle)  # « AMF43 », « CDG 43 »: also without the number
        spaced = re.sub(r"(?<=[A-Za-z])(?=[0-9])", " ", sigle)  # « AMF43 » typed « AMF 43 »
        glued = re.sub(r"(?<=[A-Za-z])\s+(?=[0-9])", "", sigle)  # « CDG 43 » typed « cdg43 »
        for typed in {sigle, short, spaced, glued.lower()}:
            assert first_results(search_page, typed)[0] == page, typed


@pytest.mark.data
def test_a_partner_name_typed_from_its_start_gives_its_page_first(search_page):
    """The first three words of a long partner name (« Service départemental d'incendie… ») name
    that partner, before the domain whose text cites it."""
    partners = yaml.safe_load((ROOT / "data" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]
    small = {"d", "de", "des", "du", "l", "la", "le", "les", "et", "en", "a"}
    starts: dict[str, list[str]] = {}
    for partner in partners:
        words = _folded(partner["nom"])
        content = [i for i, w in enumerate(words) if w not in small]
        if len(content) > 3:
            starts.setdefault(" ".join(words[: content[2] + 1]), []).append(partner["id"])
    cases = {typed: ids[0] for typed, ids in starts.items() if len(ids) == 1}
    assert len(cases) >= 10
    for typed, partner_id in cases.items():
        assert first_results(search_page, typed)[0] == f"partenaires/{partner_id}/", typed


@pytest.mark.data
def test_a_name_shared_by_communes_gives_the_most_populous_first(search_page):
    """« Monistrol » is the start of two communes' names: the one most people live in comes first."""
    communes = yaml.safe_load((ROOT / "data" / "communes.yml").read_text(encoding="utf-8"))["communes"]
    groups: dict[str, list[dict]] = {}
    for commune in communes:
        first = _folded(commune["nom"])[0]
        if first not in ("saint", "sainte", "le", "la", "les") and len(first) > 3:
            groups.setdefault(first, []).append(commune)
    cases = {w: max(g, key=lambda c: c.get("population") or 0) for w, g in groups.items() if len(g) > 1}
    assert len(cases) >= 3
    for word, largest in cases.items():
        first = first_results(search_page, word)[0]
        assert first == f"communes/{'-'.join(_folded(largest['nom']))}/", word


def _folded(text: str) -> list[str]:
    text = unicodedata.normalize("NFD", text.replace("œ", "oe"))
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).split()


@pytest.mark.data
def test_a_keyword_typed_alone_comes_before_a_commune_named_with_it(search_page):
    """« pont » is a keyword of a domain and a word of « Pont-Salomon »: the domain comes first."""
    domains = yaml.safe_load((ROOT / "data" / "domains.yml").read_text(encoding="utf-8"))["domaines"]
    communes = yaml.safe_load((ROOT / "data" / "communes.yml").read_text(encoding="utf-8"))["communes"]
    in_names = {w for c in communes for w in _folded(c["nom"])}
    cases = {}
    for domain in domains:
        for keyword in domain.get("mots_cles", []):
            words = _folded(keyword)
            if len(words) == 1 and len(words[0]) > 3 and words[0] in in_names:
                cases.setdefault(words[0], set()).add(f"domaines/{domain['id']}/")
    assert cases
    for word, pages in cases.items():
        assert first_results(search_page, word)[0] in pages, word


def test_glossary_terms_are_entries_at_their_anchor(real_site):
    """One search entry per term, at an anchor that exists on the glossary page."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["termes"]
    entries = [d for d in index["docs"] if d["location"].startswith("glossaire/#")]
    assert len(entries) == len(terms)
    page = (real_site / "glossaire" / "index.html").read_text(encoding="utf-8")
    for entry in entries:
        assert f'id="{entry["location"].split("#")[1]}"' in page
    glossary = next(d for d in index["docs"] if d["location"] == "glossaire/")
    assert not any(t["sigle"] in glossary["text"].split() for t in terms if len(t["sigle"]) > 3)


@pytest.mark.data
def test_every_glossary_term_typed_alone_finds_something(search_page):
    """Even a term spelt like a small word (« NOTRe », « notre ») finds a page."""
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["termes"]
    for term in terms:
        assert first_results(search_page, term["sigle"].lower()), term["sigle"]


@pytest.mark.parametrize("acronym", ["ABF", "ANCT"])
def test_a_glossary_acronym_leads_to_the_glossary(search_page, acronym):
    """An acronym that names no partner and no domain finds its definition. (The first examples, ADEME
    and ARS, became partners in December 2026: their acronym now names their page.)"""
    assert first_results(search_page, acronym)[0] == "glossaire/"


def test_missing_words_are_shown_as_typed_not_as_stems(search_page):
    """Material's « Non trouvé » line names the words a result lacks: as the élu typed them."""
    first_results(search_page, "fosse septique")
    missing = search_page.locator(".md-search-result__terms").all_inner_texts()
    assert missing and all("septique" in m and "septiqu " not in m + " " for m in missing)


def test_a_guide_comes_right_after_its_domain(search_page):
    """« Aménager le bourg… » (guide) holds the same words as « Aménagement de bourg » (its domain,
    in its `domaines:`): the domain, which says whom to call and links to the guide, comes first."""
    assert first_results(search_page, "amenager la place")[:2] == [
        "domaines/amenagement-bourg/",
        "guides/amenagement-bourg/",
    ]


def test_a_guide_stays_first_when_its_domains_only_mention_the_words(search_page):
    """Every domain page says « évaluer » and « projet »; the guide is titled with them."""
    assert first_results(search_page, "evaluer un projet")[0] == "guides/evaluer-un-projet/"


@pytest.mark.parametrize(
    "asked", ["comment faire une voie verte", "par ou commencer une voie verte", "etapes voie verte"]
)
def test_a_method_question_is_answered_by_a_guide(search_page, asked):
    """The subject alone leads to its domain (whom to call); asked « how », to its guide (the steps)."""
    assert first_results(search_page, "voie verte")[0] == "domaines/voie-verte/"
    assert first_results(search_page, asked)[0] == "guides/voie-verte/"


@pytest.mark.parametrize("asked", ["que veut dire PLU", "c'est quoi le PLU", "definition PLU"])
def test_a_meaning_question_is_answered_by_the_glossary(search_page, asked):
    """« PLU » alone leads to the domain that has it as keyword (whom to call); asked what it
    means, to its definition in the glossary."""
    assert first_results(search_page, "PLU")[0] == "domaines/urbanisme/"
    assert first_results(search_page, asked)[0] == "glossaire/"


@pytest.mark.xfail(
    strict=True,
    reason="manque connu depuis le retrait des mots-clés en double (2026-12-07) : « accessibilite » écrit "
    "deux fois dans les mots-clés des bâtiments comptait double et donnait 1,5 % d'avance au domaine ; "
    "la définition du PAVE (« mise en accessibilité ») passe devant. La règle elle-même (le glossaire ne "
    "couvre les mots tapés que par un de ses termes) est testée dans tests/js/search-worker.test.js.",
)
def test_the_glossary_covers_a_query_only_through_one_of_its_terms(search_page):
    """The glossary holds the words of every definition: typed words spread over several terms
    (« mise aux normes » in one, « accessibilité » in another) do not make it the best answer.
    A known miss (strict: the test fails when it passes again, then remove the mark)."""
    assert first_results(search_page, "mise aux normes accessibilite")[0] == "domaines/batiments-publics/"


def test_no_result_shows_the_fallback(search_page):
    field = search_page.locator("input.md-search__input")
    assert first_results(search_page, "zorglubs quantiques") == []
    box = search_page.locator(".i43-search-fallback")
    box.wait_for(state="visible")
    assert "Ingé 43" in box.inner_text()
    assert box.locator("a[href^='tel:']").count() == 1
    hrefs = box.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(h.endswith("trouver/") for h in hrefs) and any(h.endswith("domaines/") for h in hrefs)
    # A query with results hides it again.
    field.fill("voirie")
    field.press("End")
    search_page.locator(".md-search-result__list > li").first.wait_for()
    assert box.count() == 0  # out of the page: Material's arrow keys walk through the results' links


def test_snippets_show_no_keyword_list(search_page):
    first_results(search_page, "ordures")
    texts = search_page.locator(".md-search-result__list").inner_text()
    assert "Mots-clés" not in texts


def test_search_index_is_light(real_site):
    """The first search downloads the whole index: commune pages are light entries, not pages."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    communes = [d for d in index["docs"] if d["location"].startswith("communes/") and d["location"] != "communes/"]
    assert len(communes) >= 250
    assert all("#" not in d["location"] and len(d["text"]) < 200 for d in communes)
    assert "tags" not in json.dumps(index["config"]["fields"])  # no keyword tags copied onto pages
    assert not any("i43-keywords" in d["text"] for d in index["docs"])
    size = len(gzip.compress((real_site / "search" / "search_index.json").read_bytes()))
    assert size < 150_000, f"index de recherche compressé : {size} octets"
