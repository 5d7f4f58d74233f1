"""Format the problems found by the checks: French text for people, JSON for machines."""

from __future__ import annotations

import html
import json

from ..read.problems import Collector, Problem, Severity, log_safe_line, printable
from .changes import Changed


def _on_changed_line(p: Problem, changed: Changed) -> bool:
    return p.line in changed.get(p.file, ())


def ordered(collector: Collector, changed: Changed | None = None) -> list[Problem]:
    """Problems in file order; with `changed` (lines a pull request changed), those on changed lines
    first, then errors before warnings: an agent's own mistakes never wait behind older warnings."""
    problems = collector.sorted()
    if changed is None:
        return problems
    return sorted(problems, key=lambda p: (not _on_changed_line(p, changed), p.severity is not Severity.ERROR))


def format_text(
    collector: Collector, *, strict: bool = False, errors_only: bool = False, changed: Changed | None = None
) -> str:
    """The report people read. `errors_only` leaves warnings out (the build shows only what blocks it);
    `changed`: the lines a pull request changed, whose problems come first under their own heading."""
    lines: list[str] = []
    problems = [p for p in ordered(collector, changed) if not errors_only or p.severity is Severity.ERROR]
    mine = [p for p in problems if changed is not None and _on_changed_line(p, changed)]
    if changed is not None:
        count = f"{len(mine)} problème{'s' if len(mine) > 1 else ''}" if mine else "aucun problème"
        lines.append(f"== Sur les lignes que vous avez modifiées : {count} ==")
        lines.append("")
    for index, p in enumerate(problems):
        if changed is not None and index == len(mine):
            lines.append(
                f"== Ailleurs dans les données (déjà là avant vos modifications) : {len(problems) - len(mine)} =="
            )
            lines.append("")
        # Every part may carry text from data/ (a value, a key, a file name): printed escaped.
        where = f"{printable(p.file)}:{p.line}:{p.column}"
        field = f" — champ {printable(p.path)}" if p.path else ""
        lines.append(f"{where}: {p.severity.label} [{p.rule}]{field}")
        lines.append(f"    {printable(p.message)}")
        if p.expected:
            lines.append(f"    attendu : {printable(p.expected)}")
        if p.found:
            lines.append(f"    trouvé  : {printable(p.found)}")
        if p.tip:
            lines.append(f"    conseil : {printable(p.tip)}")
        lines.append("")
    lines.append(summary(collector, strict=strict))
    return "\n".join(log_safe_line(line) for line in lines)


def summary(collector: Collector, *, strict: bool = False) -> str:
    errors, warnings = len(collector.errors), len(collector.warnings)
    if not errors and not warnings:
        return "Aucun problème : les données sont valides."
    parts = []
    if errors:
        parts.append(f"{errors} erreur{'s' if errors > 1 else ''}")
    if warnings:
        parts.append(f"{warnings} avertissement{'s' if warnings > 1 else ''}")
    verdict = (
        "les données doivent être corrigées avant publication."
        if errors or (strict and warnings)
        else "les données peuvent être publiées ; les avertissements sont à traiter quand c'est possible."
    )
    return f"{' et '.join(parts)} : {verdict}"


def _escape_command(text: str, prop: bool = False) -> str:
    """A value inside a GitHub workflow command (`::error file=…::message`)."""
    text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(collector: Collector, *, changed: Changed | None = None) -> str:
    """One GitHub annotation per problem (`::error` / `::warning`) on its file and line, those on the
    lines a pull request changed first. Files are named from the current folder: run it from the
    repository's root, as the workflow does."""
    out = []
    for p in ordered(collector, changed):
        level = "error" if p.severity is Severity.ERROR else "warning"
        body = " ".join(x for x in (p.message, f"Attendu : {p.expected}." if p.expected else None, p.tip) if x)
        title = f"[{p.rule}] {p.path}".strip()
        out.append(
            f"::{level} file={_escape_command(p.file, True)},line={p.line},col={p.column},"
            f"title={_escape_command(title, True)}::{_escape_command(body)}"
        )
    return "\n".join(out)


def _cell(text: object) -> str:
    return html.escape(printable(text)).replace("|", "\\|").replace("`", "&#96;")


def format_summary(collector: Collector, *, changed: Changed | None = None) -> str:
    """A Markdown table of every problem for the CI job summary, those on changed lines first."""
    rows = [
        "| | Où | Règle | Problème | Conseil |",
        "|---|---|---|---|---|",
    ]
    for p in ordered(collector, changed):
        mark = "❌ erreur" if p.severity is Severity.ERROR else "⚠️ avertissement"
        if changed is not None and _on_changed_line(p, changed):
            mark += " (ligne modifiée)"
        where = f"{p.file}:{p.line}:{p.column}"
        rows.append(f"| {mark} | {_cell(where)} | {_cell(p.rule)} | {_cell(p.message)} | {_cell(p.tip or '')} |")
    return "\n".join([summary(collector), "", *rows]) if collector.problems else summary(collector)


def format_json(collector: Collector) -> str:
    payload = {
        "errors": len(collector.errors),
        "warnings": len(collector.warnings),
        "problems": [p.as_dict() for p in collector.sorted()],
    }
    return json.dumps(payload, ensure_ascii=True, indent=2)  # \uXXXX: no raw control or invisible character
