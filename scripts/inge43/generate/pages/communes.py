"""Commune pages, the communes' index and (for a region) its pages by initial."""

from __future__ import annotations

from dataclasses import dataclass

from ...read.model import Arrondissement, Commune, Domain, Partner
from .. import eligibility, finder, intercommunalities
from ..index import OfferRef, SiteIndex
from ..maps import LOCATOR_LAND
from ..urls import COMMUNES_INDEX, PARTNERS_INDEX, communes_letter_uri, relative_url, site_file
from .base import Page, Renderer

COMMUNE_OFFERS_SHOWN = 5  # offers listed per domain on a commune page; the finder lists them all


@dataclass(frozen=True)
class DomainOffers:
    """What a commune can ask for in one domain. Offers of the partners its page lists (those of
    its own territory: a park, a list of communes…) are listed; the others are only counted: those
    of partners covering the whole département or its whole intercommunality are the same for
    every commune there, and the finder and the domain's page list them. A commune page thus grows
    with its own territory, not with the number of partners."""

    domain: Domain
    local: list[OfferRef]
    others: int  # offers of the other partners that apply to this commune


def offers_by_domain(index: SiteIndex, commune: Commune, listed: set[str]) -> list[DomainOffers]:
    """The offers a commune is eligible for (`eligibility.offer_applies`, via the finder's profiles),
    by domain; `listed`: the ids of the partners whose offers the page lists."""
    out = []
    for applied in index.commune_offers(commune):
        local = [r for r in applied.territorial if r.partner.id in listed]
        out.append(DomainOffers(applied.domain, local, applied.count - len(local)))
    return out


@dataclass(frozen=True)
class CommunePartners:
    """Who can help a commune, as its page shows them: cards for Ingé 43, the charter's signatories
    and the partners of the commune's own part of its territory (a park, a list of communes…); the
    partners of its whole intercommunality, or of the intercommunality's part in its arrondissement
    (listed on that intercommunality's page), and of the whole département (the partners' index) counted."""

    cards: list[Partner]
    interco: int
    departement: int
    arrondissement: Arrondissement | None = None  # set when some of them cover only its part of the intercommunality


def _always_shown(partner: Partner) -> bool:
    """The single entry point and the charter's signatories have a card on every commune page."""
    return partner.guichet_unique or partner.signataire_charte


def commune_partners(index: SiteIndex, commune: Commune) -> CommunePartners:
    found = eligibility.coverage(index.ds)
    shared = {p.id for p in index.shared_partners(commune)}  # never one of the whole département
    everywhere = [p for p in found.everywhere if _always_shown(p)]
    local = found.local.get(commune.code, [])
    cards = eligibility.sort_partners(everywhere + [p for p in local if _always_shown(p) or p.id not in shared])
    interco = sum(1 for p in local if p.id in shared and not _always_shown(p))
    part = next(
        (
            g.arrondissement
            for g in index.territory_partners.get(commune.epci or "", [])
            if g.arrondissement and g.arrondissement.code == commune.arrondissement
        ),
        None,
    )
    return CommunePartners(cards, interco, len(found.everywhere) - len(everywhere), part)


def commune_page(r: Renderer, commune: Commune) -> Page:
    index = r.index
    uri = index.commune_uri[commune.code]
    interco = intercommunalities.of_commune(index.ds, commune)
    partners = commune_partners(index, commune)
    return Page(
        uri,
        r.render(
            "commune.html.j2",
            uri,
            commune=commune,
            epci=index.ds.epci_by_code.get(commune.epci or ""),
            interco=interco,
            # The law's article is cited once under the list, not under each competence it gives.
            interco_law=next((k for k in interco.competences if k.by_law and k.domaines), None) if interco else None,
            arrondissement=index.ds.arrondissement_by_code.get(commune.arrondissement or ""),
            parks=eligibility.parks_of(index.ds, commune),
            partners=partners,
            partners_index=PARTNERS_INDEX,
            offers_shown=COMMUNE_OFFERS_SHOWN,
            locator=index.maps.locator(commune, site_file(uri, LOCATOR_LAND)) if index.maps else None,
            edit=r.edit_links(commune, commune.nom, uri, editable=False),
            offers_by_domain=offers_by_domain(index, commune, {p.id for p in partners.cards}),
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
