"""What generate/search.py adds to the search index, checked without a browser.

Expected values are read from the YAML files directly (or written by hand), never computed by
the code under test.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from conftest import ROOT
from inge43.check.registry import run_checks
from inge43.generate.search import (
    COMMUNE_BOOST,
    DOMAIN_BOOST,
    FIELDS,
    SPECIFIC_OFFER_DOMAINS,
    commune_boost,
    domain_definitions,
    domain_projects,
    list_pages,
    page_names,
    rewrite_index,
)

DATASET = run_checks(ROOT / "data").dataset
PARTNERS = yaml.safe_load((ROOT / "data" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]
GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["termes"]
DOMAINS = yaml.safe_load((ROOT / "data" / "domains.yml").read_text(encoding="utf-8"))["domaines"]


def test_a_partner_is_named_by_its_sigle():
    names = page_names(DATASET, {})
    with_sigle = [p for p in PARTNERS if p.get("sigle")]
    assert with_sigle
    for partner in with_sigle:
        assert partner["sigle"] in names[f"partenaires/{partner['id']}/"]
        if re.search(r"[0-9]$", partner["sigle"]):  # « AMF43 » is also named « AMF »
            assert re.sub(r"\s*[0-9]+$", "", partner["sigle"]) in names[f"partenaires/{partner['id']}/"]


def test_a_glossary_acronym_names_the_page_titled_by_its_long_form():
    titles = {
        "partenaires/sde-43/": "Syndicat départemental d'énergies de la Haute-Loire",
        "x/": "Station d'épuration",  # the long form without its brackets
        "y/": "Syndicat départemental",  # only part of a long form: not named
    }
    names = page_names(DATASET, titles)
    assert "SDE" in names["partenaires/sde-43/"]
    assert "STEP" in names["x/"]  # « Station d'épuration (station de traitement des eaux usées, STEU) »
    assert "y/" not in names
    # The page it names, not the glossary: « SDE » and « STEP » name no glossary entry.
    assert "glossaire/#sigle-sde" not in names and "glossaire/#sigle-step" not in names


def test_an_acronym_names_a_domain_that_has_it_as_keyword_else_its_glossary_entry():
    names = page_names(DATASET, {})
    for term in GLOSSARY:
        sigle = term["sigle"]
        domains = [f"domaines/{d['id']}/" for d in DOMAINS if sigle in d.get("mots_cles", [])]
        named = [loc for loc, n in names.items() if sigle in n]
        if any(loc.startswith("partenaires/") for loc in named):  # a partner first, and only it
            assert all(loc.startswith("partenaires/") for loc in named), sigle
        elif domains:
            assert set(domains) <= set(named), sigle
        else:
            # Anchors drop accents: « Régime forestier » → #sigle-regime-forestier.
            ascii_sigle = unicodedata.normalize("NFKD", sigle).encode("ascii", "ignore").decode()
            assert named == [f"glossaire/#sigle-{re.sub('[^a-z0-9]+', '-', ascii_sigle.lower()).strip('-')}"], sigle
    assert "PLU" in names["domaines/urbanisme/"] and "glossaire/#sigle-anct" in names
    assert "CDG" in names["partenaires/cdg-43/"] and "CDG" not in names.get("domaines/ressources-humaines/", [])


def test_a_domain_carries_the_definitions_of_the_acronyms_it_uses():
    definitions = domain_definitions(DATASET)
    spanc = next(t for t in GLOSSARY if t["sigle"] == "SPANC")
    water = next(d for d in DOMAINS if d["id"] == "eau-assainissement")
    assert "SPANC" in water["mots_cles"]
    assert " ".join(spanc["definition"].split()) in " ".join(definitions["domaines/eau-assainissement/"].split())
    # An acronym that none of a domain's keywords, description or project types uses stays out.
    for domain in DOMAINS:
        projects = [p["nom"] if isinstance(p, dict) else p for p in domain.get("projets_types", [])]
        shown = " ".join([*domain.get("mots_cles", []), domain["description"], *projects])
        if not re.search(r"\bZNIEFF\b", shown):
            assert "ZNIEFF" not in definitions.get(f"domaines/{domain['id']}/", "")


def test_names_and_definitions_go_on_the_page_not_on_its_sections():
    index = {
        "config": {"lang": ["fr"], "separator": " ", "pipeline": []},
        "docs": [
            {
                "location": "partenaires/sde-43/",
                "title": "Syndicat départemental d'énergies de la Haute-Loire",
                "text": "",
            },
            {
                "location": "partenaires/sde-43/#missions",
                "title": "Missions",
                "text": "<p>Syndicat départemental d'énergies</p>",
            },
            {"location": "domaines/eau-assainissement/", "title": "Eau et assainissement", "text": ""},
            {"location": "domaines/eau-assainissement/#projets-types", "title": "Projets types", "text": ""},
        ],
    }
    docs = {d["location"]: d for d in rewrite_index(index, DATASET)["docs"]}
    assert "SDE" in docs["partenaires/sde-43/"]["noms"]
    assert "noms" not in docs["partenaires/sde-43/#missions"]
    assert "SPANC" in docs["domaines/eau-assainissement/"]["definitions"]
    assert "definitions" not in docs["domaines/eau-assainissement/#projets-types"]
    # Searched, never shown: Material displays only `title` and `text`.
    assert {"definitions", "intertitre_replie"} <= set(FIELDS)


@pytest.mark.data
def test_a_guide_knows_the_domains_that_list_it():
    index = {
        "config": {"lang": ["fr"], "separator": " ", "pipeline": []},
        "docs": [{"location": "guides/eau-assainissement/", "title": "Guide", "text": ""}],
    }
    guide = yaml.safe_load((ROOT / "data" / "guides" / "eau-assainissement.yml").read_text(encoding="utf-8"))
    docs = rewrite_index(index, DATASET)["docs"]
    assert docs[0]["domaines"] == [f"domaines/{d}/" for d in guide["domaines"]]


def test_list_pages_are_the_pages_with_pages_below_them():
    locations = [
        "",
        "#quel-est-votre-projet",
        "domaines/",
        "domaines/voirie/",
        "domaines/voirie/#projets-types",
        "glossaire/",
    ]
    assert list_pages(locations) == {"", "domaines/"}


def test_a_domain_carries_its_project_types_and_the_titles_of_its_specific_offers():
    """Read from the YAML: each project type, and each offer naming few domains, counts for the
    domain page; an offer listed under many domains (a general service) lends its title to none."""
    projects = domain_projects(DATASET)
    assert "projets" in FIELDS
    for domain in DOMAINS:
        phrases = projects.get(f"domaines/{domain['id']}/", "").split(" ; ")
        for project in domain.get("projets_types", []):
            assert (project["nom"] if isinstance(project, dict) else project) in phrases
    offers = [(o, p) for p in PARTNERS for o in p.get("offres", [])]
    specific = [o for o, _ in offers if len(o["domaines"]) <= SPECIFIC_OFFER_DOMAINS]
    general = [o for o, _ in offers if len(o["domaines"]) > SPECIFIC_OFFER_DOMAINS]
    assert specific and general
    for offer in specific:
        for domain_id in offer["domaines"]:
            assert offer["titre"] in projects[f"domaines/{domain_id}/"].split(" ; ")
    for offer in general:
        assert not any(offer["titre"] in p.split(" ; ") for p in projects.values())


def test_a_larger_commune_weighs_a_little_more_never_as_much_as_a_domain():
    assert commune_boost(None) == commune_boost(0) == COMMUNE_BOOST
    assert commune_boost(300) < commune_boost(8_000) < commune_boost(19_000)
    assert commune_boost(1_000_000) <= COMMUNE_BOOST * 1.2 < DOMAIN_BOOST
