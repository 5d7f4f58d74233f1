"""The outlines of the communes (`data/contours.json`, written by `inge43 import-contours`).

Read here for the checker and the maps; drawn by `maps.py`. Coordinates are screen units
(integers, y grows downwards) in a frame `largeur` x `hauteur`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
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
        """The outer border of a set of communes: the edges that only one commune of the set uses.

        Linear in the points of the set (edges counted once), whatever the rings hold.
        """
        members = sorted(set(codes))  # sorted: the same drawing from one build to the next
        uses: Counter[tuple[Point, Point]] = Counter()
        for code in members:
            for ring in self.rings.get(code, []):
                for i, a in enumerate(ring):
                    b = ring[(i + 1) % len(ring)]
                    uses[(a, b) if a < b else (b, a)] += 1
        directed: dict[Point, list[Point]] = defaultdict(list)
        for code in members:
            for ring in self.rings.get(code, []):
                for i, a in enumerate(ring):
                    b = ring[(i + 1) % len(ring)]
                    if uses[(a, b) if a < b else (b, a)] == 1:
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


# Bounds of data/contours.json: close to what the communes need, so that no outline can make the
# build slow or a page heavy. Today: 257 communes, 97 kB, 10,282 points (40 a commune on average,
# 112 at most in a ring), 2 rings at most for a commune, a frame of 1000 x 690 units.
BYTES_PER_COMMUNE = 1_000  # the file's size bound: this much per commune of data/communes.yml
MIN_COMMUNES_BOUND = 300  # ... counted as at least this many communes (then 300 kB)
# Points in all, per commune: 1.5 times today's average, so that the communes index map (every
# commune drawn, 88 kB today) stays under its 150 kB ceiling (benchmarks/RESULTATS.md).
POINTS_PER_COMMUNE = 60
MIN_POINTS = 3_000  # a small test set may still have a few detailed outlines
MAX_RING_POINTS = 1_000  # points in one ring (a commune's locator map stays under 15 kB)
MAX_RINGS = 20  # rings of one commune
MAX_FRAME = 5_000  # largeur and hauteur, in screen units


def contours_byte_limit(communes: int) -> int:
    """The size bound of data/contours.json for this many communes."""
    return BYTES_PER_COMMUNE * max(communes, MIN_COMMUNES_BOUND)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def load_contours(data_dir: Path, communes: int = 0) -> Contours | None:
    """Read and check `data/contours.json`; None when the file is absent.

    Raises ContoursError (French reason, line) when the file is unreadable or breaks a bound:
    wrong types, a point outside the declared frame, a ring too long,
    too many points in all, a commune outlined twice.
    """
    path = Path(data_dir) / CONTOURS_FILE
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:  # the parser's message is in English: say it in French, at its place
        raise ContoursError("le texte n'est pas du JSON valide à cet endroit", exc.lineno, exc.colno) from None
    except ValueError as exc:
        raise ContoursError(str(exc)) from None
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line.find('{"code": "')
        if marker != -1:
            lines.setdefault(line[marker + 10 : marker + 15], number)
    if not isinstance(doc, dict):
        raise ContoursError("le fichier doit contenir un objet JSON (« { … } ») avec largeur, hauteur et communes")
    for key in ("largeur", "hauteur", "communes"):
        if key not in doc:
            raise ContoursError(f"la clé « {key} » manque")
    width, height = doc["largeur"], doc["hauteur"]
    for key, value in (("largeur", width), ("hauteur", height)):
        if not _is_int(value) or not 1 <= value <= MAX_FRAME:
            raise ContoursError(f"« {key} » vaut {str(value)[:40]!r} au lieu d'un nombre entier de 1 à {MAX_FRAME}")
    items = doc["communes"]
    if not isinstance(items, list):
        raise ContoursError("« communes » doit être une liste")
    communes = communes or len(items)  # not given (a tool reading the file alone): its own outlines
    budget = max(POINTS_PER_COMMUNE * communes, MIN_POINTS)
    rings: dict[str, list[Ring]] = {}
    names: dict[str, str] = {}
    for index, item in enumerate(items):
        where = f"communes[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ContoursError(f"{where} doit être un objet avec un « code » texte (code INSEE)")
        code = item["code"]
        where = f"{where} (commune {code[:10]})"
        at = lines.get(code, 1)
        if code in rings:
            raise ContoursError(f"{where} : la commune a déjà un contour (ligne {lines.get(code, 1)})", at)
        parts = item.get("anneaux")
        if not isinstance(parts, list) or not parts or len(parts) > MAX_RINGS:
            raise ContoursError(f"{where} : « anneaux » doit être une liste de 1 à {MAX_RINGS} anneaux", at)
        kept: list[Ring] = []
        for number, flat in enumerate(parts):
            here = f"{where}, anneaux[{number}]"
            if not isinstance(flat, list) or len(flat) % 2 or not 6 <= len(flat) <= 2 * MAX_RING_POINTS:
                raise ContoursError(
                    f"{here} : un anneau est une liste de 3 à {MAX_RING_POINTS} points (x, y à la suite)", at
                )
            if not all(_is_int(v) for v in flat):
                raise ContoursError(f"{here} : les coordonnées sont des nombres entiers", at)
            ring = list(zip(flat[0::2], flat[1::2], strict=True))
            outside = next(((x, y) for x, y in ring if not (0 <= x <= width and 0 <= y <= height)), None)
            if outside:
                raise ContoursError(
                    f"{here} : le point {outside} sort du cadre de la carte (0 à {width}, 0 à {height})", at
                )
            budget -= len(ring)
            if budget < 0:
                allowed = max(POINTS_PER_COMMUNE * communes, MIN_POINTS)
                raise ContoursError(
                    f"{here} : les contours dépassent {allowed} points en tout ({POINTS_PER_COMMUNE} par commune)", at
                )
            kept.append(ring)
        rings[code] = kept
        names[code] = str(item.get("nom", ""))[:200]
    source = doc.get("source")
    return Contours(width, height, rings, names, lines, source if isinstance(source, dict) else {})


def _refuse_constant(name: str) -> float:
    raise ValueError(f"la valeur « {name} » n'est pas un nombre fini")
