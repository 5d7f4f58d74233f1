"""The checked dataset for a site build, read once per change of the data files.

Both MkDocs adapters (hook and macros) ask for it; `mkdocs serve` asks again after each edit.
"""

from __future__ import annotations

import os
from pathlib import Path

from .checks import CheckResult, run_checks

_cache: dict[tuple, CheckResult] = {}


def data_dir_for(config_dir: Path) -> Path:
    """The data folder: `INGE43_DATA` if set (tests build fixture data), else `<project>/data`."""
    return Path(os.environ.get("INGE43_DATA") or Path(config_dir) / "data").resolve()


def checked(data_dir: Path) -> CheckResult:
    files = sorted([*Path(data_dir).rglob("*.yml"), *Path(data_dir).glob("contours.json")])
    key = (str(data_dir), tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    if key not in _cache:
        _cache.clear()
        _cache[key] = run_checks(data_dir)
    return _cache[key]
