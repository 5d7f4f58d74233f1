"""YAML syntax errors in French only, on the line of the mistake, with advice that does not create
a new error (issue 24): missing colon, missing space after the colon, tabs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from inge43.check.registry import run_checks
from inge43.read.problems import Collector
from inge43.read.yaml_reader import parse_yaml, tab_indent

FIXTURES = Path(__file__).parents[1] / "fixtures"
VALID_PARTNERS = (FIXTURES / "valid" / "partners.yml").read_text(encoding="utf-8")
ENGLISH = ("mapping", "expected", "could not", "found", "while scanning", "detail", "détail technique")


def _problems(text: str, name: str = "partners.yml"):
    collector = Collector()
    parse_yaml(text, name, collector)
    return collector.problems


def _break(line_start: str, old: str, new: str) -> tuple[str, int]:
    lines = VALID_PARTNERS.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(line_start))
    lines[index] = lines[index].replace(old, new, 1)
    return "".join(lines), index + 1


def test_missing_colon_points_at_its_line():
    text, line = _break("nom:", "nom:", "nom")
    (problem,) = _problems(text)
    assert (problem.line, problem.column) == (line, 8)
    assert problem.message == "Il manque le deux-points « : » après la clé « nom »."
    assert problem.found == "« nom Guichet de test »"
    assert problem.tip == "Écrivez « nom: » suivi d'une espace puis de la valeur."


def test_missing_space_after_colon_is_told_apart():
    text, line = _break("telephone:", "telephone: ", "telephone:")
    (problem,) = _problems(text)
    assert (problem.line, problem.column) == (line, 16)
    assert problem.message == "Il manque une espace après le deux-points de « telephone »."
    assert problem.tip == "Ajoutez une espace après « telephone: », par exemple : telephone: valeur."


def test_a_long_text_line_starting_with_a_word_is_not_taken_for_a_key():
    # « les communes … » inside a folded text is not a key without its colon.
    text = "partenaires:\n  - id: a\n    description: >-\n      les communes de la Haute-Loire\n    nom: [x\n"
    (problem,) = _problems(text)
    assert "deux-points" not in problem.message


@pytest.mark.parametrize("case", sorted((FIXTURES / "invalid" / "syntaxe-yaml").iterdir()), ids=lambda p: p.name)
def test_syntax_messages_carry_no_english(case):
    for source in case.glob("*.yml"):
        if source.name == "expected.yml":
            continue
        for problem in _problems(source.read_text(encoding="utf-8"), source.name):
            for text in (problem.message, problem.found, problem.expected, problem.tip):
                assert not any(word in (text or "") for word in ENGLISH), (case.name, text)


def _apply_tab_advice(text: str, number: int) -> str:
    lines = text.splitlines(keepends=True)
    spaces = tab_indent([line.rstrip("\n") for line in lines], number)
    assert spaces is not None
    lines[number - 1] = " " * spaces + lines[number - 1].lstrip(" \t")
    return "".join(lines)


@pytest.mark.parametrize(
    ("start", "old", "new"),
    [
        ("telephone:", "      telephone", "\ttelephone"),  # a key inside a block
        ("nom:", "    nom", "\t\tnom"),  # the first key after « - id: »
        ("- champs:", "        - champs", "\t- champs"),  # a list item
    ],
)
def test_following_the_tab_advice_gives_a_valid_file(tmp_path, start, old, new):
    text, line = _break(start, old, new)
    problems = _problems(text)
    assert [p.rule for p in problems] == ["tabulation"] and problems[0].line == line
    assert "exactement" in problems[0].tip
    data = tmp_path / "data"

    shutil.copytree(FIXTURES / "valid", data)
    (data / "partners.yml").write_text(_apply_tab_advice(text, line), encoding="utf-8")

    assert run_checks(data, today=dt.date(2026, 11, 29)).collector.problems == []
