"""Maps of the communes, drawn as SVG at build time (no tile server, no script, no third party).

Three parts:
- geometry used by the import (`contours_import.py`): projection, quantization and a
  topology-preserving simplification, so two neighbouring communes keep the very same border;
- reading `data/contours.json` (the imported outlines) into `Contours`;
- drawing: merged outlines of any set of communes (an intercommunality, a park, the
  département) and the SVG maps, rendered from Jinja templates (autoescape on) in
  `templates/maps/`.

Projection: a conic conformal projection (Lambert) on a sphere, with the parameters of
Lambert-93 (standard parallels 44° N and 49° N, central meridian 3° E). On a département
the sphere/ellipsoid difference is invisible on screen.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from markupsafe import Markup

from ..read.contours import Contours, Point, Ring
from ..read.dataset import Dataset
from ..read.model import Commune, Territory
from ..read.text import sort_key
from .templating import environment

ATTRIBUTION = "Contours : IGN ADMIN EXPRESS, Licence Ouverte"


# ---------------------------------------------------------------------------
# Projection (used by the import)
# ---------------------------------------------------------------------------

_PHI1, _PHI2, _PHI0, _LAMBDA0 = (math.radians(v) for v in (44.0, 49.0, 46.5, 3.0))
_N = math.log(math.cos(_PHI1) / math.cos(_PHI2)) / math.log(
    math.tan(math.pi / 4 + _PHI2 / 2) / math.tan(math.pi / 4 + _PHI1 / 2)
)
_F = math.cos(_PHI1) * math.tan(math.pi / 4 + _PHI1 / 2) ** _N / _N
_EARTH_RADIUS_M = 6_371_000.0


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude (degrees, WGS84) -> metres east and north (spherical Lambert conformal conic)."""
    phi, lam = math.radians(lat), math.radians(lon)
    rho = _EARTH_RADIUS_M * _F / math.tan(math.pi / 4 + phi / 2) ** _N
    rho0 = _EARTH_RADIUS_M * _F / math.tan(math.pi / 4 + _PHI0 / 2) ** _N
    theta = _N * (lam - _LAMBDA0)
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


# ---------------------------------------------------------------------------
# Topology-preserving simplification (used by the import)
# ---------------------------------------------------------------------------


def _clean(ring: Sequence[Point]) -> Ring:
    """Drop the closing point and consecutive duplicates (after rounding)."""
    out: Ring = []
    for point in ring:
        if not out or out[-1] != point:
            out.append(point)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment ab."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Keep the end points and every point farther than `tolerance` from the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = -1.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_shared(rings: dict[str, list[Ring]], tolerance: float) -> dict[str, list[Ring]]:
    """Simplify every ring so that a border shared by two communes is simplified once, the same way.

    Rings are cut into arcs at junctions (points with more than two neighbours in the whole
    map); each arc is simplified with Douglas-Peucker, end points fixed, in one canonical
    direction; rings are then put back together. No gap or overlap appears between communes.
    """
    neighbours: dict[Point, set[Point]] = defaultdict(set)
    cleaned = {code: [_clean(r) for r in parts] for code, parts in rings.items()}
    for parts in cleaned.values():
        for ring in parts:
            for i, point in enumerate(ring):
                neighbours[point].add(ring[i - 1])
                neighbours[point].add(ring[(i + 1) % len(ring)])
    junction = {p for p, n in neighbours.items() if len(n) != 2}
    cache: dict[tuple[Point, ...], list[Point]] = {}

    def arc(points: list[Point]) -> list[Point]:
        key = tuple(points)
        backward = key[::-1]
        if backward < key:
            return arc(list(backward))[::-1]
        if key not in cache:
            cache[key] = douglas_peucker(points, tolerance)
        return cache[key]

    out: dict[str, list[Ring]] = {}
    for code, parts in cleaned.items():
        kept: list[Ring] = []
        for ring in parts:
            cuts = [i for i, p in enumerate(ring) if p in junction]
            if not cuts:
                # An island ring with no neighbour: cut it at its first point and at its farthest point.
                far = max(range(len(ring)), key=lambda i: math.dist(ring[0], ring[i]))
                cuts = [0, far] if far else [0]
            start = cuts[0]
            rotated = ring[start:] + ring[:start]
            offsets = [c - start for c in cuts] + [len(ring)]
            simplified: Ring = []
            for a, b in pairwise(offsets):
                piece = rotated[a : b + 1] if b < len(rotated) else rotated[a:] + rotated[:1]
                simplified += arc(piece)[:-1]
            simplified = _clean(simplified)
            if len(simplified) >= 3:
                kept.append(simplified)
        out[code] = kept
    return out


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------


def _moves(pts: Sequence[Point]) -> str:
    """Absolute first point, then short relative moves (integers)."""
    x0, y0 = pts[0]
    moves = []
    for (ax, ay), (bx, by) in pairwise(pts):
        moves += [bx - ax, by - ay]
    return f"M{x0} {y0}l" + " ".join(map(str, moves)).replace(" -", "-")


def path_data(rings: Iterable[Sequence[Point]], scale: float = 1.0, tolerance: float = 0.0) -> str:
    """SVG path data of closed rings: absolute first point, then short relative moves (integers)."""
    parts = []
    for ring in rings:
        pts = [(round(x * scale), round(y * scale)) for x, y in ring]
        if tolerance:
            pts = douglas_peucker(pts + pts[:1], tolerance)[:-1]
        pts = _clean(pts)
        if len(pts) < 3:
            continue
        parts.append(_moves(pts) + "z")
    return "".join(parts)


def line_data(lines: Iterable[Sequence[Point]], scale: float = 1.0, tolerance: float = 0.0) -> str:
    """SVG path data of open lines (a closed line repeats its first point at the end)."""
    parts = []
    for line in lines:
        pts = [(round(x * scale), round(y * scale)) for x, y in line]
        if tolerance:
            pts = douglas_peucker(pts, tolerance)
        pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
        if len(pts) >= 2:
            parts.append(_moves(pts))
    return "".join(parts)


def chain(edges: Iterable[tuple[Point, Point]]) -> list[list[Point]]:
    """Join undirected edges into as few lines as possible, each edge used once (fixed order).

    Linear in the edges: each point keeps a cursor past its neighbours already joined, so a
    point shared by many edges is never scanned again and again.
    """
    around: dict[Point, list[Point]] = defaultdict(list)
    for a, b in sorted(edges):
        around[a].append(b)
        around[b].append(a)
    used: set[tuple[Point, Point]] = set()
    cursor: dict[Point, int] = defaultdict(int)

    def next_free(point: Point) -> Point | None:
        neighbours, index = around[point], cursor[point]
        while index < len(neighbours):
            q = neighbours[index]
            if ((point, q) if point < q else (q, point)) not in used:
                cursor[point] = index
                return q
            index += 1
        cursor[point] = index
        return None

    def walk(start: Point) -> list[Point]:
        line, point = [start], start
        while True:
            nxt = next_free(point)
            if nxt is None:
                return line
            used.add((point, nxt) if point < nxt else (nxt, point))
            line.append(nxt)
            point = nxt

    lines = []
    # Lines start at their ends (junctions of three borders or more, loose ends), then closed loops.
    for start in [p for p in sorted(around) if len(around[p]) != 2] + sorted(around):
        while next_free(start) is not None:
            lines.append(walk(start))
    return lines


# Eleven fills for the intercommunalities, ordered so neighbours rarely look alike.
EPCI_CLASSES = 11


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    href: str | None
    d: str
    css: str  # class names
    title: str


# Above this many communes, a territory is drawn as one filled area, its communes not linked one
# by one: a page stays light (issue 11: no page over 100 KB at region scale) and the communes
# are still reached from the page's text, the communes index and the finder.
LINKED_COMMUNES_MAX = 150  # today the largest territory (arrondissement of Brioude) has 111

# The maps are shown at most about 800 px wide: background lines are simplified to a pixel.
SCREEN_PX = 800

# The locator is drawn small: a coarser grid and a simplified background keep it light.
LOCATOR_SCALE, LOCATOR_TOLERANCE = 0.3, 0.6
# The département's outline drawn by every commune's locator, one file for the whole site.
LOCATOR_LAND = "cartes/departement.svg"


class MapMaker:
    """Draws the maps of one dataset, built once per build and passed to every page.

    What does not depend on the page is computed once and kept: each commune's path, the
    département outline, each intercommunality's outline, and the borders between
    intercommunalities (one path, each border once). A page's map then only adds what it
    highlights, so its weight grows with its territory, not with the number of communes.
    """

    def __init__(self, dataset: Dataset, contours: Contours) -> None:
        self.ds = dataset
        self.contours = contours
        self.epci_index = {e.code: i % EPCI_CLASSES for i, e in enumerate(dataset.epcis)}
        self._outline_cache: dict[tuple, list[Ring]] = {}
        self._path_cache: dict[tuple, str] = {}
        self._commune_paths: dict[str, str] = {}
        self._members: dict[str, list[str]] | None = None
        # Background lines (outlines, borders) need no more detail than a pixel of the widest map.
        self.tolerance = max(contours.width, contours.height) / SCREEN_PX

    # -- computed once ------------------------------------------------------------------

    @cached_property
    def _position(self) -> dict[str, int]:
        """Position of each commune in the data (maps list communes in the data's order)."""
        return {c.code: i for i, c in enumerate(self.ds.communes)}

    def _outline_path(self, codes: Iterable[str], scale: float = 1.0, tolerance: float = 0.0) -> str:
        """Path data of the merged outline of `codes`, computed once per set and scale."""
        key = (tuple(sorted(codes)), scale, tolerance)
        if key not in self._path_cache:
            self._path_cache[key] = path_data(self.outline(key[0]), scale, tolerance)
        return self._path_cache[key]

    def outline(self, codes: Iterable[str]) -> list[Ring]:
        key = tuple(sorted(codes))
        if key not in self._outline_cache:
            self._outline_cache[key] = self.contours.outline(key)
        return self._outline_cache[key]

    def commune_path(self, code: str) -> str:
        """Path data of one commune at full scale, computed once."""
        if code not in self._commune_paths:
            self._commune_paths[code] = path_data(self.contours.rings[code])
        return self._commune_paths[code]

    def members(self, epci_code: str) -> list[str]:
        if self._members is None:
            self._members = defaultdict(list)
            for commune in self.ds.communes:
                self._members[commune.epci or ""].append(commune.code)
        return self._members.get(epci_code, [])

    def border(self, scale: float = 1.0, tolerance: float | None = None) -> str:
        """The outline of the département (every commune with an outline)."""
        return self._outline_path(self.contours.rings, scale, self.tolerance if tolerance is None else tolerance)

    @cached_property
    def epci_borders(self) -> str:
        """The borders between intercommunalities, one path, each border drawn once.

        An edge is such a border when the two communes that share it belong to two
        different intercommunalities; the outer border of the département is drawn apart.
        """
        epci_of = {c.code: c.epci or "" for c in self.ds.communes}
        edges = [
            edge
            for edge, users in self.contours.edges.items()
            if len(users) == 2 and epci_of.get(users[0], users[0]) != epci_of.get(users[1], users[1])
        ]
        return line_data(chain(edges), tolerance=self.tolerance)

    def _render(self, template: str, **context: object) -> Markup:
        html = (
            environment()
            .get_template(f"maps/{template}")
            .render(width=self.contours.width, height=self.contours.height, attribution=ATTRIBUTION, **context)
        )
        return Markup(html)

    # -- communes index: every commune, coloured by intercommunality ------------------

    def communes_map(self, link: Callable[[str], str | None]) -> Markup:
        """`link(code)` is the relative address of a commune's page.

        The one map that draws every commune on its own: each is a link.
        """
        areas = []
        for commune in sorted(self.ds.communes, key=lambda c: sort_key(c.nom)):
            if commune.code not in self.contours.rings:
                continue
            epci = self.ds.epci_by_code.get(commune.epci or "")
            areas.append(
                Area(
                    commune.code,
                    commune.nom,
                    link(commune.code),
                    self.commune_path(commune.code),
                    f"i43-map__c{self.epci_index.get(commune.epci or '', 0)}",
                    f"{commune.nom} ({epci.nom})" if epci else commune.nom,
                )
            )
        epcis = [(e, self.epci_index[e.code]) for e in self.ds.epcis]
        return self._render(
            "communes.svg.j2",
            areas=areas,
            epcis=epcis,
            epci_borders=self.epci_borders,
            border=self.border(),
            title="Carte des communes de la Haute-Loire, colorées par intercommunalité : choisissez une commune pour ouvrir sa page",
        )

    # -- communes index of a large territory: the intercommunalities -------------------

    def intercommunalities_map(self, link: Callable[[str], str | None]) -> Markup:
        """Every intercommunality as one area, linked to its page by `link(epci_code)`.

        The communes index draws this map instead of `communes_map` when there are too many
        communes for one page (a region): each intercommunality's page maps its communes.
        """
        areas = []
        for epci in sorted(self.ds.epcis, key=lambda e: sort_key(e.nom)):
            codes = [c for c in self.members(epci.code) if c in self.contours.rings]
            if not codes:
                continue
            areas.append(
                Area(
                    epci.code,
                    epci.nom,
                    link(epci.code),
                    self._outline_path(codes, tolerance=self.tolerance),
                    f"i43-map__c{self.epci_index.get(epci.code, 0)}",
                    f"{epci.nom} ({len(codes)} communes)",
                )
            )
        epcis = [(e, self.epci_index[e.code]) for e in self.ds.epcis]
        return self._render(
            "communes.svg.j2",
            areas=areas,
            epcis=epcis,
            epci_borders="",  # each area has its own outline
            border=self.border(),
            title="Carte des intercommunalités, chacune de sa couleur : choisissez la vôtre pour ouvrir sa page et la carte de ses communes",
        )

    # -- commune page: locator ---------------------------------------------------------

    def locator(self, commune: Commune, land: str | None = None) -> Markup | None:
        """The département outline, the commune's intercommunality outline and the commune.

        `land`: the address of LOCATOR_LAND from the page. The département's outline is the same on
        every commune page (3 KB at region scale, 13 MB over 4,000 pages): the page then draws it
        from that one file (`<use>`, cached by the browser) instead of repeating it."""
        if commune.code not in self.contours.rings:
            return None
        scale, tolerance = LOCATOR_SCALE, LOCATOR_TOLERANCE
        epci = self.ds.epci_by_code.get(commune.epci or "")
        return self._render(
            "locator.svg.j2",
            scale=scale,
            commune=commune,
            epci=epci,
            land=land,
            border="" if land else self.border(scale, tolerance),
            epci_d=self._outline_path(self.members(epci.code), scale, tolerance) if epci else "",
            commune_d=path_data(self.contours.rings[commune.code], scale),
        )

    def locator_land(self) -> str:
        """The file LOCATOR_LAND: the département's outline as the locators draw it, `#land`."""
        return str(
            self._render(
                "locator_land.svg.j2", scale=LOCATOR_SCALE, border=self.border(LOCATOR_SCALE, LOCATOR_TOLERANCE)
            )
        )

    # -- partner, park and intercommunality pages: a territory -------------------------

    def territory_map(
        self,
        highlighted: Iterable[str],
        to_confirm: Iterable[str] = (),
        *,
        label: str,
        link: Callable[[str], str | None] | None = None,
        legend: tuple[str, str] = ("Communes du territoire", "Communes à confirmer"),
    ) -> Markup | None:
        """A map of the département with `highlighted` communes filled and `to_confirm` hatched.

        Background: the département outline and the intercommunality borders (computed once).
        `link(code)` (optional) makes each highlighted commune a link to its page. Above
        LINKED_COMMUNES_MAX communes, each set is drawn as one merged area, without links.
        Returns None when no commune of the sets has an outline.
        """
        named = [c for c in dict.fromkeys(highlighted) if c in self.contours.rings]
        doubtful = [c for c in dict.fromkeys(to_confirm) if c in self.contours.rings and c not in named]
        if not named and not doubtful:
            return None
        one_by_one = len(named) + len(doubtful) <= LINKED_COMMUNES_MAX

        def areas(codes: list[str], css: str) -> list[Area]:
            out = []
            for code in codes:
                commune = self.ds.commune_by_code.get(code)
                name = commune.nom if commune else self.contours.names.get(code, code)
                out.append(Area(code, name, link(code) if link else None, self.commune_path(code), css, name))
            return sorted(out, key=lambda a: sort_key(a.name))

        return self._render(
            "territory.svg.j2",
            label=label,
            legend=legend,
            one_by_one=one_by_one,
            named=areas(named, "i43-map__on") if one_by_one else [],
            doubtful=areas(doubtful, "i43-map__doubt") if one_by_one else [],
            named_count=len(named),
            doubtful_count=len(doubtful),
            named_area="" if one_by_one or not named else self._outline_path(named, tolerance=self.tolerance),
            doubtful_area="" if one_by_one or not doubtful else self._outline_path(doubtful, tolerance=self.tolerance),
            outline=self._outline_path(named, tolerance=self.tolerance) if named and one_by_one else "",
            epci_borders=self.epci_borders,
            border=self.border(),
        )

    def territory_of(self, territory: Territory) -> tuple[list[str], list[str]] | None:
        """(highlighted, to confirm) communes of a partner's territory; None for the whole département."""
        if territory.departement:
            return None
        named: list[str] = list(territory.communes)
        doubtful: list[str] = []
        if territory.epci or territory.arrondissements:
            found = {  # each commune once, in the data's order
                c.code
                for groups, keys in (
                    (self.ds.communes_by_epci, territory.epci),
                    (self.ds.communes_by_arrondissement, territory.arrondissements),
                )
                for key in keys
                for c in groups.get(key, [])
            }
            named += sorted(found, key=self._position.__getitem__)
        for park_id in territory.pnr:
            park = self.ds.park_by_id.get(park_id)
            if park:
                named += park.communes
                doubtful += park.communes_a_confirmer
        return named, doubtful
