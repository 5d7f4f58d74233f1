/* Ingé 43 — « Quel interlocuteur pour mon projet ? »
 *
 * Brings the finder page (trouver/) to life: two type-aheads that follow the WAI-ARIA combobox
 * pattern (project, commune), a choice of phase, and an answer built from trouver/finder.json
 * (generated at build time by scripts/inge43/generate/finder.py). The choice lives in the address
 * (?projet=…&commune=…&phase=…), so an answer can be shared and bookmarked.
 *
 * Rules: plain JavaScript, no dependency, no request to another host; every value from the data
 * reaches the page through textContent or an attribute, never as HTML. Works with Material's
 * instant navigation (document$) and initialises once per page.
 */
(function () {
  "use strict";

  var cache = {}; // absolute address of the JSON -> Promise of the prepared data

  // ---------------------------------------------------------------------------
  // Text: the folding and stems of inge43-text.js (Python twin: read/text.py)
  // ---------------------------------------------------------------------------

  // In the page, inge43-text.js is loaded first; under Node (unit tests, tests/js/) it is required.
  var T = typeof window !== "undefined" ? window.Inge43Text : require("./inge43-text.js").Inge43Text;
  // The search's verb/noun derivations (inge43-search-words.js, loaded before this file).
  var W = typeof window !== "undefined" ? window.Inge43SearchWords : require("./inge43-search-words.js").Inge43SearchWords;
  /* The reading's words and weights: the section `finder` of the search's rulebook
     (scripts/inge43/read/search_rules.json, written into the site as assets/inge43-rules.js, loaded
     before this file; under Node, the JSON file itself). Nothing below defines a word or a weight. */
  var RULES = typeof window !== "undefined" ? window.Inge43Rules : require("../../scripts/inge43/read/search_rules.json");
  var READ = RULES.finder;

  function fold(text) { return T.fold(text); }

  /* The commune page's name, as slugify() in read/text.py makes it: the folded words joined by hyphens. */
  function slugify(text) {
    return fold(text).split(" ").filter(Boolean).join("-");
  }

  function tokens(query) {
    return fold(query).split(" ").filter(Boolean).map(function (t) { return T.ABBREVIATIONS[t] || t; });
  }

  /* How well a folded text answers a query: 0 (not at all) to 100 (the same words). */
  function score(query, words, text) {
    if (!query) return 0;
    if (text === query) return 100;
    if (text.indexOf(query) === 0) return 90;
    var parts = text.split(" ");
    var all = words.every(function (w) {
      return parts.some(function (p) { return p.indexOf(w) === 0; });
    });
    if (all) return 70 - Math.min(parts.length, 10);
    if (query.length > 2 && text.indexOf(query) > 0) return 40;
    return 0;
  }

  /* Edits between two words: the one typo rule of the finder and the site search (inge43-text.js). */
  var distance = T.distance;

  /* How close a typed word (stemmed) is to a word of the data (stemmed), by the grades of
     READ.match: `same`; `starts`, when one starts the other (a typed start of `starts_from` letters
     or more, a data word of `started_from` letters or more typed whole with more after it); `near`,
     a typo of it (the typo rule the site search also uses: T.isTypo); `root`, a word of the same
     root by a regular derivation (« électrifier » and « électrification »), as sure as a start and
     not a guess like a typo; else 0. The words of a sentence are complete (`complete`): what starts like a text being typed
     is proposed by the type-ahead (`score`, before any reading), so a sentence is read as typed
     whole; and a short complete word that starts a longer one is another word (« panne » and
     « panneaux », « part » and « participer », « gros » and « groupe »): it counts as a start
     only from `complete_starts_from` letters. */
  var MATCH = READ.match;

  function wordMatch(typed, word, complete) {
    if (typed === word) return MATCH.same;
    var shortest = complete ? MATCH.complete_starts_from : MATCH.starts_from;
    if (typed.length >= shortest && word.indexOf(typed) === 0) return MATCH.starts;
    if (word.length >= MATCH.started_from && typed.indexOf(word) === 0) return MATCH.starts;
    if (T.isTypo(typed, word)) return MATCH.near;
    if (sameRoot(typed, word)) return MATCH.root; /* one root: « pirater » and « piratage » */
    return 0;
  }

  /* A typed word found nowhere in the data is not understood; it still counts against every
     reading, but less than a word the data knows (READ.unknown_word): a sentence carries words that
     say how the élu asks (« amener », « futur », « le midi ») and would otherwise drown the word
     that says what. */
  var UNKNOWN_WORD = READ.unknown_word;
  var NEAR_STRONGEST = READ.near_strongest;

  /* How much a word says, by how common it is in ordinary French (READ.common_words, and the
     frequencies that finder.json ships as `motsCourants`, from generate/common_words.py): a word
     as rare as `rare_below` (Zipf scale: log10 of its frequency per billion words) or rarer says
     all it can (1), a word as common as `common_from` says `least`, and in between its weight
     falls in a straight line. « lavoir » (3.0) and « hameau » (3.6) keep their weight, « tombe »
     (5.0) two thirds of it, « petit » (5.7) less than half: in « le lavoir tombe en ruine » the
     lavoir is what the sentence is about. */
  var COMMON = READ.common_words;

  function saysMuch(zipf, word) {
    var z = zipf[word];
    if (z === undefined || z <= COMMON.rare_below) return 1;
    return Math.max(COMMON.least, Math.min(1, (COMMON.common_from - z) / (COMMON.common_from - COMMON.rare_below)));
  }

  /* Words that say that the élu asks or wants, not about what (« on voudrait », « il faut
     faire », « qui peut »), read like the small words of inge43-text.js: READ.asking_words, and
     the words of a question of method that the site search reads (query.method_words: « par où
     commencer », « quelles étapes »): the finder answers every project with its steps' partners,
     so such a word says how the élu asks, not about what. */
  var ASKING = {};
  READ.asking_words.concat(RULES.query.method_words).forEach(function (w) {
    T.words(w).forEach(function (x) { ASKING[x] = true; });
  });

  /* An e-mail's closing (« Cordialement, la secrétaire de mairie ») and what follows it sign the
     message: they say who writes, not about what. A sentence is read up to its first closing word
     (READ.closing_words), so that a signature's « secrétaire de mairie » is not taken for hiring. */
  var CLOSING = {};
  READ.closing_words.forEach(function (w) {
    T.words(w).forEach(function (x) { CLOSING[x] = true; });
  });

  function beforeClosing(words) {
    var at = words.findIndex(function (w) { return CLOSING[w]; });
    return at < 0 ? words : words.slice(0, at);
  }

  /* A project's name opens with what is done (« Créer ou refaire le site internet », « Rénover
     ou agrandir l'école ») and goes on with what it is done to. A typed word that meets only that
     verb says less about the project than one that meets its object: « refaire la toiture » is not
     the website. The verbs are read from the data: the first word of each project type's name, and
     the word after it when the name opens with « X ou Y », and the whole locution when the name
     opens with a verbal locution of the rulebook (READ.verb_locutions: « mettre en place » is a
     verb, « place » there is no square: « borne de recharge sur la place » is not the transport). */
  var ACTION_VERB = READ.action_verb;
  var PARTIAL_KEYWORD = READ.partial_keyword;
  var LOCUTIONS = READ.verb_locutions.map(function (l) { return T.fold(l); });

  function actionVerbs(name) {
    var folded = T.fold(name).split(" ");
    var verbs = {};
    [folded[0], folded[1] === "ou" ? folded[2] : null].forEach(function (v) {
      if (v) T.words(v).forEach(function (x) { verbs[x] = true; });
    });
    LOCUTIONS.forEach(function (l) {
      if ((T.fold(name) + " ").indexOf(l + " ") === 0) T.words(l).forEach(function (x) { verbs[x] = true; });
    });
    return verbs;
  }

  /* A verb and the noun made from it (« pirater » / « piratage », « numéroter » / « numérotation »,
     « remplacer » / « remplacement »): the regular French derivations of the search's rulebook
     (inge43-search-words.js `derive`), so that the finder and the search share one rule. */
  function sameRoot(typed, word) {
    var a = W.derive(typed), b = W.derive(word);
    return a === b && (a !== typed || b !== word);
  }

  /* The typed words without the names of communes written in them (« l'école de Pont-Salomon »):
     the commune has its own field, and its name's words are not the project's (« pont » is not
     a bridge there). Names of two words or more, read as the words of the data are; the longest
     name first. */
  function withoutCommunes(data, typed) {
    var names = data.communeWords || [];
    var out = [];
    for (var i = 0; i < typed.length;) {
      var skip = 0;
      names.forEach(function (name) {
        if (name.length > skip && name.every(function (w, k) { return typed[i + k] === w; })) skip = name.length;
      });
      if (skip) { i += skip; } else { out.push(typed[i]); i += 1; }
    }
    return out;
  }

  /* Domains and project types that answer free text, best first: [{domain, type, score, hint}]
     (`type` null for a domain). Each typed word counts by how rare it is among domains (« mairie »
     is everywhere, « cimetière » is not); words can come in any order and from different keywords
     of a domain (« toiture eglise »). A project type comes before its domain when it explains the
     words as well: the answer then reasons on the project (« lampadaires »). A sentence is read
     without its asking words (ASKING), its words unknown to the data weigh little (UNKNOWN_WORD),
     a project's opening verb alone says little (ACTION_VERB), and a reading must explain one of
     the sentence's strongest words (NEAR_STRONGEST). `readings` gives every reading that explains
     one of the strongest words, best first; `understand` keeps those that explain enough of the
     sentence to be an answer. */
  function understand(data, text) {
    var out = readings(data, text);
    if (!out.length) return [];
    /* Keep answers near the best (READ.keep.near_best of its score) that explain a third of what
       was typed with a word found as such or starting it (found_share), or half of it with near
       misses only, typos or roots (near_share). */
    var KEEP = READ.keep;
    var kept = out.filter(function (x) {
      return x.score >= out[0].score * KEEP.near_best && (x.whole || x.score >= (x.strong ? KEEP.found_share : KEEP.near_share));
    });
    /* A project type that explains the sentence by its opening verb and its domain's keywords only
       comes after a project of the same domain that explains a word by its own name or words:
       « installer des panneaux photovoltaïques » is the panels' project, not « Installer une
       chaufferie bois », which reads the panels through the domain. */
    var after = kept.filter(function (x) {
      return x.byVerb && kept.some(function (y) { return y.type && !y.byVerb && y.domain === x.domain; });
    });
    return kept.filter(function (x) { return after.indexOf(x) < 0; }).concat(after);
  }

  /* When nothing is understood well enough to answer, the readings closest to it (READ.maybe of
     them, a project type standing for its domain), offered to the élu as a choice, never as the
     answer: « le lampadaire devant l'école ne marche plus depuis 15 jours » may be about the
     street lights. */
  function maybeReadings(data, text) {
    var out = [];
    readings(data, text).forEach(function (x) {
      if (out.length >= READ.maybe) return;
      if (out.some(function (y) { return y.domain === x.domain && (!x.type || !y.type); })) return;
      out.push(x);
    });
    return out;
  }

  function readings(data, text) {
    var typed = withoutCommunes(data, beforeClosing(T.words(text)).filter(function (w) { return !ASKING[w]; }));
    if (!typed.length) return [];
    /* The words of a sentence are complete (wordMatch). Each typed word meets the same data words
       again and again (a domain's keywords are read by each of its project types): their match is
       computed once per reading of the sentence. */
    var complete = typed.length > 1;
    var memo = new Map();
    function match(w, x) {
      var seen = memo.get(w);
      if (!seen) memo.set(w, seen = new Map());
      var m = seen.get(x);
      if (m === undefined) seen.set(x, m = wordMatch(w, x, complete));
      return m;
    }
    /* Per target and typed word: the best match among its phrases, among its own phrases only (a
       project type's name and words; a domain's name), and the phrase that gave it. */
    function matches(phrases, ownFrom, ownTo) {
      /* A keyword of several words names one thing (« état civil », « marché public », « cours
         d'eau »): met by one of its words while none of the others is typed, it explains less
         (READ.partial_keyword). Unless the same target also has a phrase of one word that the
         typed word meets (as such, by a start, a typo or its root): that target names the thing
         alone too (« sectionaux » and « biens de section », « bois » and « bois communal »), so
         the longer keyword met by that word is no other meaning. */
      var single = typed.map(function (w) {
        return phrases.some(function (ph) { return ph.words.length === 1 && match(w, ph.words[0]) > 0; });
      });
      function alone(ph, x, i) {
        return ph.keyword && ph.words.length > 1 && !single[i] && !typed.some(function (u, j) {
          return j !== i && ph.words.some(function (y) { return y !== x && match(u, y) > 0; });
        });
      }
      return typed.map(function (w, i) {
        var best = 0, own = 0, thing = 0, named = 0, hint = "", sure = 0, plain = 0;
        phrases.forEach(function (ph, k) {
          ph.words.forEach(function (x) {
            var verb = ph.verbs && ph.verbs[x];
            var m = match(w, x) * (verb ? ACTION_VERB : 1);
            if (m > sure) sure = m;
            if (m > 0 && alone(ph, x, i)) m *= PARTIAL_KEYWORD; else if (m > plain) plain = m;
            if (m > best) { best = m; hint = ph.text; }
            if (k >= ownFrom && k < ownTo && m > own) own = m;
            if (k >= ownFrom && k < ownTo && !verb && m > thing) thing = m;
            if (k === ownFrom && m > named) named = m;
          });
        });
        /* `sure`: the match before the discount of a keyword met in part, which ranks the reading
           lower but does not make the word less sure (« regroupement pédagogique » met by
           « regrouper » still explains that word). `plain`: the best match other than a keyword
           met in part: only such a match makes a domain know the word (`found`). */
        return { score: best, own: own, thing: thing, named: named, hint: hint, sure: sure, plain: plain };
      });
    }
    /* The phrases of several words (a name or a keyword: « voie verte », « salle des fêtes ») whose
       words are all typed, each as such, by a start or by its root (not by a typo): for each, the
       typed words that make it up. Such a phrase names the thing, however long the sentence around it. */
    function wholeHits(phrases) {
      var hits = [];
      phrases.forEach(function (ph) {
        if (ph.words.length < 2) return;
        var at = ph.words.map(function (x) {
          return typed.findIndex(function (w) { return match(w, x) >= MATCH.starts; });
        });
        if (at.every(function (j) { return j >= 0; })) hits.push(at);
      });
      return hits;
    }
    /* The typed words of those phrases whose words are each found in more than `rareIn` domains. */
    function wholeWords(hits, rareIn) {
      var covered = {};
      hits.forEach(function (at) {
        if (at.every(function (j) { return found[j] > rareIn; })) at.forEach(function (j) { covered[j] = true; });
      });
      return covered;
    }
    var targets = data.targets;
    var perTarget = targets.map(function (x) {
      return x.type ? matches(x.phrases, x.ownFrom, x.phrases.length) : matches(x.phrases, 0, 1);
    });
    var hitsPerTarget = targets.map(function (x) { return wholeHits(x.phrases); });
    /* A word's weight: how rare it is among domains, counting a domain's project types with it. A
       keyword of several words names one thing: met by one of its words alone (« ruine » of
       « maison en ruine », « prêt » of « prêt à usage »), it does not make its domain know that
       word, so that the everyday phrases of the data do not make their ordinary words common. */
    var perDomain = data.domaines.map(function (d) { return matches(d.phrases, 0, 0); });
    var found = typed.map(function (w, i) {
      return perDomain.filter(function (m) { return m[i].plain > 0; }).length;
    });
    /* A word's weight also falls with how common it is in French (saysMuch), except in a name
       or keyword of several words typed whole (« voie verte », « salle des fêtes », « carte
       communale »): ordinary words together name a rare thing. And a word the data knows only as
       a project's opening verb, or by a typo, weighs what that match says against a word found as
       such or by its start (« on réfléchit à refaire le centre du village »: « réfléchir » opens a
       project's name and says little of what the project is). */
    var inPhrase = {};
    hitsPerTarget.forEach(function (hits) {
      Object.keys(wholeWords(hits, 0)).forEach(function (j) { inPhrase[j] = true; });
    });
    var weights = found.map(function (n, i) {
      var best = Math.max.apply(null, perDomain.map(function (m) { return m[i].sure; }));
      return (n ? Math.min(1, best / MATCH.starts) / Math.sqrt(n) : UNKNOWN_WORD) * (inPhrase[i] ? 1 : saysMuch(data.zipf, typed[i]));
    });
    var total = weights.reduce(function (a, b) { return a + b; }, 0);
    if (!total) return [];
    /* The strongest words: the rarest among domains of the words the data knows, and those nearly
       as rare (NEAR_STRONGEST). A reading must explain one of them (as such, by a typo or by its
       root; not by a project's verb alone): « protéger » said of a peat bog is not read through
       « terrain » and « commune ». A word of a name of several words typed whole is as strong as
       that name (READ.whole_phrase_weight): « voie verte » stays the thing that « les bancs le long
       de la voie verte » is about. */
    var strength = weights.map(function (w, i) { return inPhrase[i] ? Math.max(w, READ.whole_phrase_weight) : w; });
    var strongest = Math.max.apply(null, strength.filter(function (x, i) { return found[i] > 0; }).concat([0]));
    var out = [];
    targets.forEach(function (target, k) {
      var d = target.domain;
      var sum = 0, own = 0, thing = 0, named = 0, hint = "", bestWord = 0, strong = false, explainsStrongest = false;
      var covered = wholeWords(hitsPerTarget[k], READ.keep.rare_in);
      perTarget[k].forEach(function (m, i) {
        sum += (covered[i] ? Math.max(weights[i], READ.whole_phrase_weight) : weights[i]) * m.score;
        if (found[i] && strength[i] >= strongest * NEAR_STRONGEST && m.sure >= MATCH.near) explainsStrongest = true;
        own += weights[i] * m.own;
        thing += m.thing;
        named += weights[i] * m.named;
        if (m.sure >= MATCH.starts && m.score > 0) strong = true; // found as such or by a start, even in part of a keyword: no guess
        if (m.score * weights[i] > bestWord) { bestWord = m.score * weights[i]; hint = m.hint; }
      });
      /* a project type must explain some word itself */
      if (sum > 0 && (!target.type || own > 0) && explainsStrongest) {
        out.push({
          domain: d, type: target.type, order: k, score: sum / total, own: own / total, named: named, strong: strong,
          whole: hitsPerTarget[k].length > 0,
          byVerb: !!target.type && !thing,
          hint: hint === d.nom || (target.type && hint === target.type.nom) ? "" : hint
        });
      }
    });
    /* At equal score: the domain whose own name explains the words, then a project type (the
       one that explains most by itself, then the one whose name explains most: « Reclasser un
       agent devenu inapte » says more than a word of a list), then a domain found by its keywords. */
    function rank(x) { return x.type ? 1 : x.own >= x.score ? 0 : 2; }
    out.sort(function (a, b) {
      /* last, finder.json's order: names in French order (read/text.py sort_key), never re-sorted here */
      return b.score - a.score || rank(a) - rank(b) || b.own - a.own || b.named - a.named || a.order - b.order;
    });
    return out;
  }


  /* The choice kept in the address (?projet=…&type=…&commune=…&phase=…): unknown values are dropped. */
  function stateFromQuery(data, search) {
    var params = new URLSearchParams(search);
    var d = data.domainById[params.get("projet") || ""];
    var c = data.communeBySlug[params.get("commune") || ""];
    var phase = params.get("phase") || "";
    var type = d && d.typeById[params.get("type") || ""];
    return {
      projet: d ? d.id : null, type: type ? type.id : null, commune: c ? c.slug : null,
      phase: data.phaseById[phase] ? phase : ""
    };
  }

  function queryFromState(state) {
    var params = new URLSearchParams();
    if (state.projet) params.set("projet", state.projet);
    if (state.projet && state.type) params.set("type", state.type);
    if (state.commune) params.set("commune", state.commune);
    if (state.phase) params.set("phase", state.phase);
    return params.toString();
  }

  function plural(n, one, many) { return n + " " + (n > 1 ? many : one); }

  function integerFr(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f"); }

  // ---------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------

  function prepare(data) {
    data.domaines.forEach(function (d) {
      d.fNom = fold(d.nom);
      d.fMots = (d.mots || []).map(function (m) { return { text: m, f: fold(m) }; });
      d.projets = d.projets || [];
      d.typeById = {};
      var typePhrases = [];
      d.projets.forEach(function (type) {
        d.typeById[type.id] = type;
        type.f = fold(type.nom);
        type.fMots = (type.mots || []).map(function (m) { return { text: m, f: fold(m) }; });
        type.phrases = [type.nom].concat(type.mots || []).map(function (m, k) { return { text: m, words: T.words(m), keyword: k > 0 }; });
        type.phrases[0].verbs = actionVerbs(type.nom);
        typePhrases = typePhrases.concat(type.phrases);
      });
      d.phrases = [d.nom].concat(d.mots || []).map(function (m, k) {
        return { text: m, words: T.words(m), keyword: k > 0 };
      }).concat(typePhrases);
    });
    data.domainById = {};
    data.domaines.forEach(function (d) { data.domainById[d.id] = d; });
    data.zipf = {};
    Object.keys(data.motsCourants || {}).forEach(function (z) {
      data.motsCourants[z].split(" ").forEach(function (w) { data.zipf[w] = z / 10; });
    });
    // What free text can mean: a domain, or one of its project types.
    // A domain's own name counts apart: an élu who names the domain gets the domain's answer.
    // A domain reads its own name and keywords; a project type, the domain's name and its own name and words.
    data.targets = [];
    data.domaines.forEach(function (d) {
      data.targets.push({ domain: d, type: null, phrases: d.phrases.slice(0, 1 + (d.mots || []).length) });
      d.projets.forEach(function (type) {
        /* A project type reads its domain's name and keywords too: it never explains less than its
           domain, and comes first when it explains a word better (« lotissement »). */
        var domainPhrases = d.phrases.slice(0, 1 + (d.mots || []).length);
        data.targets.push({ domain: d, type: type, phrases: domainPhrases.concat(type.phrases), ownFrom: domainPhrases.length });
      });
    });
    data.phases = data.phases || [];
    data.motifs = data.motifs || [];
    data.phaseById = {};
    data.phases.forEach(function (p) { data.phaseById[p.id] = p.nom.toLowerCase(); });
    // Commune records are arrays whose columns `champsCommunes` names (finder.py: COMMUNE_FIELDS).
    var col = {};
    (data.champsCommunes || []).forEach(function (name, i) { col[name] = i; });
    data.communes = data.communes.map(function (row) {
      var nom = row[col.nom];
      return {
        nom: nom, slug: row[col.page] || slugify(nom), cp: row[col.codes_postaux], pop: row[col.population],
        epci: row[col.epci], arr: row[col.arrondissement], profil: row[col.profil], pnr: row[col.pnr] || [], f: fold(nom)
      };
    });
    data.communeBySlug = {};
    data.communes.forEach(function (c) { data.communeBySlug[c.slug] = c; });
    data.communeWords = data.communes.map(function (c) { return T.words(c.nom); }).filter(function (w) { return w.length > 1; });
    var total = data.offres.length;
    data.profils = data.profils.map(function (runs) { // run lengths: not applying, applying, …
      var flags = new Uint8Array(total);
      var at = 0;
      runs.forEach(function (length, i) {
        if (i % 2 === 1) flags.fill(1, at, at + length);
        at += length;
      });
      return flags;
    });
    data.entry = null;
    data.partenaires.forEach(function (p, i) { if (p.guichet && data.entry === null) data.entry = i; });
    data.intercommunalites = data.intercommunalites || [];
    return data;
  }

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(prepare);
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  /* An option's value: the domain id, or « domain id/project type id ». */
  function optionValue(domain, type) { return type ? domain.id + "/" + type.id : domain.id; }

  function projectOptions(data, query) {
    var q = fold(query);
    var words = tokens(query);
    if (!q) {
      return data.domaines.map(function (d) { return { value: d.id, label: d.nom, hint: "" }; });
    }
    var scored = [], order = 0;
    data.domaines.forEach(function (d) {
      var best = score(q, words, d.fNom) + 5;
      var hint = "", named = true;
      if (best <= 5) best = 0;
      d.fMots.forEach(function (m) {
        var s = score(q, words, m.f);
        if (s > best) { best = s; hint = m.f === d.fNom ? "" : m.text; named = m.f === d.fNom; }
      });
      if (best > 0) scored.push({ value: d.id, label: d.nom, hint: hint, score: best, type: named ? 0 : 2, order: order++ });
      var keyword = hint ? fold(hint) : "";
      d.projets.forEach(function (type) {
        var s = score(q, words, type.f), h = "";
        type.fMots.forEach(function (m) {
          var x = score(q, words, m.f);
          if (x > s) { s = x; h = m.text; }
        });
        /* The domain's keyword that matched, of several words, is part of this project's name
           (« aire de covoiturage »): it names the project. */
        if (keyword.indexOf(" ") > 0 && best > s && type.f.indexOf(keyword) >= 0) {
          s = best; h = "";
        }
        if (s > 0) scored.push({ value: optionValue(d, type), label: type.nom, hint: d.nom + (h ? " (" + h + ")" : ""), score: s, type: 1, order: order++ });
      });
    });
    /* At equal score: the domain named as such, then a project type (the answer then reasons on
       the project), then a domain found by its keywords. */
    scored.sort(function (a, b) { return b.score - a.score || a.type - b.type || a.order - b.order; });  /* ties: finder.json's order */
    if (scored.length) {
      return scored.map(function (x) { return { value: x.value, label: x.label, hint: x.hint, score: x.score }; });
    }
    /* Nothing starts like that: words in another order, plurals, small typos. */
    return understand(data, query).slice(0, 6).map(function (x) {
      return {
        value: optionValue(x.domain, x.type), label: x.type ? x.type.nom : x.domain.nom,
        hint: x.type ? x.domain.nom + (x.hint ? " (" + x.hint + ")" : "") : x.hint
      };
    });
  }

  function communeOptions(data, query) {
    var q = fold(query);
    if (!q) return [];
    var list = [];
    if (/^\d+$/.test(q)) {
      data.communes.forEach(function (c, k) {
        if (c.cp.split(" ").some(function (cp) { return cp.indexOf(q) === 0; })) list.push({ c: c, score: 50, order: k });
      });
    } else {
      var words = tokens(query);
      var qq = words.join(" ");
      data.communes.forEach(function (c, k) {
        var s = score(qq, words, c.f);
        if (s > 0) list.push({ c: c, score: s, order: k });
      });
    }
    list.sort(function (a, b) { return b.score - a.score || a.order - b.order; });  /* ties: finder.json's order */
    return list.slice(0, 12).map(function (x) {
      return { value: x.c.slug, label: x.c.nom, hint: x.c.cp, score: x.score };
    });
  }

  /* The commune meant by a typed text: {value} when one commune matches, or one alone is named
     exactly or starts with the text (« le puy »); {several: options} when the text fits
     several alike (« saint »); {} when none. */
  function communeMeant(data, text) {
    var options = communeOptions(data, text);
    if (options.length === 1) return { value: options[0].value };
    var best = options.length ? options[0].score : 0;
    var top = options.filter(function (o) { return o.score === best; });
    if (best >= 90 && top.length === 1) return { value: top[0].value };
    if (options.length > 1) return { several: options };
    return {};
  }

  // ---------------------------------------------------------------------------
  // DOM helpers: text only
  // ---------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function safeHref(url) {
    return /^(https?:|mailto:|tel:)/i.test(url) ? url : null;
  }

  // ---------------------------------------------------------------------------
  // Combobox (WAI-ARIA 1.2 pattern, list autocomplete with automatic selection)
  // ---------------------------------------------------------------------------

  /* `resolve(text, byEnter)` decides what typed text means when no option was picked (Enter, or
     leaving the field); `autoSelect`: the first option is active as soon as the list opens. */
  function Combobox(input, list, getOptions, onChoose, announce, resolve, autoSelect) {
    this.input = input;
    this.list = list;
    this.getOptions = getOptions;
    this.onChoose = onChoose;
    this.announce = announce;
    this.resolve = resolve;
    this.autoSelect = autoSelect;
    this.options = [];
    this.active = -1;
    this.navigated = false;
    this.value = null;
    this.label = "";
    this.note = el("p", { className: "i43-combo__note", id: list.id + "-note", hidden: "hidden" });
    list.parentNode.parentNode.appendChild(this.note);
    var self = this;
    input.addEventListener("input", function () { self.setNote(""); self.update(true); });
    input.addEventListener("keydown", function (e) { self.keydown(e); });
    input.addEventListener("blur", function () { self.close(); self.commit(false); });
    input.addEventListener("click", function () { if (!self.isOpen() && input.value) self.update(false); });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the focus in the field
    list.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      if (li) self.choose(Number(li.getAttribute("data-index")));
    });
  }

  Combobox.prototype.isOpen = function () { return !this.list.hidden; };

  Combobox.prototype.update = function (typed) {
    var text = this.input.value;
    if (!text.trim()) {
      this.options = [];
      this.close();
      if (typed && this.value !== null) {
        this.value = null;
        this.label = "";
        this.onChoose(null);
      }
      return;
    }
    this.options = this.getOptions(text);
    this.active = this.autoSelect && this.options.length ? 0 : -1;
    this.navigated = false;
    this.render();
    if (!this.options.length) this.announce("Aucune proposition pour « " + text.trim() + " ».");
  };

  Combobox.prototype.render = function () {
    var self = this;
    var id = this.list.id;
    var items = this.options.map(function (opt, i) {
      var li = el("li", {
        id: id + "-" + i, role: "option", "data-index": String(i), "data-value": opt.value,
        "aria-selected": i === self.active ? "true" : "false",
        className: "i43-combo__option" + (i === self.active ? " i43-combo__option--active" : "")
      }, [opt.label]);
      if (opt.hint) li.appendChild(el("span", { className: "i43-combo__hint", text: " — " + opt.hint }));
      return li;
    });
    this.list.replaceChildren.apply(this.list, items);
    var open = items.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (open && this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", id + "-" + this.active);
      var current = items[this.active];
      if (current.scrollIntoView) current.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  /* Leaving the field (Tab, a tap elsewhere): the field must show what the answer uses.
     An open list takes its active proposal (automatic selection); otherwise the text typed
     over the choice gives way to the chosen label. */
  Combobox.prototype.leave = function () {
    if (this.isOpen() && this.active >= 0) this.choose(this.active);
    else if (this.input.value.trim() && this.input.value !== this.label) this.input.value = this.label;
    this.close();
  };

  Combobox.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Combobox.prototype.move = function (step) {
    if (!this.options.length) return;
    var n = this.options.length;
    this.navigated = true;
    this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
    this.render();
  };

  Combobox.prototype.choose = function (index, byEnter) {
    var opt = this.options[index];
    if (!opt) return;
    this.value = opt.value;
    this.label = opt.label;
    this.typed = this.input.value; // what the élu typed, before the label replaces it
    this.input.value = opt.label;
    this.close();
    this.setNote("");
    this.onChoose(opt.value, byEnter);
  };

  Combobox.prototype.set = function (value, label) {
    this.value = value;
    this.label = label || "";
    this.input.value = label || "";
  };

  /* Typed text not picked from the list: Enter, or the field left. */
  Combobox.prototype.commit = function (byEnter) {
    var text = this.input.value.trim();
    if (!text) return;
    if (this.value !== null && this.input.value === this.label) {
      if (byEnter) this.onChoose(this.value, true);
      return;
    }
    this.resolve(text, byEnter);
  };

  /* Show these options, none active, the list open (several communes fit the text). */
  Combobox.prototype.offer = function (options) {
    this.options = options;
    this.active = -1;
    this.navigated = false;
    this.render();
  };

  Combobox.prototype.setNote = function (text) {
    this.note.textContent = text;
    this.note.hidden = !text;
    if (text) this.input.setAttribute("aria-describedby", this.input.getAttribute("aria-describedby").replace(/ .*$/, "") + " " + this.note.id);
    else this.input.setAttribute("aria-describedby", this.input.getAttribute("aria-describedby").replace(/ .*$/, ""));
  };

  Combobox.prototype.keydown = function (e) {
    if (e.altKey && e.key === "ArrowDown") {
      this.options = this.getOptions(this.input.value);
      this.active = -1;
      this.render();
      e.preventDefault();
      return;
    }
    switch (e.key) {
      case "ArrowDown":
        if (!this.isOpen()) {
          this.options = this.getOptions(this.input.value);
          this.active = this.options.length ? 0 : -1;
          this.render();
        } else this.move(1);
        e.preventDefault();
        break;
      case "ArrowUp":
        if (this.isOpen()) this.move(-1);
        e.preventDefault();
        break;
      case "Enter":
        e.preventDefault(); // never submit the form
        if (this.isOpen() && this.active >= 0 && (this.navigated || this.autoSelect)) this.choose(this.active, true);
        else this.commit(true);
        break;
      case "Escape":
        if (this.isOpen()) { this.close(); e.preventDefault(); e.stopPropagation(); }
        else if (this.input.value) {
          this.input.value = "";
          this.update(true);
          e.preventDefault();
          e.stopPropagation();
        }
        break;
      case "Tab":
        if (this.isOpen() && this.active >= 0) this.choose(this.active);
        break;
      default:
        break;
    }
  };

  // ---------------------------------------------------------------------------
  // The answer
  // ---------------------------------------------------------------------------

  function Finder(root, data) {
    this.root = root;
    this.data = data;
    this.base = new URL(root.getAttribute("data-root") || "./", window.location.href);
    this.answer = root.querySelector("#i43-reponse");
    this.status = root.querySelector("#i43-annonce");
    this.form = root.querySelector("form");
    this.state = { projet: null, type: null, commune: null, phase: "" };
    var self = this;
    var announce = function (text) { self.say(text); };
    this.project = new Combobox(
      root.querySelector("#i43-projet"), root.querySelector("#i43-projet-liste"),
      function (q) { return projectOptions(data, q); },
      function (v, byEnter) { self.chooseProject(v, self.project.typed || null, byEnter); }, announce,
      function (text, byEnter) { self.resolveProject(text, byEnter); }, true
    );
    this.commune = new Combobox(
      root.querySelector("#i43-commune"), root.querySelector("#i43-commune-liste"),
      function (q) { return communeOptions(data, q); },
      function (v, byEnter) { self.state.commune = v; self.changed(byEnter); }, announce,
      function (text, byEnter) { self.resolveCommune(text, byEnter); }, false
    );
    touchWording(root);
    this.answer.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("[data-i43-print]")) window.print();
    });
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    Array.prototype.forEach.call(this.form.querySelectorAll("input[name=phase]"), function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) { self.state.phase = radio.value; self.changed(); }
      });
    });
  }

  Finder.prototype.url = function (path) { return new URL(path, this.base).href; };

  Finder.prototype.say = function (text) {
    // Emptied first, so the same sentence twice is announced twice.
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 30);
  };

  Finder.prototype.readAddress = function () {
    var state = this.state = stateFromQuery(this.data, window.location.search);
    var d = this.data.domainById[state.projet || ""];
    var c = this.data.communeBySlug[state.commune || ""];
    var type = d && state.type ? d.typeById[state.type] : null;
    this.project.set(state.projet ? optionValue(d, type) : null, type ? type.nom : d ? d.nom : "");
    this.commune.set(state.commune, c ? c.nom : "");
    Array.prototype.forEach.call(this.form.querySelectorAll("input[name=phase]"), function (radio) {
      radio.checked = radio.value === state.phase;
    });
  };

  Finder.prototype.writeAddress = function () {
    var query = queryFromState(this.state);
    var address = window.location.pathname + (query ? "?" + query : "");
    if (address !== window.location.pathname + window.location.search) {
      window.history.replaceState(window.history.state, "", address);
    }
  };

  Finder.prototype.changed = function (reveal) {
    this.writeAddress();
    var summary = this.render();
    this.say(summary);
    if (reveal) this.reveal();
  };

  /* After Enter: the answer comes into view and takes the focus (its title is read out). */
  Finder.prototype.reveal = function () {
    var answer = this.answer;
    if (!answer.firstChild) return;
    answer.focus({ preventScroll: true });
    answer.scrollIntoView({ block: "start" });
  };

  /* A project chosen (« domain id » or « domain id/project type id »), with the words the élu typed
     for it (an acronym there puts its offer first: namedFirst). */
  Finder.prototype.chooseProject = function (value, words, byEnter) {
    var parts = (value || "").split("/");
    this.state.projet = parts[0] || null;
    this.state.type = parts[1] || null;
    this.state.inconnu = null;
    this.state.mots = words;
    this.changed(byEnter);
  };

  /* Project text not picked from the list: the best domain, or the fallback. */
  Finder.prototype.resolveProject = function (text, byEnter) {
    var options = projectOptions(this.data, text);
    if (options.length) {
      this.project.options = options;
      this.project.choose(0, byEnter);
      return;
    }
    this.project.value = null;
    this.project.label = "";
    this.state.projet = null;
    this.state.inconnu = text;
    this.changed(byEnter);
  };

  /* Commune text not picked from the list: used when one commune fits; else the list says so. */
  Finder.prototype.resolveCommune = function (text, byEnter) {
    var meant = communeMeant(this.data, text);
    if (meant.value) {
      var c = this.data.communeBySlug[meant.value];
      this.commune.options = [{ value: c.slug, label: c.nom }];
      this.commune.choose(0, byEnter);
      return;
    }
    var note = meant.several
      ? "Plusieurs communes correspondent à « " + text + " » : choisissez la vôtre dans la liste."
      : "Aucune commune de la Haute-Loire ne correspond à « " + text + " ». Vérifiez l'orthographe ou tapez le code postal.";
    if (meant.several && byEnter) this.commune.offer(meant.several);
    this.commune.setNote(note);
    this.say(note);
  };

  /* Offers of the chosen domain and phase, split by whether they apply to the commune. */
  Finder.prototype.select = function (domain, commune, phase) {
    var data = this.data;
    var index = data.domaines.indexOf(domain);
    var profile = commune ? data.profils[commune.profil] : null;
    var kept = [];
    var excluded = [];
    data.offres.forEach(function (o, i) {
      if ((o.domaines || []).indexOf(index) < 0) return;
      if (phase && o.phases.indexOf(phase) < 0) return;
      if (profile && !profile[i]) excluded.push(i);
      else kept.push(i);
    });
    return { kept: kept, excluded: excluded };
  };

  /* « Pourquoi » : one plain sentence from the offer's own text (written by Python: `pourquoi`),
     and, for a commune, the condition it meets. */
  Finder.prototype.why = function (offer, commune) {
    var text = offer.pourquoi || offer.titre;
    if (commune && offer.popMax && commune.pop !== null && commune.pop !== undefined) {
      text += " Réservée aux communes jusqu'à " + integerFr(offer.popMax) + " habitants : " + commune.nom + " en compte " + integerFr(commune.pop) + ".";
    }
    return text;
  };

  /* Why an offer does not apply to the commune: the reason is decided by Python
     (eligibility.exclusion, shipped as one letter per offer in `motifs`); only its wording is here
     (tests/js/finder-why-not.test.js). */
  Finder.prototype.whyNot = function (i, commune) { return whyNot(this.data, i, commune); };

  function whyNot(data, i, commune) {
    var offer = data.offres[i];
    var partner = data.partenaires[offer.p];
    var reason = (data.lettresMotifs || {})[(data.motifs[commune.profil] || "").charAt(i)];
    if (reason === "population-min") {
      return "réservée aux communes d'au moins " + integerFr(offer.popMin) + " habitants (" + commune.nom + " : " + integerFr(commune.pop) + ")";
    }
    if (reason === "population") {
      return "réservée aux communes jusqu'à " + integerFr(offer.popMax) + " habitants (" + commune.nom + " : " + integerFr(commune.pop) + ")";
    }
    if (reason === "territoire") return "limitée à : " + (offer.territoire || "un autre territoire");
    return partner.nom + " ne couvre que : " + (partner.territoire || "un autre territoire");
  }

  Finder.prototype.contact = function (partner) {
    var rows = [];
    function row(label, node) { rows.push(el("dt", { text: label }), el("dd", null, [node])); }
    if (partner.tel) row("Téléphone", el("a", { href: safeHref(partner.telHref), text: partner.tel }));
    var r = this.data.repli;
    if (!partner.tel && partner.guichet && r && r.tel) { // Ingé 43 without its own line: the Département's
      row("Téléphone", el("span", null, [el("a", { href: safeHref(r.telHref), text: r.tel }), r.via ? " (" + r.via + ")" : ""]));
    }
    if (partner.courriel) row("Courriel", el("a", { href: safeHref("mailto:" + partner.courriel), text: partner.courriel }));
    if (partner.formulaire && safeHref(partner.formulaire)) {
      row("Formulaire", el("a", { href: partner.formulaire, rel: "noopener", text: "Écrire via le formulaire en ligne" }));
    }
    if (partner.site && safeHref(partner.site)) row("Site web", el("a", { href: partner.site, rel: "noopener", text: partner.site }));
    var nodes = [];
    if (rows.length) nodes.push(el("dl", { className: "i43-contact" }, rows));
    if (partner.precision) nodes.push(el("p", { className: "i43-contact__precision", text: partner.precision }));
    nodes = nodes.concat(this.provenance(partner));
    if (!partner.tel && !partner.courriel) {
      nodes.push(el("p", { className: "i43-muted" }, ["Pas de téléphone ni de courriel publiés : "].concat(this.callEntry(), [" — ",
        el("a", { href: this.url(partner.page), text: "voir sa fiche" })
      ])));
    }
    return nodes;
  };

  /* « Coordonnées relevées en 2019 sur l'annuaire… : à confirmer. », with the source's link. */
  Finder.prototype.provenance = function (who) {
    return (who.provenance || []).map(function (line) {
      return el("p", { className: "i43-provenance" }, [
        line.texte + " ",
        safeHref(line.url) ? el("a", { href: line.url, rel: "noopener", text: line.nom }) : line.nom,
        line.confirmer ? " : " : ".",
        line.confirmer ? el("strong", { text: "à confirmer" }) : null,
        line.confirmer ? "." : null
      ]);
    });
  };

  /* « passez par Ingé 43 au 04 … (standard du Département, numéro relevé en 2019) »: where a value is missing. */
  Finder.prototype.callEntry = function () {
    var r = this.data.repli || { nom: "Ingé 43" };
    var out = ["passez par " + r.nom];
    if (r.tel && safeHref(r.telHref)) out.push(" au ", el("a", { href: r.telHref, text: r.tel }), r.via ? " (" + r.via + ")" : "");
    return out;
  };

  /* Phone and e-mail as links on one line (for the compact blocks at the top of the answer). */
  Finder.prototype.quickContact = function (who) {
    var parts = [];
    var r = this.data.repli;
    if (who.tel && safeHref(who.telHref)) {
      parts.push(el("a", { href: who.telHref, className: "i43-quick__tel", text: who.tel }));
      if (r && r.via && r.tel === who.tel) parts.push(" (" + r.via + ")"); // the Département's switchboard, said as such
    }
    if (who.courriel) {
      if (parts.length) parts.push(" · ");
      parts.push(el("a", { href: safeHref("mailto:" + who.courriel), className: "i43-quick__mail", text: who.courriel }));
    }
    if (!parts.length) return ["pas de téléphone ni de courriel publiés : "].concat(this.callEntry());
    return parts;
  };

  Finder.prototype.offerItem = function (i, commune) {
    var o = this.data.offres[i];
    var cost = o.cout ? o.cout + (o.coutPrecision ? " (" + o.coutPrecision + ")" : "") : null;
    var li = el("li", { className: "i43-offer-item" }, [
      el("a", { className: "i43-offer-item__title", href: this.url(o.page), text: o.titre }),
      el("p", { className: "i43-offer-item__why" }, [el("strong", { text: "Pourquoi : " }), this.why(o, commune)]),
      el("p", { className: "i43-offer-item__meta" }, [
        el("strong", { text: "Nature : " }), o.nature, " · ",
        el("strong", { text: "Coût : " }), cost || "non publié, demandez-le au partenaire", " · ",
        el("strong", { text: "Pour qui : " }), o.pour || "conditions non publiées, demandez-les au partenaire"
      ])
    ]);
    if (o.montant) {
      li.appendChild(el("p", { className: "i43-offer-item__meta i43-offer-item__amount" }, [
        el("strong", { text: "Ce que l'aide paie : " }), o.montant + (o.montantAnnee ? " (source de " + o.montantAnnee + ")" : "")
      ]));
    }
    if (o.delai) li.appendChild(el("p", { className: "i43-offer-item__meta" }, [el("strong", { text: "Délai : " }), o.delai]));
    if (o.preparer && o.preparer.length) {
      li.appendChild(el("div", { className: "i43-offer-item__more" }, [
        el("p", { className: "i43-offer-item__meta" }, [el("strong", { text: "À préparer avant d'appeler :" })]),
        el("ul", null, o.preparer.map(function (t) { return el("li", { text: t }); }))
      ]));
    }
    return li;
  };

  /* One card per partner, with its offers; `first` marks the single entry point. */
  Finder.prototype.partnerCard = function (pi, offers, commune, first) {
    var self = this;
    var partner = this.data.partenaires[pi];
    var title = el("h4", { className: "i43-partner-card__title" }, [
      el("a", { href: this.url(partner.page), text: partner.nom }),
      partner.sigle ? " (" + partner.sigle + ")" : null
    ]);
    var card = el("li", { className: "i43-partner-card" + (first ? " i43-partner-card--first" : "") }, [title]);
    this.contact(partner).forEach(function (n) { card.appendChild(n); });
    if (offers.length) {
      card.appendChild(el("ul", { className: "i43-offer-items" }, offers.map(function (i) {
        return self.offerItem(i, commune);
      })));
    }
    return card;
  };

  function byPartner(data, indexes) {
    var groups = [];
    var at = {};
    indexes.forEach(function (i) {
      var p = data.offres[i].p;
      if (!(p in at)) { at[p] = groups.length; groups.push({ p: p, offers: [] }); }
      groups[at[p]].offers.push(i);
    });
    return groups;
  }

  /* The answer's order for a project: the ranking written by Python (finder.json `rangs`, from
     generate/ranking.py), without the offers that do not apply to the commune. The one rule applied
     here is the twin of ranking.entry_first (tests/generate/test_ranking.py compares them). */
  function arrange(data, domain, typeId, phase, commune, holder) {
    var byType = domain.rangs[typeId && domain.typeById[typeId] ? typeId : ""] || {};
    var r = (phase && phase in byType ? byType[phase] : byType[""]) || {};  // a phase left out ranks as all phases
    var profile = commune ? data.profils[commune.profil] : null;
    var keys = data.clesRangs;
    var out = {};
    Object.keys(keys).forEach(function (k) {
      out[k] = (r[keys[k]] || []).filter(function (i) { return !profile || profile[i]; });
    });
    out.bestForDomain = !!r.d;
    var serves = !!r.s && out.entry.length > 0;
    out.entryFirst = !holder && (serves || out.best.length === 0);
    return out;
  }

  /* Whether every competence held for this project is shared with the commune (« partage »): the box then
     comes after the first interlocutor. A project type that the competence's own data gives to the
     intercommunality (`projets`, from its `partage` sentence: « une aire de covoiturage ») is not shared. */
  function sharedOnly(held, typeId) {
    return held.every(function (k) { return !!k.partage && !(typeId && (k.projets || []).indexOf(typeId) >= 0); });
  }

  /* An offer the élu names by its acronym (« dossier DETR ») comes first: the title's words in capitals
     (« DETR : dotation d'équipement… », « DSIL, FNADT et Fonds vert ») met as typed. It leaves the
     group the ranking gave it and opens the best placed, before Ingé 43. */
  function namedFirst(data, order, text) {
    if (!text) return order;
    var typed = {};
    tokens(text).forEach(function (t) { typed[t] = true; });
    var named = [];
    ["best", "others", "funding", "inform", "elsewhere"].forEach(function (k) {
      order[k] = order[k].filter(function (i) {
        var hit = (data.offres[i].titre.match(/\b[A-Z][A-Z0-9]{2,}\b/g) || []).some(function (a) { return typed[fold(a)]; });
        if (hit) named.push(i);
        return !hit;
      });
    });
    if (named.length) {
      order.best = named.concat(order.best);
      order.entryFirst = false;
    }
    return order;
  }

  Finder.prototype.render = function () {
    var data = this.data;
    var self = this;
    var domain = data.domainById[this.state.projet || ""] || null;
    var commune = data.communeBySlug[this.state.commune || ""] || null;
    var phase = this.state.phase || "";
    var nodes = [];

    if (!domain && this.state.inconnu) return this.noMatch(this.state.inconnu);
    if (!domain) {
      this.answer.replaceChildren();
      if (commune) {
        this.answer.appendChild(this.communeFacts(commune));
        this.answer.appendChild(el("p", { text: "Choisissez maintenant le type de projet (champ 1) pour savoir qui contacter." }));
        return commune.nom + " choisie. Choisissez maintenant le type de projet.";
      }
      return "";
    }

    var type = this.state.type ? domain.typeById[this.state.type] || null : null;
    var asked = type ? type.nom : domain.nom;
    var title = "Pour « " + asked + " »" + (commune ? " à " + commune.nom : "") + (phase ? ", étape " + data.phaseById[phase] : "");
    nodes.push(el("h2", { id: "i43-reponse-titre", className: "i43-answer__title", text: title }));
    if (type) nodes.push(el("p", { className: "i43-answer__domain", text: "Domaine : " + domain.nom + "." }));
    if (commune) nodes.push(this.communeFacts(commune));
    nodes.push(this.printHeader(commune, asked, domain));
    nodes.push(el("p", { className: "i43-answer__print i43-no-print" }, [
      el("button", { type: "button", className: "md-button i43-print-button", "data-i43-print": "" }, ["Imprimer cette réponse"])
    ]));

    var sel = this.select(domain, commune, phase);
    var domainIndex = data.domaines.indexOf(domain);
    var entry = data.entry;

    // 1. The commune's intercommunality, when a source says it holds this domain's competence.
    var holder = null;
    if (commune && commune.epci >= 0) {
      var inter = data.intercommunalites[commune.epci];
      var held = inter ? (inter.competences || []).filter(function (k) { return (k.domaines || []).indexOf(domainIndex) >= 0; }) : [];
      if (held.length) holder = { inter: inter, held: held };
    }
    // Every competence shared with the commune (« partage »): the box says both are possible, and
    // comes after the first interlocutor (issue 23: the law of 11 April 2025 lets a commune keep water
    // and sanitation); a competence the intercommunality holds alone puts it first.
    var holderShared = !!holder && sharedOnly(holder.held, type ? type.id : null);
    var holderBox = null;
    if (holder) {
      var box = holderBox = el("div", { className: "i43-answer__holder" }, [
        el("h3", { text: holderShared ? "Votre intercommunalité ou votre commune : demandez qui porte ce projet" : "C'est votre intercommunalité qui porte ce projet" })
      ]);
      holder.held.forEach(function (k) {
        box.appendChild(el("p", null, k.partage ? [
          el("strong", { text: k.intitule }), " (",
          el("a", { href: self.url(holder.inter.page), text: holder.inter.nom }), ") : " + k.partage
        ] : [
          el("strong", { text: k.intitule }), " : " + commune.nom + " relève de la ",
          el("a", { href: self.url(holder.inter.page), text: holder.inter.nom }),
          " ; c'est elle qui porte ce type de projet."
        ]));
        box.appendChild(el("p", { className: "i43-provenance" }, [
          k.loi ? "Prévue par la loi : " : "Source : ",
          safeHref(k.source) ? el("a", { href: k.source, rel: "noopener", text: k.nomSource || k.source }) : (k.nomSource || ""),
          k.annee ? (k.loi ? ", règle de " + k.annee + "." : " (" + k.annee + ").") : (k.loi ? "." : " (non datée).")
        ]));
      });
      box.appendChild(el("p", { className: "i43-quick" }, [el("strong", { text: holder.inter.nom + " : " })].concat(this.quickContact(holder.inter))));
      this.provenance(holder.inter).forEach(function (n) { box.appendChild(n); });
    }
    var step = 0;
    function placeHolder() {
      if (!holderBox) return;
      step += 1;
      holderBox.firstChild.textContent = step + ". " + holderBox.firstChild.textContent;
      nodes.push(holderBox);
      holderBox = null;
    }
    if (holder && !holderShared) placeHolder();

    // A competence the commune may keep (« partage ») does not put the intercommunality before Ingé 43.
    var order = namedFirst(data, arrange(data, domain, type ? type.id : null, phase, commune, !!holder && !holderShared), this.state.mots);

    // 2. Ingé 43, the single entry point: first when it has an offer for the project or no specialist
    //    has one (ranking.entry_first); otherwise one line « pour être orienté » after the specialists.
    var entryNodes = [];
    if (entry !== null) {
      var e = data.partenaires[entry];
      var line = el("p", { className: "i43-quick i43-quick--entry" }, [el("strong", { text: e.nom + " : " })].concat(this.quickContact(e)));
      line.appendChild(document.createTextNode(" — "));
      line.appendChild(el("a", { href: this.url(e.page), text: "sa fiche" }));
      entryNodes.push(line);
      if (e.precision) entryNodes.push(el("p", { className: "i43-contact__precision", text: e.precision }));
      this.provenance(e).forEach(function (n) { entryNodes.push(n); });
      if (order.entry.length && order.entryFirst) {
        entryNodes.push(el("ul", { className: "i43-offer-items" }, order.entry.map(function (i) { return self.offerItem(i, commune); })));
      } else if (order.entry.length) {
        entryNodes.push(el("details", { className: "i43-answer__entry-offers i43-no-print" }, [
          el("summary", { text: "Ce qu'" + e.nom + " propose pour ce domaine (" + order.entry.length + ")" }),
          el("ul", { className: "i43-offer-items" }, order.entry.map(function (i) { return self.offerItem(i, commune); }))
        ]));
      }
    }
    function entryHeading(first) {
      step += 1;
      var e = data.partenaires[entry];
      return el("h3", { text: step + ". " + (first ? "Appelez d'abord " + e.nom : "Pour être orienté : " + e.nom) });
    }
    if (entry !== null && order.entryFirst) {
      nodes.push.apply(nodes, [entryHeading(true)].concat(entryNodes));
      placeHolder();
    }

    // 3. The best placed for this project, then the others: the order written by Python.
    var bestGroups = byPartner(data, order.best);
    if (bestGroups.length) {
      step += 1;
      nodes.push(el("h3", { text: step + ". " + (type && !order.bestForDomain ? "Les mieux placés pour ce projet" : "Les partenaires les mieux placés") }));
      nodes.push(el("ul", { className: "i43-partner-cards i43-partner-cards--best" }, bestGroups.map(function (g) {
        return self.partnerCard(g.p, g.offers, commune);
      })));
    }
    placeHolder();
    if (entry !== null && !order.entryFirst) nodes.push.apply(nodes, [entryHeading(false)].concat(entryNodes));
    var othersGroups = byPartner(data, order.others);
    if (othersGroups.length) {
      step += 1;
      nodes.push(el("h3", { text: step + ". " + (bestGroups.length ? "Qui d'autre peut vous aider" : "Qui peut vous aider") }));
      nodes.push(el("ul", { className: "i43-partner-cards" }, othersGroups.map(function (g) {
        return self.partnerCard(g.p, g.offers, commune);
      })));
    } else if (!bestGroups.length) {
      step += 1;
      var reason = phase && domain.sansOffre ? domain.sansOffre[phase] : null;
      var none = reason
        ? reason
        : "Aucun partenaire n'a d'offre d'accompagnement pour ce choix" + (commune ? " à " + commune.nom : "") + ".";
      nodes.push(el("h3", { text: step + ". Qui peut vous aider" }));
      nodes.push(el("p", { text: none + (entry !== null ? " " + data.partenaires[entry].nom + " vous orientera." : "") }));
    }

    var moneyGroups = byPartner(data, order.funding);
    step += 1;
    nodes.push(el("h3", { text: step + ". Pour financer le projet" }));
    if (moneyGroups.length) {
      nodes.push(el("ul", { className: "i43-partner-cards" }, moneyGroups.map(function (g) {
        return self.partnerCard(g.p, g.offers, commune);
      })));
    } else {
      nodes.push(el("p", { text: "Aucune aide propre à ce " + (type ? "projet" : "domaine") + " n'est connue" + (phase ? " pour cette étape" : "") + "." }));
    }
    var financing = data.domainById[data.financement];
    var more = [];
    if (financing && financing !== domain) {
      more.push(el("li", null, [el("a", { href: this.url(financing.page), text: "Toutes les aides : « " + financing.nom + " »" })]));
    }
    if (domain.aides && safeHref(domain.aides)) {
      more.push(el("li", null, [
        el("a", { href: domain.aides, rel: "noopener", text: "Chercher d'autres aides sur Aides-territoires" }),
        " (site de l'État, toutes les aides publiques)"
      ]));
    }
    if (more.length) nodes.push(el("ul", { className: "i43-answer__links" }, more));

    var informGroups = byPartner(data, order.inform);
    if (informGroups.length) {
      nodes.push(el("details", { className: "i43-answer__inform i43-no-print" }, [
        el("summary", { text: "Pour s'informer et se former (" + informGroups.length + ")" }),
        el("ul", { className: "i43-partner-cards" }, informGroups.map(function (g) {
          return self.partnerCard(g.p, g.offers, commune);
        }))
      ]));
    }
    if (order.elsewhere.length) {
      nodes.push(el("details", { className: "i43-answer__elsewhere i43-no-print" }, [
        el("summary", { text: plural(order.elsewhere.length, "offre pour un autre projet de ce domaine", "offres pour d'autres projets de ce domaine") }),
        el("ul", { className: "i43-offer-items" }, order.elsewhere.map(function (i) { return self.offerItem(i, commune); }))
      ]));
    }

    if (commune && sel.excluded.length) {
      var details = el("details", { className: "i43-answer__excluded" }, [
        el("summary", { text: plural(sel.excluded.length, "offre de ce domaine ne concerne pas ", "offres de ce domaine ne concernent pas ") + commune.nom })
      ]);
      details.appendChild(el("ul", null, sel.excluded.map(function (i) {
        var o = data.offres[i];
        return el("li", null, [
          el("a", { href: self.url(o.page), text: o.titre }),
          " — " + data.partenaires[o.p].nom + " : " + self.whyNot(i, commune) + "."
        ]);
      })));
      nodes.push(details);
    }

    var guides = (domain.guides || []).map(function (g) { return data.guides[g]; });
    if (guides.length) {
      nodes.push(el("h3", { className: "i43-no-print", text: "Guides pour mener le projet" }));
      nodes.push(el("ul", { className: "i43-answer__links" }, guides.map(function (g) {
        return el("li", null, [el("a", { href: self.url(g.page), text: g.titre })]);
      })));
    }

    nodes.push(el("h3", { className: "i43-no-print", text: "Aller plus loin" }));
    var links = [el("li", null, [el("a", { href: this.url(domain.page), text: "La page « " + domain.nom + " » : qui contacter à chaque étape" })])];
    if (commune) {
      links.push(el("li", null, [el("a", { href: this.url("communes/" + commune.slug + "/"), text: "La page de " + commune.nom + " : ses partenaires et ses offres" })]));
    }
    nodes.push(el("ul", { className: "i43-answer__links" }, links));

    this.answer.replaceChildren.apply(this.answer, nodes);

    var first = holder && !holderShared ? holder.inter.nom
      : order.entryFirst || !bestGroups.length ? (entry !== null ? data.partenaires[entry].nom : "le guichet unique")
      : data.partenaires[bestGroups[0].p].nom;
    var count = bestGroups.length + othersGroups.length + moneyGroups.length - (!order.entryFirst ? 1 : 0);
    var holderSays = !holder ? "" : holderShared
      ? "demandez à " + holder.inter.nom + " ou à votre mairie qui porte ce projet ; "
      : "c'est " + holder.inter.nom + " qui porte ce type de projet ; ";
    return title + " : " + holderSays + "appelez d'abord " + first + ", puis " +
      plural(count, "autre partenaire peut", "autres partenaires peuvent") + " vous aider.";
  };

  /* Nothing understood: Ingé 43 and its phone, an invitation to describe the project, the domains. */
  Finder.prototype.noMatch = function (text) {
    var self = this;
    var r = this.data.repli || { nom: "Ingé 43" };
    var name = el("strong", { text: r.nom });
    var call = [r.page ? el("a", { href: this.url(r.page) }, [name]) : name, ", le guichet unique du Département, vous oriente : "];
    if (r.tel && safeHref(r.telHref)) {
      call.push("appelez le ", el("a", { href: r.telHref, text: r.tel }), r.via ? " (" + r.via + ")" : "");
    } else {
      call.push("aucun téléphone n'est publié");
    }
    call.push(" et décrivez votre projet en quelques mots");
    if (r.courriel && safeHref("mailto:" + r.courriel)) {
      call.push(", ou écrivez-lui à ", el("a", { href: "mailto:" + r.courriel, text: r.courriel }));
    }
    call.push(".");
    var maybe = maybeReadings(this.data, text);
    var nodes = [
      el("h2", { id: "i43-reponse-titre", className: "i43-answer__title", text: "Aucun domaine ne correspond à « " + text + " »" }),
      el("p", { className: "i43-answer__fallback" }, call)
    ];
    if (maybe.length) {
      nodes.push(
        el("h3", { text: "Votre projet est peut-être l'un de ceux-ci" }),
        el("ul", { className: "i43-answer__links i43-answer__maybe" }, maybe.map(function (x) {
          var state = { projet: x.domain.id, type: x.type ? x.type.id : null, commune: self.state.commune, phase: self.state.phase };
          var label = x.type ? x.type.nom : x.domain.nom;
          var link = el("a", { href: self.url("trouver/?" + queryFromState(state)), text: label });
          link.addEventListener("click", function (e) {
            if (e.button || e.ctrlKey || e.metaKey || e.shiftKey) return; // a new tab reads the address
            e.preventDefault();
            var value = optionValue(x.domain, x.type);
            self.project.set(value, label);
            self.chooseProject(value, self.state.mots, true);
          });
          return el("li", null, x.type ? [link, " (" + x.domain.nom + ")"] : [link]);
        }))
      );
    }
    nodes.push(
      el("h3", { text: "Ou choisissez un domaine de projet" }),
      el("ul", { className: "i43-answer__links i43-answer__domains" }, this.data.domaines.map(function (d) {
        return el("li", null, [el("a", { href: self.url(d.page), text: d.nom })]);
      }))
    );
    this.answer.replaceChildren.apply(this.answer, nodes);
    return "Aucun domaine ne correspond à « " + text + " ». Appelez " + r.nom + (r.tel ? " au " + r.tel : "") +
      " et décrivez votre projet, ou choisissez " + (maybe.length ? "l'un des projets proposés ou " : "") + "un domaine dans la liste.";
  };

  /* Shown on paper only (print style): what the council needs to know where the answer comes from. */
  Finder.prototype.printHeader = function (commune, asked, domain) {
    var today = new Date();
    var date = String(today.getDate()).padStart(2, "0") + "/" + String(today.getMonth() + 1).padStart(2, "0") + "/" + today.getFullYear();
    return el("div", { className: "i43-print-only i43-print-header" }, [
      el("p", null, [el("strong", { text: "Ingé 43 — Quel interlocuteur pour mon projet ?" })]),
      el("p", { text: "Commune : " + (commune ? commune.nom + " (" + commune.cp + ")" : "non précisée") }),
      el("p", { text: "Projet : " + asked + (asked !== domain.nom ? " (" + domain.nom + ")" : "") }),
      el("p", { text: "Réponse du " + date + ", à retrouver à l'adresse : " + window.location.href })
    ]);
  };

  Finder.prototype.communeFacts = function (c) {
    var data = this.data;
    var facts = [];
    if (c.pop !== null && c.pop !== undefined) facts.push(integerFr(c.pop) + " habitants");
    if (c.epci >= 0) facts.push(data.epci[c.epci]);
    if (c.arr >= 0) facts.push("arrondissement : " + data.arrondissements[c.arr]);
    c.pnr.forEach(function (code) {
      facts.push(data.pnr[code >> 1] + (code & 1 ? " (appartenance à confirmer)" : ""));
    });
    return el("p", { className: "i43-answer__commune" }, [
      el("a", { href: this.url("communes/" + c.slug + "/"), text: c.nom }), " (" + c.cp + ") : " + facts.join(" · ") + "."
    ]);
  };

  /* Touch screens have no arrow keys: say « touchez » instead of « flèches ». */
  function touchWording(root) {
    if (!window.matchMedia || !window.matchMedia("(hover: none) and (pointer: coarse)").matches) return;
    Array.prototype.forEach.call(root.querySelectorAll("[data-i43-keys]"), function (node) {
      node.textContent = "Touchez une proposition, ou validez ce que vous avez tapé.";
    });
  }

  // Under Node (tests/js/), the pure functions are exported and nothing touches a page.
  if (typeof module === "object" && module.exports) {
    module.exports = {
      fold: fold, slugify: slugify, tokens: tokens, score: score, distance: distance, wordMatch: wordMatch,
      understand: understand, maybeReadings: maybeReadings, prepare: prepare, arrange: arrange, namedFirst: namedFirst, sharedOnly: sharedOnly, projectOptions: projectOptions, communeOptions: communeOptions,
      communeMeant: communeMeant, stateFromQuery: stateFromQuery, queryFromState: queryFromState,
      whyNot: whyNot
    };
    return;
  }

  // ---------------------------------------------------------------------------
  // Start: once per page, also after Material's instant navigation
  // ---------------------------------------------------------------------------

  function start() {
    var root = document.querySelector("[data-i43-finder]");
    if (!root || root.getAttribute("data-i43-ready")) return;
    root.setAttribute("data-i43-ready", "loading");
    var src = new URL(root.getAttribute("data-src"), window.location.href).href;
    load(src).then(function (data) {
      if (!document.body.contains(root)) return; // the page changed meanwhile
      var finder = new Finder(root, data);
      root.hidden = false;
      finder.readAddress();
      finder.render();
      root.setAttribute("data-i43-ready", "ready");
      if (window.performance && performance.mark) performance.mark("i43-finder-ready"); // make bench
    }).catch(function () {
      root.removeAttribute("data-i43-ready");
      var note = el("p", { className: "i43-todo", text: "Le formulaire n'a pas pu se charger : utilisez les liens ci-dessous." });
      root.parentNode.insertBefore(note, root);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
