"""What build/search.py adds to the search index, checked without a browser.

Expected values are read from the YAML files directly (or written by hand), never computed by
the code under test.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from conftest import ROOT
from inge43.build.search import FIELDS, domain_definitions, list_pages, page_names, rewrite_index
from inge43.check.registry import run_checks

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
    assert "PLU" in names["domaines/urbanisme/"] and "glossaire/#sigle-ademe" in names
    assert "CDG" in names["partenaires/cdg-43/"] and "CDG" not in names.get("domaines/ressources-humaines/", [])


def test_a_domain_carries_the_definitions_of_the_acronyms_it_uses():
    definitions = domain_definitions(DATASET)
    spanc = next(t for t in GLOSSARY if t["sigle"] == "SPANC")
    water = next(d for d in DOMAINS if d["id"] == "eau-assainissement")
    assert "SPANC" in water["mots_cles"]
    assert " ".join(spanc["definition"].split()) in " ".join(definitions["domaines/eau-assainissement/"].split())
    # An acronym that none of a domain's keywords, description or project types uses stays out.
    for domain in DOMAINS:
        shown = " ".join([*domain.get("mots_cles", []), domain["description"], *domain.get("projets_types", [])])
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
