"""Generated pages, rendered without MkDocs: texts built from optional fields read well."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from conftest import FIXTURES
from inge43.check.registry import run_checks
from inge43.generate.finder import eligibility_text
from inge43.generate.index import SiteIndex
from inge43.generate.pages import Renderer
from inge43.generate.pages.domains import domain_page
from inge43.generate.pages.partners import partner_page
from inge43.read.model import Beneficiary, Eligibility

NNBSP = "\u202f"  # thousands separator


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # bug found in use (adil-43): no beneficiary, only a precision -> « Pour qui : . Service… »
        (Eligibility(precision="Service destiné d'abord au public."), "Service destiné d'abord au public."),
        (Eligibility(population_max=3500), f"jusqu'à 3{NNBSP}500 habitants"),
        (
            Eligibility(beneficiaires=[Beneficiary.COMMUNE], population_max=1000),
            f"Communes — jusqu'à 1{NNBSP}000 habitants",
        ),
        (
            Eligibility(beneficiaires=[Beneficiary.COMMUNE, Beneficiary.EPCI], precision="Sur devis."),
            "Communes, Intercommunalités (EPCI). Sur devis.",
        ),
        (
            Eligibility(beneficiaires=[Beneficiary.COMMUNE], population_min=2000, population_max=20000),
            f"Communes — de 2{NNBSP}000 à 20{NNBSP}000 habitants",
        ),
        (Eligibility(population_min=2000), f"à partir de 2{NNBSP}000 habitants"),
        (Eligibility(), None),
    ],
    ids=[
        "precision-seule",
        "population-seule",
        "commune-et-population",
        "beneficiaires-et-precision",
        "population-min-et-max",
        "population-min-seule",
        "vide",
    ],
)
def test_eligibility_text_on_partner_and_domain_pages(rules, expected):
    ds = run_checks(FIXTURES / "valid").dataset
    partner = ds.partners[0]
    offer = partner.offres[0].model_copy(update={"eligibilite": rules})
    partner = partner.model_copy(update={"offres": [offer, *partner.offres[1:]]})
    ds.partners[0] = partner
    site = Renderer(SiteIndex(ds))

    page = partner_page(site, partner).content
    shown = re.search(r"<dt>Pour qui</dt><dd>(.*?)</dd>", page, re.S).group(1).strip()
    domain = ds.domain_by_id[offer.domaines[0]]
    card = domain_page(site, domain).content
    on_domain = re.findall(r"Pour qui : (.*?)</span>", card, re.S)
    if expected is None:
        assert "conditions non publiées" in shown and "à compléter" not in shown  # plain words, never a to-do
        assert eligibility_text(offer) is None
    else:
        assert shown == str(escape(expected))
        assert str(escape(expected)) in [t.strip() for t in on_domain]
        assert eligibility_text(offer) == expected  # the finder says the same
    assert ": ." not in page + card and "<dd>. " not in page


@pytest.mark.parametrize(
    ("source", "target", "anchor", "expected"),
    [
        ("partenaires/cdg-43.md", "partenaires/ddt-43.md", "", "../ddt-43/"),
        ("partenaires/cdg-43.md", "partenaires/cdg-43.md", "contact", "./#contact"),
        ("communes/allegre.md", "partenaires/index.md", "", "../../partenaires/"),
        ("index.md", "communes/allegre.md", "", "communes/allegre/"),
        ("communes/allegre.md", "index.md", "", "../../"),
        ("glossaire.md", "charte.md", "", "../charte/"),
        ("trouver/index.md", "index.md", "", "../"),
    ],
)
def test_relative_url(source, target, anchor, expected):
    from inge43.generate.urls import relative_url

    assert relative_url(source, target, anchor) == expected
