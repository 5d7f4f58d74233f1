/*
 * Ingé 43 — word rules of the site search (javascripts/workers/inge43-search.js). The finder
 * (finder.js) uses `derive` alone, to let a verb meet its noun when it reads a sentence; otherwise
 * it keeps the simpler stems of inge43-text.js. Pure functions, tested by tests/js/search-words.test.js.
 * Their word lists and numbers come from the search's rulebook (scripts/inge43/read/search_rules.json,
 * `query`), written into the site as assets/inge43-rules.js and loaded before this file.
 *
 * - root:        a verb and the noun made from it meet on one root (« rénover » / « rénovation »,
 *                « vendre » / « vente », « construire » / « construction »);
 * - familyStart: the longest beginning of an unknown word that is the root of a family of the
 *                site (« composteur » -> « compost », as in « compostage »);
 * - longestStart: the longest beginning of an unknown word that starts a word of the site, for a
 *                compound word the site spells otherwise (« cyberattaque » -> « cyber », as in
 *                « cybersécurité »).
 */
(function (root) {
  "use strict";

  /*
   * Regular French derivations, applied to a stem of inge43-text.js (plural mark and final « e »
   * already gone). Each rule cuts an ending and puts the ending of the other form, so that both
   * forms give the same root; the first rule that applies wins, and only when at least `min`
   * letters remain (« créer » keeps its letters). The rules hold for whole families of words,
   * not for one query:
   * - « -issement » is the noun of a verb in « -ir »: agrandir / agrandissement, enfouir /
   *   enfouissement, investir / investissement;
   * - « -ification » is the noun of a verb in « -ifier »: vérifier / vérification;
   * - « -ition » (not after « s ») is the noun of a verb in « -ir »: démolir / démolition;
   * - « -uction » is the noun of a verb in « -uire » after a consonant: construire /
   *   construction, réduire / réduction (the root « construct » also starts « constructible »;
   *   « enfouir » is a verb in « -ir »);
   * - « -ndre » / « -rdre » verbs make their noun in « -nte » / « -rte »: vendre / vente, attendre /
   *   attente, perdre / perte;
   * - « -ibilité » / « -abilité » are the nouns of adjectives in « -ible » / « -able »:
   *   accessible / accessibilité, rentable / rentabilité;
   * - « -ation », « -ateur », « -ement », « -age », « -eur » and the infinitive « -er » come off:
   *   rénover / rénovation, recruter / recrutement, éclairer / éclairage, and the noun of the one
   *   or the thing that does it: broyer / broyeur, méthanisation / méthaniseur, transformation /
   *   transformateur.
   */
  var RULES = (root.Inge43Rules || require("../../scripts/inge43/read/search_rules.json")).query;
  var DERIVATIONS = RULES.derivations.map(function (rule) { return [new RegExp(rule[0]), rule[1], rule[2]]; });

  function derive(word) {
    for (var i = 0; i < DERIVATIONS.length; i++) {
      var rule = DERIVATIONS[i];
      if (!rule[0].test(word)) continue;
      var out = word.replace(rule[0], rule[1]);
      return out.length >= rule[2] ? out : word;
    }
    return word;
  }

  /* The longest beginning of `word` (SHORTEST_START letters at least, shorter than the word) that
     is the root of a family of the site (`isRoot`), or null: « composteur » is of the family of
     « compost », « compostage », however short its other ending. */
  function familyStart(word, isRoot) {
    for (var n = word.length - 1; n >= SHORTEST_START; n--) {
      if (isRoot(word.slice(0, n))) return word.slice(0, n);
    }
    return null;
  }

  /* Shortest beginning kept for a compound word: four letters would match too much by chance.
     What is left must be a word of its own (SHORTEST_REST letters at least): « cyber-attaque » is
     a compound, « quant-iques » only a word with a suffix, whose beginning means something else. */
  var SHORTEST_START = RULES.shortest_start, SHORTEST_REST = RULES.shortest_rest;

  /* The longest beginning of `word` (at least SHORTEST_START letters, followed by at least
     SHORTEST_REST) for which `known(beginning)` holds, or null. A word the site does not know, and
     that is no typo of a word it knows, is often a compound whose first part the site uses in
     another compound (« cyberattaque », « cybersécurité »): that first part still finds the subject. */
  function longestStart(word, known) {
    for (var n = word.length - SHORTEST_REST; n >= SHORTEST_START; n--) {
      if (known(word.slice(0, n))) return word.slice(0, n);
    }
    return null;
  }

  /*
   * Words that ask for a method, not for a subject: « comment », « étapes », « par où commencer »,
   * « démarrer », « méthode ». The pages that answer them are the guides, which describe a
   * project step by step; and the words themselves would only meet pages by chance (« commencer »
   * is also the « commencement des travaux » of a grant's rules). Given as folded words; « par
   * où » is two small words that ask together.
   */
  function set(list) {
    var out = {};
    list.forEach(function (w) { out[w] = 1; });
    return out;
  }
  var METHOD_WORDS = set(RULES.method_words);
  var METHOD_PAIRS = RULES.method_pairs;

  /* Does the folded text hold one of `single` or one of the two-word `pairs`? */
  function asks(folded, single, pairs) {
    var tokens = String(folded || "").split(" ");
    var padded = " " + tokens.join(" ") + " ";
    return tokens.some(function (t) { return single[t] === 1; })
      || pairs.some(function (p) { return padded.indexOf(" " + p + " ") >= 0; });
  }

  /* Does the folded text ask for a method? */
  function asksHow(folded) {
    return asks(folded, METHOD_WORDS, METHOD_PAIRS);
  }

  /*
   * Words that ask what a word means: « c'est quoi », « que veut dire », « définition »,
   * « signifie ». The page that answers them is the glossary, which defines the words of the
   * trade. Given as folded words; « veut dire » is two words that ask together.
   */
  var MEANING_WORDS = set(RULES.meaning_words);
  var MEANING_PAIRS = RULES.meaning_pairs;

  /* Does the folded text ask what a word means? */
  function asksWhat(folded) {
    return asks(folded, MEANING_WORDS, MEANING_PAIRS);
  }

  /* The folded text without the words that ask for a method or a meaning (single words, and
     pairs read together): what is left is the subject of the question. */
  function subject(folded) {
    var padded = " " + String(folded || "") + " ";
    METHOD_PAIRS.concat(MEANING_PAIRS).forEach(function (p) {
      while (padded.indexOf(" " + p + " ") >= 0) padded = padded.replace(" " + p + " ", " ");
    });
    return padded.split(" ").filter(function (t) {
      return t && METHOD_WORDS[t] !== 1 && MEANING_WORDS[t] !== 1;
    }).join(" ");
  }

  /* « 2 000 habitants » is how French writes 2000: groups of three digits after a space (or a
     non-breaking space) are joined to the digits before them, so that the number typed without
     its space (« 2000 ») meets the number written with it. */
  function joinThousands(text) {
    return String(text == null ? "" : text).replace(/([0-9])[ \u00a0\u202f](?=[0-9]{3}(?![0-9]))/g, "$1");
  }

  /* « inge43 », « cdg43 »: a name and its number typed without the space the site writes
     (« Ingé 43 »). Letters and digits of a folded word are cut apart. */
  function unglue(word) {
    return String(word).replace(/([a-z])(?=[0-9])|([0-9])(?=[a-z])/g, "$1$2 ");
  }

  root.Inge43SearchWords = {
    joinThousands: joinThousands,
    unglue: unglue,
    derive: derive,
    longestStart: longestStart,
    familyStart: familyStart,
    asksHow: asksHow,
    asksWhat: asksWhat,
    subject: subject,
    SHORTEST_START: SHORTEST_START,
  };
})(typeof self !== "undefined" ? self : this);
