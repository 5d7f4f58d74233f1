"""mkdocs-macros adapter (declared under `modules:`). Macros return escaped HTML from templates.

They read the `SiteIndex` of the `inge43` plugin (mkdocs/plugin.py): the data is read once per build.
A value from data/ or mkdocs.yml lands in a Markdown page: it goes through `markdown_inert`,
so that no Markdown syntax (link, image, emphasis) can come from data.

Pages opt in with `render_macros: true` in their front matter.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup
from mkdocs_macros.plugin import MacrosPlugin

from inge43.generate.index import SiteIndex
from inge43.generate.templating import environment, markdown_inert
from inge43.generate.urls import domain_uri, relative_url
from inge43.mkdocs.plugin import Inge43Plugin

MacroFunction = Callable[..., Markup]


def define_env(env: MacrosPlugin) -> None:
    macro: Callable[[MacroFunction], MacroFunction] = env.macro  # mkdocs-macros leaves it unannotated

    def plugin() -> Inge43Plugin:
        """The `inge43` plugin of this build: its settings and its index."""
        instance = env.conf.plugins["inge43"]
        assert isinstance(instance, Inge43Plugin), "the inge43 plugin must be listed in mkdocs.yml"
        return instance

    def site() -> SiteIndex:
        """The index that the `inge43` plugin built for this build (one per build, shared with pages and PDFs)."""
        current = plugin().index
        assert current is not None, "the inge43 plugin must run before the pages are rendered"
        return current

    def render(template: str, **context: object) -> Markup:
        here = env.page.file.src_uri

        def link(target: str, anchor: str = "") -> str:
            return relative_url(here, target, anchor)

        current = site()
        html = environment().get_template(template).render(index=current, ds=current.ds, link=link, **context)
        return Markup(html)

    @macro
    def chiffres_cles() -> Markup:
        """Key figures: partners, signatories, domains, communes."""
        return render("macros/figures.html.j2")

    def missing() -> Markup:
        """A value nobody has published yet, said plainly with whom to call (never a to-do for visitors)."""
        return render("macros/missing.html.j2")

    @macro
    def reglage(key: str) -> Markup:
        """A legal setting (`legal` of the inge43 plugin in mkdocs.yml); empty: a plain « non publié » sentence."""
        value = plugin().config.legal.get(key)
        return markdown_inert(value) if value else missing()

    @macro
    def coordonnee(partner_id: str, field: str) -> Markup:
        """A contact field of a partner from data/partners.yml (one source of truth); empty: « non publié »."""
        partner = site().ds.partner_by_id.get(partner_id)
        value = getattr(partner.contact, field) if partner else None
        return markdown_inert(value) if value else missing()

    @macro
    def signaler_erreur() -> Markup:
        """« Signaler une erreur » for élus: the team's e-mail or form (`signalement` of the inge43
        plugin), else the report page, which works without an account (phone, letter)."""
        links = plugin().record_links()
        url = links.report_link(env.page.file.src_uri, env.page.title or "à propos")
        return render("macros/report.html.j2", url=url, by_mail=url.startswith("mailto:"))

    @macro
    def liste_domaines() -> Markup:
        """The domains as a list of links, for the home page."""
        return render("macros/domains.html.j2", domain_uri=domain_uri)
