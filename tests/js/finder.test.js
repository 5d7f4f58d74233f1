/* Unit tests of the finder's pure functions (docs/assets/finder.js), without a browser:
 * `node --test tests/js/` (run by `make test`). Expected values are written by hand. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const finder = require("../../docs/assets/finder.js");

/* A small finder.json, in the shape scripts/inge43/generate/finder.py writes it. */
function data() {
  return finder.prepare({
    domaines: [
      { id: "eau-assainissement", nom: "Eau et assainissement", mots: ["station d'épuration", "STEP", "eaux usées"], projets: ["Mise aux normes de la station d'épuration"] },
      { id: "batiments-publics", nom: "Bâtiments publics", mots: ["église", "toiture", "mairie"], projets: ["Réfection de la toiture de l'église"] },
      { id: "numerique", nom: "Numérique", mots: ["fibre", "internet", "mairie"], projets: ["Raccorder la mairie à la fibre"] },
      { id: "cimetiere", nom: "Cimetière", mots: ["concessions", "columbarium"], projets: ["Reprise des concessions abandonnées"] },
    ],
    communes: [
      ["Le Puy-en-Velay", "", "43000", 19000, 0, 0, 0, []],
      ["Allègre", "", "43270", 922, 0, 0, 0, []],
      ["Saint-Julien-Chapteuil", "", "43260", 1900, 0, 0, 0, []],
      ["Saint-Jeures", "", "43200", 900, 0, 0, 0, []],
      ["Mercœur", "", "43100", 200, 0, 0, 0, []],
    ],
    offres: [{ p: 0, domaines: ["eau-assainissement"] }],
    profils: [[0, 1]],
    partenaires: [{ guichet: true }],
  });
}

test("fold: no accents, no capitals, ligatures spelt out, apostrophes and hyphens split", () => {
  assert.equal(finder.fold("Station d'Épuration"), "station d epuration");
  assert.equal(finder.fold("Cœur de village ŒUVRE"), "coeur de village oeuvre");
  assert.equal(finder.fold("Façade  du  Bâtiment"), "facade du batiment");
  assert.equal(finder.fold("Saint-Julien-Chapteuil"), "saint julien chapteuil");
  assert.equal(finder.fold("l’église"), "l eglise");
});

test("slugify: the commune page's name, as read/text.py makes it", () => {
  assert.equal(finder.slugify("Le Puy-en-Velay"), "le-puy-en-velay");
  assert.equal(finder.slugify("Mercœur"), "mercoeur");
  assert.equal(finder.slugify("Saint-Front"), "saint-front");
  assert.equal(finder.slugify("  Chaspuzac "), "chaspuzac");
});

test("tokens: « St » and « Ste » read as « Saint » and « Sainte »", () => {
  assert.deepEqual(finder.tokens("St Julien"), ["saint", "julien"]);
  assert.deepEqual(finder.tokens("ste sigolene"), ["sainte", "sigolene"]);
});

test("distance and wordMatch tolerate one or two letters off, not more", () => {
  assert.equal(finder.distance("cimetiere", "cimetierre", 2), 1);
  assert.equal(finder.wordMatch("cimetier", "cimetier"), 1);
  assert.equal(finder.wordMatch("cimet", "cimetier"), 0.8);
  assert.equal(finder.wordMatch("simetier", "cimetier"), 0.7);
  assert.equal(finder.wordMatch("xyzetier", "cimetier"), 0);
});

test("projectOptions: what starts like the typed text comes first", () => {
  const options = finder.projectOptions(data(), "epuration");
  assert.equal(options[0].value, "eau-assainissement");
  assert.equal(finder.projectOptions(data(), "STEP")[0].value, "eau-assainissement");
});

test("understand: words in any order, plurals and typos, across a domain's keywords", () => {
  assert.equal(finder.understand(data(), "toiture eglise")[0].domain.id, "batiments-publics");
  assert.equal(finder.understand(data(), "la fibre n'arrive pas")[0].domain.id, "numerique");
  assert.equal(finder.understand(data(), "reprise de concession")[0].domain.id, "cimetiere");
  assert.equal(finder.understand(data(), "cimetierre")[0].domain.id, "cimetiere");
  assert.deepEqual(finder.understand(data(), "zzzz qqqq"), []);
});

test("communeMeant: one commune when the text names one, the list when several fit", () => {
  const d = data();
  assert.deepEqual(finder.communeMeant(d, "allegre"), { value: "allegre" });
  assert.deepEqual(finder.communeMeant(d, "le puy"), { value: "le-puy-en-velay" });
  assert.deepEqual(finder.communeMeant(d, "43270"), { value: "allegre" });
  const several = finder.communeMeant(d, "saint");
  assert.deepEqual(several.several.map((o) => o.value).sort(), ["saint-jeures", "saint-julien-chapteuil"]);
  assert.deepEqual(finder.communeMeant(d, "introuvable"), {});
});

test("the address keeps the choice, and drops what the data does not know", () => {
  const d = data();
  const state = finder.stateFromQuery(d, "?projet=cimetiere&commune=mercoeur&phase=realisation");
  assert.deepEqual(state, { projet: "cimetiere", commune: "mercoeur", phase: "realisation" });
  assert.equal(finder.queryFromState(state), "projet=cimetiere&commune=mercoeur&phase=realisation");
  assert.deepEqual(finder.stateFromQuery(d, "?projet=inconnu&commune=nulle-part&phase=demain"), { projet: null, commune: null, phase: "" });
  assert.equal(finder.queryFromState({ projet: null, commune: null, phase: "" }), "");
});
