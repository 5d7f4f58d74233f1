"""Generated pages: one per partner, domain and commune, plus their index pages.

Pages are HTML produced by Jinja templates (autoescape on), under a small front matter
(the title). They skip Markdown altogether: the MkDocs adapter hands their HTML and their
table of contents (`toc_tokens`) to MkDocs as they are. This module knows nothing of MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypedDict, TypeVar
from urllib.parse import quote, urlencode

from markupsafe import Markup

from ..read.dataset import Dataset
from ..read.model import Category, Commune, Domain, Guide, Nature, Offer, Partner, Phase, Record, Step
from ..read.text import fold, slugify
from . import eligibility, exports, finder, intercommunalities
from .maps import MapMaker
from .templating import environment, glossed
from .urls import (
    BOOKLET_PDF,
    CHARTER,
    CHARTER_PDF,
    COMMUNES_INDEX,
    DOMAINS_INDEX,
    GLOSSARY,
    GUIDES_INDEX,
    OPEN_DATA,
    PARTNERS_INDEX,
    REPORT_PAGE,
    TEAM_REPORT,
    commune_uris,
    communes_letter_uri,
    domain_pdf,
    domain_uri,
    glossary_letter_uri,
    guide_pdf,
    guide_uri,
    page_url,
    partner_pdf,
    partner_uri,
    relative_url,
    site_file,
)

_T = TypeVar("_T")

COMMUNE_OFFERS_SHOWN = 5  # offers listed per domain on a commune page; the finder lists them all
# Above this many communes (a region: 4,000), the communes index no longer lists and maps every
# commune on one page (it weighed 1.2 MB): its map draws the intercommunalities, each linked to
# its page (which maps and lists its communes), and the A–Z list is split into one page per
# initial. Haute-Loire's 257 communes stay on one page, with the map of every commune.
COMMUNES_INDEX_SPLIT_ABOVE = 600
# Above this many terms, the glossary page lists the terms and their long forms, and the definitions
# go on one page per initial: with 94 sourced definitions the single page weighed 102 KB.
GLOSSARY_SPLIT_ABOVE = 80
# A domain page details the first offers of each phase (in the page's order: Ingé 43, then the
# charter's signatories…); the others are listed on one line each, linked to their partner's page,
# and the finder shows them all. At region scale a domain has about 60 offers: all detailed, the
# page weighed 130 KB (issue 11: no page over 100 KB).
DOMAIN_OFFERS_DETAILED_PER_PHASE = 4
# General funding (offers of the « financement » domain) listed on every other domain page; the
# rest is on the financing domain's page, which the list links to.
GENERAL_FUNDING_SHOWN = 6


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

    Our templates write every heading as `<hN id="…">text</hN>`, with the text already escaped.
    """
    root: list[TocToken] = []
    stack: list[TocToken] = []
    for level, anchor, inner in _HEADING.findall(html):
        token: TocToken = {"level": int(level), "id": anchor, "name": _TAG.sub("", inner).strip(), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


@dataclass(frozen=True)
class Repository:
    """Where agents edit the data: the `depot` setting of the inge43 plugin in mkdocs.yml."""

    url: str  # e.g. https://github.com/organisation/depot
    branch: str = "main"
    data_dir: str = "data"  # the data folder's path inside the repository

    def edit_url(self, source: tuple[str, int]) -> str:
        name, line = source
        return f"{self.url.rstrip('/')}/edit/{self.branch}/{self.data_dir}/{name}#L{line}"

    def issue_form_url(self) -> str:
        """The repository's « Signaler une erreur » issue form (.github/ISSUE_TEMPLATE/erreur-fiche.md)."""
        return f"{self.url.rstrip('/')}/issues/new?" + urlencode(
            {"template": "erreur-fiche.md", "labels": "erreur-fiche"}
        )


def report_url(setting: str | None, title: str, page: str, record: str | None = None) -> str | None:
    """Where an élu reports an error when the `signalement` setting is set: a form's address as it is,
    or an e-mail as a `mailto:` link whose subject and body name the page and the record.

    None when the setting is empty: pages then link to the report page (REPORT_PAGE), which needs
    no account (phone, letter, and the repository's form for those who have one)."""
    setting = (setting or "").strip()
    if not setting:
        return None
    if setting.startswith(("https://", "http://")):
        return setting
    what = f"Fiche : {record}\n" if record and record != title else ""
    query = urlencode(
        {
            "subject": f"Erreur sur le site Ingé 43 : {title}",
            "body": f"Page : {page}\n{what}\nCe qui est faux :\n\nLa bonne information :\n\nSource (si vous en avez une) :\n",
        },
        quote_via=quote,
    )
    return f"mailto:{setting}?{query}"


# ---------------------------------------------------------------------------
# Filters and helpers used by templates
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferRef:
    partner: Partner
    offer: Offer


class Site:
    """The data arranged for pages: indexes computed once, shared by every template."""

    def __init__(
        self,
        dataset: Dataset,
        repository: Repository | None = None,
        changed: dict[tuple[str, str], dt.date] | None = None,
        signalement: str | None = None,
    ):
        self.ds = dataset
        self.repository = repository
        self.signalement = signalement  # `signalement` setting: the team's e-mail or form for error reports
        self.changed = changed or {}  # ("partner" | "domain", id) -> date of the last commit touching it
        self.partners = eligibility.sort_partners(dataset.partners)
        self.entry_point = next((p for p in self.partners if p.guichet_unique), None)
        self.commune_uri = commune_uris(dataset)
        self.maps = MapMaker(dataset, dataset.contours) if dataset.contours else None  # None: no outlines, no map
        self.offers_by_domain: dict[str, list[OfferRef]] = defaultdict(list)
        for partner in self.partners:
            for offer in partner.offres:
                for domain_id in offer.domaines:
                    self.offers_by_domain[domain_id].append(OfferRef(partner, offer))

    def report_link(self, uri: str, title: str, record: str | None = None) -> str:
        """« Signaler une erreur » from page `uri` about `record` (an offer, a term…; default: the page):
        the `signalement` setting, else the report page, which works without an account."""
        return report_url(self.signalement, title, page_url(uri), record) or relative_url(uri, REPORT_PAGE)

    def edit_links(self, record: Record | None, title: str, uri: str, *, editable: bool = True) -> dict:
        """The "Modifier cette fiche" (agents, with the repository) and "Signaler une erreur" (anyone)
        addresses of a record's page.

        Generated files (communes) are not edited by hand: they only get "Signaler une erreur".
        """
        source = self.ds.source_of(record) if record else None
        return {
            "edit": self.repository.edit_url(source) if self.repository and source and editable else None,
            "issue": self.report_link(uri, title),
        }

    def render(self, template: str, uri: str, **context: object) -> str:
        def link(target: str, anchor: str = "") -> str:
            return relative_url(uri, target, anchor)

        def gloss(value: object) -> Markup:
            return glossed(value, self.ds.terms)

        def report_to(title: str, record: str | None = None) -> str:
            """« Signaler une erreur » from this page about `record` (see report_link)."""
            return self.report_link(uri, title, record)

        def territory_map(
            codes: Iterable[str],
            to_confirm: Iterable[str] = (),
            label: str = "Carte du territoire",
            legend: tuple[str, str] | None = None,
        ) -> Markup:
            """A map of a territory (e.g. an intercommunality), its communes linked to their pages."""
            return self.territory_map(uri, codes, to_confirm, label=label, legend=legend)

        return (
            environment()
            .get_template(template)
            .render(
                site=self,
                ds=self.ds,
                link=link,
                partner_uri=partner_uri,
                domain_uri=domain_uri,
                gloss=gloss,
                report_to=report_to,
                territory_map=territory_map,
                **context,
            )
        )

    # -- maps -----------------------------------------------------------------

    def territory_map(
        self,
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
        if not self.maps:
            return Markup("")
        drawn = self.maps.territory_map(
            codes,
            to_confirm,
            label=label,
            link=(lambda code: relative_url(uri, self.commune_uri[code]) if code in self.commune_uri else None)
            if uri
            else None,
            **({"legend": legend} if legend else {}),
        )
        return drawn or Markup("")

    def partner_map(self, partner: Partner, uri: str | None) -> Markup:
        """The territory a partner covers (parks: named communes and communes « à confirmer »)."""
        if not self.maps or (sets := self.maps.territory_of(partner.territoire)) is None:
            return Markup("")
        named, doubtful = sets
        legend = ("Communes nommées par les sources", "Communes à confirmer") if partner.territoire.pnr else None
        return self.territory_map(
            uri, named, doubtful, label=f"Carte du territoire couvert par {partner.nom}", legend=legend
        )

    # -- partners -----------------------------------------------------------

    def partner_page(self, partner: Partner) -> Page:
        uri = partner_uri(partner)
        # Offers arranged as a domain x phase grid; an offer shows in every cell it belongs to.
        grid: dict[str, dict[Phase, list[Offer]]] = {}
        for offer in partner.offres:
            for domain_id in offer.domaines:
                row = grid.setdefault(domain_id, {phase: [] for phase in Phase})
                for phase in offer.phases:
                    row[phase].append(offer)
        return Page(
            uri,
            self.render(
                "partner.html.j2",
                uri,
                partner=partner,
                grid=grid,
                territory_svg=self.partner_map(partner, uri),
                vcard=site_file(uri, f"donnees/vcard/{partner.id}.vcf"),
                pdf=site_file(uri, partner_pdf(partner)),
                changed=self.changed.get(("partner", partner.id)),
                edit=self.edit_links(partner, partner.nom, uri),
            ),
            # Out of the navigation, like communes: MkDocs repeats the whole navigation in every
            # page, so a page would grow with each partner. The partners' index lists them all.
            in_nav=False,
            meta={"jsonld": exports.json_ld(partner)},
        )

    def partners_index(self) -> Page:
        signatories = [p for p in self.partners if p.signataire_charte]
        others = [p for p in self.partners if not p.signataire_charte]
        groups = []
        for title, members in (("Signataires de la charte Ingé 43", signatories), ("Autres partenaires", others)):
            by_category = defaultdict(list)
            for partner in members:
                by_category[partner.categorie].append(partner)
            groups.append((title, [(c, by_category[c]) for c in Category if by_category[c]]))
        return Page(PARTNERS_INDEX, self.render("partners_index.html.j2", PARTNERS_INDEX, groups=groups))

    # -- domains ------------------------------------------------------------

    def domain_page(self, domain: Domain) -> Page:
        uri = domain_uri(domain)
        by_phase = {phase: [r for r in self.offers_by_domain[domain.id] if phase in r.offer.phases] for phase in Phase}
        return Page(
            uri,
            self.render(
                "domain.html.j2",
                uri,
                domain=domain,
                by_phase=by_phase,
                edit=self.edit_links(domain, domain.nom, uri),
                changed=self.changed.get(("domain", domain.id)),
                pdf=site_file(uri, domain_pdf(domain)),
                **_domain_page_context(self, domain, uri),
            ),
        )

    def domains_index(self) -> Page:
        domains = sorted(self.ds.domains, key=lambda d: slugify(d.nom))
        return Page(DOMAINS_INDEX, self.render("domains_index.html.j2", DOMAINS_INDEX, domains=domains))

    # -- communes -----------------------------------------------------------

    def commune_page(self, commune: Commune) -> Page:
        uri = self.commune_uri[commune.code]
        # Ingé 43, the charter's signatories and the partners of this commune's own territory (park,
        # arrondissement, intercommunality…) are listed; those that cover the whole département are
        # counted and linked: they are the same on every commune page, and a page must stay light
        # when there are hundreds of them.
        covering = eligibility.partners_for(self.ds, commune)
        partners = [p for p in covering if p.guichet_unique or p.signataire_charte or not p.territoire.departement]
        return Page(
            uri,
            self.render(
                "commune.html.j2",
                uri,
                commune=commune,
                epci=self.ds.epci_by_code.get(commune.epci or ""),
                interco=intercommunalities.of_commune(self.ds, commune),
                arrondissement=self.ds.arrondissement_by_code.get(commune.arrondissement or ""),
                parks=eligibility.parks_of(self.ds, commune),
                partners=partners,
                elsewhere=len(covering) - len(partners),
                partners_index=PARTNERS_INDEX,
                offers_shown=COMMUNE_OFFERS_SHOWN,
                locator=self.maps.locator(commune) if self.maps else None,
                edit=self.edit_links(commune, commune.nom, uri, editable=False),
                **_commune_page_context(self, commune, uri),
            ),
            in_nav=False,
        )

    # -- intercommunalities -------------------------------------------------------

    def intercommunality_page(self, view: intercommunalities.InterView) -> Page:
        seat_code = view.record.siege if view.record else None
        population = sum(c.population or 0 for c in view.members)
        return Page(
            view.uri,
            self.render(
                "intercommunality.html.j2",
                view.uri,
                view=view,
                seat=self.ds.commune_by_code.get(seat_code or ""),
                population=population,
                members_map=self.territory_map(
                    view.uri,
                    [c.code for c in view.members],
                    label=f"Carte des communes de {view.name}",
                    legend=("Communes membres", "Communes à confirmer"),
                ),
                edit=self.edit_links(view.record, view.name, view.uri),
            ),
            in_nav=False,  # like partner pages: reached through their index and the commune pages
        )

    def intercommunality_views(self) -> list[intercommunalities.InterView]:
        """Every intercommunality, in A–Z order."""
        return sorted(intercommunalities.views(self.ds).values(), key=lambda v: slugify(v.epci.nom))

    def intercommunalities_index(self) -> Page:
        ordered = self.intercommunality_views()
        uri = intercommunalities.INTERCOS_INDEX
        return Page(uri, self.render("intercommunalities_index.html.j2", uri, views=ordered))

    def commune_letters(self) -> dict[str, list[Commune]]:
        """Communes by initial (A–Z order); a name without letters goes with the digits."""
        return _by_initial(self.ds.communes, lambda c: c.nom)

    def communes_split(self) -> bool:
        """Whether the communes index links to one page per initial instead of listing every commune."""
        return len(self.ds.communes) > COMMUNES_INDEX_SPLIT_ABOVE

    def communes_index(self) -> Page:
        letters = self.commune_letters()
        communes_map = None
        split = self.communes_split()
        views = intercommunalities.views(self.ds)
        if self.maps and split:
            communes_map = self.maps.intercommunalities_map(
                lambda code: relative_url(COMMUNES_INDEX, views[code].uri) if code in views else None
            )
        elif self.maps:
            communes_map = self.maps.communes_map(lambda code: relative_url(COMMUNES_INDEX, self.commune_uri[code]))
        return Page(
            COMMUNES_INDEX,
            self.render(
                "communes_index.html.j2",
                COMMUNES_INDEX,
                letters=letters,
                communes_map=communes_map,
                split=split,
                letter_uri=communes_letter_uri,
            ),
        )

    def communes_letter_pages(self) -> list[Page]:
        """One page per initial, when the communes are too many for one index page (a region)."""
        if not self.communes_split():
            return []
        return self._letter_pages(
            "communes_letter.html.j2", self.commune_letters(), communes_letter_uri, COMMUNES_INDEX
        )

    def _letter_pages(
        self, template: str, groups: dict[str, list], letter_uri: Callable[[str], str], index: str
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
                    index=index,
                ),
                in_nav=False,
            )
            for letter, items in groups.items()
        ]

    # -- glossary and team report ----------------------------------------------

    def glossary_pages(self) -> list[Page]:
        """The glossary: one page, or (above GLOSSARY_SPLIT_ABOVE terms) an index of the terms and
        one page of definitions per initial. The index keeps an anchor per term either way: search
        results and links to `glossaire/#sigle-…` still land on the term."""
        by_letter = _by_initial(self.ds.terms, lambda t: t.sigle)
        split = len(self.ds.terms) > GLOSSARY_SPLIT_ABOVE
        index = Page(
            GLOSSARY,
            self.render("glossary.html.j2", GLOSSARY, by_letter=by_letter, split=split, letter_uri=glossary_letter_uri),
        )
        if not split:
            return [index]
        return [index, *self._letter_pages("glossary_letter.html.j2", by_letter, glossary_letter_uri, GLOSSARY)]

    def open_data(self) -> Page:
        return Page(OPEN_DATA, self.render("open_data.html.j2", OPEN_DATA, exports=exports))

    # -- guides and charter ---------------------------------------------------

    @property
    def guides(self) -> list[Guide]:
        return sorted(self.ds.guides, key=lambda g: (g.id != "projet-communal", slugify(g.titre)))

    def guide_steps(self, guide: Guide) -> list[tuple[Phase, list[tuple[int, Step]]]]:
        """Steps grouped by phase, numbered through the whole guide, phases in project order."""
        numbered = list(enumerate(sorted(guide.etapes, key=lambda s: list(Phase).index(s.phase)), start=1))
        return [
            (phase, [(n, s) for n, s in numbered if s.phase is phase])
            for phase in Phase
            if any(s.phase is phase for _, s in numbered)
        ]

    def offer_index(self) -> dict[tuple[str, str], Offer]:
        return {(p.id, o.id): o for p in self.ds.partners for o in p.offres}

    def guide_page(self, guide: Guide) -> Page:
        uri = guide_uri(guide)
        return Page(
            uri,
            self.render(
                "guide.html.j2",
                uri,
                guide=guide,
                by_phase=self.guide_steps(guide),
                offers=self.offer_index(),
                domains=[self.ds.domain_by_id[d] for d in guide.domaines if d in self.ds.domain_by_id],
                pdf=site_file(uri, guide_pdf(guide)),
                edit=self.edit_links(guide, guide.titre, uri),
            ),
        )

    def guides_index(self) -> Page:
        return Page(
            GUIDES_INDEX,
            self.render(
                "guides_index.html.j2", GUIDES_INDEX, guides=self.guides, booklet=site_file(GUIDES_INDEX, BOOKLET_PDF)
            ),
        )

    def charter_page(self) -> Page | None:
        charter = self.ds.charter
        if charter is None:
            return None
        signatories = [self.ds.partner_by_id[p] for p in charter.signataires if p in self.ds.partner_by_id]
        return Page(
            CHARTER,
            self.render(
                "charter.html.j2",
                CHARTER,
                charter=charter,
                signatories=eligibility.sort_partners(signatories),
                commitments={c.partenaire: c for c in charter.engagements},
                pdf=site_file(CHARTER, CHARTER_PDF),
                edit=self.edit_links(charter, "Charte d'engagement", CHARTER),
            ),
        )

    def report_page(self) -> Page:
        """« Signaler une erreur » without an account: by phone or letter to Ingé 43 (its sourced
        contact in data/partners.yml), the `signalement` setting when set, and the repository's
        issue form for those who have an account (when `depot` is set)."""
        setting = (self.signalement or "").strip()
        return Page(
            REPORT_PAGE,
            self.render(
                "report_page.html.j2",
                REPORT_PAGE,
                entry_point=self.entry_point,
                by_mail=setting if setting and not setting.startswith(("https://", "http://")) else None,
                form=setting if setting.startswith(("https://", "http://")) else None,
                issue=self.repository.issue_form_url() if self.repository else None,
            ),
            in_nav=False,
        )

    def team_report(self, today: dt.date) -> Page:
        from .team_report import build_report

        report = build_report(self.ds, today)
        # Partners grouped by the contact fields they lack, the groups in order of first appearance.
        missing_groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for pid, fields in report.missing_contact.items():
            missing_groups[tuple(fields)].append(pid)
        return Page(
            TEAM_REPORT,
            self.render(
                "team_report.html.j2",
                TEAM_REPORT,
                report=report,
                today=today,
                missing_groups=list(missing_groups.items()),
            ),
        )


# ---------------------------------------------------------------------------
# Domain and commune pages: what they show besides the partners
# ---------------------------------------------------------------------------


def _domain_page_context(site: Site, domain: Domain, uri: str) -> dict:
    """Template values for a domain page: the phase table, what to prepare, funding, guides, links.

    `site` is the `pages.Site` building the page (its partners are already in display order).
    """
    refs = site.offers_by_domain[domain.id]
    rows = []
    for partner in site.partners:
        offers = [r.offer for r in refs if r.partner is partner]
        if offers:
            rows.append((partner, {phase: [o for o in offers if phase in o.phases] for phase in Phase}))
    own_funding = [r for r in refs if r.offer.nature is Nature.FINANCEMENT]
    general_funding = []
    if domain.id != finder.FINANCING_DOMAIN:
        general_funding = [r for r in site.offers_by_domain[finder.FINANCING_DOMAIN] if r not in own_funding]
    financing_page = domain.id != finder.FINANCING_DOMAIN and finder.FINANCING_DOMAIN in site.ds.domain_by_id
    keywords: dict[str, str] = {}
    for word in domain.mots_cles:
        keywords.setdefault(fold(word), word)
    detailed = {(r.partner.id, r.offer.id) for r in _detailed_offers(refs, DOMAIN_OFFERS_DETAILED_PER_PHASE)}
    return {
        "phase_rows": rows,
        "phases_without_offer": [phase for phase in Phase if not any(phase in r.offer.phases for r in refs)],
        "offers": refs,
        "detailed": [r for r in refs if (r.partner.id, r.offer.id) in detailed],
        "others": [r for r in refs if (r.partner.id, r.offer.id) not in detailed],
        "to_prepare": [r for r in refs if r.offer.a_preparer and (r.partner.id, r.offer.id) in detailed],
        "own_funding": own_funding,
        # Cut only when the financing domain has its page, where the rest is listed.
        "general_funding": general_funding[:GENERAL_FUNDING_SHOWN] if financing_page else general_funding,
        "general_funding_more": max(0, len(general_funding) - GENERAL_FUNDING_SHOWN) if financing_page else 0,
        "financing_domain": site.ds.domain_by_id.get(finder.FINANCING_DOMAIN)
        if domain.id != finder.FINANCING_DOMAIN
        else None,
        "related_guides": sorted((g for g in site.ds.guides if domain.id in g.domaines), key=lambda g: fold(g.titre)),
        "guide_uri": guide_uri,
        "aides_territoires": finder.aides_territoires_url(domain),
        "aides_keyword": domain.mots_cles[0] if domain.mots_cles else domain.nom,
        "finder": finder.finder_link(uri, project=domain.id),
        "keywords": list(keywords.values()),
        # Intercommunalities that a source says hold this domain's competence (nothing guessed).
        "holders": [
            (view, view.competences_for(domain.id))
            for view in sorted(intercommunalities.views(site.ds).values(), key=lambda v: slugify(v.epci.nom))
            if view.competences_for(domain.id)
        ],
    }


def _detailed_offers(refs: list[OfferRef], per_phase: int) -> list[OfferRef]:
    """The offers a domain page details: the first `per_phase` of each phase, in the page's order."""
    chosen: dict[tuple[str, str], OfferRef] = {}
    for phase in Phase:
        for ref in [r for r in refs if phase in r.offer.phases][:per_phase]:
            chosen.setdefault((ref.partner.id, ref.offer.id), ref)
    return list(chosen.values())


def _commune_page_context(site: Site, commune: Commune, uri: str) -> dict:
    """Template values for a commune page: the offers it is eligible for, by domain, and the finder."""
    return {
        "offers_by_domain": finder.commune_offers_by_domain(site.ds, commune),
        "finder": finder.finder_link(uri, commune=finder.commune_slug(uri)),
    }


def finder_page(site: Site) -> Page:
    """The finder's page (« Quel interlocuteur pour mon projet ? »), from templates/finder.html.j2."""
    domains = sorted(site.ds.domains, key=lambda d: fold(d.nom))
    content = site.render(
        "finder.html.j2",
        finder.FINDER_URI,
        domains=domains,
        data_src=finder.FINDER_JSON.removeprefix("trouver/"),
        root=relative_url(finder.FINDER_URI, "index.md"),
        Phase=list(Phase),
    )
    return Page(finder.FINDER_URI, content)


def _by_initial(items: Iterable[_T], name: Callable[[_T], str]) -> dict[str, list[_T]]:
    """Items in A–Z order of their name, grouped by initial; a name without letters goes with the digits."""
    groups: dict[str, list[_T]] = defaultdict(list)
    for item in sorted(items, key=lambda i: slugify(name(i))):
        groups[(slugify(name(item)) or "0")[0].upper()].append(item)
    return dict(groups)


def build_pages(site: Site, today: dt.date) -> list[Page]:
    """Every generated page of the site, index pages first."""
    pages = [
        site.partners_index(),
        site.domains_index(),
        site.communes_index(),
        *site.glossary_pages(),
        site.open_data(),
    ]
    pages += [site.guides_index(), *(site.guide_page(g) for g in site.guides)]
    if charter := site.charter_page():
        pages.append(charter)
    pages.append(site.team_report(today))
    pages.append(site.report_page())
    pages.append(finder_page(site))  # « Quel interlocuteur pour mon projet ? »
    pages += [site.partner_page(p) for p in site.partners]
    pages += [site.domain_page(d) for d in sorted(site.ds.domains, key=lambda d: slugify(d.nom))]
    pages.append(site.intercommunalities_index())
    pages += [
        site.intercommunality_page(v)
        for v in sorted(intercommunalities.views(site.ds).values(), key=lambda v: slugify(v.epci.nom))
    ]
    pages += site.communes_letter_pages()
    pages += [site.commune_page(c) for c in sorted(site.ds.communes, key=lambda c: slugify(c.nom))]
    return pages


def render_error_page(report: str) -> str:
    """The page `mkdocs serve` shows instead of the site while the data has errors: the report."""
    return environment().get_template("data_errors.html.j2").render(report=report)


def nav_children(pages: list[Page]) -> dict[str, list[str]]:
    """For each generated index page, the generated pages listed under it in the navigation."""
    children: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        folder = page.uri.split("/")[0]
        index = f"{folder}/index.md"
        if page.in_nav and page.uri != index:
            children[index].append(page.uri)
    return dict(children)
