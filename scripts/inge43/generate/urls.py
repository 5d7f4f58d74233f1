"""Addresses of the generated pages and relative links between them (no MkDocs import)."""

from __future__ import annotations

from collections import defaultdict

from ..read.dataset import Dataset
from ..read.model import RESERVED_COMMUNE_SLUGS, Domain, Guide, Partner
from ..read.text import slugify


def page_url(uri: str) -> str:
    """Directory URL of a source page (MkDocs `use_directory_urls: true`)."""
    stem = uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """Link from one page to another, both directory URLs (`../cdg-43/#contact`).

    Plain string work on the folder names (no `posixpath.relpath`, which asks the file system for
    the current folder at every call: pages make tens of thousands of links per build)."""
    here = [part for part in page_url(from_uri).split("/") if part]
    target = [part for part in page_url(to_uri).split("/") if part]
    common = 0
    while common < min(len(here), len(target)) and here[common] == target[common]:
        common += 1
    parts = [".."] * (len(here) - common) + target[common:]
    rel = "/".join(parts) + "/" if parts else "./"
    return rel + (f"#{anchor}" if anchor else "")


def site_file(from_uri: str, path: str) -> str:
    """Relative link from a page to a file of the site, e.g. `pdf/charte.pdf`."""
    return relative_url(from_uri, "index.md") + path


PARTNERS_INDEX = "partenaires/index.md"
DOMAINS_INDEX = "domaines/index.md"
COMMUNES_INDEX = "communes/index.md"
GLOSSARY = "glossaire.md"
TEAM_REPORT = "equipe/etat-des-donnees.md"
OPEN_DATA = "donnees/index.md"
GUIDES_INDEX = "guides/index.md"
CHARTER = "charte.md"
REPORT_PAGE = "signaler.md"  # « Signaler une erreur » without an account

# Print-ready PDFs, built with the site (see pdf.py).
BOOKLET_PDF = "pdf/guides-inge43.pdf"
CHARTER_PDF = "pdf/charte-inge43.pdf"


def guide_uri(guide: Guide) -> str:
    return f"guides/{guide.id}.md"


def guide_pdf(guide: Guide) -> str:
    return f"pdf/guides/{guide.id}.pdf"


def partner_pdf(partner: Partner) -> str:
    return f"pdf/partenaires/{partner.id}.pdf"


def domain_pdf(domain: Domain) -> str:
    return f"pdf/domaines/{domain.id}.pdf"


def partner_uri(partner: Partner) -> str:
    return f"partenaires/{partner.id}.md"


def domain_uri(domain: Domain) -> str:
    return f"domaines/{domain.id}.md"


def glossary_letter_uri(letter: str) -> str:
    """The definitions of the terms whose acronym starts with `letter` (a long glossary is split)."""
    return f"glossaire/{letter.lower()}.md"


def communes_letter_uri(letter: str) -> str:
    """The page of the communes whose name starts with `letter` (a region's communes index is split).

    In a folder of its own: no commune's page (`communes/<slug>.md`) can take its address."""
    return f"communes/a-z/{letter.lower()}.md"


def commune_uris(dataset: Dataset) -> dict[str, str]:
    """INSEE code -> page; the name's slug, with the code added only when two names collide."""
    slugs = defaultdict(list)
    for commune in dataset.communes:
        slugs[slugify(commune.nom) or commune.code].append(commune.code)  # a name without letters: the code
    return {
        # « index » would replace the communes' index page (the validator refuses it): it gets the code too.
        code: f"communes/{slug if len(codes) == 1 and slug not in RESERVED_COMMUNE_SLUGS else slug + '-' + code}.md"
        for slug, codes in slugs.items()
        for code in codes
    }
