"""MkDocs adapter (declared under `hooks:` in mkdocs.yml). It only wires events to the package.

- on_config: run every check; stop the build with the French report on error;
  add the generated partner and domain pages under their section of the navigation.
- on_files: add the generated pages and open data files as `File.generated` (nothing is written into docs/).
- on_page_markdown: append the glossary's abbreviations, for hover definitions.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from inge43.exports import open_data_files
from inge43.finder import fallback_contact, finder_files
from inge43.history import data_changes, head_time, record_dates, render_feed
from inge43.pdf import write_pdfs
from inge43.search import rewrite_index_file
from inge43.pages import Repository, Site, build_pages, nav_children
from inge43.templating import abbreviations_markdown
from inge43.report import format_text
from inge43.site_data import checked, data_dir_for

_pages: list = []
_abbreviations: list[str] = [""]
_open_data: dict[str, str] = {}
_site: list = []  # the Site whose PDFs on_post_build renders


def _repository(config) -> Repository | None:
    """`extra.depot` in mkdocs.yml: the repository where agents edit the data (empty: no edit links)."""
    setting = (config.extra or {}).get("depot") or {}
    if not setting.get("url"):
        return None
    return Repository(url=setting["url"], branch=setting.get("branche") or "main")


def _expand_nav(nav: list, children: dict[str, list[str]]) -> list:
    """Replace `Section: folder/index.md` by the section with its generated pages."""
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, str) and value in children:
                value = [value, *children[value]]
            elif isinstance(value, list):
                value = _expand_nav(value, children)
            out.append({title: value})
        else:
            out.append(item)
    return out


def _pin_build_date(project_dir: Path, dataset) -> dt.date:
    """Reproducible builds: the build date is the last commit's (or the data's), never the clock.

    MkDocs reads SOURCE_DATE_EPOCH for the sitemap and page dates; we set it when the caller did not.
    """
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = head_time(project_dir)
        if epoch is None:
            dates = [p.verifie_le for p in dataset.partners] or [dt.date(1970, 1, 1)]
            epoch = int(dt.datetime.combine(max(dates), dt.time(), dt.timezone.utc).timestamp())
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc).date()


def on_config(config):
    data_dir = data_dir_for(Path(config.config_file_path).parent)
    result = checked(data_dir)
    if not result.ok:
        raise Abort(
            "Le site n'est pas construit : les données contiennent des erreurs.\n\n" + format_text(result.collector, errors_only=True)
        )
    build_date = _pin_build_date(Path(config.config_file_path).parent, result.dataset)
    _pages[:] = build_pages(
        result.dataset,
        today=build_date,
        repository=_repository(config),
        changed=record_dates(data_dir, result.dataset),
    )
    _abbreviations[0] = abbreviations_markdown(result.dataset.terms)
    _site[:] = [Site(result.dataset)]
    _open_data.clear()
    _open_data.update(open_data_files(result.dataset))
    _open_data["flux.xml"] = render_feed(data_changes(data_dir), config.site_url or "", None)
    _open_data.update(finder_files(result.dataset))
    # Who to call when a search finds nothing (overrides/main.html, docs/assets/search-fallback.js).
    config.extra["inge43_repli"] = fallback_contact(result.dataset)
    if config.nav:
        config.nav = _expand_nav(config.nav, nav_children(_pages))
    return config


def on_post_build(config) -> None:
    # Print-ready PDFs (guides, charter, sheets) go straight into the built site.
    if _site:
        write_pdfs(_site[0], Path(config.site_dir))
        # Search index: domain keywords, glossary acronyms, one light entry per commune (search.py).
        rewrite_index_file(Path(config.site_dir), _site[0].ds)


def on_page_markdown(markdown: str, page, config, files) -> str:
    # Hover definitions of the glossary's acronyms (Markdown `abbr`). Hooks run after plugins,
    # so the macros plugin never renders these definitions.
    return markdown + "\n\n" + _abbreviations[0] + "\n"


def on_files(files: Files, config) -> Files:
    for page in _pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.uri, content=page.content, inclusion=inclusion))
    for path, content in _open_data.items():
        files.append(File.generated(config, path, content=content))
    return files
