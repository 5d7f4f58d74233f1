"""An offer limited to 500-1,000 inhabitants and communes at its limits, on a copy of
tests/fixtures/valid/: shared by tests/generate/test_eligibility.py (Python decides) and
tests/js/finder_corpus.py (the finder.json the node test reads, tests/js/finder-why-not.test.js).

Allègre and Allègre-bis (43099, added here) differ only by their population: same
intercommunality, arrondissement and park, and no territory names them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from inge43.check.registry import run_checks
from inge43.read.dataset import Dataset

VALID = Path(__file__).resolve().parent / "fixtures" / "valid"
MINIMUM, MAXIMUM = 500, 1000
OFFER = ("guichet-test", "accompagnement-projet")  # the guichet covers the whole département
OFFER_TITLE = "Accompagnement de projet"
# commune code -> (population, why the offer does not apply to it: None when it applies)
ABOVE = {"43003": (MAXIMUM, None), "43099": (MAXIMUM + 1, "population"), "43004": (MINIMUM, None)}
BELOW = ABOVE | {"43099": (MINIMUM - 1, "population-min")}


def limited_dataset(tmp_path: Path, cases: dict[str, tuple[int, str | None]]) -> Dataset:
    """valid/ with the offer limited to 500-1,000 inhabitants, Allègre-bis, and the cases' populations."""
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
        commune["population"] = cases.get(commune["code"], (commune["population"],))[0]
    communes.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    parks = data / "territories.yml"  # Allègre-bis in Allègre's park too
    text = parks.read_text(encoding="utf-8")
    parks.write_text(text.replace('- "43003"  # Allègre', '- "43003"  # Allègre\n      - "43099"'), encoding="utf-8")
    result = run_checks(data)
    assert result.ok, [p.message for p in result.collector.errors]
    return result.dataset
