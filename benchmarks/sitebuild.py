"""One way for every benchmark to build the site: `mkdocs build` in its own process, timed.

`build(config, out, data=None, pdf=False)` returns (seconds, peak memory in KB): the wall-clock
time of the process, and the largest resident size of the process and of its children (PDF workers).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_SCRIPT = """
import resource, sys, time
start = time.perf_counter()
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
if sys.argv[3] == "no-pdf" and "inge43" in config.plugins:
    config.plugins["inge43"].config.pdf = False  # PDFs: see bench_pdf
build(config)
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"{time.perf_counter() - start:.3f} {peak}")
"""


def build(config: Path, out: Path, data: Path | None = None, pdf: bool = False) -> tuple[float, int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764547200"}
    env.pop("INGE43_DATA", None)
    if data is not None:
        env["INGE43_DATA"] = str(data)
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(config), str(out), "pdf" if pdf else "no-pdf"],
        cwd=config.parent,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"la construction a échoué ({config}) :\n{done.stderr[-3000:]}")
    seconds, peak = done.stdout.split()[-2:]
    return float(seconds), int(peak)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve a built site on a free local port; yields its address (with the final slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
