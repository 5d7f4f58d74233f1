"""`inge43 check --corriger`: the problems a rule can fix by itself, fixed in the data files.

Only what has one obvious fix is fixed: a keyword that repeats another keyword of its domain
(rules/keywords.py) is removed, the one written with its accents stays. A line is removed only when it holds
that keyword alone, as a list item (`- mot`); anything else is left for the agent, and the check
that follows still reports it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..read.dataset import Dataset
from ..read.text import fold
from .rules.keywords import merged_keywords


def _item_text(line: str) -> str | None:
    """The text of a one-line YAML list item (`  - eaux usées`, quoted or not), else None."""
    stripped = line.strip()
    if not stripped.startswith("- "):
        return None
    text = stripped[2:].strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return text


def fix_keyword_variants(dataset: Dataset) -> list[str]:
    """Remove from the data files the keywords that repeat another of their domain.
    Returns one French line per keyword removed (« data/domains.yml:34 : … »)."""
    lines_to_drop: dict[str, dict[int, str]] = defaultdict(dict)
    for merged in merged_keywords(dataset.domains):
        origin = merged.domain._origin
        if not origin:
            continue
        file, base = origin
        doc = dataset.documents.get(file)
        if doc is None:
            continue
        number, _ = doc.position((*base, "mots_cles", merged.index))
        lines_to_drop[file][number] = merged.domain.mots_cles[merged.index]
    done = []
    for file, drops in lines_to_drop.items():
        doc = dataset.documents[file]
        path = Path(dataset.data_dir) / doc.name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = []
        for number, line in enumerate(lines, start=1):
            keyword = drops.get(number)
            text = _item_text(line) if keyword is not None else None
            if keyword is not None and text is not None and fold(text) == fold(keyword):
                done.append(
                    f"{file}:{number} : mot-clé « {keyword} » retiré (répétition d'un autre mot-clé du domaine)"
                )
                continue
            kept.append(line)
        if len(kept) != len(lines):
            path.write_text("".join(kept), encoding="utf-8")
    return done
