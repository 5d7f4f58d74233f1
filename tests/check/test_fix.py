"""`inge43 check --corriger`: the keywords that repeat another of their domain are removed from
the file, nothing else changes, and the check that follows is clean."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from inge43.check.registry import run_checks
from inge43.check.rules.keywords import keyword_key, merged_keywords
from inge43.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
TODAY = dt.date(2026, 11, 29)

DOMAINS = """\
# Domaines de test.
domaines:
  - id: eau-assainissement
    nom: Eau et assainissement
    description: Eau potable, assainissement collectif et non collectif.
    projets_types:
      - Renouveler un réseau d'eau potable
    mots_cles: [eau, assainissement, STEP]
    sans_offre_connue: {conception: Aucun partenaire de test., realisation: Aucun partenaire de test.}
  - id: voirie
    nom: Voirie
    description: Routes, chemins et trottoirs communaux.
    mots_cles:
      - trottoir        # le singulier
      - chaussée
      - trottoirs
      - 'chaussee'
      - Trottoir
    sans_offre_connue: {conception: Aucun partenaire de test.}
  - id: amenagement-bourg
    nom: Aménagement de bourg
    description: Rendre le centre du village plus sûr et plus agréable.
    mots_cles:
      - centre bourg
      - traversée d'agglomération
      - centre-bourg
      - traversee d agglomeration
      - traversée du village
"""


def _data(tmp_path: Path, domains: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    (data / "domains.yml").write_text(domains, encoding="utf-8")
    return data


def test_keyword_key_ignores_accents_capitals_hyphens_apostrophes_and_plural():
    assert keyword_key("Traversée d'agglomération") == keyword_key("traversees d agglomeration")
    assert keyword_key("centre-bourg") == keyword_key("Centre Bourg")
    assert keyword_key("St Julien") == keyword_key("saint-julien")
    # Small words count: « traversée du village » is another phrase than « traversée village ».
    assert keyword_key("traversée du village") != keyword_key("traversée village")
    assert keyword_key("trottoir") != keyword_key("trottinette")


def test_the_variant_written_with_its_accents_stays(tmp_path):
    result = run_checks(_data(tmp_path, DOMAINS), today=TODAY)
    merged = {
        (m.domain.id, m.domain.mots_cles[m.index], m.domain.mots_cles[m.kept])
        for m in merged_keywords(result.dataset.domains)
    }
    assert merged == {
        ("voirie", "trottoirs", "trottoir"),
        ("voirie", "Trottoir", "trottoir"),
        ("voirie", "chaussee", "chaussée"),
        ("amenagement-bourg", "centre bourg", "centre-bourg"),
        ("amenagement-bourg", "traversee d agglomeration", "traversée d'agglomération"),
    }
    assert sum(p.rule == "mot-cle-variante" for p in result.collector.problems) == 5


def test_corriger_removes_the_variants_and_nothing_else(tmp_path, capsys):
    data = _data(tmp_path, DOMAINS)
    code = main(["check", "--data", str(data), "--corriger"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "5 correction(s) faite(s)" in out
    assert "domains.yml:16 : mot-clé « trottoirs » retiré" in out
    expected = DOMAINS
    for line in ("      - trottoirs\n", "      - 'chaussee'\n", "      - Trottoir\n", "      - centre bourg\n"):
        expected = expected.replace(line, "", 1)
    expected = expected.replace("      - traversee d agglomeration\n", "", 1)
    assert (data / "domains.yml").read_text(encoding="utf-8") == expected
    assert main(["check", "--data", str(data)]) == 0


def test_corriger_leaves_a_list_on_one_line_to_the_agent(tmp_path, capsys):
    domains = DOMAINS.replace("mots_cles: [eau, assainissement, STEP]", "mots_cles: [eau, Eaux, STEP]")
    data = _data(tmp_path, domains)
    code = main(["check", "--data", str(data), "--corriger"])
    out = capsys.readouterr().out
    assert code == 1  # still reported
    assert "Le mot-clé « Eaux » répète « eau »" in out
    text = (data / "domains.yml").read_text(encoding="utf-8")
    assert "mots_cles: [eau, Eaux, STEP]" in text
    assert "      - trottoirs\n" not in text  # the others were fixed
