"""MkDocs adapter (declared under `hooks:` in mkdocs.yml). It only wires events to the package.

- on_config: run every check; stop the build with the French report on error;
  add the generated partner and domain pages under their section of the navigation.
- on_files: add the generated pages and open data files as `File.generated` (nothing is written into docs/).
- on_post_build: write the PDFs; put SOURCE_DATE_EPOCH back as the caller had it (also on error).
- on_page_markdown: give generated pages their metadata (search tags, JSON-LD for <head>);
  append the glossary's abbreviations, for hover definitions.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from inge43.exports import open_data_files
from inge43.finder import finder_files, search_tags
from inge43.history import data_changes, head_time, record_dates, render_feed
from inge43.pdf import write_pdfs
from inge43.pages import Repository, Site, build_pages, nav_children
from inge43.templating import abbreviations_markdown
from inge43.report import format_text
from inge43.site_data import checked, data_dir_for

_pages: list = []
_abbreviations: list[str] = [""]
_open_data: dict[str, str] = {}
_search_tags: dict[str, list[str]] = {}  # page -> keywords for the search index (finder.search_tags)
_page_meta: dict[str, dict] = {}  # generated page -> metadata for the theme (e.g. `jsonld`, read by overrides/main.html)
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


_EPOCH = "SOURCE_DATE_EPOCH"
_caller_epoch: list = []  # the caller's SOURCE_DATE_EPOCH (None: unset), put back after the build


def _pin_build_date(project_dir: Path, dataset) -> dt.date:
    """Reproducible builds: the build date is the last commit's (or the data's), never the clock.

    MkDocs reads SOURCE_DATE_EPOCH for the sitemap and page dates; we set it when the caller did not,
    for this build only: `_unpin_build_date` restores the environment after it (a `mkdocs serve`
    would otherwise keep the date of its first build, and so would anything it starts).
    """
    _unpin_build_date()  # a previous build that stopped early
    _caller_epoch[:] = [os.environ.get(_EPOCH)]
    if _caller_epoch[0] is None:
        epoch = head_time(project_dir)
        if epoch is None:
            dates = [p.verifie_le for p in dataset.partners] or [dt.date(1970, 1, 1)]
            epoch = int(dt.datetime.combine(max(dates), dt.time(), dt.timezone.utc).timestamp())
        os.environ[_EPOCH] = str(epoch)
    return dt.datetime.fromtimestamp(int(os.environ[_EPOCH]), dt.timezone.utc).date()


def _unpin_build_date() -> None:
    if not _caller_epoch:
        return
    previous = _caller_epoch.pop()
    if previous is None:
        os.environ.pop(_EPOCH, None)
    else:
        os.environ[_EPOCH] = previous


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
    _page_meta.clear()
    _page_meta.update({page.uri: page.meta for page in _pages if page.meta})
    _abbreviations[0] = abbreviations_markdown(result.dataset.terms)
    _site[:] = [Site(result.dataset)]
    _open_data.clear()
    _open_data.update(open_data_files(result.dataset))
    _open_data["flux.xml"] = render_feed(data_changes(data_dir), config.site_url or "", None)
    _open_data.update(finder_files(result.dataset))
    _search_tags.clear()
    _search_tags.update(search_tags(result.dataset))
    if config.nav:
        config.nav = _expand_nav(config.nav, nav_children(_pages))
    return config


def on_post_build(config) -> None:
    # Print-ready PDFs (guides, charter, sheets) go straight into the built site.
    try:
        if _site:
            write_pdfs(_site[0], Path(config.site_dir))
    finally:
        _unpin_build_date()


def on_build_error(error) -> None:
    _unpin_build_date()


def on_shutdown() -> None:
    _unpin_build_date()


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri in _search_tags:  # search keywords, read by the search plugin only (finder.search_tags)
        page.meta["tags"] = _search_tags[page.file.src_uri]
    page.meta.update(_page_meta.get(page.file.src_uri, {}))  # e.g. the JSON-LD, written into <head> by main.html
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
