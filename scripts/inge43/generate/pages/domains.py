"""Domain pages (who to contact at each phase, what to prepare, funding) and the domains' index."""

from __future__ import annotations

from ...read.model import Domain, Phase
from ...read.text import fold, sort_key
from .. import finder, ranking
from ..index import OfferRef, SiteIndex
from ..intercommunalities import HeldCompetence, InterView
from ..urls import DOMAINS_INDEX, domain_pdf, domain_uri, guide_uri, site_file
from .base import Page, Renderer

# A domain page details the first offers of each phase (in the page's order: Ingé 43, then the
# charter's signatories…); the others are listed on one line each, linked to their partner's page,
# and the finder shows them all. At region scale a domain has about 60 offers: all detailed, the
# page weighed 130 KB (issue 11: no page over 100 KB).
DOMAIN_OFFERS_DETAILED_PER_PHASE = 4
# The phase table (« Qui contacter à chaque étape ») has one row per partner, in the page's order:
# at region scale the financing domain had about 50 of them and its page weighed 103 KB. Beyond
# this many rows the table stops and says how many partners follow; their offers stay on the page
# (« Les autres offres ») and in the finder.
DOMAIN_TABLE_PARTNERS = 20
# General funding (offers of the « financement » domain) listed on every other domain page; the
# rest is on the financing domain's page, which the list links to.
GENERAL_FUNDING_SHOWN = 6


def _detailed_offers(refs: list[OfferRef], per_phase: int) -> list[OfferRef]:
    """The offers a domain page details: the first `per_phase` of each phase, in the page's order."""
    chosen: dict[tuple[str, str], OfferRef] = {}
    for phase in Phase:
        for ref in [r for r in refs if phase in r.offer.phases][:per_phase]:
            chosen.setdefault((ref.partner.id, ref.offer.id), ref)
    return list(chosen.values())


def domain_context(r: Renderer, domain: Domain, uri: str) -> dict:
    """Template values for a domain page: the phase table, what to prepare, funding, guides, links."""
    index = r.index
    refs = index.offers_by_domain[domain.id]
    rows = []
    for partner in index.partners:
        offers = [ref.offer for ref in refs if ref.partner is partner]
        if offers:
            rows.append((partner, {phase: [o for o in offers if phase in o.phases] for phase in Phase}))
    own_funding = [ref for ref in refs if ref.offer.nature.funds]
    general_funding = []
    if domain.id != finder.FINANCING_DOMAIN:
        general_funding = [ref for ref in index.offers_by_domain[finder.FINANCING_DOMAIN] if ref not in own_funding]
    financing_page = domain.id != finder.FINANCING_DOMAIN and finder.FINANCING_DOMAIN in index.ds.domain_by_id
    keywords: dict[str, str] = {}
    for word in domain.mots_cles:
        keywords.setdefault(fold(word), word)
    detailed = {(ref.partner.id, ref.offer.id) for ref in _detailed_offers(refs, DOMAIN_OFFERS_DETAILED_PER_PHASE)}
    return {
        "by_phase": index.offers_by_phase(domain),
        "phase_rows": rows[:DOMAIN_TABLE_PARTNERS],
        "phase_rows_more": len(rows[DOMAIN_TABLE_PARTNERS:]),
        "phases_without_offer": [phase for phase in Phase if not any(phase in ref.offer.phases for ref in refs)],
        "offers": refs,
        "detailed": [ref for ref in refs if (ref.partner.id, ref.offer.id) in detailed],
        "others": [ref for ref in refs if (ref.partner.id, ref.offer.id) not in detailed],
        "to_prepare": [ref for ref in refs if ref.offer.a_preparer and (ref.partner.id, ref.offer.id) in detailed],
        "own_funding": own_funding,
        # Cut only when the financing domain has its page, where the rest is listed.
        "general_funding": general_funding[:GENERAL_FUNDING_SHOWN] if financing_page else general_funding,
        "general_funding_more": max(0, len(general_funding) - GENERAL_FUNDING_SHOWN) if financing_page else 0,
        "financing_domain": index.ds.domain_by_id.get(finder.FINANCING_DOMAIN)
        if domain.id != finder.FINANCING_DOMAIN
        else None,
        "related_guides": sorted(
            (g for g in index.ds.guides if domain.id in g.domaines), key=lambda g: sort_key(g.titre)
        ),
        "guide_uri": guide_uri,
        "aides_territoires": finder.aides_territoires_url(domain),
        "aides_keyword": domain.mots_cles[0] if domain.mots_cles else domain.nom,
        "finder": finder.finder_link(uri, project=domain.id),
        # Each project type with who is best placed for it (the finder's ranking rule, generate/ranking.py);
        # a project no offer names has none of its own (the finder then gives the domain's best placed).
        "projects": [
            (
                project,
                _project_leaders(index, domain, project.id),
                finder.finder_link(uri, project=domain.id, project_type=project.id),
            )
            for project in domain.projets_types
        ],
        "keywords": list(keywords.values()),
        # Intercommunalities that a source says hold this domain's competence (nothing guessed).
        "holders": _holders(index, domain),
    }


def _holders(index: SiteIndex, domain: Domain) -> list[tuple[HeldCompetence, list[InterView]]]:
    """Each competence of this domain (its title, who else may hold it, its source) with the
    intercommunalities that hold it: the text and the source are said once, not once per
    intercommunality (40 of them at region scale, the page weighed 118 KB)."""
    groups: dict[tuple[str, str | None, str, str | None], tuple[HeldCompetence, list[InterView]]] = {}
    for view in index.intercommunalities:
        for k in view.competences_for(domain.id):
            groups.setdefault((k.intitule, k.partage, k.source, k.article), (k, []))[1].append(view)
    return list(groups.values())


def _project_leaders(index: SiteIndex, domain: Domain, project_id: str) -> list:
    """The one or two partners whose offers name this project (none when no offer names it)."""
    r = ranking.rank(index.ds, domain, project_id)
    return [] if r.best_for_domain else list({p.id: p for p, _ in r.best}.values())[:2]


def domain_page(r: Renderer, domain: Domain) -> Page:
    uri = domain_uri(domain)
    return Page(
        uri,
        r.render(
            "domain.html.j2",
            uri,
            domain=domain,
            edit=r.edit_links(domain, domain.nom, uri),
            changed=r.changed.get(("domain", domain.id)),
            pdf=site_file(uri, domain_pdf(domain)),
            **domain_context(r, domain, uri),
        ),
    )


def domains_index(r: Renderer) -> Page:
    return Page(DOMAINS_INDEX, r.render("domains_index.html.j2", DOMAINS_INDEX, domains=r.index.domains))


def pages(r: Renderer) -> list[Page]:
    return [domains_index(r), *(domain_page(r, d) for d in r.index.domains)]
