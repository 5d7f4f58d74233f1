"""Generated pages, one small module per family; each returns `Page`s rendered from the site index.

The families share `base.Renderer` (templates, links, maps) and read `index.SiteIndex`, computed
once per build; the PDFs (generate/pdf.py) read the same index.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from . import communes, domains, guides, intercommunalities, partners, reference
from .base import Page, Renderer, TocToken, render_error_page, toc_tokens

__all__ = ["Page", "Renderer", "TocToken", "build_pages", "nav_children", "render_error_page", "toc_tokens"]


def build_pages(r: Renderer, today: dt.date) -> list[Page]:
    """Every generated page of the site, index pages first."""
    pages = [
        partners.partners_index(r),
        domains.domains_index(r),
        communes.communes_index(r),
        *reference.glossary_pages(r),
        reference.open_data(r),
        *guides.pages(r),
    ]
    if charter := guides.charter_page(r):
        pages.append(charter)
    pages.append(reference.team_report(r, today))
    pages.append(reference.report_page(r))  # « Signaler une erreur » without an account
    pages.append(reference.finder_page(r))  # « Quel interlocuteur pour mon projet ? »
    pages += [partners.partner_page(r, p) for p in r.index.partners]
    pages += [domains.domain_page(r, d) for d in r.index.domains]
    pages += intercommunalities.pages(r)
    pages += communes.letter_pages(r)
    pages += [communes.commune_page(r, c) for c in r.index.communes]
    return pages


def nav_children(pages: list[Page]) -> dict[str, list[str]]:
    """For each generated index page, the generated pages listed under it in the navigation."""
    children: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        folder = page.uri.split("/")[0]
        index = f"{folder}/index.md"
        if page.in_nav and page.uri != index:
            children[index].append(page.uri)
    return dict(children)
