"""Jinja environment and filters shared by every template (pages, PDFs, feed). Autoescape is on."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import phonenumbers
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..read.model import Category, Phase
from ..read.text import slugify

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()

def glossed(value: object, terms: list) -> Markup:
    """Escaped text where each glossary acronym becomes `<abbr title="…">` (hover definition)."""
    text = str(escape(value))
    if not terms:
        return Markup(text)
    titles = {str(escape(t.sigle)): t.forme_longue or t.definition for t in terms}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(titles, key=len, reverse=True)) + r")(?!\w)")
    return Markup(pattern.sub(lambda m: f'<abbr title="{escape(titles[m.group(1)])}">{m.group(1)}</abbr>', text))


def abbreviations_markdown(terms: list) -> str:
    """Python-Markdown `abbr` definitions, appended to hand-written pages for hover definitions."""
    lines = []
    for term in terms:
        title = " ".join((term.forme_longue or term.definition).split()).replace("]", ")")
        if "]" not in term.sigle:
            lines.append(f"*[{term.sigle}]: {title}")
    return "\n".join(lines)


def date_fr(value: dt.date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def tel_href(value: str) -> str:
    """`04 71 09 43 43` -> `tel:+33471094343` (the validator has already checked the number)."""
    number = phonenumbers.parse(value, "FR")
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def paragraphs(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]


def integer_fr(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("inge43", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        anchor=slugify,  # heading ids: the same slugs as page names
        date_fr=date_fr,
        tel_href=tel_href,
        paragraphs=paragraphs,
        integer_fr=integer_fr,
        xml=xml_text,
        rfc3339=rfc3339,
    )
    env.globals.update(Phase=list(Phase), Category=list(Category))
    return env


# ---------------------------------------------------------------------------
# Page builders
# ---------------------------------------------------------------------------


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text without the characters XML 1.0 forbids (escaping is left to autoescape)."""
    return _XML_INVALID.sub("", str(value))


def rfc3339(value: dt.datetime) -> str:
    """`2026-06-01T10:00:00Z`; a naive datetime is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
