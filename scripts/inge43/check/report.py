"""Format the problems found by the checks: French text for people, JSON for machines."""

from __future__ import annotations

import json

from ..read.problems import Collector, Severity, log_safe_line, printable


def format_text(collector: Collector, *, strict: bool = False, errors_only: bool = False) -> str:
    """The report people read. `errors_only` leaves warnings out (the build shows only what blocks it)."""
    lines: list[str] = []
    for p in collector.sorted():
        if errors_only and p.severity is not Severity.ERROR:
            continue
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


def format_json(collector: Collector) -> str:
    payload = {
        "errors": len(collector.errors),
        "warnings": len(collector.warnings),
        "problems": [p.as_dict() for p in collector.sorted()],
    }
    return json.dumps(payload, ensure_ascii=True, indent=2)  # \uXXXX: no raw control or invisible character
