"""Write the corpus on which tests/js/text-parity.test.js compares the Python and the JavaScript
text rules (read/text.py, docs/assets/inge43-text.js): every stop word and abbreviation of the
search's rulebook, every commune, domain, keyword, project type, partner, offer and glossary term
of data/, and a few hand-written texts with every kind of character folding meets.

Prints JSON: [[text, fold(text), words(text)], …]. Run by the node test (`node --test tests/js/`)
with the project's Python (`.venv/bin/python`, or $PYTHON).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from inge43.read.dataset import load_dataset
from inge43.read.problems import Collector
from inge43.read.text import ABBREVIATIONS, STOP_WORDS, fold, words

ROOT = Path(__file__).resolve().parents[2]

# Texts no data file holds yet: ligatures, typographic apostrophes, spaces of every kind, digits.
HAND_WRITTEN = [
    "Œuvre ŒUVRE cœur",
    "Façade, garçon, ÇA",
    "Æsthétique, naïve, Noël",
    "station d’épuration",
    "St Julien Chapteuil",
    "Ste-Sigolène",
    "fermées FERMÉ fermee",
    "eaux usées, 43 000 habitants",
    "  espaces   multiples\tet\ttabulations ",
    "« CAP 43 » — DETR/DSIL",
    "n'arrive pas, l'église, qu'est-ce",
    "x y 1 2 ab",
]


def corpus(data_dir: Path) -> list[str]:
    dataset = load_dataset(data_dir, Collector())
    texts = [*sorted(STOP_WORDS), *ABBREVIATIONS, *(w.upper() for w in sorted(STOP_WORDS)), *HAND_WRITTEN]
    for commune in dataset.communes:
        texts.append(commune.nom)
    for domain in dataset.domains:
        texts += [
            domain.nom,
            *domain.mots_cles,
            *(t.nom for t in domain.projets_types),
            *(w for t in domain.projets_types for w in t.mots),
        ]
    for partner in dataset.partners:
        texts += [partner.nom, partner.sigle or "", *(o.titre for o in partner.offres)]
    for term in dataset.terms:
        texts += [term.sigle, term.forme_longue or ""]
    for epci in dataset.epcis:
        texts.append(epci.nom)
    return list(dict.fromkeys(t for t in texts if t))


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data"
    rows = [[text, fold(text), words(text)] for text in corpus(data_dir)]
    json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
