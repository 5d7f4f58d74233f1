"""The site index: the data arranged once per build, in display order, for every page family,
the PDFs and the macros. It renders nothing and knows nothing of addresses' settings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from ..read.dataset import Dataset
from ..read.model import Arrondissement, Commune, Domain, Guide, Offer, Partner, Phase, Step
from ..read.text import slugify, sort_key
from . import eligibility, intercommunalities
from .finder import applicable_offers, fallback_contact
from .maps import MapMaker
from .urls import commune_uris

_T = TypeVar("_T")

# Above this many communes (a region: 4,000), the communes index no longer lists and maps every
# commune on one page (it weighed 1.2 MB): its map draws the intercommunalities, each linked to
# its page (which maps and lists its communes), and the A–Z list is split into one page per
# initial. Haute-Loire's 257 communes stay on one page, with the map of every commune.
COMMUNES_INDEX_SPLIT_ABOVE = 600


@dataclass(frozen=True)
class TerritoryPartners:
    """Partners covering the whole of an intercommunality (`arrondissement` None), or the whole of
    its part in one arrondissement."""

    arrondissement: Arrondissement | None
    partners: list[Partner]


@dataclass(frozen=True)
class OfferRef:
    partner: Partner
    offer: Offer


@dataclass(frozen=True)
class AppliedOffers:
    """The offers of one domain that apply to a commune."""

    domain: Domain
    count: int
    territorial: list[OfferRef]  # those of partners that do not cover the whole département


def by_initial(items: Iterable[_T], name: Callable[[_T], str]) -> dict[str, list[_T]]:
    """Items in A–Z order of their name, grouped by initial; a name without letters goes with the digits."""
    groups: dict[str, list[_T]] = defaultdict(list)
    for item in sorted(items, key=lambda i: sort_key(name(i))):
        groups[(slugify(name(item)) or "0")[0].upper()].append(item)
    return dict(groups)


class SiteIndex:
    """Ordered partners, offers by domain and phase, intercommunality views, guides: computed once."""

    def __init__(self, dataset: Dataset) -> None:
        self.ds = dataset
        self.partners = eligibility.sort_partners(dataset.partners)
        self.entry_point = next((p for p in self.partners if p.guichet_unique), None)
        # Who to call where a value is missing: Ingé 43 and its phone, as the finder says it.
        self.fallback = fallback_contact(dataset)
        self.commune_uri = commune_uris(dataset)
        self.maps = MapMaker(dataset, dataset.contours) if dataset.contours else None  # None: no outlines, no map
        self.offers_by_domain: dict[str, list[OfferRef]] = defaultdict(list)
        for partner in self.partners:
            for offer in partner.offres:
                for domain_id in offer.domaines:
                    self.offers_by_domain[domain_id].append(OfferRef(partner, offer))
        self.offers: dict[tuple[str, str], Offer] = {(p.id, o.id): o for p in dataset.partners for o in p.offres}
        self.domains: list[Domain] = sorted(dataset.domains, key=lambda d: sort_key(d.nom))
        self.guides: list[Guide] = sorted(dataset.guides, key=lambda g: (g.id != "projet-communal", sort_key(g.titre)))
        self.communes: list[Commune] = sorted(dataset.communes, key=lambda c: sort_key(c.nom))
        self.intercommunalities: list[intercommunalities.InterView] = sorted(
            intercommunalities.views(dataset).values(), key=lambda v: sort_key(v.epci.nom)
        )
        self._offers_by_profile: dict[frozenset[tuple[str, str]], list[AppliedOffers]] = {}
        charter = dataset.charter
        self.signatories: list[Partner] = eligibility.sort_partners(
            [dataset.partner_by_id[p] for p in charter.signataires if p in dataset.partner_by_id] if charter else []
        )

    def offers_by_phase(self, domain: Domain) -> dict[Phase, list[OfferRef]]:
        """A domain's offers for each phase, in display order (web page and PDF sheet)."""
        refs = self.offers_by_domain[domain.id]
        return {phase: [r for r in refs if phase in r.offer.phases] for phase in Phase}

    def commune_offers(self, commune: Commune) -> list[AppliedOffers]:
        """The offers that apply to the commune (`finder.applicable_offers`), by domain in display
        order, domains without any left out. Computed once per profile: communes alike share it."""
        applies = applicable_offers(self.ds).get(commune.code, frozenset())
        if applies not in self._offers_by_profile:
            self._offers_by_profile[applies] = [
                AppliedOffers(domain, len(refs), [r for r in refs if not r.partner.territoire.departement])
                for domain in self.domains
                if (refs := [r for r in self.offers_by_domain[domain.id] if (r.partner.id, r.offer.id) in applies])
            ]
        return self._offers_by_profile[applies]

    def guide_steps(self, guide: Guide) -> list[tuple[Phase, list[tuple[int, Step]]]]:
        """Steps grouped by phase, numbered through the whole guide, phases in project order."""
        numbered = list(enumerate(sorted(guide.etapes, key=lambda s: list(Phase).index(s.phase)), start=1))
        return [
            (phase, [(n, s) for n, s in numbered if s.phase is phase])
            for phase in Phase
            if any(s.phase is phase for _, s in numbered)
        ]

    def cited_partners(self, guides: Iterable[Guide]) -> list[Partner]:
        """The partners a set of guides names, with the entry point, in display order."""
        ids = {who.partenaire for guide in guides for step in guide.etapes for who in step.intervenants}
        if self.entry_point:
            ids.add(self.entry_point.id)
        return eligibility.sort_partners([self.ds.partner_by_id[i] for i in ids if i in self.ds.partner_by_id])

    @cached_property
    def territory_partners(self) -> dict[str, list[TerritoryPartners]]:
        """EPCI code -> the partners that cover its whole territory, then, for an intercommunality
        spread over several arrondissements, those that cover the whole of its part in one of them;
        none covers the whole département. Display order.

        They are listed once, on the intercommunality's page, and counted on each member commune's
        page: at region scale (40 intercommunalities, 400 partners) each commune page repeated
        about 45 of them, and 4,000 pages weighed 290 MB."""
        wider = [p for p in self.partners if not p.territoire.departement]
        out: dict[str, list[TerritoryPartners]] = {}
        for view in self.intercommunalities:
            if not view.members:
                continue
            whole = [p for p in wider if all(eligibility.covers(self.ds, p.territoire, c) for c in view.members)]
            groups = [TerritoryPartners(None, whole)]
            parts: dict[str, list[Commune]] = defaultdict(list)
            for commune in view.members:
                parts[commune.arrondissement or ""].append(commune)
            if len(parts) > 1:
                for code in sorted(parts):
                    arrondissement = self.ds.arrondissement_by_code.get(code)
                    if arrondissement is None:
                        continue
                    covering = [
                        p
                        for p in wider
                        if p not in whole and all(eligibility.covers(self.ds, p.territoire, c) for c in parts[code])
                    ]
                    if covering:
                        groups.append(TerritoryPartners(arrondissement, covering))
            out[view.epci.code] = groups
        return out

    def shared_partners(self, commune: Commune) -> list[Partner]:
        """The partners listed for `commune` on its intercommunality's page (see territory_partners)."""
        return [
            p
            for group in self.territory_partners.get(commune.epci or "", [])
            if group.arrondissement is None or group.arrondissement.code == commune.arrondissement
            for p in group.partners
        ]

    @cached_property
    def commune_letters(self) -> dict[str, list[Commune]]:
        """Communes by initial (A–Z order); a name without letters goes with the digits."""
        return by_initial(self.ds.communes, lambda c: c.nom)

    @property
    def communes_split(self) -> bool:
        """Whether the communes index links to one page per initial instead of listing every commune."""
        return len(self.ds.communes) > COMMUNES_INDEX_SPLIT_ABOVE
