"""Folding in Python (read/text.py), on examples written by hand.

The JavaScript twin (docs/assets/inge43-text.js) is compared with it on a corpus Python writes
(every stop word, commune, domain and keyword): tests/js/text-parity.test.js, under `node --test`.
"""

from __future__ import annotations

from inge43.read.text import fold, words


def test_fold_examples():
    assert fold("Station d'Épuration") == "station d epuration"
    assert fold("Œ ç") == "oe c"
    assert words("St Julien-Chapteuil") == ["saint", "julien", "chapteuil"]
    assert words("cimetières") == words("cimetière") == words("cimetiere")
    assert words("fermées") == words("fermé")
    assert words("la fibre n'arrive pas") == ["fibr", "arriv"]
