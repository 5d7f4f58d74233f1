"""Trouver un interlocuteur et recherche : temps de réponse du formulaire et octets de la première recherche.

Deux jeux de données : les données réelles et le jeu de la taille d'une région de
benchmarks/region.py (4 000 communes, 40 intercommunalités, 400 partenaires ; chaque partenaire,
offre et commune ajoutés a son propre nom et son propre texte, tirés de listes de mots avec une
graine fixe). Pour chacun, le site entier est construit (sans les PDF, mesurés par bench_pdf), servi
en local et ouvert dans Chromium (Playwright), sur un écran de téléphone.

- la taille du fichier du formulaire (trouver/finder.json), brute et compressée (gzip) ;
- « formulaire prêt » : du début du chargement de la page au formulaire utilisable (fichier lu et
  préparé), médiane de 10 chargements ;
- « frappe → propositions » : de l'appui sur une touche dans le champ commune à la liste de
  propositions mise à jour et mise en page ; « Entrée → réponse » : de la touche Entrée à la réponse
  affichée et mise en page. Médiane et 95e centile sur au moins 100 mesures (120 communes tapées,
  6 lettres au plus, puis Entrée) ; un 95e centile n'est jamais donné sur moins de 100 mesures ;
- « phrase d'élu, Entrée → réponse » : toutes les demandes du jeu de mise au point de la pertinence
  (tests/relevance_dev.yml), tapées dans le champ projet puis Entrée : l'outil lit la phrase, ou
  propose les projets les plus proches ;
- les octets que télécharge la première recherche (index, programme de recherche, fichiers lunr),
  bruts et compressés : c'est ce que paie un élu sur son téléphone avant le premier résultat.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import math
import random
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from region import make_region_data
from relevance_eval import load
from sitebuild import build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_COMMUNES = 120  # one Enter each: at least 100 answers for a 95th percentile
LETTERS = 6  # typed per commune, one key at a time
MIN_FOR_P95 = 100
CHROMIUM = "/usr/bin/chromium"
# The requests of the relevance development set, as élus typed them (a measure of speed, not of relevance).
SENTENCES = [entry["requete"] for entry in load()]


# In the page: time from a key press to the first change it causes, layout included.
_PROBE = """
() => {
  const bench = window.__bench = {typed: [], answered: []};
  let start = null, key = null;
  document.addEventListener("keydown", (e) => { start = performance.now(); key = e.key; }, true);
  const watch = (node, list, keep) => new MutationObserver(() => {
    if (start === null || !keep(key)) return;
    const t0 = start; start = null;
    requestAnimationFrame(() => { void node.offsetHeight; list.push(performance.now() - t0); });
  }).observe(node, {childList: true, subtree: true, attributes: true, characterData: true});
  watch(document.getElementById("i43-commune-liste"), bench.typed, (k) => k.length === 1);  // letters only
  watch(document.getElementById("i43-reponse"), bench.answered, (k) => k === "Enter");
}
"""


def _build(data: Path, out: Path) -> None:
    build(ROOT / "mkdocs.yml", out, data=data)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _measure(site: Path, names: list[str], sentences: list[str]) -> dict:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            ready = []
            for _ in range(10):
                page.goto(base + "/trouver/")
                page.wait_for_selector("[data-i43-ready=ready]")
                ready.append(page.evaluate("performance.getEntriesByName('i43-finder-ready')[0].startTime"))
            out["ready"] = statistics.median(ready)
            page.evaluate(_PROBE)
            page.locator("#i43-projet").press_sequentially("voirie")
            page.keyboard.press("Enter")
            box = page.locator("#i43-commune")
            for name in names:
                box.fill("")
                box.press_sequentially(name[:LETTERS])
                page.locator("#i43-commune-liste [role=option]").first.wait_for()
                answered = page.evaluate("window.__bench.answered.length")
                box.press("ArrowDown")  # the first proposal (several communes may fit six letters)
                box.press("Enter")
                page.wait_for_function(f"window.__bench.answered.length > {answered}")  # this answer measured
            out["typed"] = page.evaluate("window.__bench.typed")
            out["answered"] = page.evaluate("window.__bench.answered")
            # Sentences typed as élus write them (the development set of the relevance measure), the
            # commune kept: Enter → answer, where the finder reads the words (`understand`), or
            # offers the closest projects when it cannot.
            box = page.locator("#i43-projet")
            for sentence in sentences:
                box.fill(sentence[:-1])
                box.press_sequentially(sentence[-1:])
                answered = page.evaluate("window.__bench.answered.length")
                box.press("Enter")
                page.wait_for_function(f"window.__bench.answered.length > {answered}")
            out["sentences"] = page.evaluate("window.__bench.answered")[len(out["answered"]) :]

            # First search: everything the search box needs, in a fresh browser profile.
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            sizes: dict[str, bytes] = {}

            def keep(response):
                url = response.url
                if (
                    "/search/search_index.json" in url
                    or "/workers/" in url
                    or "/lunr/" in url
                    or "inge43-rules.js" in url
                    or "inge43-text.js" in url
                    or "inge43-search-words.js" in url
                ):
                    with contextlib.suppress(PlaywrightError):  # a redirect has no body
                        sizes[url] = response.body()

            page.on("response", keep)
            page.goto(base + "/")
            field = page.locator("input.md-search__input")
            field.fill("eau")
            field.press("End")
            page.locator(".md-search-result__list > li").first.wait_for()
            page.wait_for_load_state("networkidle")
            out["search_raw"] = sum(len(b) for b in sizes.values())
            out["search_gzip"] = sum(len(gzip.compress(b)) for b in sizes.values())
            out["search_files"] = len(sizes)
            context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def _ms(values: list[float]) -> str:
    """Median and 95th percentile (nearest rank), the latter only from 100 measures up."""
    values = sorted(values)
    if len(values) < MIN_FOR_P95:
        return f"médiane {statistics.median(values):.1f} ms ({len(values)} mesures : trop peu pour un 95e centile)"
    p95 = values[math.ceil(0.95 * len(values)) - 1]
    return f"médiane {statistics.median(values):.1f} ms, 95e centile {p95:.1f} ms ({len(values)} mesures)"


def run() -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, region in (("données réelles", False), ("4 000 communes, 400 partenaires", True)):
            data = tmp / f"data-{region}"
            site = tmp / f"site-{region}"
            if region:
                make_region_data(ROOT / "data", data)
            else:
                shutil.copytree(ROOT / "data", data)
            _build(data, site)
            raw = (site / "trouver" / "finder.json").read_bytes()
            doc = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
            rng = random.Random(7)
            names = [c["nom"] for c in rng.sample(doc["communes"], SAMPLE_COMMUNES)]
            m = _measure(site, names, SENTENCES)
            rows += [
                (
                    f"trouver/finder.json, {label}",
                    f"{len(raw) / 1024:.0f} Ko, {len(gzip.compress(raw)) / 1024:.0f} Ko compressé",
                ),
                (
                    f"Formulaire prêt, du début du chargement de la page (médiane de 10), {label}",
                    f"{m['ready']:.0f} ms",
                ),
                (f"Frappe dans le champ commune → propositions mises en page, {label}", _ms(m["typed"])),
                (f"Touche Entrée → réponse affichée et mise en page, {label}", _ms(m["answered"])),
                (
                    f"Phrase d'élu, touche Entrée → réponse affichée et mise en page, {label}",
                    _ms(m["sentences"]),
                ),
                (
                    f"Première recherche : octets téléchargés, {label}",
                    f"{m['search_raw'] / 1024:.0f} Ko bruts, {m['search_gzip'] / 1024:.0f} Ko compressés ({m['search_files']} fichiers)",
                ),
            ]
    return rows


if __name__ == "__main__":
    for name, value in run():
        print(f"{name} : {value}")
