/* The finder's reading of free words (docs/assets/finder.js `understand`) acts by the words and
 * weights of the rulebook's section `finder` (scripts/inge43/read/search_rules.json). Each of them
 * is shown acting on a small fixture, with the result written by hand: a word or a number changed
 * enough to change what an élu gets fails here. Where it helps, the same fixture is read again with
 * a changed rulebook (the finder loaded in a sandbox, as the page loads it after inge43-rules.js),
 * to show the value is what decides. `node --test tests/js/`. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const RULES = JSON.parse(fs.readFileSync(path.join(ROOT, "scripts/inge43/read/search_rules.json"), "utf8"));
const SOURCE = fs.readFileSync(path.join(ROOT, "docs/assets/finder.js"), "utf8");
const { Inge43Text } = require("../../docs/assets/inge43-text.js");
const { Inge43SearchWords } = require("../../docs/assets/inge43-search-words.js");

/* finder.js as the page loads it, with this rulebook's section `finder` (and `query`). */
function finderWith(change = {}) {
  const rules = JSON.parse(JSON.stringify(RULES));
  Object.assign(rules.finder, change);
  const sandbox = {
    window: { Inge43Text, Inge43SearchWords, Inge43Rules: rules },
    module: { exports: {} }, URLSearchParams,
  };
  vm.runInNewContext(SOURCE, sandbox);
  return sandbox.module.exports;
}

const finder = finderWith();

function prepared(f, domaines) {
  return f.prepare({
    phases: [], clesRangs: {}, champsCommunes: [], communes: [], offres: [], profils: [], partenaires: [], domaines,
  });
}

/* What understand() reads: « domain » or « domain/type », best first (an array of this realm). */
function read(f, domaines, text) {
  return [...f.understand(prepared(f, domaines), text)].map((x) => (x.type ? x.domain.id + "/" + x.type.id : x.domain.id));
}

test("the sandboxed finder reads like the one the tests require", () => {
  const domaines = [{ id: "cimetiere", nom: "Cimetière", mots: ["concessions"] }];
  assert.deepEqual(read(finder, domaines, "concession"), ["cimetiere"]);
  const required = require("../../docs/assets/finder.js");
  assert.deepEqual(read(required, domaines, "concession"), ["cimetiere"]);
});

// Words that say that the élu asks, written by hand: « asking_words » and the search's method words.
const ASKING = [
  "faire", "fait", "faut", "faudrait", "veut", "veux", "voulons", "veulent", "voudrait", "voudrions",
  "voudrais", "voudraient", "souhaite", "souhaitons", "souhaiterait", "souhaiterions", "aimerait",
  "aimerions", "pense", "pensons", "envisage", "envisageons", "peut", "peuvent", "pouvons", "pourrait",
  "pourrions", "doit", "devons", "devrait", "devrions", "besoin", "aider", "aide",
  "etape", "etapes", "commencer", "demarrer", "debuter", "methode",
];

test("asking words are not read as what the project is about, even where the data has them", () => {
  // A decoy domain whose keywords are the asking words themselves (« gîte d'étape » exists).
  const domaines = [
    { id: "cimetiere", nom: "Cimetière", mots: ["concessions"] },
    { id: "leurre", nom: "Leurre", mots: ASKING },
  ];
  for (const word of ASKING) {
    assert.deepEqual(read(finder, domaines, word), [], word);
    assert.deepEqual(read(finder, domaines, `${word} concession`), ["cimetiere"], word);
  }
  // A word of the data that does not say how one asks is read.
  assert.deepEqual(read(finder, domaines, "leurre"), ["leurre"]);
  // Without « voudrait » in the rulebook, the decoy is read: the list decides.
  const fewer = finderWith({ asking_words: RULES.finder.asking_words.filter((w) => w !== "voudrait") });
  assert.deepEqual(read(fewer, domaines, "voudrait"), ["leurre"]);
  // « commencer » is written once, among the search's method words; the finder reads that list too.
  assert.ok(!RULES.finder.asking_words.includes("commencer"));
  assert.ok(RULES.query.method_words.includes("commencer"));
});

test("match grades: the same word, a start of it (3 letters typed, or a data word of 4 typed whole), a typo", () => {
  assert.equal(finder.wordMatch("cimetier", "cimetier"), 1);
  assert.equal(finder.wordMatch("cim", "cimetier"), 0.8);
  assert.equal(finder.wordMatch("ci", "cimetier"), 0);
  assert.equal(finder.wordMatch("fibreoptiqu", "fibr"), 0.8);
  assert.equal(finder.wordMatch("stepxyz", "ste"), 0);
  assert.equal(finder.wordMatch("simetier", "cimetier"), 0.7);
  assert.equal(finder.wordMatch("piratag", "pirat"), 0.8);
  assert.equal(finderWith({ match: { ...RULES.finder.match, starts_from: 2 } }).wordMatch("ci", "cimetier"), 0.8);
  // A word of the same root (a regular derivation) is as sure as a start, surer than a typo.
  assert.equal(finder.wordMatch("electrifi", "electrification"), 0.8);
  // A complete word (in a sentence) starts a longer one from five letters only.
  assert.equal(finder.wordMatch("pann", "panneaux", true), 0);
  assert.equal(finder.wordMatch("pann", "panneaux", false), 0.8);
  assert.equal(finder.wordMatch("cimet", "cimetier", true), 0.8);
});

const ENERGY = [
  { id: "batiments", nom: "Bâtiments", mots: ["chaudière"] },
  { id: "solaire", nom: "Énergies renouvelables", mots: ["chaudière", "panneaux"] },
];

test("in a sentence, a short word that starts a longer one is another word: « panne » is not « panneaux »", () => {
  // « chaudière » is in both domains (the data's order then); « panne » would start « panneaux » and
  // tip the answer to the solar panels.
  assert.deepEqual(read(finder, ENERGY, "la chaudiere de la mairie est en panne"), ["batiments", "solaire"]);
  const shorter = finderWith({ match: { ...RULES.finder.match, complete_starts_from: 4 } });
  assert.deepEqual(read(shorter, ENERGY, "la chaudiere de la mairie est en panne")[0], "solaire");
  // Typed alone, a word may still be unfinished: « pann » proposes the panels.
  assert.deepEqual(read(finder, ENERGY, "pann"), ["solaire"]);
});

test("a verb and the noun of its root are read as surely as a start: « électrifier » and « électrification »", () => {
  const domaines = [
    { id: "energie", nom: "Énergie", mots: ["électrification"] },
    { id: "urbanisme", nom: "Urbanisme", mots: ["terrain", "terrain constructible"] },
    { id: "sport", nom: "Sport", mots: ["terrain", "terrain de sport"] },
    { id: "foret", nom: "Forêt", mots: ["terrain", "terrain boisé"] },
  ];
  // « terrain » is in three domains, « électrifier » meets « électrification » by its root:
  // 0.8 / 1.58 = 0.51, the best reading; read as a guess (a typo's grade, under half), it would give
  // way to the terrains.
  assert.deepEqual(read(finder, domaines, "electrifier un terrain"), ["energie"]);
  const guess = finderWith({ match: { ...RULES.finder.match, root: 0.7 } });
  assert.ok(!read(guess, domaines, "electrifier un terrain").includes("energie"));
});

const CEMETERY = [{ id: "cimetiere", nom: "Cimetière", mots: ["concessions"] }];
const noise = (n) => ["bzk", "qwx", "vlm", "prq", "jht", "kfs", "gnd", "wlx"].slice(0, n).join(" ");

test("unknown words weigh a quarter: six around a known word still let it be read, eight do not", () => {
  assert.deepEqual(read(finder, CEMETERY, `cimetiere ${noise(6)}`), ["cimetiere"]);
  assert.deepEqual(read(finder, CEMETERY, `cimetiere ${noise(8)}`), []);
  // Weighing as much as a known word, two unknown words already drown it.
  assert.deepEqual(read(finderWith({ unknown_word: 1 }), CEMETERY, `cimetiere ${noise(2)}`), []);
  assert.deepEqual(read(finder, CEMETERY, `cimetiere ${noise(2)}`), ["cimetiere"]);
});

test("a start of a word counts as found, a typo needs to explain half of the sentence", () => {
  // « cimet » starts the word (0.8): with four unknown words it explains 0.8 / 2 = 0.4, over a third.
  assert.deepEqual(read(finder, CEMETERY, `cimet ${noise(4)}`), ["cimetiere"]);
  assert.deepEqual(read(finder, CEMETERY, `cimet ${noise(6)}`), []);
  // « simetiere » is a typo (0.7): one unknown word is fine (0.56), two are not (0.47, under half).
  assert.deepEqual(read(finder, CEMETERY, `simetiere ${noise(1)}`), ["cimetiere"]);
  assert.deepEqual(read(finder, CEMETERY, `simetiere ${noise(2)}`), []);
  assert.deepEqual(read(finder, CEMETERY, `cimetiere ${noise(2)}`), ["cimetiere"]);
  const lenient = finderWith({ keep: { ...RULES.finder.keep, near_share: 0.34 } });
  assert.deepEqual(read(lenient, CEMETERY, `simetiere ${noise(2)}`), ["cimetiere"]);
});

const DIGITAL = [
  {
    id: "numerique", nom: "Numérique", mots: [],
    projets: [
      { id: "site", nom: "Créer ou refaire le site internet" },
      { id: "hebergement", nom: "Héberger le site internet" },
    ],
  },
  { id: "batiments", nom: "Bâtiments", mots: ["toiture"] },
];

test("a project's opening verb counts half: it tells two projects apart, it does not make the answer", () => {
  // « refaire » meets only the opening verb of the first project: it puts it before the other.
  assert.deepEqual(read(finder, DIGITAL, "refaire le site"), ["numerique/site", "numerique/hebergement"]);
  const hostingFirst = [{ ...DIGITAL[0], projets: [...DIGITAL[0].projets].reverse() }, DIGITAL[1]];
  assert.deepEqual(read(finder, hostingFirst, "refaire le site")[0], "numerique/site");
  assert.deepEqual(read(finderWith({ action_verb: 0 }), hostingFirst, "refaire le site")[0], "numerique/hebergement");
  // The roof is what is redone: the website is not kept beside it.
  assert.deepEqual(read(finder, DIGITAL, "refaire la toiture"), ["batiments"]);
  // A verb counted whole would put the website beside the roof; not counted, both websites tie.
  assert.deepEqual(read(finderWith({ action_verb: 1 }), DIGITAL, "refaire la toiture"), ["numerique/site", "batiments"]);
  assert.deepEqual(read(finderWith({ action_verb: 0 }), DIGITAL, "refaire le site"), ["numerique/site", "numerique/hebergement"]);
});

test("a reading must explain one of the rarest words, or one nearly as rare (in two domains when the rarest is in one)", () => {
  const domaines = [
    { id: "d1", nom: "Un", mots: ["abricot"] },
    { id: "d2", nom: "Deux", mots: ["banane", "cerise"] },
    { id: "d3", nom: "Trois", mots: ["banane", "cerise"] },
    { id: "d4", nom: "Quatre", mots: ["cerise"] },
  ];
  // « banane » (two domains) is nearly as rare as « abricot » (one): d2 and d3, which explain it with
  // « cerise », come first.
  assert.deepEqual(read(finder, domaines, "abricot banane cerise"), ["d2", "d3", "d1"]);
  assert.deepEqual(read(finderWith({ near_strongest: 0.72 }), domaines, "abricot banane cerise"), ["d1"]);
  // « récolter » meets only the opening verb of d1's project: known only so, it weighs what that match
  // says against a word found as such or by its start (action_verb / match.starts: 0.5 / 0.8), and
  // « cerise », in three domains (0.58), is nearly as strong. Were a start graded no better than a
  // verb, the verb would weigh whole, be the one strongest word, and no reading explains it:
  // nothing would be read rather than a guess.
  const verb = [{ id: "d1", nom: "Un", mots: [], projets: [{ id: "tomates", nom: "Récolter les tomates" }] }].concat(domaines.slice(1));
  assert.deepEqual(read(finder, verb, "recolter des cerises"), ["d2", "d3", "d4"]);
  assert.deepEqual(read(finderWith({ match: { ...RULES.finder.match, starts: 0.5 } }), verb, "recolter des cerises"), []);
});

test("readings are kept near the best: three quarters of its score", () => {
  const domaines = [
    { id: "d1", nom: "Un", mots: ["abricot", "banane", "cerise", "datte", "endive"] },
    { id: "d2", nom: "Deux", mots: ["abricot", "banane", "cerise", "datte"] },
    { id: "d3", nom: "Trois", mots: ["endive"] },
  ];
  // Every word in two domains: d2 explains four fifths of the sentence (0.8), kept; two thirds, not.
  assert.deepEqual(read(finder, domaines, "abricot banane cerise datte endive"), ["d1", "d2"]);
  assert.deepEqual(read(finder, domaines, "abricot banane endive"), ["d1"]);
  const wider = finderWith({ keep: { ...RULES.finder.keep, near_best: 0.6 } });
  assert.deepEqual(read(wider, domaines, "abricot banane endive"), ["d1", "d2"]);
});

test("a commune's name written in the sentence is not read as the project: « Pont-Salomon » is not a bridge", () => {
  const d = finder.prepare({
    phases: [], clesRangs: {}, offres: [], profils: [], partenaires: [],
    champsCommunes: ["nom", "page", "codes_postaux", "population", "epci", "arrondissement", "profil", "pnr"],
    communes: [["Pont-Salomon", "", "43330", 2000, 0, 0, 0, []], ["Vorey", "", "43800", 1400, 0, 0, 0, []]],
    domaines: [
      { id: "voirie", nom: "Voirie", mots: ["pont", "route"] },
      { id: "ecole", nom: "École", mots: ["école"] },
    ],
  });
  const first = (text) => [...finder.understand(d, text)].map((x) => x.domain.id);
  assert.deepEqual(first("refaire l'ecole de Pont-Salomon"), ["ecole"]);
  assert.deepEqual(first("refaire l ecole de pont salomon"), ["ecole"]);
  // The bridge of the commune is still a bridge; a one-word name is left as typed (it is unknown anyway).
  assert.deepEqual(first("refaire le pont de Pont-Salomon"), ["voirie"]);
  assert.deepEqual(first("le pont de Vorey"), ["voirie"]);
  assert.deepEqual(first("Pont-Salomon"), []);
});

test("a project read by its verb and its domain's keywords only comes after a project that names the thing", () => {
  const domaines = [{
    id: "tourisme", nom: "Tourisme", mots: ["gîte", "camping"],
    projets: [
      { id: "camping-cars", nom: "Créer une aire de camping-cars" },
      { id: "gite", nom: "Transformer un bâtiment en gîte" },
    ],
  },
  // « Créer » opens projects of three domains, as in the data.
  { id: "sport", nom: "Sport", mots: [], projets: [{ id: "city", nom: "Créer un terrain multisport" }] },
  { id: "sante", nom: "Santé", mots: [], projets: [{ id: "msp", nom: "Créer une maison de santé" }] }];
  // « créer » is the first project's verb; « gîte » is the domain's keyword and the second project's own word.
  const gite = read(finder, domaines, "creer un gite dans l ancienne ecole");
  assert.equal(gite[gite.length - 1], "tourisme/camping-cars");
  assert.ok(gite.indexOf("tourisme/gite") >= 0);
  // With no project naming the thing, the verb still tells which project: « agrandir » the school.
  const school = [{
    id: "ecole", nom: "École", mots: ["cantine"],
    projets: [{ id: "agrandir", nom: "Rénover ou agrandir l'école" }, { id: "classe", nom: "Ouvrir une classe" }],
  }];
  assert.equal(read(finder, school, "agrandir la cantine")[0], "ecole/agrandir");
});

test("a keyword of several words met by one of them alone explains less: « état » is not « état civil »", () => {
  const domaines = [
    { id: "archives", nom: "Archives", mots: ["état civil"] },
    { id: "financement", nom: "Financement", mots: ["dotation", "État"] },
  ];
  // « état » met alone: the grant, which names it by itself, is read first; the archives' « état
  // civil » explains it less (and does not make the archives know the word: see `found`).
  assert.deepEqual(read(finder, domaines, "etat"), ["financement", "archives"]);
  assert.equal(read(finder, domaines, "dotation de l etat")[0], "financement");
  // Both words of the keyword typed: it explains fully.
  assert.deepEqual(read(finder, domaines, "registre d etat civil")[0], "archives");
  // Met in full (no discount), « état » would tie and the data's order would put the archives first.
  assert.deepEqual(read(finderWith({ partial_keyword: 1 }), domaines, "etat")[0], "archives");
});

test("a keyword of several words met by one word is not another meaning when the target names that word alone too", () => {
  // « section » of « biens de section » met alone, but the domain also has « sectionaux »: the
  // sentence's « sectionale » is that thing; the project that explains « bois » and « forêt »
  // by its own words is not put behind the one whose name has « section ».
  const domaines = [{
    id: "foret", nom: "Forêt", mots: ["bois", "biens de section", "sectionaux"],
    projets: [
      { id: "exploiter", nom: "Exploiter la forêt communale", mots: ["coupe de bois"] },
      { id: "section", nom: "Gérer les biens de section" },
    ],
  }];
  assert.equal(read(finder, domaines, "vendre du bois de la foret sectionale")[0], "foret/exploiter");
  // Without the one-word keyword, « section » met alone in « biens de section » explains less.
  const without = [{ ...domaines[0], mots: ["bois", "biens de section"] }];
  assert.equal(read(finder, without, "vendre du bois de la foret sectionale")[0], "foret/section");
});

test("a keyword of several words met in full names the thing, however long the sentence around it", () => {
  const domaines = [
    { id: "voie", nom: "Itinéraires", mots: ["voie verte", "piste cyclable"] },
    { id: "energie", nom: "Énergies", mots: ["panneaux solaires", "panneaux"] },
    { id: "bourg", nom: "Bourg", mots: ["traversée du bourg", "traversée"] },
  ];
  const sentence = "mettre des panneaux, des bancs, des tables, des chaises, des lampes et des poubelles tout le long de la voie verte qui traverse la commune";
  // « voie » and « verte » both typed: the domain is proposed, though the sentence's other words
  // (panneaux, traverse, and eleven unknown ones) leave it under the share of known words.
  assert.deepEqual(read(finder, domaines, sentence), ["voie"]);
  // The same words met one by one in separate keywords do not name one thing: nothing is proposed.
  const apart = [{ ...domaines[0], mots: ["voie", "verte"] }, domaines[1], domaines[2]];
  assert.deepEqual(read(finder, apart, sentence), []);
  // A short sentence is kept by the share, as before.
  assert.deepEqual(read(finder, apart, "voie verte"), ["voie"]);
});

test("a project's name that opens with a verbal locution of the rulebook reads the whole locution as the verb", () => {
  const domaines = [{
    id: "mobilite", nom: "Mobilité", mots: ["borne de recharge", "voiture électrique"],
    projets: [
      { id: "tad", nom: "Mettre en place un transport à la demande" },
      { id: "borne", nom: "Installer une borne de recharge", mots: ["recharge"] },
    ],
  }];
  // « place » in « mettre en place » is no square: the charging point, which names the thing, comes first.
  assert.equal(read(finder, domaines, "borne recharge voiture electrique sur la place")[0], "mobilite/borne");
  // Without the locution in the rulebook, « place » is read in the transport's name and wins.
  assert.equal(read(finderWith({ verb_locutions: [] }), domaines, "borne recharge voiture electrique sur la place")[0], "mobilite/tad");
});

test("a keyword met in part ranks its reading lower but still explains the sentence's strongest word", () => {
  const domaines = [
    { id: "ecole", nom: "École", mots: ["regroupement pédagogique"], projets: [{ id: "rpi", nom: "Regrouper des classes" }] },
    { id: "bourg", nom: "Bourg", projets: [{ id: "place", nom: "Réaménager la place du village" }] },
    { id: "sport", nom: "Sport", mots: ["école de foot", "école"] },
    { id: "musique", nom: "Musique", mots: ["école de musique", "école"] },
  ];
  // « école » is in three domains; « regrouper » (rare: one domain) is met by « regroupement » of « regroupement pédagogique »
  // without « pédagogique », and by the project's opening verb: the school is still read.
  assert.equal(read(finder, domaines, "regrouper notre ecole avec celle du village d a cote")[0], "ecole/rpi");
  // Without the keyword, « regrouper » is met only by the opening verb, which does not explain it.
  const verbOnly = [{ ...domaines[0], mots: [] }, ...domaines.slice(1)];
  assert.notEqual(read(finder, verbOnly, "regrouper notre ecole avec celle du village d a cote")[0], "ecole/rpi");
});

test("a phrase of common words met in full weighs as a rare word: « centre de loisirs » is not « centre » and « loisirs »", () => {
  const domaines = [
    { id: "ecole", nom: "École", projets: [{ id: "garderie", nom: "Organiser la garderie", mots: ["centre de loisirs"] }] },
    { id: "sport", nom: "Sport et loisirs", projets: [{ id: "jeux", nom: "Installer une aire de jeux pour enfants" }] },
    { id: "bourg", nom: "Bourg", mots: ["centre", "vacances"] },
    { id: "logement", nom: "Logement", mots: ["centre", "vacances"] },
  ];
  const sentence = "centre de loisirs pour les enfants pendant les vacances";
  // « centre » (three domains) and « loisirs » (two) are common alone; met together they name the care.
  assert.equal(read(finder, domaines, sentence)[0], "ecole/garderie");
  // Weighed as their words alone, « enfants » (one domain) and « loisirs » put the playground first.
  assert.equal(read(finderWith({ whole_phrase_weight: 0 }), domaines, sentence)[0], "sport/jeux");
  // A phrase with a word already rare lends nothing to the others: « agent technique » does not
  // outweigh « inapte » named by the other project.
  const staff = [{
    id: "rh", nom: "Agents", projets: [
      { id: "recruter", nom: "Recruter un agent", mots: ["agent technique"] },
      { id: "reclasser", nom: "Reclasser un agent devenu inapte" },
    ],
  }, { id: "ecole", nom: "École", mots: ["agent"] }];
  assert.equal(read(finder, staff, "agent technique qui ne peut plus porter de charges, il est inapte")[0], "rh/reclasser");
});

/* The fixture read with the frequencies finder.json ships (`motsCourants`: Zipf ×10 -> the folded,
   stemmed words of that frequency), written by hand here. */
function readCommon(f, domaines, motsCourants, text) {
  const data = f.prepare({
    phases: [], clesRangs: {}, champsCommunes: [], communes: [], offres: [], profils: [], partenaires: [], domaines, motsCourants,
  });
  return [...f.understand(data, text)].map((x) => (x.type ? x.domain.id + "/" + x.type.id : x.domain.id));
}

test("a word common in French says less: « le petit lavoir tombe en ruine » is about the lavoir", () => {
  const domaines = [
    { id: "patrimoine", nom: "Patrimoine", mots: ["lavoir"] },
    { id: "cimetiere", nom: "Cimetière", mots: ["tombe"] },
    { id: "jeux", nom: "Jeux", mots: ["petit"] },
  ];
  // « tombe » 5.0, « petit » 5.7 (wordfreq's French); « lavoir », rarer than rare_below, is not shipped.
  const common = { 50: "tomb", 57: "petit" };
  const sentence = "le petit lavoir tombe";
  // Each word in one domain: without frequencies, each reading explains a third, and none is kept.
  assert.deepEqual(readCommon(finder, domaines, {}, sentence), []);
  // « tombe » weighs (7 - 5) / (7 - 4) = 0.67, « petit » 0.43: the lavoir explains 0.48 of the sentence.
  assert.deepEqual(readCommon(finder, domaines, common, sentence), ["patrimoine"]);
  // A word as rare as rare_below or rarer keeps its whole weight: at 6, both do, and as without
  // frequencies nothing is read.
  const rareUpTo6 = finderWith({ common_words: { ...RULES.finder.common_words, rare_below: 6 } });
  assert.deepEqual(readCommon(rareUpTo6, domaines, common, sentence), []);
  // A word as common as common_from or more weighs `least`.
  const commonFrom5 = finderWith({ common_words: { ...RULES.finder.common_words, common_from: 5 } });
  assert.deepEqual(readCommon(commonFrom5, domaines, common, "lavoir tombe petit lavoir"), ["patrimoine"]);
  const noise = { 75: "bzk qwx vlm prq jht kfs gnd wlx" }; // eight unknown words, very common
  assert.deepEqual(readCommon(finder, domaines, noise, "lavoir bzk qwx vlm prq jht kfs gnd wlx"), ["patrimoine"]);
  const leastWhole = finderWith({ common_words: { ...RULES.finder.common_words, least: 1 } });
  assert.deepEqual(readCommon(leastWhole, domaines, noise, "lavoir bzk qwx vlm prq jht kfs gnd wlx"), []);
});

test("ordinary words that make up a name of several words typed whole keep their weight: « salle des fêtes »", () => {
  const domaines = [
    { id: "sport", nom: "Sport", mots: ["salle des fêtes"] },
    { id: "patrimoine", nom: "Patrimoine", mots: ["lavoir"] },
  ];
  const common = { 65: "fete salle" }; // as common as can be, in this fixture
  assert.deepEqual(readCommon(finder, domaines, common, "salle des fetes et lavoir")[0], "sport");
  // « salle » alone is no name: weighed as a common word, it leaves the lavoir first.
  assert.deepEqual(readCommon(finder, domaines, common, "salle et lavoir"), ["patrimoine"]);
});

test("a word of a name of several words typed whole is as strong as the name: « les bancs le long de la voie verte »", () => {
  const domaines = [
    { id: "vv", nom: "Voie verte", mots: [] },
    { id: "a", nom: "A", mots: ["voie", "verte"] },
    { id: "b", nom: "B", mots: ["voie", "verte"] },
    { id: "bourg", nom: "Bourg", mots: ["banc"] },
  ];
  // « voie » and « verte » are each in three domains, « banc » in one: alone, « banc » would be the
  // strongest word, and the greenway (which does not explain it) would not be read.
  const sentence = "des bancs le long de la voie verte";
  assert.equal(read(finder, domaines, sentence)[0], "vv");
  assert.ok(!read(finderWith({ whole_phrase_weight: 0 }), domaines, sentence).includes("vv"));
});

test("a keyword of several words met by one of its words alone does not make its domain know that word", () => {
  const domaines = [
    { id: "patrimoine", nom: "Patrimoine", mots: ["lavoir"] },
    { id: "habitat", nom: "Habitat", mots: ["maison en ruine"] },
  ];
  // « ruine » meets only a part of « maison en ruine »: it weighs as a word the data does not know,
  // and the lavoir is what the sentence is about.
  assert.deepEqual(read(finder, domaines, "lavoir en ruine"), ["patrimoine"]);
  // Had the domain the word alone, it would know it, and both readings would be proposed.
  const known = [domaines[0], { ...domaines[1], mots: ["maison en ruine", "ruine"] }];
  assert.deepEqual(read(finder, known, "lavoir en ruine"), ["patrimoine", "habitat"]);
});

test("when nothing is understood, the closest readings are offered (READ.maybe), a project type standing for its domain", () => {
  const domaines = [
    { id: "energie", nom: "Énergie", mots: ["éclairage"], projets: [{ id: "eclairage", nom: "Moderniser l'éclairage public", mots: ["lampadaires"] }] },
    { id: "ecole", nom: "École", mots: [] },
  ];
  const maybe = (f, text) => [...f.maybeReadings(prepared(f, domaines), text)].map((x) => (x.type ? x.domain.id + "/" + x.type.id : x.domain.id));
  // « lampadaire » and « école » each in one domain, five unknown words: each reading explains
  // 1 / 3.25 of the sentence, not enough to answer; both are offered, the domain named as such first.
  const sentence = "le lampadaire devant l ecole ne marche plus depuis quinze jours";
  assert.deepEqual(read(finder, domaines, sentence), []);
  assert.deepEqual(maybe(finder, sentence), ["ecole", "energie/eclairage"]);
  assert.deepEqual(maybe(finderWith({ maybe: 1 }), sentence), ["ecole"]);
  // The street lights' project explains both words, its domain one: the project alone is offered.
  assert.deepEqual(maybe(finder, "eclairage lampadaire"), ["energie/eclairage"]);
});

test("an e-mail is read up to its closing: the signature says who writes, not about what", () => {
  const domaines = [
    { id: "cimetiere", nom: "Cimetière", mots: ["concessions"] },
    { id: "personnel", nom: "Personnel communal", mots: ["secrétaire de mairie"] },
  ];
  const mail = "Bonjour, une famille veut renouveler sa concession. Cordialement, la secrétaire de mairie";
  assert.deepEqual(read(finder, domaines, mail), ["cimetiere"]);
  assert.deepEqual(read(finder, domaines, "salutations de la secretaire de mairie"), []);
  // Without the closing words in the rulebook, the signature's whole phrase is read, and wins.
  assert.equal(read(finderWith({ closing_words: [] }), domaines, mail)[0], "personnel");
});
