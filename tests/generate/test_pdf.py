"""Print-ready PDFs: they open, hold their text, numbered contents, one-page sheets, French metadata."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from inge43.check.registry import run_checks
from inge43.generate.urls import BOOKLET_PDF, CHARTER_PDF, domain_pdf, guide_pdf, partner_pdf
from inge43.tools.captures import GUIDE_CAPTURE, guide_capture

DATASET = run_checks(ROOT / "data").dataset


def _text(reader: PdfReader, index: int) -> str:
    return " ".join(_page_texts(reader)[index].split())


def _reader(site: Path, path: str) -> PdfReader:
    file = site / path
    assert file.is_file(), f"PDF manquant : {path}"
    return _open(file)


@functools.cache
def _open(file: Path) -> PdfReader:
    """One reader per PDF of the run's site, and its text read once (several tests read each guide)."""
    return PdfReader(file)


@functools.cache
def _page_texts(reader: PdfReader) -> tuple[str, ...]:
    return tuple(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize("guide", DATASET.guides, ids=lambda g: g.id)
def test_guide_pdf(real_site, guide):
    reader = _reader(real_site, guide_pdf(guide))
    assert reader.metadata.title == guide.titre
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged PDF
    assert reader.metadata.author.startswith("Département de la Haute-Loire")
    whole = " ".join(_text(reader, i) for i in range(len(reader.pages)))
    assert " ".join(guide.titre.split()) in whole
    for item in guide.checklist:
        assert " ".join(item.split())[:40] in whole, item
    assert "Ingé 43" in _text(reader, 0) and "Département de la Haute-Loire" in _text(reader, 0)  # cover
    last = len(reader.pages)
    assert f"page {last} / {last}" in _text(reader, last - 1)  # running footer


@pytest.mark.parametrize("guide", DATASET.guides, ids=lambda g: g.id)
def test_table_of_contents_points_at_the_sections(real_site, guide):
    reader = _reader(real_site, guide_pdf(guide))
    toc = _page_texts(reader)[1]
    assert "Sommaire" in toc
    entries = [m.groups() for line in toc.splitlines() if (m := re.match(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line))]
    assert len(entries) >= 3, toc
    for title, page in entries:
        heading = title.strip()
        assert heading in _text(reader, int(page) - 1), f"« {heading} » absent de la page {page}"


def test_sheets_hold_on_one_page(real_site):
    for partner in DATASET.partners:
        assert len(_reader(real_site, partner_pdf(partner)).pages) == 1, partner.id
    for domain in DATASET.domains:
        reader = _reader(real_site, domain_pdf(domain))
        assert len(reader.pages) == 1, domain.id
        assert domain.nom in _text(reader, 0)


def test_charter_and_booklet(real_site):
    charter = _reader(real_site, CHARTER_PDF)
    assert charter.metadata.title == DATASET.charter.titre
    assert "Les signataires" in " ".join(_text(charter, i) for i in range(len(charter.pages)))
    booklet = _reader(real_site, BOOKLET_PDF)
    text = " ".join(_text(booklet, i) for i in range(len(booklet.pages)))
    for guide in DATASET.guides:
        assert " ".join(guide.titre.split()) in text
    assert len(booklet.pages) > sum(1 for _ in DATASET.guides) * 3


def test_pages_link_their_pdf(real_site):
    guide = DATASET.guides[0]
    html = (real_site / "guides" / guide.id / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{guide_pdf(guide)}"' in html and "Télécharger le guide (PDF)" in html
    assert 'href="../pdf/charte-inge43.pdf"' in (real_site / "charte" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{BOOKLET_PDF}"' not in html


def test_sample_page_renders_to_png(real_site, tmp_path):
    """A guide page as an image, as `make captures` keeps it in docs/assets/captures/ (here: a temporary file)."""
    target = tmp_path / GUIDE_CAPTURE
    guide_capture(real_site, target)
    from PIL import Image

    image = Image.open(target).convert("L")
    assert image.size[1] > image.size[0]  # portrait A4
    dark = sum(1 for v in image.get_flattened_data() if v < 128) / (image.size[0] * image.size[1])
    assert 0.01 < dark < 0.3, dark  # text on a white page, not blank, not black


def test_pdfs_are_rendered_again_only_when_their_content_changes(tmp_path, monkeypatch):
    """The disk cache (`.cache/pdf/`): an unchanged document is copied, a changed one is rendered."""
    from inge43.generate import pdf
    from inge43.generate.index import SiteIndex

    rendered: list[str] = []
    monkeypatch.setattr(pdf, "render_pdf", lambda html: rendered.append(html) or f"%PDF {len(rendered)}".encode())
    site = SiteIndex(DATASET)
    cache = tmp_path / "cache"
    first = pdf.write_pdfs(site, tmp_path / "a", cache_dir=cache, workers=1)
    assert len(rendered) == len(first) > 0
    assert len(list(cache.glob("*.pdf"))) == len(first)

    rendered.clear()
    second = pdf.write_pdfs(site, tmp_path / "b", cache_dir=cache, workers=1)
    assert rendered == []
    assert [p.read_bytes() for p in second] == [p.read_bytes() for p in first]

    changed = DATASET.partners[0].model_copy(update={"nom": "Nom changé pour le test"})
    monkeypatch.setattr(DATASET, "partners", [changed, *DATASET.partners[1:]])
    pdf.write_pdfs(SiteIndex(DATASET), tmp_path / "c", cache_dir=cache, workers=1)
    assert rendered and all("Nom changé pour le test" in html for html in rendered)
