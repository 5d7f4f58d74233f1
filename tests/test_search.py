"""French search, measured in a real browser through Material's search box.

Each query of tests/search_queries.yml is typed into the search field; the first result must be
the page the file names. One page is shared by all queries: between two queries the field is
cleared and the test waits for the empty state, so a result list always belongs to its query.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))["requetes"]


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + "/")
    yield page
    context.close()


def first_results(page, query: str, count: int = 3) -> list[str]:
    """The addresses (from the site root) of the first result pages for `query`."""
    field = page.locator("input.md-search__input")
    has_results = "document.querySelector('.md-search-result__list > li') !== null"
    says_none = "/aucun/i.test(document.querySelector('.md-search-result__meta').textContent)"
    # Material reads the field on keyup: fill it, then press End as a person's last keystroke would.
    field.fill("")
    field.press("End")
    page.wait_for_function(f"() => !({has_results}) && !({says_none})")  # back to the empty state
    field.fill(query)
    field.press("End")
    page.wait_for_function(f"() => ({has_results}) || ({says_none})")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > li.md-search-result__item > a.md-search-result__link:first-child",
        "links => links.map(a => a.href)",
    )
    base = page.url.split("#")[0]
    root = base[: base.index("/", len("http://")) + 1]
    return [urlsplit(h).path.removeprefix(urlsplit(root).path) for h in hrefs[:count]]


@pytest.mark.browser
@pytest.mark.parametrize("entry", QUERIES, ids=[q["q"] for q in QUERIES])
def test_query_finds_the_right_page_first(search_page, entry):
    results = first_results(search_page, entry["q"])
    assert results, f"« {entry['q']} » ({entry['type']}) : aucun résultat"
    assert results[0] == entry["premier"], (
        f"« {entry['q']} » ({entry['type']}) : premier résultat {results[0]}, attendu {entry['premier']}"
        f" (résultats : {results})"
    )


def test_commune_pages_stay_out_of_the_search_index(real_site):
    """The first search downloads the whole index: commune pages are found by the finder instead."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.startswith("communes/") and loc != "communes/"]
    size = len(gzip.compress((real_site / "search" / "search_index.json").read_bytes()))
    assert size < 150_000, f"index de recherche compressé : {size} octets"
