"""Problems found in the data, and the collector that gathers them all in one run."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "erreur" if self is Severity.ERROR else "avertissement"


Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """`('partenaires', 3, 'offres', 1)` -> `partenaires[3].offres[1]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    severity: Severity
    rule: str
    file: str
    line: int
    column: int
    path: str
    message: str
    expected: str | None = None
    found: str | None = None
    tip: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class Collector:
    """Gathers problems; never stops at the first one."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.file, p.line, p.column, p.rule))


def quote(value: Any) -> str:
    """French quotation of a found value, shortened so a long text stays readable."""
    if value is None:
        return "rien (valeur vide)"
    if isinstance(value, bool):
        return "« true »" if value else "« false »"
    if isinstance(value, dict):
        return "une liste de clés (" + ", ".join(str(k) for k in list(value)[:5]) + ")"
    if isinstance(value, list):
        return f"une liste de {len(value)} élément(s)"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"« {text} »"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object) -> str:
    """Text safe to print in a terminal or a CI log: control characters, line breaks and
    invisible characters (direction changes, BOM…) are shown as escapes such as `\\n`, `\\x1b`,
    `\\u202e`, so that a data value can neither clear the screen nor start a new log line."""
    out = []
    for char in str(text):
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") and char != "\u200d":
            code = ord(char)
            out.append(
                _NAMED.get(char)
                or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
            )
        else:
            out.append(char)
    return "".join(out)


def log_safe_line(line: str) -> str:
    """A report line that a CI runner can't read as a command (`::error::…`, `##[group]`)."""
    stripped = line.lstrip()
    if stripped.startswith(("::", "##[")):
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line
