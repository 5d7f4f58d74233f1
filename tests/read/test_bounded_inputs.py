"""Inputs the checker must refuse with a located French message, never a traceback, a hang or
a memory blow-up: links, folders and special files in data/, huge or deep files, unreadable
folders; and a report that data can't hijack (terminal escapes, CI log commands)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_site
from inge43.check.registry import run_checks
from inge43.read import dataset as dataset_module
from inge43.read.yaml_reader import MAX_FILE_BYTES

VALID = Path(__file__).parents[1] / "fixtures" / "valid"
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    return folder


def problems_for(data: Path, file_name: str, rule: str) -> list:
    result = run_checks(data, today=TODAY)
    assert not result.ok
    found = [p for p in result.collector.problems if p.rule == rule and p.file.endswith(file_name)]
    assert found, [(p.rule, p.file, p.message) for p in result.collector.problems]
    for p in found:
        assert p.line >= 1 and p.column >= 1 and p.message and p.tip
    return found


def check_cli(data: Path, timeout: int = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "inge43", "check", "--data", str(data)],
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def test_symlink_to_a_secret_is_refused_without_printing_it(data: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "termes:\n  - sigle: MOTDEPASSE-SECRET\n    definition: ne doit jamais s'afficher\n", encoding="utf-8"
    )
    (data / "glossary.yml").unlink()
    (data / "glossary.yml").symlink_to(secret)
    [problem] = problems_for(data, "glossary.yml", "fichier-illisible")
    assert "lien symbolique" in problem.message
    proc = check_cli(data)
    output = (proc.stdout + proc.stderr).decode()
    assert proc.returncode == 1
    assert "MOTDEPASSE" not in output and "Traceback" not in output
    assert "glossary.yml:1:1" in output


@pytest.mark.parametrize("kind", ["broken", "loop", "dev-zero"])
def test_broken_looping_and_device_links_are_refused(data: Path, kind: str):
    link = data / "glossary.yml"
    link.unlink()
    if kind == "broken":
        link.symlink_to(data / "absent.yml")
    elif kind == "loop":
        link.symlink_to(link)
    else:
        link.symlink_to("/dev/zero")  # never opened: it would eat the memory
    problems_for(data, "glossary.yml", "fichier-illisible")


def test_guides_link_is_refused(data: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(data / "guides", elsewhere)
    (data / "guides").symlink_to(elsewhere)
    problems_for(data, "guides", "fichier-illisible")


def test_folder_named_like_a_data_file_is_refused(data: Path):
    (data / "glossary.yml").unlink()
    (data / "glossary.yml").mkdir()
    (data / "guides" / "dossier.yml").mkdir()
    problems_for(data, "glossary.yml", "fichier-illisible")
    problems_for(data, "dossier.yml", "fichier-illisible")


def test_fifo_is_refused_without_blocking(data: Path):
    (data / "glossary.yml").unlink()
    os.mkfifo(data / "glossary.yml")
    problems_for(data, "glossary.yml", "fichier-illisible")


def test_huge_file_is_read_with_a_bound(data: Path):
    with open(data / "glossary.yml", "ab") as handle:
        handle.write(b"#" * 1000 + b"\n")
        handle.truncate(MAX_FILE_BYTES + 10)  # sparse: cheap to make
    [problem] = problems_for(data, "glossary.yml", "fichier-trop-grand")
    assert "Mo" in problem.message


def test_one_megabyte_line_is_refused(data: Path):
    lines = (data / "glossary.yml").read_text(encoding="utf-8").splitlines()
    with open(data / "glossary.yml", "a", encoding="utf-8") as handle:
        handle.write("  - sigle: LONG\n    definition: " + "x" * 1_000_000 + "\n")
    [problem] = problems_for(data, "glossary.yml", "fichier-trop-grand")
    assert problem.line == len(lines) + 2


@pytest.mark.parametrize("text", ["[" * 2000 + "]" * 2000, "{a: " * 1000 + "1" + "}" * 1000])
def test_deep_nesting_is_refused(data: Path, text: str):
    (data / "glossary.yml").write_text("termes: " + text + "\n", encoding="utf-8")
    [problem] = problems_for(data, "glossary.yml", "syntaxe-yaml")
    assert "imbriqués" in problem.message


def test_reused_text_reference_is_refused(data: Path):
    """A small file reusing a long text by `&`/`*` once produced a 598 MB site: refused."""
    (data / "glossary.yml").write_text(
        "termes:\n  - sigle: AAA\n    definition: &texte Un long texte.\n  - sigle: BBB\n    definition: *texte\n",
        encoding="utf-8",
    )
    [problem] = problems_for(data, "glossary.yml", "syntaxe-yaml")
    assert (problem.line, problem.column) == (3, 17)


def test_unreadable_guides_folder_is_an_error(data: Path, monkeypatch):
    # Tests run as root here, where chmod 000 does not stop reading: simulate the refusal.
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "guides":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(dataset_module.os, "scandir", scandir)
    [problem] = problems_for(data, "guides", "fichier-illisible")
    assert "ignorés" in problem.message


def test_report_escapes_control_characters_and_ci_commands(data: Path):
    text = (data / "partners.yml").read_text(encoding="utf-8")
    hostile = '"\\e[2J\\e[31mrouge\\r\\n::error file=x::pirate\\n##[group]x\\u202etxt"'
    text = text.replace("    nom: Guichet de test", f"    nom: {hostile}", 1)
    (data / "partners.yml").write_text(text, encoding="utf-8")
    with open(data / "glossary.yml", "a", encoding="utf-8") as handle:  # a key is printed too
        handle.write('  - sigle: CLE\n    definition: x\n    "::warning::cle": 1\n')
    proc = check_cli(data)
    output = (proc.stdout + proc.stderr).decode()
    assert proc.returncode == 1 and "Traceback" not in output
    assert "\x1b" not in output and "\r" not in output and "\u202e" not in output
    for line in output.splitlines():
        assert not line.lstrip().startswith(("::", "##[")), line
    assert "\\x1b[2J" in output and "\\u202e" in output  # shown, escaped: the agent sees what to fix
    assert "caractere-interdit" in output and "partners.yml:5:" in output and "cle-inconnue" in output


def test_mkdocs_build_shows_the_french_report(data: Path, tmp_path: Path):
    (data / "glossary.yml").unlink()
    (data / "glossary.yml").symlink_to("/dev/zero")
    result = build_site(data, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "lien symbolique" in output and re.search(r"glossary\.yml:1:1: erreur \[fichier-illisible\]", output)


def test_serve_rebuild_shows_the_report_not_a_traceback(data: Path, monkeypatch):
    """`mkdocs serve` prints a traceback for any rebuild error except SystemExit, whose message it prints."""
    import types as pytypes

    from mkdocs.exceptions import Abort

    from inge43.mkdocs.plugin import Inge43Plugin

    plugin = Inge43Plugin()
    plugin.load_config({})
    (data / "glossary.yml").unlink()
    (data / "glossary.yml").symlink_to("/dev/zero")
    monkeypatch.setenv("INGE43_DATA", str(data))
    config = pytypes.SimpleNamespace(
        config_file_path=str(Path(__file__).resolve().parents[2] / "mkdocs.yml"), site_url="http://127.0.0.1:8000/"
    )
    with pytest.raises(SystemExit) as raised:
        plugin.on_config(config)
    assert isinstance(raised.value, Abort)
    assert "fichier-illisible" in str(raised.value) and "Traceback" not in str(raised.value)


def test_contours_link_to_a_device_is_refused(data: Path):
    (data / "contours.json").symlink_to("/dev/zero")
    problems_for(data, "contours.json", "fichier-illisible")
