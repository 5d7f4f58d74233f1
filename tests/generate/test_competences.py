"""Issue 22: the intercommunality's competences, for all eleven, and no « à compléter » in public.

What the law gives a category of intercommunality (`competences_legales` of
data/intercommunalites.yml) is written once and attached to every intercommunality of that
category; the finder then names the intercommunality first for household waste in every commune;
where the commune may hold the competence too, the answer says both and whom to ask. Expected
values are read from the YAML files as plain data, never from the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from inge43.check.registry import run_checks
from inge43.generate import intercommunalities
from inge43.generate.finder import finder_data
from inge43.generate.index import SiteIndex
from inge43.generate.pages import Renderer, communes
from inge43.generate.pages.reference import team_report

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "fixtures" / "valid"
DATA = ROOT / "data"

# Two categories, written for the test: the fixture's communes.yml has one CA and one CC.
LAW = {
    "competences_legales": [
        {
            "categorie": "CC",
            "nom_categorie": "communauté de communes",
            "article": "L0000-1",
            "annee": 2025,
            "source": "https://loi.exemple.fr/cc",
            "nom_source": "la loi de test, article L0000-1",
            "competences": [
                {"intitule": "Déchets de test", "domaines": ["eau-assainissement"]},
                {
                    "intitule": "Compétence partagée de test",
                    "domaines": ["voirie"],
                    "partage": "La commune ou l'intercommunalité : demandez à votre mairie.",
                },
                {"intitule": "Sans domaine de test"},
            ],
        },
        {
            "categorie": "CA",
            "nom_categorie": "communauté d'agglomération",
            "article": "L0000-2",
            "annee": 2020,
            "source": "https://loi.exemple.fr/ca",
            "nom_source": "la loi de test, article L0000-2",
            "competences": [{"intitule": "Mobilité de test", "domaines": ["voirie"]}],
        },
    ]
}


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def law_dataset(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    records = raw(VALID / "intercommunalites.yml")
    (data / "intercommunalites.yml").write_text(
        yaml.safe_dump({**records, **LAW}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = run_checks(data)
    assert result.exit_code() == 0, [p.message for p in result.collector.problems]
    return result.dataset


def test_a_law_given_competence_is_attached_to_every_intercommunality_of_its_category(law_dataset):
    types = {e["code"]: e["type"] for e in raw(VALID / "communes.yml")["epci"]}
    by_category = {b["categorie"]: b for b in LAW["competences_legales"]}
    views = intercommunalities.views(law_dataset)
    assert set(views) == set(types)
    for code, view in views.items():
        block = by_category[types[code]]
        given = [k for k in view.competences if k.article]
        assert [k.intitule for k in given] == [k["intitule"] for k in block["competences"]]
        assert {(k.article, k.annee, k.source) for k in given} == {(block["article"], block["annee"], block["source"])}
        # Another category's competences are never attached.
        others = {k["intitule"] for b in LAW["competences_legales"] if b is not block for k in b["competences"]}
        assert not others & {k.intitule for k in view.competences}


def test_the_record_keeps_its_own_sourced_competences_after_the_law(law_dataset):
    agglo = next(r for r in raw(VALID / "intercommunalites.yml")["intercommunalites"] if r["code"] == "200073419")
    view = intercommunalities.views(law_dataset)["200073419"]
    own = [k for k in view.competences if not k.article]
    assert [(k.intitule, k.source) for k in own] == [(k["intitule"], k["source"]) for k in agglo["competences"]]


def test_commune_page_and_finder_say_both_where_the_commune_may_hold_it(law_dataset):
    site = Renderer(SiteIndex(law_dataset))
    alleyrac = next(c for c in law_dataset.communes if c.nom == "Alleyrac")  # in the fixture's CC
    html = communes.commune_page(site, alleyrac).content
    top = html[: html.index("Qui peut aider la commune")]
    assert "contactez d'abord l'intercommunalité : elle les porte pour Alleyrac, sauf où il est dit qui demander" in top
    assert "<strong>Déchets de test</strong></li>" in top  # the intercommunality's alone
    assert (
        "Compétence partagée de test</strong> : La commune ou l&#39;intercommunalité : demandez à votre mairie." in top
    )
    # The law's article, cited once under the list (not under each competence it gives).
    assert top.count("la loi de test, article L0000-1</a>, règle de 2025") == 1
    assert "Sans domaine de test" not in top  # a competence tied to no domain claims no project

    data = finder_data(law_dataset)
    cc = dict(zip(data["epci"], data["intercommunalites"], strict=True))["CC Mézenc-Loire-Meygal"]
    shared = next(k for k in cc["competences"] if k["intitule"] == "Compétence partagée de test")
    assert shared["partage"] == "La commune ou l'intercommunalité : demandez à votre mairie."
    assert shared["loi"] is True and shared["annee"] == 2025


# ---------------------------------------------------------------------------
# The real data: all eleven intercommunalities
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    result = run_checks(DATA)
    assert result.exit_code() == 0
    return result.dataset


def test_every_real_intercommunality_has_at_least_four_sourced_competences(real):
    views = intercommunalities.views(real)
    assert len(views) == len(raw(DATA / "communes.yml")["epci"]) == 11
    for view in views.values():
        sourced = [k for k in view.competences if k.source.startswith("https://") and (k.annee or k.article)]
        assert len(sourced) >= 4, (view.name, [k.intitule for k in view.competences])


def test_every_real_intercommunality_of_a_category_gets_its_law(real):
    law = raw(DATA / "intercommunalites.yml")["competences_legales"]
    by_category = {b["categorie"]: b for b in law}
    for epci in raw(DATA / "communes.yml")["epci"]:
        block = by_category[epci["type"]]  # every category present in Haute-Loire is written
        view = intercommunalities.views(real)[epci["code"]]
        shown = {k.intitule for k in view.competences}
        assert {k["intitule"] for k in block["competences"]} <= shown, epci["nom"]


def test_finder_names_the_intercommunality_first_for_household_waste_in_every_commune(real):
    data = finder_data(real)
    waste = next(i for i, d in enumerate(data["domaines"]) if d["id"] == "dechets")
    names = {e["code"]: e["nom"] for e in raw(DATA / "communes.yml")["epci"]}
    communes = raw(DATA / "communes.yml")["communes"]
    assert len(data["communes"]) == len(communes) == 257
    at = data["champsCommunes"].index("epci")
    by_name = {row[0]: row for row in data["communes"]}
    for commune in communes:
        # The commune's row in the finder's data points to its own intercommunality…
        inter = data["intercommunalites"][by_name[commune["nom"]][at]]
        assert data["epci"][by_name[commune["nom"]][at]] == names[commune["epci"]], commune["nom"]
        # …which holds household waste outright (no « partage »), and has a phone to call.
        held = [k for k in inter.get("competences", []) if waste in k["domaines"]]
        assert held and not any(k.get("partage") for k in held), commune["nom"]
        assert inter.get("telHref", "").startswith("tel:"), inter["nom"]


def test_water_in_a_communaute_de_communes_says_both_and_whom_to_ask(real):
    data = finder_data(real)
    water = next(i for i, d in enumerate(data["domaines"]) if d["id"] == "eau-assainissement")
    for name, inter in zip(data["epci"], data["intercommunalites"], strict=True):
        held = [k for k in inter.get("competences", []) if water in k["domaines"]]
        assert held, name
        if name.startswith("CC "):
            assert any("mairie" in (k.get("partage") or "") for k in held), name
        else:  # the communauté d'agglomération holds it outright
            assert any(not k.get("partage") for k in held), name


def test_team_report_keeps_listing_the_intercommunalities_contact_gaps(law_dataset):
    """Public pages say « pas de site web publié » plainly; the agents' report still lists the gap."""
    import datetime as dt

    from inge43.generate.team_report import build_report, format_text

    labels = {"adresse": "adresse", "telephone": "téléphone", "courriel": "courriel", "site_web": "site web"}
    expected = {
        r["code"]: [label for key, label in labels.items() if not r.get("contact", {}).get(key)]
        for r in raw(VALID / "intercommunalites.yml")["intercommunalites"]
    }
    report = build_report(law_dataset, dt.date(2026, 12, 1))
    assert report.missing_interco_contact == {code: gaps for code, gaps in expected.items() if gaps}
    assert "200073401 : adresse, courriel, site web" in format_text(report)
    html = team_report(Renderer(SiteIndex(law_dataset)), dt.date(2026, 12, 1)).content
    assert "CC Mézenc-Loire-Meygal</a> : adresse, courriel, site web." in html
