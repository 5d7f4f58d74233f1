/*
 * Ingé 43 — the site search for French as élus type it.
 *
 * This worker wraps Material's own search worker (its file name comes in `?worker=`): it loads
 * it unchanged and only rewrites the messages it receives.
 * - Setup: each document gets folded copies of its title and text (`titre_replie`,
 *   `texte_replie`: no accents, simple stems, « St » -> « Saint »; rules of inge43-text.js),
 *   plus the glossary's acronym wherever the text spells out its long form (« Syndicat
 *   départemental d'énergies » -> « sde »). A section's heading goes to `intertitre_replie`, which
 *   weighs less than a page's title: the title names the page, a heading only a part of it. The
 *   index config (scripts/inge43/generate/search.py) makes these fields the ones that rank; `title`
 *   and `text` stay for display.
 * - Query: what was typed is folded with the same rules, small words (« la », « n' », « pas »)
 *   dropped. Each word is searched as a whole word (weight EXACT) and as the start of a longer
 *   word (Material's trailing wildcard), so « chasse » prefers « chasse » to « Chassignolles ». A
 *   word that starts no word of the site is searched with the typos that the rule shared with
 *   the finder allows (inge43-text.js `typoLimit`).
 * Every weight and word list comes from the search's rulebook (scripts/inge43/read/search_rules.json),
 * written into the site as assets/inge43-rules.js.
 * - Result: pages are reordered by rules that hold for any query (see `rerank`).
 */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3;
  var worker = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("Ingé 43 : moteur de recherche introuvable");

  /* The search's rulebook (scripts/inge43/read/search_rules.json, written into the site at build
     time) first: the two scripts after it read their word lists from it. */
  importScripts("../../inge43-rules.js", "../../inge43-text.js", "../../inge43-search-words.js");
  var T = self.Inge43Text;
  var S = self.Inge43SearchWords;
  /* The query side's weights (`query` in the rulebook). */
  var Q = self.Inge43Rules.query;

  /* What the reranking needs to know of each page (location without « # »), filled at setup. */
  var pages = {};
  var NOTHING = { title: [], titleWords: [], nameWords: [], names: [], phrases: [], text: [], domains: [] };
  /* Every folded word of the site, sorted, to tell a typo from the start of a word. */
  var vocabulary = [];
  /* The sorted words of each document, by its location (« guides/voirie/#2-… »). */
  var ownWords = {};

  function plain(html) {
    return S.joinThousands(String(html || "").replace(/<[^>]*>/g, " ").replace(/&(?:[a-z]+|#[0-9]+);/gi, " "));
  }
  /* Search only (the finder keeps inge43-text.js's stems): a verb and the noun made from it meet
     on one root, « rénover » / « rénovation », « vendre » / « vente » (inge43-search-words.js). */
  var root = S.derive;
  /* Every stem of the site (before `root`), with its root: the words a typo is corrected to. */
  var roots = {};
  /* Every root of the site, as keys. */
  var rootSet = {};
  function terms(text) {
    return T.words(text).map(function (w) { return (roots[w] = root(w)); });
  }
  function folded(text) {
    return terms(text).join(" ");
  }
  function split(text) {
    return text ? text.split(" ") : [];
  }

  function page(location) {
    var key = location.split("#")[0];
    return pages[key] || (pages[key] = { title: [], names: [], phrases: [], text: [] });
  }

  /* Is `word` in `sorted`, or does a word of it start with `word`? (binary search) */
  function startsSome(sorted, word) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo < sorted.length && sorted[lo].indexOf(word) === 0;
  }
  function known(word) {
    return startsSome(vocabulary, word);
  }
  /* Is `word` the root of some word of the site? */
  function isRoot(word) {
    return rootSet[word] === true;
  }

  function setup(index) {
    var synonyms = (index.config.synonymes || [])
      .map(function (pair) { return [folded(pair[0]), " " + folded(pair[1]) + " "]; })
      .filter(function (pair) { return pair[0] && pair[1].trim(); });
    var seen = {};
    index.docs.forEach(function (doc) {
      var section = doc.location.indexOf("#") >= 0;
      var title = folded(plain(doc.title));
      if (section) doc.intertitre_replie = title;
      else doc.titre_replie = title;
      doc.texte_replie = folded(plain(doc.text));
      /* Keywords come as « entry ; entry »: each entry is a phrase élus type. */
      var entries = String(doc.mots || "").split(";").map(folded).filter(Boolean);
      if (doc.mots) doc.mots = entries.join(" ");
      if (doc.definitions) doc.definitions = folded(doc.definitions);
      if (doc.projets) doc.projets = folded(doc.projets);
      var all = " " + title + " " + doc.texte_replie + " " + (doc.mots || "") + " ";
      var found = synonyms.filter(function (pair) { return all.indexOf(pair[1]) >= 0; });
      if (found.length) doc.texte_replie += " " + found.map(function (pair) { return pair[0]; }).join(" ");
      /* An acronym whose long form is in the title is part of the title (« CAUE » for the
         « Conseil d'architecture, d'urbanisme et de l'environnement de la Haute-Loire »). */
      var inTitle = synonyms.filter(function (pair) { return (" " + title + " ").indexOf(pair[1]) >= 0; });
      if (inTitle.length) doc[section ? "intertitre_replie" : "titre_replie"] += " " + inTitle.map(function (pair) { return pair[0]; }).join(" ");

      var info = page(doc.location);
      if (!section) {
        info.title = split(title);
        info.names.push(title);
        info.domains = doc.domaines || [];
        info.guide = doc.guide === true;
        info.glossary = doc.glossaire === true;
      }
      /* Acronyms that name the page, or one entry of it (a glossary term): generate/search.py */
      info.names = info.names.concat((doc.noms || []).map(folded)).filter(Boolean);
      info.phrases = info.phrases.concat(entries.map(split));
      info.text.push(split(section ? title + " " + doc.texte_replie : doc.texte_replie));
      /* The words of this document alone: the page's own (title, introduction, keywords) for the
         page, the section's for a section (see `covered`); all of them make the vocabulary. */
      var own = {};
      [title, doc.texte_replie, doc.mots || "", doc.definitions || "", doc.projets || ""].forEach(function (text) {
        split(text).forEach(function (w) { seen[w] = own[w] = true; });
      });
      ownWords[doc.location] = Object.keys(own).sort();
    });
    vocabulary = Object.keys(seen).sort();
    rootSet = {};
    Object.keys(roots).forEach(function (w) { rootSet[roots[w]] = true; });
    Object.keys(pages).forEach(function (key) {
      var info = pages[key];
      info.titleWords = info.title.slice().sort();
      var named = {};
      info.title.concat.apply(info.title, info.phrases).forEach(function (w) { named[w] = true; });
      info.nameWords = Object.keys(named).sort();
    });
    return index;
  }

  /* What a typed word is searched as: its root when some word of the site is it or starts with
     it; otherwise, for five letters or more, its longest beginning that is the root of a family
     of the site; otherwise the root of the closest word of the site that
     starts with the same letter, within the typo rule shared with the finder (T.typoLimit:
     rulebook `text.typos`); otherwise, for a compound word, the longest beginning of it that
     starts a word of the site (« cyberattaque » -> « cyber »). */
  function understood(word) {
    var r = root(word);
    var limit = T.typoLimit(word.length);
    if (known(r) || !limit || /[0-9]/.test(word)) return r;
    /* A word of a family of the site with another ending (« composteur », « compostage ») is of
       that family, before being read as a typo of some other word (« compteur »). */
    var family = S.familyStart(word, isRoot);
    if (family) return family;
    var best = null, bestDistance = limit + 1;
    Object.keys(roots).forEach(function (candidate) {
      if (candidate[0] !== word[0]) return;
      var d = T.distance(word, candidate, limit);
      if (d < bestDistance || (d === bestDistance && best !== null && candidate < best)) {
        best = candidate; bestDistance = d;
      }
    });
    if (best !== null) return roots[best];
    return S.longestStart(word, known) || r;
  }

  /* A whole word weighs EXACT times a word that only starts with what was typed. */
  var EXACT = Q.exact;
  var wanted = [];
  /* Each searched root and the word as typed (folded), for Material's « Non trouvé : » line. */
  var typedAs = {};
  /* Does the query ask for a method (« comment », « par où commencer », « étapes »)? */
  var askingHow = false;
  /* Does it ask what a word means (« c'est quoi », « que veut dire », « définition »)? */
  var askingWhat = false;
  function query(text) {
    wanted = [];
    typedAs = {};
    var typed = T.fold(S.joinThousands(text));
    askingHow = S.asksHow(typed);
    askingWhat = S.asksWhat(typed);
    /* The words that ask for a method or a meaning are not searched as a subject, unless nothing
       else was typed. */
    var subject = S.subject(typed);
    if (T.words(subject).length) typed = subject;
    typed.split(" ").forEach(function (token) {
      /* A word of letters and digits that the site does not know is read as its parts (« inge43 »
         as « inge 43 », as the site writes « Ingé 43 »); one it knows (« dbo5 ») stays whole. */
      var whole = T.words(token);
      if (whole.length && !known(root(whole[0])) && /[0-9]/.test(token) && /[a-z]/.test(token)) {
        token = S.unglue(token);
      }
      T.words(token).forEach(function (w) {
        var r = understood(w);
        wanted.push(r);
        typedAs[r] = token;
      });
    });
    /* Only small words typed (« notre », the NOTRe law): search them after all, but not the
       words of a question (« comment » alone finds nothing, and the fallback answers). */
    if (!wanted.length) {
      S.subject(typed).split(" ").filter(Boolean).forEach(function (token) {
        var r = root(T.stem(token));
        wanted.push(r);
        typedAs[r] = token;
      });
    }
    return wanted.map(function (w) { return w + "^" + EXACT + " " + w; }).join(" ");
  }

  /* Material lists the words a result lacks by the searched roots: show them as typed. */
  function asTyped(items) {
    items.forEach(function (item) {
      var terms = {};
      Object.keys(item.terms || {}).forEach(function (t) { terms[typedAs[t] || t] = item.terms[t]; });
      item.terms = terms;
    });
  }

  /* How many of `words` one answer of the group holds: the page itself (its title, introduction
     and keywords), or one of its sections together with the page. A long page (a guide, the
     glossary) holds many words somewhere; the words typed should meet in one place of it, not be
     spread over sections about other things (« financer » in one step of a guide, « mairie » in
     another; « mise aux normes » in one definition, « accessibilité » in another). */
  function covered(group, words) {
    var page = group[0].location.split("#")[0];
    var base = ownWords[page] || [];
    var best = 0;
    group.concat([{ location: page }]).forEach(function (item) {
      var section = item.location === page ? [] : ownWords[item.location] || [];
      var n = words.filter(function (w) { return startsSome(base, w) || startsSome(section, w); }).length;
      if (n > best) best = n;
    });
    return best;
  }

  /* Do the typed words come one after the other in `list` (the last one may be unfinished)? */
  function consecutive(wanted, list) {
    for (var i = 0; i + wanted.length <= list.length; i++) {
      var ok = true;
      for (var j = 0; ok && j < wanted.length; j++)
        ok = j === wanted.length - 1 ? list[i + j].indexOf(wanted[j]) === 0 : list[i + j] === wanted[j];
      if (ok) return true;
    }
    return false;
  }

  /*
   * Rules applied to Material's results, each for any query:
   * 1. a page named exactly as typed comes first: its title, or an acronym that names it (a
   *    partner's « sigle », a glossary acronym whose long form is the page's title: « SDE »);
   * 2. coverage: a page holding every typed word outranks one holding only some of them (score
   *    times the share of the site's known typed words it holds, squared);
   * 3. what was typed is one of the page's keywords (a phrase élus type: « pont » for the roads
   *    before the commune Pont-Salomon): PHRASE_NAME; for two words or more, typed words that
   *    follow each other in the title or in a keyword also weigh PHRASE_NAME, and TITLE_START
   *    more when they begin the title (a name typed from its start); every typed word
   *    in the title weighs TITLE_WORDS; the words following each other in the text PHRASE_TEXT;
   * 4. a guide comes right after its domain (below);
   * 5. a query asking for a method puts guides forward, one asking what a word means the
   *    glossary (below).
   * Otherwise Material's order.
   */
  var TITLE_WORDS = Q.title_words, PHRASE_NAME = Q.phrase_name, PHRASE_TEXT = Q.phrase_text, TITLE_START = Q.title_start;
  /* 5. a query that asks for a method (« comment », « par où commencer », « étapes ») is answered
     by a guide, which describes a project step by step: a guide holding every typed word comes
     before the other pages (after a page named exactly), and no longer steps back behind its
     domain (rule 4). Likewise a query that asks what a word means (« c'est quoi », « que veut
     dire », « définition ») is answered by the glossary when it holds every typed word. The page
     that answers the kind of question asked comes even before a page named by the word. */
  /* 4. how far behind its domain a guide steps back: just behind it. */
  var GUIDE_BEHIND_DOMAIN = Q.guide_behind_domain;
  function rerank(groups) {
    if (!wanted.length) return groups;
    var typed = wanted.join(" ");
    var glued = wanted.join("");  /* names compare without spaces: « AMF 43 » is « AMF43 » */
    var knownWords = wanted.filter(known);
    var ranked = groups.map(function (group, position) {
      var info = pages[group[0].location.split("#")[0]] || NOTHING;
      var score = Math.max.apply(null, group.map(function (item) { return item.score || 0; }));
      var exact = info.names.some(function (name) { return name.replace(/ /g, "") === glued; });
      var share = 1;
      if (knownWords.length) {
        share = covered(group, knownWords) / knownWords.length;
        score *= share * share;
      }
      if (!exact && info.phrases.some(function (l) { return l.join(" ") === typed; })) {
        score *= PHRASE_NAME;
      } else if (!exact && wanted.length > 1) {
        if ([info.title].concat(info.phrases).some(function (l) { return consecutive(wanted, l); }))
          score *= PHRASE_NAME;
        /* The start of a page's name typed (« service départemental d'incendie » for the SDIS):
           the élu is naming that page. */
        if (consecutive(wanted, info.title.slice(0, wanted.length))) score *= TITLE_START;
        else if (wanted.every(function (w) { return startsSome(info.titleWords, w); }))
          score *= TITLE_WORDS;
        else if (info.text.some(function (l) { return consecutive(wanted, l); }))
          score *= PHRASE_TEXT;
      }
      var method = share === 1 && ((askingHow && info.guide === true) || (askingWhat && info.glossary === true));
      return { group: group, exact: exact, method: method, score: score, share: share, info: info, position: position };
    });
    /* 4. a guide comes right after the best found of the domain pages that list it (a domain
       answers « whom do I call » and links to its guides), when that domain is about what was
       typed: every typed word in its title or keywords (« évaluer un projet » is in every domain's
       text, and finds the guide « Évaluer un projet terminé »). */
    var byPage = {};
    ranked.forEach(function (r) { byPage[r.group[0].location.split("#")[0]] = r; });
    ranked.forEach(function (r) {
      if (r.exact || askingHow) return;
      var best = null;
      r.info.domains.forEach(function (location) {
        var domain = byPage[location];
        if (domain && (!best || domain.score > best.score)) best = domain;
      });
      var about = best && knownWords.every(function (w) { return startsSome(best.info.nameWords, w); });
      if (about && best.score <= r.score) r.score = best.score * GUIDE_BEHIND_DOMAIN;
    });
    ranked.sort(function (a, b) {
      return (b.method - a.method) || (b.exact - a.exact) || (b.score - a.score) || (a.position - b.position);
    });
    return ranked.map(function (r) { return r.group; });
  }

  /* Material's worker answers with postMessage: reorder its results on the way out. */
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      message.data.items = rerank(message.data.items);
      message.data.items.forEach(asTyped);
    }
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
        message = { type: QUERY, data: query(String(message.data || "")) };
      }
      return handler({ data: message });
    }, options);
  };

  importScripts(worker);
})();
