"""A region-scale copy of the data for benchmarks: 4,000 communes, 40 intercommunalities, 400 partners.

Every generated record has its own text (names, descriptions, missions, offers composed from word
lists with a fixed seed), so that sizes and times are those of distinct pages, not of copies. The
synthetic communes get outlines that tile the plane like real ones (each border shared by its two
communes, the communes of an intercommunality side by side), so maps weigh what real ones would.
"""

from __future__ import annotations

import hashlib
import json
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


class _Dumper(yaml.SafeDumper):
    """No anchors and aliases (`&id001`) for values shared by several records: the checker refuses them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _write(path: Path, doc: dict) -> None:
    path.write_text(yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


CELL = 12  # side of a synthetic commune, in map units (a real one is about 25)


def _jitter(i: int, j: int) -> tuple[int, int]:
    """A fixed small shift of lattice point (i, j): the same for the two communes that share it."""
    h = hashlib.blake2b(f"{i},{j}".encode(), digest_size=2).digest()
    return h[0] % 3 - 1, h[1] % 3 - 1


def _hilbert(n: int, d: int) -> tuple[int, int]:
    """Cell (x, y) of the d-th step of a Hilbert curve over an n x n grid (n a power of 2):
    consecutive steps stay close, so a run of communes makes a compact territory."""
    x = y = 0
    s = 1
    while s < n:
        rx = 1 & (d // 2)
        ry = 1 & (d ^ rx)
        if ry == 0:
            if rx == 1:
                x, y = s - 1 - x, s - 1 - y
            x, y = y, x
        x, y = x + s * rx, y + s * ry
        d //= 4
        s *= 2
    return x, y


def tile_outlines(data: Path, real: set[str]) -> None:
    """Give the synthetic communes of `data` a geography like a real one, on a grid to the right of
    the département: each a square-ish outline of 12 points (3 a side, shared with the neighbour),
    the communes of an intercommunality side by side, and each intercommunality within one
    arrondissement, as in reality. Rewrites the arrondissements of the synthetic communes in
    communes.yml and adds their outlines to contours.json."""
    if not (data / "contours.json").exists():
        return
    doc = json.loads((data / "contours.json").read_text(encoding="utf-8"))
    communes_doc = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
    arrondissements = [a["code"] for a in communes_doc["arrondissements"]]
    epcis = [e["code"] for e in communes_doc["epci"]]
    synthetic = [c for c in communes_doc["communes"] if c["code"] not in real]
    for commune in synthetic:
        commune["arrondissement"] = arrondissements[epcis.index(commune["epci"]) % len(arrondissements)]
    _write(data / "communes.yml", communes_doc)
    synthetic.sort(key=lambda c: (c["arrondissement"], c["epci"], c["code"]))
    doc["communes"] = [c for c in doc["communes"] if c["code"] in real]
    side = 1
    while side * side < len(synthetic):
        side *= 2
    x0, step = doc["largeur"] + 20, CELL / 3

    def point(i: int, j: int) -> list[int]:
        dx, dy = _jitter(i, j)
        return [round(x0 + i * step) + dx, round(10 + j * step) + dy]

    for n, commune in enumerate(synthetic):
        col, row = _hilbert(side, n)
        i, j = 3 * col, 3 * row
        lattice = [(i + k, j) for k in range(3)] + [(i + 3, j + k) for k in range(3)]
        lattice += [(i + 3 - k, j + 3) for k in range(3)] + [(i, j + 3 - k) for k in range(3)]
        doc["communes"].append(
            {"code": commune["code"], "nom": commune["nom"], "anneaux": [[v for a, b in lattice for v in point(a, b)]]}
        )
    doc["largeur"] = x0 + side * CELL + 20
    doc["hauteur"] = max(doc["hauteur"], side * CELL + 20)
    (data / "contours.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def make_region_data(src: Path, dst: Path, communes: int = 4000, epcis: int = 40, partners: int = 400) -> str:
    """Copy `src` into `dst` and grow it to region scale. Returns a short French summary."""
    rng = random.Random(43)
    shutil.copytree(src, dst)
    doc = yaml.safe_load((dst / "communes.yml").read_text(encoding="utf-8"))
    arrondissements = [a["code"] for a in doc["arrondissements"]]
    for i in range(epcis - len(doc["epci"])):
        doc["epci"].append({"code": f"2{i:08d}", "nom": f"CC {_word(rng, 3)} {rng.choice(PLACES)}", "type": "CC"})
    epci_codes = [e["code"] for e in doc["epci"]]
    real = {c["code"] for c in doc["communes"]}
    names = {c["nom"] for c in doc["communes"]}
    for i in range(communes - len(doc["communes"])):
        name = f"{_word(rng, rng.randint(2, 4))}-{rng.choice(['le', 'sur', 'en'])}-{_word(rng, 2)}"
        while name in names:
            name += f"-{_word(rng, 1)}"
        names.add(name)
        doc["communes"].append(
            {
                "code": f"9{i:04d}",
                "nom": name,
                "codes_postaux": [f"{43000 + (i % 990):05d}"],
                "population": int(rng.lognormvariate(5.9, 1.2)),  # median about 365 inhabitants
                "arrondissement": rng.choice(arrondissements),
                "epci": rng.choice(epci_codes),
            }
        )
    _write(dst / "communes.yml", doc)

    domains = [d["id"] for d in yaml.safe_load((dst / "domains.yml").read_text(encoding="utf-8"))["domaines"]]
    partners_doc = yaml.safe_load((dst / "partners.yml").read_text(encoding="utf-8"))
    template = next(p for p in partners_doc["partenaires"] if not p.get("guichet_unique"))
    limits = random.Random(45)  # population limits, drawn apart so the texts stay as they were
    for i in range(partners - len(partners_doc["partenaires"])):
        name = f"{rng.choice(KINDS)} {rng.choice(TOPICS)} {_word(rng, 3)} {rng.choice(PLACES)}"
        offers = []
        for j in range(rng.randint(1, 4)):
            offers.append(
                {
                    "id": f"offre-{j}",
                    "titre": f"{rng.choice(NOUNS).capitalize()} {rng.choice(TOPICS)} ({_word(rng, 2)})",
                    "description": _sentence(rng, "Ce service"),
                    "domaines": rng.sample(domains, rng.randint(1, 2)),
                    "phases": rng.sample(["conception", "realisation", "evaluation"], rng.randint(1, 3)),
                    "nature": rng.choice(["conseil", "etude", "financement", "formation", "information"]),
                    "sources": [f"https://exemple.invalid/{i}/{j}"],
                }
            )
            if offers[-1]["nature"] == "financement":  # a grant says what it pays (rule montant-financement)
                offers[-1]["montant"] = {
                    "texte": f"Taux de {20 + 5 * j} % de la dépense subventionnable (chiffre fictif)",
                    "source": f"https://exemple.invalid/{i}/{j}",
                    "annee": 2026,
                }
            limit = limits.choice([None, None, 1000, 2000, 3500, 5000])  # the finder filters on it
            if limit:
                offers[-1]["eligibilite"] = {"beneficiaires": ["commune"], "population_max": limit}
        partners_doc["partenaires"].append(
            {
                "id": f"partenaire-{i:03d}",
                "nom": name,
                "categorie": rng.choice(["association", "etablissement-public", "syndicat-mixte"]),
                "signataire_charte": False,
                "description": " ".join(_sentence(rng, name) for _ in range(3)),
                "missions": [_sentence(rng, "Il") for _ in range(rng.randint(1, 3))],
                "territoire": rng.choice(
                    [
                        "departement",
                        {"epci": rng.sample(epci_codes, 2)},
                        {"arrondissements": [rng.choice(arrondissements)]},
                    ]
                ),
                "offres": offers,
                "sources": [f"https://exemple.invalid/{i}"],
                "verifie_le": template["verifie_le"],
            }
        )
    _write(dst / "partners.yml", partners_doc)
    tile_outlines(dst, real)
    return f"{communes} communes, {epcis} intercommunalités, {partners} partenaires"
