"""Which partners and offers cover which commune: the one place that reads territories."""

from __future__ import annotations

from dataclasses import dataclass

from ..read.dataset import Dataset, once_per_dataset
from ..read.model import Commune, Offer, Park, Partner, Territory
from ..read.text import sort_key


@dataclass(frozen=True)
class ParkMembership:
    park: Park
    confirmed: bool  # False when the source lists the commune as "à confirmer"


def parks_of(dataset: Dataset, commune: Commune) -> list[ParkMembership]:
    out = []
    for park in dataset.parks:
        if commune.code in park.communes:
            out.append(ParkMembership(park, True))
        elif commune.code in park.communes_a_confirmer:
            out.append(ParkMembership(park, False))
    return out


def covers(dataset: Dataset, territory: Territory, commune: Commune) -> bool:
    """True when the territory includes the commune (a park counts only for confirmed members)."""
    if territory.departement:
        return True
    if commune.code in territory.communes:
        return True
    if commune.epci and commune.epci in territory.epci:
        return True
    if commune.arrondissement and commune.arrondissement in territory.arrondissements:
        return True
    for park_id in territory.pnr:
        park = dataset.park_by_id.get(park_id)
        if park and commune.code in park.communes:
            return True
    return False


def covered_codes(dataset: Dataset, territory: Territory) -> set[str]:
    """The codes of the dataset's communes the territory includes: `covers` for every commune at once."""
    if territory.departement:
        return set(dataset.commune_by_code)
    codes = set(territory.communes)
    for epci in territory.epci:
        codes.update(c.code for c in dataset.communes_by_epci.get(epci, []))
    for arrondissement in territory.arrondissements:
        codes.update(c.code for c in dataset.communes_by_arrondissement.get(arrondissement, []))
    for park_id in territory.pnr:
        park = dataset.park_by_id.get(park_id)
        if park:
            codes.update(park.communes)
    return codes


@dataclass(frozen=True)
class Coverage:
    """Who covers which commune, in display order."""

    everywhere: list[Partner]  # the partners of the whole département
    local: dict[str, list[Partner]]  # commune code -> the other partners that cover it


@once_per_dataset
def coverage(dataset: Dataset) -> Coverage:
    """Computed once per dataset: a region's 4,000 communes and 400 partners made 1.6 million
    `covers` calls for each use."""
    out = Coverage([], {c.code: [] for c in dataset.communes})
    for partner in sort_partners(dataset.partners):
        if partner.territoire.departement:
            out.everywhere.append(partner)
            continue
        for code in covered_codes(dataset, partner.territoire):
            if code in out.local:
                out.local[code].append(partner)
    return out


def local_partners(dataset: Dataset, commune: Commune) -> list[Partner]:
    """The partners that cover the commune (`covers`) without covering the whole département, in display order."""
    return list(coverage(dataset).local.get(commune.code, []))


def partners_for(dataset: Dataset, commune: Commune) -> list[Partner]:
    """The partners that cover the commune (`covers`), in display order."""
    found = coverage(dataset)
    return sort_partners(found.everywhere + found.local.get(commune.code, []))


# Why an offer does not apply to a commune (shipped to the finder, which words the reason).
EXCLUDED_BY_PARTNER = "partenaire"  # the partner does not cover the commune
EXCLUDED_BY_POPULATION = "population"  # the commune has more inhabitants than the offer allows
EXCLUDED_BY_SMALL_POPULATION = "population-min"  # the commune has fewer inhabitants than the offer requires
EXCLUDED_BY_TERRITORY = "territoire"  # the offer is limited to a territory without the commune


def exclusion(dataset: Dataset, partner: Partner, offer: Offer, commune: Commune) -> str | None:
    """Why the offer does not apply to the commune (one of the EXCLUDED_BY_* codes), None when it applies."""
    if not covers(dataset, partner.territoire, commune):
        return EXCLUDED_BY_PARTNER
    rules = offer.eligibilite
    if rules is None:
        return None
    if (
        rules.population_max is not None
        and commune.population is not None
        and commune.population > rules.population_max
    ):
        return EXCLUDED_BY_POPULATION
    if (
        rules.population_min is not None
        and commune.population is not None
        and commune.population < rules.population_min
    ):
        return EXCLUDED_BY_SMALL_POPULATION
    if rules.territoire is not None and not covers(dataset, rules.territoire, commune):
        return EXCLUDED_BY_TERRITORY
    return None


def offer_applies(dataset: Dataset, partner: Partner, offer: Offer, commune: Commune) -> bool:
    """The offer's partner covers the commune and the commune meets the offer's own conditions."""
    return exclusion(dataset, partner, offer, commune) is None


def sort_partners(partners: list[Partner]) -> list[Partner]:
    """The single entry point first, then charter signatories, then the others, by name."""
    return sorted(partners, key=lambda p: (not p.guichet_unique, not p.signataire_charte, sort_key(p.nom)))
