"""Open data files, vCards, JSON-LD and edit links match the data they come from."""

from __future__ import annotations

import csv
import json
import re

import vobject

from conftest import FIXTURES
from inge43.check.registry import run_checks
from inge43.generate import eligibility
from inge43.generate.exports import OFFER_COLUMNS, PARTNER_COLUMNS
from inge43.generate.index import SiteIndex
from inge43.generate.links import RecordLinks, Repository
from inge43.generate.pages import Renderer
from inge43.generate.pages.partners import partner_page

DATA = FIXTURES / "valid"


def _dataset():
    result = run_checks(DATA)
    assert result.ok
    return result.dataset


def test_csv_and_json_match_the_data(fixture_site):
    ds = _dataset()
    folder = fixture_site / "donnees"
    with (folder / "partenaires.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == PARTNER_COLUMNS
    assert sorted(r["id"] for r in rows) == sorted(p.id for p in ds.partners)
    assert rows[0]["guichet_unique"] == "true"  # the single entry point comes first

    with (folder / "offres.csv").open(encoding="utf-8", newline="") as f:
        offers = list(csv.DictReader(f))
    assert list(offers[0]) == OFFER_COLUMNS
    assert sorted((o["partenaire_id"], o["offre_id"]) for o in offers) == sorted(
        (p.id, o.id) for p in ds.partners for o in p.offres
    )

    partners_json = json.loads((folder / "partenaires.json").read_text(encoding="utf-8"))
    assert {p["id"] for p in partners_json} == {p.id for p in ds.partners}
    offers_json = json.loads((folder / "offres.json").read_text(encoding="utf-8"))
    assert [(o["partenaire_id"], o["offre_id"]) for o in offers_json] == [
        (o["partenaire_id"], o["offre_id"]) for o in offers
    ]
    for as_json, as_csv in zip(offers_json, offers, strict=True):
        assert " | ".join(as_json["domaines"]) == as_csv["domaines"]
        assert as_json["population_max"] == _int(as_csv["population_max"])
    domains = json.loads((folder / "domaines.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in domains] == [d.id for d in ds.domains]

    communes = json.loads((folder / "communes.json").read_text(encoding="utf-8"))
    assert [c["code"] for c in communes] == [c.code for c in ds.communes]
    # Partners of the whole département are never repeated under each commune; local ones are listed by id.
    everywhere = {p.id for p in ds.partners if p.territoire.departement}
    local = {p.id for p in ds.partners if not p.territoire.departement}
    assert everywhere and local
    listed = {pid for c in communes for pid in c["partenaires_du_territoire"]}
    assert listed and listed <= local
    by_code = {c.code: c for c in ds.communes}
    for entry in communes:
        covering = [p.id for p in eligibility.partners_for(ds, by_code[entry["code"]]) if p.id in local]
        assert entry["partenaires_du_territoire"] == covering


def _int(value: str):
    return int(value) if value else None


def test_vcards_parse_back(fixture_site):
    for partner in _dataset().partners:
        text = (fixture_site / "donnees" / "vcard" / f"{partner.id}.vcf").read_text(encoding="utf-8")
        card = vobject.readOne(text)
        assert card.fn.value == partner.nom
        if partner.contact.telephone:
            digits = re.sub(r"\D", "", partner.contact.telephone)[1:]
            assert card.tel.value == "+33" + digits
        if partner.contact.courriel:
            assert card.email.value == partner.contact.courriel


def _json_ld_blocks(html: str) -> tuple[list[str], list[str]]:
    """The JSON-LD scripts of a built page: (in <head>, in <body>)."""
    head, body = html.split("</head>", 1)
    pattern = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
    return pattern.findall(head), pattern.findall(body)


def test_partner_pages_carry_json_ld_in_the_head(fixture_site):
    """In <head> only: Material's instant navigation re-runs the article's scripts as JavaScript."""
    for partner in _dataset().partners:
        html = (fixture_site / "partenaires" / partner.id / "index.html").read_text(encoding="utf-8")
        in_head, in_body = _json_ld_blocks(html)
        assert len(in_head) == 1 and in_body == [], partner.id
        data = json.loads(in_head[0])
        assert data["@type"] == "GovernmentOrganization" and data["name"] == partner.nom


def test_other_pages_carry_no_json_ld(fixture_site):
    for page in ("index.html", "partenaires/index.html", "domaines/index.html"):
        assert _json_ld_blocks((fixture_site / page).read_text(encoding="utf-8")) == ([], []), page


def test_hostile_text_cannot_close_the_json_ld_script(fixture_site):
    ds = _dataset()
    hostile = next(p for p in ds.partners if "<script>" in p.description)
    html = (fixture_site / "partenaires" / hostile.id / "index.html").read_text(encoding="utf-8")
    (block,), _ = _json_ld_blocks(html)
    assert "<" not in block and ">" not in block and "&" not in block  # escaped as \\u003c… inside the JSON
    assert json.loads(block)["description"] == " ".join(hostile.description.split())


def test_edit_links_point_at_the_record_line():
    ds = _dataset()
    site = Renderer(SiteIndex(ds), RecordLinks(Repository(url="https://github.com/exemple/inge43", branch="main")))
    lines = (DATA / "partners.yml").read_text(encoding="utf-8").splitlines()
    for partner in ds.partners:
        content = partner_page(site, partner).content
        edit = re.search(r'href="([^"]+)"[^>]*>Modifier cette fiche', content).group(1).replace("&amp;", "&")
        assert edit.startswith("https://github.com/exemple/inge43/edit/main/data/partners.yml#L")
        line = int(edit.rsplit("#L", 1)[1])
        assert re.match(rf"\s*-?\s*id:\s*{re.escape(partner.id)}\s*$", lines[line - 1]), lines[line - 1]
        # « Signaler une erreur » needs no account: the report page, not the repository's form.
        assert re.search(r'href="\.\./\.\./signaler/"[^>]*>Signaler une erreur</a>', content)


def test_no_edit_links_without_a_repository():
    ds = _dataset()
    assert "Modifier cette fiche" not in partner_page(Renderer(SiteIndex(ds)), ds.partners[0]).content
