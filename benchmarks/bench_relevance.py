"""Pertinence des réponses de l'outil « Quel interlocuteur pour mon projet ? »

Builds the site from the real data, then asks every request of the development set
(tests/relevance_dev.yml) in Chromium the way an élu does (tests/relevance_eval.py) and reports how
often an expected interlocutor comes first, with the misses. The held-out set
(tests/relevance_heldout.yml) is measured once, by hand, at the end of a tuning round:
`python benchmarks/bench_relevance.py tests/relevance_heldout.yml`; `make bench` never measures it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from relevance_eval import DEV_SET, ask, load  # noqa: E402
from sitebuild import build, served  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def run(path: Path = DEV_SET) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    from inge43.check.registry import run_checks
    from inge43.generate.intercommunalities import intercommunality_uri

    ds = run_checks(ROOT / "data").dataset
    epci = {intercommunality_uri(e).split("/")[-1].removesuffix(".md"): e.code for e in ds.epcis}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(ROOT / "mkdocs.yml", site)
        with served(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            outcomes = [ask(page, base, entry, epci) for entry in load(path)]
            browser.close()
    passed = sum(o.passed for o in outcomes)
    rows = [
        (
            ("Jeu de mise au point" if path == DEV_SET else f"Jeu {path.name}") + " : bon interlocuteur en premier",
            f"{passed}/{len(outcomes)} ({passed / len(outcomes):.0%})",
        )
    ]
    three = sum(o.in_first_three for o in outcomes)
    rows.append(
        ("Un interlocuteur attendu parmi les trois premiers", f"{three}/{len(outcomes)} ({three / len(outcomes):.0%})")
    )
    meanwhile = sum(o.meanwhile for o in outcomes)
    if meanwhile:
        rows.append(("Manquées, mais acceptables en attendant de nouvelles données (en_attendant)", str(meanwhile)))
    misses = [f"« {o.request} » ({o.commune or 'sans commune'} ; {o.why})" for o in outcomes if not o.passed]
    if misses:
        rows.append(("Demandes manquées", " ; ".join(misses)))
    return rows


if __name__ == "__main__":
    for name, value in run(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else DEV_SET):
        print(f"{name} : {value}")
