"""What every page family shares: the page record, its table of contents, and the renderer.

Pages are HTML produced by Jinja templates (autoescape on), under a small front matter (the
title). They skip Markdown altogether: the MkDocs adapter hands their HTML and their table of
contents (`toc_tokens`) to MkDocs as they are. Nothing here knows of MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import unescape
from typing import TypedDict

from markupsafe import Markup

from ...read.model import Record
from ..index import SiteIndex
from ..links import RecordLinks
from ..templating import environment, glossed, shown_text
from ..urls import domain_uri, partner_uri, relative_url


@dataclass(frozen=True)
class Page:
    uri: str  # source path as MkDocs sees it, e.g. "partenaires/cdg-43.md"
    content: str  # front matter, then HTML (never Markdown)
    in_nav: bool = True
    # Page metadata the theme reads (overrides/main.html), e.g. `jsonld`: the schema.org record
    # that goes into <head>. Kept out of the article so instant navigation never runs it.
    meta: dict = field(default_factory=dict)


_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


class TocToken(TypedDict):
    """A heading in a table of contents, shaped like Python-Markdown's (and MkDocs') `toc_tokens`."""

    level: int
    id: str
    name: str
    children: list[TocToken]


def toc_tokens(html: str) -> list[TocToken]:
    """The table of contents of a generated page, nested like Python-Markdown's `toc_tokens`.

    Our templates write every heading as `<hN id="…">text</hN>`, with the text already escaped;
    the entry's name is that text written again by `shown_text`, like the page titles (Material
    prints it raw and may copy it into a tooltip as HTML).
    """
    root: list[TocToken] = []
    stack: list[TocToken] = []
    for level, anchor, inner in _HEADING.findall(html):
        name = shown_text(unescape(_TAG.sub("", inner)).strip())
        token: TocToken = {"level": int(level), "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def territory_map(
    index: SiteIndex,
    uri: str | None,
    codes: Iterable[str],
    to_confirm: Iterable[str] = (),
    *,
    label: str,
    legend: tuple[str, str] | None = None,
) -> Markup:
    """SVG map of the département with `codes` filled and `to_confirm` hatched; empty without outlines.

    Each commune links to its page from page `uri`; no links when `uri` is None (PDF).
    """
    if not index.maps:
        return Markup("")
    drawn = index.maps.territory_map(
        codes,
        to_confirm,
        label=label,
        link=(lambda code: relative_url(uri, index.commune_uri[code]) if code in index.commune_uri else None)
        if uri
        else None,
        **({"legend": legend} if legend else {}),
    )
    return drawn or Markup("")


class Renderer:
    """Renders a page family's context with the helpers every template uses (links relative to the
    page, glossary tooltips, maps) and the edit/report links of the build's settings."""

    def __init__(
        self,
        index: SiteIndex,
        links: RecordLinks | None = None,
        changed: dict[tuple[str, str], dt.date] | None = None,
    ) -> None:
        self.index = index
        self.links = links or RecordLinks()
        self.changed = changed or {}  # ("partner" | "domain", id) -> date of the last commit touching it

    def edit_links(self, record: Record | None, title: str, uri: str, *, editable: bool = True) -> dict:
        return self.links.for_record(self.index.ds, record, title, uri, editable=editable)

    def render(self, template: str, uri: str, **context: object) -> str:
        index = self.index

        def link(target: str, anchor: str = "") -> str:
            return relative_url(uri, target, anchor)

        def gloss(value: object) -> Markup:
            return glossed(value, index.ds.terms)

        def report_to(title: str, record: str | None = None) -> str:
            """« Signaler une erreur » from this page about `record` (an offer, a glossary term)."""
            return self.links.report_link(uri, title, record)

        def page_map(
            codes: Iterable[str],
            to_confirm: Iterable[str] = (),
            label: str = "Carte du territoire",
            legend: tuple[str, str] | None = None,
        ) -> Markup:
            """A map of a territory (e.g. an intercommunality), its communes linked to their pages."""
            return territory_map(index, uri, codes, to_confirm, label=label, legend=legend)

        return (
            environment()
            .get_template(template)
            .render(
                index=index,
                ds=index.ds,
                link=link,
                partner_uri=partner_uri,
                domain_uri=domain_uri,
                gloss=gloss,
                report_to=report_to,
                territory_map=page_map,
                **context,
            )
        )

    def letter_pages(
        self, template: str, groups: dict[str, list], letter_uri: Callable[[str], str], index_uri: str
    ) -> list[Page]:
        """One page per initial (out of the navigation), for an index split by initial."""
        return [
            Page(
                letter_uri(letter),
                self.render(
                    template,
                    letter_uri(letter),
                    letter=letter,
                    items=items,
                    letters=list(groups),
                    letter_uri=letter_uri,
                    index_page=index_uri,
                ),
                in_nav=False,
            )
            for letter, items in groups.items()
        ]


def render_error_page(report: str) -> str:
    """The page `mkdocs serve` shows instead of the site while the data has errors: the report."""
    return environment().get_template("data_errors.html.j2").render(report=report)
