"""Open data generated at build: CSV and JSON files, vCards, schema.org JSON-LD.

Every file is built from the same model as the pages. Column order is fixed here, so a
reuser's script keeps working when records are added.
"""

from __future__ import annotations

import csv
import io
import json
import re

import phonenumbers
import vobject

from ..read.dataset import Dataset
from ..read.model import CSV_FORMULA_START, Partner, Territory
from ..read.text import sort_key
from . import eligibility, intercommunalities
from .provenance import provenance_text
from .urls import commune_uris, page_url, partner_uri

OPEN_DATA_DIR = "donnees"
LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

# Column -> meaning, in the order of the file.
PARTNER_FIELDS = {
    "id": "identifiant stable du partenaire (utilisé dans les adresses des pages)",
    "nom": "nom complet",
    "sigle": "sigle usuel, s'il existe",
    "categorie": "catégorie : departement, etat, region, etablissement-public, syndicat-mixte, syndicat, spl, association, groupement",
    "signataire_charte": "true si le partenaire a signé la charte Ingé 43",
    "guichet_unique": "true pour Ingé 43, le premier contact des communes",
    "adresse": "adresse postale (vide si non connue)",
    "telephone": "téléphone (vide si non connu)",
    "courriel": "adresse électronique (vide si non connue)",
    "site_web": "site web",
    "formulaire": "formulaire de contact en ligne",
    "source_contact": "d'où viennent les coordonnées, et leur année : « à confirmer » quand la source a plus de 3 ans ou n'est pas datée",
    "territoire": "territoire couvert, en clair",
    "nombre_offres": "nombre d'offres décrites",
    "verifie_le": "date de la dernière vérification de la fiche (AAAA-MM-JJ)",
    "sources": "adresses des pages publiques d'où viennent les informations",
    "page": "adresse de la page du partenaire sur ce site, relative à la racine",
}
OFFER_FIELDS = {
    "partenaire_id": "identifiant du partenaire qui propose l'offre",
    "partenaire_nom": "nom du partenaire",
    "offre_id": "identifiant de l'offre, unique pour un partenaire",
    "titre": "intitulé de l'offre",
    "domaines": "domaines de projet concernés (identifiants de domaines.json)",
    "phases": "phases du projet : conception, realisation, evaluation",
    "nature": "nature : conseil, assistance-maitrise-ouvrage, maitrise-oeuvre, maitrise-ouvrage-deleguee, etude, financement, pret, formation, mise-a-disposition, information, instruction",
    "cout": "coût pour la commune : gratuit, adhesion, payant, sur-devis (vide si non connu)",
    "montant": "offres de financement : ce que l'aide paie (taux, montant ou plafond), ou à qui le demander si aucun chiffre n'est publié",
    "montant_annee": "année de la source du montant",
    "montant_source": "adresse de la page où le montant a été lu",
    "beneficiaires": "qui peut en bénéficier : commune, epci, syndicat, etablissement-public, association",
    "population_min": "population minimale de la commune, si une limite existe",
    "population_max": "population maximale de la commune, si une limite existe",
    "eligibilite_precision": "autres conditions, en clair",
    "delai": "délai indicatif, si une source le donne",
    "a_preparer": "ce que la commune prépare avant de prendre contact",
    "sources": "adresses des pages publiques d'où viennent les informations",
    "page": "adresse de l'offre sur ce site, relative à la racine",
}
PARTNER_COLUMNS = list(PARTNER_FIELDS)
OFFER_COLUMNS = list(OFFER_FIELDS)
LIST_SEPARATOR = " | "


def territory_text(dataset: Dataset, t: Territory) -> str:
    """The places a territory names, in words: « département de la Haute-Loire ; CC … »."""
    parts = ["département de la Haute-Loire"] if t.departement else []
    parts += [
        f"arrondissement de {dataset.arrondissement_by_code[c].nom}"
        for c in t.arrondissements
        if c in dataset.arrondissement_by_code
    ]
    parts += [dataset.epci_by_code[c].nom for c in t.epci if c in dataset.epci_by_code]
    parts += [dataset.park_by_id[p].nom for p in t.pnr if p in dataset.park_by_id]
    parts += [dataset.commune_by_code[c].nom for c in t.communes if c in dataset.commune_by_code]
    return " ; ".join(parts)


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def _cell(value: object) -> str:
    """A CSV cell: lists joined with " | ", unknown values empty.

    A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) starts with
    an apostrophe, which the spreadsheet hides (OWASP « CSV injection »).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, (int, float)):
        return str(value)
    else:
        text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_START) else text


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def partner_rows(dataset: Dataset) -> list[dict]:
    return [
        {
            "id": p.id,
            "nom": p.nom,
            "sigle": p.sigle,
            "categorie": p.categorie.value,
            "signataire_charte": p.signataire_charte,
            "guichet_unique": p.guichet_unique,
            "adresse": p.contact.adresse,
            "telephone": p.contact.telephone,
            "courriel": p.contact.courriel,
            "site_web": p.contact.site_web,
            "formulaire": p.contact.formulaire,
            "source_contact": provenance_text(p.contact) or None,
            "territoire": territory_text(dataset, p.territoire),
            "nombre_offres": len(p.offres),
            "verifie_le": p.verifie_le.isoformat(),
            "sources": list(p.sources),
            "page": page_url(partner_uri(p)),
        }
        for p in eligibility.sort_partners(dataset.partners)
    ]


def offer_rows(dataset: Dataset) -> list[dict]:
    rows = []
    for p in eligibility.sort_partners(dataset.partners):
        for o in p.offres:
            e = o.eligibilite
            rows.append(
                {
                    "partenaire_id": p.id,
                    "partenaire_nom": p.nom,
                    "offre_id": o.id,
                    "titre": o.titre,
                    "domaines": list(o.domaines),
                    "phases": [ph.value for ph in o.phases],
                    "nature": o.nature.value,
                    "cout": o.cout.value if o.cout else None,
                    "montant": o.montant.texte if o.montant else None,
                    "montant_annee": o.montant.annee if o.montant else None,
                    "montant_source": o.montant.source if o.montant else None,
                    "beneficiaires": [b.value for b in e.beneficiaires] if e else [],
                    "population_min": e.population_min if e else None,
                    "population_max": e.population_max if e else None,
                    "eligibilite_precision": e.precision if e else None,
                    "delai": o.delai,
                    "a_preparer": list(o.a_preparer),
                    "sources": list(o.sources or p.sources),
                    "page": page_url(partner_uri(p)) + f"#offre-{o.id}",
                }
            )
    return rows


def communes_json(dataset: Dataset) -> list[dict]:
    uris = commune_uris(dataset)
    out = []
    for c in dataset.communes:
        epci = dataset.epci_by_code.get(c.epci or "")
        arr = dataset.arrondissement_by_code.get(c.arrondissement or "")
        out.append(
            {
                "code": c.code,
                "nom": c.nom,
                "codes_postaux": c.codes_postaux,
                "population": c.population,
                "epci": {"code": epci.code, "nom": epci.nom} if epci else None,
                "arrondissement": {"code": arr.code, "nom": arr.nom} if arr else None,
                "pnr": [
                    {"id": m.park.id, "nom": m.park.nom, "confirme": m.confirmed}
                    for m in eligibility.parks_of(dataset, c)
                ],
                # Partners of a part of the département (park, intercommunality…) that cover this
                # commune, by id (their contacts are in partenaires.json). Partners covering the whole
                # département are not repeated under each commune: partenaires.json gives their territory.
                "partenaires_du_territoire": [p.id for p in eligibility.local_partners(dataset, c)],
                "page": page_url(uris[c.code]),
            }
        )
    return out


# ---------------------------------------------------------------------------
# vCard and JSON-LD
# ---------------------------------------------------------------------------

_POSTCODE_CITY = re.compile(r"^(?P<code>\d{5})\s+(?P<city>.+)$")


def _split_address(text: str) -> vobject.vcard.Address:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if parts and (match := _POSTCODE_CITY.match(parts[-1])):
        return vobject.vcard.Address(
            street=", ".join(parts[:-1]), code=match["code"], city=match["city"], country="France"
        )
    return vobject.vcard.Address(street=text, country="France")


def _e164(number: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(number, "FR"), phonenumbers.PhoneNumberFormat.E164)


def vcard(partner: Partner) -> str:
    card = vobject.vCard()
    card.add("fn").value = partner.nom
    card.add("org").value = [partner.nom]
    if partner.sigle:
        card.add("nickname").value = partner.sigle
    c = partner.contact
    if c.telephone:
        tel = card.add("tel")
        tel.value = _e164(c.telephone)
        tel.type_param = "WORK"
    if c.courriel:
        email = card.add("email")
        email.value = c.courriel
        email.type_param = "INTERNET"
    if c.adresse:
        card.add("adr").value = _split_address(c.adresse)
    if c.site_web:
        card.add("url").value = c.site_web
    note = f"Partenaire Ingé 43 (Haute-Loire). Fiche vérifiée le {partner.verifie_le.isoformat()}."
    if c.precision:
        note += " " + " ".join(c.precision.split())
    if provenance := provenance_text(c):
        note += " " + provenance
    card.add("note").value = note
    return str(card.serialize())


def json_ld(partner: Partner) -> dict:
    """schema.org description of a partner, embedded in its page."""
    c = partner.contact
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": partner.nom,
        "description": " ".join(partner.description.split()),
        "areaServed": "Haute-Loire",
    }
    if partner.sigle:
        data["alternateName"] = partner.sigle
    if c.site_web:
        data["url"] = c.site_web
    if c.telephone:
        data["telephone"] = _e164(c.telephone)
    if c.courriel:
        data["email"] = c.courriel
    if c.adresse:
        address = _split_address(c.adresse)
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": address.street,
            **({"postalCode": address.code} if address.code else {}),
            **({"addressLocality": address.city} if address.city else {}),
            "addressCountry": "FR",
        }
    return data


INTERCO_FIELDS = {
    "code": "code SIREN de l'intercommunalité (celui du Code officiel géographique)",
    "nom": "nom",
    "nombre_communes": "nombre de communes membres",
    "adresse": "adresse postale (vide si non connue)",
    "telephone": "téléphone (vide si non connu)",
    "courriel": "adresse électronique (vide si non connue)",
    "site_web": "site web",
    "source_contact": "d'où viennent les coordonnées, et leur année : « à confirmer » quand la source a plus de 3 ans ou n'est pas datée",
    "competences": "compétences que la loi donne à sa catégorie ou qu'une source affirme, avec leur source et son année entre parenthèses",
    "page": "adresse de la page de l'intercommunalité sur ce site, relative à la racine",
}
INTERCO_COLUMNS = list(INTERCO_FIELDS)


def interco_rows(dataset: Dataset) -> list[dict]:
    rows = []
    for view in sorted(intercommunalities.views(dataset).values(), key=lambda v: sort_key(v.epci.nom)):
        c = view.contact
        rows.append(
            {
                "code": view.epci.code,
                "nom": view.name,
                "nombre_communes": len(view.members),
                "adresse": c.adresse,
                "telephone": c.telephone,
                "courriel": c.courriel,
                "site_web": c.site_web,
                "source_contact": provenance_text(c) or None,
                "competences": [
                    f"{k.intitule} ({k.nom_source or k.source}{f', {k.annee}' if k.annee else ''} : {k.source})"
                    for k in view.competences
                ],
                "page": page_url(view.uri),
            }
        )
    return rows


def open_data_files(dataset: Dataset) -> dict[str, str]:
    """Path in the site -> file content, for every open data file."""
    files = {
        f"{OPEN_DATA_DIR}/partenaires.csv": _csv(PARTNER_COLUMNS, partner_rows(dataset)),
        f"{OPEN_DATA_DIR}/partenaires.json": _json(
            [p.model_dump(mode="json") for p in eligibility.sort_partners(dataset.partners)]
        ),
        f"{OPEN_DATA_DIR}/offres.csv": _csv(OFFER_COLUMNS, offer_rows(dataset)),
        f"{OPEN_DATA_DIR}/offres.json": _json(offer_rows(dataset)),
        f"{OPEN_DATA_DIR}/intercommunalites.csv": _csv(INTERCO_COLUMNS, interco_rows(dataset)),
        f"{OPEN_DATA_DIR}/domaines.json": _json([d.model_dump(mode="json") for d in dataset.domains]),
        f"{OPEN_DATA_DIR}/communes.json": json.dumps(communes_json(dataset), ensure_ascii=False, separators=(",", ":"))
        + "\n",
    }
    for partner in dataset.partners:
        files[f"{OPEN_DATA_DIR}/vcard/{partner.id}.vcf"] = vcard(partner)
    return files
