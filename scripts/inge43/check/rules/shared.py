"""Helpers shared by the rule families: references, duplicates, URLs, dates and text fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from html.entities import html5

from ...read.dataset import Dataset
from ...read.model import (
    Record,
    Territory,
)
from ...read.problems import quote
from ...read.text import slugify, suggest
from ..registry import Context


def check_reference(
    ctx: Context, record: Record, subpath: tuple, value: str, known: Iterable[str], what: str, where: str
) -> None:
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


def check_territory_references(ctx: Context, territory: Territory) -> None:
    ds = ctx.dataset
    for i, code in enumerate(territory.communes):
        check_reference(ctx, territory, ("communes", i), code, ds.commune_by_code, "La commune", "data/communes.yml")
    for i, code in enumerate(territory.epci):
        check_reference(ctx, territory, ("epci", i), code, ds.epci_by_code, "L'EPCI", "data/communes.yml")
    for i, code in enumerate(territory.arrondissements):
        check_reference(
            ctx,
            territory,
            ("arrondissements", i),
            code,
            ds.arrondissement_by_code,
            "L'arrondissement",
            "data/communes.yml",
        )
    for i, park in enumerate(territory.pnr):
        check_reference(ctx, territory, ("pnr", i), park, ds.park_by_id, "Le parc", "data/territories.yml")


def report_duplicates(ctx: Context, records: Iterable[tuple[Record, tuple, str]], what: str) -> None:
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


def owner_name(record: Record) -> str:
    return str(getattr(record, "id", None) or getattr(record, "code", "?"))


# Fields that hold a web address, and whether it must be https (a source may be an old http page).
URL_FIELDS = {"site_web": True, "formulaire": True, "lien": True, "url": True, "source": False, "sources": False}


def urls_in_data(ctx: Context) -> Iterator[tuple[Record, tuple, str, bool]]:
    """Every URL in the data: (record, path, url, must_be_https). Walks the model like the text rules."""
    for record in top_records(ctx.dataset):
        for path, name, text in text_fields(record):
            if name in URL_FIELDS:
                yield record, path, text, URL_FIELDS[name]


INVISIBLE = {0x200E, 0x200F, 0x061C, 0x2028, 0x2029, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


# Named entities a browser decodes even without their `;` (`&lt` , `&ampx`, `&eacute`): HTML's
# legacy list, longest first so that the longest name is the one reported.
_LEGACY_ENTITIES = sorted({name for name in html5 if not name.endswith(";")}, key=len, reverse=True)

MARKUP = re.compile(
    r"<[A-Za-z/!?]"  # an HTML tag or comment
    r"|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"  # an HTML entity
    r"|&#[xX]?[0-9A-Fa-f]"  # a numeric entity without its `;` (a browser decodes it all the same)
    r"|&(?:" + "|".join(_LEGACY_ENTITIES) + r")"  # a named entity a browser decodes without its `;`
    r"|\]\(|!\[|\]\s*:"  # a Markdown link, image or reference
)


def char_name(char: str) -> str:
    names = {
        "\n": "un retour à la ligne",
        "\r": "un retour chariot",
        "\t": "une tabulation",
        "\x00": "un caractère nul (NUL)",
        "\x1b": "un caractère d'échappement (ESC)",
    }
    return names.get(char, f"le caractère invisible U+{ord(char):04X}")


def bad_character(text: str, multiline: bool) -> str | None:
    """The first character refused in a text field, or None."""
    for char in text:
        code = ord(char)
        if char == "\n" and multiline:
            continue
        if code < 0x20 or 0x7F <= code < 0xA0 or code in INVISIBLE:
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


def top_records(ds: Dataset) -> Iterator[Record]:
    """Every record read from the data files, whatever the file (a new file is covered without a change here)."""
    for item in dataclasses.fields(ds):
        value = getattr(ds, item.name)
        for record in value if isinstance(value, list) else [value]:
            if isinstance(record, Record):
                yield record


def slug_hint(record: Record) -> str:
    return slugify(getattr(record, "nom", "") or getattr(record, "titre", "")) or "mon-identifiant"


def dated_records(ctx: Context) -> Iterator[tuple[Record, tuple, dt.date, bool]]:
    ds = ctx.dataset
    for partner in ds.partners:
        yield partner, ("verifie_le",), partner.verifie_le, True
    for guide in ds.guides:
        yield guide, ("verifie_le",), guide.verifie_le, True
    for interco in ds.intercommunalities:
        yield interco, ("verifie_le",), interco.verifie_le, True
    if ds.charter and ds.charter.date_signature:
        yield ds.charter, ("date_signature",), ds.charter.date_signature, False
