"""Issue 12: every answer can be acted on.

Contact values carry their source and its age to the pages, the PDF sheets and the open data;
commune pages name their intercommunality with a working contact; the finder's answer names the
intercommunality first where (and only where) a source says it holds the domain's competence.
Expected values come from the fixture files read as plain YAML, not from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from pathlib import Path

import pytest
import vobject
import yaml
from markupsafe import escape

from inge43.check.registry import run_checks
from inge43.generate import intercommunalities
from inge43.generate.exports import open_data_files
from inge43.generate.finder import finder_data
from inge43.generate.index import SiteIndex
from inge43.generate.links import RecordLinks, report_url
from inge43.generate.pages import Renderer, build_pages, communes
from inge43.generate.pages.domains import domain_page
from inge43.generate.pages.partners import partner_page
from inge43.generate.pdf import documents

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "fixtures" / "valid"
BUILD_2026 = str(int(dt.datetime(2026, 11, 29, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(autouse=True)
def _build_year(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_2026)  # « à confirmer » is decided against the build's year


@functools.cache
def fixture_dataset():
    result = run_checks(VALID, today=dt.date(2026, 11, 29))
    assert result.ok
    return result.dataset


@functools.cache
def real_dataset():
    return run_checks(ROOT / "data").dataset


def raw(name: str) -> dict:
    return yaml.safe_load((VALID / name).read_text(encoding="utf-8"))


def guichet_raw() -> dict:
    return next(p for p in raw("partners.yml")["partenaires"] if p["id"] == "guichet-test")


# ---------------------------------------------------------------------------
# Source and age of each contact value, through to every output
# ---------------------------------------------------------------------------


def test_partner_page_says_where_and_when_each_contact_was_read():
    ds = fixture_dataset()
    old, recent = guichet_raw()["contact"]["provenance"]  # 2019 (old) and 2026 (recent)
    html = partner_page(Renderer(SiteIndex(ds)), ds.partner_by_id["guichet-test"]).content
    old_line = re.search(
        r'<p class="i43-provenance">Adresse, téléphone et courriel relevés en 2019 sur (.*?)</p>', html
    ).group(1)
    assert f'href="{old["source"]}"' in old_line and "à confirmer" in old_line
    recent_line = re.search(r'<p class="i43-provenance">Site web relevé en 2026 sur (.*?)</p>', html).group(1)
    assert f'href="{recent["source"]}"' in recent_line and "à confirmer" not in recent_line
    assert guichet_raw()["contact"]["precision"] in html


def test_pdf_sheet_carries_the_source_and_age():
    ds = fixture_dataset()
    sheet = next(d for d in documents(SiteIndex(ds)) if d.path == "pdf/partenaires/guichet-test.pdf").html
    old = guichet_raw()["contact"]["provenance"][0]
    assert "relevés en 2019 sur l&#39;annuaire de test : à confirmer" in sheet
    assert old["source"] in sheet


def test_csv_and_vcard_carry_the_source_and_age():
    files = open_data_files(fixture_dataset())
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["donnees/partenaires.csv"]))}
    cell = rows["guichet-test"]["source_contact"]
    old = guichet_raw()["contact"]["provenance"][0]
    assert f"relevés en 2019 sur l'annuaire de test ({old['source']}) : à confirmer." in cell
    card = vobject.readOne(files["donnees/vcard/guichet-test.vcf"])
    assert old["source"] in card.note.value and "2019" in card.note.value and "à confirmer" in card.note.value
    intercos = {r["code"]: r for r in csv.DictReader(io.StringIO(files["donnees/intercommunalites.csv"]))}
    assert "2019" in intercos["200073419"]["source_contact"]
    assert "loi.exemple.fr/article-1" in intercos["200073419"]["competences"]


def test_team_report_lists_contacts_older_than_three_years():
    from inge43.generate.team_report import build_report

    report = build_report(fixture_dataset(), dt.date(2026, 11, 29))
    listed = {(item["fiche"], item["annee"]) for item in report.old_contacts}
    assert ("guichet-test", 2019) in listed and ("200073419", 2019) in listed
    assert all(year <= 2022 for _, year in listed)  # 2025 and 2026 sources are not listed
    assert ("agence-test", 2025) not in listed


# ---------------------------------------------------------------------------
# Intercommunalities
# ---------------------------------------------------------------------------


def commune_page(ds, name: str) -> str:
    site = Renderer(SiteIndex(ds))
    return communes.commune_page(site, next(c for c in ds.communes if c.nom == name)).content


def test_commune_page_names_its_intercommunality_with_a_working_contact():
    ds = fixture_dataset()
    agglo = next(e for e in raw("intercommunalites.yml")["intercommunalites"] if e["code"] == "200073419")
    html = commune_page(ds, "Allègre")
    top = html[: html.index("Qui peut aider la commune")]
    assert "Votre intercommunalité" in top
    assert 'href="../../intercommunalites/ca-du-puy-en-velay/"' in top
    assert 'href="tel:+33471000002"' in top and f'href="mailto:{agglo["contact"]["courriel"]}"' in top
    assert "contactez d'abord l'intercommunalité : elle les porte pour Allègre" in top
    assert agglo["competences"][0]["source"] in top
    assert "Promotion du tourisme" not in top  # a competence tied to no domain claims no project


def test_nothing_claimed_for_an_intercommunality_without_a_sourced_competence():
    html = commune_page(fixture_dataset(), "Alleyrac")
    top = html[: html.index("Qui peut aider la commune")]
    assert 'href="tel:+33471000003"' in top
    assert "relève de" not in top and "porte ce type de projet" not in top
    assert "contactez d'abord l'intercommunalité" not in top


@pytest.mark.data
def test_every_real_commune_links_to_its_intercommunality_page():
    ds = real_dataset()
    pages = {p.uri: p.content for p in build_pages(Renderer(SiteIndex(ds)), today=dt.date(2026, 12, 1))}
    views = intercommunalities.views(ds)
    assert len(views) == 11 and all(v.uri in pages for v in views.values())
    communes = [c for c in ds.communes]
    assert len(communes) == 257
    site = Renderer(SiteIndex(ds))
    for commune in communes:
        html = pages[site.index.commune_uri[commune.code]]
        target = views[commune.epci].uri.removesuffix(".md")
        assert f'href="../../{target}/"' in html, commune.nom


@pytest.mark.data
def test_real_contacts_meet_the_issue_targets():
    """At least 20 partner or EPCI pages with a tel: link and 10 with a mailto: link, each with its source."""
    ds = real_dataset()
    pages = [
        p
        for p in build_pages(Renderer(SiteIndex(ds)), today=dt.date(2026, 12, 1))
        if re.match(r"(partenaires|intercommunalites)/(?!index)", p.uri)
    ]
    with_tel = [p.uri for p in pages if 'href="tel:' in p.content and 'class="i43-provenance"' in p.content]
    with_mail = [p.uri for p in pages if 'href="mailto:' in p.content and 'class="i43-provenance"' in p.content]
    assert len(with_tel) >= 20, with_tel
    assert len(with_mail) >= 10, with_mail


@pytest.mark.data
def test_allegre_water_is_claimed_only_with_a_source_in_data():
    """Allègre's page says the CA du Puy-en-Velay carries water projects, citing its source."""
    ds = real_dataset()
    raw_file = yaml.safe_load((ROOT / "data" / "intercommunalites.yml").read_text(encoding="utf-8"))
    ca = next(r for r in raw_file["intercommunalites"] if r["code"] == "200073419")
    # Water comes from the law for every communauté d'agglomération (written once), or from the record.
    law = next((b for b in raw_file.get("competences_legales", []) if b["categorie"] == "CA"), {})
    water = [k for k in law.get("competences", []) if "eau-assainissement" in k.get("domaines", [])]
    water = [k | {"source": k.get("source", law.get("source"))} for k in water]
    water += [k for k in ca.get("competences", []) if "eau-assainissement" in k.get("domaines", [])]
    html = commune_page(ds, "Allègre")
    top = html[: html.index("Qui peut aider la commune")]
    assert water, "the law gives water to every communauté d'agglomération"
    assert "contactez d'abord l'intercommunalité : elle les porte pour Allègre" in top
    assert f"<strong>{escape(water[0]['intitule'])}</strong>" in top and water[0]["source"] in top


def test_finder_json_gives_competences_only_where_a_domain_is_sourced():
    data = finder_data(fixture_dataset())
    by_name = dict(zip(data["epci"], data["intercommunalites"], strict=True))
    agglo = by_name["CA du Puy-en-Velay"]
    water = [i for i, d in enumerate(data["domaines"]) if d["id"] == "eau-assainissement"]
    assert [k["domaines"] for k in agglo["competences"]] == [water]  # « Promotion du tourisme » has no domain
    assert agglo["telHref"] == "tel:+33471000002"
    assert (
        agglo["provenance"][0]["confirmer"] is True
        and agglo["provenance"][0]["url"] == "https://annuaire.exemple.fr/agglo"
    )
    assert "competences" not in by_name["CC Mézenc-Loire-Meygal"]


# ---------------------------------------------------------------------------
# « Signaler une erreur »
# ---------------------------------------------------------------------------


def test_report_link_is_the_setting_else_the_report_page():
    assert report_url("equipe@exemple.fr", "Allègre", "communes/allegre/").startswith(
        "mailto:equipe@exemple.fr?subject="
    )
    assert report_url("https://formulaire.exemple.fr", "x", "y") == "https://formulaire.exemple.fr"
    assert report_url("", "x", "y") is None  # the page links to signaler/ instead (no account needed)
    ds = fixture_dataset()
    page = partner_page(Renderer(SiteIndex(ds), RecordLinks(signalement="equipe@exemple.fr")), ds.partners[0]).content
    assert re.search(r'href="mailto:equipe@exemple.fr\?subject=[^"]+"[^>]*>Signaler une erreur', page)
    assert "Modifier cette fiche" not in page  # no repository: no agent's edit link
    page = partner_page(Renderer(SiteIndex(ds)), ds.partners[0]).content
    assert re.search(r'href="\.\./\.\./signaler/"[^>]*>Signaler une erreur', page)


def test_domain_page_names_the_intercommunalities_that_hold_it():
    ds = fixture_dataset()
    site = Renderer(SiteIndex(ds))
    water = domain_page(site, ds.domain_by_id["eau-assainissement"]).content
    assert "Communauté d&#39;agglomération de test" in water and "https://loi.exemple.fr/article-1" in water
    road = domain_page(site, ds.domain_by_id["voirie"]).content
    assert "porte ce type de projet" not in road
