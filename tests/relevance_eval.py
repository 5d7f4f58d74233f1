"""Measure the relevance of the finder's answers in a real browser, as an élu uses it.

Shared by tests/generate/test_relevance.py and benchmarks/bench_relevance.py. For each request of a
set (tests/relevance_dev.yml, format in its header): type the commune's name and pick the first
proposal, type the request and press Enter (on the first proposal, if any), choose the step
if the request names one, then read the answer in the order it presents its interlocutors: the
intercommunality's block, Ingé 43's line, then each partner's card with its offers.

A request passes when the first interlocutor is one of `attendus_premiers` (then nothing of
`pas_avant` came before it; a miss says whether `pas_avant` named what came first). Ids: `partner`, `partner/offer`, `epci:<SIREN>`; ids of bodies absent from the data
when the set was written are mapped by `ALIASES` (the ids the data gave them), never by editing the set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
DEV_SET = HERE / "relevance_dev.yml"  # held-out sets 1 to 8, each measured once on 2026-12-07
HELDOUT = HERE / "relevance_heldout.yml"  # set 9: measured once, at the end of the next round

# Bodies the set named before they were in data/: the ids the content work gave them (December 2026).
ALIASES = {
    "caf-haute-loire": "caf-43",
    "agence-nationale-du-sport": "prefecture-43/plan-5000-equipements-sportifs",
    "csirt-auvergne-rhone-alpes": "region-aura/csirt-cyberattaque",
    "cybermalveillance-gouv-fr": "cybermalveillance",
    "etat-reconquete-commerce-rural": "prefecture-43/commerce-rural",
}

_READ_ANSWER = """
root => {
  const out = [];
  const walk = (node) => {
    for (const el of node.children) {
      if (el.matches('.i43-answer__holder')) {
        const a = el.querySelector('a[href*="intercommunalites/"]');
        out.push({kind: 'epci', href: a ? a.href : '', offers: []});
        continue;
      }
      if (el.matches('.i43-quick--entry') || el.matches('.i43-answer__fallback')) {  // nothing understood: Ingé 43
        const a = el.querySelector('a[href*="partenaires/"]');
        out.push({kind: 'partner', href: a ? a.href : '', offers: []});
        continue;
      }
      if (el.matches('.i43-offer-items') && out.length && out[out.length - 1].kind === 'partner' && !el.closest('.i43-partner-card') && !el.closest('details')) {
        out[out.length - 1].offers.push(...[...el.querySelectorAll('.i43-offer-item__title')].map(a => a.href));
        continue;
      }
      if (el.matches('.i43-partner-card')) {
        const a = el.querySelector('.i43-partner-card__title a');
        out.push({kind: 'partner', href: a ? a.href : '',
                  offers: [...el.querySelectorAll('.i43-offer-item__title')].map(a => a.href)});
        continue;
      }
      if (el.matches('details')) continue;  // collapsed: « s'informer », other projects, Ingé 43's offers
      walk(el);
    }
  };
  walk(root);
  return out;
}
"""


@dataclass
class Outcome:
    request: str
    commune: str
    passed: bool
    first: str
    order: list[str] = field(default_factory=list)
    why: str = ""
    # A miss whose first interlocutor is acceptable until new data come (`en_attendant`), reported apart.
    meanwhile: bool = False
    # An expected interlocutor (or offer) is among the first three interlocutors: a second figure, not the pass.
    in_first_three: bool = False


def load(path: Path = DEV_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["demandes"]


def _partner_id(href: str) -> str:
    parts = [p for p in urlsplit(href).path.split("/") if p]
    return unquote(parts[parts.index("partenaires") + 1]) if "partenaires" in parts else ""


def _offer_id(href: str) -> str:
    fragment = urlsplit(href).fragment
    return fragment.removeprefix("offre-") if fragment.startswith("offre-") else ""


def _items(blocks: list[dict], epci_by_slug: dict[str, str]) -> list[tuple[str, str]]:
    """(interlocutor, offer) in answer order; a card gives its partner, then each of its offers."""
    items: list[tuple[str, str]] = []
    for block in blocks:
        if block["kind"] == "epci":
            slug = [p for p in urlsplit(block["href"]).path.split("/") if p][-1]
            items.append((f"epci:{epci_by_slug.get(slug, slug)}", ""))
            continue
        pid = _partner_id(block["href"])
        offers = [_offer_id(h) for h in block["offers"]]
        items.append((pid, offers[0] if offers else ""))
        items += [(pid, o) for o in offers[1:]]
    return items


def _matches(expected: str, item: tuple[str, str]) -> bool:
    expected = ALIASES.get(expected, expected)
    who, offer = item
    if "/" in expected and not expected.startswith("epci:"):
        return expected == f"{who}/{offer}"
    return expected == who


def judge(entry: dict, items: list[tuple[str, str]]) -> tuple[bool, str]:
    """The first interlocutor must be expected; a miss says what came first (and if `pas_avant` named it)."""
    if not items:
        return False, "réponse vide"
    first = items[0]
    if any(_matches(e, first) for e in entry["attendus_premiers"]):
        return True, ""
    banned = any(_matches(e, first) for e in entry.get("pas_avant", []))
    return False, "en premier : " + "/".join(x for x in first if x) + (
        " (que le jeu met dans pas_avant)" if banned else ""
    )


def within_first(entry: dict, items: list[tuple[str, str]], count: int = 3) -> bool:
    """Whether an expected interlocutor or offer is among the first `count` interlocutors of the answer
    (each with all its offers): what an élu who reads the first three cards finds."""
    seen: list[str] = []
    for item in items:
        if item[0] not in seen:
            seen.append(item[0])
        if len(seen) > count:
            return False
        if any(_matches(e, item) for e in entry["attendus_premiers"]):
            return True
    return False


def ask(page, base: str, entry: dict, epci_by_slug: dict[str, str]) -> Outcome:
    page.goto(base + "trouver/")
    page.wait_for_selector("[data-i43-finder][data-i43-ready=ready]")
    commune = (entry.get("commune") or {}).get("nom", "")
    if commune:
        _choose(page, "#i43-commune", commune)
    proposed = _choose(page, "#i43-projet", entry["requete"])
    if entry.get("phase"):
        page.locator(f"input[name=phase][value={entry['phase']}]").check()
    page.wait_for_function("() => document.querySelector('#i43-reponse').children.length > 0")
    blocks = page.eval_on_selector("#i43-reponse", _READ_ANSWER)
    items = _items(blocks, epci_by_slug)
    passed, why = judge(entry, items)
    if not proposed:
        why = ("aucune proposition pour ces mots ; " + why).rstrip(" ;")
    order = [f"{who}/{offer}" if offer else who for who, offer in items[:6]]
    meanwhile = not passed and bool(items) and any(_matches(e, items[0]) for e in entry.get("en_attendant", []))
    return Outcome(
        entry["requete"], commune, passed, order[0] if order else "", order, why, meanwhile, within_first(entry, items)
    )


def _choose(page, field: str, text: str) -> bool:
    """Type like a person (the last key) and press Enter (on the first proposal when there is one, as a person would;
    without one, the finder reads the typed words itself). Returns whether anything was proposed.

    The list is drawn on each keystroke; when it stays empty the finder announces « Aucune proposition
    pour « … » » in its status line: wait for one or the other rather than for a fixed time."""
    box = page.locator(field)
    # The list is recomputed from the whole field at each keystroke, so the state after the last one
    # does not depend on the earlier ones: the start is filled at once, the last character typed.
    box.fill(text[:-1])
    box.press_sequentially(text[-1:])
    listbox = f"#{box.get_attribute('aria-controls')}"
    page.wait_for_function(
        """([list, said]) => document.querySelector(list + ' [role=option]')
            || document.getElementById('i43-annonce').textContent === said""",
        arg=[listbox, f"Aucune proposition pour « {text.strip()} »."],
        timeout=10000,
    )
    proposed = page.locator(f"{listbox} [role=option]").count() > 0
    box.press("Enter")
    return proposed
