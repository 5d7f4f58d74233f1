"""Population limits of an offer (`population_min`, `population_max`) at their boundary, and the
reason the finder is given when an offer does not apply to a commune.

A commune with exactly the limit's number of inhabitants is eligible (« jusqu'à 1 000 habitants »,
« à partir de 500 habitants »); one inhabitant more than the maximum, or less than the minimum,
and it is not, with the reason that says which limit. Populations and reasons are written by
hand in tests/population_limits.py; the finder's wording of each reason is tested by node
(tests/js/finder-why-not.test.js).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inge43.check.registry import run_checks
from inge43.generate import eligibility
from inge43.generate.finder import COMMUNE_FIELDS, finder_data
from inge43.read.model import Territory
from population_limits import ABOVE, BELOW, OFFER, OFFER_TITLE, limited_dataset

ROOT = Path(__file__).resolve().parents[2]

CASES = pytest.mark.parametrize("cases", [ABOVE, BELOW], ids=["au-dessus-du-maximum", "sous-le-minimum"])


@CASES
def test_a_commune_at_the_limit_is_eligible_one_inhabitant_beyond_is_not(tmp_path, cases):
    ds = limited_dataset(tmp_path, cases)
    partner = next(p for p in ds.partners if p.id == OFFER[0])
    offer = next(o for o in partner.offres if o.id == OFFER[1])
    for code, (population, reason) in cases.items():
        commune = next(c for c in ds.communes if c.code == code)
        assert commune.population == population
        assert eligibility.exclusion(ds, partner, offer, commune) == reason, (commune.nom, population)
        assert eligibility.offer_applies(ds, partner, offer, commune) == (reason is None)


@CASES
def test_the_finder_gets_each_communes_own_reason(tmp_path, cases):
    """finder.json: each commune's profile holds the offer when it applies, and its reason letter
    says which limit excludes it (read back through the JSON's own letter table)."""
    ds = limited_dataset(tmp_path, cases)
    data = finder_data(ds)
    index = next(
        i
        for i, o in enumerate(data["offres"])
        if data["partenaires"][o["p"]]["id"] == OFFER[0] and o["titre"] == OFFER_TITLE
    )
    name, profile = COMMUNE_FIELDS.index("nom"), COMMUNE_FIELDS.index("profil")
    rows = {c.code: next(row for row in data["communes"] if row[name] == c.nom) for c in ds.communes}
    for code, (population, reason) in cases.items():
        letters = data["motifs"][rows[code][profile]]
        shown = data["lettresMotifs"].get(letters[index])  # None: « . », the offer applies
        assert shown == reason, (code, population, letters)
        assert _applies(data["profils"][rows[code][profile]], index) == (reason is None), (code, population)


def _applies(runs: list[int], index: int) -> bool:
    """Run lengths over the offers, starting with a run that does not apply (finder.js reads them so)."""
    position, applies = 0, False
    for length in runs:
        if index < position + length:
            return applies
        position, applies = position + length, not applies
    raise AssertionError(f"offre {index} hors des plages {runs}")


def test_each_commune_gets_the_partners_whose_territory_covers_it_in_display_order():
    """`partners_for` reads a table computed once (`coverage`); `covers`, asked for each pair of a
    partner and a commune of the real data, is the reference. The data holds every kind of territory
    but a list of communes (tested below)."""
    ds = run_checks(ROOT / "data").dataset
    territories = [p.territoire for p in ds.partners]
    assert all(any(getattr(t, kind) for t in territories) for kind in ("departement", "epci", "arrondissements", "pnr"))
    order = eligibility.sort_partners(ds.partners)
    for commune in ds.communes:
        expected = [p.id for p in order if eligibility.covers(ds, p.territoire, commune)]
        assert [p.id for p in eligibility.partners_for(ds, commune)] == expected, commune.nom


def test_the_communes_a_territory_covers_are_those_covers_accepts():
    """One territory of each kind, and one mixing them, against `covers` for every commune."""
    ds = run_checks(ROOT / "data").dataset
    first = ds.communes[0]
    park = next(p for p in ds.parks if p.communes_a_confirmer)  # members to confirm are not covered
    territories = [
        Territory(epci=[first.epci or ""]),
        Territory(arrondissements=[first.arrondissement or ""]),
        Territory(pnr=[park.id]),
        Territory(communes=[ds.communes[-1].code]),
        Territory(epci=[ds.communes[-1].epci or ""], pnr=[park.id], communes=[first.code]),
        Territory(departement=True),
    ]
    for territory in territories:
        expected = {c.code for c in ds.communes if eligibility.covers(ds, territory, c)}
        assert eligibility.covered_codes(ds, territory) & {c.code for c in ds.communes} == expected, territory
