"""The example values of the commented templates (data/templates/) must not be left in the data.

The list comes from the template files themselves, read with the project's reader: a value added
to a template is refused in the data without a change here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ...read.problems import Collector, quote
from ...read.yaml_reader import read_yaml
from ..registry import Context, rule
from .shared import URL_FIELDS, text_fields, top_records

TEMPLATES = "templates"  # inside the data folder
_CONTACT_VALUES = ("adresse", "telephone", "courriel", "formulaire", "site_web")
# Names and descriptions: a data text identical to the template's was copied, never written.
_OWN_TEXTS = ("id", "nom", "titre", "description", "definition", "resume")


@dataclass(frozen=True)
class Example:
    template: str  # e.g. "data/templates/partenaire.yml"
    line: int


def _normal(field: str, value: str) -> str:
    if field == "telephone":
        return re.sub(r"\D", "", value)
    return " ".join(value.split()).casefold()


def _host(value: str) -> str | None:
    """The host of a web address or e-mail, without « www. »."""
    e_mail = "@" in value and "://" not in value
    host = value.rsplit("@", 1)[1] if e_mail else (urlsplit(value.strip()).hostname or "")
    host = host.casefold().removeprefix("www.")
    return host or None


def _leaves(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def template_examples(data_dir: Path) -> tuple[dict[tuple[str, str], Example], dict[str, Example]]:
    """(field, normalised value) -> where the template gives it; example host -> where."""
    values: dict[tuple[str, str], Example] = {}
    hosts: dict[str, Example] = {}
    folder = Path(data_dir) / TEMPLATES
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        label = f"{Path(data_dir).name}/{TEMPLATES}/{path.name}"
        doc = read_yaml(path, label, Collector())  # a broken template hides nothing: it gives no example
        if doc is None:
            continue
        for where, text in _leaves(doc.data):
            keys = [k for k in where if isinstance(k, str)]
            field = keys[-1] if keys else ""
            example = Example(label, doc.position(where)[0])
            if field in _CONTACT_VALUES or field in _OWN_TEXTS:
                values.setdefault((field, _normal(field, text)), example)
            address = field in URL_FIELDS or field == "courriel" or text.startswith(("http://", "https://"))
            if address and (host := _host(text)):
                hosts.setdefault(host, example)
    return values, hosts


@rule("valeur-exemple", "Les valeurs d'exemple des modèles de data/templates/ ne restent pas dans les données.")
def example_values(ctx: Context) -> None:
    values, hosts = template_examples(ctx.dataset.data_dir)
    if not values and not hosts:
        return
    for record in top_records(ctx.dataset):
        for path, name, text in text_fields(record):
            example = values.get((name, _normal(name, text)))
            if example is None and (name in URL_FIELDS or name == "courriel"):
                host = _host(text)
                example = hosts.get(host) if host else None
            if example is None:
                continue
            ctx.report(
                record,
                path,
                f"Valeur d'exemple du modèle {example.template} (ligne {example.line}) laissée telle quelle.",
                expected="la vraie valeur, recopiée d'une source publique",
                found=quote(text),
                tip="Remplacez-la par la valeur que donne la source ; si aucune source ne la donne, "
                "effacez la ligne (une information inconnue reste absente).",
            )
