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


def _fingerprint(data_dir: Path) -> tuple:
    """Name, date and size of each data file, without following links (a broken or looping
    link, or an unreadable folder, must reach the checks, not raise here)."""
    out = []
    for folder in (Path(data_dir), Path(data_dir) / "guides"):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            out.append((str(folder), "illisible"))
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            out.append((entry.path, info.st_mode, info.st_mtime_ns, info.st_size))
    return tuple(out)


def checked(data_dir: Path) -> CheckResult:
    key = (str(data_dir), _fingerprint(data_dir))
    if key not in _cache:
        _cache.clear()
        _cache[key] = run_checks(data_dir)
    return _cache[key]
