"""The site search: what the build adds to Material's search index.

Material's search (lunr, in a web worker) keeps accents, knows no plural, and cuts no
« St » into « Saint ». Rather than tagging pages with the words a test types, the search is
tuned by general means:

- `docs/assets/javascripts/workers/inge43-search.js` wraps Material's worker: it adds to each
  document a « folded » copy of its title and text (no accents, simple stems: rules of
  `read/text.py` / `inge43-text.js`) and folds what the élu types the same way;
- this module, run after the build (`rewrite_index`), adds to the index what only the data
  knows: each domain's keywords (`mots_cles`, as a field that is searched but never shown),
  the glossary's acronyms and long forms (so « SDE » finds the page that says « Syndicat
  départemental d'énergies »), and one light entry per commune (name, postcodes,
  intercommunality), so a commune is found by its name without its whole page in the index;
- the acronyms that name a page (`noms`: a partner's « sigle », a glossary acronym whose long
  form is the page's title), so that typing the acronym alone puts that page first, like its
  title typed in full;
- on each guide, the domain pages that list it (`domaines`): a domain page answers « whom do I
  call » and links to its guides, so the worker never puts a guide before its own domain when
  that domain holds as many of the typed words;
- on each domain page, its project types and the titles of the offers that list it (`projets`,
  searched, never shown): they name what is done in the domain, so they count for the domain
  page itself and not only for the section or partner page that shows them;
- on each domain page, the glossary definitions of the acronyms the domain uses (`definitions`,
  searched with a small weight, never shown): the site shows these definitions on that page
  when the pointer is on the acronym, and they hold the everyday words of the subject
  (the SPANC's definition speaks of the « fosse » of a house not connected to the sewer).

This module knows nothing of MkDocs; the inge43 plugin calls `rewrite_index_file` after the
search plugin has written the index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from ..read.dataset import Dataset
from ..read.model import Term
from ..read.search_rules import RULES
from ..read.text import sort_key, words
from .templating import anchor_id, shown_text
from .urls import GLOSSARY, commune_uris, domain_uri, guide_uri, page_url, partner_uri

# Every number below comes from the search's rulebook (read/search_rules.json, `index`), the one
# place that also holds the query side's weights and word lists.
_RULES = RULES["index"]

# Fields the worker searches, and their weights. `title` and `text` keep Material's display and
# highlighting; the folded copies (made in the worker) carry the ranking. A section's heading
# (`intertitre_replie`) names only a part of a page, so it weighs less than the page's title.
# A glossary definition (`definitions`) is wider than the domain: it weighs less than the page's
# own text, yet, with the domain prior below, more than the same words on the glossary page.
# A domain's project types and the titles of the partners' offers that list it (`projets`) say
# what is done in that domain, in the verbs élus use (« Restaurer un monument »): they count for
# the domain page itself, with less weight than the keywords written for searching (`mots`).
FIELDS: dict[str, dict[str, float]] = {name: {"boost": boost} for name, boost in _RULES["fields"].items()}
DEFINITIONS_BOOST: float = _RULES["fields"]["definitions"]
PROJECTS_BOOST: float = _RULES["fields"]["projets"]

# An offer listed under many domains is a general service (« Accompagnement de vos projets, de
# l'idée au bilan »): its title says little of each domain. Only offers that name at most this many
# domains lend their title to them.
SPECIFIC_OFFER_DOMAINS: int = _RULES["specific_offer_domains"]

# Page-type priors (lunr document boost): a domain page is the answer to « whom do I call for this
# kind of project », so it outranks a guide or a partner saying the same words; a commune's light
# entry must not hide a domain whose word is in the commune's name (« église »), while a commune
# typed in full still comes first (the worker puts exact titles first).
DOMAIN_BOOST: float = _RULES["domain_boost"]
COMMUNE_BOOST: float = _RULES["commune_boost"]
# Population at which a commune's entry weighs POPULATION_BONUS more than the smallest (about the
# size of the département's largest town).
POPULATION_SCALE: int = _RULES["population_scale"]
POPULATION_BONUS: float = _RULES["population_bonus"]
# A page that lists other pages (the home page, « Domaines », « Partenaires »…) repeats their
# words: the listed page, not the list, is the answer.
LIST_BOOST: float = _RULES["list_boost"]

_KEYWORDS_PARAGRAPH = re.compile(r'<p class="i43-keywords">.*?</p>', re.S)
_GLOSSARY_INTRO = re.compile(r"(?:\s*<p>.*?</p>)*", re.S)  # the paragraphs before the list of terms
_BRACKETS = re.compile(r"\([^)]*\)")
_TRAILING_NUMBER = re.compile(r"\s*[0-9]+$")


def synonyms(dataset: Dataset) -> list[list[str]]:
    """[acronym, long form] pairs from the glossary (e.g. ["SDE", "Syndicat départemental d'énergies"])."""
    return [[t.sigle, t.forme_longue] for t in dataset.terms if t.forme_longue]


def _within(part: list[str], whole: list[str]) -> bool:
    """Do the words of `part` follow each other somewhere in `whole`?"""
    return bool(part) and any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def page_names(dataset: Dataset, titles: dict[str, str]) -> dict[str, list[str]]:
    """The acronyms that name a page, by page address. An acronym leads to the page it names:
    1. a partner, by its « sigle » (with or without its number), or by a glossary acronym whose long form (without what it puts
       in brackets) is in the page's title (« SDE » -> « Syndicat départemental d'énergies de la
       Haute-Loire »);
    2. else the domains that have the acronym among their keywords (« PLU » -> Urbanisme et PLU);
    3. else its own entry in the glossary (« ARS »)."""
    names: dict[str, list[str]] = {}

    def add(location: str, name: str) -> None:
        if name not in names.setdefault(location, []):
            names[location].append(name)

    for partner in dataset.partners:
        if partner.sigle:
            add(page_url(partner_uri(partner)), partner.sigle)
            # A local body's sigle without its département number (« AMF43 », « CDG 43 »): the
            # élu who types « AMF » in Haute-Loire calls the departmental association.
            short = _TRAILING_NUMBER.sub("", partner.sigle)
            if short and short != partner.sigle:
                add(page_url(partner_uri(partner)), short)
    title_words = {location: words(title) for location, title in titles.items()}
    for term in dataset.terms:
        long_form = words(_BRACKETS.sub(" ", term.forme_longue or ""))
        named = [loc for loc, title in title_words.items() if _within(long_form, title)]
        named += [loc for loc, n in names.items() if term.sigle in n]
        if not named:
            sigle = words(term.sigle)
            named = [page_url(domain_uri(d)) for d in dataset.domains if any(words(k) == sigle for k in d.mots_cles)]
        if not named:
            named = [glossary_entry_url(term)]
        for location in named:
            add(location, term.sigle)
    return names


def glossary_entry_url(term: Term) -> str:
    return f"{page_url(GLOSSARY)}#{anchor_id(term.sigle)}"


def domain_definitions(dataset: Dataset) -> dict[str, str]:
    """By domain page: the glossary definitions of the acronyms its keywords, description or
    project types use (whole word, as written: « SPANC », « DETR »)."""
    out = {}
    for domain in dataset.domains:
        shown = " ; ".join([*domain.mots_cles, domain.description, *(t.nom for t in domain.projets_types)])
        used = [t for t in dataset.terms if re.search(rf"(?<![\w-]){re.escape(t.sigle)}(?![\w-])", shown)]
        if used:
            out[page_url(domain_uri(domain))] = " ".join(f"{t.sigle} : {t.definition}" for t in used)
    return out


def domain_projects(dataset: Dataset) -> dict[str, str]:
    """By domain page: its project types and the titles of the offers that list it, as « ; »-separated
    phrases (searched, never shown)."""
    offers: dict[str, list[str]] = {}
    for partner in dataset.partners:
        for offer in partner.offres:
            if len(offer.domaines) > SPECIFIC_OFFER_DOMAINS:
                continue
            for domain_id in offer.domaines:
                offers.setdefault(domain_id, []).append(offer.titre)
    out = {}
    for domain in dataset.domains:
        phrases = [*(t.nom for t in domain.projets_types), *offers.get(domain.id, [])]
        if phrases:
            out[page_url(domain_uri(domain))] = " ; ".join(phrases)
    return out


def commune_boost(population: int | None) -> float:
    """COMMUNE_BOOST, a little more for a larger commune: when several communes share the typed
    name (« Monistrol »), the one most people live in comes first. At most POPULATION_BONUS more
    (the Puy-en-Velay), so a domain keyword still comes before a commune named with it."""
    return round(COMMUNE_BOOST * (1 + min(population or 0, POPULATION_SCALE) / POPULATION_SCALE * POPULATION_BONUS), 4)


def commune_entries(dataset: Dataset) -> list[dict]:
    """One light search document per commune: its name, postcodes and intercommunality."""
    uris = commune_uris(dataset)
    epcis = {e.code: e.nom for e in dataset.epcis}
    out = []
    for commune in sorted(dataset.communes, key=lambda c: sort_key(c.nom)):
        details = [f"Commune de la Haute-Loire, code postal {', '.join(commune.codes_postaux)}"]
        if commune.epci in epcis:
            details.append(epcis[commune.epci])
        out.append(
            {
                "location": page_url(uris[commune.code]),
                "title": shown_text(commune.nom),  # as Material's own titles: escaped once (front_title)
                "text": "<p>" + " — ".join(_escape(d) for d in details) + ".</p>",
                "boost": commune_boost(commune.population),
            }
        )
    return out


def glossary_entries(dataset: Dataset) -> list[dict]:
    """One search entry per glossary term, at its anchor on the glossary page: the acronym and its
    long form as the entry's heading, the definition as its text."""
    out = []
    for term in dataset.terms:
        title = f"{term.sigle} — {term.forme_longue}" if term.forme_longue else term.sigle
        out.append(
            {
                "location": glossary_entry_url(term),
                "title": shown_text(title),
                "text": "<p>" + _escape(term.definition) + "</p>",
                "terme": True,  # an answer of its own: the worker judges its words apart from the others
            }
        )
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def list_pages(locations: Iterable[str]) -> set[str]:
    """Pages with other pages below them (« domaines/ » above « domaines/voirie/ »; the home page)."""
    pages = {location.split("#")[0] for location in locations}
    # The folders above each page: « domaines/voirie/ » -> « », « domaines/ ».
    above = {page[: i + 1] for page in pages for i, c in enumerate(page[:-1]) if c == "/"} | {
        "" for page in pages if page
    }
    return pages & above


def rewrite_index(index: dict, dataset: Dataset) -> dict:
    """The search index with keywords, acronyms and communes added (see the module's docstring)."""
    keywords = {page_url(domain_uri(d)): " ; ".join(d.mots_cles) for d in dataset.domains}
    definitions = domain_definitions(dataset)
    projects = domain_projects(dataset)
    domains = {d.id: page_url(domain_uri(d)) for d in dataset.domains}
    guide_domains = {page_url(guide_uri(g)): [domains[i] for i in g.domaines if i in domains] for g in dataset.guides}
    names = page_names(dataset, {d["location"]: d.get("title", "") for d in index["docs"] if "#" not in d["location"]})
    glossary = page_url(GLOSSARY)
    lists = list_pages(d["location"] for d in index["docs"])
    docs = []
    for doc in index["docs"]:
        if doc["location"].startswith("communes/") and doc["location"] != "communes/":
            continue  # commune pages are replaced by light entries below
        if doc["location"].split("#")[0] == glossary and dataset.terms:
            # The glossary is many small entries (below), not one page holding every word of every
            # definition: each term competes on its own words. The page keeps its introduction.
            if "#" in doc["location"]:
                continue
            intro = _GLOSSARY_INTRO.match(doc.get("text", ""))
            # The page that says what a word means: put forward when the élu asks « c'est quoi ».
            doc = {**doc, "text": intro.group(0) if intro else "", "glossaire": True}
        doc = dict(doc)
        doc["text"] = _KEYWORDS_PARAGRAPH.sub("", doc.get("text", ""))  # no raw keyword list in snippets
        page = doc["location"].split("#")[0]
        if page in lists:
            doc["boost"] = doc.get("boost", 1) * LIST_BOOST
        if page in keywords:
            doc["boost"] = doc.get("boost", 1) * DOMAIN_BOOST
            if doc["location"] == page and keywords[page]:
                doc["mots"] = keywords[page]
        if doc["location"] in projects:
            doc["projets"] = projects[doc["location"]]
        if doc["location"] in definitions:
            doc["definitions"] = definitions[doc["location"]]
        if doc["location"] in guide_domains:
            doc["guide"] = True  # a method page: put forward when the élu asks « comment », « par où commencer »
            if guide_domains[doc["location"]]:
                doc["domaines"] = guide_domains[doc["location"]]
        docs.append(doc)
    docs.extend(glossary_entries(dataset))
    docs.extend(commune_entries(dataset))
    for doc in docs:
        if doc["location"] in names:
            doc["noms"] = names[doc["location"]]
    config = dict(index["config"])
    config["fields"] = FIELDS
    config["synonymes"] = synonyms(dataset)
    return {**index, "config": config, "docs": docs}


def rewrite_index_file(site_dir: Path, dataset: Dataset) -> None:
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(
        json.dumps(rewrite_index(index, dataset), ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
