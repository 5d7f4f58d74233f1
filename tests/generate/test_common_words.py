"""The frequencies of French words that finder.json ships for the finder's reading (generate/common_words.py)."""

from __future__ import annotations

import math

import pytest
from wordfreq import zipf_frequency

from inge43.generate.common_words import common_words
from inge43.read.text import words


@pytest.fixture(scope="module")
def table() -> dict[str, float]:
    return {word: int(zipf) / 10 for zipf, group in common_words(4.0).items() for word in group.split(" ")}


def test_words_are_read_as_the_finder_reads_a_typed_word(table: dict[str, float]) -> None:
    # « écoles » and « école » are one entry, under the stem the finder reads (« ecol »).
    assert "ecol" in table and "ecoles" not in table and "ecole" not in table
    # Any form an élu types is found under the stem the finder reads from it.
    for typed in ("écoles", "Enfants", "petites", "maisons", "abusé"):
        assert words(typed)[0] in table, typed


def test_common_words_are_shipped_rare_ones_are_not(table: dict[str, float]) -> None:
    # Values are wordfreq's (French), read independently here; « lavoir » is rarer than 4.
    assert zipf_frequency("lavoir", "fr") < 4 and "lavoir" not in table
    assert table["petit"] >= math.floor(zipf_frequency("petit", "fr") * 10) / 10
    assert 5 <= table["petit"] < 6.5
    # The forms of a word add up: « enfants » and « enfant » together are commoner than either.
    assert table["enfant"] >= round(max(zipf_frequency("enfant", "fr"), zipf_frequency("enfants", "fr")), 1)


def test_the_groups_are_small_and_sorted() -> None:
    groups = common_words(4.0)
    assert list(groups) == sorted(groups, key=int)
    assert all(group.split(" ") == sorted(group.split(" ")) for group in groups.values())
    assert min(int(z) for z in groups) >= 40
    # A few thousand words (measured: about 6,000); a stricter threshold ships fewer.
    assert 2000 < sum(len(g.split(" ")) for g in groups.values()) < 12000
    assert sum(len(g.split(" ")) for g in common_words(5.0).values()) < sum(len(g.split(" ")) for g in groups.values())
