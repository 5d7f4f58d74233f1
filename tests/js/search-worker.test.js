/* Unit tests of the site search's query side (docs/assets/javascripts/workers/inge43-search.js)
 * on a small fixture index, without a browser: `node --test tests/js/`.
 *
 * The worker runs in a sandbox that stands for a web worker: `importScripts` loads the rulebook
 * (scripts/inge43/read/search_rules.json, as the build writes it into assets/inge43-rules.js), the
 * text rules and a stand-in for Material's worker, which records what the wrapper hands it. Each
 * rule of the rulebook's `query` part is pinned here with the value written by hand, and shown
 * acting on the fixture. Expected values are written by hand. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const RULES = JSON.parse(fs.readFileSync(path.join(ROOT, "scripts/inge43/read/search_rules.json"), "utf8"));
const ASSETS = path.join(ROOT, "docs/assets");
const SETUP = 0, QUERY = 2, RESULT = 3;

/* A worker in a sandbox: send(setup/query), results(groups) -> the order the wrapper gives. */
function startWorker(rules = RULES) {
  const handlers = [];
  const posted = [];
  const sandbox = {
    URL, console,
    location: { href: "https://example.org/assets/javascripts/workers/inge43-search.js?worker=search.0123abcd.min.js" },
    postMessage: (message) => posted.push(message),
    addEventListener: (type, handler) => handlers.push(handler),
  };
  sandbox.self = sandbox;
  sandbox.importScripts = (...names) => {
    for (const name of names) {
      if (name === "../../inge43-rules.js") sandbox.Inge43Rules = JSON.parse(JSON.stringify(rules));
      else if (name.startsWith("../../")) vm.runInContext(fs.readFileSync(path.join(ASSETS, name.slice(6)), "utf8"), sandbox);
      else if (name === "search.0123abcd.min.js") sandbox.addEventListener("message", (event) => received.push(event.data));
      else throw new Error("unexpected script " + name);
    }
  };
  const received = [];
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(path.join(ASSETS, "javascripts/workers/inge43-search.js"), "utf8"), sandbox);
  const send = (message) => { handlers.forEach((h) => h({ data: message })); return received[received.length - 1]; };
  return {
    setup: (index) => send({ type: SETUP, data: index }).data,
    query: (text) => send({ type: QUERY, data: text }).data,
    /* Material's results, as groups of [{location, score}], reordered by the wrapper. */
    rerank: (groups) => {
      sandbox.postMessage({ type: RESULT, data: { items: groups } });
      return posted[posted.length - 1].data.items.map((g) => g[0].location);
    },
  };
}

/* A small site: two domains, a guide of one of them, two partners, a commune, the glossary. */
function fixture() {
  return {
    config: { synonymes: [["SDE", "Syndicat départemental d'énergies"]] },
    docs: [
      { location: "domaines/cimetiere/", title: "Cimetières", text: "<p>Gérer le cimetière communal.</p>", mots: "concession funéraire ; columbarium" },
      { location: "domaines/eclairage/", title: "Éclairage public", text: "<p>Rénover l'éclairage de la commune.</p>", mots: "lampadaire" },
      { location: "guides/cimetiere/", title: "Reprendre des concessions au cimetière", text: "<p>Les étapes de la reprise.</p>", guide: true, domaines: ["domaines/cimetiere/"] },
      { location: "partenaires/sde43/", title: "Syndicat départemental d'énergies de la Haute-Loire", text: "<p>Éclairage public, réseaux.</p>", noms: ["SDE43", "SDE"] },
      { location: "partenaires/caue43/", title: "CAUE de la Haute-Loire", text: "<p>Conseils pour le cimetière, la concession d'un emplacement funéraire, l'éclairage et l'accessibilité.</p>" },
      { location: "communes/pont-salomon/", title: "Pont-Salomon", text: "<p>Commune de la Haute-Loire.</p>" },
      { location: "glossaire/", title: "Glossaire", text: "<p>Les sigles.</p>", glossaire: true },
      { location: "glossaire/#sde", title: "SDE — Syndicat départemental d'énergies", text: "<p>Le syndicat de l'éclairage.</p>", terme: true },
      { location: "glossaire/#pave", title: "PAVE — Plan de mise en accessibilité de la voirie", text: "<p>Un plan de la commune.</p>", terme: true },
    ],
  };
}

const searched = (query) => query.split(" ").filter((t) => !t.includes("^"));

test("the query side's weights and word lists are the rulebook's (changing one fails here)", () => {
  assert.deepEqual(RULES.query, {
    exact: 3,
    title_words: 1.5,
    phrase_name: 2,
    phrase_text: 1.5,
    title_start: 1.5,
    guide_behind_domain: 0.99,
    method_words: ["comment", "etape", "etapes", "commencer", "demarrer", "debuter", "methode"],
    method_pairs: ["par ou"],
    meaning_words: ["quoi", "definition", "signifie", "signification"],
    meaning_pairs: ["veut dire"],
    derivations: [
      ["issement$", "ir", 5],
      ["ification$", "ifi", 5],
      ["([^s])ition$", "$1ir", 5],
      ["uction$", "uct", 5],
      ["([^aeiou])uir$", "$1uct", 5],
      ["([nr])dr$", "$1t", 4],
      ["([ai])bilit$", "$1bl", 5],
      ["(?:ation|ateur|ement|ag|eur|er)$", "", 4],
    ],
    shortest_start: 5,
    shortest_rest: 4,
  });
  assert.deepEqual(RULES.text.typos, { one_from: 5, two_from: 9 });
});

test("exact: each word is searched whole with weight `exact`, and as a beginning", () => {
  const w = startWorker();
  w.setup(fixture());
  assert.equal(w.query("Cimetières"), "cimeti^3 cimeti"); // stem « cimetier », then « -er » off
  const heavier = startWorker({ ...RULES, query: { ...RULES.query, exact: 5 } });
  heavier.setup(fixture());
  assert.equal(heavier.query("Cimetières"), "cimeti^5 cimeti");
});

test("typos: a word the site does not know is read as the word one letter off, from five letters", () => {
  const w = startWorker();
  w.setup(fixture());
  assert.deepEqual(searched(w.query("cimetierre")), ["cimeti"]);
  assert.deepEqual(searched(w.query("lampadair")), ["lampadair"]); // known as such
  assert.deepEqual(searched(w.query("lampodairr")), ["lampadair"]); // two off, ten letters
  assert.deepEqual(searched(w.query("lampodaiir")), ["lampadair"]);
  assert.deepEqual(searched(w.query("lamp")), ["lamp"]); // starts a word of the site
  assert.deepEqual(searched(w.query("tamp")), ["tamp"]); // four letters: no typo allowed
});

test("method and meaning words are not searched as the subject", () => {
  const w = startWorker();
  w.setup(fixture());
  assert.deepEqual(searched(w.query("comment reprendre une concession")), ["reprent", "concession"]);
  assert.deepEqual(searched(w.query("par où commencer cimetière")), ["cimeti"]);
  assert.deepEqual(searched(w.query("que veut dire SDE")), ["sde"]);
  assert.deepEqual(searched(w.query("définition columbarium")), ["columbarium"]);
});

test("a page named exactly as typed (title or acronym) comes first", () => {
  const w = startWorker();
  w.setup(fixture());
  w.query("SDE");
  const order = w.rerank([
    [{ location: "glossaire/#sde", score: 9 }],
    [{ location: "partenaires/sde43/", score: 1 }],
  ]);
  assert.deepEqual(order, ["partenaires/sde43/", "glossaire/#sde"]);
});

test("coverage: a page holding every typed word outranks a better score holding half of them", () => {
  const w = startWorker();
  w.setup(fixture());
  w.query("éclairage concession");
  const order = w.rerank([
    [{ location: "domaines/eclairage/", score: 3.9 }], // « éclairage » only: 3.9 x (1/2)^2 = 0.975
    [{ location: "domaines/cimetiere/", score: 1 }], // « concession » only: 0.25
    [{ location: "partenaires/caue43/", score: 1.1 }], // both
  ]);
  assert.deepEqual(order, ["partenaires/caue43/", "domaines/eclairage/", "domaines/cimetiere/"]);
});

test("a guide comes right after its domain, unless the query asks for a method", () => {
  const w = startWorker();
  w.setup(fixture());
  w.query("cimetière");
  const groups = () => [
    [{ location: "guides/cimetiere/", score: 5 }],
    [{ location: "partenaires/caue43/", score: 3 }],
    [{ location: "domaines/cimetiere/", score: 4 }],
  ];
  assert.deepEqual(w.rerank(groups()), ["domaines/cimetiere/", "guides/cimetiere/", "partenaires/caue43/"]);
  w.query("comment cimetière");
  assert.deepEqual(w.rerank(groups())[0], "guides/cimetiere/");
});

test("guide_behind_domain: the guide steps back to just behind its domain, not further", () => {
  const w = startWorker();
  w.setup(fixture());
  w.query("cimetière");
  const groups = [
    [{ location: "guides/cimetiere/", score: 5 }],
    [{ location: "domaines/cimetiere/", score: 4 }],
    [{ location: "partenaires/caue43/", score: 3.97 }], // above 4 x 0.99 = 3.96
  ];
  assert.deepEqual(w.rerank(groups), ["domaines/cimetiere/", "partenaires/caue43/", "guides/cimetiere/"]);
});

test("a meaning question puts the glossary first when it holds every typed word", () => {
  const w = startWorker();
  w.setup(fixture());
  w.query("c'est quoi un SDE");
  assert.deepEqual(w.rerank([
    [{ location: "partenaires/sde43/", score: 5 }],
    [{ location: "glossaire/", score: 1 }, { location: "glossaire/#sde", score: 1 }],
  ])[0], "glossaire/");
});

test("phrase_name: typed words that follow each other in a keyword weigh `phrase_name`", () => {
  const w = startWorker();
  w.setup(fixture());
  w.query("concession funéraire");
  // The CAUE's text holds both words apart: no bonus. The domain has the keyword: x 2.
  const order = w.rerank([
    [{ location: "partenaires/caue43/", score: 1.9 }],
    [{ location: "domaines/cimetiere/", score: 1 }],
  ]);
  assert.deepEqual(order, ["domaines/cimetiere/", "partenaires/caue43/"]);
  const lighter = startWorker({ ...RULES, query: { ...RULES.query, phrase_name: 1.5 } });
  lighter.setup(fixture());
  lighter.query("concession funéraire");
  assert.deepEqual(lighter.rerank([
    [{ location: "partenaires/caue43/", score: 1.9 }],
    [{ location: "domaines/cimetiere/", score: 1 }],
  ]), ["partenaires/caue43/", "domaines/cimetiere/"]);
});

test("coverage: the glossary covers the typed words only through one of its terms", () => {
  const w = startWorker();
  w.setup(fixture());
  w.query("éclairage accessibilité");
  // « éclairage » is in the SDE's definition, « accessibilité » in the PAVE's: half each.
  const order = w.rerank([
    [{ location: "glossaire/#sde", score: 5 }, { location: "glossaire/#pave", score: 5 }],
    [{ location: "partenaires/caue43/", score: 1.5 }], // both words, in one place: 1.5 > 5 / 4
  ]);
  assert.deepEqual(order, ["partenaires/caue43/", "glossaire/#sde"]);
});
