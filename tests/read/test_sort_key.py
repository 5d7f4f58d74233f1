"""French order of names: one key (`read.text.sort_key`) for every list sorted by a name.

Expected orders are written by hand; each list is one that code-point order gets wrong.
"""

from __future__ import annotations

import random

import pytest

from inge43.read.text import sort_key

FRENCH_ORDERS = [
    # « É » sorts with « E », not after « V » (the home page's domains).
    ["Eau et assainissement", "Énergie et éclairage public", "Environnement", "Voirie et routes communales"],
    # The partners' index: « Établissement… » among the E, « Service… » after it.
    [
        "Département de la Haute-Loire",
        "Établissement public foncier d'Auvergne",
        "Région Auvergne-Rhône-Alpes",
        "Service départemental d'incendie et de secours de la Haute-Loire",
    ],
    # « Œ » sorts as « OE »; « Æ » as « AE ».
    ["Odile", "Œuvre sociale", "Ours", "Zèbre"],
    ["Adrien", "Ægidius", "Agnès"],
    # Capitals do not move a name: « de », « De » and « DE » are the same letters.
    ["Chambre d'agriculture", "chapelle", "Château", "CHEMIN"],
    # Punctuation counts as a space: « Saint-Just » with « Saint Just ».
    ["Saint-Jean-de-Nay", "Saint Jean Lachalm", "Saint-Julien-Chapteuil", "Sainte-Sigolène"],
    # Accents decide only between names otherwise equal, and always the same way.
    ["Ecole", "École", "Écoles"],
]


@pytest.mark.parametrize("expected", FRENCH_ORDERS, ids=lambda names: names[0])
def test_names_sort_in_french_order(expected):
    for seed in range(5):
        shuffled = expected[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == expected


def test_code_point_order_gets_these_wrong():
    """The lists above are not a trivial check: plain `sorted` gets most of them wrong."""
    wrong = [names for names in FRENCH_ORDERS if sorted(names) != names]
    assert len(wrong) >= 5


def test_the_order_is_total():
    """Two different names never compare equal: one build sorts them like the next."""
    names = ["Ecole", "École", "ecole", "ÉCOLE", "E-cole"]
    keys = {sort_key(n) for n in names}
    assert len(keys) == len(names)
