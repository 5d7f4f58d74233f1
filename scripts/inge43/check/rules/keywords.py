"""Search keywords: a domain's `mots_cles` are what élus type; the search and the finder already
ignore accents, capitals, hyphens, apostrophes and the plural (read/text.py), so a keyword that
differs from another of its domain only by these is a second copy of it, not a new way in.

`merged_keywords` finds them; the rule refuses them, and `inge43 check --corriger` removes them
(check/fix.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...read.model import Domain
from ...read.text import ABBREVIATIONS, fold, stem
from ..registry import Context, rule


def keyword_key(keyword: str) -> tuple[str, ...]:
    """What the search and the finder compare of a keyword: its folded words, « st » read
    « saint », each reduced to its stem (accents, capitals, hyphens, apostrophes, plural gone).
    Small words are kept: « traversée du village » is not « traversée village » for the finder."""
    return tuple(stem(ABBREVIATIONS.get(word, word)) for word in fold(keyword).split())


@dataclass(frozen=True)
class MergedKeyword:
    domain: Domain
    index: int  # position of the keyword in `mots_cles`
    kept: int  # position of the keyword it is a variant of, which stays


def _written_out(keyword: str) -> int:
    """How much of French spelling a keyword keeps: accents, « ç », « œ », apostrophes, hyphens."""
    return sum(1 for c in keyword if not c.isascii() or c in "'-")


def merged_keywords(domains: list[Domain]) -> Iterator[MergedKeyword]:
    """Each keyword that folds to the same words as another keyword of its domain. Of such
    variants, the one written with its accents (the first of them if several) stays: it is the
    one a page shows."""
    for domain in domains:
        groups: dict[tuple[str, ...], list[int]] = {}
        for index, keyword in enumerate(domain.mots_cles):
            key = keyword_key(keyword)
            if key:
                groups.setdefault(key, []).append(index)
        for indexes in groups.values():
            kept = max(indexes, key=lambda i: (_written_out(domain.mots_cles[i]), -i))
            for index in indexes:
                if index != kept:
                    yield MergedKeyword(domain, index, kept)


@rule(
    "mot-cle-variante",
    "Un mot-clé d'un domaine ne répète pas un autre mot-clé du même domaine à un accent, une "
    "majuscule, un tiret ou un pluriel près : la recherche et l'outil les confondent déjà.",
)
def keyword_variants(ctx: Context) -> None:
    for merged in merged_keywords(ctx.dataset.domains):
        keywords = merged.domain.mots_cles
        ctx.report(
            merged.domain,
            ("mots_cles", merged.index),
            f"Le mot-clé « {keywords[merged.index]} » répète « {keywords[merged.kept]} », aussi dans "
            "ce domaine : la recherche et l'outil ignorent les accents, les majuscules, les tirets, "
            "les apostrophes et le pluriel, ils le trouvent donc déjà.",
            expected="un mot-clé qui apporte d'autres mots que ceux du domaine",
            found=keywords[merged.index],
            tip=f"Supprimez cette ligne (gardez « {keywords[merged.kept]} »), ou lancez "
            "« inge43 check --corriger », qui retire ces répétitions pour vous.",
        )
