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
from ..read.problems import Collector, Problem, Severity, format_path, quote
from ..read.yaml_reader import MAX_FILE_BYTES, YamlDocument, parse_yaml

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


# Files whose records carry a contact with its provenance: list key, and the key naming a record.
_CONTACT_LISTS = {"partners.yml": ("partenaires", "id"), "intercommunalites.yml": ("intercommunalites", "code")}
_FIELDS = ("adresse", "telephone", "courriel", "site_web", "formulaire")


def _base_text(data_dir: Path, base: str, name: str) -> str | None:
    """A data file as it was at the fork point with `base` (None: absent, or git cannot say)."""
    data_dir = Path(data_dir).resolve()
    try:
        run = subprocess.run(
            ["git", "-C", str(data_dir), "merge-base", base, "HEAD"], capture_output=True, text=True, check=True
        )
        shown = subprocess.run(
            ["git", "-C", str(data_dir), "show", f"{run.stdout.strip()}:./{name}"],
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    if len(shown.stdout) > MAX_FILE_BYTES:  # the same bound as the files read from data/
        return None
    try:
        return shown.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _entry_for(contact: dict, field: str) -> tuple[int, dict] | None:
    for index, entry in enumerate(contact.get("provenance") or []):
        if isinstance(entry, dict) and field in (entry.get("champs") or []):
            return index, entry
    return None


def stale_provenance(data_dir: Path, base: str, documents: dict[str, YamlDocument], collector: Collector) -> None:
    """Warn when a contact value changed since `base` while its provenance entry (source and year)
    did not: the page still says « relevé en 2019 sur … » under a number nobody read there."""
    for doc in documents.values():
        if doc.name not in _CONTACT_LISTS or not isinstance(doc.data, dict):
            continue
        text = _base_text(data_dir, base, doc.name)
        before = parse_yaml(text, doc.file, Collector()) if text is not None else None
        if before is None or not isinstance(before.data, dict):
            continue
        list_key, id_key = _CONTACT_LISTS[doc.name]
        old_records = {
            r.get(id_key): r for r in before.data.get(list_key) or [] if isinstance(r, dict) and r.get(id_key)
        }
        for index, record in enumerate(doc.data.get(list_key) or []):
            if not isinstance(record, dict) or not isinstance(record.get("contact"), dict):
                continue
            old = old_records.get(record.get(id_key))
            if not old or not isinstance(old.get("contact"), dict):
                continue
            new_contact, old_contact = record["contact"], old["contact"]
            for field in _FIELDS:
                value, previous = new_contact.get(field), old_contact.get(field)
                if not value or not previous or str(value).split() == str(previous).split():
                    continue
                now, then = _entry_for(new_contact, field), _entry_for(old_contact, field)
                if now is None or then is None:
                    continue  # no provenance at all: the rule provenance-contact says so
                entry_index, entry = now
                if (entry.get("source"), entry.get("annee")) != (then[1].get("source"), then[1].get("annee")):
                    continue
                line, column = doc.position((list_key, index, "contact", field))
                entry_line = doc.position((list_key, index, "contact", "provenance", entry_index))[0]
                year = f" ({entry['annee']})" if entry.get("annee") else ""
                collector.add(
                    Problem(
                        Severity.WARNING,
                        "provenance-inchangee",
                        doc.file,
                        line,
                        column,
                        format_path((list_key, index, "contact", field)),
                        f"« {field} » a changé (ligne {line}), mais son entrée de provenance (ligne {entry_line}) "
                        f"garde la même source et la même année{year} : le site dirait que la nouvelle valeur "
                        "vient de l'ancienne page.",
                        expected="la page où vous avez lu la nouvelle valeur, et son année, dans la provenance",
                        found=f"{quote(value)} au lieu de {quote(previous)}, source inchangée",
                        tip=f"Ligne {entry_line} : mettez dans « source » la page où vous avez lu la nouvelle valeur "
                        "et son année dans « annee » (si la valeur a sa propre source, faites-lui une entrée à "
                        "part). Sans source pour la nouvelle valeur, remettez l'ancienne.",
                    )
                )
