/* The same text rules in Python (scripts/inge43/read/text.py) and in JavaScript
 * (docs/assets/inge43-text.js), compared on a corpus that Python writes (tests/js/text_corpus.py):
 * every stop word and abbreviation of the search's rulebook, every commune, domain, keyword,
 * project type, partner, offer and glossary term of data/. `node --test tests/js/`.
 *
 * The corpus needs the project's Python ($PYTHON, else .venv/bin/python, made by `make install`):
 * without it the test fails, it never skips. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { Inge43Text: T } = require("../../docs/assets/inge43-text.js");

const ROOT = path.resolve(__dirname, "..", "..");
const PYTHON = process.env.PYTHON || path.join(ROOT, ".venv", "bin", "python");

function corpus() {
  assert.ok(fs.existsSync(PYTHON), `Python introuvable (${PYTHON}) : lancez « make install », ou donnez PYTHON=…`);
  const out = execFileSync(PYTHON, [path.join(__dirname, "text_corpus.py")], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

const CORPUS = corpus();
const RULES = JSON.parse(fs.readFileSync(path.join(ROOT, "scripts/inge43/read/search_rules.json"), "utf8"));

test("the corpus holds every stop word, abbreviation, commune, domain and keyword", () => {
  const texts = new Set(CORPUS.map((row) => row[0]));
  for (const w of RULES.text.stop_words) assert.ok(texts.has(w), w);
  for (const w of Object.keys(RULES.text.abbreviations)) assert.ok(texts.has(w), w);
  for (const name of ["Yssingeaux", "Le Puy-en-Velay", "Saint-Paulien"]) assert.ok(texts.has(name), name);
  assert.ok(CORPUS.length > 1000, `only ${CORPUS.length} texts`);
});

test("every stop word is dropped on both sides, in small and capital letters", () => {
  const stops = CORPUS.filter((row) => RULES.text.stop_words.includes(row[0].toLowerCase()));
  const texts = new Set(stops.map((row) => row[0]));
  for (const w of RULES.text.stop_words) assert.ok(texts.has(w) && texts.has(w.toUpperCase()), w);
  for (const [text, , pyWords] of stops) {
    assert.deepEqual(pyWords, [], `Python keeps « ${text} »`);
    assert.deepEqual(T.words(text), [], `JavaScript keeps « ${text} »`);
  }
});

test("fold and words give the same result in Python and JavaScript on the whole corpus", () => {
  const differ = CORPUS.filter(([text, pyFold, pyWords]) =>
    T.fold(text) !== pyFold || JSON.stringify(T.words(text)) !== JSON.stringify(pyWords));
  assert.deepEqual(differ.map((row) => [row[0], row[1], T.fold(row[0]), row[2], T.words(row[0])]), []);
});
