"""Who comes first for a project: the ranking rule, written once.

The finder ships its result to the browser (finder.json, per project type and phase) and the domain
pages call it directly; the browser only drops the offers that do not apply to the chosen commune
and applies `entry_first` to what remains (tests/generate/test_ranking.py compares both).

For a domain D, a project type T of D (or None: the domain as a whole) and a phase:
- an offer *serves* T when it lists T in its `projets_types`; an offer without `projets_types`
  serves its domains as a whole; an offer that lists other project types serves *another project*;
- `best`: offers that serve T, from other partners than the single entry point (Ingé 43), any
  nature (the lighting offer of the energy syndicate is a grant and comes first), except general
  funding: money (a grant or a loan) offered in more than `SPECIFIC_OFFER_DOMAINS` domains (the
  DETR) pays for the project but is not the body that helps with it; outside the financing domain
  it goes with the other funding;
  for the domain as a whole, or for a project that no offer names (`best_for_domain`), the one or
  two partners best placed for the whole domain, with all their offers in the order of the
  domain's project types (the syndicate's lighting offer before its charging stations);
  for the domain as a whole, when no partner does more for it than inform or train, those who do
  it for this domain (offered in at most `SPECIFIC_OFFER_DOMAINS` domains) are the best placed;
- `others`: advice offers that serve the whole domain; `funding`: grants that serve the whole
  domain; `inform`: information and training; `elsewhere`: offers for another project of D;
- the entry point comes first when it has an offer for the project; or for the whole domain, unless
  a specialist's offer names the project and helps otherwise than by a grant (advice, information,
  works, staff); or when no specialist serves it at all; otherwise it is one line « pour être
  orienté » after the specialists. An intercommunality that holds the competence (`holder`) always
  comes before it.
Partners are ordered within a group by whether they give more than loans (a loan must be repaid: a
grant or advice comes first), then by how many of their offers serve the request, then by how much
of their work is about this domain, then by whether they can be reached (phone or e-mail). The entry
point's own offers: those that name the project first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..read.dataset import Dataset
from ..read.model import Domain, Nature, Offer, Partner, Phase
from ..read.search_rules import RULES
from . import eligibility

OfferRef = tuple[Partner, Offer]

# Natures that inform or train rather than carry a project: listed after the help and the money.
INFORM_NATURES = frozenset({Nature.INFORMATION, Nature.FORMATION})
BEST_PARTNERS_FOR_DOMAIN = 2
# The domain of funding itself: there, money is the project (« préparer un dossier DETR »).
FINANCING_DOMAIN = "financement"
# An offer listed under more domains than this is a general service (the search's rule, read/search_rules.json).
SPECIFIC_OFFER_DOMAINS: int = RULES["index"]["specific_offer_domains"]


@dataclass
class Ranking:
    best: list[OfferRef] = field(default_factory=list)
    others: list[OfferRef] = field(default_factory=list)
    funding: list[OfferRef] = field(default_factory=list)
    inform: list[OfferRef] = field(default_factory=list)
    elsewhere: list[OfferRef] = field(default_factory=list)
    entry_offers: list[OfferRef] = field(default_factory=list)
    # The entry point has an offer for this project (or for the whole domain, and no specialist for the project).
    entry_serves: bool = False
    # `best` holds the partners best placed for the whole domain: no offer names the project.
    best_for_domain: bool = False

    def groups(self) -> dict[str, list[OfferRef]]:
        return {
            "best": self.best,
            "others": self.others,
            "funding": self.funding,
            "inform": self.inform,
            "elsewhere": self.elsewhere,
            "entry": self.entry_offers,
        }

    def filtered(self, applies: Callable[[Partner, Offer], bool]) -> Ranking:
        """The same order, without the offers that do not apply (to a commune)."""
        keep = {k: [r for r in v if applies(*r)] for k, v in self.groups().items()}
        return Ranking(
            best=keep["best"],
            others=keep["others"],
            funding=keep["funding"],
            inform=keep["inform"],
            elsewhere=keep["elsewhere"],
            entry_offers=keep["entry"],
            entry_serves=self.entry_serves and bool(keep["entry"]),
            best_for_domain=self.best_for_domain,
        )


def entry_first(entry_serves: bool, best_count: int, holder: bool) -> bool:
    """Ingé 43 opens the answer when it has an offer for the project or no specialist has one;
    an intercommunality holding the competence always comes first."""
    return not holder and (entry_serves or best_count == 0)


def serves(offer: Offer, domain: Domain, project_type: str | None) -> str:
    """`"project"`, `"domain"` (no project type of this domain: the whole domain) or `"other"`."""
    if project_type is None:
        return "domain"
    listed = set(offer.projets_types)
    if project_type in listed:
        return "project"
    if not listed:
        return "domain"
    return "other"


def general_funding(offer: Offer, domain: Domain) -> bool:
    """Money offered for many domains (the DETR): it pays for a project, it does not help carry it."""
    return offer.nature.funds and len(offer.domaines) > SPECIFIC_OFFER_DOMAINS and domain.id != FINANCING_DOMAIN


def _partner_order(refs: list[OfferRef], domain: Domain) -> list[OfferRef]:
    """Offers grouped by partner, partners ordered by the data (see the module docstring)."""
    groups: dict[str, list[OfferRef]] = {}
    for ref in refs:
        groups.setdefault(ref[0].id, []).append(ref)

    def score(item: tuple[int, list[OfferRef]]) -> tuple:
        position, offers = item
        partner = offers[0][0]
        share = sum(1 for o in partner.offres if domain.id in o.domaines) / max(1, len(partner.offres))
        reachable = 1 if partner.contact.telephone or partner.contact.courriel else 0.5
        only_loans = all(o.nature is Nature.PRET for _, o in offers)
        return (only_loans, -len(offers) * share * reachable, position)

    ordered = sorted(enumerate(groups.values()), key=score)
    return [ref for _, offers in ordered for ref in offers]


def rank(dataset: Dataset, domain: Domain, project_type: str | None = None, phase: Phase | None = None) -> Ranking:
    """The offers for a project, in the order the answer gives them (see the module docstring)."""
    partners = eligibility.sort_partners(dataset.partners)
    candidates = [
        (p, o) for p in partners for o in p.offres if domain.id in o.domaines and (phase is None or phase in o.phases)
    ]
    out = Ranking()
    # What each candidate serves, decided once (`serves`).
    level = {id(o): serves(o, domain, project_type) for _, o in candidates}
    # The entry point's offers: those that name the project first, then the more specific (fewer domains:
    # its technical assistance for water before its support for any project); else the data's order.
    out.entry_offers = sorted(
        (r for r in candidates if r[0].guichet_unique),
        key=lambda r: (level[id(r[1])] != "project", len(r[1].domaines)),
    )
    rest = [r for r in candidates if not r[0].guichet_unique]
    # General funding that names the project is funding, not the best placed (see the module docstring).
    paying = [r for r in rest if level[id(r[1])] == "project" and general_funding(r[1], domain)]
    rest = [r for r in rest if r not in paying]
    if project_type is not None:
        out.best = _partner_order([r for r in rest if level[id(r[1])] == "project"], domain)
    # The entry point serves the project with an offer for it, or with an offer for the whole domain
    # unless a specialist helps with this very project otherwise than by a grant (Auvergne Numérique's
    # fibre follow-up comes before Ingé 43's general support for digital projects; the water agency's
    # grant for a sewage plant does not: it pays, and Ingé 43's technical assistance helps carry it).
    entry_levels = {level[id(o)] for _, o in out.entry_offers}
    specialist_helps = any(not o.nature.funds for _, o in out.best)
    out.entry_serves = "project" in entry_levels or ("domain" in entry_levels and not specialist_helps)
    general = [r for r in rest if level[id(r[1])] == "domain"]
    out.elsewhere = [r for r in rest if level[id(r[1])] == "other"]
    out.inform = _partner_order([r for r in general if r[1].nature in INFORM_NATURES], domain)
    general = [r for r in general if r[1].nature not in INFORM_NATURES]
    if project_type is None or not out.best:
        # The domain as a whole, or a project no offer names: the one or two partners best placed
        # for the whole domain, with all their offers (grants included), each partner's offers in
        # the order of the domain's project types. For the domain as a whole, when no partner does
        # more for it than inform, those who inform about this domain alone or nearly (the State's
        # free addressing tool; not a mayors' fair offered for every domain) are the best placed.
        if project_type is None and not general:
            general = [r for r in out.inform if len(r[1].domaines) <= SPECIFIC_OFFER_DOMAINS]
            out.inform = [r for r in out.inform if r not in general]
        leaders = list(dict.fromkeys(p.id for p, _ in _partner_order(general, domain)))[:BEST_PARTNERS_FOR_DOMAIN]
        order = {t.id: i for i, t in enumerate(domain.projets_types)}

        def first_project(ref: OfferRef) -> int:
            return min((order[t] for t in ref[1].projets_types if t in order), default=len(order))

        out.best = [
            ref for leader in leaders for ref in sorted((r for r in general if r[0].id == leader), key=first_project)
        ]
        out.best_for_domain = project_type is not None
        general = [r for r in general if r[0].id not in leaders]
    out.others = _partner_order([r for r in general if not r[1].nature.funds], domain)
    out.funding = _partner_order(paying + [r for r in general if r[1].nature.funds], domain)
    return out


# ---------------------------------------------------------------------------
# « Pourquoi » : one plain sentence from the offer's own text
# ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ0-9»)])[.!?](?=\s+[A-ZÀ-ÖØ-Þ«])")


def why_sentence(offer: Offer) -> str:
    """The offer's `resume`, else the first sentence of its description, else its title."""
    if offer.resume:
        return " ".join(offer.resume.split())
    if offer.description:
        text = " ".join(offer.description.split())
        match = _SENTENCE_END.search(text)
        sentence = text[: match.end()] if match else text
        return sentence if sentence.endswith((".", "!", "?", "»")) else sentence + "."
    return offer.titre + "."
