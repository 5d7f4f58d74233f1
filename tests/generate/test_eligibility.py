"""Population limits of an offer (`population_min`, `population_max`) at their boundary, and the
reason the finder is given when an offer does not apply to a commune.

A commune with exactly the limit's number of inhabitants is eligible (« jusqu'à 1 000 habitants »,
« à partir de 500 habitants »); one inhabitant more than the maximum, or less than the minimum,
and it is not, with the reason that says which limit. Populations and reasons are written by
hand here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from inge43.check.registry import run_checks
from inge43.generate import eligibility
from inge43.generate.finder import COMMUNE_FIELDS, finder_data

VALID = Path(__file__).parents[1] / "fixtures" / "valid"
MINIMUM, MAXIMUM = 500, 1000
OFFER = ("guichet-test", "accompagnement-projet")  # the guichet covers the whole département
# Allègre and Allègre-bis (43099, added below) differ only by their population: same
# intercommunality, arrondissement and park, and no territory names them.
CASES = {
    "43003": (MAXIMUM, None),
    "43099": (MAXIMUM + 1, "population"),
    "43004": (MINIMUM, None),
}
BELOW_MINIMUM = {"43099": (MINIMUM - 1, "population-min")}


def _dataset(tmp_path: Path, populations: dict[str, int]):
    """valid/ with the offer limited to 500-1,000 inhabitants, a commune 43099 in Allègre's
    intercommunality, and the given populations."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    partners = data / "partners.yml"
    text = partners.read_text(encoding="utf-8")
    limited = text.replace("population_max: 1000", f"population_min: {MINIMUM}\n          population_max: {MAXIMUM}")
    assert limited != text
    partners.write_text(limited, encoding="utf-8")
    communes = data / "communes.yml"
    doc = yaml.safe_load(communes.read_text(encoding="utf-8"))
    allegre = next(c for c in doc["communes"] if c["code"] == "43003")
    doc["communes"].append({**allegre, "code": "43099", "nom": "Allègre-bis", "codes_postaux": ["43270"]})
    for commune in doc["communes"]:
        commune["population"] = populations.get(commune["code"], commune["population"])
    communes.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    parks = data / "territories.yml"  # in Allègre's park too
    text = parks.read_text(encoding="utf-8")
    parks.write_text(text.replace('- "43003"  # Allègre', '- "43003"  # Allègre\n      - "43099"'), encoding="utf-8")
    result = run_checks(data)
    assert result.ok, [p.message for p in result.collector.errors]
    return result.dataset


@pytest.mark.parametrize("cases", [CASES, CASES | BELOW_MINIMUM], ids=["au-dessus-du-maximum", "sous-le-minimum"])
def test_a_commune_at_the_limit_is_eligible_one_inhabitant_beyond_is_not(tmp_path, cases):
    ds = _dataset(tmp_path, {code: population for code, (population, _) in cases.items()})
    partner = next(p for p in ds.partners if p.id == OFFER[0])
    offer = next(o for o in partner.offres if o.id == OFFER[1])
    for code, (population, reason) in cases.items():
        commune = next(c for c in ds.communes if c.code == code)
        assert commune.population == population
        assert eligibility.exclusion(ds, partner, offer, commune) == reason, (commune.nom, population)
        assert eligibility.offer_applies(ds, partner, offer, commune) == (reason is None)


@pytest.mark.parametrize("cases", [CASES, CASES | BELOW_MINIMUM], ids=["au-dessus-du-maximum", "sous-le-minimum"])
def test_the_finder_gets_each_communes_own_reason(tmp_path, cases):
    """finder.json: each commune's profile holds the offer when it applies, and its reason letter
    says which limit excludes it (read back through the JSON's own letter table)."""
    ds = _dataset(tmp_path, {code: population for code, (population, _) in cases.items()})
    data = finder_data(ds)
    index = next(
        i
        for i, o in enumerate(data["offres"])
        if data["partenaires"][o["p"]]["id"] == OFFER[0] and o["titre"] == "Accompagnement de projet"
    )
    name = COMMUNE_FIELDS.index("nom")
    rows = {c.code: next(row for row in data["communes"] if row[name] == c.nom) for c in ds.communes}
    profile = COMMUNE_FIELDS.index("profil")
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
