"""« Signaler une erreur » on every public record, with or without the `signalement` setting (issue 24).

Without the setting, the link leads to the report page (signaler/), which needs no account: the
phone and postal address of Ingé 43 from data/partners.yml, and the repository's form for those
who have an account. With an e-mail, a pre-filled message names the page and the record; with a
form's address, the form.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import yaml

from conftest import FIXTURES
from inge43.check.registry import run_checks
from inge43.generate.index import SiteIndex
from inge43.generate.links import RecordLinks, Repository
from inge43.generate.pages import Renderer, build_pages

DEPOT = "https://github.com/exemple/inge43"
_REPORT = re.compile(r'<a href="([^"]+)"[^>]*>Signaler une erreur')


@functools.cache
def dataset():
    result = run_checks(FIXTURES / "valid", today=dt.date(2026, 11, 29))
    assert result.ok, [p.message for p in result.collector.errors]
    return result.dataset


def pages(**settings):
    renderer = Renderer(SiteIndex(dataset()), RecordLinks(**settings))
    return {page.uri: page.content for page in build_pages(renderer, today=dt.date(2026, 12, 1))}


def _record_pages(built: dict[str, str]) -> dict[str, str]:
    """Every page of a public record, by kind, read from the fixture's YAML (not from the package)."""
    raw = {
        name: yaml.safe_load((FIXTURES / "valid" / name).read_text(encoding="utf-8"))
        for name in ("partners.yml", "domains.yml", "intercommunalites.yml", "glossary.yml", "charter.yml")
    }
    guides = sorted(p.stem for p in (FIXTURES / "valid" / "guides").glob("*.yml"))
    wanted = {
        "partenaire": f"partenaires/{raw['partners.yml']['partenaires'][0]['id']}.md",
        "domaine": f"domaines/{raw['domains.yml']['domaines'][0]['id']}.md",
        "guide": f"guides/{guides[0]}.md",
        "charte": "charte.md",
        "glossaire": "glossaire.md",
    }
    communes = [uri for uri in built if uri.startswith("communes/") and not uri.endswith("index.md")]
    inters = [uri for uri in built if uri.startswith("intercommunalites/") and not uri.endswith("index.md")]
    assert communes and inters, "the fixture has communes and intercommunalities"
    wanted["commune"] = communes[0]
    wanted["intercommunalite"] = inters[0]
    return {kind: built[uri] for kind, uri in wanted.items()}


def test_every_record_page_reports_to_the_report_page_without_the_setting():
    built = pages(repository=Repository(url=DEPOT))
    for kind, content in _record_pages(built).items():
        links = _REPORT.findall(content)
        assert links, f"no « Signaler une erreur » on the {kind} page"
        assert all(unescape(url).rstrip("/").endswith("signaler") for url in links), (kind, links)
        assert not any("github.com" in url for url in links), kind  # never the account-only form


def test_every_offer_and_every_glossary_term_has_its_own_link():
    built = pages()
    raw = yaml.safe_load((FIXTURES / "valid" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]
    for partner in raw:
        content = built[f"partenaires/{partner['id']}.md"]
        for offer in partner.get("offres") or []:
            block = content.split(f'id="offre-{offer["id"]}"', 1)[1].split("<h3", 1)[0].split("<h2", 1)[0]
            assert ">Signaler une erreur sur cette offre</a>" in block, offer["id"]
    terms = yaml.safe_load((FIXTURES / "valid" / "glossary.yml").read_text(encoding="utf-8"))["termes"]
    glossary = "".join(c for uri, c in built.items() if uri.startswith("glossaire"))
    assert glossary.count(">Signaler une erreur</a>") == len(terms)


def test_an_email_setting_opens_a_message_naming_the_page_and_the_record():
    built = pages(signalement="equipe@exemple.fr")
    raw = yaml.safe_load((FIXTURES / "valid" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]
    partner = next(p for p in raw if p.get("offres"))
    offer = partner["offres"][0]
    content = built[f"partenaires/{partner['id']}.md"]
    urls = [unescape(u) for u in _REPORT.findall(content)]
    assert urls and all(u.startswith("mailto:equipe@exemple.fr?") for u in urls)
    assert all("+" not in urlsplit(u).query for u in urls)  # spaces as %20: mail programs show no « + »
    messages = [parse_qs(urlsplit(u).query) for u in urls]
    page_link = messages[-1]  # the page's own link comes last, after the offers'
    assert page_link["subject"] == [f"Erreur sur le site Ingé 43 : {partner['nom']}"]
    assert f"Page : partenaires/{partner['id']}/" in page_link["body"][0]
    offer_link = messages[0]
    assert f"Fiche : {offer['titre']}" in offer_link["body"][0]
    for kind, other in _record_pages(built).items():
        assert all(unescape(u).startswith("mailto:equipe@exemple.fr?") for u in _REPORT.findall(other)), kind


def test_a_form_setting_opens_the_form():
    built = pages(signalement="https://formulaire.exemple.fr/erreur")
    for kind, content in _record_pages(built).items():
        assert set(_REPORT.findall(content)) == {"https://formulaire.exemple.fr/erreur"}, kind


def test_the_report_page_gives_the_phone_and_address_of_inge43_from_the_data():
    raw = yaml.safe_load((FIXTURES / "valid" / "partners.yml").read_text(encoding="utf-8"))["partenaires"]
    entry = next(p for p in raw if p.get("guichet_unique"))
    without = unescape(pages()["signaler.md"])
    assert entry["contact"]["telephone"] in without and entry["contact"]["adresse"] in without
    assert "tel:" in without
    assert "github.com" not in without  # no repository: no account-only form
    with_repo = pages(repository=Repository(url=DEPOT))["signaler.md"]
    form = re.search(r'href="([^"]+)"[^>]*>remplir le formulaire du dépôt', with_repo)
    assert form and unescape(form.group(1)).startswith(f"{DEPOT}/issues/new?template=erreur-fiche.md")
    assert "à compléter" not in with_repo
