"""Text rules shared by every stage: folding what élus type, slugs for page names, typo suggestions.

`fold`, `stem` and `words` have a JavaScript twin in docs/assets/inge43-text.js, used by the
finder and the site search. Their word lists come from one file (read/search_rules.json), and
tests/js/text-parity.test.js runs both on a corpus that Python writes (tests/js/text_corpus.py:
every stop word, commune, domain and keyword) so that they cannot drift.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from .search_rules import RULES

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def fold(text: str) -> str:
    """`Station d'Épuration` -> `station d epuration`: no accents, no capitals, words split on anything else."""
    text = unicodedata.normalize("NFD", str(text).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# Articles, pronouns, possessives, prepositions, and the words of a question or of degree
# (« comment », « quel », « plus », « très »): they say how the élu asks, not what about. Dropping
# them also keeps a stem from meeting an acronym by chance (« plus » would stem to « plu », the PLU).
# Both lists come from the search's rulebook (read/search_rules.json), shared with inge43-text.js.
STOP_WORDS = frozenset(RULES["text"]["stop_words"])
ABBREVIATIONS: dict[str, str] = dict(RULES["text"]["abbreviations"])


def stem(word: str) -> str:
    """A simple French stem of a folded word: drop the plural mark, then a final « e » (« fermées » -> « ferm »)."""
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
    """Folded, stemmed words of a text, « st » read « saint », small words left out (« cimetières » -> « cimetier »)."""
    out = []
    for word in fold(text).split():
        word = ABBREVIATIONS.get(word, word)
        if word in STOP_WORDS or (len(word) < 2 and not any(c.isdigit() for c in word)):
            continue
        out.append(stem(word))
    return out


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for the same names thousands of times per build
def sort_key(name: str) -> tuple[str, str]:
    """The key every list sorted by a name uses: French order, not code-point order.

    Accents, capitals and ligatures do not move a name (« Énergie » with « Energie », « Œuvre »
    as « Oeuvre », « de » with « De »), and punctuation counts as a space (« Saint-Just » with
    « Saint Just »). The name itself breaks ties, so the order is total and the same on every build.
    """
    text = unicodedata.normalize("NFD", str(name).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split()), str(name)


def slugify(text: str) -> str:
    """`Le Puy-en-Velay` -> `le-puy-en-velay`: the folded words joined by hyphens (page names, anchors)."""
    return "-".join(fold(text).split())


def suggest(found: Any, allowed: Iterable[str]) -> str | None:
    """« vouliez-vous dire … ? » for the closest allowed value, if one is close enough."""
    if not isinstance(found, str):
        return None
    allowed = list(allowed)
    lowered = {a.lower(): a for a in allowed}
    if found.lower() in lowered:
        return f"vouliez-vous dire « {lowered[found.lower()]} » ? (attention aux majuscules)"
    match = difflib.get_close_matches(found.lower(), list(lowered), n=1, cutoff=0.6)
    return f"vouliez-vous dire « {lowered[match[0]]} » ?" if match else None
