"""A region-scale copy of the data for benchmarks: 4,000 communes, 40 intercommunalities, 400 partners.

Every generated record has its own text (names, descriptions, missions, offers composed from word
lists with a fixed seed), so that sizes and times are those of distinct pages, not of copies.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from pathlib import Path

import yaml

SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo".split()
NOUNS = (
    "accompagnement conseil étude diagnostic animation expertise appui financement formation information "
    "programme dispositif service réseau plateforme observatoire atelier visite permanence guichet"
).split()
TOPICS = (
    "des bourgs|de la voirie communale|de l'eau potable|de l'assainissement|des bâtiments publics|"
    "de l'urbanisme|du tourisme rural|des espaces naturels|de l'énergie|du numérique|des écoles|"
    "de la forêt communale|des cimetières|de la mobilité|des commerces de proximité|du patrimoine"
).split("|")
PLACES = "du Velay|de l'Yssingelais|du Brivadois|du Mézenc|de la Margeride|du Haut-Allier|des Sucs|du Meygal".split("|")
KINDS = ["Agence", "Syndicat", "Association", "Maison", "Office", "Conservatoire", "Fédération", "Centre"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def _sentence(rng: random.Random, subject: str) -> str:
    return (
        f"{subject} propose {rng.choice(NOUNS)} et {rng.choice(NOUNS)} au service {rng.choice(TOPICS)}, "
        f"pour les communes {rng.choice(PLACES)} et leurs groupements ; {rng.choice(NOUNS)} sur demande, "
        f"{rng.choice(NOUNS)} {rng.choice(TOPICS)} et {rng.choice(NOUNS)} {rng.choice(TOPICS)}."
    )


def _write(path: Path, doc: dict) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _add_outlines(path: Path, communes: list[dict], rng: random.Random) -> None:
    """Every commune needs an outline (rule contours-communes): synthetic ones get a small
    twelve-sided outline each, on a grid over the map, as many points as a simplified real one."""
    if not path.exists():
        return
    doc = json.loads(path.read_text(encoding="utf-8"))
    side = math.ceil(math.sqrt(len(communes)))
    step_x, step_y = doc["largeur"] / side, doc["hauteur"] / side
    for i, commune in enumerate(communes):
        cx, cy = (i % side + 0.5) * step_x, (i // side + 0.5) * step_y
        ring = []
        for k in range(12):
            angle, radius = 2 * math.pi * k / 12, min(step_x, step_y) * rng.uniform(0.35, 0.5)
            ring += [round(cx + radius * math.cos(angle)), round(cy + radius * math.sin(angle))]
        doc["communes"].append({"code": commune["code"], "nom": commune["nom"], "anneaux": [ring]})
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def make_region_data(src: Path, dst: Path, communes: int = 4000, epcis: int = 40, partners: int = 400) -> str:
    """Copy `src` into `dst` and grow it to region scale. Returns a short French summary."""
    rng = random.Random(43)
    shutil.copytree(src, dst)
    doc = yaml.safe_load((dst / "communes.yml").read_text(encoding="utf-8"))
    arrondissements = [a["code"] for a in doc["arrondissements"]]
    for i in range(epcis - len(doc["epci"])):
        doc["epci"].append({"code": f"2{i:08d}", "nom": f"CC {_word(rng, 3)} {rng.choice(PLACES)}", "type": "CC"})
    epci_codes = [e["code"] for e in doc["epci"]]
    names = {c["nom"] for c in doc["communes"]}
    for i in range(communes - len(doc["communes"])):
        name = f"{_word(rng, rng.randint(2, 4))}-{rng.choice(['le', 'sur', 'en'])}-{_word(rng, 2)}"
        while name in names:
            name += f"-{_word(rng, 1)}"
        names.add(name)
        doc["communes"].append({
            "code": f"9{i:04d}",
            "nom": name,
            "codes_postaux": [f"{43000 + (i % 990):05d}"],
            "population": int(rng.lognormvariate(5.9, 1.2)),  # median about 365 inhabitants
            "arrondissement": rng.choice(arrondissements),
            "epci": rng.choice(epci_codes),
        })
    _write(dst / "communes.yml", doc)
    _add_outlines(dst / "contours.json", [c for c in doc["communes"] if c["code"].startswith("9")], rng)

    domains = [d["id"] for d in yaml.safe_load((dst / "domains.yml").read_text(encoding="utf-8"))["domaines"]]
    partners_doc = yaml.safe_load((dst / "partners.yml").read_text(encoding="utf-8"))
    template = next(p for p in partners_doc["partenaires"] if not p.get("guichet_unique"))
    for i in range(partners - len(partners_doc["partenaires"])):
        name = f"{rng.choice(KINDS)} {rng.choice(TOPICS)} {_word(rng, 3)} {rng.choice(PLACES)}"
        offers = []
        for j in range(rng.randint(1, 4)):
            offers.append({
                "id": f"offre-{j}",
                "titre": f"{rng.choice(NOUNS).capitalize()} {rng.choice(TOPICS)} ({_word(rng, 2)})",
                "description": _sentence(rng, "Ce service"),
                "domaines": rng.sample(domains, rng.randint(1, 2)),
                "phases": rng.sample(["conception", "realisation", "evaluation"], rng.randint(1, 3)),
                "nature": rng.choice(["conseil", "etude", "financement", "formation", "information"]),
                "sources": [f"https://exemple.invalid/{i}/{j}"],
            })
        partners_doc["partenaires"].append({
            "id": f"partenaire-{i:03d}",
            "nom": name,
            "categorie": rng.choice(["association", "etablissement-public", "syndicat-mixte"]),
            "signataire_charte": False,
            "description": " ".join(_sentence(rng, name) for _ in range(3)),
            "missions": [_sentence(rng, "Il") for _ in range(rng.randint(1, 3))],
            "territoire": rng.choice(["departement", {"epci": rng.sample(epci_codes, 2)}, {"arrondissements": [rng.choice(arrondissements)]}]),
            "offres": offers,
            "sources": [f"https://exemple.invalid/{i}"],
            "verifie_le": template["verifie_le"],
        })
    _write(dst / "partners.yml", partners_doc)
    return f"{communes} communes, {epcis} intercommunalités, {partners} partenaires"
