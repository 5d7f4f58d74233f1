"""The rule registry: each rule has a name and a French description, and runs over the dataset.

Rules live in `rules/<family>.py` and register themselves with `@rule`; the problems found while
reading the files (syntax, structure) are reported by the reader and declared here with `declare`,
so that every name a report can show is listed in `RULES`. A rule that crashes becomes a reported
error, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..read.dataset import Dataset, load_dataset
from ..read.model import Record
from ..read.problems import Collector, Problem, Severity, format_path


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    run: Callable[[Context], None] | None  # None: reported while reading the files (see `declare`)


RULES: list[Rule] = []
RuleFunction = Callable[["Context"], None]


def rule(name: str, description: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        RULES.append(Rule(name, description, function))
        return function

    return register


def declare(name: str, description: str) -> None:
    """A rule whose problems the reader reports itself (read/), listed here with the others."""
    RULES.append(Rule(name, description, None))


class Context:
    """What a rule sees: the dataset, today's date, and a way to report at a record's position."""

    def __init__(self, dataset: Dataset, collector: Collector, today: dt.date) -> None:
        self.dataset = dataset
        self.collector = collector
        self.today = today
        self.current_rule = ""

    def report(
        self,
        record: Record,
        subpath: tuple,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        expected: str | None = None,
        found: str | None = None,
        tip: str | None = None,
    ) -> None:
        file, base = record._origin or ("?", ())
        path = base + tuple(subpath)
        doc = self.dataset.documents.get(file)
        line, column = doc.position(path) if doc else (1, 1)
        self.collector.add(
            Problem(severity, self.current_rule, file, line, column, format_path(path), message, expected, found, tip)
        )

    def warn(self, record: Record, subpath: tuple, message: str, **kwargs: str | None) -> None:
        self.report(record, subpath, message, severity=Severity.WARNING, **kwargs)


@dataclass
class CheckResult:
    dataset: Dataset
    collector: Collector

    @property
    def ok(self) -> bool:
        return not self.collector.errors

    def exit_code(self, strict: bool = False) -> int:
        if self.collector.errors or (strict and self.collector.warnings):
            return 1
        return 0


def run_checks(data_dir: Path, today: dt.date | None = None) -> CheckResult:
    """Read `data_dir`, then check it: the two steps that `inge43 check` and the build run."""
    collector = Collector()
    return check_dataset(load_dataset(Path(data_dir), collector), collector, today)


def check_dataset(dataset: Dataset, collector: Collector, today: dt.date | None = None) -> CheckResult:
    """Run every rule over a dataset already read; problems join the reader's in `collector`, none raised."""
    ctx = Context(dataset, collector, today or dt.date.today())
    for item in RULES:
        if item.run is None:
            continue
        ctx.current_rule = item.name
        try:
            item.run(ctx)
        except Exception as exc:  # noqa: BLE001 - a broken rule must not hide the others, nor print a traceback
            collector.add(
                Problem(
                    Severity.ERROR,
                    "erreur-interne",
                    "(vérificateur)",
                    1,
                    1,
                    "",
                    f"La vérification « {item.name} » a échoué ({type(exc).__name__} : {exc}).",
                    tip="Ce n'est pas une erreur dans vos données : signalez-la à l'équipe technique.",
                )
            )
    return CheckResult(dataset, collector)
