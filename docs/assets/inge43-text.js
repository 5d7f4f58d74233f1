/*
 * Ingé 43 — how typed text is compared, shared by the finder (finder.js) and the site search
 * (javascripts/workers/inge43-search.js). Python twin: scripts/inge43/read/text.py; a test
 * (tests/read/test_folding.py) checks both give the same result on the same texts.
 *
 * - fold:  « Station d'Épuration » -> « station d epuration » (no accents, no capitals,
 *          ligatures spelt out, apostrophes and hyphens become spaces);
 * - words: folded words, « st » -> « saint », small words dropped, each word reduced to a simple
 *          stem so that singular and plural, masculine and feminine meet
 *          (« cimetières » and « cimetière » -> « cimetier »).
 * Plain functions on `self`, so they work in the page and in a web worker.
 */
(function (root) {
  "use strict";

  /* Small words that carry no meaning for a search (after folding): articles, pronouns,
     possessives, prepositions, and the words of a question or of degree (« comment », « quel »,
     « plus », « très ») that say how the élu asks, not what about. Dropping them also keeps a
     stem from meeting an acronym by chance (« plus » would stem to « plu », the PLU). */
  var STOP = {};
  ("a au aux avec c ce ces cet cette comment d dans de des du elle elles en est et il ils j je l la le les "
    + "leur leurs ma mes moins mon n ne nos notre nous on ou par pas plus pour pourquoi qu quand que quel quelle "
    + "quelles quels qui quoi sa se ses si son sur ta tes ton tous tout toute toutes tres trop un "
    + "une vos votre y").split(" ").forEach(function (w) { STOP[w] = true; });

  /* Abbreviations typed for whole words. */
  var ABBREVIATIONS = { st: "saint", ste: "sainte", sts: "saints", stes: "saintes" };

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

  root.Inge43Text = { fold: fold, stem: stem, words: words, ABBREVIATIONS: ABBREVIATIONS };
})(typeof self !== "undefined" ? self : this);
