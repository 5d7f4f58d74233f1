"""`inge43 report`: the state of the data for the Ingé 43 team (also published as a page).

For each domain x phase, who answers; which partners lack which contact fields;
which records are stale; which offers and terms have no source of their own.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from ..check.rules.freshness import STALE_AFTER_DAYS
from ..read.dataset import Dataset
from ..read.model import CONTACT_FIELDS, Guide, Partner, Phase, Record
from ..read.problems import log_safe_line, printable
from .provenance import OLD_CONTACT_YEARS


@dataclass
class Cell:
    domain: str
    phase: str
    offers: list[str] = field(default_factory=list)  # "partner-id/offer-id"
    orientation: bool = False  # no public offer known: stated in the data, Ingé 43 directs the commune

    @property
    def answered(self) -> bool:
        return bool(self.offers) or self.orientation


@dataclass
class TeamReport:
    date: str
    grid: list[Cell]
    missing_contact: dict[str, list[str]]
    stale: dict[str, str]
    unsourced_offers: list[str]
    unsourced_terms: list[str]
    # Contact values read on a page older than OLD_CONTACT_YEARS: {owner, champs, annee, source, nom_source}
    old_contacts: list[dict] = field(default_factory=list)
    # Intercommunalities (by SIREN code) whose contact lacks fields: public pages say so plainly.
    missing_interco_contact: dict[str, list[str]] = field(default_factory=dict)

    @property
    def unanswered(self) -> list[Cell]:
        return [c for c in self.grid if not c.answered]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["unanswered"] = [f"{c.domain}/{c.phase}" for c in self.unanswered]
        return data


def build_report(dataset: Dataset, today: dt.date) -> TeamReport:
    grid = []
    for domain in dataset.domains:
        for phase in Phase:
            offers = [
                f"{p.id}/{o.id}"
                for p in dataset.partners
                for o in p.offres
                if domain.id in o.domaines and phase in o.phases
            ]
            grid.append(Cell(domain.id, phase.value, offers, orientation=phase in domain.sans_offre_connue))
    missing = {
        p.id: [label for key, label in CONTACT_FIELDS.items() if not getattr(p.contact, key)] for p in dataset.partners
    }
    dated: list[Partner | Guide] = [*dataset.partners, *dataset.guides]
    stale = {
        record.id: record.verifie_le.isoformat()
        for record in dated
        if (today - record.verifie_le).days > STALE_AFTER_DAYS
    }
    old = []
    for owner, contact in dataset.contacts():
        for entry, fields in contact.provenance_groups():
            if entry.annee and today.year - entry.annee > OLD_CONTACT_YEARS:
                old.append(
                    {
                        "fiche": getattr(owner, "id", None) or getattr(owner, "code", "?"),
                        "nom": getattr(owner, "nom", None) or _epci_name(dataset, owner),
                        "champs": [f.value for f in fields],
                        "annee": entry.annee,
                        "source": entry.source,
                        "nom_source": entry.nom_source,
                    }
                )
    return TeamReport(
        date=today.isoformat(),
        grid=grid,
        missing_contact={k: v for k, v in missing.items() if v},
        stale=stale,
        unsourced_offers=[f"{p.id}/{o.id}" for p in dataset.partners for o in p.offres if not o.sources],
        unsourced_terms=[t.sigle for t in dataset.terms if not t.sources],
        old_contacts=old,
        missing_interco_contact={
            i.code: lacking
            for i in dataset.intercommunalities
            if (lacking := [label for key, label in CONTACT_FIELDS.items() if not getattr(i.contact, key)])
        },
    )


def _epci_name(dataset: Dataset, record: Record) -> str:
    epci = dataset.epci_by_code.get(getattr(record, "code", ""))
    return epci.nom if epci else str(getattr(record, "code", "?"))


def format_json(report: TeamReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def format_text(report: TeamReport) -> str:
    lines = [f"État des données au {report.date}", ""]
    answered = len(report.grid) - len(report.unanswered)
    oriented = sum(1 for c in report.grid if c.orientation and not c.offers)
    lines.append(f"Domaines × phases qui ont une réponse : {answered} sur {len(report.grid)}")
    lines.append(f"  dont {oriented} sans offre publique connue (Ingé 43 oriente la commune)")
    for cell in report.unanswered:
        lines.append(f"  - sans offre : {cell.domain} / {cell.phase}")
    lines += ["", f"Partenaires au contact incomplet : {len(report.missing_contact)}"]
    for pid, fields in report.missing_contact.items():
        lines.append(f"  - {pid} : {', '.join(fields)}")
    lines += ["", f"Intercommunalités au contact incomplet : {len(report.missing_interco_contact)}"]
    for code, fields in report.missing_interco_contact.items():
        lines.append(f"  - {code} : {', '.join(fields)}")
    lines += ["", f"Fiches à revérifier (plus de 12 mois) : {len(report.stale)}"]
    for rid, date in report.stale.items():
        lines.append(f"  - {rid} (vérifiée le {date})")
    lines += [
        "",
        f"Coordonnées relevées il y a plus de {OLD_CONTACT_YEARS} ans, à revérifier : {len(report.old_contacts)}",
    ]
    for item in report.old_contacts:
        lines.append(
            f"  - {item['fiche']} : {', '.join(item['champs'])} ({item['annee']}, {item['nom_source'] or item['source']})"
        )
    lines += ["", f"Offres sans source propre : {len(report.unsourced_offers)}"]
    lines += [f"  - {o}" for o in report.unsourced_offers]
    lines += ["", f"Termes du glossaire sans source : {len(report.unsourced_terms)}"]
    lines += [f"  - {t}" for t in report.unsourced_terms]
    return "\n".join(log_safe_line(printable(line)) for line in lines)  # sigles come from data/
