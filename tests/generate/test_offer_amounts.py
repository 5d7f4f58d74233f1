"""What a grant pays and who may ask for it: the rules that every page and the finder keep.

The expected values are read from the data files (or the offer's own fields), never from the
code under test.
"""

from __future__ import annotations

import functools

from markupsafe import escape

from conftest import ROOT
from inge43.check.registry import run_checks
from inge43.generate import eligibility
from inge43.generate.finder import finder_data
from inge43.generate.index import SiteIndex
from inge43.generate.pages import Renderer
from inge43.generate.pages.partners import partner_page


@functools.cache
def real_dataset():
    return run_checks(ROOT / "data").dataset


def funding_offers(ds):
    return [(p, o) for p in ds.partners for o in p.offres if o.nature.funds]


def test_no_commune_below_an_offers_population_floor_is_offered_it():
    ds = real_dataset()
    floored = [(p, o) for p in ds.partners for o in p.offres if o.eligibilite and o.eligibilite.population_min]
    assert floored, "aucune offre n'a de population minimale : le test ne vérifierait rien"
    for partner, offer in floored:
        floor = offer.eligibilite.population_min
        small = [c for c in ds.communes if c.population is not None and c.population < floor]
        assert small, offer.id
        offered = [c.nom for c in small if eligibility.offer_applies(ds, partner, offer, c)]
        assert offered == [], f"{offer.id} est proposée sous {floor} habitants : {offered[:5]}"
        # And the floor does not hide the offer from communes that meet it.
        big = [c for c in ds.communes if c.population is not None and c.population >= floor]
        assert any(eligibility.offer_applies(ds, partner, offer, c) for c in big), offer.id


def test_every_funding_offer_reaches_the_finder_with_what_it_pays():
    ds = real_dataset()
    data = finder_data(ds)
    shipped = {(data["partenaires"][o["p"]]["nom"], o["titre"]): o for o in data["offres"]}
    funding = funding_offers(ds)
    assert funding
    for partner, offer in funding:
        entry = shipped[(partner.nom, offer.titre)]
        assert entry.get("montant") == offer.montant.texte, offer.id
        if offer.montant.annee:
            assert entry.get("montantAnnee") == offer.montant.annee, offer.id


def test_partner_page_shows_what_each_grant_pays_with_its_year():
    ds = real_dataset()
    renderer = Renderer(SiteIndex(ds))
    for partner, offer in funding_offers(ds):
        html = partner_page(renderer, partner).content
        assert str(escape(offer.montant.texte)) in html, offer.id
        if offer.montant.source and offer.montant.annee:
            assert f"source de {offer.montant.annee}" in html, offer.id
