"""The plugin skips MkDocs' Markdown set-up for generated pages (`_render_nothing` stands in for
`Page.render`): it must leave a page exactly as MkDocs' own render of an empty text does, so a new
MkDocs that sets one more attribute in `Page.render` fails here rather than on the site."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from inge43.mkdocs.plugin import _render_nothing


def _page(config: MkDocsConfig) -> tuple[Page, Files]:
    file = File("x.md", config.docs_dir, config.site_dir, use_directory_urls=True)
    page = Page(None, file, config)
    page.markdown = ""
    return page, Files([file])


def test_render_nothing_sets_what_mkdocs_render_sets_for_empty_text(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_text("", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert not config.validate()[0]
    by_mkdocs, files = _page(config)
    by_mkdocs.render(config, files)
    ours, files = _page(config)
    _render_nothing(ours, config, files)
    mine = {k: v for k, v in vars(ours).items() if k != "file"}
    theirs = {k: v for k, v in vars(by_mkdocs).items() if k != "file"}
    assert mine.keys() == theirs.keys()
    assert list(mine.pop("toc")) == list(theirs.pop("toc")) == []  # a TableOfContents has no ==
    assert mine == theirs
