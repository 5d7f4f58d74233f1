"""mkdocs-macros adapter (declared under `modules:`). Macros return escaped HTML from templates.

Pages opt in with `render_macros: true` in their front matter.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from inge43.pages import Site, domain_uri, environment, relative_url
from inge43.site_data import checked, data_dir_for


def define_env(env) -> None:
    def site() -> Site:
        return Site(checked(data_dir_for(Path(env.conf.config_file_path).parent)).dataset)

    def render(template: str, **context) -> Markup:
        here = env.page.file.src_uri

        def link(target: str, anchor: str = "") -> str:
            return relative_url(here, target, anchor)

        current = site()
        html = environment().get_template(template).render(site=current, ds=current.ds, link=link, **context)
        return Markup(html)

    @env.macro
    def chiffres_cles() -> Markup:
        """Key figures: partners, signatories, domains, communes."""
        return render("macros/figures.html.j2")

    @env.macro
    def liste_domaines() -> Markup:
        """The domains as a list of links, for the home page."""
        return render("macros/domains.html.j2", domain_uri=domain_uri)
