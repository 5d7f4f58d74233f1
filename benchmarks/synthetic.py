"""Region-scale synthetic data for the benchmarks: communes and partners with distinct texts.

Everything is drawn from fixed seeds and word lists, so two runs produce the same data, and no
two partners, offers or communes share a name or a description (real pages differ in length and
words; copies of the same partners would flatter compression and search). The data only has to
pass `inge43 check`: it is never published and holds no real contact.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from inge43.model import Beneficiary, Category, Cost, Nature, Phase

# Place names: a prefix and two syllables ("Saint-Montalès", "La Vernière-Haute"…).
_PREFIXES = ["", "", "", "Saint-", "Sainte-", "Le ", "La ", "Les ", "Mont", "Val-"]
_ROOTS = ["mont", "ver", "chal", "roch", "bel", "font", "lav", "sau", "pra", "cham", "brio", "ally",
          "mar", "bou", "cour", "vill", "sol", "ta", "pey", "gran", "fay", "cost", "mazer", "lan"]
_ENDINGS = ["ac", "ès", "ière", "ol", "eix", "ange", "on", "y", "ard", "ieu", "ous", "at", "ines", "elle"]
_SUFFIXES = ["", "", "", "", "-Haute", "-sur-Loire", "-d'Allier", "-le-Château", "-en-Velay", "-les-Bois"]

# Partners: an organisation type, a theme and a place.
_KINDS = ["Syndicat intercommunal", "Association", "Agence", "Bureau d'études public", "Coopérative",
          "Conservatoire", "Centre de ressources", "Fédération", "Mission", "Groupement"]
_THEMES = ["de l'eau", "des énergies", "du patrimoine bâti", "des sentiers", "de la forêt", "du bois",
           "de l'habitat rural", "des écoles", "du numérique", "des rivières", "de la voirie", "du tourisme",
           "des commerces de proximité", "de l'agriculture", "de la santé", "du sport", "de la culture"]

# Offers and descriptions: verbs, objects and qualifiers, combined.
_VERBS = ["Conseil pour", "Aide à", "Accompagnement pour", "Étude préalable pour", "Formation à",
          "Assistance pour", "Diagnostic avant", "Financement pour", "Visite conseil avant"]
_OBJECTS = ["la rénovation de la mairie", "l'extension du réseau d'eau", "la création d'un gîte",
            "le réaménagement de la place", "l'éclairage public", "la cantine scolaire", "un atelier relais",
            "la réfection des chemins", "un plan de désherbage", "la gestion des archives", "un terrain multisport",
            "la mise aux normes de la station d'épuration", "un réseau de chaleur bois", "le cimetière",
            "l'accessibilité des bâtiments", "une maison de santé", "la sécurité des traversées du bourg"]
_QUALIFIERS = ["des petites communes", "en zone de montagne", "pour un premier projet", "avec les habitants",
               "sur plusieurs années", "à moindre coût", "en lien avec l'intercommunalité", "en secteur protégé"]
_SENTENCES = [
    "{nom} intervient auprès des communes et de leurs élus, {q}.",
    "Ses équipes se déplacent sur place et rendent un avis écrit.",
    "Elle travaille surtout sur {o}.",
    "Les demandes passent par la mairie, qui précise le calendrier et le budget.",
    "Un premier échange téléphonique permet de vérifier que la demande relève de ses missions.",
    "Les dossiers les plus fréquents portent sur {o2}.",
    "Elle publie chaque année un bilan de ses interventions {q2}.",
    "Son conseil d'administration réunit des élus et des techniciens.",
]


def _place_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names = []
    while len(names) < count:
        root = rng.choice(_ROOTS) + rng.choice(_ROOTS[:12]) + rng.choice(_ENDINGS)
        prefix = rng.choice(_PREFIXES)
        name = prefix + (root if prefix == "Mont" else root.capitalize()) + rng.choice(_SUFFIXES)
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def add_communes(data: Path, total: int, seed: int = 43) -> None:
    """Complete data/communes.yml up to `total` communes with distinct names."""
    rng = random.Random(seed)
    doc = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
    epcis = [e["code"] for e in doc["epci"]]
    arrondissements = [a["code"] for a in doc["arrondissements"]]
    taken = {c["nom"] for c in doc["communes"]}
    for i, name in enumerate(_place_names(rng, total - len(doc["communes"]), taken)):
        doc["communes"].append({
            "code": f"9{i:04d}",
            "nom": name,
            "codes_postaux": [f"{43000 + rng.randrange(990):05d}"],
            "population": int(rng.lognormvariate(5.9, 1.2)),  # median about 365 inhabitants, like Haute-Loire
            "arrondissement": rng.choice(arrondissements),
            "epci": rng.choice(epcis),
        })
    (data / "communes.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_partners(data: Path, total: int, seed: int = 44) -> None:
    """Complete data/partners.yml up to `total` partners, each with its own name, text and offers."""
    rng = random.Random(seed)
    communes = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
    epcis = [e["code"] for e in communes["epci"]]
    arrondissements = [a["code"] for a in communes["arrondissements"]]
    domains = [d["id"] for d in yaml.safe_load((data / "domains.yml").read_text(encoding="utf-8"))["domaines"]]
    doc = yaml.safe_load((data / "partners.yml").read_text(encoding="utf-8"))
    verified = max(dt.date.fromisoformat(str(p["verifie_le"])) for p in doc["partenaires"])
    names = {p["nom"] for p in doc["partenaires"]}
    places = _place_names(rng, total, set())
    titles: set[str] = set()
    for i in range(total - len(doc["partenaires"])):
        while True:
            nom = f"{rng.choice(_KINDS)} {rng.choice(_THEMES)} de {places[i]}"
            if nom not in names:
                names.add(nom)
                break
        fill = {"nom": nom, "q": rng.choice(_QUALIFIERS), "q2": rng.choice(_QUALIFIERS),
                "o": rng.choice(_OBJECTS), "o2": rng.choice(_OBJECTS)}
        sentences = [_SENTENCES[0]] + rng.sample(_SENTENCES[1:], rng.randint(1, 5))
        offers = []
        for j in range(rng.randint(1, 6)):
            titre = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_QUALIFIERS)}"
            if titre in titles:  # about 1,200 combinations for as many offers: name the place then
                titre = f"{titre} ({places[i]}, {j + 1})"
            titles.add(titre)
            offer = {
                "id": f"offre-{j + 1}",
                "titre": titre,
                "description": f"{titre}. " + " ".join(s.format(**fill) for s in rng.sample(_SENTENCES[1:], 2)),
                "domaines": rng.sample(domains, rng.randint(1, 3)),
                "phases": sorted(rng.sample([p.value for p in Phase], rng.randint(1, 3))),
                "nature": rng.choice([n.value for n in Nature]),
                "cout": rng.choice([c.value for c in Cost]),
            }
            limit = rng.choice([None, None, 1000, 2000, 3500, 5000])
            offer["eligibilite"] = {"beneficiaires": sorted(rng.sample([b.value for b in Beneficiary], rng.randint(1, 2)))}
            if limit:
                offer["eligibilite"]["population_max"] = limit
            offers.append(offer)
        doc["partenaires"].append({
            "id": f"synthetique-{i:03d}",
            "nom": nom,
            "categorie": rng.choice([c.value for c in Category if c.value != "departement"]),
            "signataire_charte": False,
            "guichet_unique": False,
            "description": " ".join(s.format(**fill) for s in sentences),
            "territoire": rng.choice(
                ["departement", {"epci": rng.sample(epcis, 2)}, {"arrondissements": [rng.choice(arrondissements)]}]
            ),
            "offres": offers,
            "sources": [f"https://www.example.org/synthetique/{i:03d}"],
            "verifie_le": verified.isoformat(),
        })
    (data / "partners.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
