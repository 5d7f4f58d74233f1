"""Tests of the data checks on small fixture folders.

`tests/fixtures/valid/` is a complete, valid data folder. Each folder
`tests/fixtures/invalid/<rule>/<case>/` holds data files that replace their
counterpart in a copy of `valid/`, and an `expected.yml` naming the problem
that must be reported (rule, severity, file, line, and optionally path and a
piece of the tip, and the French message verbatim). `remove: [file]` deletes files instead.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from inge43.check import registry as checks
from inge43.check.registry import run_checks
from inge43.read.problems import Severity

FIXTURES = Path(__file__).parents[1] / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
TODAY = dt.date(2026, 11, 29)

# Every rule the validator can report, from its registry (reading rules are declared there too).
ALL_RULES = {r.name for r in checks.RULES}
# Cases a folder of files can't express (links, unreadable folders): tested in test_bounded_inputs.py.
# provenance-inchangee compares with the base branch in git: tests/fixtures/changes/, test_changed_first.py.
COVERED_ELSEWHERE = {"fichier-illisible", "provenance-inchangee"}

ENGLISH = ("Traceback", "Input should be", "Field required", "Extra inputs", "validation error", "Value error")
EXPECTED_KEYS = {"rule", "severity", "file", "line", "path", "message", "tip_contains", "remove", "also"}


def case_dirs() -> list[Path]:
    return sorted(p.parent for p in INVALID.glob("*/*/expected.yml"))


CASES = case_dirs()


def build(tmp_path: Path, case: Path | None = None) -> Path:
    """A copy of valid/ with the files of `case` laid over it (or removed)."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    if case is None:
        return data
    expected = load_expected(case)
    for name in expected.get("remove", []):
        (data / name).unlink()
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.yml":
            target = data / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return data


def load_expected(case: Path) -> dict:
    return yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))


def describe(problems) -> str:
    return (
        "\n".join(
            f"  {p.severity.value} [{p.rule}] {p.file}:{p.line}:{p.column} {p.path} — {p.message} (conseil : {p.tip})"
            for p in problems
        )
        or "  (aucun problème)"
    )


def assert_french(problems) -> None:
    for p in problems:
        assert p.message and p.message.strip(), f"message vide : {p}"
        for text in (p.message, p.expected, p.tip):
            if text:
                for word in ENGLISH:
                    assert word not in text, f"texte non traduit ({word!r}) : {p}"


# ---------------------------------------------------------------------------
# The valid folder
# ---------------------------------------------------------------------------


def test_valid_folder_has_no_problem():
    result = run_checks(VALID, today=TODAY)
    assert result.collector.problems == [], "valid/ devrait être sans problème :\n" + describe(
        result.collector.problems
    )
    assert result.ok
    assert result.exit_code() == 0
    assert result.exit_code(strict=True) == 0


def test_valid_folder_uses_every_file_type():
    result = run_checks(VALID, today=TODAY)
    ds = result.dataset
    assert len(ds.partners) == 3
    assert sum(p.guichet_unique for p in ds.partners) == 1
    assert any(not p.signataire_charte for p in ds.partners)
    assert any(p.territoire.epci for p in ds.partners)
    assert any(p.territoire.pnr for p in ds.partners)
    assert any(o.eligibilite and o.eligibilite.population_max == 1000 for p in ds.partners for o in p.offres)
    assert "eau-assainissement" in ds.domain_by_id and len(ds.domains) == 3
    assert len(ds.arrondissements) == 1 and len(ds.epcis) == 2 and len(ds.communes) == 4
    assert ds.communes_source is not None
    assert len(ds.parks) == 1 and ds.parks[0].communes and ds.parks[0].communes_a_confirmer
    assert ds.charter is not None
    assert len(ds.terms) == 2
    assert [g.id for g in ds.guides] == ["projet-communal"]
    assert any(who.offre for step in ds.guides[0].etapes for who in step.intervenants)
    # The escaping fixture: these strings must reach the data untouched.
    description = ds.partner_by_id["parc-test"].description
    for needle in ("<script>alert(1)</script>", "{{ config }}", "{% raw %}"):
        assert needle in description


@pytest.mark.parametrize("rule", sorted(ALL_RULES))
def test_rule_silent_on_valid_folder(rule):
    result = run_checks(VALID, today=TODAY)
    fired = [p for p in result.collector.problems if p.rule == rule]
    assert not fired, f"[{rule}] ne devrait rien signaler sur valid/ :\n" + describe(fired)


# ---------------------------------------------------------------------------
# One folder per broken case
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_invalid_case(case: Path, tmp_path: Path):
    expected = load_expected(case)
    assert set(expected) <= EXPECTED_KEYS, f"clés inconnues dans {case}/expected.yml"
    assert expected["rule"] == case.parent.name, "le dossier parent doit porter le nom de la règle"
    data = build(tmp_path, case)

    result = run_checks(data, today=TODAY)
    problems = result.collector.problems
    assert_french(problems)
    unregistered = {p.rule for p in problems} - ALL_RULES
    assert not unregistered, f"règles signalées mais absentes du registre : {unregistered}"

    def matches(p) -> bool:
        return (
            p.rule == expected["rule"]
            and p.severity is Severity(expected["severity"])
            and p.file.replace("\\", "/").endswith(expected["file"])
            and p.line == expected["line"]
            and ("path" not in expected or p.path == expected["path"])
            and ("message" not in expected or p.message == expected["message"])
            and ("tip_contains" not in expected or expected["tip_contains"] in (p.tip or ""))
        )

    assert any(matches(p) for p in problems), f"attendu : {expected}\nobtenu :\n" + describe(problems)
    # No other error: a case that also trips another rule hides a bug (or needs `also: [rule, …]`,
    # the other errors it is known to cause, e.g. in cascade). Warnings may come with any case.
    extra = [
        p
        for p in problems
        if p.severity is Severity.ERROR and not matches(p) and p.rule not in expected.get("also", [])
    ]
    assert extra == [], f"problèmes en trop :\n{describe(extra)}"
    if expected["severity"] == "error":
        assert result.exit_code() == 1
    else:
        assert result.exit_code(strict=True) == 1


def test_every_rule_has_a_case():
    covered = {c.parent.name for c in CASES}
    missing = sorted(ALL_RULES - covered - COVERED_ELSEWHERE)
    assert not missing, f"règles sans dossier de test dans tests/fixtures/invalid/ : {missing}"
    unknown = sorted(covered - ALL_RULES)
    assert not unknown, f"dossiers de test pour des règles inconnues : {unknown}"


def test_every_case_folder_is_complete():
    for rule_dir in INVALID.iterdir():
        for case in rule_dir.iterdir():
            assert (case / "expected.yml").is_file(), f"{case} n'a pas de expected.yml"
            expected = load_expected(case)
            replaced = [p for p in case.rglob("*") if p.is_file() and p.name != "expected.yml"]
            assert replaced or expected.get("remove"), f"{case} ne remplace ni ne supprime aucun fichier"
            for path in replaced:
                # New guides, the optional outlines file (data/contours.json) and the templates
                # (data/templates/, whose example values are refused) may be added by a case.
                added = path.parent.name in ("guides", "templates") or path.name == "contours.json"
                assert (VALID / path.relative_to(case)).exists() or added, (
                    f"{path} ne correspond à aucun fichier de valid/"
                )


# ---------------------------------------------------------------------------
# Exit codes and collecting every problem
# ---------------------------------------------------------------------------


def test_warnings_alone_exit_zero_unless_strict(tmp_path: Path):
    data = build(tmp_path, INVALID / "fiche-ancienne" / "partenaire")
    result = run_checks(data, today=TODAY)
    assert result.collector.warnings, describe(result.collector.problems)
    assert not result.collector.errors, describe(result.collector.problems)
    assert result.ok
    assert result.exit_code() == 0
    assert result.exit_code(strict=False) == 0
    assert result.exit_code(strict=True) == 1


def test_errors_exit_one_even_without_strict(tmp_path: Path):
    data = build(tmp_path, INVALID / "courriel" / "double-arobase")
    result = run_checks(data, today=TODAY)
    assert not result.ok
    assert result.exit_code() == 1
    assert result.exit_code(strict=True) == 1


def test_several_problems_in_one_file_all_reported(tmp_path: Path):
    data = build(tmp_path)
    shutil.copyfile(FIXTURES / "multi" / "partners.yml", data / "partners.yml")
    result = run_checks(data, today=TODAY)
    found = {(p.rule, p.line) for p in result.collector.errors}
    expected = {
        ("courriel", 16),  # guichet-test: "guichet@@exemple.fr"
        ("reference-domaine", 35),  # conseil-eau: "eau-assainisement"
        ("telephone", 57),  # agence-test: 9 digits
    }
    assert expected <= found, describe(result.collector.problems)
    assert len(result.collector.errors) == 3, describe(result.collector.problems)


def test_structural_and_cross_record_problems_in_one_run(tmp_path: Path):
    # One broken partner must not hide the checks on the others.
    data = build(tmp_path)
    text = (VALID / "partners.yml").read_text(encoding="utf-8")
    text = text.replace("    nom: Agence technique de test\n", "")  # champ-obligatoire on agence-test
    text = text.replace(
        "        nature: conseil\n    sources:", "        nature: conseill\n    sources:"
    )  # parc-test offer
    text = text.replace("      courriel: guichet@exemple.fr", "      courriel: guichet@@exemple.fr")  # valid partner
    (data / "partners.yml").write_text(text, encoding="utf-8")
    problems = run_checks(data, today=TODAY).collector.errors
    assert {"champ-obligatoire", "valeur-non-autorisee", "courriel"} <= {p.rule for p in problems}, describe(problems)


def test_problems_in_several_files_all_reported(tmp_path: Path):
    data = build(tmp_path)
    for case in ("courriel/double-arobase", "tabulation/indentation-tabulation", "date-future/signature-future"):
        case_dir = INVALID / case
        for source in case_dir.rglob("*.yml"):
            if source.name != "expected.yml":
                shutil.copyfile(source, data / source.relative_to(case_dir))
    problems = run_checks(data, today=TODAY).collector.problems
    assert {"courriel", "tabulation", "date-future"} <= {p.rule for p in problems}, describe(problems)
    assert {Path(p.file).name for p in problems} >= {"partners.yml", "glossary.yml", "charter.yml"}
