"""Run the benchmarks/bench_*.py and write their figures to benchmarks/RESULTATS.md.

Each module exposes `run() -> list[tuple[str, str]]` (measure, value). Benchmarks are
measurements, not tests: they never fail on a threshold; the figures are read by people.

    python benchmarks/run.py                 # all of them (make bench)
    python benchmarks/run.py bench_finder    # only some: their sections are replaced, the others kept

Every section says on which machine and on which day it was measured.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import platform
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTATS.md"
TITLE = "# Mesures (make bench)"


def _machine() -> str:
    cpu = platform.processor() or "processeur inconnu"
    return f"{platform.machine()}, {cpu}, {os.cpu_count()} cœurs, Python {platform.python_version()}"


def _existing_sections() -> dict[str, str]:
    """Title -> block (from `## ` to the next) of the current RESULTATS.md."""
    if not RESULTS.exists():
        return {}
    text = RESULTS.read_text(encoding="utf-8")
    # An older file dated all its sections at once: that date goes into each kept section.
    dated = re.search(r"^Machine : (.*) ; mesuré le ([0-9-]+)\.$", text, re.M)
    sections = {}
    for block in text.split("\n## ")[1:]:
        title, _, rest = block.partition("\n")
        if dated and "mesuré le" not in rest:
            rest = f"\nMesuré le {dated.group(2)} sur : {dated.group(1)}.\n" + rest
        sections[title] = f"## {title}\n{rest.rstrip()}\n"
    return sections


def main(argv: list[str]) -> int:
    chosen = set(argv)
    paths = [p for p in sorted(HERE.glob("bench_*.py")) if not chosen or p.stem in chosen]
    unknown = chosen - {p.stem for p in paths}
    if unknown:
        print(f"mesures inconnues : {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    sections = {} if not chosen else _existing_sections()
    for path in paths:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.stem}", flush=True)
        rows = module.run()
        for name, value in rows:
            print(f"  {name} : {value}", flush=True)
        title = module.__doc__.strip().splitlines()[0]
        lines = [f"## {title}", "", f"`{path.name}`, mesuré le {dt.date.today().isoformat()} sur : {_machine()}.", ""]
        lines += ["| Mesure | Valeur |", "| --- | --- |"] + [f"| {name} | {value} |" for name, value in rows]
        sections[title] = "\n".join(lines) + "\n"
    RESULTS.write_text(TITLE + "\n\n" + "\n".join(sections.values()), encoding="utf-8")
    print(f"écrit : {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
