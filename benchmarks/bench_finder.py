"""Trouver un interlocuteur et recherche : temps de réponse du formulaire et octets de la première recherche.

Deux jeux de données : les données réelles (257 communes) et un jeu synthétique de la taille d'une
région (environ 4 000 communes et 400 partenaires, copiés des vrais avec d'autres territoires et
d'autres seuils de population). Pour chacun, le site est construit (sans les PDF, mesurés par
bench_pdf), servi en local et ouvert dans Chromium (Playwright). Les pages des communes n'entrent
pas dans l'index de recherche : le site synthétique est construit avec ses 400 partenaires et les
257 vraies communes, puis reçoit le fichier du formulaire calculé sur les 4 000 communes.

- la taille du fichier du formulaire (trouver/finder.json), brute et compressée (gzip) ;
- le temps entre le chargement de la page et le formulaire prêt (fichier lu et préparé) ;
- le temps entre une frappe et la liste de propositions mise à jour, puis entre la touche Entrée et
  la réponse affichée (mise en page comprise), médiane et 95e centile, sur des noms de communes
  tapés une lettre à la fois ;
- les octets que télécharge la première recherche (index, programme de recherche, fichiers lunr),
  bruts et compressés : c'est ce que paie un élu sur son téléphone avant le premier résultat.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gzip
import http.server
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"

_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins["inge43"].config.pdf = False  # PDFs: see bench_pdf
build(config)
"""

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
  watch(document.getElementById("i43-commune-liste"), bench.typed, (k) => k !== "Enter");
  watch(document.getElementById("i43-reponse"), bench.answered, (k) => k === "Enter");
}
"""


def _synthetic_communes(data: Path, communes: int = 4000) -> None:
    rng = random.Random(43)
    doc = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
    epcis = [e["code"] for e in doc["epci"]]
    arrondissements = [a["code"] for a in doc["arrondissements"]]
    for i in range(communes - len(doc["communes"])):
        doc["communes"].append({
            "code": f"9{i:04d}",
            "nom": f"Commune synthétique {i:04d}",
            "codes_postaux": [f"{43000 + (i % 990):05d}"],
            "population": int(rng.lognormvariate(5.9, 1.2)),  # median about 365 inhabitants
            "arrondissement": rng.choice(arrondissements),
            "epci": rng.choice(epcis),
        })
    (data / "communes.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _synthetic_partners(data: Path, partners: int = 400) -> None:
    rng = random.Random(44)
    communes = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
    epcis = [e["code"] for e in communes["epci"]]
    arrondissements = [a["code"] for a in communes["arrondissements"]]
    doc = yaml.safe_load((data / "partners.yml").read_text(encoding="utf-8"))
    real = list(doc["partenaires"])
    for i in range(partners - len(real)):
        partner = copy.deepcopy(real[i % len(real)])
        partner.update(id=f"synthetique-{i:03d}", nom=f"{partner['nom']} (copie {i:03d})", signataire_charte=False, guichet_unique=False)
        partner.pop("sigle", None)
        partner["territoire"] = rng.choice(
            ["departement", {"epci": rng.sample(epcis, 2)}, {"arrondissements": [rng.choice(arrondissements)]}]
        )
        for offer in partner.get("offres", []):
            limit = rng.choice([None, None, 1000, 2000, 3500, 5000])
            if limit:
                offer.setdefault("eligibilite", {"beneficiaires": ["commune"]})["population_max"] = limit
        doc["partenaires"].append(partner)
    (data / "partners.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _build(data: Path, out: Path) -> None:
    env = {**os.environ, "INGE43_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-c", _BUILD, str(ROOT / "mkdocs.yml"), str(out)], cwd=ROOT, env=env, check=True, capture_output=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _measure(site: Path, names: list[str]) -> dict:
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
            page.goto(base + "/trouver/")
            page.wait_for_selector("[data-i43-ready=ready]")
            out["ready"] = page.evaluate("performance.getEntriesByName('i43-finder-ready')[0].startTime")
            page.evaluate(_PROBE)
            page.locator("#i43-projet").press_sequentially("voirie")
            page.keyboard.press("Enter")
            box = page.locator("#i43-commune")
            for name in names:
                box.fill("")
                box.press_sequentially(name)
                page.locator("#i43-commune-liste [role=option]").first.wait_for()
                box.press("Enter")
                page.wait_for_function("window.__bench.answered.length > 0")
                page.wait_for_timeout(20)
            out["typed"] = page.evaluate("window.__bench.typed")
            out["answered"] = page.evaluate("window.__bench.answered")

            # First search: everything the search box needs, in a fresh browser profile.
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            sizes: dict[str, bytes] = {}

            def keep(response):
                url = response.url
                if "/search/search_index.json" in url or "/workers/" in url or "/lunr/" in url or "inge43-text.js" in url:
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
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"médiane {statistics.median(values):.1f} ms, 95e centile {p95:.1f} ms ({len(values)} mesures)"


def run() -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, synthetic in (("données réelles", False), ("4 000 communes, 400 partenaires", True)):
            data = tmp / f"data-{synthetic}"
            shutil.copytree(ROOT / "data", data)
            site = tmp / f"site-{synthetic}"
            if synthetic:
                # Commune pages stay out of the search index: the site is built with the 400
                # partners and the real communes, then given the finder file of all 4,000 communes.
                _synthetic_partners(data)
                _build(data, site)
                _synthetic_communes(data)
                from inge43.build.finder import FINDER_JSON, finder_json
                from inge43.check.registry import run_checks

                (site / FINDER_JSON).write_text(finder_json(run_checks(data).dataset), encoding="utf-8")
            else:
                _build(data, site)
            raw = (site / "trouver" / "finder.json").read_bytes()
            doc = yaml.safe_load((data / "communes.yml").read_text(encoding="utf-8"))
            rng = random.Random(7)
            names = [c["nom"] for c in rng.sample(doc["communes"], 12)]
            m = _measure(site, names)
            rows += [
                (f"trouver/finder.json, {label}", f"{len(raw) / 1024:.0f} Ko, {len(gzip.compress(raw)) / 1024:.0f} Ko compressé"),
                (f"Formulaire prêt après le chargement de la page, {label}", f"{m['ready']:.0f} ms"),
                (f"Frappe → propositions de communes, {label}", _ms(m["typed"])),
                (f"Entrée → réponse affichée, {label}", _ms(m["answered"])),
                (
                    f"Première recherche : octets téléchargés, {label}",
                    f"{m['search_raw'] / 1024:.0f} Ko bruts, {m['search_gzip'] / 1024:.0f} Ko compressés ({m['search_files']} fichiers)",
                ),
            ]
    return rows


if __name__ == "__main__":
    for name, value in run():
        print(f"{name} : {value}")
