"""Text rules shared by every stage: folding what élus type, slugs for page names, typo suggestions.

`fold` has a JavaScript twin in docs/assets/finder.js; tests/read/test_text.py runs both on the
same inputs so that they cannot drift.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def fold(text: str) -> str:
    """`Station d'Épuration` -> `station d epuration`: no accents, no capitals, words split on anything else."""
    text = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


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
