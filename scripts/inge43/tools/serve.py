"""`make serve`: `mkdocs serve`, saying while it works how long the first build has taken.

On a fresh clone the first build renders every page: the agent sees the seconds pass, then the
address to open, instead of a silent terminal (PDFs are left to `make build`: the inge43 plugin
makes none while serving). While the data is
broken the browser shows the French report (the inge43 plugin serves it as the site).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from typing import TextIO

TICK_SECONDS = 5  # how often the waiting message is repeated


def _listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _watch(host: str, port: int, child: subprocess.Popen[bytes], start: float, out: TextIO = sys.stdout) -> None:
    """Print the elapsed time until the server answers, then the address and the first build's time."""
    last = 0.0
    while child.poll() is None:
        elapsed = time.monotonic() - start
        if _listening(host, port):
            print(
                f"\nSite prêt en {elapsed:.0f} s (première construction) : ouvrez http://{host}:{port}/\n"
                "Chaque fichier enregistré met le site à jour tout seul. Ctrl+C pour arrêter.\n"
                "Les PDF à imprimer ne sont pas fabriqués ici : « make build » les fait.\n",
                file=out,
                flush=True,
            )
            return
        if elapsed - last >= TICK_SECONDS:
            print(f"… première construction du site en cours : {elapsed:.0f} s", file=out, flush=True)
            last = elapsed
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    print(
        "Construction du site (vérification des données comprise) : l'adresse s'affiche dès qu'il est prêt.",
        flush=True,
    )
    start = time.monotonic()
    mkdocs = os.path.join(os.path.dirname(sys.executable), "mkdocs")
    child = subprocess.Popen([mkdocs, "serve", "--livereload", "--dev-addr", args.dev_addr])
    threading.Thread(target=_watch, args=(host, int(port), child, start), daemon=True).start()
    try:
        return child.wait()
    except KeyboardInterrupt:
        child.wait()
        return 0


if __name__ == "__main__":
    sys.exit(main())
