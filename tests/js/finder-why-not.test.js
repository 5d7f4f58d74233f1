/* Why an offer does not apply to a commune, as the finder says it (docs/assets/finder.js, whyNot),
 * on the finder.json Python writes for an offer limited to 500-1,000 inhabitants and communes at
 * its limits (tests/js/finder_corpus.py, tests/population_limits.py). Python decides the reason
 * (eligibility.exclusion, one letter per offer in `motifs`); the script only words it.
 * Expected sentences are written by hand. `node --test tests/js/`.
 *
 * The corpus needs the project's Python ($PYTHON, else .venv/bin/python, made by `make install`):
 * without it the test fails, it never skips. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const finder = require("../../docs/assets/finder.js");

const ROOT = path.resolve(__dirname, "..", "..");
const PYTHON = process.env.PYTHON || path.join(ROOT, ".venv", "bin", "python");
const NNBSP = "\u202f";

function corpus() {
  assert.ok(fs.existsSync(PYTHON), `Python introuvable (${PYTHON}) : lancez « make install », ou donnez PYTHON=…`);
  const out = execFileSync(PYTHON, [path.join(__dirname, "finder_corpus.py")], { cwd: ROOT, encoding: "utf8" });
  const cases = JSON.parse(out);
  for (const name of Object.keys(cases)) finder.prepare(cases[name]);
  return cases;
}

const CASES = corpus();

function offerIndex(data, partnerId, title) {
  const i = data.offres.findIndex((o) => data.partenaires[o.p].id === partnerId && o.titre === title);
  assert.ok(i >= 0, `${partnerId} / ${title}`);
  return i;
}

function commune(data, name) {
  const c = data.communes.find((x) => x.nom === name);
  assert.ok(c, name);
  return c;
}

function applies(data, c, i) {
  return data.motifs[c.profil].charAt(i) === ".";
}

test("one inhabitant over the maximum: the sentence gives the maximum and the commune's population", () => {
  const data = CASES.above;
  const i = offerIndex(data, "guichet-test", "Accompagnement de projet");
  assert.equal(applies(data, commune(data, "Allègre"), i), true); // exactly 1,000
  assert.equal(applies(data, commune(data, "Alleyrac"), i), true); // exactly 500
  assert.equal(applies(data, commune(data, "Allègre-bis"), i), false);
  assert.equal(
    finder.whyNot(data, i, commune(data, "Allègre-bis")),
    `réservée aux communes jusqu'à 1${NNBSP}000 habitants (Allègre-bis : 1${NNBSP}001)`
  );
});

test("one inhabitant under the minimum: the sentence gives the minimum, not the maximum", () => {
  const data = CASES.below;
  const i = offerIndex(data, "guichet-test", "Accompagnement de projet");
  assert.equal(applies(data, commune(data, "Allègre"), i), true); // same intercommunality and park, 1,000 inhabitants
  assert.equal(applies(data, commune(data, "Allègre-bis"), i), false);
  assert.equal(
    finder.whyNot(data, i, commune(data, "Allègre-bis")),
    "réservée aux communes d'au moins 500 habitants (Allègre-bis : 499)"
  );
});

test("a territory of the offer, a territory of the partner: each has its own sentence", () => {
  const data = CASES.below;
  const water = offerIndex(data, "guichet-test", "Conseil eau et assainissement"); // Le Puy and Aiguilhe only
  assert.match(finder.whyNot(data, water, commune(data, "Allègre")), /^limitée à : \S/);
  const agency = data.offres.findIndex((o) => data.partenaires[o.p].id === "agence-test"); // one intercommunality
  assert.ok(agency >= 0);
  assert.match(finder.whyNot(data, agency, commune(data, "Alleyrac")), /^Agence technique de test ne couvre que : \S/);
});

test("every reason Python ships is worded, each in its own way", () => {
  const starts = {
    "population-min": "réservée aux communes d'au moins ",
    population: "réservée aux communes jusqu'à ",
    territoire: "limitée à : ",
    partenaire: " ne couvre que : ",
  };
  const seen = new Set();
  for (const data of Object.values(CASES)) {
    assert.deepEqual(Object.values(data.lettresMotifs).sort(), Object.keys(starts).sort());
    for (const c of data.communes) {
      data.offres.forEach((offer, i) => {
        const letter = data.motifs[c.profil].charAt(i);
        if (letter === ".") return;
        const reason = data.lettresMotifs[letter];
        assert.ok(finder.whyNot(data, i, c).includes(starts[reason]), `${c.nom}, offre ${i} : ${reason}`);
        seen.add(reason);
      });
    }
  }
  assert.deepEqual([...seen].sort(), Object.keys(starts).sort()); // the corpus holds all four
});
