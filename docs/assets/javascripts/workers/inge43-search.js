/*
 * Ingé 43 — the site search for French as élus type it.
 *
 * This worker wraps Material's own search worker (its file name comes in `?worker=`): it loads
 * it unchanged and only rewrites the messages it receives.
 * - Setup: each document gets folded copies of its title and text (`titre_replie`,
 *   `texte_replie`: no accents, simple stems, « St » -> « Saint »; rules of inge43-text.js),
 *   plus the glossary's acronym wherever the text spells out its long form (« Syndicat
 *   départemental d'énergies » -> « sde »). The index config (scripts/inge43/build/search.py) makes
 *   these fields the ones that rank; `title` and `text` stay for display.
 * - Query: what was typed is folded with the same rules.
 * - Result: a page whose title is exactly what was typed (a commune, a domain) comes first,
 *   and a page whose title holds every typed word gains weight.
 */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3;
  var worker = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("Ingé 43 : moteur de recherche introuvable");

  importScripts("../../inge43-text.js");
  var T = self.Inge43Text;
  var lastQuery = "";

  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/&(?:[a-z]+|#[0-9]+);/gi, " ");
  }
  function folded(text) {
    return T.words(text).join(" ");
  }

  function setup(index) {
    var synonyms = (index.config.synonymes || [])
      .map(function (pair) { return [folded(pair[0]), " " + folded(pair[1]) + " "]; })
      .filter(function (pair) { return pair[0] && pair[1].trim(); });
    index.docs.forEach(function (doc) {
      doc.titre_replie = folded(doc.title);
      doc.texte_replie = folded(plain(doc.text));
      if (doc.mots) doc.mots = folded(doc.mots);
      var all = " " + doc.titre_replie + " " + doc.texte_replie + " " + (doc.mots || "") + " ";
      var found = synonyms.filter(function (pair) { return all.indexOf(pair[1]) >= 0; });
      if (found.length) doc.texte_replie += " " + found.map(function (pair) { return pair[0]; }).join(" ");
    });
    return index;
  }

  /* Pages titled exactly as typed come first; for two words or more, a page whose title holds
     every typed word has its score multiplied by TITLE_WORDS. Otherwise Material's order. */
  var TITLE_WORDS = 1.5;
  function rerank(groups) {
    var wanted = T.words(lastQuery);
    if (!wanted.length) return groups;
    var ranked = groups.map(function (group, position) {
      var article = group.filter(function (item) { return item.location.indexOf("#") < 0; })[0];
      var title = article ? T.words(plain(article.title)) : [];  /* title as shown, <mark> removed */
      var score = Math.max.apply(null, group.map(function (item) { return item.score || 0; }));
      var exact = title.join(" ") === wanted.join(" ");
      if (!exact && wanted.length > 1 && wanted.every(function (w) {
        return title.some(function (t) { return t.indexOf(w) === 0; });
      })) score *= TITLE_WORDS;
      return { group: group, exact: exact, score: score, position: position };
    });
    ranked.sort(function (a, b) {
      return (b.exact - a.exact) || (b.score - a.score) || (a.position - b.position);
    });
    return ranked.map(function (r) { return r.group; });
  }

  /* Material's worker answers with postMessage: reorder its results on the way out. */
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items)
      message.data.items = rerank(message.data.items);
    return post(message);
  };

  /* Material's worker listens with addEventListener("message"): rewrite messages on the way in. */
  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen(type, handler, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        message = { type: SETUP, data: setup(message.data) };
      } else if (message && message.type === QUERY) {
        lastQuery = String(message.data || "");
        message = { type: QUERY, data: folded(lastQuery) };
      }
      return handler({ data: message });
    }, options);
  };

  importScripts(worker);
})();
