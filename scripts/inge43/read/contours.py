"""The outlines of the communes (`data/contours.json`, written by `inge43 import-contours`).

Read here for the checker and the maps; drawn by `maps.py`. Coordinates are screen units
(integers, y grows downwards) in a frame `largeur` x `hauteur`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

CONTOURS_FILE = "contours.json"

Point = tuple[int, int]
Ring = list[Point]


@dataclass
class Contours:
    """Outlines of the communes in screen units (y grows downwards), as imported."""

    width: int
    height: int
    rings: dict[str, list[Ring]]  # INSEE code -> rings
    names: dict[str, str] = field(default_factory=dict)  # INSEE code -> name in the source file
    lines: dict[str, int] = field(default_factory=dict)  # INSEE code -> line in data/contours.json
    source: dict = field(default_factory=dict)

    @cached_property
    def edges(self) -> dict[tuple[Point, Point], list[str]]:
        """Undirected edge -> the communes whose outline uses it."""
        out: dict[tuple[Point, Point], list[str]] = defaultdict(list)
        for code, parts in self.rings.items():
            for ring in parts:
                for i, a in enumerate(ring):
                    b = ring[(i + 1) % len(ring)]
                    out[(a, b) if a < b else (b, a)].append(code)
        return out

    def outline(self, codes: Iterable[str]) -> list[Ring]:
        """The outer border of a set of communes: the edges that only one commune of the set uses."""
        members = set(codes)
        directed: dict[Point, list[Point]] = defaultdict(list)
        for code in sorted(members):  # sorted: the same drawing from one build to the next
            for ring in self.rings.get(code, []):
                for i, a in enumerate(ring):
                    b = ring[(i + 1) % len(ring)]
                    users = self.edges[(a, b) if a < b else (b, a)]
                    if sum(1 for u in users if u in members) == 1:
                        directed[a].append(b)
        rings: list[Ring] = []
        while directed:
            start = next(iter(directed))
            ring, point = [start], start
            while True:
                following = directed[point]
                nxt = following.pop()
                if not following:
                    del directed[point]
                if nxt == start:
                    break
                ring.append(nxt)
                point = nxt
                if point not in directed:  # open chain (should not happen with shared borders)
                    break
            if len(ring) >= 3:
                rings.append(ring)
        return rings


class ContoursError(ValueError):
    """`data/contours.json` can't be read: why, in French, and where (line, column) when known."""

    def __init__(self, reason: str, line: int = 1, column: int = 1):
        super().__init__(reason)
        self.reason, self.line, self.column = reason, line, column


def load_contours(data_dir: Path) -> Contours | None:
    """Read `data/contours.json`; None when the file is absent. Raises ValueError when unreadable."""
    path = Path(data_dir) / CONTOURS_FILE
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(text)
        width, height = int(doc["largeur"]), int(doc["hauteur"])
        rings: dict[str, list[Ring]] = {}
        names: dict[str, str] = {}
        for item in doc["communes"]:
            code = str(item["code"])
            rings[code] = [list(zip(flat[0::2], flat[1::2], strict=True)) for flat in item["anneaux"]]
            names[code] = str(item.get("nom", ""))
    except json.JSONDecodeError as exc:  # the parser's message is in English: say it in French, at its place
        raise ContoursError("le texte n'est pas du JSON valide à cet endroit", exc.lineno, exc.colno) from None
    except KeyError as exc:
        raise ContoursError(f"la clé « {exc.args[0]} » manque") from None
    except (ValueError, TypeError):
        raise ContoursError("une valeur n'a pas le type attendu (nombres, listes de coordonnées)") from None
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line.find('{"code": "')
        if marker != -1:
            lines.setdefault(line[marker + 10 : marker + 15], number)
    return Contours(width, height, rings, names, lines, doc.get("source") or {})
