"""A corpus of broken data files, checked through the real `inge43 check` command.

The corpus runs the command's own entry point (`inge43.cli.main`) in the test's process, with its
output captured and a time limit: about 80 files, each spared the half-second a new Python process
spends importing the package. The command itself, as installed, is run as a program by the tests
at the end (JSON output, --strict, the alias bomb).

Each file `tests/fixtures/corpus/<what>.<target>.yml` replaces the data file
`<target>.yml` (or `guides/<target>.yml`) in a copy of `tests/fixtures/valid/`.
Its first line is `# expect: <rule>, ligne <n>`: the rule that must be reported
and the line it must point at (the broken line, where the author has to look), or
`# expect: none` when the content is valid text (injection attempts that must simply
be stored and escaped later) and the check must pass.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from inge43 import cli

FIXTURES = Path(__file__).parents[1] / "fixtures"
VALID = FIXTURES / "valid"
CORPUS = FIXTURES / "corpus"
TIMEOUT = 60  # seconds: a data file must never make the checker hang

HEADER = re.compile(rb"^# expect: ([a-z0-9-]+)(?:, ligne (\d+))?\r?\n")
FRENCH_WORDS = ("attendu", "conseil")


def executable() -> str:
    local = Path(sys.executable).parent / "inge43"
    if local.exists():
        return str(local)
    found = shutil.which("inge43")
    assert found, "la commande inge43 est introuvable (pip install -e .)"
    return found


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yml"))


FILES = corpus_files()


def expected_rule(path: Path) -> str:
    return expected(path)[0]


def expected(path: Path) -> tuple[str, int | None]:
    """(rule, line) from the file's first line."""
    match = HEADER.match(path.read_bytes())
    assert match, f"{path.name} doit commencer par « # expect: <règle>, ligne <n> » (ou « # expect: none »)"
    rule, line = match.group(1).decode(), match.group(2)
    assert (rule == "none") == (line is None), f"{path.name} : la ligne attendue est obligatoire, sauf pour « none »"
    return rule, int(line) if line else None


def target_of(path: Path) -> str:
    """`unclosed-quote.partners.yml` -> `partners.yml`; guides live in guides/."""
    parts = path.name.split(".")
    assert len(parts) == 3 and parts[2] == "yml", f"nom attendu : <quoi>.<cible>.yml, trouvé {path.name}"
    stem = parts[1]
    if (VALID / f"{stem}.yml").is_file():
        return f"{stem}.yml"
    if (VALID / "guides" / f"{stem}.yml").is_file():
        return f"guides/{stem}.yml"
    raise AssertionError(f"{path.name} : aucun fichier {stem}.yml dans valid/")


class CheckTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int):
    """Raise CheckTimeout after `seconds` (SIGALRM: only in the main thread, where pytest runs tests)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise CheckTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_check(
    tmp_path: Path, corpus_file: Path, *extra: str, timeout: int = TIMEOUT
) -> tuple[subprocess.CompletedProcess, str]:
    """`inge43 check --data data …` from `tmp_path`, on a copy of valid/ where `corpus_file` replaces
    its target: the command's entry point in this process; its output as the program would print it."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    target = target_of(corpus_file)
    shutil.copyfile(corpus_file, data / target)
    argv = ["check", "--data", "data", *extra]
    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        with time_limit(timeout), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as stop:  # argparse's exit
                code = stop.code if isinstance(stop.code, int) else 1
    except CheckTimeout:
        raise subprocess.TimeoutExpired(["inge43", *argv], timeout) from None
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(argv, code, out.getvalue().encode(), err.getvalue().encode()), f"data/{target}"


def run_program(
    tmp_path: Path, corpus_file: Path, *extra: str, timeout: int = TIMEOUT
) -> tuple[subprocess.CompletedProcess, str]:
    """The same as `run_check` with the installed `inge43` program, in a process of its own."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    target = target_of(corpus_file)
    shutil.copyfile(corpus_file, data / target)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [executable(), "check", "--data", "data", *extra],
        cwd=tmp_path,
        capture_output=True,
        check=False,  # the caller checks returncode
        timeout=timeout,
        env=env,
    )
    return proc, f"data/{target}"


def test_corpus_is_big_enough():
    assert len(FILES) >= 30
    rules = {expected_rule(f) for f in FILES}
    for rule in (
        "syntaxe-yaml",
        "tabulation",
        "cle-en-double",
        "encodage",
        "fichier-vide",
        "type",
        "date-invalide",
        "reference-domaine",
        "reference-territoire",
        "reference-partenaire",
        "courriel",
        "telephone",
        "url",
        "date-future",
        "cle-inconnue",
        "none",
    ):
        assert rule in rules, f"aucun fichier du corpus n'attend [{rule}]"


def test_corpus_names_and_headers():
    for path in FILES:
        expected_rule(path)
        target_of(path)


@pytest.mark.parametrize("corpus_file", FILES, ids=[f.name for f in FILES])
def test_corpus_file(corpus_file: Path, tmp_path: Path):
    rule, expected_line = expected(corpus_file)
    try:
        proc, label = run_check(tmp_path, corpus_file)
    except subprocess.TimeoutExpired:
        pytest.fail(f"inge43 check ne répond plus après {TIMEOUT} s sur {corpus_file.name}")
    stdout = proc.stdout.decode("utf-8", errors="replace")
    stderr = proc.stderr.decode("utf-8", errors="replace")
    output = stdout + stderr
    shown = f"--- code {proc.returncode} ---\n{output[-4000:]}"

    assert "Traceback" not in output, shown
    assert "erreur-interne" not in output, shown
    if rule == "none":
        assert proc.returncode == 0, shown
        assert " erreur [" not in stdout, shown
        assert "Aucun problème" in stdout, shown
        return

    assert proc.returncode == 1, shown
    location = re.compile(rf"^{re.escape(label)}:(\d+):(\d+): erreur \[{re.escape(rule)}\]", re.MULTILINE)
    lines = [int(line) for line, _ in location.findall(stdout)]
    assert lines, f"attendu une ligne « {label}:<ligne>:<colonne>: erreur [{rule}] »\n{shown}"
    assert expected_line in lines, (
        f"[{rule}] signalée ligne {lines}, attendue ligne {expected_line} (la ligne fautive)\n{shown}"
    )
    assert any(f"    {word} :" in stdout for word in FRENCH_WORDS), shown
    for english in ("Input should be", "Field required", "Extra inputs"):
        assert english not in output, shown


def test_json_output(tmp_path: Path):
    proc, label = run_program(tmp_path, CORPUS / "bad-email.partners.yml", "--format", "json")
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    payload = json.loads(proc.stdout.decode("utf-8"))
    assert payload["errors"] >= 1
    assert payload["problems"]
    for problem in payload["problems"]:
        for key in ("file", "line", "column", "rule", "message"):
            assert key in problem, problem
        assert isinstance(problem["line"], int) and problem["line"] >= 1
        assert isinstance(problem["column"], int) and problem["column"] >= 1
        assert problem["message"]
    assert any(p["rule"] == "courriel" and p["file"] == label for p in payload["problems"]), payload


def test_json_output_on_valid_data(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    proc = subprocess.run(
        [executable(), "check", "--data", "data", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()
    payload = json.loads(proc.stdout.decode("utf-8"))
    assert payload == {"errors": 0, "warnings": 0, "problems": []}


def test_cli_strict_turns_warnings_into_failure(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    text = (data / "partners.yml").read_text(encoding="utf-8")
    (data / "partners.yml").write_text(
        text.replace("verifie_le: 2026-06-01", "verifie_le: 2020-06-01"), encoding="utf-8"
    )
    exe = executable()
    plain = subprocess.run(
        [exe, "check", "--data", "data"], cwd=tmp_path, capture_output=True, timeout=TIMEOUT, check=False
    )
    strict = subprocess.run(
        [exe, "check", "--data", "data", "--strict"], cwd=tmp_path, capture_output=True, timeout=TIMEOUT, check=False
    )
    assert b"avertissement [fiche-ancienne]" in plain.stdout, plain.stdout.decode()
    assert plain.returncode == 0, plain.stdout.decode()
    assert strict.returncode == 1, strict.stdout.decode()


def test_alias_bomb_does_not_hang(tmp_path: Path):
    """A few hundred bytes of nested aliases must be refused quickly, not expanded for minutes."""
    levels = ["lol0: &lol0 [" + ", ".join(["lol"] * 9) + "]"]
    for i in range(1, 9):
        levels.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]")
    bomb = tmp_path / "alias-bomb.glossary.yml"
    bomb.write_text("# expect: any error\n" + "\n".join(levels) + "\n", encoding="utf-8")
    assert bomb.stat().st_size < 1000
    try:
        proc, label = run_program(tmp_path, bomb, timeout=15)
    except subprocess.TimeoutExpired:
        pytest.fail("inge43 check tourne encore après 15 s sur une bombe d'alias YAML de moins de 1 Ko")
    output = (proc.stdout + proc.stderr).decode("utf-8", errors="replace")
    assert "Traceback" not in output, output[-3000:]
    assert proc.returncode == 1, output[-3000:]
    assert re.search(rf"^{re.escape(label)}:\d+:\d+: erreur \[", output, re.MULTILINE), output[-3000:]
