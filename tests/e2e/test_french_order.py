"""Lists of the built site in French order: « É » with « E », accents and capitals do not move a
name to the end (read.text.sort_key). Expected orders are written by hand from the data."""

from __future__ import annotations

import csv
import html
import json
import re


def _before(names: list[str], *expected: str) -> None:
    positions = [names.index(name) for name in expected]
    assert positions == sorted(positions), f"ordre attendu : {expected} ; ordre obtenu : {names}"


def test_home_page_lists_the_domains_in_french_order(real_site):
    page = (real_site / "index.html").read_text(encoding="utf-8")
    block = page[page.index('class="i43-domain-list"') :]
    block = block[: block.index("</ul>")]
    names = [html.unescape(n) for n in re.findall(r"<li><a [^>]*>([^<]*)</a>", block)]
    _before(names, "Eau et assainissement", "Énergie et éclairage public", "Environnement")
    _before(names, "Environnement", "Équipements sportifs et de loisirs", "Financement des projets")
    _before(
        names, "Défense contre l'incendie (points d'eau)", "Eau et assainissement", "École, cantine et périscolaire"
    )
    _before(names, "Urbanisme et PLU", "Voies vertes et itinéraires cyclables", "Voirie et routes communales")
    assert names[-1] == "Voirie et routes communales"


def test_open_data_and_finder_follow_the_same_order(real_site):
    with (real_site / "donnees" / "partenaires.csv").open(encoding="utf-8", newline="") as f:
        partners = [row["nom"] for row in csv.DictReader(f)]
    # Neither signatories of the charter nor the entry point: after them, by name.
    _before(
        partners,
        "Conservatoire d'espaces naturels d'Auvergne",
        "Établissement public foncier d'Auvergne",
        "Gîtes de France Haute-Loire",
        "Service départemental d'incendie et de secours de la Haute-Loire",
    )
    finder = json.loads((real_site / "trouver" / "finder.json").read_text(encoding="utf-8"))
    domains = [d["nom"] for d in finder["domaines"]]
    _before(domains, "Eau et assainissement", "Énergie et éclairage public", "Environnement")
    name = finder["champsCommunes"].index("nom")  # communes are rows of values
    communes = [c[name] for c in finder["communes"]]
    # Code-point order puts « Allègre » after « Ally », « Saint-Étienne… » after « Saint-Vincent ».
    _before(communes, "Allègre", "Alleyrac", "Ally")
    _before(communes, "Saint-Didier-sur-Doulon", "Saint-Étienne-du-Vigan", "Saint-Ferréol-d'Auroure")
