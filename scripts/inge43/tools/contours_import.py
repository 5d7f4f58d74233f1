"""Rebuild ``data/contours.json`` (outlines of the communes, for the maps) from a GeoJSON file.

Usage (from the repository root)::

    inge43 import-contours [--geojson PATH] [--out data/contours.json]

The source is IGN ADMIN EXPRESS, as converted and simplified by the public repository
gregoiredavid/france-geojson (`departements/43-haute-loire/communes-43-haute-loire.geojson`);
the repository keeps a copy in `sources/communes-43-contours.geojson` (Licence Ouverte), so the
import runs the same on any machine.

The outlines are projected (see `maps.project`), scaled to a frame `WIDTH` units wide,
rounded to whole units and simplified for the screen, shared borders staying shared.
The output is compact JSON, one commune a line (so the checker can give a line number).
Errors are reported in French, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from ..generate.maps import project, simplify_shared
from ..read.contours import CONTOURS_FILE

# The repository's copy of the source (relative to the project folder, where `make contours` runs).
DEFAULT_GEOJSON = Path("sources") / "communes-43-contours.geojson"
DEFAULT_OUT = Path("data") / CONTOURS_FILE
WIDTH = 1000  # frame width in units: about 130 m a unit for the Haute-Loire
TOLERANCE = 1.0  # Douglas-Peucker tolerance, in units
MARGIN = 4

SOURCE = {
    "nom": "IGN ADMIN EXPRESS COG, édition 2018",
    "licence": "Licence Ouverte",
    "attribution": "Contours : IGN ADMIN EXPRESS, Licence Ouverte",
    "url": "https://github.com/gregoiredavid/france-geojson/blob/master/departements/43-haute-loire/communes-43-haute-loire.geojson",
    "producteur": "https://geoservices.ign.fr/adminexpress",
    "date": "2018",
    "projection": "conique conforme de Lambert (paramètres de Lambert-93, sphère), en unités d'écran",
    "simplification": f"Douglas-Peucker {TOLERANCE:g} unité, frontières communes simplifiées une seule fois",
}


class ContourImportError(Exception):
    """Import failure; ``str(exc)`` is a French message meant for users."""


def _features(path: Path) -> list[dict]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContourImportError(
            f"Fichier introuvable : {path}. Indiquez le fichier GeoJSON des contours avec --geojson."
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ContourImportError(f"Le fichier {path} n'est pas un JSON valide : {exc}.") from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not features:
        raise ContourImportError(f"Le fichier {path} n'est pas une collection GeoJSON (« features » absent ou vide).")
    return features


def _polygons(feature: dict, index: int) -> tuple[str, str, list[list[list[float]]]]:
    props = feature.get("properties") or {}
    code, name = str(props.get("code") or ""), str(props.get("nom") or "")
    if not code:
        raise ContourImportError(f"Le contour n° {index + 1} n'a pas de code INSEE (propriété « code »).")
    geometry = feature.get("geometry") or {}
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        raise ContourImportError(f"Commune {code} : géométrie {kind!r} inattendue (Polygon ou MultiPolygon attendu).")
    # Outer rings only: at this scale a hole (an enclave) is drawn by the commune inside it.
    return code, name, [polygon[0] for polygon in polygons if polygon]


def build_document(geojson: Path) -> dict:
    """Read the GeoJSON file and return the document written to data/contours.json."""
    projected: dict[str, list[list[tuple[float, float]]]] = {}
    names: dict[str, str] = {}
    for index, feature in enumerate(_features(geojson)):
        code, name, outer_rings = _polygons(feature, index)
        if code in projected:
            raise ContourImportError(f"La commune {code} a deux contours dans {geojson}.")
        try:
            projected[code] = [[project(float(lon), float(lat)) for lon, lat, *_ in ring] for ring in outer_rings]
        except (TypeError, ValueError) as exc:
            raise ContourImportError(f"Commune {code} : coordonnées illisibles ({exc}).") from None
        names[code] = name
    xs = [x for rings in projected.values() for ring in rings for x, _ in ring]
    ys = [y for rings in projected.values() for ring in rings for _, y in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    scale = (WIDTH - 2 * MARGIN) / (x1 - x0)
    height = round((y1 - y0) * scale) + 2 * MARGIN
    # Screen units: x to the right, y downwards (north at the top).
    quantized = {
        code: [
            [(round((x - x0) * scale) + MARGIN, round((y1 - y) * scale) + MARGIN) for x, y in ring] for ring in rings
        ]
        for code, rings in projected.items()
    }
    simplified = simplify_shared(quantized, TOLERANCE)
    communes = []
    for code in sorted(simplified):
        rings = simplified[code]
        if not rings:
            raise ContourImportError(f"Commune {code} : le contour disparaît une fois simplifié.")
        communes.append(
            {"code": code, "nom": names[code], "anneaux": [[v for point in ring for v in point] for ring in rings]}
        )
    return {
        "source": SOURCE,
        "metres_par_unite": round(1 / scale, 1),
        "largeur": WIDTH,
        "hauteur": height,
        "communes": communes,
    }


def render(doc: dict) -> str:
    """Compact JSON, one commune a line (the checker locates a commune by its line)."""
    head = {k: v for k, v in doc.items() if k != "communes"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('"communes": [')
    items = [_commune_line(c) for c in doc["communes"]]
    lines.append(",\n".join(items))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def _commune_line(commune: dict) -> str:
    rings = json.dumps(commune["anneaux"], separators=(",", ":"))
    return f'{{"code": {json.dumps(commune["code"])}, "nom": {json.dumps(commune["nom"], ensure_ascii=False)}, "anneaux": {rings}}}'


def write(doc: dict, out: Path) -> None:
    out = Path(out)
    text = render(doc)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        raise ContourImportError(f"Impossible d'écrire {out} : {exc.strerror or exc}.") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="inge43 import-contours", description=f"Régénère {DEFAULT_OUT} à partir d'un fichier GeoJSON des communes."
    )
    parser.add_argument(
        "--geojson", type=Path, default=DEFAULT_GEOJSON, help=f"fichier source (défaut : {DEFAULT_GEOJSON})"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"fichier produit (défaut : {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    try:
        doc = build_document(args.geojson)
        write(doc, args.out)
    except ContourImportError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    points = sum(len(r) // 2 for c in doc["communes"] for r in c["anneaux"])
    print(f"{len(doc['communes'])} contours ({points} points) écrits dans {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
