"""Run every benchmarks/bench_*.py and write their figures to benchmarks/RESULTATS.md.

Each module exposes `run() -> list[tuple[str, str]]` (measure, value). Benchmarks are
measurements, not tests: they never fail on a threshold; the figures are read by people.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sections = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.stem}", flush=True)
        rows = module.run()
        for name, value in rows:
            print(f"  {name} : {value}", flush=True)
        sections.append((module.__doc__.strip().splitlines()[0], rows))
    lines = [
        "# Mesures (make bench)",
        "",
        f"Machine : {platform.machine()}, {platform.processor() or 'processeur inconnu'}, Python {platform.python_version()} ;"
        f" mesuré le {dt.date.today().isoformat()}.",
        "",
    ]
    for title, rows in sections:
        lines += [f"## {title}", "", "| Mesure | Valeur |", "| --- | --- |"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        lines.append("")
    (HERE / "RESULTATS.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"écrit : {HERE / 'RESULTATS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
