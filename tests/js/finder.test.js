/* Unit tests of the finder's pure functions (docs/assets/finder.js), without a browser:
 * `node --test tests/js/` (run by `make test`). Expected values are written by hand. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const finder = require("../../docs/assets/finder.js");

/* A small finder.json, in the shape scripts/inge43/generate/finder.py writes it. */
function data() {
  return finder.prepare({
    phases: [{ id: "conception", nom: "Conception" }, { id: "realisation", nom: "Réalisation" }, { id: "evaluation", nom: "Évaluation" }],
    clesRangs: { best: "m", others: "a", funding: "f", inform: "i", elsewhere: "x", entry: "g" },
    domaines: [
      {
        id: "eau-assainissement", nom: "Eau et assainissement", mots: ["station d'épuration", "STEP", "eaux usées"],
        projets: [{ id: "station-epuration", nom: "Mise aux normes de la station d'épuration", mots: ["lagunage"] }],
        rangs: { "": { "": { m: [1], g: [0], s: 1 } }, "station-epuration": { "": { m: [1], g: [0], s: 1 }, realisation: { g: [0], s: 1 } } },
      },
      {
        id: "batiments-publics", nom: "Bâtiments publics", mots: ["église", "toiture", "mairie"],
        projets: [{ id: "toiture-eglise", nom: "Réfection de la toiture de l'église" }],
      },
      {
        id: "energie-eclairage", nom: "Énergie et éclairage public", mots: ["éclairage public", "électricité"],
        projets: [
          { id: "moderniser-eclairage", nom: "Moderniser l'éclairage public", mots: ["lampadaires", "candélabres"] },
          { id: "bornes-recharge", nom: "Installer une borne de recharge" },
          { id: "etendre-reseau", nom: "Étendre le réseau vers un lotissement" },
        ],
        rangs: {
          "": { "": { m: [2, 3], f: [4] } },
          "moderniser-eclairage": { "": { m: [2, 4], x: [3] } },
          "bornes-recharge": { "": { m: [3], x: [2] } },
          "etendre-reseau": { "": { m: [4], x: [2, 3], d: 1 } },
        },
      },
      {
        id: "numerique", nom: "Numérique", mots: ["fibre", "internet", "mairie"],
        projets: [
          { id: "fibre", nom: "Raccorder la mairie à la fibre" },
          { id: "site", nom: "Créer ou refaire le site internet de la mairie" },
          { id: "cyber", nom: "Protéger l'informatique", mots: ["piratage"] },
        ],
      },
      { id: "cimetiere", nom: "Cimetière", mots: ["concessions", "columbarium"], projets: [{ id: "reprise-concessions", nom: "Reprise des concessions abandonnées" }] },
    ],
    champsCommunes: ["nom", "page", "codes_postaux", "population", "epci", "arrondissement", "profil", "pnr"],
    communes: [
      ["Le Puy-en-Velay", "", "43000", 19000, 0, 0, 1, []],
      ["Allègre", "", "43270", 922, 0, 0, 0, []],
      ["Saint-Julien-Chapteuil", "", "43260", 1900, 0, 0, 0, []],
      ["Saint-Jeures", "", "43200", 900, 0, 0, 0, []],
      ["Mercœur", "", "43100", 200, 0, 0, 0, []],
    ],
    offres: [{ p: 0 }, { p: 1 }, { p: 2 }, { p: 2 }, { p: 3 }],
    // Profile 0: every offer applies; profile 1: offers 1, 2 and 3 do not (run lengths).
    profils: [[0, 5], [0, 1, 3, 1]],
    partenaires: [{ guichet: true }, {}, {}, {}],
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

test("projectOptions: what starts like the typed text comes first, a project type before a domain found by its keywords", () => {
  // The domain's keyword « station d'épuration » is part of the project type's name: the project first.
  const epuration = finder.projectOptions(data(), "epuration").map((o) => o.value);
  assert.deepEqual(epuration.slice(0, 2), ["eau-assainissement/station-epuration", "eau-assainissement"]);
  assert.equal(finder.projectOptions(data(), "Bâtiments")[0].value, "batiments-publics"); // the domain named
  assert.equal(finder.projectOptions(data(), "STEP")[0].value, "eau-assainissement");
  assert.equal(finder.projectOptions(data(), "lampadaires")[0].value, "energie-eclairage/moderniser-eclairage");
  assert.equal(finder.projectOptions(data(), "eclairage public")[0].value, "energie-eclairage/moderniser-eclairage");
});

test("understand: words in any order, plurals and typos, read to a project type when one explains them", () => {
  const toiture = finder.understand(data(), "toiture eglise")[0];
  assert.equal(toiture.domain.id, "batiments-publics");
  assert.equal(toiture.type.id, "toiture-eglise");
  assert.equal(finder.understand(data(), "la fibre n'arrive pas")[0].domain.id, "numerique");
  assert.equal(finder.understand(data(), "reprise de concession")[0].type.id, "reprise-concessions");
  const named = finder.understand(data(), "renover l'eclairage public")[0]; // the domain's own name explains as much
  assert.deepEqual([named.domain.id, named.type], ["energie-eclairage", null]);
  assert.equal(finder.understand(data(), "cimetiere")[0].type, null);
  assert.equal(finder.understand(data(), "changer les lampadaire")[0].type.id, "moderniser-eclairage");
  assert.equal(finder.understand(data(), "cimetierre")[0].domain.id, "cimetiere");
  assert.deepEqual(finder.understand(data(), "zzzz qqqq"), []);
});

test("understand: long sentences, asking words, verbs and nouns of one root, a project read through its domain's words", () => {
  const d = data();
  // « voudrait », « faire » say that the élu asks, not about what: the cemetery is what is left.
  assert.equal(finder.understand(d, "on voudrait faire quelque chose au cimetiere")[0].domain.id, "cimetiere");
  // « pirater » and « piratage »: one root; « fait » is an asking word.
  assert.equal(finder.understand(d, "la mairie s'est fait pirater")[0].type.id, "cyber");
  // The project reads the domain's keyword « électricité » and explains « lotissement » itself.
  const network = finder.understand(d, "amener l'électricité au futur lotissement communal")[0];
  assert.deepEqual([network.domain.id, network.type.id], ["energie-eclairage", "etendre-reseau"]);
  // « refaire » meets only the verb of « Créer ou refaire le site internet »: the roof is read.
  assert.equal(finder.understand(d, "refaire la toiture de la mairie")[0].domain.id, "batiments-publics");
  // « protéger » meets only a project's verb, and « tourbière » nothing: no reading rather than a wrong one.
  assert.deepEqual(finder.understand(d, "proteger une tourbiere"), []);
});

test("arrange: the shipped order, without the offers that do not apply to the commune", () => {
  const d = data();
  const energy = d.domainById["energie-eclairage"];
  const all = finder.arrange(d, energy, "moderniser-eclairage", "", null, false);
  assert.deepEqual([all.best, all.elsewhere, all.entry], [[2, 4], [3], []]);
  assert.equal(all.entryFirst, false); // a specialist serves the project, the entry point has no offer for it
  const puy = d.communeBySlug["le-puy-en-velay"];
  const filtered = finder.arrange(d, energy, "moderniser-eclairage", "", puy, false);
  assert.deepEqual(filtered.best, [4]);
  const water = d.domainById["eau-assainissement"];
  assert.equal(finder.arrange(d, water, "station-epuration", "", null, false).entryFirst, true); // its own offer
  assert.equal(finder.arrange(d, water, "station-epuration", "", null, true).entryFirst, false); // the intercommunality first
  const charging = finder.arrange(d, energy, "bornes-recharge", "", puy, false);
  assert.deepEqual(charging.best, []); // filtered out at Le Puy: nobody else serves it, the entry point comes first
  assert.equal(charging.entryFirst, true);
  assert.deepEqual(finder.arrange(d, energy, "inconnu", "", null, false).best, [2, 3]); // unknown type: the domain
  // A project no offer names: the best placed for the whole domain, said as such (`d`).
  const network = finder.arrange(d, energy, "etendre-reseau", "", null, false);
  assert.deepEqual([network.best, network.bestForDomain], [[4], true]);
  assert.equal(all.bestForDomain, false);
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
  const state = finder.stateFromQuery(d, "?projet=cimetiere&type=reprise-concessions&commune=mercoeur&phase=realisation");
  assert.deepEqual(state, { projet: "cimetiere", type: "reprise-concessions", commune: "mercoeur", phase: "realisation" });
  assert.equal(finder.queryFromState(state), "projet=cimetiere&type=reprise-concessions&commune=mercoeur&phase=realisation");
  assert.deepEqual(finder.stateFromQuery(d, "?projet=inconnu&type=x&commune=nulle-part&phase=demain"), { projet: null, type: null, commune: null, phase: "" });
  assert.deepEqual(finder.stateFromQuery(d, "?projet=cimetiere&type=station-epuration").type, null); // another domain's type
  assert.equal(finder.queryFromState({ projet: null, commune: null, phase: "" }), "");
});
