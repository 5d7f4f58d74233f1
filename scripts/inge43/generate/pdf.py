"""Print-ready PDFs: one per guide, the charter, a sheet per partner and per domain, a booklet.

HTML comes from the print templates (autoescape on); WeasyPrint (pinned) turns it into
tagged PDF. Documents are rendered in parallel processes, and a document whose HTML has
not changed is taken from a cache on disk (`.cache/pdf/`, shared by `build` and `serve`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..read.model import Guide, Partner, Phase
from . import eligibility
from .pages import Site
from .templating import environment
from .urls import BOOKLET_PDF, CHARTER_PDF, domain_pdf, guide_pdf, partner_pdf


@dataclass(frozen=True)
class Document:
    path: str  # inside the site, e.g. "pdf/guides/voie-verte.pdf"
    html: str


def _css() -> str:
    return resources.files("inge43").joinpath("templates/print/print.css").read_text(encoding="utf-8")


def data_date(site: Site) -> dt.date:
    """The date of the data: the latest verification of a partner or a guide (not the clock)."""
    dates = [p.verifie_le for p in site.ds.partners] + [g.verifie_le for g in site.ds.guides]
    return max(dates) if dates else dt.date(1970, 1, 1)


def _render(template: str, **context: object) -> str:
    return environment().get_template(f"print/{template}").render(css=_css(), Phase=list(Phase), **context)


def _cited_partners(site: Site, guides: Iterable[Guide]) -> list[Partner]:
    ids = {who.partenaire for guide in guides for step in guide.etapes for who in step.intervenants}
    if site.entry_point:
        ids.add(site.entry_point.id)
    return eligibility.sort_partners([site.ds.partner_by_id[i] for i in ids if i in site.ds.partner_by_id])


def documents(site: Site) -> list[Document]:
    """Every PDF of the site, as HTML ready for WeasyPrint."""
    ds, date = site.ds, data_date(site)
    offers = site.offer_index()
    docs = []
    for guide in site.guides:
        docs.append(
            Document(
                guide_pdf(guide),
                _render(
                    "guide.html.j2",
                    title=guide.titre,
                    description=guide.resume,
                    data_date=date,
                    guide=guide,
                    by_phase=site.guide_steps(guide),
                    offers=offers,
                    ds=ds,
                    partners=_cited_partners(site, [guide]),
                ),
            )
        )
    if site.guides:
        docs.append(
            Document(
                BOOKLET_PDF,
                _render(
                    "booklet.html.j2",
                    title="Les guides de méthode d'Ingé 43",
                    description="Livret de tous les guides de méthode",
                    data_date=date,
                    guides=[{"guide": g, "by_phase": site.guide_steps(g)} for g in site.guides],
                    offers=offers,
                    ds=ds,
                    partners=_cited_partners(site, site.guides),
                ),
            )
        )
    if ds.charter:
        signatories = eligibility.sort_partners(
            [ds.partner_by_id[p] for p in ds.charter.signataires if p in ds.partner_by_id]
        )
        docs.append(
            Document(
                CHARTER_PDF,
                _render(
                    "charter.html.j2",
                    title=ds.charter.titre,
                    description=ds.charter.statut,
                    data_date=date,
                    charter=ds.charter,
                    signatories=signatories,
                    commitments={c.partenaire: c for c in ds.charter.engagements},
                ),
            )
        )
    for partner in site.partners:
        docs.append(
            Document(
                partner_pdf(partner),
                _render(
                    "partner_sheet.html.j2",
                    title=partner.nom,
                    description=f"Fiche du partenaire {partner.nom}",
                    data_date=partner.verifie_le,
                    partner=partner,
                    territory_svg=site.partner_map(partner, None),
                ),
            )
        )
    for domain in ds.domains:
        by_phase = {phase: [r for r in site.offers_by_domain[domain.id] if phase in r.offer.phases] for phase in Phase}
        docs.append(
            Document(
                domain_pdf(domain),
                _render(
                    "domain_sheet.html.j2",
                    title=domain.nom,
                    description=f"Qui contacter : {domain.nom}",
                    data_date=date,
                    domain=domain,
                    by_phase=by_phase,
                    entry=site.entry_point,
                ),
            )
        )
    return docs


def render_pdf(html: str) -> bytes:
    """One document to PDF bytes (runs in a worker process)."""
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf(pdf_tags=True, uncompressed_pdf=False))


def write_pdfs(site: Site, out_dir: Path, cache_dir: Path | None = None, workers: int | None = None) -> list[Path]:
    """Render every document into `out_dir` (the built site). Returns the files written.

    With `cache_dir`, a document whose HTML has not changed since any earlier build (`build` or
    `serve`) is copied from `cache_dir/<sha256 of its HTML>.pdf` instead of being rendered again.
    """
    docs = documents(site)
    keys = [hashlib.sha256(d.html.encode()).hexdigest() for d in docs]
    cached = {k: cache_dir / f"{k}.pdf" for k in keys} if cache_dir else {}
    rendered: dict[str, bytes] = {}
    todo = {k: d.html for k, d in zip(keys, docs, strict=True) if not (k in cached and cached[k].is_file())}
    if todo:
        workers = workers or min(len(todo), os.cpu_count() or 1)
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                rendered = dict(zip(todo, pool.map(render_pdf, todo.values()), strict=True))
        else:
            rendered = {k: render_pdf(html) for k, html in todo.items()}
        if cache_dir:
            cache_dir.mkdir(parents=True, exist_ok=True)
            for key, pdf in rendered.items():
                cached[key].write_bytes(pdf)
    written = []
    for key, doc in zip(keys, docs, strict=True):
        path = Path(out_dir) / doc.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered[key] if key in rendered else cached[key].read_bytes())
        written.append(path)
    return written
