"""Structural validation: pydantic reads each file into the model; its errors become French problems.

Records are validated one by one, so that one broken partner does not hide the others
from the cross-record checks that follow.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .model import SLUG_PATTERN, Offer, Partner, PartnersFile, Record
from .problems import Collector, Path, Problem, Severity, format_path, quote
from .text import slugify, suggest
from .yaml_reader import YamlDocument

# ---------------------------------------------------------------------------
# Finding the model class behind a path, to list the keys it allows
# ---------------------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def model_at(root: type[BaseModel], path: Path) -> type[BaseModel] | None:
    current: Any = root
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return None
            current = typing.get_args(current)[0]
        else:
            if not (isinstance(current, type) and issubclass(current, BaseModel)):
                return None
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


# ---------------------------------------------------------------------------
# pydantic error -> French problem
# ---------------------------------------------------------------------------

_TYPE_NAMES = {
    "string_type": "du texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier (sans virgule)",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "date_type": "une date au format AAAA-MM-JJ",
    "date_parsing": "une date au format AAAA-MM-JJ",
    "date_from_datetime_parsing": "une date au format AAAA-MM-JJ",
    "date_from_datetime_inexact": "une date sans heure, au format AAAA-MM-JJ",
    "list_type": "une liste (une ligne par élément, commençant par « - »)",
    "model_type": "un bloc de clés (« clé: valeur » sur les lignes suivantes, indentées)",
    "model_attributes_type": "un bloc de clés (« clé: valeur » sur les lignes suivantes, indentées)",
    "dict_type": "un bloc de clés (« clé: valeur » sur les lignes suivantes, indentées)",
}

_TYPE_TIPS = {
    "string_type": 'Mettez la valeur entre guillemets pour qu\'elle soit lue comme du texte (par exemple un code INSEE : "43157").',
    "list_type": "Écrivez chaque élément sur sa ligne, précédé de « - », ou entre crochets : [a, b].",
    "bool_type": "Écrivez true (oui) ou false (non), sans guillemets.",
    "bool_parsing": "Écrivez true (oui) ou false (non), sans guillemets.",
    "date_parsing": "Écrivez la date sous la forme 2026-11-15.",
    "date_from_datetime_parsing": "Écrivez la date sous la forme 2026-11-15 (année-mois-jour).",
    "date_from_datetime_inexact": "Écrivez la date sans heure, sous la forme 2026-11-15.",
    "date_type": "Écrivez la date sous la forme 2026-11-15.",
    "int_parsing": "Écrivez le nombre en chiffres, sans espace ni unité.",
    "int_type": "Écrivez le nombre en chiffres, sans espace ni unité.",
}


def _pattern_expectation(pattern: str, found: Any) -> tuple[str, str | None]:
    if pattern == SLUG_PATTERN:
        tip = None
        if isinstance(found, str) and slugify(found):
            tip = f"vouliez-vous dire « {slugify(found)} » ?"
        return (
            "un identifiant en minuscules, sans accent ni espace, mots séparés par des tirets (ex. eau-assainissement)",
            tip,
        )
    if "AB" in pattern:
        return 'un code INSEE de commune à 5 caractères (ex. "43157")', "Les codes sont dans data/communes.yml."
    if pattern == r"^[0-9]{5}$":
        return 'un code postal à 5 chiffres (ex. "43000")', None
    if pattern == r"^[0-9]{9}$":
        return "un numéro SIREN d'EPCI à 9 chiffres", "Les codes sont dans data/communes.yml."
    if pattern == r"^[0-9]{3}$":
        return "un code d'arrondissement à 3 chiffres (431, 432 ou 433)", None
    return f"une valeur de la forme {pattern}", None


def _resolve(data: Any, loc: tuple) -> Path:
    """Keep the parts of a pydantic location that walk through the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
            path.append(part)
        elif isinstance(part, str) and isinstance(current, dict) and not ("[" in part or "-" in part):
            path.append(part)  # a missing or unknown key
            current = None
    return tuple(path)


def _field_label(path: Path) -> str | None:
    """Name of the field a value belongs to: `mots_cles[13]` for an item of a list."""
    end = len(path)
    while end and isinstance(path[end - 1], int):
        end -= 1
    return format_path(path[end - 1 :]) if end else None


def translate(error: ErrorDetails, doc: YamlDocument, root: type[BaseModel]) -> Problem:
    kind = error["type"]
    path = _resolve(doc.data, error["loc"])
    found = error.get("input")
    ctx = error.get("ctx") or {}
    field = _field_label(path)
    expected: str | None = None
    tip: str | None = None
    rule = "type"

    if kind == "missing":
        rule = "champ-obligatoire"
        line, column = doc.position(path[:-1])
        message = f"Le champ obligatoire « {field} » manque."
        expected = f"une ligne « {field}: … »"
        found = "rien"
        tip = "Ajoutez ce champ (voir les modèles commentés dans data/templates/)."
        return Problem(Severity.ERROR, rule, doc.file, line, column, format_path(path), message, expected, found, tip)

    if kind == "extra_forbidden":
        rule = "cle-inconnue"
        line, column = doc.position(path, key=True)
        model = model_at(root, path[:-1])
        allowed = sorted(model.model_fields) if model else []
        message = f"La clé « {field} » n'existe pas à cet endroit."
        expected = "une de ces clés : " + ", ".join(allowed) if allowed else "une clé connue"
        tip = (
            suggest(field, allowed) or "Vérifiez l'orthographe et l'indentation (une clé mal indentée change de bloc)."
        )
        return Problem(
            Severity.ERROR, rule, doc.file, line, column, format_path(path), message, expected, f"« {field} »", tip
        )

    line, column = doc.position(path)
    if kind in _TYPE_NAMES:
        expected = _TYPE_NAMES[kind]
        tip = _TYPE_TIPS.get(kind)
        if kind in ("model_type", "model_attributes_type") and field == "territoire":
            expected = "« departement » ou un bloc de zones (communes, epci, arrondissements, pnr)"
            tip = "Écrivez « territoire: departement » pour tout le département."
        message = f"Type de valeur incorrect pour « {field or 'ce bloc'} »."
    elif kind == "enum":
        rule = "valeur-non-autorisee"
        allowed = re.findall(r"'([^']+)'", ctx.get("expected", ""))
        expected = "une de ces valeurs : " + ", ".join(allowed)
        tip = suggest(found, allowed)
        message = f"Valeur non autorisée pour « {field} »."
    elif kind == "string_pattern_mismatch":
        rule = "format-identifiant"
        expected, tip = _pattern_expectation(ctx.get("pattern", ""), found)
        message = f"La valeur de « {field} » n'a pas la forme attendue."
    elif kind == "string_too_short":
        rule = "champ-vide"
        expected = "un texte non vide"
        message = f"Le champ « {field} » est vide."
        tip = "Remplissez-le, ou supprimez la ligne si le champ est facultatif."
    elif kind == "too_short":
        rule = "liste-vide"
        expected = f"au moins {ctx.get('min_length', 1)} élément(s)"
        message = f"La liste « {field} » est vide."
        tip = "Ajoutez au moins un élément (une ligne commençant par « - »)."
    elif kind == "string_too_long":
        expected = f"au plus {ctx.get('max_length')} caractères"
        message = f"La valeur de « {field} » est trop longue."
    elif kind in ("greater_than", "greater_than_equal"):
        expected = f"un nombre supérieur à {ctx.get('gt', ctx.get('ge'))}"
        message = f"La valeur de « {field} » est trop petite."
    elif kind == "value_error" and "territoire vide" in error.get("msg", ""):
        rule = "champ-vide"
        expected = "« departement » ou au moins une zone (communes, epci, arrondissements, pnr)"
        message = "Le territoire ne contient aucune zone."
        tip = "Écrivez « territoire: departement » pour tout le département."
    else:
        message = f"Valeur invalide pour « {field or 'ce bloc'} »."
        expected = error.get("msg")
    if kind == "string_type" and isinstance(found, (int, float)) and not isinstance(found, bool):
        tip = f'Mettez-la entre guillemets : "{found}".'
    return Problem(
        Severity.ERROR, rule, doc.file, line, column, format_path(path), message, expected, quote(found), tip
    )


# ---------------------------------------------------------------------------
# File -> typed objects
# ---------------------------------------------------------------------------


def _list_fields(model: type[BaseModel]) -> dict[str, type[Record]]:
    """Fields of `model` that hold a list of records."""
    out = {}
    for name, field in model.model_fields.items():
        annotation = _unwrap(field.annotation)
        if typing.get_origin(annotation) is list:
            item = _unwrap(typing.get_args(annotation)[0])
            if isinstance(item, type) and issubclass(item, Record):
                out[name] = item
    return out


def _salvage(model: type[Record], data: Any) -> Record | None:
    """Validate `data`, dropping invalid items of record lists (recursively) until the rest is valid."""
    try:
        return model.model_validate(data)
    except ValidationError:
        pass
    if not isinstance(data, dict):
        return None
    partial = dict(data)
    for name, item_model in _list_fields(model).items():
        items = data.get(name)
        if isinstance(items, list):
            partial[name] = [record for record in (_salvage(item_model, item) for item in items) if record is not None]
    try:
        return model.model_validate(partial)
    except ValidationError:
        return None


def _mark_tree(record: Record, file: str, path: Path, raw: Any) -> None:
    """Set `_origin` on a record and every record inside it, matching items to the raw data by index.

    Items dropped by `_salvage` are skipped: kept items are matched to their original raw item.
    """
    record._origin = (file, path)
    for name in type(record).model_fields:
        value = getattr(record, name)
        sub_raw = raw.get(name) if isinstance(raw, dict) else None
        if isinstance(value, Record):
            _mark_tree(value, file, (*path, name), sub_raw)
        elif isinstance(value, list) and value and isinstance(value[0], Record):
            indexes = _original_indexes(value, sub_raw)
            for item, index in zip(value, indexes, strict=False):  # indexes may be shorter: extra items keep no line
                _mark_tree(item, file, (*path, name, index), sub_raw[index] if isinstance(sub_raw, list) else None)


def _original_indexes(kept: list[Record], raw: Any) -> list[int]:
    """Index in `raw` of each kept record: the n-th kept item is the n-th raw item that validates."""
    if not isinstance(raw, list) or len(raw) == len(kept):
        return list(range(len(kept)))
    item_model = type(kept[0])
    indexes = []
    for index, item in enumerate(raw):
        if _salvage(item_model, item) is not None:
            indexes.append(index)
    return indexes[: len(kept)]


def read_model(
    doc: YamlDocument, model: type[Record], collector: Collector, rejected_ids: set[str] | None = None
) -> Record | None:
    """Validate a whole file; report every error; return what is valid.

    Invalid records are dropped one by one (a broken offer does not hide its partner, a broken
    partner does not hide the others) so the cross-record checks still run on the rest. The ids
    of dropped records go to `rejected_ids`, so references to them are not reported again.
    """
    if not isinstance(doc.data, dict):
        line, column = doc.position(())  # where the document's content starts
        collector.add(
            Problem(
                Severity.ERROR,
                "type",
                doc.file,
                line,
                column,
                "",
                "Le fichier doit commencer par des clés au premier niveau.",
                expected="des clés : " + ", ".join(model.model_fields),
                found=quote(doc.data),
                tip="Partez du modèle commenté de data/templates/.",
            )
        )
        return None
    try:
        instance: Record | None = model.model_validate(doc.data)
    except ValidationError as exc:
        misplaced = _misplaced_offers(doc, collector) if model is PartnersFile else set()
        for error in exc.errors():
            if error["loc"][:2] in misplaced:
                continue  # one message for the whole block (_misplaced_offers), not one per key
            collector.add(translate(error, doc, model))
        instance = _salvage(model, doc.data)
        if rejected_ids is not None:
            _collect_rejected(model, doc.data, rejected_ids)
    if instance is not None:
        _mark_tree(instance, doc.file, (), doc.data)
    return instance


def _looks_like_offer(item: Any) -> bool:
    """A block of the partners' list whose keys are an offer's, not a partner's (pasted too far left)."""
    if not isinstance(item, dict) or not item:
        return False
    keys = set(item)
    offer_only = set(Offer.model_fields) - set(Partner.model_fields)
    return keys <= set(Offer.model_fields) and bool(keys & offer_only) and not keys <= set(Partner.model_fields)


def _misplaced_offers(doc: YamlDocument, collector: Collector) -> set[tuple]:
    """Report, once each, the offers pasted at a partner's indentation; returns their error locations."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("partenaires")
    if not isinstance(items, list):
        return set()
    found: set[tuple] = set()
    for index, item in enumerate(items):
        if not _looks_like_offer(item):
            continue
        found.add(("partenaires", index))
        line, column = doc.position(("partenaires", index))
        owner = next(
            (
                (j, items[j])
                for j in range(index - 1, -1, -1)
                if isinstance(items[j], dict) and not _looks_like_offer(items[j])
            ),
            None,
        )
        shift, where = 4, "du partenaire juste au-dessus"
        if owner is not None:
            j, partner = owner
            where = f"du partenaire juste au-dessus ({quote(partner.get('nom') or partner.get('id'))})"
            offers = partner.get("offres")
            if isinstance(offers, list) and offers:
                shift = max(doc.position(("partenaires", j, "offres", 0))[1] - column, 2)
        collector.add(
            Problem(
                Severity.ERROR,
                "offre-mal-placee",
                doc.file,
                line,
                column,
                format_path(("partenaires", index)),
                "Ce bloc est une offre (titre, domaines, phases…), mais il est placé au niveau des "
                "partenaires : il lui manque donc le nom, la catégorie et les autres clés d'un partenaire.",
                expected=f"l'offre sous « offres: » {where}",
                found=f"une offre alignée sur les partenaires (son tiret « - » en colonne {column - 2})",
                tip=f"Placez le bloc dans la liste « offres: » de ce partenaire, après sa dernière offre, et "
                f"décalez toutes ses lignes de {shift} espaces vers la droite : son tiret « - » doit être en "
                f"colonne {column - 2 + shift}, comme celui des autres offres. Si le partenaire a « offres: [] », "
                "effacez « [] ».",
            )
        )
    return found


def _collect_rejected(model: type[Record], data: Any, rejected: set[str]) -> None:
    """Ids and codes of the records that do not validate on their own."""
    if not isinstance(data, dict):
        return
    for name, item_model in _list_fields(model).items():
        for item in data.get(name) or []:
            if not isinstance(item, dict):
                continue
            if _salvage(item_model, item) is None:
                rejected.update(str(item[k]) for k in ("id", "code") if k in item)
            else:
                _collect_rejected(item_model, item, rejected)
