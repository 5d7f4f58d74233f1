"""Rules that look across records: ids, references, formats, freshness.

One small function per rule, each registered with a name and a French description
(see `RULES`). A rule that crashes becomes a reported error, never a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from ..read.contours import CONTOURS_FILE
from ..read.dataset import Dataset, load_dataset
from ..read.problems import Collector, Problem, Severity, format_path, quote
from ..read.model import (
    CONTACT_FIELDS,
    CSV_FORMULA_START,
    MULTILINE_FIELDS,
    RESERVED_IDS,
    Contact,
    ContactField,
    Record,
    Territory,
)
from ..read.text import slugify, suggest

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    run: Callable[[Context], None]


RULES: list[Rule] = []


def rule(name: str, description: str):
    def register(function: Callable[[Context], None]):
        RULES.append(Rule(name, description, function))
        return function

    return register


class Context:
    """What a rule sees: the dataset, today's date, and a way to report at a record's position."""

    def __init__(self, dataset: Dataset, collector: Collector, today: dt.date):
        self.dataset = dataset
        self.collector = collector
        self.today = today
        self.current_rule = ""

    def report(
        self,
        record: Record,
        subpath: tuple,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        expected: str | None = None,
        found: str | None = None,
        tip: str | None = None,
    ) -> None:
        file, base = record._origin or ("?", ())
        path = base + tuple(subpath)
        doc = self.dataset.documents.get(file)
        line, column = doc.position(path) if doc else (1, 1)
        self.collector.add(
            Problem(severity, self.current_rule, file, line, column, format_path(path), message, expected, found, tip)
        )

    def warn(self, record: Record, subpath: tuple, message: str, **kwargs) -> None:
        self.report(record, subpath, message, severity=Severity.WARNING, **kwargs)


# ---------------------------------------------------------------------------
# Helpers shared by rules
# ---------------------------------------------------------------------------


def _reference(ctx: Context, record: Record, subpath: tuple, value: str, known: Iterable[str], what: str, where: str):
    known = list(known)
    if value in known or value in ctx.dataset.rejected_ids:  # a rejected record has its own error already
        return
    if any(where.endswith(name) for name in ctx.dataset.unreadable):
        return  # the file that defines these ids has its own errors: don't bury them under consequences
    shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
    ctx.report(
        record,
        subpath,
        f"{what} « {value} » n'existe pas dans {where}.",
        expected=f"un identifiant existant ({shown})" if known else "un identifiant existant",
        found=quote(value),
        tip=suggest(value, known) or f"Vérifiez l'identifiant dans {where}, ou ajoutez-y l'élément d'abord.",
    )


def _territory_refs(ctx: Context, territory: Territory) -> None:
    ds = ctx.dataset
    for i, code in enumerate(territory.communes):
        _reference(ctx, territory, ("communes", i), code, ds.commune_by_code, "La commune", "data/communes.yml")
    for i, code in enumerate(territory.epci):
        _reference(ctx, territory, ("epci", i), code, ds.epci_by_code, "L'EPCI", "data/communes.yml")
    for i, code in enumerate(territory.arrondissements):
        _reference(ctx, territory, ("arrondissements", i), code, ds.arrondissement_by_code, "L'arrondissement", "data/communes.yml")
    for i, park in enumerate(territory.pnr):
        _reference(ctx, territory, ("pnr", i), park, ds.park_by_id, "Le parc", "data/territories.yml")


def _duplicates(ctx: Context, records: Iterable[tuple[Record, tuple, str]], what: str) -> None:
    seen: dict[str, tuple[Record, tuple]] = {}
    for record, subpath, value in records:
        if value in seen:
            first, first_path = seen[value]
            file, base = first._origin or ("?", ())
            doc = ctx.dataset.documents.get(file)
            line = doc.position(base + first_path)[0] if doc else "?"
            ctx.report(
                record,
                subpath,
                f"{what} « {value} » est déjà utilisé (ligne {line}).",
                expected="un identifiant unique",
                found=quote(value),
                tip="Choisissez un autre identifiant, ou fusionnez les deux fiches.",
            )
        else:
            seen[value] = (record, subpath)


def contacts(dataset: Dataset) -> Iterator[tuple[Record, Contact]]:
    """Every contact block: partners' and intercommunalities' (record that owns it, contact)."""
    for partner in dataset.partners:
        yield partner, partner.contact
    for interco in dataset.intercommunalities:
        yield interco, interco.contact


def _owner_name(record) -> str:
    return getattr(record, "id", None) or getattr(record, "code", "?")


def _urls(ctx: Context) -> Iterator[tuple[Record, tuple, str, bool]]:
    """Every URL in the data: (record, path, url, must_be_https)."""
    ds = ctx.dataset
    for _, contact in contacts(ds):
        for key in ("site_web", "formulaire"):
            if getattr(contact, key):
                yield contact, (key,), getattr(contact, key), True
        for i, entry in enumerate(contact.provenance):
            yield entry, ("source",), entry.source, False
    for interco in ds.intercommunalities:
        for i, url in enumerate(interco.sources):
            yield interco, ("sources", i), url, False
        for competence in interco.competences:
            yield competence, ("source",), competence.source, False
    for partner in ds.partners:
        for i, url in enumerate(partner.sources):
            yield partner, ("sources", i), url, False
        for offer in partner.offres:
            for i, url in enumerate(offer.sources):
                yield offer, ("sources", i), url, False
    for term in ds.terms:
        if term.lien:
            yield term, ("lien",), term.lien, True
        for i, url in enumerate(term.sources):
            yield term, ("sources", i), url, False
    for park in ds.parks:
        for i, url in enumerate(park.sources):
            yield park, ("sources", i), url, False
    if ds.charter:
        for i, url in enumerate(ds.charter.sources):
            yield ds.charter, ("sources", i), url, False
    for guide in ds.guides:
        for i, url in enumerate(guide.sources):
            yield guide, ("sources", i), url, False
        for step in guide.etapes:
            for i, url in enumerate(step.sources):
                yield step, ("sources", i), url, False
    if ds.communes_source:
        yield ds.communes_source, ("url",), ds.communes_source.url, True


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


@rule("identifiant-unique", "Chaque partenaire, offre, domaine, commune, EPCI, parc, guide et sigle n'apparaît qu'une fois.")
def unique_ids(ctx: Context) -> None:
    ds = ctx.dataset
    _duplicates(ctx, ((p, ("id",), p.id) for p in ds.partners), "L'identifiant de partenaire")
    for partner in ds.partners:
        _duplicates(ctx, ((o, ("id",), o.id) for o in partner.offres), "L'identifiant d'offre")
    _duplicates(ctx, ((d, ("id",), d.id) for d in ds.domains), "L'identifiant de domaine")
    _duplicates(ctx, ((c, ("code",), c.code) for c in ds.communes), "Le code INSEE")
    _duplicates(ctx, ((e, ("code",), e.code) for e in ds.epcis), "Le code d'EPCI")
    _duplicates(ctx, ((e, ("code",), e.code) for e in ds.intercommunalities), "Le code d'intercommunalité")
    _duplicates(ctx, ((p, ("id",), p.id) for p in ds.parks), "L'identifiant de parc")
    _duplicates(ctx, ((g, ("id",), g.id) for g in ds.guides), "L'identifiant de guide")
    _duplicates(ctx, ((t, ("sigle",), t.sigle) for t in ds.terms), "Le sigle")


@rule("guide-nom-fichier", "L'identifiant d'un guide est le nom de son fichier.")
def guide_file_name(ctx: Context) -> None:
    for guide in ctx.dataset.guides:
        stem = Path(guide._origin[0]).stem if guide._origin else guide.id
        if guide.id != stem:
            ctx.report(
                guide,
                ("id",),
                f"L'identifiant « {guide.id} » ne correspond pas au nom du fichier « {stem}.yml ».",
                expected=f"id: {stem}",
                found=quote(guide.id),
                tip="Renommez le fichier ou corrigez l'identifiant : l'adresse de la page en dépend.",
            )


@rule("reference-domaine", "Les domaines cités par une offre ou un guide existent dans data/domains.yml.")
def domain_refs(ctx: Context) -> None:
    ds = ctx.dataset
    for partner in ds.partners:
        for offer in partner.offres:
            for i, domain in enumerate(offer.domaines):
                _reference(ctx, offer, ("domaines", i), domain, ds.domain_by_id, "Le domaine", "data/domains.yml")
    for interco in ds.intercommunalities:
        for competence in interco.competences:
            for i, domain in enumerate(competence.domaines):
                _reference(ctx, competence, ("domaines", i), domain, ds.domain_by_id, "Le domaine", "data/domains.yml")
    for guide in ds.guides:
        for i, domain in enumerate(guide.domaines):
            _reference(ctx, guide, ("domaines", i), domain, ds.domain_by_id, "Le domaine", "data/domains.yml")


@rule("reference-territoire", "Les communes, EPCI, arrondissements et parcs cités existent.")
def territory_refs(ctx: Context) -> None:
    ds = ctx.dataset
    for partner in ds.partners:
        _territory_refs(ctx, partner.territoire)
        for offer in partner.offres:
            if offer.eligibilite and offer.eligibilite.territoire:
                _territory_refs(ctx, offer.eligibilite.territoire)
    for park in ds.parks:
        for key in ("communes", "communes_a_confirmer"):
            for i, code in enumerate(getattr(park, key)):
                _reference(ctx, park, (key, i), code, ds.commune_by_code, "La commune", "data/communes.yml")
    for interco in ds.intercommunalities:
        _reference(ctx, interco, ("code",), interco.code, ds.epci_by_code, "L'EPCI", "data/communes.yml")
        if interco.siege:
            _reference(ctx, interco, ("siege",), interco.siege, ds.commune_by_code, "La commune", "data/communes.yml")
    for commune in ds.communes:
        if commune.epci:
            _reference(ctx, commune, ("epci",), commune.epci, ds.epci_by_code, "L'EPCI", "data/communes.yml")
        if commune.arrondissement:
            _reference(ctx, commune, ("arrondissement",), commune.arrondissement, ds.arrondissement_by_code, "L'arrondissement", "data/communes.yml")


@rule("reference-partenaire", "Les partenaires et offres cités par la charte, les parcs et les guides existent.")
def partner_refs(ctx: Context) -> None:
    ds = ctx.dataset
    known = ds.partner_by_id
    for park in ds.parks:
        if park.partenaire:
            _reference(ctx, park, ("partenaire",), park.partenaire, known, "Le partenaire", "data/partners.yml")
    if ds.charter:
        for i, pid in enumerate(ds.charter.signataires):
            _reference(ctx, ds.charter, ("signataires", i), pid, known, "Le partenaire", "data/partners.yml")
        for commitment in ds.charter.engagements:
            _reference(ctx, commitment, ("partenaire",), commitment.partenaire, known, "Le partenaire", "data/partners.yml")
    for guide in ds.guides:
        for step in guide.etapes:
            for who in step.intervenants:
                _reference(ctx, who, ("partenaire",), who.partenaire, known, "Le partenaire", "data/partners.yml")
                partner = known.get(who.partenaire)
                if partner and who.offre:
                    offers = [o.id for o in partner.offres]
                    _reference(ctx, who, ("offre",), who.offre, offers, "L'offre", f"la fiche du partenaire « {partner.id} »")


@rule("charte-signataires", "Les partenaires marqués signataires et la liste des signataires de la charte concordent.")
def charter_signatories(ctx: Context) -> None:
    ds = ctx.dataset
    if not ds.charter:
        return
    listed = set(ds.charter.signataires)
    for partner in ds.partners:
        if partner.signataire_charte and partner.id not in listed:
            ctx.warn(
                partner,
                ("signataire_charte",),
                f"« {partner.id} » est marqué signataire mais n'est pas dans la liste des signataires de data/charter.yml.",
                expected="les deux informations concordent",
                tip="Ajoutez-le à « signataires » dans data/charter.yml, ou mettez signataire_charte: false.",
            )
        if not partner.signataire_charte and partner.id in listed:
            ctx.warn(
                partner,
                ("signataire_charte",),
                f"« {partner.id} » figure parmi les signataires de la charte mais est marqué non signataire.",
                expected="signataire_charte: true",
                found="false",
                tip="Corrigez l'une des deux informations.",
            )


@rule("sans-offre-contredit", "Une phase déclarée « sans offre connue » n'a pourtant pas d'offre (avertissement).")
def no_offer_statement(ctx: Context) -> None:
    ds = ctx.dataset
    for domain in ds.domains:
        for i, phase in enumerate(domain.sans_offre_connue):
            offers = [o for p in ds.partners for o in p.offres if domain.id in o.domaines and phase in o.phases]
            if offers:
                ctx.warn(
                    domain,
                    ("sans_offre_connue", i),
                    f"La phase « {phase.value} » est déclarée sans offre connue, mais {len(offers)} offre(s) y répondent.",
                    expected="une phase sans aucune offre",
                    found=", ".join(o.titre for o in offers[:3]),
                    tip="Retirez cette phase de sans_offre_connue.",
                )


@rule("guichet-unique", "Un seul partenaire est le guichet unique (Ingé 43).")
def single_entry_point(ctx: Context) -> None:
    entries = [p for p in ctx.dataset.partners if p.guichet_unique]
    for extra in entries[1:]:
        ctx.report(
            extra,
            ("guichet_unique",),
            f"« {extra.id} » est marqué guichet unique, comme « {entries[0].id} » : il ne peut y en avoir qu'un.",
            expected="guichet_unique: true pour Ingé 43 seulement",
            found="true",
            tip="Retirez la ligne guichet_unique (ou mettez false) pour ce partenaire.",
        )


@rule("courriel", "Les adresses électroniques sont bien formées.")
def emails(ctx: Context) -> None:
    for _, contact in contacts(ctx.dataset):
        value = contact.courriel
        if not value:
            continue
        try:
            validate_email(value, check_deliverability=False)
            if value.startswith(CSV_FORMULA_START):  # a tableur would run it as a formula (CSV export)
                raise EmailNotValidError("formula")
        except EmailNotValidError:
            ctx.report(
                contact,
                ("courriel",),
                "Adresse électronique invalide.",
                expected="une adresse de la forme nom@domaine.fr",
                found=quote(value),
                tip="Vérifiez l'arobase, le point et l'absence d'espace ; n'écrivez pas « mailto: ».",
            )


@rule("telephone", "Les numéros de téléphone sont des numéros français valides.")
def phones(ctx: Context) -> None:
    for _, contact in contacts(ctx.dataset):
        value = contact.telephone
        if not value:
            continue
        try:
            number = phonenumbers.parse(value, "FR")
            # phonenumbers skips leading punctuation: « =04… » must not pass (a formula in a tableur).
            valid = phonenumbers.is_valid_number(number) and bool(re.fullmatch(r"\+?[0-9][0-9 .()-]*", value))
        except phonenumbers.NumberParseException:
            valid = False
        if not valid:
            ctx.report(
                contact,
                ("telephone",),
                "Numéro de téléphone invalide.",
                expected="un numéro français à 10 chiffres, par exemple 04 71 00 00 00",
                found=quote(value),
                tip="Recopiez le numéro depuis la source et comptez les chiffres.",
            )


@rule("url", "Les adresses web sont valides ; site web, formulaire et liens en https.")
def urls(ctx: Context) -> None:
    for record, subpath, url, https_only in _urls(ctx):
        parts = urlsplit(url)
        allowed = ("https",) if https_only else ("https", "http")
        if parts.scheme in allowed and parts.netloc and " " not in url:
            continue
        if parts.scheme in ("javascript", "data", "vbscript"):
            message = "Adresse refusée : elle exécuterait du code dans le navigateur."
            tip = "Donnez l'adresse d'une page web, commençant par https://."
        elif parts.scheme == "http" and https_only:
            message = "Adresse non sécurisée (http)."
            tip = f"Vérifiez que le site répond en https et écrivez : https://{url.split('://', 1)[1]}"
        else:
            message = "Adresse web invalide."
            tip = "Une adresse complète commence par https:// (par exemple https://www.hauteloire.fr)."
        ctx.report(
            record,
            subpath,
            message,
            expected="une adresse https://…" if https_only else "une adresse http(s)://…",
            found=quote(url),
            tip=tip,
        )


def _dated(ctx: Context):
    ds = ctx.dataset
    for partner in ds.partners:
        yield partner, ("verifie_le",), partner.verifie_le, True
    for guide in ds.guides:
        yield guide, ("verifie_le",), guide.verifie_le, True
    for interco in ds.intercommunalities:
        yield interco, ("verifie_le",), interco.verifie_le, True
    if ds.charter and ds.charter.date_signature:
        yield ds.charter, ("date_signature",), ds.charter.date_signature, False


@rule("date-future", "Aucune date de vérification ou de signature n'est dans le futur.")
def future_dates(ctx: Context) -> None:
    for record, subpath, date, _ in _dated(ctx):
        if date > ctx.today:
            ctx.report(
                record,
                subpath,
                "Cette date est dans le futur.",
                expected=f"une date passée ou aujourd'hui ({ctx.today.isoformat()})",
                found=date.isoformat(),
                tip="Vérifiez l'année et l'ordre AAAA-MM-JJ.",
            )


@rule("fiche-ancienne", "Une fiche vérifiée il y a plus de 12 mois est signalée (avertissement).")
def stale_records(ctx: Context) -> None:
    for record, subpath, date, is_check in _dated(ctx):
        if is_check and (ctx.today - date).days > STALE_AFTER_DAYS:
            ctx.warn(
                record,
                subpath,
                f"Fiche vérifiée il y a plus de 12 mois (le {date.isoformat()}).",
                expected=f"une vérification après le {(ctx.today - dt.timedelta(days=STALE_AFTER_DAYS)).isoformat()}",
                found=date.isoformat(),
                tip="Revérifiez les informations auprès des sources, puis mettez verifie_le à la date du jour.",
            )


@rule("contact-incomplet", "Les champs de contact manquants sont listés (avertissement).")
def missing_contact(ctx: Context) -> None:
    for partner in ctx.dataset.partners:
        missing = [label for key, label in CONTACT_FIELDS.items() if not getattr(partner.contact, key)]
        if missing:
            ctx.warn(
                partner,
                ("contact",),
                f"Contact incomplet pour « {partner.id} » : {', '.join(missing)} à compléter.",
                expected="adresse, téléphone, courriel et site web",
                found="manquent : " + ", ".join(missing),
                tip="Ajoutez ces informations si une source publique les donne (et ajoutez la source) ; sinon, laissez vide.",
            )


@rule(
    "provenance-contact",
    "Chaque coordonnée (adresse, téléphone, courriel, site, formulaire) dit d'où elle vient : une entrée de « provenance » et une seule.",
)
def contact_provenance(ctx: Context) -> None:
    for owner, contact in contacts(ctx.dataset):
        present = contact.present_fields()
        if not present:
            continue
        if not contact.provenance and owner in ctx.dataset.partners:
            # Values written before provenance existed: covered by the partner's `sources`, to migrate.
            ctx.warn(
                contact,
                (),
                f"Les coordonnées de « {_owner_name(owner)} » ne disent pas d'où elles viennent.",
                expected="une liste « provenance » (champs, source, nom_source, annee)",
                found="pas de « provenance »",
                tip="Ajoutez sous contact: une entrée provenance par source, avec les champs qu'elle donne (voir data/templates/partenaire.yml).",
            )
            continue
        for field in present:
            covering = [i for i, p in enumerate(contact.provenance) if field in p.champs]
            if len(covering) == 1:
                continue
            if not covering:
                message = f"La coordonnée « {field.label} » n'a pas de source : aucune entrée de « provenance » ne la cite."
                tip = f"Ajoutez {field.value} aux « champs » de l'entrée de provenance qui la donne, ou une nouvelle entrée avec sa source ; sans source, effacez la valeur."
                found = "aucune entrée"
            else:
                message = f"La coordonnée « {field.label} » est citée par {len(covering)} entrées de « provenance »."
                tip = "Gardez-la dans l'entrée de la source la plus récente et officielle ; citez l'autre source en commentaire."
                found = ", ".join(f"provenance[{i}]" for i in covering)
            ctx.report(contact, (field.value,), message, expected="une seule entrée de provenance", found=found, tip=tip)
        for i, entry in enumerate(contact.provenance):
            for j, field in enumerate(entry.champs):
                if not getattr(contact, field.value):
                    ctx.report(
                        entry,
                        ("champs", j),
                        f"La provenance cite « {field.value} », mais le contact n'a pas cette coordonnée.",
                        expected="seulement des coordonnées présentes : " + (", ".join(f.value for f in present) or "aucune"),
                        found=quote(field.value),
                        tip=f"Retirez {field.value} de « champs », ou ajoutez la valeur si la source la donne.",
                    )
            if entry.annee and entry.annee > ctx.today.year:
                ctx.report(
                    entry,
                    ("annee",),
                    "L'année de la source est dans le futur.",
                    expected=f"une année jusqu'à {ctx.today.year}",
                    found=str(entry.annee),
                    tip="Indiquez l'année de la page ou du fichier où vous avez lu la coordonnée.",
                )




# ---------------------------------------------------------------------------
# Text safety: what an agent types must stay text on every page, export and log
# ---------------------------------------------------------------------------

# Characters refused everywhere: controls (NUL, ESC…), invisible direction changes
# (U+202A–U+202E, U+2066–U+2069, marks U+200E/U+200F/U+061C), line and paragraph separators, BOM.
_INVISIBLE = {0x200E, 0x200F, 0x061C, 0x2028, 0x2029, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_MARKUP = re.compile(
    r"<[A-Za-z/!?]"  # an HTML tag or comment
    r"|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"  # an HTML entity
    r"|\]\(|!\[|\]\s*:"  # a Markdown link, image or reference
)


def _char_name(char: str) -> str:
    names = {"\n": "un retour à la ligne", "\r": "un retour chariot", "\t": "une tabulation", "\x00": "un caractère nul (NUL)",
             "\x1b": "un caractère d'échappement (ESC)"}
    return names.get(char, f"le caractère invisible U+{ord(char):04X}")


def bad_character(text: str, multiline: bool) -> str | None:
    """The first character refused in a text field, or None."""
    for char in text:
        code = ord(char)
        if char == "\n" and multiline:
            continue
        if code < 0x20 or 0x7F <= code < 0xA0 or code in _INVISIBLE:
            return char
    return None


def text_fields(record: Record, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Every text value of a record and its sub-records: (path, field name, text).

    Walks the model, so a field added to the model is covered without touching this rule.
    """
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            sub = path + ((name,) if index is None else (name, index))
            if isinstance(item, Record):
                yield from text_fields(item, sub)
            elif isinstance(item, str) and not hasattr(item, "label"):  # enums carry a label: not typed text
                yield sub, name, item


def _top_records(ds: Dataset) -> Iterator[Record]:
    """Every record read from the data files, whatever the file (a new file is covered without a change here)."""
    for item in dataclasses.fields(ds):
        value = getattr(ds, item.name)
        for record in value if isinstance(value, list) else [value]:
            if isinstance(record, Record):
                yield record


@rule("caractere-interdit", "Aucun caractère de contrôle ou invisible ; pas de retour à la ligne dans un champ d'une ligne.")
def forbidden_characters(ctx: Context) -> None:
    for record in _top_records(ctx.dataset):
        for path, name, text in text_fields(record):
            multiline = name in MULTILINE_FIELDS
            char = bad_character(text, multiline)
            if char is None:
                continue
            where = "Ce champ tient sur une ligne : il" if char == "\n" else "Le texte"
            ctx.report(
                record,
                path,
                f"{where} contient {_char_name(char)}, qui ne s'affiche pas ou perturbe les pages et les journaux.",
                expected="du texte simple" + ("" if multiline else ", sur une seule ligne"),
                found=quote(text),
                tip="Retapez la valeur à la main au lieu de la coller (le copier-coller apporte parfois des caractères invisibles)."
                if char != "\n" else "Écrivez la valeur sur une seule ligne, ou entre guillemets sans retour à la ligne.",
            )


@rule("balisage", "Un champ d'une ligne (nom, titre, adresse, sigle…) ne contient ni balise HTML, ni entité, ni lien Markdown.")
def markup(ctx: Context) -> None:
    for record in _top_records(ctx.dataset):
        for path, name, text in text_fields(record):
            if name in MULTILINE_FIELDS or name in ("sources", "site_web", "formulaire", "lien", "url"):
                continue
            match = _MARKUP.search(text)
            if match:
                ctx.report(
                    record,
                    path,
                    f"Le texte contient « {match.group(0)} », qui ressemble à du code HTML ou Markdown : il serait affiché tel quel.",
                    expected="du texte simple, sans < >, sans &…; ni [texte](lien)",
                    found=quote(text),
                    tip="Écrivez le texte sans mise en forme ; une adresse web va dans site_web, lien ou sources.",
                )


@rule("identifiant-reserve", "Un identifiant ne prend pas un nom réservé aux pages de rubrique (index).")
def reserved_ids(ctx: Context) -> None:
    ds = ctx.dataset
    for record in [*ds.partners, *ds.domains, *ds.guides, *ds.parks]:
        if record.id in RESERVED_IDS:
            ctx.report(
                record,
                ("id",),
                f"L'identifiant « {record.id} » est réservé : la page prendrait la place de la page de la rubrique.",
                expected="un autre identifiant",
                found=quote(record.id),
                tip=f"Choisissez un identifiant tiré du nom, par exemple « {_slug_hint(record)} ».",
            )


def _slug_hint(record) -> str:
    return slugify(getattr(record, "nom", "") or getattr(record, "titre", "")) or "mon-identifiant"


_SIGLE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ0-9](?:[A-Za-zÀ-ÖØ-öø-ÿ0-9 &'’./-]*[A-Za-zÀ-ÖØ-öø-ÿ0-9])?$")


@rule("sigle", "Un sigle du glossaire s'écrit avec des lettres (dont une majuscule), des chiffres, espaces, tirets ou points ; deux sigles ne diffèrent pas que par les majuscules ou la ponctuation.")
def glossary_acronyms(ctx: Context) -> None:
    seen: dict[str, str] = {}
    for term in ctx.dataset.terms:
        if not _SIGLE.match(term.sigle) or not any(c.isupper() for c in term.sigle) or len(term.sigle) > 30:
            ctx.report(
                term,
                ("sigle",),
                "Ce sigle ne peut pas être repéré dans les pages.",
                expected="un sigle de 30 caractères au plus, avec au moins une majuscule : lettres, chiffres, espaces, « - », « . », « & », « ' »",
                found=quote(term.sigle),
                tip="Écrivez le sigle tel qu'il apparaît dans les textes, par exemple « CDG 43 » ou « PLUi ».",
            )
            continue
        key = slugify(term.sigle)  # the glossary anchor: « PLUi » and « PLUI », « R&D » and « R-D » would share it
        if key in seen and seen[key] != term.sigle:
            ctx.report(
                term,
                ("sigle",),
                f"Ce sigle ne diffère de « {seen[key]} » que par les majuscules ou la ponctuation : les deux auraient la même ancre dans le glossaire.",
                expected="des sigles distincts",
                found=quote(term.sigle),
                tip="Gardez une seule des deux fiches.",
            )
        seen.setdefault(key, term.sigle)


@rule("contours-communes", "Chaque commune a son contour dans data/contours.json, et chaque contour une commune.")
def commune_outlines(ctx: Context) -> None:
    ds = ctx.dataset
    contours = ds.contours
    if contours is None or "communes.yml" in ds.unreadable:
        return
    label = os.path.relpath(ds.data_dir / CONTOURS_FILE)
    label = Path(label).as_posix() if not label.startswith("..") else (ds.data_dir / CONTOURS_FILE).as_posix()
    for commune in ds.communes:
        if not contours.rings.get(commune.code):
            ctx.report(
                commune,
                ("code",),
                f"La commune « {commune.nom} » ({commune.code}) n'a pas de contour : elle manquerait sur les cartes.",
                expected=f"un contour de code {commune.code} dans {label}",
                found="aucun contour",
                tip="Régénérez les contours avec « make contours » depuis un fichier qui contient cette commune.",
            )
    for code in sorted(set(contours.rings) - set(ds.commune_by_code)):
        name = contours.names.get(code) or "?"
        hint = suggest(code, ds.commune_by_code)
        ctx.collector.add(
            Problem(
                Severity.ERROR,
                ctx.current_rule,
                label,
                contours.lines.get(code, 1),
                1,
                "",
                f"Le contour « {name} » ({code}) ne correspond à aucune commune de data/communes.yml.",
                expected="un code INSEE de data/communes.yml",
                found=quote(code),
                tip=(f"{hint} " if hint else "")
                + "Les deux fichiers doivent dater de la même année : régénérez-les avec « make communes » puis « make contours ».",
            )
        )


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


@dataclass
class CheckResult:
    dataset: Dataset
    collector: Collector

    @property
    def ok(self) -> bool:
        return not self.collector.errors

    def exit_code(self, strict: bool = False) -> int:
        if self.collector.errors or (strict and self.collector.warnings):
            return 1
        return 0


def run_checks(data_dir: Path, today: dt.date | None = None) -> CheckResult:
    """Load `data_dir` and run every rule; all problems are collected, none raised."""
    collector = Collector()
    dataset = load_dataset(Path(data_dir), collector)
    ctx = Context(dataset, collector, today or dt.date.today())
    for item in RULES:
        ctx.current_rule = item.name
        try:
            item.run(ctx)
        except Exception as exc:  # a broken rule must not hide the others, nor print a traceback
            collector.add(
                Problem(
                    Severity.ERROR,
                    "erreur-interne",
                    "(vérificateur)",
                    1,
                    1,
                    "",
                    f"La vérification « {item.name} » a échoué ({type(exc).__name__} : {exc}).",
                    tip="Ce n'est pas une erreur dans vos données : signalez-la à l'équipe technique.",
                )
            )
    return CheckResult(dataset, collector)
