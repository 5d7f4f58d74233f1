"""Guide pages, the guides' index and the charter."""

from __future__ import annotations

from ...read.model import Guide
from ..urls import BOOKLET_PDF, CHARTER, CHARTER_PDF, GUIDES_INDEX, guide_pdf, guide_uri, site_file
from .base import Page, Renderer


def guide_page(r: Renderer, guide: Guide) -> Page:
    uri = guide_uri(guide)
    ds = r.index.ds
    return Page(
        uri,
        r.render(
            "guide.html.j2",
            uri,
            guide=guide,
            by_phase=r.index.guide_steps(guide),
            offers=r.index.offers,
            domains=[ds.domain_by_id[d] for d in guide.domaines if d in ds.domain_by_id],
            pdf=site_file(uri, guide_pdf(guide)),
            edit=r.edit_links(guide, guide.titre, uri),
        ),
    )


def guides_index(r: Renderer) -> Page:
    return Page(
        GUIDES_INDEX,
        r.render(
            "guides_index.html.j2", GUIDES_INDEX, guides=r.index.guides, booklet=site_file(GUIDES_INDEX, BOOKLET_PDF)
        ),
    )


def charter_page(r: Renderer) -> Page | None:
    charter = r.index.ds.charter
    if charter is None:
        return None
    return Page(
        CHARTER,
        r.render(
            "charter.html.j2",
            CHARTER,
            charter=charter,
            signatories=r.index.signatories,
            commitments={c.partenaire: c for c in charter.engagements},
            pdf=site_file(CHARTER, CHARTER_PDF),
            edit=r.edit_links(charter, "Charte d'engagement", CHARTER),
        ),
    )


def pages(r: Renderer) -> list[Page]:
    return [guides_index(r), *(guide_page(r, g) for g in r.index.guides)]
