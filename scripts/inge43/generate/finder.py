"""The finder « Quel interlocuteur pour mon projet ? »: its page, and the JSON its script reads.

The page (`trouver/index.md`) holds a form that `docs/assets/finder.js` brings to life, and, for
browsers without JavaScript, plain links to the domain and commune pages that give the same
answer. The JSON (`trouver/finder.json`) is built here from the dataset, once per build:

- which offers apply to which commune is decided by `eligibility.offer_applies` (never re-implemented
  in JavaScript): communes that get the same offers share one "profile", stored as run lengths;
- commune records are arrays, not objects (`champsCommunes` names their columns), so 257 — or
  4,000 — communes stay small;
- every text is plain text: the script puts it in the page with `textContent`, never as HTML.

Addresses in the JSON are relative to the site root (e.g. `partenaires/cdg-43/`).
This module knows nothing of MkDocs; the hook adds the page and the JSON to the build.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from ..read.dataset import Dataset, once_per_dataset
from ..read.model import Category, Contact, Domain, Offer, Partner, Phase
from ..read.text import fold, slugify, sort_key
from . import eligibility, intercommunalities, ranking
from .common_words import COMMON_WORDS_CREDIT, common_words
from .exports import territory_text
from .provenance import provenance_lines
from .templating import tel_href
from .urls import commune_uris, domain_uri, guide_uri, page_url, partner_uri, relative_url

FINDER_URI = "trouver/index.md"
FINDER_JSON = "trouver/finder.json"
FINANCING_DOMAIN = ranking.FINANCING_DOMAIN
AIDES_TERRITOIRES_SEARCH = "https://aides-territoires.beta.gouv.fr/aides/"

# Columns of a commune record in the JSON (kept in the file so the format explains itself).
# `page`: the commune page's name when it is not the slug of `nom` (homonyms), else "".
# `profil`: index in `profils`; `pnr`: park index * 2, + 1 when membership is to be confirmed.
COMMUNE_FIELDS = ["nom", "page", "codes_postaux", "population", "epci", "arrondissement", "profil", "pnr"]


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def finder_link(
    from_uri: str,
    project: str | None = None,
    commune: str | None = None,
    phase: str | None = None,
    project_type: str | None = None,
) -> str:
    """Relative link from a page to the finder, with the answer's choices in the query string."""
    pairs = (("projet", project), ("type", project_type), ("commune", commune), ("phase", phase))
    query = {k: v for k, v in pairs if v}
    return relative_url(from_uri, FINDER_URI) + (f"?{urlencode(query)}" if query else "")


def aides_territoires_url(domain: Domain) -> str:
    """Aides-territoires' search for the domain's theme.

    Aides-territoires has no stable per-theme address (its category identifiers are database
    rows), so the link uses the documented text query: `/aides/?keyword=…` (field
    `QUERYSTRING_KEY_KEYWORD = 'keyword'` of its AidSearchFormService). The keyword is the
    domain's first keyword — what élus type — or its name.
    """
    keyword = domain.mots_cles[0] if domain.mots_cles else domain.nom
    return f"{AIDES_TERRITOIRES_SEARCH}?{urlencode({'keyword': keyword})}"


def commune_slug(commune_uri: str) -> str:
    """`communes/allegre.md` -> `allegre`: the commune's name in the finder's address."""
    return commune_uri.removeprefix("communes/").removesuffix(".md")


# ---------------------------------------------------------------------------
# The fallback: who to call when nothing matches
# ---------------------------------------------------------------------------


def fallback_contact(dataset: Dataset) -> dict:
    """Ingé 43 and a phone to call, for answers that found nothing (finder and site search).

    Ingé 43's own phone when the data has one; otherwise the Département's switchboard (Ingé 43
    is a service of the Département), said as such. `tel` is None when neither is known.
    """
    entry = next((p for p in dataset.partners if p.guichet_unique), None)
    name = entry.display_name if entry else "Ingé 43"
    page = page_url(partner_uri(entry)) if entry else None
    department = next(
        (
            p
            for p in dataset.partners
            if p.categorie is Category.DEPARTEMENT and not p.guichet_unique and p.contact.telephone
        ),
        None,
    )
    switchboard = department.contact.telephone if department else None
    phone = (entry.contact.telephone if entry else None) or switchboard
    via = None
    if phone and phone == switchboard:
        # The Département's switchboard, said as such with the year it was read (an old number is shown as old).
        owner = entry if entry and entry.contact.telephone == phone else department
        read = owner.contact.provenance_of("telephone") if owner else None
        via = "standard du Département" + (f", numéro relevé en {read.annee}" if read and read.annee else "")
    return {
        "nom": name,
        "page": page,
        "tel": phone,
        "telHref": tel_href(phone) if phone else None,
        "via": via,
        "courriel": entry.contact.courriel if entry else None,
    }


# ---------------------------------------------------------------------------
# Texts shown in the answer
# ---------------------------------------------------------------------------


def eligibility_text(offer: Offer) -> str | None:
    """Plain-text twin of the `eligibility` macro of _parts.j2 (None: no condition published)."""
    rules = offer.eligibilite
    if rules is None:
        return None
    text = ", ".join(b.label for b in rules.beneficiaires)
    if rules.population_min and rules.population_max:
        text += f" — de {rules.population_min:,} à {rules.population_max:,} habitants".replace(",", "\u202f")
    elif rules.population_min:
        text += f" — à partir de {rules.population_min:,} habitants".replace(",", "\u202f")
    elif rules.population_max:
        text += f" — jusqu'à {rules.population_max:,} habitants".replace(",", "\u202f")
    if rules.precision:
        text += (". " if text else "") + rules.precision
    return text.strip(" —") or None


# ---------------------------------------------------------------------------
# The JSON
# ---------------------------------------------------------------------------


def _compact(record: dict) -> dict:
    """Drop empty values: the script treats a missing key as « unknown »."""
    return {k: v for k, v in record.items() if v is not None and v is not False and v != "" and v != []}


def _profiles(
    dataset: Dataset, offers: list[tuple[Partner, Offer]], reasons: list[str] | None = None
) -> tuple[list[list[int]], dict[str, int]]:
    """Offer indexes that apply to each commune, as shared profiles (commune code -> profile index).

    `reasons`, when given, receives per profile one letter per offer: why it does not apply
    (EXCLUSION_LETTERS), « . » when it applies.

    `eligibility.offer_applies` decides. It depends on the commune's code only when a territory names
    the commune, on its EPCI, arrondissement and confirmed parks, and on where its population
    falls among the offers' population limits, maximum and minimum: communes alike on all of these
    are asked once.
    """
    named = {c for p in dataset.partners for c in p.territoire.communes}
    named |= {
        c for _, o in offers if o.eligibilite and o.eligibilite.territoire for c in o.eligibilite.territoire.communes
    }
    rules = [o.eligibilite for _, o in offers if o.eligibilite]
    maxima = sorted({r.population_max for r in rules if r.population_max})
    minima = sorted({r.population_min for r in rules if r.population_min})
    by_key: dict[tuple, int] = {}
    profiles: list[list[int]] = []
    profile_index: dict[tuple, int] = {}
    out: dict[str, int] = {}
    if reasons is None:
        reasons = []
    reasons.clear()
    for commune in dataset.communes:
        pop = commune.population
        bucket = None if pop is None else (sum(pop > m for m in maxima), sum(pop < m for m in minima))
        parks = tuple(sorted(p.id for p in dataset.parks if commune.code in p.communes))
        key = (commune.code if commune.code in named else None, commune.epci, commune.arrondissement, parks, bucket)
        if key not in by_key:
            why = [eligibility.exclusion(dataset, partner, offer, commune) for partner, offer in offers]
            applies = tuple(i for i, reason in enumerate(why) if reason is None)
            by_key[key] = profile_index.setdefault(applies, len(profile_index))
            if by_key[key] == len(profiles):
                profiles.append(list(applies))
                reasons.append("".join(EXCLUSION_LETTERS[r] for r in why))
        out[commune.code] = by_key[key]
    return profiles, out


def _runs(indexes: list[int], total: int) -> list[int]:
    """Offer indexes as run lengths over all offers, starting with a run of offers that do not apply.

    `[0, 3, 2, 1]` over 6 offers: offers 0-2 apply, 3-4 do not, 5 applies. Offers of one partner
    are consecutive and mostly share its territory, so runs are few even with 400 partners.
    """
    chosen = set(indexes)
    runs, current, length = [], False, 0
    for i in range(total):
        if (i in chosen) == current:
            length += 1
        else:
            runs.append(length)
            current, length = not current, 1
    runs.append(length)
    return runs


# Why an offer does not apply to a commune, one letter per offer and profile (`motifs` in the JSON).
EXCLUSION_LETTERS = {
    None: ".",
    eligibility.EXCLUDED_BY_PARTNER: "P",
    eligibility.EXCLUDED_BY_POPULATION: "H",
    eligibility.EXCLUDED_BY_SMALL_POPULATION: "B",
    eligibility.EXCLUDED_BY_TERRITORY: "T",
}

# Keys of a ranking in the JSON (see `ranking.Ranking`), and the phase key for « toutes les étapes ».
RANKING_KEYS = {"best": "m", "others": "a", "funding": "f", "inform": "i", "elsewhere": "x", "entry": "g"}
ALL_PHASES = ""


def rankings(dataset: Dataset, domain: Domain, offer_index: dict[tuple[str, str], int]) -> dict[str, dict]:
    """Project type id ("" for the domain as a whole) -> phase ("" for all) -> the ranked offer indexes.

    A phase whose ranking is the one of all phases is left out (the script then reads "").
    """
    out: dict[str, dict] = {}
    for project in [None, *domain.projets_types]:
        per_phase: dict[str, dict] = {}
        for phase in [None, *Phase]:
            r = ranking.rank(dataset, domain, project.id if project else None, phase)
            record: dict[str, list[int] | int] = {
                key: [offer_index[(p.id, o.id)] for p, o in refs]
                for name, key in RANKING_KEYS.items()
                if (refs := r.groups()[name])
            }
            if r.entry_serves:
                record["s"] = 1
            if r.best_for_domain:
                record["d"] = 1
            if phase is None or record != per_phase[ALL_PHASES]:  # a phase that changes nothing is left out
                per_phase[phase.value if phase else ALL_PHASES] = record
        out[project.id if project else ""] = per_phase
    return out


def finder_data(dataset: Dataset) -> dict:
    partners = eligibility.sort_partners(dataset.partners)
    domains = sorted(dataset.domains, key=lambda d: sort_key(d.nom))
    domain_index = {d.id: i for i, d in enumerate(domains)}
    partner_index = {p.id: i for i, p in enumerate(partners)}
    guides = sorted(dataset.guides, key=lambda g: sort_key(g.titre))
    offers = [(p, o) for p in partners for o in p.offres]
    offer_index = {(p.id, o.id): i for i, (p, o) in enumerate(offers)}
    epcis = sorted(dataset.epcis, key=lambda e: sort_key(e.nom))
    epci_index = {e.code: i for i, e in enumerate(epcis)}
    arrondissements = sorted(dataset.arrondissements, key=lambda a: a.code)
    arr_index = {a.code: i for i, a in enumerate(arrondissements)}
    parks = list(dataset.parks)
    park_index = {p.id: i for i, p in enumerate(parks)}
    uris = commune_uris(dataset)
    reasons: list[str] = []
    profiles, profile_of = _profiles(dataset, offers, reasons)

    def keywords(domain: Domain) -> list[str]:
        seen: dict[str, str] = {}
        for word in [domain.nom, *domain.mots_cles]:
            seen.setdefault(fold(word), word)
        return list(seen.values())

    def project_types(domain: Domain) -> list[dict]:
        return [_compact({"id": t.id, "nom": t.nom, "mots": list(t.mots)}) for t in domain.projets_types]

    def contact(c: Contact) -> dict:
        return {
            "tel": c.telephone,
            "telHref": tel_href(c.telephone) if c.telephone else None,
            "courriel": c.courriel,
            "site": c.site_web,
            "formulaire": c.formulaire,
            "adresse": c.adresse,
            "precision": " ".join(c.precision.split()) if c.precision else None,
            # « Coordonnées relevées en 2019 sur » + source (name, address) + « à confirmer »
            "provenance": [
                _compact({"texte": line.lead, "nom": line.source_name, "url": line.url, "confirmer": line.to_confirm})
                for line in provenance_lines(c)
            ],
        }

    inter_views = intercommunalities.views(dataset)

    communes = []
    for commune in sorted(dataset.communes, key=lambda c: sort_key(c.nom)):
        memberships = eligibility.parks_of(dataset, commune)
        communes.append(
            [
                commune.nom,
                "" if commune_slug(uris[commune.code]) == slugify(commune.nom) else commune_slug(uris[commune.code]),
                " ".join(commune.codes_postaux),
                commune.population,
                epci_index.get(commune.epci or "", -1),
                arr_index.get(commune.arrondissement or "", -1),
                profile_of[commune.code],
                [park_index[m.park.id] * 2 + (0 if m.confirmed else 1) for m in memberships],
            ]
        )

    return {
        "version": 2,
        "phases": [{"id": p.value, "nom": p.label} for p in Phase],
        "financement": FINANCING_DOMAIN,
        "clesRangs": RANKING_KEYS,
        "domaines": [
            _compact(
                {
                    "id": d.id,
                    "nom": d.nom,
                    "page": page_url(domain_uri(d)),
                    "mots": keywords(d),
                    "projets": project_types(d),
                    "rangs": rankings(dataset, d, offer_index),
                    "sansOffre": {p.value: reason for p, reason in d.sans_offre_connue.items()},
                    "guides": [i for i, g in enumerate(guides) if d.id in g.domaines],
                    "aides": aides_territoires_url(d),
                }
            )
            for d in domains
        ],
        "partenaires": [
            _compact(
                {
                    "id": p.id,
                    "nom": p.nom,
                    "sigle": p.sigle,
                    "page": page_url(partner_uri(p)),
                    "guichet": p.guichet_unique,
                    "charte": p.signataire_charte,
                    "partout": p.territoire.departement,
                    "territoire": territory_text(dataset, p.territoire),
                    **contact(p.contact),
                }
            )
            for p in partners
        ],
        "offres": [
            _compact(
                {
                    "p": partner_index[p.id],
                    "titre": o.titre,
                    "pourquoi": ranking.why_sentence(o),
                    "domaines": [domain_index[d] for d in o.domaines if d in domain_index],
                    "phases": [ph.value for ph in o.phases],
                    "nature": o.nature.label,
                    "financement": o.nature.funds,
                    "cout": o.cout.label if o.cout else None,
                    "coutPrecision": o.cout_precision,
                    "montant": o.montant.texte if o.montant else None,
                    "montantAnnee": o.montant.annee if o.montant else None,
                    "pour": eligibility_text(o),
                    "popMax": o.eligibilite.population_max if o.eligibilite else None,
                    "popMin": o.eligibilite.population_min if o.eligibilite else None,
                    "territoire": territory_text(dataset, o.eligibilite.territoire)
                    if o.eligibilite and o.eligibilite.territoire
                    else None,
                    "preparer": list(o.a_preparer),
                    "delai": o.delai,
                    "page": page_url(partner_uri(p)) + f"#offre-{o.id}",
                }
            )
            for p, o in offers
        ],
        "guides": [{"titre": g.titre, "page": page_url(guide_uri(g))} for g in guides],
        "repli": _compact(fallback_contact(dataset)),
        "epci": [e.nom for e in epcis],
        # Same order as "epci": each intercommunality's page, contact and competences (the law's for its
        # category, then its own sourced ones), each with « partage » when the commune may hold it instead.
        "intercommunalites": [
            _compact(
                {
                    "nom": inter_views[e.code].name,
                    "page": page_url(inter_views[e.code].uri),
                    **contact(inter_views[e.code].contact),
                    "competences": [
                        _compact(
                            {
                                "intitule": k.intitule,
                                "domaines": [domain_index[d] for d in k.domaines if d in domain_index],
                                "source": k.source,
                                "nomSource": k.nom_source,
                                "annee": k.annee,
                                "partage": k.partage,
                                "projets": list(k.projets_types),
                                "loi": k.by_law,
                            }
                        )
                        for k in inter_views[e.code].competences
                        if any(d in domain_index for d in k.domaines)
                    ],
                }
            )
            for e in epcis
        ],
        "arrondissements": [a.nom for a in arrondissements],
        "pnr": [p.nom for p in parks],
        "profils": [_runs(profile, len(offers)) for profile in profiles],
        "motifs": reasons,
        "lettresMotifs": {letter: code for code, letter in EXCLUSION_LETTERS.items() if code},
        "motsCourants": common_words(),
        "motsCourantsSource": COMMON_WORDS_CREDIT,
        "champsCommunes": COMMUNE_FIELDS,
        "communes": communes,
    }


def finder_json(dataset: Dataset) -> str:
    return json.dumps(finder_data(dataset), ensure_ascii=False, separators=(",", ":"))


def finder_files(dataset: Dataset) -> dict[str, str]:
    """Path in the site -> content of the finder's generated files."""
    return {FINDER_JSON: finder_json(dataset)}


@once_per_dataset
def applicable_offers(dataset: Dataset) -> dict[str, frozenset[tuple[str, str]]]:
    """Commune code -> (partner id, offer id) of the offers that apply to it (computed once per
    dataset; communes of one profile share one set)."""
    offers = [(p, o) for p in dataset.partners for o in p.offres]
    profiles, profile_of = _profiles(dataset, offers)
    keys = [frozenset((offers[i][0].id, offers[i][1].id) for i in profile) for profile in profiles]
    return {code: keys[index] for code, index in profile_of.items()}
