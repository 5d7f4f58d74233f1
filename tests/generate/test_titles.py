"""Page titles: one filter for every generated page type, escaped once, never a tag after one decoding.

MkDocs and Material print `page.title` and the table of contents without escaping (header,
navigation, `<title>`, search results), and Material copies the text of a cut-off title into
its tooltip as HTML. So after ONE decoding of what we hand them, no `<` may open a tag. The
names below are hostile on purpose and bypass the checker (it refuses most of them): pages
must be safe even then.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

import inge43
from conftest import FIXTURES
from inge43.generate.index import SiteIndex
from inge43.generate.pages import Renderer, build_pages, toc_tokens
from inge43.generate.templating import front_matter_text
from inge43.read.dataset import load_dataset
from inge43.read.problems import Collector

TEMPLATES = Path(inge43.__file__).parent / "templates"
TAG_START = re.compile(r"<[A-Za-z/!?]")
# An entity without its `;` (a browser decodes `&lt` all the same), real markup, quotes, an emoji.
HOSTILE = "Zqx &ltimg src=x onerror=alert(1)&gt <svg onload=alert(2)> </title> \"q\" 'a' & 🙂"


def _front_title(content: str) -> str | None:
    front = content.split("---\n", 2)[1]
    return yaml.safe_load(front).get("title")


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    data = tmp_path_factory.mktemp("titles") / "data"
    shutil.copytree(FIXTURES / "valid", data)

    def edit(name: str, change) -> None:
        path = data / name
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(doc)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")

    def names(doc: dict, key: str, field: str = "nom") -> None:
        for item in doc[key]:
            item[field] = f"{HOSTILE} {item.get(field, '')}"

    edit("partners.yml", lambda d: names(d, "partenaires"))
    edit("domains.yml", lambda d: names(d, "domaines"))
    edit("communes.yml", lambda d: (names(d, "communes"), names(d, "epci")))
    edit("intercommunalites.yml", lambda d: names(d, "intercommunalites"))
    edit("charter.yml", lambda d: d.update(titre=HOSTILE))
    for guide in (data / "guides").glob("*.yml"):
        edit(f"guides/{guide.name}", lambda d: d.update(titre=HOSTILE))
    dataset = load_dataset(data, Collector())
    assert dataset.partners and dataset.intercommunalities and dataset.epcis
    return build_pages(Renderer(SiteIndex(dataset)), today=dt.date(2026, 11, 30))


def test_every_template_title_goes_through_the_one_filter():
    """A `title:` in a page template is a constant or goes through `front_title`, never another filter."""
    found = 0
    for template in sorted(TEMPLATES.glob("*.html.j2")):
        for line in template.read_text(encoding="utf-8").splitlines():
            if line.startswith("title:"):
                found += 1
                value = line.removeprefix("title:").strip()
                assert "{{" not in value or re.fullmatch(r"\{\{ .* \| front_title \}\}", value), (template.name, line)
    assert found >= 8


def test_titles_of_every_page_type_show_as_text_after_one_decoding(hostile_pages):
    kinds = set()
    for page in hostile_pages:
        if not page.content.startswith("---\n"):
            continue
        title = _front_title(page.content)
        if title is None:  # an index page: its title comes from the navigation (mkdocs.yml)
            continue
        shown = html.unescape(title)  # what the header, the navigation and the tooltip show
        assert not TAG_START.search(shown), (page.uri, title)
        if "Zqx" in shown:
            kinds.add(page.uri.split("/")[0])
            assert "🙂" in shown and '"q"' in shown and "&" in shown, (page.uri, title)  # emoji and quotes kept
            assert "&amp;amp;" not in title  # escaped once, not twice
        for token in _flat(toc_tokens(page.content)):
            assert not TAG_START.search(html.unescape(token["name"])), (page.uri, token["name"])
    assert {"partenaires", "domaines", "communes", "intercommunalites", "guides", "charte.md"} <= kinds, kinds


def _flat(tokens):
    for token in tokens:
        yield token
        yield from _flat(token["children"])


@pytest.mark.parametrize("name", [HOSTILE, "<b>x</b>", "&ltscript&gt", "a <3 b", "R&D 🙂", "\u202eab"])
def test_one_filter_escapes_once(name):
    from inge43.generate.templating import shown_text

    value = yaml.safe_load("title: " + str(front_matter_text(name)))["title"]
    assert value == shown_text(name)
    assert not TAG_START.search(html.unescape(value))
    # Only a `<` that could open a tag is changed (to the look-alike ‹): the rest reads as typed.
    assert html.unescape(value) == re.sub(r"<(?=[A-Za-z/!?])", "‹", name)
