"""The data lines a pull request changed (`git diff -U0`), so that their problems come first.

An agent's own mistakes must not hide behind the warnings that were there before her change:
`inge43 check --changed-from <base>` lists the problems on the lines she changed first, in the
report and in the CI annotations.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..read.dataset import _label

_HUNK = re.compile(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@")

Changed = dict[str, set[int]]  # file, named as in the problems (see read.dataset) -> changed lines


def parse_diff(diff: str) -> Changed:
    """Changed lines of the new side of a `git diff -U0`, by path inside the repository. A deletion
    marks the lines around it: that is where the reader looks for what went missing."""
    changed: Changed = {}
    current: str | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:].strip()
            current = name.removeprefix("b/") if name != "/dev/null" else None
        elif current is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) if match.group(2) is not None else 1)
            lines = set(range(start, start + count)) if count else {max(start, 1), start + 1}
            changed.setdefault(current, set()).update(lines)
    return changed


def changed_lines(data_dir: Path, base: str) -> Changed | str:
    """The data lines changed since `base` (a branch or commit), the working copy included, or a
    French sentence saying why they cannot be known (no git, unknown base)."""
    data_dir = Path(data_dir).resolve()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(data_dir), *args], capture_output=True, text=True, check=True, encoding="utf-8"
        ).stdout

    try:
        top = Path(git("rev-parse", "--show-toplevel").strip()).resolve()
        fork = git("merge-base", base, "HEAD").strip()
        diff = git("diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", fork, "--", str(data_dir))
    except (OSError, subprocess.CalledProcessError):
        return (
            f"impossible de comparer avec « {base} » (git absent, ou branche inconnue : "
            "récupérez-la avec « git fetch »). Les problèmes sont listés dans l'ordre des fichiers."
        )
    # Problems name files relative to the current folder (read.dataset): so do these.
    return {_label(top / name): lines for name, lines in parse_diff(diff).items()}
