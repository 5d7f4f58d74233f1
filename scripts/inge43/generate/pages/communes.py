"""Commune pages, the communes' index and (for a region) its pages by initial."""

from __future__ import annotations

from dataclasses import dataclass

from ...read.model import Commune, Domain
from .. import eligibility, finder, intercommunalities
from ..index import OfferRef, SiteIndex
from ..urls import COMMUNES_INDEX, PARTNERS_INDEX, communes_letter_uri, relative_url
from .base import Page, Renderer

COMMUNE_OFFERS_SHOWN = 5  # offers listed per domain on a commune page; the finder lists them all


@dataclass(frozen=True)
class DomainOffers:
    """What a commune can ask for in one domain. Offers of partners serving a part of the département
    (park, intercommunality, arrondissement…) are listed; those of partners covering the whole
    département are only counted: they are the same for every commune, listed once on the domain's
    page. A commune page thus grows with its own territory, not with the number of partners."""

    domain: Domain
    local: list[OfferRef]
    departement: int  # offers of département-wide partners that apply to this commune


def offers_by_domain(index: SiteIndex, commune: Commune) -> list[DomainOffers]:
    """The offers a commune is eligible for (`eligibility.offer_applies`, via the finder's profiles), by domain."""
    applies = finder.applicable_offers(index.ds).get(commune.code, set())
    out = []
    for domain in index.domains:
        refs = [r for r in index.offers_by_domain[domain.id] if (r.partner.id, r.offer.id) in applies]
        local = [r for r in refs if not r.partner.territoire.departement]
        if refs:
            out.append(DomainOffers(domain, local, len(refs) - len(local)))
    return out


def commune_page(r: Renderer, commune: Commune) -> Page:
    index = r.index
    uri = index.commune_uri[commune.code]
    # Ingé 43, the charter's signatories and the partners of this commune's own territory (park,
    # arrondissement, intercommunality…) are listed; those that cover the whole département are
    # counted and linked: they are the same on every commune page, and a page must stay light
    # when there are hundreds of them.
    covering = eligibility.partners_for(index.ds, commune)
    partners = [p for p in covering if p.guichet_unique or p.signataire_charte or not p.territoire.departement]
    return Page(
        uri,
        r.render(
            "commune.html.j2",
            uri,
            commune=commune,
            epci=index.ds.epci_by_code.get(commune.epci or ""),
            interco=intercommunalities.of_commune(index.ds, commune),
            arrondissement=index.ds.arrondissement_by_code.get(commune.arrondissement or ""),
            parks=eligibility.parks_of(index.ds, commune),
            partners=partners,
            elsewhere=len(covering) - len(partners),
            partners_index=PARTNERS_INDEX,
            offers_shown=COMMUNE_OFFERS_SHOWN,
            locator=index.maps.locator(commune) if index.maps else None,
            edit=r.edit_links(commune, commune.nom, uri, editable=False),
            offers_by_domain=offers_by_domain(index, commune),
            finder=finder.finder_link(uri, commune=finder.commune_slug(uri)),
        ),
        in_nav=False,
    )


def communes_index(r: Renderer) -> Page:
    index = r.index
    communes_map = None
    if index.maps and index.communes_split:
        views = intercommunalities.views(index.ds)
        communes_map = index.maps.intercommunalities_map(
            lambda code: relative_url(COMMUNES_INDEX, views[code].uri) if code in views else None
        )
    elif index.maps:
        communes_map = index.maps.communes_map(lambda code: relative_url(COMMUNES_INDEX, index.commune_uri[code]))
    return Page(
        COMMUNES_INDEX,
        r.render(
            "communes_index.html.j2",
            COMMUNES_INDEX,
            letters=index.commune_letters,
            communes_map=communes_map,
            split=index.communes_split,
            letter_uri=communes_letter_uri,
        ),
    )


def letter_pages(r: Renderer) -> list[Page]:
    """One page per initial, when the communes are too many for one index page (a region)."""
    if not r.index.communes_split:
        return []
    return r.letter_pages("communes_letter.html.j2", r.index.commune_letters, communes_letter_uri, COMMUNES_INDEX)
