"""The same folding in Python (read/text.py) and in JavaScript (docs/assets/inge43-text.js).

The finder and the site search compare what élus type with the site's words in the browser;
the build prepares data with the Python rules. Both must agree, character for character.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inge43.read.text import fold, words

ROOT = Path(__file__).resolve().parents[2]

SAMPLES = [
    "Œuvre ŒUVRE cœur",
    "Façade, garçon, ÇA",
    "Station d'Épuration",
    "station d’épuration",  # typographic apostrophe
    "Saint-Julien-Chapteuil",
    "St Julien Chapteuil",
    "Ste-Sigolène",
    "Le Puy-en-Velay",
    "cimetières cimetière cimetiere",
    "fermées FERMÉ fermee",
    "eaux usées, 43 000 habitants",
    "la fibre n'arrive pas",
    "Æsthétique, naïve, Noël",
    "  espaces   multiples\tet\ttabulations ",
    "« CAP 43 » — DETR/DSIL",
]


def test_fold_examples():
    assert fold("Station d'Épuration") == "station d epuration"
    assert fold("Œ ç") == "oe c"
    assert words("St Julien-Chapteuil") == ["saint", "julien", "chapteuil"]
    assert words("cimetières") == words("cimetière") == words("cimetiere")
    assert words("fermées") == words("fermé")
    assert words("la fibre n'arrive pas") == ["fibr", "arriv"]


@pytest.mark.browser
def test_python_and_javascript_fold_alike(browser):
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>t</title>")
        page.add_script_tag(content=(ROOT / "docs" / "assets" / "inge43-text.js").read_text(encoding="utf-8"))
        js = page.evaluate("samples => samples.map(s => [Inge43Text.fold(s), Inge43Text.words(s)])", SAMPLES)
    finally:
        page.close()
    for sample, (js_fold, js_words) in zip(SAMPLES, js, strict=True):
        assert js_fold == fold(sample), sample
        assert js_words == words(sample), sample
