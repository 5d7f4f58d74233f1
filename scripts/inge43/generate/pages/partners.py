"""Partner pages and the partners' index."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ...read.model import Category, Offer, Partner, Phase
from .. import exports
from ..index import SiteIndex
from ..urls import PARTNERS_INDEX, partner_pdf, partner_uri, site_file
from .base import Page, Renderer, territory_map


def partner_map(index: SiteIndex, partner: Partner, uri: str | None) -> Markup:
    """The territory a partner covers (parks: named communes and communes « à confirmer »), for its
    page (`uri`: communes linked) and its PDF sheet (`uri` None)."""
    if not index.maps or (sets := index.maps.territory_of(partner.territoire)) is None:
        return Markup("")
    named, doubtful = sets
    legend = ("Communes nommées par les sources", "Communes à confirmer") if partner.territoire.pnr else None
    return territory_map(
        index, uri, named, doubtful, label=f"Carte du territoire couvert par {partner.nom}", legend=legend
    )


def offer_grid(partner: Partner) -> dict[str, dict[Phase, list[Offer]]]:
    """A partner's offers as a domain x phase grid; an offer shows in every cell it belongs to."""
    grid: dict[str, dict[Phase, list[Offer]]] = {}
    for offer in partner.offres:
        for domain_id in offer.domaines:
            row = grid.setdefault(domain_id, {phase: [] for phase in Phase})
            for phase in offer.phases:
                row[phase].append(offer)
    return grid


def partner_page(r: Renderer, partner: Partner) -> Page:
    uri = partner_uri(partner)
    return Page(
        uri,
        r.render(
            "partner.html.j2",
            uri,
            partner=partner,
            grid=offer_grid(partner),
            territory_svg=partner_map(r.index, partner, uri),
            vcard=site_file(uri, f"donnees/vcard/{partner.id}.vcf"),
            pdf=site_file(uri, partner_pdf(partner)),
            changed=r.changed.get(("partner", partner.id)),
            edit=r.edit_links(partner, partner.nom, uri),
        ),
        # Out of the navigation, like communes: MkDocs repeats the whole navigation in every
        # page, so a page would grow with each partner. The partners' index lists them all.
        in_nav=False,
        meta={"jsonld": exports.json_ld(partner)},
    )


def partners_index(r: Renderer) -> Page:
    groups = []
    partners = r.index.partners
    for title, members in (
        ("Signataires de la charte Ingé 43", [p for p in partners if p.signataire_charte]),
        ("Autres partenaires", [p for p in partners if not p.signataire_charte]),
    ):
        by_category = defaultdict(list)
        for partner in members:
            by_category[partner.categorie].append(partner)
        groups.append((title, [(c, by_category[c]) for c in Category if by_category[c]]))
    return Page(PARTNERS_INDEX, r.render("partners_index.html.j2", PARTNERS_INDEX, groups=groups))


def pages(r: Renderer) -> list[Page]:
    return [partners_index(r), *(partner_page(r, p) for p in r.index.partners)]
