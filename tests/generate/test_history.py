"""Git history of the data: last change per record, changes per commit, Atom feed.

Each test builds its own git repository under a temporary folder, with fixed dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from inge43.generate import history as history_module
from inge43.generate.history import FEED_TITLE, data_changes, record_dates, render_feed, repo_root
from inge43.read.dataset import load_dataset
from inge43.read.problems import Collector

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "fixtures" / "valid"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UTC = dt.UTC

NEW_PARTNER = """\
  # Comment line ending the previous record's range: it must not date that record.
  - id: nouveau-test
    nom: "Cabinet <script>alert('x')</script> & Fils"
    categorie: association
    signataire_charte: false
    description: Association fictive ajoutée par le test.
    territoire: departement
    sources:
      - https://nouveau.exemple.fr
    verifie_le: 2026-04-25

"""

NEW_OFFER = """\
      - id: etude-faisabilite
        titre: Étude de faisabilité
        domaines: [voirie]
        phases: [conception]
        nature: etude
"""

DRAFT_PARTNER = """
  - id: brouillon-test
    nom: Partenaire en cours de saisie
    categorie: association
    signataire_charte: false
    description: Pas encore enregistré dans git.
    territoire: departement
    sources:
      - https://brouillon.exemple.fr
    verifie_le: 2026-11-01
"""


def git(repo: Path, *args: str, date: str | None = None, author_date: str | None = None) -> str:
    """Run git in `repo`, ignoring the user's and the system's configuration."""
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if date:
        env.update(GIT_AUTHOR_DATE=author_date or date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def init_repo(repo: Path) -> Path:
    """A new repository holding a copy of the valid fixtures in `data/`; returns the data folder."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Agent de test")
    git(repo, "config", "user.email", "agent@exemple.fr")
    git(repo, "config", "commit.gpgsign", "false")
    shutil.copytree(VALID, repo / "data")
    return repo / "data"


def commit(repo: Path, date: str, message: str, author_date: str | None = None) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date, author_date=author_date)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass
class History:
    repo: Path
    data: Path
    commits: dict[str, str]  # name -> full hash


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> History:
    """Six commits (five on partners, one on domains), then uncommitted edits in the working tree."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    data = init_repo(repo)
    partners, domains = data / "partners.yml", data / "domains.yml"
    commits = {"initial": commit(repo, "2026-01-10T09:00:00+00:00", "Données initiales")}

    edit(
        partners,
        "      telephone: 04 71 00 00 00\n      courriel: guichet@",
        "      telephone: 04 71 09 43 43\n      courriel: guichet@",
    )
    commits["phone"] = commit(repo, "2026-02-15T10:00:00+00:00", "Téléphone du guichet")

    # Committed late on 20 March in UTC-5: that is 21 March in UTC. Written on 1 March.
    edit(partners, "          - http://www.exemple.fr/mod\n", "          - http://www.exemple.fr/mod\n" + NEW_OFFER)
    commits["offer"] = commit(
        repo, "2026-03-20T23:30:00-05:00", "Nouvelle offre", author_date="2026-03-01T08:00:00+00:00"
    )

    edit(partners, "  - id: agence-test\n", NEW_PARTNER + "  - id: agence-test\n")
    commits["partner"] = commit(repo, "2026-04-25T12:00:00+00:00", "Nouveau partenaire")

    edit(partners, "Parc fictif. Texte piège", "Parc fictif remanié. Texte piège")
    commits["description"] = commit(repo, "2026-05-30T08:00:00+00:00", "Description du parc")

    edit(domains, "Routes, chemins et trottoirs communaux.", "Routes, chemins, ponts et trottoirs communaux.")
    commits["domain"] = commit(repo, "2026-06-05T08:00:00+00:00", "Domaine voirie")

    # Not committed: must not count.
    edit(partners, "nom: Agence technique de test\n", "nom: Agence technique de test (brouillon)\n")
    partners.write_text(partners.read_text(encoding="utf-8") + DRAFT_PARTNER, encoding="utf-8")
    edit(domains, "nom: Eau et assainissement", "nom: Eau potable et assainissement")
    return History(repo, data, commits)


def loaded(data: Path):
    collector = Collector()
    dataset = load_dataset(data, collector)
    assert not collector.errors, collector.errors
    return dataset


# ---------------------------------------------------------------------------
# record_dates
# ---------------------------------------------------------------------------


def test_repo_root(history):
    assert repo_root(history.data) == history.repo.resolve()
    assert repo_root(history.data / "partners.yml") == history.repo.resolve()


def test_record_dates(history):
    dataset = loaded(history.data)
    assert "brouillon-test" in dataset.partner_by_id  # the uncommitted partner is loaded…
    assert record_dates(history.data, dataset) == {
        ("partner", "guichet-test"): dt.date(2026, 2, 15),  # untouched after its phone change
        ("partner", "nouveau-test"): dt.date(2026, 4, 25),
        # committer date in UTC (not the author date, not the local date); uncommitted rename ignored
        ("partner", "agence-test"): dt.date(2026, 3, 21),
        ("partner", "parc-test"): dt.date(2026, 5, 30),
        # …but has no date: none of its lines is committed
        ("domain", "eau-assainissement"): dt.date(2026, 1, 10),  # uncommitted edit ignored
        ("domain", "voirie"): dt.date(2026, 6, 5),
        ("domain", "amenagement-bourg"): dt.date(2026, 1, 10),
    }


def test_record_dates_shallow_clone_gives_no_wrong_dates(history, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", history.repo.as_uri(), str(clone))
    dataset = loaded(clone / "data")
    # Every line is blamed on the shallow boundary commit: its date is not the records' date.
    assert record_dates(clone / "data", dataset) == {}
    assert data_changes(clone / "data") == []


# ---------------------------------------------------------------------------
# data_changes
# ---------------------------------------------------------------------------


def test_data_changes(history):
    changes = data_changes(history.data)
    c = history.commits
    assert [(x.commit, x.kind, x.partner_id, x.detail) for x in changes] == [
        (c["description"][:12], "fiche-modifiee", "parc-test", "Modifié : description"),
        (c["partner"][:12], "partenaire-ajoute", "nouveau-test", "Association fictive ajoutée par le test."),
        (c["offer"][:12], "offre-ajoutee", "agence-test", "Étude de faisabilité"),
        (c["phone"][:12], "contact-corrige", "guichet-test", "Téléphone : modifié (voir la fiche)"),
        (
            c["initial"][:12],
            "partenaire-ajoute",
            "guichet-test",
            "Service fictif qui reçoit toutes les demandes des communes.",
        ),
        (c["initial"][:12], "partenaire-ajoute", "agence-test", "Société publique locale fictive."),
        (c["initial"][:12], "partenaire-ajoute", "parc-test", changes[-1].detail),
    ]
    assert changes[1].partner_name == "Cabinet <script>alert('x')</script> & Fils"
    assert changes[2].date == dt.datetime(2026, 3, 21, 4, 30, tzinfo=UTC)
    assert changes[3].field == "telephone"
    assert [x.commit for x in data_changes(history.data, limit=2)] == [c["description"][:12], c["partner"][:12]]


def _counted_parses(monkeypatch) -> list[str]:
    """Empties the in-memory versions and records each version the feed parses (by commit)."""
    history_module._PARSED.clear()
    parses: list[str] = []
    parse = history_module._parse_partners

    def counted(blob, commit="", warn=None):
        parses.append(commit)
        return parse(blob, commit, warn)

    monkeypatch.setattr(history_module, "_parse_partners", counted)
    return parses


def test_versions_kept_on_disk_give_the_same_changes_without_parsing_them_again(history, tmp_path, monkeypatch):
    reference = data_changes(history.data)
    parses = _counted_parses(monkeypatch)
    assert data_changes(history.data, cache_dir=tmp_path) == reference
    assert parses and len(list(tmp_path.glob("*.json"))) == len(parses)  # one file per version read
    parses = _counted_parses(monkeypatch)
    assert data_changes(history.data, cache_dir=tmp_path) == reference
    assert parses == []


def test_a_damaged_or_foreign_cache_file_is_ignored_and_written_again(history, tmp_path, monkeypatch):
    reference = data_changes(history.data)
    _counted_parses(monkeypatch)
    data_changes(history.data, cache_dir=tmp_path)
    files = sorted(tmp_path.glob("*.json"))
    files[0].write_text('{"code": "', encoding="utf-8")  # cut short
    files[1].write_text('{"code": "0000", "partners": ["map", []]}', encoding="utf-8")  # another reader's
    code = history_module._CODE_DIGEST[0]
    files[2].write_text(json.dumps({"code": code, "partners": ["list", "x"]}), encoding="utf-8")  # not partners
    parses = _counted_parses(monkeypatch)
    assert data_changes(history.data, cache_dir=tmp_path) == reference
    assert len(parses) == 3
    parses = _counted_parses(monkeypatch)
    assert data_changes(history.data, cache_dir=tmp_path) == reference
    assert parses == []


@pytest.mark.parametrize(
    "value",
    [
        {"verifie_le": dt.date(2026, 4, 25), "texte": "2026-04-25", "liste": ["date", "2026-04-25"]},
        {1: [True, 1, 1.5, None, {"a": dt.datetime(2026, 1, 2, 3, 4, tzinfo=UTC)}], "b": []},
        [dt.datetime(2026, 1, 2, 3, 4), "x", [["map", []]]],
    ],
)
def test_a_version_kept_on_disk_reads_back_with_the_same_values_and_types(value):
    """Dates stay dates, a string or a list that looks like a date stays what it was."""
    back = history_module._decode(json.loads(json.dumps(history_module._encode(value))))
    assert back == value
    assert repr(back) == repr(value)


def test_data_changes_sorted_newest_first(tmp_path):
    repo = tmp_path / "repo"
    data = init_repo(repo)
    partners = data / "partners.yml"
    commit(repo, "2026-01-10T09:00:00+00:00", "Données initiales")
    edit(partners, "telephone: 04 71 00 00 01", "telephone: 04 71 00 00 02")
    commit(repo, "2026-05-01T09:00:00+00:00", "Parc")
    edit(partners, "courriel: contact@exemple.fr", "courriel: agence@exemple.fr")
    commit(repo, "2026-04-01T09:00:00+00:00", "Agence, commit daté avant son parent (rebase)")
    dates = [x.date for x in data_changes(data)]
    assert dates == sorted(dates, reverse=True)
    assert [x.partner_id for x in data_changes(data)[:2]] == ["parc-test", "agence-test"]


def test_data_changes_removals_contacts_and_broken_versions(tmp_path):
    repo = tmp_path / "repo"
    data = init_repo(repo)
    partners = data / "partners.yml"
    commit(repo, "2026-01-10T09:00:00+00:00", "Données initiales")

    text = partners.read_text(encoding="utf-8")
    agence = text.index("  - id: agence-test\n")
    text = text[:agence] + text[text.index("  - id: parc-test\n") :]  # agence-test removed
    text = text.replace(
        "      - id: conseil-paysage\n        titre: Conseil paysage\n        domaines: [amenagement-bourg]\n"
        "        phases: [conception, evaluation]\n        nature: conseil\n",
        "",
    ).replace(
        "    offres:\n    sources:\n      - https://parc.exemple.fr", "    sources:\n      - https://parc.exemple.fr"
    )
    text = text.replace(
        "courriel: guichet@exemple.fr\n",
        "courriel: accueil@exemple.fr\n      formulaire: https://guichet.exemple.fr/contact\n",
    )
    text = text.replace("titre: Accompagnement de projet", "titre: Accompagnement global de projet")
    partners.write_text(text, encoding="utf-8")
    assert not load_dataset(data, Collector()).partner_by_id.get("agence-test")
    second = commit(repo, "2026-02-01T09:00:00+00:00", "Corrections")[:12]

    partners.write_text("partenaires: [\n  - id: oups\n", encoding="utf-8")
    commit(repo, "2026-03-01T09:00:00+00:00", "Fichier cassé")
    partners.write_text(text.replace("04 71 00 00 01", "04 71 00 00 02"), encoding="utf-8")
    commit(repo, "2026-04-01T09:00:00+00:00", "Fichier réparé")

    changes = data_changes(data, limit=3)  # the two commits around the broken version are skipped
    # Texts absent from today's data are never published: the removed offer and the removed partner
    # are not named (the removed partner's id is kept only as a digest, for a stable entry id).
    removed_id = "retire-" + hashlib.sha256(b"agence-test").hexdigest()[:16]
    assert {(x.commit, x.kind, x.partner_id, x.detail) for x in changes} == {
        (second, "offre-retiree", "parc-test", ""),
        (second, "contact-corrige", "guichet-test", "Courriel : modifié (voir la fiche)"),
        (second, "contact-corrige", "guichet-test", "Formulaire de contact : ajouté (voir la fiche)"),
        (second, "fiche-modifiee", "guichet-test", "Modifié : offre « Accompagnement global de projet »"),
        (second, "partenaire-retire", removed_id, "Fiche retirée du site Ingé 43."),
    }
    assert len(changes) == 5
    assert next(x for x in changes if x.kind == "partenaire-retire").partner_name == "un partenaire"
    assert not any("Agence technique" in x.title or "Conseil paysage" in x.title for x in changes)
    # The first commit adds the three partners: two are still in the data, agence-test is not (not named).
    assert len(data_changes(data, limit=4)) == 5 + 2


# ---------------------------------------------------------------------------
# render_feed
# ---------------------------------------------------------------------------


def entries(feed: str) -> list[ET.Element]:
    return ET.fromstring(feed.encode("utf-8")).findall(f"{ATOM}entry")


def test_render_feed_is_atom(history):
    changes = data_changes(history.data)
    feed = render_feed(changes, "https://inge43.exemple.fr", None)
    root = ET.fromstring(feed.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == "fr"
    assert root.findtext(f"{ATOM}title") == FEED_TITLE
    assert root.findtext(f"{ATOM}id").startswith("tag:")
    assert root.findtext(f"{ATOM}updated") == "2026-05-30T08:00:00Z"  # newest change, not the clock
    assert root.find(f"{ATOM}author/{ATOM}name").text
    items = root.findall(f"{ATOM}entry")
    assert len(items) == len(changes) == 7
    ids = [item.findtext(f"{ATOM}id") for item in items]
    assert len(set(ids)) == len(ids)
    for item in items:
        for tag in ("id", "title", "updated", "content"):
            assert item.findtext(f"{ATOM}{tag}"), tag
        assert item.find(f"{ATOM}content").get("type") == "text"
        assert item.find(f"{ATOM}link").get("href").startswith("https://inge43.exemple.fr/partenaires/")

    phone = items[3]
    assert phone.findtext(f"{ATOM}title") == "Contact corrigé : Guichet de test"
    assert phone.findtext(f"{ATOM}content") == "Téléphone : modifié (voir la fiche)"
    assert phone.findtext(f"{ATOM}updated") == "2026-02-15T10:00:00Z"
    assert phone.find(f"{ATOM}link").get("href") == "https://inge43.exemple.fr/partenaires/guichet-test/"
    entry_id = phone.findtext(f"{ATOM}id")
    for part in (history.commits["phone"][:12], "guichet-test", "contact-corrige", "telephone"):
        assert part in entry_id
    # Names are today's (the working tree's, uncommitted edit included), never an old version's.
    assert (
        items[2].findtext(f"{ATOM}title")
        == "Nouvelle offre : Agence technique de test (brouillon) — Étude de faisabilité"
    )
    # Privacy: the feed says that a contact changed, never the old or the new value.
    for value in ("04 71 09 43 43", "0471094343", "accueil@exemple.fr", "guichet.exemple.fr/contact"):
        assert value not in feed


def test_render_feed_escapes_data(history):
    feed = render_feed(data_changes(history.data), "", None)
    assert "<script>" not in feed
    assert "&lt;script&gt;" in feed and "&amp; Fils" in feed
    added = entries(feed)[1]
    assert added.findtext(f"{ATOM}title") == "Nouveau partenaire : Cabinet <script>alert('x')</script> & Fils"
    assert added.find(f"{ATOM}link").get("href") == "partenaires/nouveau-test/"  # no site_url: relative


def test_render_feed_is_reproducible(history):
    changes = data_changes(history.data)
    first = render_feed(changes, "https://inge43.exemple.fr/", None)
    assert render_feed(data_changes(history.data), "https://inge43.exemple.fr/", None) == first
    given = dt.datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert ET.fromstring(render_feed(changes, "", given)).findtext(f"{ATOM}updated") == "2026-07-01T12:00:00Z"
    empty = render_feed([], "", None)
    assert entries(empty) == []
    assert render_feed([], "", None) == empty


# ---------------------------------------------------------------------------
# Without git
# ---------------------------------------------------------------------------


def test_not_a_checkout(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    dataset = loaded(data)
    assert dataset.partners and dataset.domains
    assert repo_root(data) is None
    assert record_dates(data, dataset) == {}
    assert data_changes(data) == []
    assert repo_root(tmp_path / "absent") is None
    assert data_changes(tmp_path / "absent") == []


def test_git_missing(history, tmp_path, monkeypatch):
    dataset = loaded(history.data)
    assert record_dates(history.data, dataset)  # with git: dates
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no git
    assert repo_root(history.data) is None
    assert record_dates(history.data, dataset) == {}
    assert data_changes(history.data) == []
