"""How old a record or a source may be before it is reported or shown as old: the day and the year
at the limit, and the one after it.

The limits are the ones the site and the team read in French: a record checked « il y a plus de
12 mois » is to be checked again (rule fiche-ancienne, « Fiches à revérifier » of the team's
report); contact values read on a page of « plus de 3 ans » are « à confirmer » (pages, finder,
open data) and listed in the team's report. Dates here are written out by hand, not computed
from the code's constants.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from inge43.check.registry import run_checks
from inge43.generate.provenance import provenance_lines
from inge43.generate.team_report import build_report
from inge43.read.model import Contact

VALID = Path(__file__).parents[1] / "fixtures" / "valid"
TODAY = dt.date(2026, 11, 29)
EXACTLY_TWELVE_MONTHS_AGO = "2025-11-29"  # 365 days before TODAY (2026 is not a leap year)
ONE_DAY_MORE = "2025-11-28"  # 366 days


def _checked_on(tmp_path: Path, day: str) -> Path:
    """A copy of valid/ where every record was last checked on `day`."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    for path in data.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"verifie_le: \d{4}-\d{2}-\d{2}", f"verifie_le: {day}", text), encoding="utf-8")
    return data


@pytest.mark.parametrize(("day", "reported"), [(EXACTLY_TWELVE_MONTHS_AGO, False), (ONE_DAY_MORE, True)])
def test_a_record_is_reported_the_day_after_its_twelve_months(tmp_path, day, reported):
    data = _checked_on(tmp_path, day)
    result = run_checks(data, today=TODAY)
    assert not result.collector.errors, [p.message for p in result.collector.errors]
    stale = [p for p in result.collector.warnings if p.rule == "fiche-ancienne"]
    assert bool(stale) == reported, [(p.file, p.line, p.message) for p in stale]
    if reported:  # every partner and guide: all were checked that day
        files = {Path(p.file).relative_to(data).as_posix() for p in stale}
        assert files >= {"partners.yml", "guides/projet-communal.yml"}, files
        assert all("une vérification après le 2025-11-29" in p.expected for p in stale), stale[0].expected


@pytest.mark.parametrize(("day", "listed"), [(EXACTLY_TWELVE_MONTHS_AGO, False), (ONE_DAY_MORE, True)])
def test_team_report_lists_records_to_check_again_after_twelve_months(tmp_path, day, listed):
    dataset = run_checks(_checked_on(tmp_path, day), today=TODAY).dataset
    report = build_report(dataset, TODAY)
    expected = {p.id: day for p in dataset.partners} | {g.id: day for g in dataset.guides} if listed else {}
    assert report.stale == expected


def _contact(year: int | None) -> Contact:
    read = {"champs": ["telephone"], "source": "https://annuaire.exemple.fr/x"} | ({"annee": year} if year else {})
    return Contact.model_validate({"telephone": "04 71 00 00 00", "provenance": [read]})


@pytest.mark.parametrize(("year", "to_confirm"), [(2023, False), (2022, True), (None, True)])
def test_a_contact_read_more_than_three_years_ago_is_to_confirm(year, to_confirm):
    """In 2026, a page read in 2023 is three years old: still good; one read in 2022 (or undated) is not."""
    [line] = provenance_lines(_contact(year), 2026)
    assert line.to_confirm == to_confirm
    assert line.sentence.endswith(" : à confirmer.") == to_confirm, line.sentence


@pytest.mark.parametrize(("year", "listed"), [(2023, False), (2022, True)])
def test_team_report_lists_contacts_read_more_than_three_years_ago(tmp_path, year, listed):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    partners = data / "partners.yml"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(re.sub(r"annee: \d{4}", f"annee: {year}", text), encoding="utf-8")
    result = run_checks(data, today=TODAY)
    assert result.ok, [p.message for p in result.collector.errors]
    report = build_report(result.dataset, TODAY)
    from_partners = {item["fiche"] for item in report.old_contacts if item["annee"] == year}
    assert bool(from_partners) == listed, report.old_contacts
    if listed:
        assert "guichet-test" in from_partners and "agence-test" in from_partners
