"""How typed text is compared: the Python twin of docs/assets/inge43-text.js.

The finder (finder.js) and the site search (javascripts/workers/inge43-search.js) compare what
an élu types with the site's words through these rules; the build uses them too (finder JSON,
search index). tests/test_folding.py runs both versions on the same texts.

- `fold`:  « Station d'Épuration » -> « station d epuration »;
- `words`: folded words, « st » -> « saint », small words dropped, each reduced to a simple stem
  (« cimetières » -> « cimetier »).
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})

STOP_WORDS = frozenset(
    "a au aux avec ce ces d dans de des du en et l la le les ma mon n ne nos notre ou par pas pour "
    "qu que qui sa se ses son sur un une vos votre y".split()
)
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def fold(text: str) -> str:
    """`Station d'Épuration` -> `station d epuration`."""
    text = unicodedata.normalize("NFD", str(text).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def stem(word: str) -> str:
    """A simple French stem: drop the plural mark, then a final « e » (« fermées » -> « ferm »)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word[-1] in "sx":
        word = word[:-1]
    if word.endswith("ee"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded, stemmed words of a text, small words left out."""
    out = []
    for word in fold(text).split():
        word = ABBREVIATIONS.get(word, word)
        if word in STOP_WORDS or (len(word) < 2 and not any(c.isdigit() for c in word)):
            continue
        out.append(stem(word))
    return out
