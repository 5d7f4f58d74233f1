"""The reference pages: glossary, open data, the finder's page and the team's report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ...read.model import Phase
from ...read.text import sort_key
from .. import exports, finder, intercommunalities
from ..index import by_initial
from ..team_report import build_report
from ..urls import GLOSSARY, OPEN_DATA, REPORT_PAGE, TEAM_REPORT, glossary_letter_uri, relative_url
from .base import Page, Renderer

# Above this many terms, the glossary page lists the terms and their long forms, and the definitions
# go on one page per initial: with 94 sourced definitions the single page weighed 102 KB.
GLOSSARY_SPLIT_ABOVE = 80


def glossary_pages(r: Renderer) -> list[Page]:
    """The glossary: one page, or (above GLOSSARY_SPLIT_ABOVE terms) an index of the terms and
    one page of definitions per initial. The index keeps an anchor per term either way: search
    results and links to `glossaire/#sigle-…` still land on the term."""
    terms = by_initial(r.index.ds.terms, lambda t: t.sigle)
    split = len(r.index.ds.terms) > GLOSSARY_SPLIT_ABOVE
    index = Page(
        GLOSSARY,
        r.render("glossary.html.j2", GLOSSARY, by_letter=terms, split=split, letter_uri=glossary_letter_uri),
    )
    if not split:
        return [index]
    return [index, *r.letter_pages("glossary_letter.html.j2", terms, glossary_letter_uri, GLOSSARY)]


def open_data(r: Renderer) -> Page:
    return Page(OPEN_DATA, r.render("open_data.html.j2", OPEN_DATA, exports=exports))


def finder_page(r: Renderer) -> Page:
    """The finder's page (« Quel interlocuteur pour mon projet ? »), from templates/finder.html.j2."""
    content = r.render(
        "finder.html.j2",
        finder.FINDER_URI,
        domains=sorted(r.index.ds.domains, key=lambda d: sort_key(d.nom)),
        data_src=finder.FINDER_JSON.removeprefix("trouver/"),
        root=relative_url(finder.FINDER_URI, "index.md"),
        Phase=list(Phase),
    )
    return Page(finder.FINDER_URI, content)


def report_page(r: Renderer) -> Page:
    """« Signaler une erreur » without an account: by phone or letter to Ingé 43 (its sourced contact
    in data/partners.yml), the `signalement` setting when set, and the repository's issue form for
    those who have an account (when `depot` is set)."""
    setting = (r.links.signalement or "").strip()
    web = setting.startswith(("https://", "http://"))
    repository = r.links.repository
    return Page(
        REPORT_PAGE,
        r.render(
            "report_page.html.j2",
            REPORT_PAGE,
            entry_point=r.index.entry_point,
            by_mail=setting if setting and not web else None,
            form=setting if web else None,
            issue=repository.issue_form_url() if repository else None,
        ),
        in_nav=False,
    )


def team_report(r: Renderer, today: dt.date) -> Page:
    report = build_report(r.index.ds, today)
    # Partners grouped by the contact fields they lack, the groups in order of first appearance.
    missing_groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for pid, fields in report.missing_contact.items():
        missing_groups[tuple(fields)].append(pid)
    return Page(
        TEAM_REPORT,
        r.render(
            "team_report.html.j2",
            TEAM_REPORT,
            report=report,
            today=today,
            missing_groups=list(missing_groups.items()),
            intercommunality_views=intercommunalities.views(r.index.ds),
        ),
    )
