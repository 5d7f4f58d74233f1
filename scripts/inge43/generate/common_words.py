"""How common each word is in ordinary French, for the finder's reading of free words.

An élu's sentence mixes the word that names the project (« lavoir », « transformateur ») with
ordinary words (« hameau », « petit », « tombe », « enfants »). Rarity among the site's 26 domains
cannot tell them apart: each of those words is in one domain only. How often a word is written in
French can: the finder (docs/assets/finder.js `understand`) lowers the weight of a typed word by
how common it is, by the rule of the rulebook's section `finder.common_words`
(read/search_rules.json).

The frequencies are those of the `wordfreq` library (Robyn Speer, data under CC BY-SA 4.0: a
blend of subtitles, Wikipedia, news, books and web text), read once per build, offline: the data
is inside the package. Its « small » list (the 31,000 French words written at least once per
million words, Zipf 3) is enough for any `rare_below` from 3 up, and loads in a fifth of a second
where the full list takes twice as long. Each word is read as the finder reads a typed word
(read/text.py `words`: folded, stemmed, so « écoles » and « école » are one entry, their
frequencies added) and kept when it is at least as common as `rare_below` (a word less common
than that keeps its full weight, so it need not be shipped). The result is grouped by Zipf value (log10 of the frequency
per billion words, to one decimal, written ×10 as a key) to stay small in finder.json.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict

from ..read.search_rules import RULES
from ..read.text import words

LANGUAGE = "fr"
# Written beside the table in finder.json: the data's licence asks for it.
COMMON_WORDS_CREDIT = (
    "Fréquences des mots en français : wordfreq, de Robyn Speer (https://github.com/rspeer/wordfreq), "
    "données sous licence CC BY-SA 4.0 tirées notamment de Wikipédia, d'OpenSubtitles (opensubtitles.org), "
    "de Google Books Ngrams (books.google.com/ngrams), de ParaCrawl et du Leeds Internet Corpus."
)
SMALL_LIST_FROM = 3.0  # wordfreq's « small » lists: words of frequency 1e-6 and more


@functools.cache
def common_words(rare_below: float | None = None) -> dict[str, str]:
    """Zipf value ×10 (as text) -> the folded, stemmed words of that frequency, space-separated, sorted."""
    from wordfreq import get_frequency_dict  # loaded only when the finder's JSON is built

    if rare_below is None:
        rare_below = float(RULES["finder"]["common_words"]["rare_below"])
    if rare_below < SMALL_LIST_FROM:
        raise ValueError(f"rare_below {rare_below}: the small list stops at Zipf {SMALL_LIST_FROM}")
    smallest = 10 ** (rare_below - 9)
    totals: dict[str, float] = defaultdict(float)
    for word, frequency in get_frequency_dict(LANGUAGE, wordlist="small").items():
        read = words(word)
        if len(read) == 1 and read[0].isalpha():
            totals[read[0]] += frequency
    groups: dict[int, list[str]] = defaultdict(list)
    for word, frequency in totals.items():
        if frequency >= smallest:
            groups[round((math.log10(frequency) + 9) * 10)].append(word)
    return {str(zipf): " ".join(sorted(group)) for zipf, group in sorted(groups.items())}
