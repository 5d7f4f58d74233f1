"""Pages stay light at region scale (issue 11: no page over 100 KB), and nothing disappears.

A region build takes a minute: these tests render pages from the real data with the
thresholds lowered, so the region-scale shapes (compact offers, split communes index) are
exercised on data small enough to check by hand. Expected values are read from the data
itself, never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import shutil
import unicodedata

import pytest
import yaml
from markupsafe import escape

from conftest import ROOT
from inge43.check.registry import run_checks
from inge43.generate import index as index_module
from inge43.generate.index import SiteIndex
from inge43.generate.pages import Renderer, build_pages
from inge43.generate.pages import domains as domains_module
from inge43.generate.pages import reference as reference_module
from inge43.generate.pages.communes import commune_page
from inge43.generate.pages.domains import domain_page
from inge43.generate.pages.intercommunalities import intercommunality_page
from inge43.generate.pages.partners import partners_index
from inge43.generate.pages.reference import glossary_pages
from inge43.generate.whitespace import collapse_whitespace
from inge43.read.text import slugify

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def ds():
    return run_checks(ROOT / "data").dataset


def _busiest_domain(ds):
    """The domain with the most offers, counted from the partners file."""
    counts = {d.id: sum(d.id in o.domaines for p in ds.partners for o in p.offres) for d in ds.domains}
    return ds.domain_by_id[max(counts, key=counts.get)]


# -- domain pages ------------------------------------------------------------------------------


def test_domain_page_details_the_first_offers_and_lists_every_other(ds, monkeypatch):
    monkeypatch.setattr(domains_module, "DOMAIN_OFFERS_DETAILED_PER_PHASE", 1)
    domain = _busiest_domain(ds)
    offers = [(p, o) for p in ds.partners for o in p.offres if domain.id in o.domaines]
    assert len(offers) > 6, "the real data should have a domain with many offers"
    html = domain_page(Renderer(SiteIndex(ds)), domain).content

    cards = re.findall(r'<li class="i43-card" id="offre-([^"]+)"', html)
    assert 1 <= len(cards) <= 3  # one per phase at most, three phases
    # Every offer of the domain keeps an anchor on the page and a link to its partner's page.
    for partner, offer in offers:
        assert f'id="offre-{partner.id}-{offer.id}"' in html, offer.id
        assert f'href="../../partenaires/{partner.id}/#offre-{offer.id}"' in html, offer.id
    compact = re.search(r'<ul class="i43-offer-list">(.*?)</ul>', html, re.S).group(1)
    assert compact.count("<li ") == len(offers) - len(cards)
    assert "../../trouver/?" in html  # the finder, which shows them all
    assert f"{len(offers) - len(cards)} autres" in html
    assert '<h3 id="les-autres-offres" data-search-exclude>' in html  # a list of links: not a search result


def test_domain_page_table_stops_after_the_first_partners(ds, monkeypatch):
    monkeypatch.setattr(domains_module, "DOMAIN_TABLE_PARTNERS", 2)
    domain = _busiest_domain(ds)
    partners = {p.id for p in ds.partners for o in p.offres if domain.id in o.domaines}
    assert len(partners) > 3, "the real data should have a domain with many partners"
    html = domain_page(Renderer(SiteIndex(ds)), domain).content
    table = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    assert table.count('<tr><th scope="row">') == 2
    assert f"Et {len(partners) - 2} autres partenaires : leurs offres sont" in html
    for partner in ds.partners:  # every offer keeps its anchor on the page
        for offer in partner.offres:
            if domain.id in offer.domaines:
                assert f'id="offre-{partner.id}-{offer.id}"' in html, offer.id


def test_domain_page_details_everything_when_offers_are_few(ds):
    # Haute-Loire today: no phase of this small domain has more than the detailed number.
    small = min(ds.domains, key=lambda d: sum(d.id in o.domaines for p in ds.partners for o in p.offres))
    html = domain_page(Renderer(SiteIndex(ds)), small).content
    assert 'class="i43-offer-list"' not in html


def test_domain_page_keeps_ingé43_and_the_orientation_lines(ds, monkeypatch):
    monkeypatch.setattr(domains_module, "DOMAIN_OFFERS_DETAILED_PER_PHASE", 0)
    entry = next(p for p in ds.partners if p.guichet_unique)
    assert entry.contact.telephone
    for domain in ds.domains:
        html = domain_page(Renderer(SiteIndex(ds)), domain).content
        assert 'href="tel:' in html and entry.contact.telephone in html, domain.id
        for phase, reason in domain.sans_offre_connue.items():
            assert f"{phase.label} : {escape(reason)}" in html, (domain.id, phase)


def test_general_funding_is_cut_with_a_link_to_the_financing_page(ds, monkeypatch):
    monkeypatch.setattr(domains_module, "GENERAL_FUNDING_SHOWN", 1)
    funding = [o for p in ds.partners for o in p.offres if "financement" in o.domaines]
    assert len(funding) > 2
    other = next(d for d in ds.domains if d.id != "financement" and not any(d.id in o.domaines for o in funding))
    html = domain_page(Renderer(SiteIndex(ds)), other).content
    assert f"Et {len(funding) - 1} autres : voyez la page" in html
    assert 'href="../financement/"' in html


# -- communes index ----------------------------------------------------------------------------


def _commune_links(html):
    return re.findall(r'href="([^"]+)">[^<]*</a> <span class="i43-muted">', html)


def test_communes_index_lists_every_commune_below_the_threshold(ds):
    assert len(ds.communes) <= index_module.COMMUNES_INDEX_SPLIT_ABOVE  # Haute-Loire stays on one page
    generated = build_pages(Renderer(SiteIndex(ds)), TODAY)
    index = next(p for p in generated if p.uri == "communes/index.md").content
    assert len(_commune_links(index)) == len(ds.communes)
    assert not [p for p in generated if p.uri.startswith("communes/a-z/")]


def test_communes_index_splits_by_initial_above_the_threshold(ds, monkeypatch):
    monkeypatch.setattr(index_module, "COMMUNES_INDEX_SPLIT_ABOVE", 100)
    generated = {p.uri: p for p in build_pages(Renderer(SiteIndex(ds)), TODAY)}
    index = generated["communes/index.md"].content
    # No link to a commune page from the index itself: letters and intercommunalities only.
    commune_pages = {f"../communes/{slugify(c.nom)}/" for c in ds.communes}
    assert not commune_pages & set(re.findall(r'href="([^"]+)"', index))
    initials = sorted({slugify(c.nom)[0] for c in ds.communes})
    letter_pages = sorted(u for u in generated if u.startswith("communes/a-z/"))
    assert letter_pages == sorted(f"communes/a-z/{i}.md" for i in initials)
    for initial in initials:
        assert f'href="a-z/{initial}/"' in index
    # Every commune is listed once, on the page of its initial, and only there.
    listed = []
    for uri in letter_pages:
        page = generated[uri]
        assert not page.in_nav
        assert "exclude: true" in page.content.split("---")[1]  # out of the search index
        names = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="i43-muted">', page.content)
        assert all(slugify(n)[0] == uri[-4] for n in names)
        listed += names
    assert sorted(listed) == sorted(str(escape(c.nom)) for c in ds.communes)
    # The map draws the intercommunalities, each a link to its page.
    svg = re.search(r"<svg.*?</svg>", index, re.S).group(0)
    assert len(re.findall(r"<a xlink:href=", svg)) == len({c.epci for c in ds.communes if c.epci})
    assert all(h.startswith("../intercommunalites/") for h in re.findall(r'<a xlink:href="([^"]+)"', svg))


# -- glossary, partners index, team report ---------------------------------------------------------


def test_glossary_keeps_every_source_once(ds):
    pages = glossary_pages(Renderer(SiteIndex(ds)))
    html = "".join(page.content for page in pages)
    for term in ds.terms:
        entries = re.findall(rf'<dt id="sigle-[^"]*">{re.escape(str(escape(term.sigle)))}[ <].*?</dd>', html, re.S)
        assert len(entries) == 1, term.sigle  # defined once, on the one page or on its initial's page
        # « Signaler une erreur » under each term (issue 24), then the term's own addresses
        entry, report = re.subn(r'<p class="i43-report"><a href="[^"]+">Signaler une erreur</a></p>', "", entries[0])
        assert report == 1, term.sigle
        hrefs = [html_lib.unescape(h) for h in re.findall(r'href="([^"]+)"', entry)]
        assert sorted(set(hrefs)) == sorted(set(term.sources) | ({term.lien} if term.lien else set())), term.sigle
        assert len(hrefs) == len(set(hrefs)), f"{term.sigle}: an address shown twice"


def _anchor(sigle: str) -> str:
    """`Régime forestier` -> `sigle-regime-forestier`, written here from the rule, not the code's."""
    ascii_sigle = unicodedata.normalize("NFKD", sigle).encode("ascii", "ignore").decode().lower()
    return "sigle-" + re.sub("[^a-z0-9]+", "-", ascii_sigle).strip("-")


@pytest.mark.parametrize("split_above", [0, 10_000])
def test_glossary_split_keeps_an_anchor_and_a_definition_per_term(ds, monkeypatch, split_above):
    """Split or not, every term has its anchor on glossaire/ (search results point there) and its
    definition on exactly one page, which the anchor leads to."""
    monkeypatch.setattr(reference_module, "GLOSSARY_SPLIT_ABOVE", split_above)
    pages = glossary_pages(Renderer(SiteIndex(ds)))
    index = pages[0]
    assert index.uri == "glossaire.md"
    anchors = {term.sigle: _anchor(term.sigle) for term in ds.terms}
    assert len(pages) == (1 if split_above else 1 + len({a[len("sigle-")] for a in anchors.values()}))
    for term in ds.terms:
        anchor = anchors[term.sigle]
        initial = anchor[len("sigle-")]
        assert f'id="{anchor}"' in index.content, term.sigle
        defined = [p for p in pages if f'<dt id="{anchor}"' in p.content]
        assert len(defined) == 1, term.sigle
        if split_above == 0:
            letter_page = defined[0]
            assert letter_page.uri == f"glossaire/{initial}.md" and not letter_page.in_nav
            assert f'href="{initial}/#{anchor}"' in index.content, term.sigle


def test_partners_index_and_team_report_name_each_partner_once(ds):
    site = Renderer(SiteIndex(ds))
    index = partners_index(site).content
    for partner in ds.partners:
        assert index.count(f'href="{partner.id}/"') == 1, partner.id
    report = reference_module.team_report(site, TODAY).content
    fields = ("adresse", "telephone", "courriel", "site_web")
    missing = [p for p in ds.partners if not all(getattr(p.contact, f) for f in fields)]
    assert missing
    section = report.split('id="contacts-a-completer"')[1].split("<h2")[0]
    for partner in missing:
        assert section.count(f'href="../../partenaires/{partner.id}/"') == 1, partner.id


# -- whitespace ------------------------------------------------------------------------------------


def test_collapse_whitespace_keeps_what_shows():
    html = (
        '<div>\n    <p>Un\n      deux</p>\n\n\n  <pre>  a\n\n    b</pre>\n  <script>x = "1";\n\n  y()</script>\n</div>'
    )
    out = collapse_whitespace(html)
    assert out == '<div>\n<p>Un\ndeux</p>\n<pre>  a\n\n    b</pre>\n<script>x = "1";\n\n  y()</script>\n</div>'


@pytest.mark.parametrize(
    "html, expected",
    [
        ("a  \t\n \n  b", "a\nb"),  # spaces before, blank lines and indentation after: one break
        ("  a\n", "  a\n"),  # whitespace without a line break is kept, so is the last break
        ("\n\n", "\n"),
        ("a\r\n  b", "a\r\nb"),  # only spaces and tabs are taken before the break
        ("a \u00a0 b", "a \u00a0 b"),  # no break: untouched
        ("<textarea>\n  x\n</textarea>\n  <b>", "<textarea>\n  x\n</textarea>\n<b>"),
    ],
)
def test_collapse_whitespace_edges(html, expected):
    assert collapse_whitespace(html) == expected


# -- growth: pages grow with the records, not with their product (issue 25) -------------------------


def _with_extra_partners(src, dst, territories):
    """A copy of the data folder `src` with one made-up partner per territory of `territories`
    (each with one offer in the « juridique » domain, open to every commune)."""
    shutil.copytree(src, dst)
    doc = yaml.safe_load((dst / "partners.yml").read_text(encoding="utf-8"))
    template = next(p for p in doc["partenaires"] if not p.get("guichet_unique") and not p["signataire_charte"])
    for n, territory in enumerate(territories):
        doc["partenaires"].append(
            {
                "id": f"essai-croissance-{n}",
                "nom": f"Partenaire d'essai numéro {n}",
                "categorie": "association",
                "signataire_charte": False,
                "description": f"Partenaire inventé pour mesurer le poids des pages ({n}).",
                "territoire": territory,
                "offres": [
                    {
                        "id": "conseil",
                        "titre": f"Conseil d'essai {n}",
                        "description": "Offre inventée pour l'essai.",
                        "domaines": ["juridique"],
                        "phases": ["conception"],
                        "nature": "conseil",
                        "sources": ["https://exemple.invalid/essai"],
                    }
                ],
                "sources": ["https://exemple.invalid/essai"],
                "verifie_le": template["verifie_le"],
            }
        )
    dumper = type(
        "NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True}
    )  # the checker refuses &/*
    (dst / "partners.yml").write_text(
        yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def test_commune_page_does_not_grow_with_the_partners_of_wider_territories(tmp_path):
    """80 more partners covering the whole département, the commune's whole intercommunality or its arrondissement:
    the commune page counts them and links to the pages that list them (the partners' index, the
    intercommunality's page, the domain's page, the finder); it does not repeat them, so 4,000
    commune pages do not each grow with the number of partners."""
    communes = yaml.safe_load((ROOT / "data" / "communes.yml").read_text(encoding="utf-8"))["communes"]
    allegre = next(c for c in communes if c["nom"] == "Allègre")
    territories = ["departement"] * 30 + [{"epci": [allegre["epci"]]} for _ in range(30)]
    # Its intercommunality spreads over two arrondissements: partners of Allègre's arrondissement cover
    # the intercommunality's part there (listed under that part, on the intercommunality's page).
    territories += [{"arrondissements": [allegre["arrondissement"]]} for _ in range(20)]
    _with_extra_partners(ROOT / "data", tmp_path / "data", territories)
    before_ds = run_checks(ROOT / "data").dataset
    checked = run_checks(tmp_path / "data")
    assert checked.ok, checked.collector.errors
    after_ds = checked.dataset

    def page(ds):
        commune = next(c for c in ds.communes if c.code == allegre["code"])
        return commune_page(Renderer(SiteIndex(ds)), commune).content

    before, after = page(before_ds), page(after_ds)
    assert len(after.encode()) - len(before.encode()) < 200  # a few counts change, nothing is listed
    assert "essai-croissance" not in after and "Conseil d&#39;essai" not in after
    # Each made-up partner is listed once where its territory is: the intercommunality's page for those
    # of its whole territory; the juridique count of the commune includes all 60 offers.
    view = next(v for v in SiteIndex(after_ds).intercommunalities if v.epci.code == allegre["epci"])
    interco = intercommunality_page(Renderer(SiteIndex(after_ds)), view).content
    assert len({c.arrondissement for c in view.members}) > 1
    part = interco[interco.index(f'id="partenaires-arrondissement-{allegre["arrondissement"]}"') :]
    for n in range(30, 80):
        assert interco.count(f'href="../../partenaires/essai-croissance-{n}/"') == 1, n
        assert (f'href="../../partenaires/essai-croissance-{n}/"' in part) is (n >= 60), n
    count = lambda html: int(re.search(r">Questions juridiques</a> : (\d+) offres", html).group(1))  # noqa: E731
    assert count(after) == count(before) + 80


# The communes index of Haute-Loire (257 communes) shows a map where every commune is a link: issue
# 15 allows that map 150 KB on its own, so the page is held to 150 KB; at region scale it is split.
PAGE_LIMIT, COMMUNES_INDEX_LIMIT, FILE_LIMIT = 100 * 1024, 150 * 1024, 10 * 1024 * 1024


def test_real_site_pages_and_files_stay_light(real_site):
    """Issue 25: no page over 100 KB (the communes index: 150 KB, its map), no file over 10 MB."""
    heavy = []
    for path in real_site.rglob("*"):
        if not path.is_file():
            continue
        name, size = path.relative_to(real_site).as_posix(), path.stat().st_size
        limit = FILE_LIMIT
        if name.endswith(".html"):
            limit = COMMUNES_INDEX_LIMIT if name == "communes/index.html" else PAGE_LIMIT
        if size > limit:
            heavy.append(f"{name} ({size // 1024} Ko)")
    assert heavy == []
