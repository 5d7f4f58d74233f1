"""Tests for inge43.tools.communes_import, on a small fake npm tarball (no network)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
from pathlib import Path

import pytest
import yaml

from inge43.tools import communes_import as ci

COMMUNES = [
    # Unsorted on purpose: the output must be sorted by code.
    {
        "code": "43157",
        "nom": "Le Puy-en-Velay",
        "departement": "43",
        "type": "commune-actuelle",
        "arrondissement": "432",
        "codesPostaux": ["43000"],
        "population": 18540,
        "siren": "214301574",
    },
    {
        "code": "43001",
        "nom": "Agnat",
        "departement": "43",
        "type": "commune-actuelle",
        "arrondissement": "431",
        "codesPostaux": ["43100"],
        "population": 170,
    },
    {
        "code": "43090",
        "nom": "Esplantas-Vazeilles",
        "departement": "43",
        "type": "commune-actuelle",
        "arrondissement": "431",
        "codesPostaux": ["43170", "43580"],
    },  # no population
    {
        "code": "43013",
        "nom": "Vissac-Auteyrac",
        "departement": "43",
        "type": "commune-actuelle",
        "arrondissement": "431",
        "codesPostaux": ["43300"],
        "population": 302,
    },
    {
        "code": "43255",
        "nom": "Vazeilles-près-Saugues",
        "departement": "43",
        "type": "commune-deleguee",
        "arrondissement": "431",
        "chefLieu": "43090",
    },
    {
        "code": "15014",
        "nom": "Aurillac",
        "departement": "15",
        "type": "commune-actuelle",
        "arrondissement": "152",
        "codesPostaux": ["15000"],
        "population": 25593,
    },
]
EPCI = [
    {"code": "200073419", "nom": "CA du Puy-en-Velay", "type": "CA", "membres": [{"code": "43157"}, {"code": "43001"}]},
    {
        "code": "241500230",
        "nom": "CA du Bassin d'Aurillac",
        "type": "CA",
        "membres": [{"code": "15014"}, {"code": "43255"}],
    },  # only a deleguee of 43: dropped
    {
        "code": "200073393",
        "nom": "CC des Rives du Haut Allier",
        "type": "CC",
        "membres": [{"code": "43090"}, {"code": "43013"}],
    },
]
ARRONDISSEMENTS = [
    {"code": "433", "nom": "Yssingeaux", "departement": "43", "chefLieu": "43268"},
    {"code": "152", "nom": "Aurillac", "departement": "15", "chefLieu": "15014"},
    {"code": "431", "nom": "Brioude", "departement": "43", "chefLieu": "43040"},
    {"code": "432", "nom": "Le Puy-en-Velay", "departement": "43"},  # no chef-lieu
]


def make_tarball(path: Path, files: dict[str, object]) -> Path:
    """Write a .tgz whose members are JSON-encoded ``files``."""
    with tarfile.open(path, "w:gz") as tar:
        for name, content in files.items():
            data = json.dumps(content, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def default_files(version: str = "6.0.0") -> dict[str, object]:
    return {
        "package/package.json": {"name": "@etalab/decoupage-administratif", "version": version},
        "package/data/communes.json": COMMUNES,
        "package/data/epci.json": EPCI,
        "package/data/arrondissements.json": ARRONDISSEMENTS,
    }


@pytest.fixture
def tarball(tmp_path: Path) -> Path:
    return make_tarball(tmp_path / "pkg.tgz", default_files())


@pytest.fixture
def doc(tarball: Path) -> dict:
    return ci.build_document(tarball)


def test_source_block(doc):
    assert doc["source"] == {
        "paquet": "@etalab/decoupage-administratif",
        "version": "6.0.0",
        "url": "https://www.npmjs.com/package/@etalab/decoupage-administratif",
        "licence": "MIT ; données issues du Code officiel géographique de l'INSEE",
    }
    assert list(doc) == ["source", "arrondissements", "epci", "communes"]


def test_communes_filtered_and_sorted(doc):
    assert [c["code"] for c in doc["communes"]] == ["43001", "43013", "43090", "43157"]
    assert doc["communes"][0] == {
        "code": "43001",
        "nom": "Agnat",
        "codes_postaux": ["43100"],
        "population": 170,
        "arrondissement": "431",
        "epci": "200073419",
    }
    assert list(doc["communes"][0]) == [
        "code",
        "nom",
        "codes_postaux",
        "population",
        "arrondissement",
        "epci",
    ]
    esplantas = doc["communes"][2]
    assert esplantas["population"] is None
    assert esplantas["codes_postaux"] == ["43170", "43580"]
    assert esplantas["epci"] == "200073393"


def test_epci_filtered_and_sorted_by_name(doc):
    assert doc["epci"] == [
        {"code": "200073419", "nom": "CA du Puy-en-Velay", "type": "CA"},
        {"code": "200073393", "nom": "CC des Rives du Haut Allier", "type": "CC"},
    ]


def test_arrondissements_of_43_only(doc):
    assert doc["arrondissements"] == [
        {"code": "431", "nom": "Brioude", "chef_lieu": "43040"},
        {"code": "432", "nom": "Le Puy-en-Velay", "chef_lieu": None},
        {"code": "433", "nom": "Yssingeaux", "chef_lieu": "43268"},
    ]


def test_commune_without_epci_is_null(tmp_path):
    files = default_files()
    files["package/data/epci.json"] = [e for e in EPCI if e["code"] != "200073393"]
    doc = ci.build_document(make_tarball(tmp_path / "p.tgz", files))
    by_code = {c["code"]: c for c in doc["communes"]}
    assert by_code["43090"]["epci"] is None
    assert [e["code"] for e in doc["epci"]] == ["200073419"]


def test_render_shape(doc):
    text = ci.render_yaml(doc)
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/communes.schema.json"
    assert lines[1].startswith("# Fichier GÉNÉRÉ par `make communes`")
    assert lines[2].startswith("# Source : paquet npm @etalab/decoupage-administratif 6.0.0")
    assert "source:" in lines
    assert '  paquet: "@etalab/decoupage-administratif"' in lines
    assert '  version: "6.0.0"' in lines
    assert text.endswith("\n") and not text.endswith("\n\n")

    start = lines.index("communes:")
    commune_lines = lines[start + 1 :]
    assert len(commune_lines) == len(doc["communes"]) == 4
    assert commune_lines[0] == (
        '  - {code: "43001", nom: "Agnat", codes_postaux: ["43100"], population: 170, '
        'arrondissement: "431", epci: "200073419"}'
    )
    assert commune_lines[2] == (
        '  - {code: "43090", nom: "Esplantas-Vazeilles", codes_postaux: ["43170", "43580"], '
        'population: null, arrondissement: "431", epci: "200073393"}'
    )
    epci_start = lines.index("epci:")
    assert lines[epci_start + 1] == '  - {code: "200073419", nom: "CA du Puy-en-Velay", type: "CA"}'
    arr_start = lines.index("arrondissements:")
    assert lines[arr_start + 2] == '  - {code: "432", nom: "Le Puy-en-Velay", chef_lieu: null}'


def test_round_trip(doc):
    assert yaml.safe_load(ci.render_yaml(doc)) == doc


def test_round_trip_awkward_strings():
    doc = {
        "source": {"paquet": "@x/y", "version": "1.0"},
        "arrondissements": [],
        "epci": [{"code": "007", "nom": 'Saint-Ünïcodé "quoted" \\ # : {x}, [y]', "type": "yes"}],
        "communes": [
            {
                "code": "43001",
                "nom": "null",
                "codes_postaux": [],
                "population": 0,
                "arrondissement": None,
                "epci": None,
            },
            {
                "code": "2A004",
                "nom": "Ajaccio\u2028line\x7f\ttab",
                "codes_postaux": ["20000"],
                "population": 1,
                "arrondissement": "2A1",
                "epci": "true",
            },
        ],
    }
    text = ci.render_yaml(doc)
    assert "arrondissements: []" in text.splitlines()
    assert len(text.splitlines()) == 3 + 3 + 1 + 2 + 3  # header, source, arr, epci, communes
    assert yaml.safe_load(text) == doc


def test_missing_file_in_tarball(tmp_path):
    files = default_files()
    del files["package/data/epci.json"]
    broken = make_tarball(tmp_path / "broken.tgz", files)
    with pytest.raises(ci.CommuneImportError) as excinfo:
        ci.build_document(broken)
    message = str(excinfo.value)
    assert "package/data/epci.json" in message
    assert "absent de l'archive" in message


def test_not_a_tarball(tmp_path):
    bogus = tmp_path / "bogus.tgz"
    bogus.write_text("ceci n'est pas une archive", encoding="utf-8")
    with pytest.raises(ci.CommuneImportError, match="Impossible de lire l'archive"):
        ci.build_document(bogus)


def test_missing_tarball(tmp_path):
    with pytest.raises(ci.CommuneImportError, match="Archive introuvable"):
        ci.build_document(tmp_path / "absent.tgz")


def test_version_mismatch(tmp_path):
    other = make_tarball(tmp_path / "v5.tgz", default_files(version="5.0.0"))
    with pytest.raises(ci.CommuneImportError, match=r"version 5\.0\.0"):
        ci.build_document(other, version="6.0.0")


def test_no_commune_for_departement(tarball):
    with pytest.raises(ci.CommuneImportError, match="Aucune commune actuelle du département 99"):
        ci.build_document(tarball, departement="99")


def test_fetch_without_npm(monkeypatch, tmp_path):
    monkeypatch.setattr(ci.shutil, "which", lambda name: None)
    with pytest.raises(ci.CommuneImportError, match="introuvable"):
        ci.fetch_tarball("6.0.0", tmp_path)


def test_fetch_npm_failure(monkeypatch, tmp_path):
    monkeypatch.setattr(ci.shutil, "which", lambda name: "/usr/bin/npm")

    def fake_run(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, 1, stdout="", stderr="npm ERR! code E404\n")

    monkeypatch.setattr(ci.subprocess, "run", fake_run)
    with pytest.raises(ci.CommuneImportError, match=r"a échoué \(code 1\).*E404"):
        ci.fetch_tarball("9.9.9", tmp_path)


def test_fetch_success_returns_path(monkeypatch, tmp_path):
    monkeypatch.setattr(ci.shutil, "which", lambda name: "/usr/bin/npm")
    seen = {}

    def fake_run(cmd, **kwargs):
        seen["cmd"] = cmd
        name = "etalab-decoupage-administratif-6.0.0.tgz"
        (tmp_path / name).write_bytes(b"")
        return subprocess.CompletedProcess(cmd, 0, stdout=name + "\n", stderr="")

    monkeypatch.setattr(ci.subprocess, "run", fake_run)
    result = ci.fetch_tarball("6.0.0", tmp_path)
    assert result == tmp_path / "etalab-decoupage-administratif-6.0.0.tgz"
    assert seen["cmd"][1:] == [
        "pack",
        "@etalab/decoupage-administratif@6.0.0",
        "--pack-destination",
        str(tmp_path),
    ]


def test_write_and_main(tarball, tmp_path, capsys):
    out = tmp_path / "data" / "communes.yml"
    assert ci.main(["--tarball", str(tarball), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == (f"4 communes, 2 EPCI, 3 arrondissements écrits dans {out}")
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["source"]["version"] == "6.0.0"
    assert [c["code"] for c in written["communes"]] == ["43001", "43013", "43090", "43157"]  # 43 only, by code
    assert [e["code"] for e in written["epci"]] == ["200073419", "200073393"]
    assert [a["code"] for a in written["arrondissements"]] == ["431", "432", "433"]
    assert not [p for p in out.parent.iterdir() if p.name != "communes.yml"]


def test_main_error_returns_1_without_traceback(tmp_path, capsys):
    files = default_files()
    del files["package/data/communes.json"]
    broken = make_tarball(tmp_path / "broken.tgz", files)
    out = tmp_path / "communes.yml"
    assert ci.main(["--tarball", str(broken), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "package/data/communes.json est absent de l'archive" in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_write_uses_umask_mode(doc, tmp_path):
    out = tmp_path / "communes.yml"
    old = os.umask(0o022)
    try:
        ci.write(doc, out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/communes.schema.json\n")
    assert '  - {code: "43001", nom: "Agnat", codes_postaux: ["43100"], population: 170, ' in text
