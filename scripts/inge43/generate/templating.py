"""Jinja environment and filters shared by every template (pages, PDFs, feed). Autoescape is on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import phonenumbers
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..read.model import Category, Phase
from ..read.text import slugify, sort_key
from .provenance import provenance_lines

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()


def tooltip_text(value: object) -> str:
    """Plain one-line text for a hover definition (a `title` attribute).

    Material's tooltips put the `title` into the page as HTML (`innerHTML`): `<` and `>` become
    the look-alike `‹` and `›`, so that no tag can ever start, whatever the data says. (An `&`
    can at most spell another character, never markup.)
    """
    text = " ".join(str(value).split())
    return text.replace("<", "‹").replace(">", "›")


def abbreviations(terms: list) -> dict[str, str]:
    """Acronym -> hover definition, for Python-Markdown's `abbr` extension (option `glossary`).

    The definitions are given as data, never as `*[SIGLE]: …` Markdown lines: no text from
    data/ is ever parsed as Markdown syntax.
    """
    return dict(_glossary(_entries(terms))[0])


def _entries(terms: list) -> tuple[tuple[str, str], ...]:
    """Each acronym and the text of its hover definition: its long form, else its definition."""
    return tuple((term.sigle, term.forme_longue or term.definition) for term in terms)


_MD_INERT = set("\\`*_{}[]()#+-.!|~:=^$<>&\"'")


def markdown_inert(value: object) -> Markup:
    """Text for a Markdown page that Markdown can't read as syntax: every punctuation mark
    Markdown or HTML could use (link, image, emphasis, tag, entity) becomes a numeric entity.

    For values dropped into hand-written pages by macros: `[x](javascript:…)` or `![](https://…)`
    typed in data/ shows as text, never as a link or a third-party image.
    """
    text = " ".join(str(value).split())
    return Markup("".join(f"&#{ord(c)};" if c in _MD_INERT else c for c in text))


def glossed(value: object, terms: list) -> Markup:
    """Escaped text where each glossary acronym becomes `<abbr title="…">` (hover definition).

    Acronyms are looked for in the raw text, and each piece is escaped afterwards: an acronym
    such as « 39 » can never match inside an entity like `&#39;`.
    """
    text = str(value)
    if not terms:
        return escape(text)
    titles, pattern = _glossary(_entries(terms))
    out, start = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[start : match.start()]))
        out.append(Markup('<abbr title="{}">{}</abbr>').format(titles[match.group(1)], match.group(1)))
        start = match.end()
    out.append(escape(text[start:]))
    return Markup("").join(out)


@lru_cache(maxsize=4)  # one glossary per build
def _glossary(entries: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], re.Pattern[str]]:
    """Hover definitions and the pattern that finds the acronyms, once per glossary (each page's
    texts are glossed one by one: thousands of calls per build)."""
    titles = {sigle: tooltip_text(text) for sigle, text in entries}
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(titles, key=len, reverse=True)) + r")(?![\w-])"
    )
    return titles, pattern


def anchor_id(value: object) -> str:
    """An HTML id from any text: `CDG 43` -> `cdg-43`; never empty, never with markup."""
    return "sigle-" + (slugify(str(value)) or "sans-lettre")


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def shown_text(value: object) -> str:
    """Text as HTML that Material can print raw, then copy as HTML once more, and still show as text.

    Escaped once (`&`, `<`, `>`); and a `<` that could open a tag (before a letter, `/`, `!` or
    `?`) becomes the look-alike `‹`. Material prints page titles and table-of-contents entries
    without escaping, and builds the tooltip of a cut-off title (header, navigation, table of
    contents) from the text shown, as HTML: after that first decoding, no `<` may start a tag.
    """
    text = _TAG_START.sub("‹", str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def front_matter_text(value: object) -> Markup:
    """A page title for the front matter, as a YAML double-quoted string, made by `shown_text`.

    The only filter that writes a `title:`, for every generated page type (filter `front_title`).
    MkDocs and Material print `page.title` without escaping (navigation, header, `<title>`,
    search results, tooltips): the title is given to them escaped once. Quotes are left as they
    are (Material escapes them where it needs). Characters YAML cannot carry raw (controls, line
    separators, bidi marks) are written as `\\uXXXX`; an emoji stays as it is.
    """
    text = shown_text(value)
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    out.append('"')
    return Markup("".join(out))


def date_fr(value: dt.date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


@cache  # the same few numbers appear on hundreds of pages, and parsing one takes ~80 µs
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
        sigle_anchor=anchor_id,
        front_title=front_matter_text,
        date_fr=date_fr,
        tel_href=tel_href,
        paragraphs=paragraphs,
        integer_fr=integer_fr,
        xml=xml_text,
        rfc3339=rfc3339,
        provenance=provenance_lines,
        by_name=by_name,
    )
    env.globals.update(Phase=list(Phase), Category=list(Category))
    return env


# ---------------------------------------------------------------------------
# Page builders
# ---------------------------------------------------------------------------


def by_name(items: Iterable[Any], attribute: str) -> list[Any]:
    """`{% for d in ds.domains | by_name("nom") %}`: French order (`sort_key`), never Jinja's `sort`."""
    return sorted(items, key=lambda item: sort_key(getattr(item, attribute)))


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text without the characters XML 1.0 forbids (escaping is left to autoescape)."""
    return _XML_INVALID.sub("", str(value))


def rfc3339(value: dt.datetime) -> str:
    """`2026-06-01T10:00:00Z`; a naive datetime is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
