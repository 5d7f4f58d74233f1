/* Unit tests of the search's word rules (docs/assets/inge43-search-words.js), without a browser:
 * `node --test tests/js/`. Expected values are written by hand. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { Inge43SearchWords: S } = require("../../docs/assets/inge43-search-words.js");
const { Inge43Text: T } = require("../../docs/assets/inge43-text.js");

/* The root of a word as the search reads it: stem first (inge43-text.js), then derivation. */
const root = (word) => S.derive(T.words(word)[0]);

test("a verb and the noun made from it meet on one root", () => {
  const pairs = [
    ["rénover", "rénovation"],
    ["recruter", "recrutement"],
    ["éclairer", "éclairage"],
    ["agrandir", "agrandissement"],
    ["enfouir", "enfouissement"],
    ["vérifier", "vérification"],
    ["démolir", "démolition"],
    ["construire", "construction"],
    ["réduire", "réduction"],
    ["vendre", "vente"],
    ["perdre", "perte"],
    ["accessible", "accessibilité"],
    ["rentable", "rentabilité"],
    ["broyer", "broyeur"],
    ["méthanisation", "méthaniseur"],
    ["transformation", "transformateur"],
    ["composter", "composteur"],
  ];
  for (const [verb, noun] of pairs) assert.equal(root(verb), root(noun), `${verb} / ${noun}`);
});

test("derivation keeps short words and words of other families whole", () => {
  assert.equal(S.derive("crer"), "crer"); // « créer » stems to « crer »: too short to cut
  assert.equal(S.derive("ordr"), "ordr"); // « ordre » is no verb in « -rdre » with a noun
  assert.equal(S.derive("cuir"), "cuir");
  assert.equal(S.derive("composition"), "composition"); // « -sition » comes from « -ser »
  assert.notEqual(root("vendre"), root("vendredi"));
  assert.equal(root("moteur"), "moteur"); // « mot » would be too short: the word stays whole
});

test("longestStart: the longest known beginning of a compound word, five letters at least, four left", () => {
  const site = ["cybersecurit", "mairi", "photovoltaiqu"];
  const known = (w) => site.some((s) => s.startsWith(w));
  const known2 = (w) => ["quantit"].some((s) => s.startsWith(w));
  assert.equal(S.longestStart("cyberattaqu", known), "cyber");
  assert.equal(S.longestStart("photovoltaiqu", known), "photovolt"); // four letters left at least
  assert.equal(S.longestStart("quantiqu", known2), null); // « quant-iques »: a suffix, not a word
  assert.equal(S.longestStart("mairx", known), null); // « mair » has four letters only
  assert.equal(S.longestStart("zorglub", known), null);
});

test("familyStart: the longest beginning that is the root of a family of the site", () => {
  const roots = new Set(["compost", "comp", "renov"]);
  const isRoot = (w) => roots.has(w);
  assert.equal(S.familyStart("composteur", isRoot), "compost");
  assert.equal(S.familyStart("renovatoin", isRoot), "renov");
  assert.equal(S.familyStart("compteur", isRoot), null); // « comp »: four letters only
});

test("asksHow: the words that ask for a method, not for a subject", () => {
  assert.equal(S.asksHow("comment faire une voie verte"), true);
  assert.equal(S.asksHow("par ou commencer"), true);
  assert.equal(S.asksHow("etapes station d epuration"), true);
  assert.equal(S.asksHow("voie verte"), false);
  assert.equal(S.asksHow("route par la foret ou le bourg"), false); // « par » and « où » apart
});

test("asksWhat: the words that ask what a word means", () => {
  assert.equal(S.asksWhat("c est quoi un epci"), true);
  assert.equal(S.asksWhat("que veut dire scot"), true);
  assert.equal(S.asksWhat("definition erp"), true);
  assert.equal(S.asksWhat("dire la messe"), false);
  assert.equal(S.asksWhat("epci"), false);
});

test("subject: what is left once the question words are gone", () => {
  assert.equal(S.subject("que veut dire scot"), "que scot");
  assert.equal(S.subject("par ou commencer mon projet"), "mon projet");
  assert.equal(S.subject("etapes station d epuration"), "station d epuration");
  assert.equal(S.subject("commencement des travaux"), "commencement des travaux");
  assert.equal(S.subject("comment"), "");
});

test("joinThousands: « 2 000 » written the French way meets « 2000 » typed", () => {
  assert.equal(S.joinThousands("moins de 2 000 habitants"), "moins de 2000 habitants");
  assert.equal(S.joinThousands("de 2\u00a0000 à 20\u202f000"), "de 2000 à 20000");
  assert.equal(S.joinThousands("1 250 000 euros"), "1250000 euros");
  assert.equal(S.joinThousands("43 communes, 12 maires"), "43 communes, 12 maires");
  assert.equal(S.joinThousands("RN 102 et 3 0000"), "RN 102 et 3 0000");
});

test("unglue: letters and digits typed together are cut apart", () => {
  assert.equal(S.unglue("inge43"), "inge 43");
  assert.equal(S.unglue("cdg43"), "cdg 43");
  assert.equal(S.unglue("3ds"), "3 ds");
  assert.equal(S.unglue("amf"), "amf");
});
