"""The commune's intercommunality (EPCI) as an interlocutor: its page, its contact, its competences.

Every EPCI of data/communes.yml gets a page; data/intercommunalites.yml adds its contact and the
competences a source states. `holders` answers « who carries this kind of project for this
commune? »: only a competence whose `domaines` names the domain counts; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..read.dataset import Dataset
from ..read.model import Commune, Competence, Contact, Epci, Intercommunality
from ..read.text import slugify, sort_key

INTERCOS_INDEX = "intercommunalites/index.md"


@dataclass(frozen=True)
class InterView:
    """One EPCI as pages show it: the INSEE record, the curated record (if any), name and page."""

    epci: Epci
    record: Intercommunality | None
    uri: str
    members: list[Commune] = field(default_factory=list)

    @property
    def name(self) -> str:
        return (self.record.nom if self.record and self.record.nom else None) or self.epci.nom

    @property
    def contact(self) -> Contact:
        return self.record.contact if self.record else Contact()

    @property
    def competences(self) -> list[Competence]:
        return list(self.record.competences) if self.record else []

    def competences_for(self, domain_id: str) -> list[Competence]:
        return [c for c in self.competences if domain_id in c.domaines]

    @property
    def held_domains(self) -> list[str]:
        out: dict[str, None] = {}
        for competence in self.competences:
            for domain_id in competence.domaines:
                out.setdefault(domain_id, None)
        return list(out)


def intercommunality_uri(epci: Epci) -> str:
    return f"intercommunalites/{slugify(epci.nom)}.md"


_cache: dict[int, tuple[Dataset, dict[str, InterView]]] = {}


def views(dataset: Dataset) -> dict[str, InterView]:
    """EPCI code -> its view, computed once per dataset."""
    cached = _cache.get(id(dataset))
    if cached and cached[0] is dataset:
        return cached[1]
    members: dict[str, list[Commune]] = {}
    for commune in sorted(dataset.communes, key=lambda c: sort_key(c.nom)):
        members.setdefault(commune.epci or "", []).append(commune)
    out = {
        e.code: InterView(
            e, dataset.intercommunality_by_code.get(e.code), intercommunality_uri(e), members.get(e.code, [])
        )
        for e in dataset.epcis
    }
    _cache.clear()
    _cache[id(dataset)] = (dataset, out)
    return out


def of_commune(dataset: Dataset, commune: Commune) -> InterView | None:
    return views(dataset).get(commune.epci or "")


def holders(dataset: Dataset, commune: Commune, domain_id: str) -> list[tuple[InterView, Competence]]:
    """The commune's intercommunality and each sourced competence it holds for this domain."""
    view = of_commune(dataset, commune)
    if view is None:
        return []
    return [(view, c) for c in view.competences_for(domain_id)]
