"""The MkDocs adapter: the `inge43` plugin (entry point `mkdocs.plugins`, listed in mkdocs.yml).

It only wires MkDocs events to the package, and keeps the state of one build on the instance:

- on_startup: remembers whether this is `mkdocs serve`, which serves the French report as the
  site while the data is broken (`mkdocs build` stops with it);
- on_config: read and check the data once (stop with the French report on error), build the
  one `SiteIndex` of this build, render the generated pages and files, add them to the navigation;
- on_files: hand MkDocs the generated pages and files (`File.generated`: nothing is written into docs/);
- on_pre_page / on_page_markdown / on_page_content: generated pages are HTML already, so they
  skip Markdown (no parser is even set up for them):
  their HTML and table of contents go to MkDocs as they are, their metadata (JSON-LD) to the
  theme's <head>; hand-written pages go through Markdown;
- on_env: the theme's templates compiled once on disk (`.cache/jinja/`), and the navigation drawn
  once per folder for pages out of it (overrides/partials/nav.html);
- on_serve: `mkdocs serve` watches the data folder actually read and looks for changes every 0.1 s;
- on_post_page: the HTML's useless whitespace removed (generate/whitespace);
- on_post_build: additions to the search index (generate/search.py), the print-ready PDFs (cached on disk by content, see generate/pdf.py).

The glossary's hover definitions are given to Python-Markdown's `abbr` extension as data
(option `glossary`), never as Markdown text built from data/.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from watchdog.observers.polling import PollingObserverVFS

from inge43.check.registry import run_checks
from inge43.check.report import format_text
from inge43.check.settings import setting_problems
from inge43.generate.exports import open_data_files
from inge43.generate.finder import fallback_contact, finder_files
from inge43.generate.history import data_changes, head_time, record_dates, render_feed
from inge43.generate.index import SiteIndex
from inge43.generate.links import RecordLinks, Repository
from inge43.generate.maps import LOCATOR_LAND
from inge43.generate.pages import Page, Renderer, build_pages, nav_children, render_error_page, toc_tokens
from inge43.generate.pdf import write_pdfs
from inge43.generate.search import rewrite_index_file
from inge43.generate.templating import abbreviations, environment
from inge43.generate.whitespace import collapse_whitespace
from inge43.read.dataset import Dataset
from inge43.read.problems import printable
from inge43.read.search_rules import RULES_SCRIPT, rules_script

SERVE_POLLING_SECONDS = 0.1  # how often `mkdocs serve` looks for changed files (MkDocs: 0.5 s)


class DataErrors(Abort, SystemExit):
    """Stops a build with the French report, never a traceback: `mkdocs build` prints an Abort's
    message, and `mkdocs serve` prints a SystemExit's message when a rebuild fails (it prints the
    traceback of any other exception)."""


class RepositoryConfig(base.Config):
    """Where agents edit the data: « Modifier cette fiche » and the repository's issue form."""

    url = c.Type(str, default="")  # e.g. https://github.com/organisation/depot; empty: no edit links
    branche = c.Type(str, default="main")


class LegalConfig(base.Config):
    """Settings of the legal pages; empty: the page says « non publié à ce jour » and whom to call."""

    directeur_publication = c.Type(str, default="")
    hebergeur = c.Type(str, default="")
    contact_accessibilite = c.Type(str, default="")
    statut_accessibilite = c.Choice(
        ("non conforme", "partiellement conforme", "totalement conforme"), default="non conforme"
    )


class Inge43Config(base.Config):
    data_dir = c.Type(str, default="data")  # relative to mkdocs.yml; INGE43_DATA overrides it (tests)
    cache_dir = c.Type(str, default=".cache")  # rendered PDFs, by content (ignored by git)
    pdf = c.Type(bool, default=True)  # print-ready PDFs in the built site
    depot = c.SubConfig(RepositoryConfig)
    signalement = c.Type(str, default="")  # the team's e-mail or form for « Signaler une erreur »
    legal = c.SubConfig(LegalConfig)


class Inge43Plugin(BasePlugin[Inge43Config]):
    def __init__(self) -> None:
        self.index: SiteIndex | None = None  # the one index of this build: pages, macros and PDFs read it
        self.pages: list[Page] = []
        self.files: dict[str, str] = {}  # generated files other than pages: open data, finder JSON, feed
        self._generated: set[str] = set()  # source paths of the generated (HTML) pages
        self._html: dict[str, str] = {}  # generated page -> its HTML, between on_page_markdown and on_page_content
        self._epoch_before: str | None = None
        self._meta: dict[str, dict] = {}  # generated page -> metadata for the theme (overrides/main.html)
        self.serving = False  # `mkdocs serve`: broken data shows its report in the browser
        self.broken: str | None = None  # the French report while the data is broken (serve only)

    def record_links(self) -> RecordLinks:
        """The settings behind « Modifier cette fiche » and « Signaler une erreur »."""
        return RecordLinks(self.repository(), self.config.signalement or None)

    def repository(self) -> Repository | None:
        """The `depot` setting: the repository where agents edit the data (empty: no edit links)."""
        if not self.config.depot.url:
            return None
        return Repository(url=self.config.depot.url, branch=self.config.depot.branche or "main")

    # -- paths --------------------------------------------------------------------------------

    def project_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def _cache(self, config: MkDocsConfig, kind: str) -> Path:
        """A folder of `cache_dir` (ignored by git), made if needed."""
        folder = self.project_dir(config) / self.config.cache_dir / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def data_dir(self, config: MkDocsConfig) -> Path:
        return Path(os.environ.get("INGE43_DATA") or self.project_dir(config) / self.config.data_dir).resolve()

    # -- events -------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Settings that end up in links (edit links, feed, canonical addresses): https only.
        refused = setting_problems(config.site_url, self.config.depot.url, self.config.signalement)
        if refused:
            raise DataErrors(
                "Le site n'est pas construit : un réglage n'est pas une adresse sûre.\n\n" + "\n\n".join(refused)
            )
        data_dir = self.data_dir(config)
        result = run_checks(data_dir)
        self.broken = None
        if not result.ok:
            report = "Le site n'est pas construit : les données contiennent des erreurs.\n\n" + format_text(
                result.collector, errors_only=True
            )
            if not self.serving:
                raise DataErrors(report)
            # `mkdocs serve`: the site is this report alone, until the data is fixed and saved
            # (the browser reloads by itself), instead of a server that stops or a page that waits.
            print(report, file=sys.stderr)
            self.broken = report
            self.index, self.pages, self.files, self._meta = None, [], {}, {}
            self._generated = {"index.md"}
            config.nav = None
            return config
        try:
            self._generate(config, result.dataset, data_dir)
        except Exception as exc:
            if os.environ.get("INGE43_DEBUG"):
                raise
            # Data that passed the checks yet breaks a page is our bug: say so in French, as the
            # checks do for a crashing rule, rather than print a traceback to an agent.
            raise DataErrors(
                "Le site n'est pas construit : la fabrication des pages a échoué "
                f"({type(exc).__name__} : {printable(exc)}).\n"
                "Ce n'est sans doute pas une erreur dans vos données : signalez-la à l'équipe technique "
                "(le détail technique s'affiche avec INGE43_DEBUG=1)."
            ) from None
        if config.nav:
            config.nav = _expand_nav(config.nav, nav_children(self.pages))
        return config

    def _generate(self, config: MkDocsConfig, dataset: Dataset, data_dir: Path) -> None:
        # The project's own templates, compiled once per process (Jinja keeps them in the environment)
        # and kept on disk between builds like the theme's (see on_env): a cold build does not compile them.
        project_templates = environment()
        if project_templates.bytecode_cache is None:
            project_templates.bytecode_cache = FileSystemBytecodeCache(str(self._cache(config, "jinja-inge43")))
        build_date = self._pin_build_date(self.project_dir(config), dataset)
        self.index = SiteIndex(dataset)
        links = self.record_links()
        self.pages = build_pages(Renderer(self.index, links, record_dates(data_dir, dataset)), today=build_date)
        self._generated = {page.uri for page in self.pages}
        self._meta = {page.uri: page.meta for page in self.pages if page.meta}  # e.g. JSON-LD, for <head>
        # Hover definitions of the glossary's acronyms on hand-written pages: Python-Markdown's
        # `abbr` builds each <abbr title="…"> as an element, so the definition is escaped like any attribute.
        config.mdx_configs["abbr"] = {
            **(config.mdx_configs.get("abbr") or {}),
            "glossary": abbreviations(dataset.terms),
        }
        self.files = {
            **open_data_files(dataset),
            "flux.xml": render_feed(
                data_changes(data_dir, current=dataset, warn=_warn, cache_dir=self._cache(config, "history")),
                config.site_url or "",
                None,
            ),
            **finder_files(dataset),
            RULES_SCRIPT: rules_script(),  # the search's rulebook, for inge43-text.js and the search worker
        }
        if self.index.maps:  # the département's outline, drawn from this one file by every commune's locator
            self.files[LOCATOR_LAND] = self.index.maps.locator_land()
        # Who to call when a search finds nothing (overrides/main.html, docs/assets/search-fallback.js).
        config.extra["inge43_repli"] = fallback_contact(dataset)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # The theme's templates, compiled once and kept on disk: `mkdocs serve` makes a new theme
        # environment for every rebuild, and compiling Material's templates again takes ~0.2 s.
        env.bytecode_cache = FileSystemBytecodeCache(str(self._cache(config, "jinja")))
        # overrides/partials/nav.html draws the navigation once per folder for pages out of it, and
        # reaches the theme's own template as `theme/partials/nav.html`.
        theme_dirs = [d for d in config.theme.dirs if d != config.theme.custom_dir]
        assert env.loader is not None  # MkDocs' theme loader
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"theme": FileSystemLoader(theme_dirs)})])
        env.globals["inge43_shared_nav"] = {}  # folder -> navigation HTML, for this build only
        return env

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        """`mkdocs serve`: watch the data folder this build reads (INGE43_DATA included), and look for
        changed files every 0.1 s instead of MkDocs' 0.5 s, so that a saved edit shows sooner, without
        ever following a symbolic link.

        The paths MkDocs watches already are moved to the quicker observer with the server's own
        `unwatch`/`watch`; mkdocs.yml's `watch:` list is added by MkDocs after this event."""
        moved = []
        for path in [config.docs_dir, config.config_file_path, *config.theme.dirs]:
            with contextlib.suppress(KeyError):  # KeyError: MkDocs does not watch it (e.g. theme without --watch-theme)
                server.unwatch(path)
                moved.append(path)
        # `os.lstat`: a link is watched as a link, never followed (two links to `.` in data/ once
        # made the watcher walk an endless tree until memory ran out; the checker refuses them too).
        server.observer = PollingObserverVFS(stat=os.lstat, listdir=os.scandir, polling_interval=SERVE_POLLING_SECONDS)  # type: ignore[assignment]
        for path in [*moved, str(self.data_dir(config))]:
            server.watch(path)
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.broken is not None:
            kept = Files([f for f in files if not f.is_documentation_page()])
            content = render_error_page(self.broken)
            kept.append(File.generated(config, "index.md", content=content))
            return kept
        for page in self.pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.uri, content=page.content, inclusion=inclusion))
        for path, content in self.files.items():
            files.append(File.generated(config, path, content=content))
        self.pages, self.files = [], {}  # MkDocs holds them now: one copy in memory, not two
        return files

    def on_pre_page(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> MkDocsPage:
        if page.file.src_uri in self._generated:
            # Already HTML: MkDocs would set up a whole Markdown parser (every extension, the glossary)
            # to convert the empty text on_page_markdown leaves, 1 ms a page, 4,000 commune pages in a region.
            page.render = functools.partial(_render_nothing, page)  # type: ignore[method-assign]
        return page

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        page.meta.update(self._meta.get(uri, {}))  # the partner's JSON-LD, written into <head> by main.html
        if uri in self._generated:
            # Already HTML (front matter removed by MkDocs): keep it for on_page_content and give
            # Markdown nothing to parse. Data texts in it carry their glossary hovers already.
            self._html[uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        generated = self._html.pop(page.file.src_uri, None)
        if generated is None:
            return html
        page.toc = get_toc(toc_tokens(generated))
        page.present_anchor_ids = set(_ID.findall(generated))  # for MkDocs' check of links to anchors
        return generated

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        if page.file.src_uri in self._generated:
            # Written and indexed for search: free the page's HTML (thousands of commune pages at region scale).
            page.content = None
        # Every page, Material's frame included: about 11 KB less a page, shown the same (generate/whitespace).
        return collapse_whitespace(output)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.broken is not None:  # every address shows the report (the theme's 404 page otherwise)
            site_dir = Path(config.site_dir)
            (site_dir / "404.html").write_bytes((site_dir / "index.html").read_bytes())
        if self.index:
            # Search index: domain keywords, glossary acronyms, one light entry per commune (generate/search.py).
            rewrite_index_file(Path(config.site_dir), self.index.ds)
        # `mkdocs serve` makes no PDF: on a fresh clone they took most of the first build (make build makes them).
        if self.index and self.config.pdf and not self.serving:
            write_pdfs(self.index, Path(config.site_dir), cache_dir=self._cache(config, "pdf"))
        self._restore_build_date()

    def on_build_error(self, error: Exception) -> None:
        self._restore_build_date()

    # -- reproducible builds --------------------------------------------------------------------

    def _pin_build_date(self, project_dir: Path, dataset: Dataset) -> dt.date:
        """The build date is the last commit's (or the data's), never the clock.

        MkDocs reads SOURCE_DATE_EPOCH for the sitemap and page dates: it is set for this build
        only, when the caller did not set it, and put back as it was at the end of the build.
        """
        self._epoch_before = os.environ.get("SOURCE_DATE_EPOCH")
        if self._epoch_before is None:
            epoch = head_time(project_dir)
            if epoch is None:
                dates = [p.verifie_le for p in dataset.partners] or [dt.date(1970, 1, 1)]
                epoch = int(dt.datetime.combine(max(dates), dt.time(), dt.UTC).timestamp())
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC).date()

    def _restore_build_date(self) -> None:
        if self._epoch_before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self._epoch_before


_ID = re.compile(r'\sid="([^"]+)"')


def _render_nothing(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
    """What MkDocs' `Page.render` sets for an empty Markdown text (mkdocs/structure/pages.py), without
    a parser: on_page_content then gives the generated page its HTML, table of contents and anchors."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def _warn(message: str) -> None:
    """A French warning that does not stop the build (e.g. an old version skipped by the feed).

    Not through MkDocs' logger: `mkdocs build --strict` would stop on it, and a commit in the
    history can't be undone."""
    logging.getLogger("inge43").warning(message)


def _expand_nav(nav: list, children: dict[str, list[str]]) -> list:
    """Replace `Section: folder/index.md` by the section with its generated pages."""
    out = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, str) and value in children:
                value = [value, *children[value]]
            elif isinstance(value, list):
                value = _expand_nav(value, children)
            out.append({title: value})
        else:
            out.append(item)
    return out
