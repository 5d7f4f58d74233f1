"""Maps of the communes: the outline import, the checker rule, what each map links and highlights.

Expected values come from the data files (communes.yml, territories.yml) or from shapes
written here by hand, never from the map code itself.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from playwright.sync_api import expect

from conftest import FIXTURES, ROOT, commune_count
from inge43.check.registry import run_checks
from inge43.generate.index import SiteIndex
from inge43.generate.pages import Renderer
from inge43.generate.pages.base import territory_map
from inge43.generate.pages.communes import commune_page, communes_index
from inge43.generate.pages.partners import partner_page
from inge43.generate.pdf import documents
from inge43.generate.urls import commune_uris, relative_url
from inge43.read.contours import load_contours
from inge43.tools import contours_import

REFERENCE = ROOT / "sources" / "communes-43-contours.geojson"  # the import's source, kept in the repository
SVG = "{http://www.w3.org/2000/svg}"
# Map links use xlink:href: Material's instant navigation rewrites every `href` attribute it finds
# and an SVG <a>'s `href` property is read-only (it threw and froze the site).
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
FIGURE = re.compile(r'<figure class="i43-map[^"]*">.*?</figure>', re.S)


@pytest.fixture(scope="module")
def real():
    result = run_checks(ROOT / "data")
    assert result.ok
    return Renderer(SiteIndex(result.dataset))


def _svg(html: str) -> ElementTree.Element:
    """The first map's <svg>, parsed as XML (so it must be well-formed)."""
    figure = FIGURE.search(html)
    assert figure, "aucune carte dans la page"
    svg = re.search(r"<svg.*?</svg>", figure.group(0), re.S).group(0)
    return ElementTree.fromstring(svg)


def _codes(svg: ElementTree.Element, css: str) -> list[str]:
    return sorted(p.get("data-code") for p in svg.iter(f"{SVG}path") if css in (p.get("class") or "").split())


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


def _square(code, name, x0, y0, size=0.1):
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return {
        "type": "Feature",
        "properties": {"code": code, "nom": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_import_projects_north_up_and_keeps_shared_borders(tmp_path):
    # Two squares side by side (sharing the border at lon 3.9) and one further north.
    features = [
        _square("43002", "Est", 3.9, 45.0),
        _square("43001", "Ouest", 3.8, 45.0),
        _square("43003", "Nord", 3.8, 45.3),
    ]
    source = tmp_path / "c.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    out = tmp_path / "contours.json"
    assert contours_import.main(["--geojson", str(source), "--out", str(out)]) == 0
    contours = load_contours(tmp_path)
    assert list(contours.rings) == ["43001", "43002", "43003"]  # sorted by code
    assert contours.width == contours_import.WIDTH
    west, east, north = (contours.rings[c][0] for c in ("43001", "43002", "43003"))
    assert max(y for _, y in north) < min(y for _, y in west)  # north is at the top (y grows downwards)
    # The conic projection slants meridians a little: compare the middles.
    assert sum(x for x, _ in west) / len(west) < sum(x for x, _ in east) / len(east)
    # The shared border: the same two points in both outlines.
    assert len(set(west) & set(east)) == 2
    # Merged outline of the two squares: one ring, with the shared border gone.
    (merged,) = contours.outline(["43001", "43002"])
    assert set(merged) == (set(west) | set(east))
    assert len(merged) == 6
    assert contours.names["43003"] == "Nord"
    # One commune a line, so the checker can point at it.
    lines = out.read_text(encoding="utf-8").splitlines()
    assert contours.lines["43002"] == 1 + next(i for i, line in enumerate(lines) if '"43002"' in line)


def test_import_errors_are_french_sentences(tmp_path, capsys):
    source = tmp_path / "bad.geojson"
    source.write_text(
        json.dumps({"type": "FeatureCollection", "features": [{"properties": {}, "geometry": None}]}), encoding="utf-8"
    )
    assert contours_import.main(["--geojson", str(source), "--out", str(tmp_path / "o.json")]) == 1
    assert "n'a pas de code INSEE" in capsys.readouterr().err
    assert contours_import.main(["--geojson", str(tmp_path / "absent.geojson"), "--out", str(tmp_path / "o.json")]) == 1
    assert "Fichier introuvable" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()


@pytest.mark.data
def test_outlines_match_the_communes_exactly():
    communes = {c["code"] for c in _yaml(ROOT / "data" / "communes.yml")["communes"]}
    stored = json.loads((ROOT / "data" / "contours.json").read_text(encoding="utf-8"))
    codes = [c["code"] for c in stored["communes"]]
    assert len(codes) == len(set(codes)) == commune_count()
    assert set(codes) == communes
    assert all(len(ring) >= 6 and len(ring) % 2 == 0 for c in stored["communes"] for ring in c["anneaux"])
    assert "IGN ADMIN EXPRESS" in stored["source"]["attribution"] and "Licence Ouverte" in stored["source"]["licence"]


@pytest.mark.data
def test_committed_outlines_are_the_import_of_the_reference_file(tmp_path):
    out = tmp_path / "contours.json"
    assert contours_import.main(["--geojson", str(REFERENCE), "--out", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "data" / "contours.json").read_bytes(), "relancez « make contours »"
    source = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert {f["properties"]["code"] for f in source["features"]} == set(load_contours(tmp_path).rings)


# ---------------------------------------------------------------------------
# Checker
# ---------------------------------------------------------------------------


def test_checker_reports_a_commune_without_outline_and_an_outline_without_commune(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    codes = [c["code"] for c in _yaml(data / "communes.yml")["communes"]]
    missing = codes[-1]
    outlines = [{"code": c, "nom": f"C{c}", "anneaux": [[0, 0, 10, 0, 10, 10]]} for c in codes[:-1]]
    outlines.append({"code": "99999", "nom": "Commune disparue", "anneaux": [[20, 0, 30, 0, 30, 10]]})
    doc = {"source": {}, "largeur": 100, "hauteur": 100, "communes": outlines}
    (data / "contours.json").write_text(contours_import.render(doc), encoding="utf-8")
    result = run_checks(data)
    found = [p for p in result.collector.errors if p.rule == "contours-communes"]
    assert len(found) == 2, [p.message for p in found]
    no_outline = next(p for p in found if missing in p.message)
    assert no_outline.file.endswith("communes.yml") and no_outline.line > 1
    orphan = next(p for p in found if "99999" in p.message)
    assert "Commune disparue" in orphan.message and "ne correspond à aucune commune" in orphan.message
    assert orphan.file.endswith("contours.json")
    line = (data / "contours.json").read_text(encoding="utf-8").splitlines()[orphan.line - 1]
    assert '"99999"' in line


def test_checker_reports_an_unreadable_outline_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    (data / "contours.json").write_text("{pas du json", encoding="utf-8")
    problems = [p for p in run_checks(data).collector.errors if p.rule == "contours-illisibles"]
    assert problems and "make contours" in problems[0].tip


# ---------------------------------------------------------------------------
# Maps in the pages
# ---------------------------------------------------------------------------


@pytest.mark.data
def test_communes_index_map_links_every_commune_to_its_page(real):
    communes = _yaml(ROOT / "data" / "communes.yml")["communes"]
    epci_names = {e["code"]: e["nom"] for e in _yaml(ROOT / "data" / "communes.yml")["epci"]}
    html = communes_index(real).content
    svg = _svg(html)
    links = {a.get("aria-label"): a.get(XLINK_HREF) for a in svg.iter(f"{SVG}a")}
    assert [a for a in svg.iter(f"{SVG}a") if a.get("href") is not None] == []
    assert len(links) == len(communes) == commune_count()
    uris = commune_uris(real.index.ds)
    for commune in communes:
        assert links[commune["nom"]] == relative_url("communes/index.md", uris[commune["code"]])
    titles = {t.text for t in svg.iter(f"{SVG}title")}
    assert f"{communes[0]['nom']} ({epci_names[communes[0]['epci']]})" in titles
    # Legend: every intercommunality, and the attribution; the A–Z list is still there.
    figure = FIGURE.search(html).group(0)
    for name in epci_names.values():
        assert f"{name}</li>" in figure.replace("&#39;", "'")
    assert "Contours : IGN ADMIN EXPRESS, Licence Ouverte" in figure
    assert 'id="lettre-a"' in html or "lettre-a" in html


def test_commune_page_locates_the_commune_in_its_intercommunality(real):
    commune = real.index.ds.commune_by_code["43003"]  # Allègre
    epci = real.index.ds.epci_by_code[commune.epci]
    html = commune_page(real, commune).content
    svg = _svg(html)
    title = svg.find(f"{SVG}title").text
    assert commune.nom in title and epci.nom in title
    assert len([p for p in svg.iter(f"{SVG}path") if p.get("class") == "i43-map__here"]) == 1
    assert "Contours : IGN ADMIN EXPRESS, Licence Ouverte" in FIGURE.search(html).group(0)
    assert len(FIGURE.search(html).group(0).encode()) < 15 * 1024


@pytest.mark.data
def test_park_map_draws_named_and_unconfirmed_communes_apart(real):
    parks = _yaml(ROOT / "data" / "territories.yml")["pnr"]
    for park in parks:
        partner = real.index.ds.partner_by_id[park["partenaire"]]
        html = partner_page(real, partner).content
        svg = _svg(html)
        assert _codes(svg, "i43-map__on") == sorted(park["communes"])
        assert _codes(svg, "i43-map__doubt") == sorted(park["communes_a_confirmer"])
        figure = FIGURE.search(html).group(0)
        assert "Communes nommées par les sources" in figure
        assert ("Communes à confirmer" in figure) == bool(park["communes_a_confirmer"])
        # Each drawn commune links to its page.
        hrefs = {a.get(XLINK_HREF) for a in svg.iter(f"{SVG}a")}
        assert [a for a in svg.iter(f"{SVG}a") if a.get("href") is not None] == []
        uris = commune_uris(real.index.ds)
        assert hrefs == {
            relative_url(f"partenaires/{partner.id}.md", uris[c])
            for c in park["communes"] + park["communes_a_confirmer"]
        }


@pytest.mark.data
def test_arrondissement_and_epci_territories_are_their_member_communes(real):
    communes = _yaml(ROOT / "data" / "communes.yml")["communes"]
    for partner in real.index.partners:
        t = partner.territoire
        if t.departement:
            assert FIGURE.search(partner_page(real, partner).content) is None  # whole département: no map
            continue
        if t.pnr:
            continue
        expected = sorted(
            {c["code"] for c in communes if c["arrondissement"] in t.arrondissements or c["epci"] in t.epci}
            | set(t.communes)
        )
        assert _codes(_svg(partner_page(real, partner).content), "i43-map__on") == expected, partner.id


@pytest.mark.data
def test_territory_map_helper_for_other_pages(real):
    """The `territory_map(codes)` function that templates get (e.g. intercommunality pages)."""
    epci = real.index.ds.epcis[0]
    members = sorted(c["code"] for c in _yaml(ROOT / "data" / "communes.yml")["communes"] if c["epci"] == epci.code)
    html = str(territory_map(real.index, "epci/x.md", members, label=f"Communes de {epci.nom}"))
    svg = _svg(html)
    assert _codes(svg, "i43-map__on") == members
    assert svg.get("aria-label") == f"Communes de {epci.nom}"


def test_map_text_is_escaped_and_nothing_is_fetched(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    doc = _yaml(data / "communes.yml")
    doc["communes"][0]["nom"] = 'Saint-<script>alert(1)</script> "x" & {{ config }}'
    (data / "communes.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    codes = [c["code"] for c in doc["communes"]]
    outlines = [
        {"code": c, "nom": c, "anneaux": [[i * 10, 0, i * 10 + 10, 0, i * 10 + 10, 10, i * 10, 10]]}
        for i, c in enumerate(codes)
    ]
    (data / "contours.json").write_text(
        contours_import.render({"source": {}, "largeur": 100, "hauteur": 20, "communes": outlines}), encoding="utf-8"
    )
    result = run_checks(data)
    # The validator refuses the markup (rule « balisage »); the map must escape it all the same.
    assert {p.rule for p in result.collector.errors} == {"balisage"}
    html = communes_index(Renderer(SiteIndex(result.dataset))).content
    figure = FIGURE.search(html).group(0)
    assert "<script>" not in figure
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in figure
    svg = _svg(html)  # still well-formed XML
    assert 'Saint-<script>alert(1)</script> "x" & {{ config }}' in {a.get("aria-label") for a in svg.iter(f"{SVG}a")}
    # Only the namespaces: nothing is fetched.
    assert re.findall(r"https?://[^\"]+", figure) == ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]


@pytest.mark.data
def test_partner_pdf_sheets_of_the_parks_show_their_perimeter(real):
    parks = _yaml(ROOT / "data" / "territories.yml")["pnr"]
    docs = {d.path: d.html for d in documents(real.index)}
    for park in parks:
        html = docs[f"pdf/partenaires/{park['partenaire']}.pdf"]
        svg = _svg(html)
        assert _codes(svg, "i43-map__on") == sorted(park["communes"])
        assert not list(svg.iter(f"{SVG}a"))  # no links on paper
        # Print colours are presentation attributes (no CSS variable needed by WeasyPrint).
        assert all(p.get("fill") for p in svg.iter(f"{SVG}path"))
        assert "Contours : IGN ADMIN EXPRESS, Licence Ouverte" in html


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------


FIND_POINT = """([name]) => {
  const link = document.querySelector(`figure.i43-map--communes a[aria-label="${name}"]`);
  const box = link.getBoundingClientRect();
  for (let fy = 0.5; fy < 1; fy += 0.1) for (const sy of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.1) for (const sx of [1, -1]) {
    const x = box.left + box.width * (0.5 + sx * (fx - 0.5)), y = box.top + box.height * (0.5 + sy * (fy - 0.5));
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.closest("a") === link) return [x, y, box.width, box.height];
  }
  return null;
}"""


@pytest.mark.browser
def test_tapping_a_commune_on_a_phone_opens_its_page(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(served_site + "/communes/")
        figure = page.locator("figure.i43-map--communes")
        figure.scroll_into_view_if_needed()
        assert figure.bounding_box()["width"] <= 390
        point = page.evaluate(FIND_POINT, ["Saugues"])
        assert point, "Saugues n'est pas atteignable sur la carte"
        x, y, width, height = point
        assert min(width, height) >= 20  # big enough to tap
        page.touchscreen.tap(x, y)
        page.wait_for_url("**/communes/saugues/")
        expect(page.locator("h1")).to_have_text("Saugues")  # instant navigation: the address changes first
        assert page.locator("figure.i43-map--locator svg title").first.text_content().startswith("Saugues")
    finally:
        context.close()


# ---------------------------------------------------------------------------
# Weight: a map grows with what it highlights, not with the number of communes
# ---------------------------------------------------------------------------


def _grid(side: int, epci_rows: int = 0):
    """`side` x `side` square communes of 10 units sharing their borders, written by hand here.

    With `epci_rows`, the first `epci_rows` rows form intercommunality A and the rest B.
    """
    from types import SimpleNamespace

    from inge43.read.contours import Contours

    rings, communes = {}, []
    for row in range(side):
        for col in range(side):
            code = f"{row:03d}{col:03d}"
            x, y = col * 10, row * 10
            rings[code] = [[(x, y), (x + 10, y), (x + 10, y + 10), (x, y + 10)]]
            epci = ("A" if row < epci_rows else "B") if epci_rows else None
            communes.append(SimpleNamespace(code=code, nom=f"Commune {code}", epci=epci))
    epcis = [SimpleNamespace(code=c, nom=f"Interco {c}") for c in ("A", "B")] if epci_rows else []
    ds = SimpleNamespace(
        communes=communes,
        epcis=epcis,
        epci_by_code={e.code: e for e in epcis},
        commune_by_code={c.code: c for c in communes},
    )
    return ds, Contours(side * 10, side * 10, rings)


def _points(d: str) -> list[list[tuple[int, int]]]:
    """Absolute points of each sub-path of SVG path data written as M x y l dx dy … (z)."""
    out = []
    for part in re.findall(r"M[^M]+", d):
        numbers = [int(n) for n in re.findall(r"-?\d+", part)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        out.append(points)
    return out


def test_intercommunality_borders_are_one_path_each_border_once():
    from inge43.generate.maps import MapMaker

    ds, contours = _grid(3, epci_rows=1)  # row 0: A; rows 1-2: B; the border between them is y = 10
    maps = MapMaker(ds, contours)
    (line,) = _points(maps.epci_borders)
    # One line along y = 10 from x = 0 to x = 30, once (its middle points may be simplified away).
    assert sorted([line[0], line[-1]]) == [(0, 10), (30, 10)]
    assert all(y == 10 for _, y in line) and len(set(line)) == len(line)
    html = str(maps.territory_map(["001001"], label="t"))
    assert html.count('class="i43-map__epci"') == 1


def test_territory_map_weight_does_not_grow_with_the_communes_around():
    from inge43.generate.maps import MapMaker

    highlighted = ["001001", "001002", "002001"]
    small = str(MapMaker(*_grid(10)).territory_map(highlighted, label="t"))
    large = str(MapMaker(*_grid(60)).territory_map(highlighted, label="t"))  # 3,600 communes around
    # Drawing every commune would add at least 20 bytes for each of the 3,500 more communes.
    assert len(large) - len(small) < 3_000, (len(small), len(large))
    svg = _svg(large)
    assert _codes(svg, "i43-map__on") == highlighted


def test_commune_locator_stays_small_at_region_scale():
    from inge43.generate.maps import MapMaker

    ds, contours = _grid(64, epci_rows=32)  # 4,096 communes, two intercommunalities
    maps = MapMaker(ds, contours)
    html = str(maps.locator(ds.commune_by_code["010010"]))
    assert len(html.encode()) < 4 * 1024
    assert len([p for p in _svg(html).iter(f"{SVG}path") if p.get("class") == "i43-map__here"]) == 1


def test_a_large_territory_is_one_area_without_links():
    from inge43.generate.maps import LINKED_COMMUNES_MAX, MapMaker

    ds, contours = _grid(20)  # 400 communes
    codes = [c.code for c in ds.communes]
    assert len(codes) > LINKED_COMMUNES_MAX
    html = str(MapMaker(ds, contours).territory_map(codes, label="t", link=lambda code: f"../{code}/"))
    svg = _svg(html)
    assert not list(svg.iter(f"{SVG}a"))
    areas = [p for p in svg.iter(f"{SVG}path") if "i43-map__area" in (p.get("class") or "")]
    assert len(areas) == 1
    (ring,) = _points(areas[0].get("d"))  # the outer square of the 20 x 20 communes
    assert {(0, 0), (200, 0), (200, 200), (0, 200)} <= set(ring)
    assert all(x in (0, 200) or y in (0, 200) for x, y in ring)
    assert "(400)" in html  # the legend still counts every commune
    assert len(html.encode()) < 10 * 1024


def test_commune_locator_draws_the_departement_from_one_shared_file():
    """The département's outline is the same on every commune page: with `land`, the locator draws
    it from LOCATOR_LAND (`<use>`, one file cached by the browser) instead of repeating it."""
    from inge43.generate.maps import LOCATOR_LAND, MapMaker

    ds, contours = _grid(16)
    maps = MapMaker(ds, contours)
    commune = ds.commune_by_code["010010"]
    inline, shared = _svg(str(maps.locator(commune))), _svg(str(maps.locator(commune, f"../../{LOCATOR_LAND}")))
    outline = next(p for p in inline.iter(f"{SVG}path") if p.get("class") == "i43-map__land").get("d")
    assert not [p for p in shared.iter(f"{SVG}path") if p.get("class") == "i43-map__land"]
    uses = list(shared.iter(f"{SVG}use"))
    # xlink:href, not href: Material's instant navigation rewrites every `href` and <use> refuses it.
    links = [(u.get("class"), u.get("{http://www.w3.org/1999/xlink}href"), u.get("href")) for u in uses]
    assert links == [("i43-map__land", f"../../{LOCATOR_LAND}#land", None)]
    land = ElementTree.fromstring(maps.locator_land())
    assert land.get("viewBox") == inline.get("viewBox")
    assert [(p.get("id"), p.get("d")) for p in land.iter(f"{SVG}path")] == [("land", outline)]
