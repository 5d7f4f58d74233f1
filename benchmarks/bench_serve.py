"""`mkdocs serve` : délai entre l'enregistrement d'une fiche modifiée et la page à jour dans le navigateur.

In a copy of the project, `mkdocs serve` runs with the real data; the benchmark then changes one
partner's description in `data/partners.yml` (as an agent would) and polls the partner's page until
the new text is served. Measured several times in a row, after a first build has filled the caches.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTNER = "cdg-43"
EDITS = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def run() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "projet"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", ".cache", "site", "__pycache__"))
        port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("INGE43_DATA", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/partenaires/{PARTNER}/"
        try:
            first = _wait_for(url, "<article", 300)
            if first is None:
                return [("Serveur de prévisualisation", "n'a pas démarré en 5 minutes")]
            partners = project / "data" / "partners.yml"
            original = partners.read_text(encoding="utf-8")
            anchor = "    description: >-\n"
            at = original.index(f"- id: {PARTNER}\n")
            at = original.index(anchor, at) + len(anchor)
            delays = []
            for i in range(EDITS):
                marker = f"Texte modifié numéro {i} pour la mesure"
                partners.write_text(original[:at] + f"      {marker}.\n" + original[at:], encoding="utf-8")
                delay = _wait_for(url, marker, 60)
                delays.append(delay if delay is not None else float("inf"))
                time.sleep(1)
            partners.write_text(original, encoding="utf-8")
        finally:
            server.terminate()
            server.wait(timeout=30)
    shown = ", ".join(f"{d:.1f} s" for d in delays)
    return [
        ("Premier affichage après le lancement (construction complète, PDF compris)", f"{first:.1f} s"),
        (
            f"Fiche modifiée → page à jour ({EDITS} modifications)",
            f"médiane {statistics.median(delays):.1f} s, pire {max(delays):.1f} s ({shown})",
        ),
    ]


if __name__ == "__main__":
    for name, value in run():
        print(f"{name} : {value}")
