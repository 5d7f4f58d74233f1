"""The commune's intercommunality (EPCI) as an interlocutor: its page, its contact, its competences.

Every EPCI of data/communes.yml gets a page; data/intercommunalites.yml adds its contact and the
competences a source states: those the law gives its category (`competences_legales`, stated once
and derived here for every EPCI of that category) then those its own record cites. `holders`
answers « who carries this kind of project for this commune? »: only a competence whose
`domaines` names the domain counts; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..read.dataset import Dataset, once_per_dataset
from ..read.model import Commune, Competence, Contact, Epci, Intercommunality, LegalCompetence, LegalCompetences
from ..read.text import slugify, sort_key

INTERCOS_INDEX = "intercommunalites/index.md"


@dataclass(frozen=True)
class HeldCompetence:
    """A competence as pages show it, whether the law or the EPCI's own source gives it.

    `partage` (when the commune or a syndicate may hold it instead) says who to ask; `article`
    is set for a law-given competence (« L5214-16 »).
    """

    intitule: str
    domaines: tuple[str, ...]
    source: str
    nom_source: str | None
    annee: int | None
    partage: str | None = None
    article: str | None = None
    # With `partage`: the project types the intercommunality carries all the same (it then comes first).
    projets_types: tuple[str, ...] = ()

    @property
    def by_law(self) -> bool:
        return self.article is not None


def legal_competences(block: LegalCompetences) -> list[HeldCompetence]:
    """The law-given list of one category, each with the article's source unless it names its own
    (then it is shown with that source and its year, like any sourced competence)."""
    return [
        _held(k, k.source, k.nom_source, k.annee)
        if k.source
        else _held(k, block.source, block.nom_source, block.annee, block.article)
        for k in block.competences
    ]


def _own(k: Competence) -> HeldCompetence:
    return _held(k, k.source, k.nom_source, k.annee)


def _held(
    k: Competence | LegalCompetence,
    source: str,
    nom_source: str | None,
    annee: int | None,
    article: str | None = None,
) -> HeldCompetence:
    """A competence as pages show it, with the source that states it."""
    return HeldCompetence(
        k.intitule, tuple(k.domaines), source, nom_source, annee, k.partage, article, tuple(k.projets_types)
    )


@dataclass(frozen=True)
class InterView:
    """One EPCI as pages show it: the INSEE record, the curated record (if any), name and page."""

    epci: Epci
    record: Intercommunality | None
    uri: str
    members: list[Commune] = field(default_factory=list)
    law: LegalCompetences | None = None  # what the law gives its category (data/intercommunalites.yml)

    @property
    def name(self) -> str:
        return (self.record.nom if self.record and self.record.nom else None) or self.epci.nom

    @property
    def contact(self) -> Contact:
        return self.record.contact if self.record else Contact()

    @property
    def category_name(self) -> str | None:
        return self.law.nom_categorie if self.law else None

    @property
    def competences(self) -> list[HeldCompetence]:
        """The law-given competences of its category first, then those its own record cites."""
        given = legal_competences(self.law) if self.law else []
        own = [_own(k) for k in self.record.competences] if self.record else []
        return given + own

    def competences_for(self, domain_id: str) -> list[HeldCompetence]:
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


@once_per_dataset
def views(dataset: Dataset) -> dict[str, InterView]:
    """EPCI code -> its view, computed once per dataset."""
    members: dict[str, list[Commune]] = {}
    for commune in sorted(dataset.communes, key=lambda c: sort_key(c.nom)):
        members.setdefault(commune.epci or "", []).append(commune)
    laws: dict[str, LegalCompetences] = {}
    for block in dataset.legal_competences:
        laws.setdefault(block.categorie, block)  # a duplicate category is reported by the checks
    return {
        e.code: InterView(
            e,
            dataset.intercommunality_by_code.get(e.code),
            intercommunality_uri(e),
            members.get(e.code, []),
            laws.get(e.type),
        )
        for e in dataset.epcis
    }


def of_commune(dataset: Dataset, commune: Commune) -> InterView | None:
    return views(dataset).get(commune.epci or "")


def holders(dataset: Dataset, commune: Commune, domain_id: str) -> list[tuple[InterView, HeldCompetence]]:
    """The commune's intercommunality and each sourced competence it holds for this domain."""
    view = of_commune(dataset, commune)
    if view is None:
        return []
    return [(view, c) for c in view.competences_for(domain_id)]
