"""Contact rules: e-mails, phones and web addresses well formed; every contact value says where it comes from."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from ...read.model import (
    CONTACT_FIELDS,
    CSV_FORMULA_START,
)
from ...read.problems import quote
from ..registry import Context, rule
from .shared import (
    owner_name,
    urls_in_data,
)


@rule("courriel", "Les adresses électroniques sont bien formées.")
def emails(ctx: Context) -> None:
    for _, contact in ctx.dataset.contacts():
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
    for _, contact in ctx.dataset.contacts():
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
    for record, subpath, url, https_only in urls_in_data(ctx):
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
    for owner, contact in ctx.dataset.contacts():
        present = contact.present_fields()
        if not present:
            continue
        if not contact.provenance and owner in ctx.dataset.partners:
            # Values written before provenance existed: covered by the partner's `sources`, to migrate.
            ctx.warn(
                contact,
                (),
                f"Les coordonnées de « {owner_name(owner)} » ne disent pas d'où elles viennent.",
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
                message = (
                    f"La coordonnée « {field.label} » n'a pas de source : aucune entrée de « provenance » ne la cite."
                )
                tip = f"Ajoutez {field.value} aux « champs » de l'entrée de provenance qui la donne, ou une nouvelle entrée avec sa source ; sans source, effacez la valeur."
                found = "aucune entrée"
            else:
                message = f"La coordonnée « {field.label} » est citée par {len(covering)} entrées de « provenance »."
                tip = "Gardez-la dans l'entrée de la source la plus récente et officielle ; citez l'autre source en commentaire."
                found = ", ".join(f"provenance[{i}]" for i in covering)
            ctx.report(
                contact, (field.value,), message, expected="une seule entrée de provenance", found=found, tip=tip
            )
        for entry in contact.provenance:
            for j, field in enumerate(entry.champs):
                if not getattr(contact, field.value):
                    ctx.report(
                        entry,
                        ("champs", j),
                        f"La provenance cite « {field.value} », mais le contact n'a pas cette coordonnée.",
                        expected="seulement des coordonnées présentes : "
                        + (", ".join(f.value for f in present) or "aucune"),
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
