/*
 * Ingé 43 — how typed text is compared, shared by the finder (finder.js) and the site search
 * (javascripts/workers/inge43-search.js). Python twin: scripts/inge43/read/text.py; both read their word lists from
 * the search's rulebook (scripts/inge43/read/search_rules.json), and tests/js/text-parity.test.js
 * checks both give the same result on a corpus Python writes.
 *
 * - fold:  « Station d'Épuration » -> « station d epuration » (no accents, no capitals,
 *          ligatures spelt out, apostrophes and hyphens become spaces);
 * - words: folded words, « st » -> « saint », small words dropped, each word reduced to a simple
 *          stem so that singular and plural, masculine and feminine meet
 *          (« cimetières » and « cimetière » -> « cimetier »);
 * - typoLimit, distance: the one typo rule of the finder and of the search.
 * Plain functions on `self`, so they work in the page and in a web worker.
 */
(function (root) {
  "use strict";

  /* The search's rulebook (scripts/inge43/read/search_rules.json): written into the site as
     assets/inge43-rules.js, loaded before this file; under Node, the JSON file itself. */
  var RULES = root.Inge43Rules || require("../../scripts/inge43/read/search_rules.json");

  /* Small words that carry no meaning for a search (after folding): articles, pronouns,
     possessives, prepositions, and the words of a question or of degree (« comment », « quel »,
     « plus », « très ») that say how the élu asks, not what about. Dropping them also keeps a
     stem from meeting an acronym by chance (« plus » would stem to « plu », the PLU). */
  var STOP = {};
  RULES.text.stop_words.forEach(function (w) { STOP[w] = true; });

  /* Abbreviations typed for whole words. */
  var ABBREVIATIONS = RULES.text.abbreviations;

  function fold(text) {
    return String(text == null ? "" : text)
      .replace(/[œŒ]/g, "oe")
      .replace(/[æÆ]/g, "ae")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  /* A simple French stem: drop the plural mark, then a final « e » (« fermées » -> « ferm »). */
  function stem(word) {
    if (word.length <= 3 || /^[0-9]+$/.test(word)) return word;
    if (/[sx]$/.test(word)) word = word.slice(0, -1);
    if (/ee$/.test(word)) word = word.slice(0, -1);
    if (word.length > 4 && /e$/.test(word)) word = word.slice(0, -1);
    return word;
  }

  /* Folded, stemmed words of a text, small words left out. */
  function words(text) {
    var out = [];
    fold(text).split(" ").forEach(function (w) {
      if (!w) return;
      w = ABBREVIATIONS[w] || w;
      if (STOP[w] || (w.length < 2 && !/[0-9]/.test(w))) return;
      out.push(stem(w));
    });
    return out;
  }

  /* The typo rule of the finder and of the site search: how many letters a typed word of
     `length` letters may have off (none for a short word, where one letter makes another word;
     one from `one_from` letters; two from `two_from`). */
  var TYPOS = RULES.text.typos;
  function typoLimit(length) {
    return length >= TYPOS.two_from ? 2 : length >= TYPOS.one_from ? 1 : 0;
  }

  /* Edits between two words (a letter added, removed, changed, or two neighbours swapped), or
     limit + 1 as soon as it is more than `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = [], row = [], i, j;
    for (j = 0; j <= b.length; j++) row[j] = j;
    for (i = 1; i <= a.length; i++) {
      var next = [i], smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          next[j] = Math.min(next[j], before[j - 2] + 1);
        smallest = Math.min(smallest, next[j]);
      }
      if (smallest > limit) return limit + 1;
      before = row; row = next;
    }
    return row[b.length];
  }

  /* Is `candidate` a typo of the typed `word`: within the typo rule's limit for its length? */
  function isTypo(word, candidate) {
    var limit = typoLimit(word.length);
    return limit > 0 && distance(word, candidate, limit) <= limit;
  }

  root.Inge43Text = {
    fold: fold, stem: stem, words: words, ABBREVIATIONS: ABBREVIATIONS,
    typoLimit: typoLimit, distance: distance, isTypo: isTypo, RULES: RULES,
  };
})(typeof self !== "undefined" ? self : this);
