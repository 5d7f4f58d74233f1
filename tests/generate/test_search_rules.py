"""The search's rulebook (scripts/inge43/read/search_rules.json), index side: each weight that
generate/search.py writes into the index, pinned with the value written by hand and shown acting
on a small index built from tests/fixtures/valid/. The query side is tested by
tests/js/search-worker.test.js, the shared text rules by tests/js/text-parity.test.js."""

from __future__ import annotations

import json
from pathlib import Path

from inge43.check.registry import run_checks
from inge43.generate.search import rewrite_index
from inge43.read.search_rules import RULES, RULES_FILE, rules_script
from inge43.read.text import ABBREVIATIONS, STOP_WORDS

FIXTURES = Path(__file__).parents[1] / "fixtures"
DATASET = run_checks(FIXTURES / "valid").dataset

# A small index as Material's search plugin writes it: the home page, the list of domains, two
# domains (one with a section), a partner.
INDEX = {
    "config": {"lang": ["fr"], "separator": "[\\s\\-]+"},
    "docs": [
        {"location": "", "title": "Accueil", "text": "<p>Voirie, eau.</p>"},
        {"location": "domaines/", "title": "Domaines", "text": "<p>Voirie, eau.</p>"},
        {"location": "domaines/voirie/", "title": "Voirie", "text": "<p>Routes.</p>"},
        {"location": "domaines/voirie/#qui", "title": "Qui appeler", "text": "<p>Le guichet.</p>"},
        {"location": "domaines/eau-assainissement/", "title": "Eau et assainissement", "text": "<p>Eau.</p>"},
        {"location": "partenaires/guichet-test/", "title": "Guichet test", "text": "<p>Tout.</p>"},
    ],
}


def _docs() -> dict[str, dict]:
    return {d["location"]: d for d in rewrite_index(json.loads(json.dumps(INDEX)), DATASET)["docs"]}


def test_the_index_weights_are_the_rulebooks():
    """Changing a weight of the index fails here (and the figures of the search must be measured again)."""
    assert RULES["index"] == {
        "fields": {
            "title": 0.01,
            "text": 0.001,
            "titre_replie": 20,
            "texte_replie": 1,
            "intertitre_replie": 5,
            "mots": 5,
            "definitions": 0.75,
            "projets": 2,
        },
        "specific_offer_domains": 2,
        "domain_boost": 2.0,
        "commune_boost": 0.5,
        "population_scale": 20000,
        "population_bonus": 0.2,
        "list_boost": 0.5,
    }


def test_the_shared_word_lists_are_the_rulebooks():
    """Changing a stop word or an abbreviation fails here; both sides read them from the rulebook."""
    assert sorted(STOP_WORDS) == sorted(
        "a au aux avec c ce ces cet cette comment d dans de des du elle elles en est et il ils j je l la le les "
        "leur leurs ma mes moins mon n ne nos notre nous on ou par pas plus pour pourquoi qu quand que quel "
        "quelle quelles quels qui quoi sa se ses si son sur ta tes ton tous tout toute toutes tres trop un "
        "une vos votre y".split()
    )
    assert ABBREVIATIONS == {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def test_fields_weights_go_into_the_index_config():
    config = rewrite_index(json.loads(json.dumps(INDEX)), DATASET)["config"]
    assert config["fields"]["titre_replie"] == {"boost": 20}
    assert config["fields"]["intertitre_replie"] == {"boost": 5}
    assert config["fields"]["definitions"] == {"boost": 0.75}
    assert config["lang"] == ["fr"]  # Material's own settings stay


def test_domain_boost_and_list_boost():
    docs = _docs()
    assert docs["domaines/voirie/"]["boost"] == 2.0  # a domain page: the answer to « whom do I call »
    assert docs["domaines/voirie/#qui"]["boost"] == 2.0  # and its sections
    assert docs["domaines/"]["boost"] == 0.5  # a list of pages: the listed page is the answer
    assert docs[""]["boost"] == 0.5  # the home page lists every section
    assert "boost" not in docs["partenaires/guichet-test/"]  # Material's default, 1


def test_commune_entries_weigh_commune_boost_plus_a_fifth_at_most():
    docs = _docs()
    assert docs["communes/alleyrac/"]["boost"] == round(0.5 * (1 + 117 / 20000 * 0.2), 4) == 0.5006
    assert docs["communes/le-puy-en-velay/"]["boost"] == 0.5927  # 18 540 inhabitants
    assert all(d["boost"] <= 0.6 for loc, d in docs.items() if loc.startswith("communes/"))


def test_only_offers_of_at_most_two_domains_lend_their_title_to_a_domain():
    docs = _docs()
    # Each offer of the fixture names one or two domains: all lend their title.
    assert docs["domaines/eau-assainissement/"]["projets"].endswith("Conseil eau et assainissement")
    assert "Accompagnement de projet" in docs["domaines/voirie/"]["projets"]
    three = json.loads(json.dumps(INDEX))
    dataset = run_checks(FIXTURES / "valid").dataset
    offer = next(o for p in dataset.partners for o in p.offres if o.titre == "Accompagnement de projet")
    offer.domaines.append("eau-assainissement")  # now three domains: a general service
    docs = {d["location"]: d for d in rewrite_index(three, dataset)["docs"]}
    assert "Accompagnement de projet" not in docs["domaines/voirie/"].get("projets", "")
    assert "Maîtrise d'ouvrage déléguée" in docs["domaines/voirie/"]["projets"]


def test_the_browser_gets_the_same_rulebook():
    script = rules_script()
    prefix = "self.Inge43Rules = "
    body = script[script.index(prefix) + len(prefix) : script.rindex(";")]
    shipped = json.loads(body)
    written = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    assert shipped == {k: v for k, v in written.items() if k != "about"}
    assert set(shipped) == {"text", "index", "query", "finder"}
