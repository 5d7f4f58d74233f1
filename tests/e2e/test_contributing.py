"""The contributor kit stays in step with the model, the validator and the Makefile.

- the commented templates of data/templates/ are valid once pasted into a dataset, cover every
  field of the model, and mark every key `# obligatoire` or `# facultatif` (and say it right);
- the CI workflows only call `make` targets and `inge43` commands that exist;
- the pre-commit hooks only call commands that exist, without fetching hook repositories;
- CONTRIBUTING.md quotes the validator as it really speaks.

None of these tests needs yamllint or pre-commit to be installed.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shlex
import shutil
import tomllib
import typing
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from inge43.check.registry import run_checks
from inge43.check.report import format_text
from inge43.cli import build_parser
from inge43.read.model import FILE_MODELS, DomainsFile, GlossaryFile, Guide, Offer, PartnersFile, Record, schema_name

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "data" / "templates"
VALID = ROOT / "tests" / "fixtures" / "valid"
WORKFLOWS = ROOT / ".github" / "workflows"
TODAY = dt.date(2026, 11, 29)


# ---------------------------------------------------------------------------
# Templates: which model each one follows
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    file: str
    model: type[Record]  # model of the template's root (or of its single list item)
    list_root: bool = False  # the template is one list item, meant to be pasted under a list
    covered_elsewhere: frozenset[type[Record]] = frozenset()  # nested records another template documents

    @property
    def path(self) -> Path:
        return TEMPLATES / self.file

    def root(self) -> tuple[typing.Any, typing.Any]:
        """(parsed YAML of the root record, composed YAML node of the root record)."""
        text = self.path.read_text(encoding="utf-8")
        data, node = yaml.safe_load(text), yaml.compose(text)
        if self.list_root:
            assert isinstance(data, list) and len(data) == 1, f"{self.file} : une seule entrée de liste attendue"
            return data[0], node.value[0]
        return data, node


TEMPLATE_SPECS = [
    Template("partenaire.yml", PartnersFile, covered_elsewhere=frozenset({Offer})),
    Template("offre.yml", Offer, list_root=True),
    Template("domaine.yml", DomainsFile),
    Template("guide.yml", Guide),
    Template("terme.yml", GlossaryFile),
]
IDS = [t.file for t in TEMPLATE_SPECS]

# A key written in a comment, to be uncommented when needed: `#   epci: ["…"]   # facultatif`.
COMMENTED_KEY = re.compile(r"^\s*#\s*(?:-\s+)?([a-z_]+):(?:\s|$)")
MARKER = re.compile(r"\s#\s*(obligatoire|facultatif)\b")


def load_template(file: str):
    return yaml.safe_load((TEMPLATES / file).read_text(encoding="utf-8"))


def record_types(annotation) -> list[type[Record]]:
    """Record classes inside a field annotation: `Contact`, `list[Offer]`, `Eligibility | None`…"""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in record_types(arg)]


def nested_type(field) -> type[Record] | None:
    found = record_types(field.annotation)
    return found[0] if found else None


def reachable_models(model: type[Record]) -> set[type[Record]]:
    seen, todo = set(), [model]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo += [sub for field in current.model_fields.values() for sub in record_types(field.annotation)]
    return seen


def commented_keys(path: Path) -> dict[int, str]:
    """Line number (0-based) -> key name, for keys written inside comments."""
    out = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        match = COMMENTED_KEY.match(line)
        if match:
            out[number] = match.group(1)
    return out


def active_keys(node, model: type[Record] | None, out: list) -> list:
    """(line, key, pydantic field or None) for every key of the YAML, walking the model alongside."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            active_keys(item, model, out)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            field = model.model_fields.get(key_node.value) if model else None
            out.append((key_node.start_mark.line, key_node.value, field))
            nested = nested_type(field) if field else None
            if field is None or nested is not None:  # a free mapping (`sans_offre_connue`) holds values, not keys
                active_keys(value_node, nested, out)
    return out


def undocumented_fields(model, value, commented: set[str], skip: frozenset, path: str = "") -> list[str]:
    """Fields of `model` (recursively) that are neither a key of `value` nor a commented-out key.

    `value` is one record, or a list of records: a field shown in any of them counts.
    """
    if model in skip:
        return []
    records = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict)] or [{}]
    missing = []
    for name, field in model.model_fields.items():
        where = f"{path}.{name}" if path else name
        if name not in commented and not any(name in record for record in records):
            missing.append(where)
        sub = nested_type(field)
        if sub is not None:  # nothing written below: the nested keys must then appear in comments
            nested = []
            for record in records:
                item = record.get(name)
                nested += item if isinstance(item, list) else [item]
            missing += undocumented_fields(sub, nested, commented, skip, where)
    return missing


# ---------------------------------------------------------------------------
# (a) templates, once filled in, pass the validator
# ---------------------------------------------------------------------------


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fill_templates(source: Path, dest: Path) -> dict[str, str]:
    """Copy the dataset `source` to `dest` and paste every template into it, as a contributor would.

    Returns the identifiers of the pasted records.
    """
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("templates"))
    partner = load_template("partenaire.yml")["partenaires"][0]
    (offer,) = load_template("offre.yml")
    domain = load_template("domaine.yml")["domaines"][0]
    term = load_template("terme.yml")["termes"][0]
    guide = load_template("guide.yml")

    # The offer goes under the new partner (the guide template cites it) and under an existing one.
    partner["offres"] = [copy.deepcopy(offer)]
    partners = yaml.safe_load((dest / "partners.yml").read_text(encoding="utf-8"))
    partners["partenaires"][0].setdefault("offres", []).append(copy.deepcopy(offer))
    partners["partenaires"].append(partner)
    _dump(dest / "partners.yml", partners)

    domains = yaml.safe_load((dest / "domains.yml").read_text(encoding="utf-8"))
    domains["domaines"].append(domain)
    _dump(dest / "domains.yml", domains)

    glossary_file = dest / "glossary.yml"
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8")) if glossary_file.exists() else {"termes": []}
    glossary["termes"].append(term)
    _dump(glossary_file, glossary)

    (dest / "guides").mkdir(exist_ok=True)
    _dump(dest / "guides" / f"{guide['id']}.yml", guide)
    return {
        "partner": partner["id"],
        "offer": offer["id"],
        "domain": domain["id"],
        "term": term["sigle"],
        "guide": guide["id"],
    }


def _problem_key(p) -> tuple:
    # Line numbers change when a file is rewritten; the field path and the message do not.
    return (p.severity, p.rule, Path(p.file).name, p.path, p.message)


def _problem_keys(result) -> set[tuple]:
    return {_problem_key(p) for p in result.collector.problems}


@pytest.mark.parametrize("dataset", [VALID, ROOT / "data"], ids=["fixtures-valides", "donnees-reelles"])
def test_filled_templates_pass_the_validator(tmp_path, dataset):
    ids = fill_templates(dataset, tmp_path / "data")
    result = run_checks(tmp_path / "data", today=TODAY)
    baseline = run_checks(dataset, today=TODAY)

    if dataset == VALID:
        assert not result.collector.errors, format_text(result.collector)
    # On the real data (edited by others meanwhile), only what the templates add is judged.
    known = _problem_keys(baseline)
    new = [p for p in result.collector.sorted() if _problem_key(p) not in known]
    assert not new, "Les modèles remplis provoquent de nouveaux problèmes :\n" + "\n".join(
        f"{p.file}:{p.line}: {p.severity.label} [{p.rule}] {p.path} — {p.message}" for p in new
    )

    # The pasted records were really read (not silently dropped).
    ds = result.dataset
    assert ids["partner"] in ds.partner_by_id
    assert [o.id for o in ds.partner_by_id[ids["partner"]].offres] == [ids["offer"]]
    assert ids["offer"] in [o.id for o in ds.partners[0].offres]
    assert ids["domain"] in ds.domain_by_id
    assert ids["guide"] in ds.guide_by_id
    assert ids["term"] in [t.sigle for t in ds.terms]


def test_fixture_dataset_has_no_error():
    """The merge test above relies on a clean starting point."""
    result = run_checks(VALID, today=TODAY)
    assert not result.collector.errors, format_text(result.collector)


# ---------------------------------------------------------------------------
# (b) every field of the model appears in its template
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATE_SPECS, ids=IDS)
def test_template_covers_every_field_of_the_model(template):
    data, _ = template.root()
    commented = set(commented_keys(template.path).values())
    missing = undocumented_fields(template.model, data, commented, template.covered_elsewhere)
    assert not missing, f"{template.file} : champs du modèle absents du modèle commenté : {', '.join(missing)}"


@pytest.mark.parametrize("template", TEMPLATE_SPECS, ids=IDS)
def test_commented_keys_exist_in_the_model(template):
    """A key shown in a comment, to uncomment later, must still exist in the model."""
    known = {name for model in reachable_models(template.model) for name in model.model_fields}
    stale = {line + 1: key for line, key in commented_keys(template.path).items() if key not in known}
    assert not stale, f"{template.file} : clés en commentaire inconnues du modèle (ligne: clé) : {stale}"


def test_offer_template_is_documented_by_its_own_template():
    """partenaire.yml leaves offers to offre.yml: that template must exist and follow Offer."""
    assert Offer in TEMPLATE_SPECS[0].covered_elsewhere
    assert any(t.model is Offer for t in TEMPLATE_SPECS)


# ---------------------------------------------------------------------------
# (c) every key line says `# obligatoire` or `# facultatif`, and says it right
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATE_SPECS, ids=IDS)
def test_every_key_line_is_marked(template):
    lines = template.path.read_text(encoding="utf-8").splitlines()
    _, node = template.root()
    key_lines = {line for line, _, _ in active_keys(node, template.model, [])} | set(commented_keys(template.path))
    assert key_lines, f"{template.file} : aucune clé trouvée"
    unmarked = [f"{n + 1}: {lines[n].strip()}" for n in sorted(key_lines) if not MARKER.search(lines[n])]
    assert not unmarked, f"{template.file} : lignes sans « # obligatoire » ni « # facultatif » :\n" + "\n".join(
        unmarked
    )


@pytest.mark.parametrize("template", TEMPLATE_SPECS, ids=IDS)
def test_markers_match_the_model(template):
    lines = template.path.read_text(encoding="utf-8").splitlines()
    _, node = template.root()
    wrong = []
    for line, key, field in active_keys(node, template.model, []):
        assert field is not None, f"{template.file}:{line + 1} : clé « {key} » inconnue du modèle"
        expected = "obligatoire" if field.is_required() else "facultatif"
        marker = MARKER.search(lines[line])
        if marker and marker.group(1) != expected:
            wrong.append(f"{line + 1}: « {key} » est {expected} dans le modèle, le commentaire dit {marker.group(1)}")
    assert not wrong, f"{template.file} :\n" + "\n".join(wrong)


# ---------------------------------------------------------------------------
# Template headers: the JSON Schema line for editors
# ---------------------------------------------------------------------------


def _schema_for(model: type[Record]) -> str | None:
    patterns = [pattern for pattern, file_model in FILE_MODELS.items() if file_model is model]
    return schema_name(patterns[0]) if patterns else None


@pytest.mark.parametrize("template", TEMPLATE_SPECS, ids=IDS)
def test_schema_line(template):
    first = template.path.read_text(encoding="utf-8").splitlines()[0]
    schema = _schema_for(template.model)
    if schema is None:  # an offer alone has no schema: it is pasted into partners.yml
        assert "yaml-language-server" not in first
        return
    assert first == f"# yaml-language-server: $schema=../../schemas/{schema}"
    assert (template.path.parent / f"../../schemas/{schema}").resolve().is_file()


def test_every_template_file_is_tested():
    assert sorted(p.name for p in TEMPLATES.glob("*.yml")) == sorted(IDS)


# ---------------------------------------------------------------------------
# (d) CI workflows
# ---------------------------------------------------------------------------


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z0-9_.-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def make_calls(text: str) -> list[str]:
    """Targets of every `make a b` in a shell text (options and VAR=value left out)."""
    targets = []
    for match in re.finditer(r"(?<![\w./-])make((?:[ \t]+[\w.=-]+)*)", text):
        targets += [t for t in match.group(1).split() if not t.startswith("-") and "=" not in t]
    return targets


def inge43_calls(text: str) -> list[list[str]]:
    """Arguments of every `.venv/bin/inge43 …` in a shell text, up to a redirection or a pipe."""
    return [shlex.split(m.group(1)) for m in re.finditer(r"\.venv/bin/inge43([^\n>|;&]*)", text)]


def assert_inge43_args(args: list[str], where: str) -> None:
    try:
        build_parser().parse_args(args)
    except SystemExit:
        pytest.fail(f"{where} : « inge43 {' '.join(args)} » n'est pas une commande valide de inge43")


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and "jobs" in data, f"{name} : pas de « jobs »"
    return data


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    return {name: None for name in on} if isinstance(on, list) else dict(on)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_text(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict, action: str) -> list[dict]:
    return [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_workflow_commands_exist(path):
    workflow = load_workflow(path.name)
    text = run_text(workflow)
    unknown = sorted(set(make_calls(text)) - makefile_targets())
    assert not unknown, f"{path.name} appelle des cibles absentes du Makefile : {unknown}"
    for args in inge43_calls(text):
        assert_inge43_args(args, path.name)
    raw = path.read_text(encoding="utf-8")
    for step in steps(workflow):
        if "uses" in step:
            action = step["uses"]
            if action in UNPINNED_ACTIONS:
                continue
            # Pinned by commit, the tag it stands for in a comment: a tag can be moved, a commit can't.
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{path.name} : action non figée : {action}"
            assert re.search(re.escape(action) + r" # v\d+(\.\d+)*\n", raw), f"{path.name} : version absente : {action}"


# Actions left on a tag because no commit could be verified for it when the workflow was written
# (see the comment beside each). A test fails when one is pinned: then remove it from this list.
UNPINNED_ACTIONS: set[str] = set()  # configure-pages pinned to v5.0.0 on 2026-12-07


def test_unpinned_actions_are_still_used():
    used = {s["uses"] for path in WORKFLOWS.glob("*.yml") for s in steps(load_workflow(path.name)) if "uses" in s}
    assert used >= UNPINNED_ACTIONS, f"plus utilisées, à retirer de UNPINNED_ACTIONS : {UNPINNED_ACTIONS - used}"


def test_only_the_deploying_job_may_write():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = load_workflow(path.name)
        assert set(workflow["permissions"].values()) == {"read"}, path.name
        for name, job in workflow["jobs"].items():
            rights = job.get("permissions", {})
            writes = {scope for scope, level in rights.items() if level == "write"}
            expected = {"pages", "id-token"} if (path.name, name) == ("publication.yml", "publier") else set()
            assert writes == expected, (path.name, name, rights)


def test_workflow_make_call_parser_can_fail():
    assert make_calls("make install\nmake test-fast VAR=1 && make build") == ["install", "test-fast", "build"]
    assert "deploiement" not in makefile_targets()


def test_verifications_workflow():
    workflow = load_workflow("verifications.yml")
    on = triggers(workflow)
    assert "pull_request" in on and on["push"]["branches"] == ["main"]  # a branch of the repository runs once
    text = run_text(workflow)
    assert {"install-site", "test", "build"} <= set(make_calls(text))
    checks = [args for args in inge43_calls(text) if args[:1] == ["check"]]
    assert checks and all("--changed-from" in args for args in checks)  # the agent's own lines first
    assert ["github"] in [args[args.index("--format") + 1 :][:1] for args in checks if "--format" in args]
    assert "GITHUB_STEP_SUMMARY" in text and "```text" in text
    # Debian with Python 3.11: `make system` installs a real /usr/bin/chromium there (README, « Les tests sur GitHub »)
    jobs = workflow["jobs"]
    for job in jobs.values():
        if make_calls(run_text({"jobs": {"j": job}})):
            assert job["container"] == "python:3.11-bookworm"
    assert "safe.directory" in text  # git history dates: the container's user does not own the checkout
    # The data job answers every pull request; the full suite runs only when code changes.
    data_text = run_text({"jobs": {"d": jobs["donnees"]}})
    assert "test" not in make_calls(data_text) and '-m "data and not browser"' in data_text
    assert "make test" in run_text({"jobs": {"t": jobs["tests"]}})
    assert jobs["tests"]["if"] == "needs.changements.outputs.code == 'true'"
    # The preview: built with its banner, made to open from files, kept as an artifact.
    (build,) = [s for s in jobs["donnees"]["steps"] if "make build" in s.get("run", "")]
    assert build["env"]["INGE43_APERCU"] == "${{ github.event.pull_request.number }}"
    assert ["apercu", "--site", "site"] in inge43_calls(data_text)
    (artifact,) = uses(workflow, "actions/upload-artifact")
    assert artifact["with"]["name"].startswith("apercu-")  # CONTRIBUTING.md, section 8
    assert artifact["with"]["path"].rstrip("/") == "site"
    assert all(job["runs-on"] == "ubuntu-latest" for job in jobs.values())


def test_publication_workflow():
    workflow = load_workflow("publication.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["publier"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert {"system", "build"} <= set(make_calls(run_text(workflow)))  # Pango and fonts for the PDFs
    assert workflow["jobs"]["construire"]["container"] == "python:3.11-bookworm"
    assert uses(workflow, "actions/configure-pages")
    (upload,) = uses(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    assert uses(workflow, "actions/deploy-pages")


def test_github_templates_exist():
    pr = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert pr.count("- [ ]") >= 6 and "verifie_le" in pr and "make check" in pr
    issue = (ROOT / ".github" / "ISSUE_TEMPLATE" / "erreur-fiche.md").read_text(encoding="utf-8")
    front = yaml.safe_load(issue.split("---")[1])
    assert front["name"] and front["about"]
    for heading in ("## Page concernée", "## Ce qui est faux", "## La bonne information", "## La source"):
        assert heading in issue


# ---------------------------------------------------------------------------
# (e) pre-commit hooks and yamllint configuration
# ---------------------------------------------------------------------------


def console_scripts() -> set[str]:
    return set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"])


# Code tools a hook may call in .venv/bin, by the package that installs them.
CODE_TOOLS = {"ruff": "ruff", "mypy": "mypy", "lint-imports": "import-linter"}


def pinned_test_tools() -> set[str]:
    """Commands of CODE_TOOLS whose package is pinned (==) in the test extras of pyproject.toml."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"][
        "test"
    ]
    pinned = {dep.split("==")[0].lower() for dep in extras if "==" in dep}
    return {command for command, package in CODE_TOOLS.items() if package in pinned}


def repo_files() -> list[str]:
    return [
        p.relative_to(ROOT).as_posix()
        for d in ("data", "schemas", "scripts")
        for p in (ROOT / d).rglob("*")
        if p.is_file()
    ]


def precommit_hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = []
    for repo in config["repos"]:
        assert repo["repo"] == "local", "seuls des crochets locaux : pre-commit ne doit télécharger aucun dépôt"
        hooks += repo["hooks"]
    return hooks


def test_precommit_hooks_point_at_existing_commands():
    hooks = precommit_hooks()
    assert {h["id"] for h in hooks} >= {
        "inge43-check",
        "inge43-schemas",
        "yamllint",
        "ruff-check",
        "ruff-format",
        "mypy",
    }
    files = repo_files()
    for hook in hooks:
        for key in ("id", "name", "entry", "language"):
            assert hook.get(key), f"crochet {hook.get('id')} : « {key} » manque"
        assert any(re.search(hook["files"], f) for f in files), (
            f"crochet {hook['id']} : « files » ne vise aucun fichier"
        )
        command, *args = shlex.split(hook["entry"])
        if command.startswith(".venv/bin/"):
            script = command.removeprefix(".venv/bin/")
            assert script in console_scripts() | pinned_test_tools(), (
                f"crochet {hook['id']} : {script} n'est pas déclaré dans pyproject.toml"
            )
            assert hook["language"] == "system"
            assert hook.get("pass_filenames") is False, f"crochet {hook['id']} : lit tout son dossier, pas des fichiers"
            if script == "inge43":
                assert_inge43_args(args, f"crochet {hook['id']}")
        elif command == "make":
            assert set(args) <= makefile_targets(), f"crochet {hook['id']} : cible inconnue"
        else:
            # Any other tool is installed by pre-commit itself, at a pinned version.
            assert hook["language"] == "python", f"crochet {hook['id']} : {command} doit être installé par pre-commit"
            pinned = [re.split(r"[=<>!~ ]", dep)[0] for dep in hook.get("additional_dependencies", []) if "==" in dep]
            assert command in pinned, f"crochet {hook['id']} : {command} n'est pas une dépendance figée du crochet"
            if "-c" in args:
                config = ROOT / args[args.index("-c") + 1]
                assert config.is_file() and isinstance(yaml.safe_load(config.read_text(encoding="utf-8")), dict)


def test_precommit_hooks_watch_the_right_files():
    by_id = {h["id"]: h for h in precommit_hooks()}
    assert re.search(by_id["inge43-check"]["files"], "data/partners.yml")
    assert not re.search(by_id["inge43-check"]["files"], "docs/index.md")
    assert re.search(by_id["inge43-schemas"]["files"], "scripts/inge43/read/model.py")
    assert re.search(by_id["inge43-schemas"]["files"], "schemas/partners.schema.json")
    assert re.search(by_id["yamllint"]["files"], "data/domains.yml")
    for hook in ("ruff-check", "ruff-format"):
        assert re.search(by_id[hook]["files"], "tests/generate/test_finder.py")
        assert not re.search(by_id[hook]["files"], "data/partners.yml")
    assert re.search(by_id["mypy"]["files"], "scripts/inge43/cli.py")
    assert not re.search(by_id["mypy"]["files"], "tests/conftest.py")


def test_yamllint_config():
    config = yaml.safe_load((ROOT / ".yamllint.yml").read_text(encoding="utf-8"))
    rules = config["rules"]
    assert config["extends"] == "default"
    assert rules["line-length"] == "disable" and rules["document-start"] == "disable"
    assert rules["truthy"]["allowed-values"] == ["true", "false"]
    assert rules["comments"]["min-spaces-from-content"] == 1
    for rule in rules.values():  # a path ignored by a rule must exist (no stale exceptions)
        if isinstance(rule, dict) and "ignore" in rule:
            for line in rule["ignore"].split():
                assert (ROOT / line).exists(), f".yamllint.yml ignore un fichier absent : {line}"


# ---------------------------------------------------------------------------
# CONTRIBUTING.md
# ---------------------------------------------------------------------------

CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def code_snippets(markdown: str) -> list[str]:
    """Fenced code blocks, then inline code spans, of a Markdown text."""
    fences = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, re.M | re.S)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", markdown, flags=re.M | re.S)
    return fences + re.findall(r"`([^`\n]+)`", prose)


def test_contributing_mentions_only_existing_make_targets_and_templates():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    snippets = code_snippets(text)
    targets = {t for snippet in snippets for t in make_calls(snippet)}
    assert {"serve", "check", "test"} <= targets
    unknown = sorted(targets - makefile_targets())
    assert not unknown, f"CONTRIBUTING.md cite des cibles absentes du Makefile : {unknown}"
    mentioned = set(re.findall(r"data/templates/([\w-]+\.yml)", text))
    assert mentioned == set(IDS), f"modèles cités : {sorted(mentioned)}, modèles existants : {sorted(IDS)}"
    for snippet in snippets:
        for args in inge43_calls(snippet):
            assert_inge43_args(args, "CONTRIBUTING.md")


def test_contributing_table_of_contents_links_resolve():
    """Links to `#ancre` point at a heading, as GitHub names them (lowercase, accents kept)."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    slugs = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#{1,6} (.+)$", text, re.M)
    }
    anchors = re.findall(r"\]\(#([^)]+)\)", text)
    assert anchors and not set(anchors) - slugs, f"ancres sans titre : {sorted(set(anchors) - slugs)}"


def test_contributing_quotes_the_validator_as_it_speaks(tmp_path):
    """The explained message in CONTRIBUTING.md is the validator's real wording (enum values included)."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    partners = data / "partners.yml"
    text = partners.read_text(encoding="utf-8")
    assert "nature: conseil\n" in text
    partners.write_text(text.replace("nature: conseil\n", "nature: conseils\n", 1), encoding="utf-8")
    report = format_text(run_checks(data, today=TODAY).collector).splitlines()
    start = next(i for i, line in enumerate(report) if "[valeur-non-autorisee]" in line)
    doc = CONTRIBUTING.read_text(encoding="utf-8")
    head = report[start].split(": ", 1)[1]  # drop `file:line:col`, which depends on the data
    assert re.search(re.escape(head.split(" — champ ")[0]) + r" — champ partenaires\[\d+\]\.offres\[\d+\]\.nature", doc)
    for line in report[start + 1 : start + 5]:
        assert line in doc, f"CONTRIBUTING.md ne cite pas cette ligne du vérificateur : {line!r}"


def test_contributing_rule_names_exist():
    """Every `[règle]` named in CONTRIBUTING.md is a rule the validator can report."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "scripts" / "inge43").rglob("*.py"))
    known = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', sources))
    named = set(re.findall(r"\[([a-z]+(?:-[a-z]+)+)\]", CONTRIBUTING.read_text(encoding="utf-8")))
    assert named, "CONTRIBUTING.md ne cite aucune règle"
    assert not named - known, f"règles inconnues du vérificateur : {sorted(named - known)}"
