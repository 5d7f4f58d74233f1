"""Measure the site search in a real browser, through Material's search box.

Shared by tests/generate/test_search.py and benchmarks/bench_search.py. Two query sets:
- tests/search_queries.yml: the development set, used to tune the search;
- tests/search_heldout.yml: the held-out set, written before any tuning and never tuned on.
A query counts as found when the first result is one of its acceptable pages.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
DEV_SET = HERE / "search_queries.yml"
HELDOUT_SET = HERE / "search_heldout.yml"


def load(path: Path) -> list[dict]:
    """Entries with `q` and `acceptables` (the dev set's single `premier` becomes a list)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["requetes"]
    return [{**e, "acceptables": e.get("acceptables") or [e["premier"]]} for e in entries]


HAS_RESULTS = "document.querySelector('.md-search-result__list > li') !== null"
SAYS_NONE = "/aucun/i.test(document.querySelector('.md-search-result__meta').textContent)"


def first_results(page, query: str, count: int = 3) -> list[str]:
    """The addresses (from the site root) of the first result pages for `query`."""
    field = page.locator("input.md-search__input")
    # Material reads the field on keyup: fill it, then press End as a person's last keystroke would.
    field.fill("")
    field.press("End")
    page.wait_for_function(f"() => !({HAS_RESULTS}) && !({SAYS_NONE})")  # back to the empty state
    field.fill(query)
    field.press("End")
    page.wait_for_function(f"() => ({HAS_RESULTS}) || ({SAYS_NONE})")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > li.md-search-result__item > a.md-search-result__link:first-child",
        "links => links.map(a => a.href)",
    )
    base = page.url.split("#")[0]
    root = base[: base.index("/", len("http://")) + 1]
    return [urlsplit(h).path.removeprefix(urlsplit(root).path) for h in hrefs[:count]]


def evaluate(page, entries: list[dict]) -> tuple[int, list[tuple[str, list[str], list[str]]]]:
    """(number found first, misses as (query, acceptable pages, first results))."""
    found, misses = 0, []
    for entry in entries:
        results = first_results(page, entry["q"])
        if results and results[0] in entry["acceptables"]:
            found += 1
        else:
            misses.append((entry["q"], entry["acceptables"], results))
    return found, misses
