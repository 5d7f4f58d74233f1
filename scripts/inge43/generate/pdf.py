"""Print-ready PDFs: one per guide, the charter, a sheet per partner and per domain, a booklet.

HTML comes from the print templates (autoescape on); WeasyPrint (pinned) turns it into
tagged PDF. Documents are rendered in parallel processes, and a document whose HTML has
not changed is taken from a cache on disk (`.cache/pdf/`, shared by `build` and `serve`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..read.model import Phase
from .index import SiteIndex
from .pages.partners import partner_map
from .templating import environment
from .urls import BOOKLET_PDF, CHARTER_PDF, domain_pdf, guide_pdf, partner_pdf


@dataclass(frozen=True)
class Document:
    path: str  # inside the site, e.g. "pdf/guides/voie-verte.pdf"
    html: str


def _css() -> str:
    return resources.files("inge43").joinpath("templates/print/print.css").read_text(encoding="utf-8")


def data_date(index: SiteIndex) -> dt.date:
    """The date of the data: the latest verification of a partner or a guide (not the clock)."""
    dates = [p.verifie_le for p in index.ds.partners] + [g.verifie_le for g in index.ds.guides]
    return max(dates) if dates else dt.date(1970, 1, 1)


def _render(template: str, **context: object) -> str:
    return environment().get_template(f"print/{template}").render(css=_css(), Phase=list(Phase), **context)


def documents(index: SiteIndex) -> list[Document]:
    """Every PDF of the site, as HTML ready for WeasyPrint, from the same index as the web pages."""
    ds, date = index.ds, data_date(index)
    offers = index.offers
    docs = []
    for guide in index.guides:
        docs.append(
            Document(
                guide_pdf(guide),
                _render(
                    "guide.html.j2",
                    title=guide.titre,
                    description=guide.resume,
                    data_date=date,
                    guide=guide,
                    by_phase=index.guide_steps(guide),
                    offers=offers,
                    ds=ds,
                    partners=index.cited_partners([guide]),
                ),
            )
        )
    if index.guides:
        docs.append(
            Document(
                BOOKLET_PDF,
                _render(
                    "booklet.html.j2",
                    title="Les guides de méthode d'Ingé 43",
                    description="Livret de tous les guides de méthode",
                    data_date=date,
                    guides=[{"guide": g, "by_phase": index.guide_steps(g)} for g in index.guides],
                    offers=offers,
                    ds=ds,
                    partners=index.cited_partners(index.guides),
                ),
            )
        )
    if ds.charter:
        docs.append(
            Document(
                CHARTER_PDF,
                _render(
                    "charter.html.j2",
                    title=ds.charter.titre,
                    description=ds.charter.statut,
                    data_date=date,
                    charter=ds.charter,
                    signatories=index.signatories,
                    commitments={c.partenaire: c for c in ds.charter.engagements},
                ),
            )
        )
    for partner in index.partners:
        docs.append(
            Document(
                partner_pdf(partner),
                _render(
                    "partner_sheet.html.j2",
                    title=partner.nom,
                    description=f"Fiche du partenaire {partner.nom}",
                    data_date=partner.verifie_le,
                    partner=partner,
                    territory_svg=partner_map(index, partner, None),
                ),
            )
        )
    for domain in ds.domains:
        docs.append(
            Document(
                domain_pdf(domain),
                _render(
                    "domain_sheet.html.j2",
                    title=domain.nom,
                    description=f"Qui contacter : {domain.nom}",
                    data_date=date,
                    domain=domain,
                    by_phase=index.offers_by_phase(domain),
                    entry=index.entry_point,
                ),
            )
        )
    return docs


def render_pdf(html: str) -> bytes:
    """One document to PDF bytes (runs in a worker process)."""
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf(pdf_tags=True, uncompressed_pdf=False))


def write_pdfs(
    index: SiteIndex, out_dir: Path, cache_dir: Path | None = None, workers: int | None = None
) -> list[Path]:
    """Render every document into `out_dir` (the built site). Returns the files written.

    With `cache_dir`, a document whose HTML has not changed since any earlier build (`build` or
    `serve`) is copied from `cache_dir/<sha256 of its HTML>.pdf` instead of being rendered again.
    """
    docs = documents(index)
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
                # Written aside, then renamed: a build running at the same time (tests in parallel,
                # `serve` beside `build`) never reads a half-written file.
                part = cached[key].with_name(f"{key}.{os.getpid()}.part")
                part.write_bytes(pdf)
                part.replace(cached[key])
    written = []
    for key, doc in zip(keys, docs, strict=True):
        path = Path(out_dir) / doc.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered[key] if key in rendered else cached[key].read_bytes())
        written.append(path)
    return written
