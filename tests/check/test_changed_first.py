"""Errors on the lines a pull request changed come first, and every problem becomes a GitHub
annotation, with a summary table for the job summary (issue 24)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES
from inge43.check.changes import parse_diff
from inge43.check.report import format_github, format_summary, format_text
from inge43.read.problems import Collector, Problem, Severity

DIFF = """\
diff --git a/data/partners.yml b/data/partners.yml
index 1111111..2222222 100644
--- a/data/partners.yml
+++ b/data/partners.yml
@@ -12 +12 @@ partenaires:
-      telephone: "04 71 07 43 43"
+      telephone: "04 71 07 43 44"
@@ -40,0 +41,3 @@
+      - id: nouvelle
+        titre: Nouvelle offre
+        domaines: [eau]
@@ -90,2 +92,0 @@
-        cout: gratuit
-        phases: [conception]
diff --git a/docs/index.md b/docs/index.md
--- a/docs/index.md
+++ b/docs/index.md
@@ -1 +1 @@
-a
+b
diff --git a/data/old.yml b/data/old.yml
--- a/data/old.yml
+++ /dev/null
@@ -1,3 +0,0 @@
-x
"""


def test_changed_lines_are_read_from_a_zero_context_diff():
    assert parse_diff(DIFF) == {"data/partners.yml": {12, 41, 42, 43, 92, 93}, "docs/index.md": {1}}


def _collector() -> Collector:
    collector = Collector()
    for n in range(12):  # older errors, all before the agent's line
        collector.add(Problem(Severity.ERROR, "courriel", "data/partners.yml", 10 + n, 7, f"p[{n}]", f"erreur {n}"))
    for n in range(3):
        collector.add(Problem(Severity.WARNING, "fiche-ancienne", "data/domains.yml", 5 + n, 3, "d", f"vieux {n}"))
    collector.add(
        Problem(
            Severity.ERROR, "telephone", "data/partners.yml", 157, 18, "p[9].contact.telephone", "mon erreur", tip="t"
        )
    )
    return collector


def test_the_agents_own_error_comes_first_in_the_report():
    text = format_text(_collector(), changed={"data/partners.yml": {157}})
    lines = text.splitlines()
    assert lines[0] == "== Sur les lignes que vous avez modifiées : 1 problème =="
    assert lines[2] == "data/partners.yml:157:18: erreur [telephone] — champ p[9].contact.telephone"
    assert "== Ailleurs dans les données (déjà là avant vos modifications) : 15 ==" in lines
    # without a base, the order of the files, and no headings
    plain = format_text(_collector())
    assert plain.splitlines()[0].startswith("data/domains.yml:5:3")
    assert "==" not in plain


def test_every_problem_becomes_an_annotation_the_agents_first():
    out = format_github(_collector(), changed={"data/partners.yml": {157}}).splitlines()
    assert len(out) == 16  # 13 errors and 3 warnings: none left out
    assert out[0] == (
        "::error file=data/partners.yml,line=157,col=18,title=[telephone] p[9].contact.telephone::mon erreur t"
    )
    assert sum(line.startswith("::error ") for line in out) == 13
    assert sum(line.startswith("::warning ") for line in out) == 3
    assert out[1].startswith("::error file=data/partners.yml,line=10,")  # errors before warnings


def test_annotations_cannot_be_broken_by_data():
    collector = Collector()
    collector.add(Problem(Severity.ERROR, "r", "data/partners.yml", 3, 1, "a,b", "ligne 1\n::error::fausse %"))
    (line,) = format_github(collector).splitlines()
    assert line == "::error file=data/partners.yml,line=3,col=1,title=[r] a%2Cb::ligne 1\\n::error::fausse %25"


def test_the_summary_table_lists_every_problem():
    table = format_summary(_collector(), changed={"data/partners.yml": {157}}).splitlines()
    rows = [line for line in table if line.startswith("| ") and "Où" not in line]
    assert len(rows) == 16
    assert rows[0].startswith("| ❌ erreur (ligne modifiée) | data/partners.yml:157:18 | telephone | mon erreur | t |")
    hostile = Collector()
    hostile.add(Problem(Severity.ERROR, "r", "data/partners.yml", 1, 1, "x", "<script>|`"))
    assert "&lt;script&gt;\\|&#96;" in format_summary(hostile)


def _git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_check_changed_from_puts_the_errors_of_changed_lines_first(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    partners = data / "partners.yml"
    lines = partners.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[15] = lines[15].replace("guichet@exemple.fr", "guichet-at-exemple.fr")  # an old error (line 16)
    partners.write_text("".join(lines), encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    lines[111] = lines[111].replace("parc@exemple.fr", "parc-at-exemple.fr")  # the agent's error (line 112)
    partners.write_text("".join(lines), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "inge43", "check", "--data", "data", "--changed-from", "main"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    located = [line for line in run.stdout.splitlines() if line.startswith("data/partners.yml:")]
    assert [line.split(":")[1] for line in located if ": erreur " in line] == ["112", "16"]
    # the changed e-mail kept its old provenance: a warning on the same changed line, before line 16
    assert [line.split(":")[1] for line in located] == ["112", "112", "16"]
    annotations = subprocess.run(
        [sys.executable, "-m", "inge43", "check", "--data", "data", "--changed-from", "main", "--format", "github"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    assert annotations[0].startswith("::error file=data/partners.yml,line=112,")
    assert annotations[1].startswith("::warning file=data/partners.yml,line=112,")
    assert annotations[2].startswith("::error file=data/partners.yml,line=16,")


# ---------------------------------------------------------------------------
# A contact changed under an unchanged provenance (needs the base version from git)
# ---------------------------------------------------------------------------

CHANGES = FIXTURES / "changes"


def _cases():
    return sorted(p.parent for p in CHANGES.glob("*/*/expected.yml"))


@pytest.mark.parametrize("case", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_change_cases(case, tmp_path):
    """`tests/fixtures/changes/<rule>/<case>/`: `base.yml` is the file at the base branch, the other
    file its changed version; expected.yml names the problem (its message verbatim), or `none`."""
    expected = yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))
    changed = next(p for p in case.glob("*.yml") if p.name not in ("base.yml", "expected.yml"))
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    shutil.copyfile(case / "base.yml", data / changed.name)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    shutil.copyfile(changed, data / changed.name)
    run = subprocess.run(
        [sys.executable, "-m", "inge43", "check", "--data", "data", "--changed-from", "main", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    problems = [p for p in json.loads(run.stdout)["problems"] if p["rule"] == expected["rule"]]
    if expected.get("none"):
        assert problems == []
        return
    (problem,) = problems  # one message, not one per field
    assert problem["severity"] == expected["severity"]
    assert problem["file"] == f"data/{expected['file']}" and problem["line"] == expected["line"]
    assert problem["message"] == expected["message"]


def test_without_a_base_nothing_is_compared(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    run = subprocess.run(
        [sys.executable, "-m", "inge43", "check", "--data", "data", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(run.stdout)["problems"] == []
