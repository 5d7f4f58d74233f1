"""Text-safety rules: what an agent types stays text on every page, export and log."""

from __future__ import annotations

import re

from ...read.model import (
    MULTILINE_FIELDS,
)
from ...read.problems import quote
from ...read.text import slugify
from ..registry import Context, rule
from .shared import (
    MARKUP,
    bad_character,
    char_name,
    text_fields,
    top_records,
)


@rule(
    "caractere-interdit",
    "Aucun caractère de contrôle ou invisible ; pas de retour à la ligne dans un champ d'une ligne.",
)
def forbidden_characters(ctx: Context) -> None:
    for record in top_records(ctx.dataset):
        for path, name, text in text_fields(record):
            multiline = name in MULTILINE_FIELDS
            char = bad_character(text, multiline)
            if char is None:
                continue
            where = "Ce champ tient sur une ligne : il" if char == "\n" else "Le texte"
            ctx.report(
                record,
                path,
                f"{where} contient {char_name(char)}, qui ne s'affiche pas ou perturbe les pages et les journaux.",
                expected="du texte simple" + ("" if multiline else ", sur une seule ligne"),
                found=quote(text),
                tip="Retapez la valeur à la main au lieu de la coller (le copier-coller apporte parfois des caractères invisibles)."
                if char != "\n"
                else "Écrivez la valeur sur une seule ligne, ou entre guillemets sans retour à la ligne.",
            )


@rule(
    "balisage",
    "Un champ d'une ligne (nom, titre, adresse, sigle…) ne contient ni balise HTML, ni entité, ni lien Markdown.",
)
def markup(ctx: Context) -> None:
    for record in top_records(ctx.dataset):
        for path, name, text in text_fields(record):
            if name in MULTILINE_FIELDS or name in ("sources", "site_web", "formulaire", "lien", "url"):
                continue
            match = MARKUP.search(text)
            if match:
                ctx.report(
                    record,
                    path,
                    f"Le texte contient « {match.group(0)} », qui ressemble à du code HTML ou Markdown : il serait affiché tel quel.",
                    expected="du texte simple, sans < >, sans &…; ni [texte](lien)",
                    found=quote(text),
                    tip="Écrivez le texte sans mise en forme ; une adresse web va dans site_web, lien ou sources.",
                )


_SIGLE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ0-9](?:[A-Za-zÀ-ÖØ-öø-ÿ0-9 &'’./-]*[A-Za-zÀ-ÖØ-öø-ÿ0-9])?$")


@rule(
    "sigle",
    "Un sigle du glossaire s'écrit avec des lettres (dont une majuscule), des chiffres, espaces, tirets ou points ; deux sigles ne diffèrent pas que par les majuscules ou la ponctuation.",
)
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
