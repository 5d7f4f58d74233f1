"""Load the whole `data/` folder into one typed Dataset that every other part reads."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .contours import CONTOURS_FILE, Contours, load_contours
from .yaml_reader import YamlDocument, read_yaml
from .problems import Collector, Problem, Severity
from .model import (
    FILE_MODELS,
    REQUIRED_FILES,
    Arrondissement,
    Charter,
    Commune,
    CommunesFile,
    Domain,
    DomainsFile,
    Epci,
    GlossaryFile,
    Guide,
    ImportSource,
    Park,
    Partner,
    PartnersFile,
    Term,
    TerritoriesFile,
)
from .validate import read_model


@dataclass
class Dataset:
    data_dir: Path
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    partners: list[Partner] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    arrondissements: list[Arrondissement] = field(default_factory=list)
    epcis: list[Epci] = field(default_factory=list)
    communes: list[Commune] = field(default_factory=list)
    communes_source: ImportSource | None = None
    parks: list[Park] = field(default_factory=list)
    charter: Charter | None = None
    guides: list[Guide] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    contours: Contours | None = None  # outlines for the maps (data/contours.json), None when absent
    rejected_ids: set[str] = field(default_factory=set)  # ids of records dropped for structural errors
    unreadable: set[str] = field(default_factory=set)  # files that could not be read at all, e.g. "communes.yml"

    # Indexes by id. Duplicates are reported by checks; the first record wins here.
    @cached_property
    def partner_by_id(self) -> dict[str, Partner]:
        return _index(self.partners, "id")

    @cached_property
    def domain_by_id(self) -> dict[str, Domain]:
        return _index(self.domains, "id")

    @cached_property
    def commune_by_code(self) -> dict[str, Commune]:
        return _index(self.communes, "code")

    @cached_property
    def epci_by_code(self) -> dict[str, Epci]:
        return _index(self.epcis, "code")

    @cached_property
    def arrondissement_by_code(self) -> dict[str, Arrondissement]:
        return _index(self.arrondissements, "code")

    @cached_property
    def park_by_id(self) -> dict[str, Park]:
        return _index(self.parks, "id")

    @cached_property
    def guide_by_id(self) -> dict[str, Guide]:
        return _index(self.guides, "id")


    def source_of(self, record) -> tuple[str, int] | None:
        """(path inside the data folder, line) where a record starts, for "Modifier cette fiche"."""
        if not record._origin:
            return None
        label, path = record._origin
        doc = self.documents.get(label)
        return (doc.name, doc.position(path)[0]) if doc else None


def _index(records: list, key: str) -> dict:
    out: dict = {}
    for record in records:
        out.setdefault(getattr(record, key), record)
    return out


def _label(path: Path) -> str:
    """Path shown in messages: relative to the current folder when possible."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def load_dataset(data_dir: Path, collector: Collector) -> Dataset:
    """Read every data file; structural problems go to `collector`."""
    data_dir = Path(data_dir)
    dataset = Dataset(data_dir)
    for name in REQUIRED_FILES:
        if not (data_dir / name).is_file():
            dataset.unreadable.add(name)
            collector.add(
                Problem(
                    Severity.ERROR,
                    "fichier-manquant",
                    _label(data_dir / name),
                    1,
                    1,
                    "",
                    f"Le fichier obligatoire {name} est introuvable.",
                    expected=f"un fichier {_label(data_dir / name)}",
                    tip="Restaurez-le depuis le dépôt (il a peut-être été renommé ou supprimé).",
                )
            )

    for pattern, model in FILE_MODELS.items():
        for path in sorted(data_dir.glob(pattern)):
            doc = read_yaml(path, _label(path), collector)
            if doc is None:
                dataset.unreadable.add(path.relative_to(data_dir).as_posix())
                continue
            doc.name = path.relative_to(data_dir).as_posix()
            dataset.documents[doc.file] = doc
            record = read_model(doc, model, collector, dataset.rejected_ids)
            if record is None:
                dataset.unreadable.add(doc.name)
                continue
            if isinstance(record, PartnersFile):
                dataset.partners = list(record.partenaires)
            elif isinstance(record, DomainsFile):
                dataset.domains = list(record.domaines)
            elif isinstance(record, CommunesFile):
                dataset.communes_source = record.source
                dataset.arrondissements = list(record.arrondissements)
                dataset.epcis = list(record.epci)
                dataset.communes = list(record.communes)
            elif isinstance(record, TerritoriesFile):
                dataset.parks = list(record.pnr)
            elif isinstance(record, Charter):
                dataset.charter = record
            elif isinstance(record, GlossaryFile):
                dataset.terms = list(record.termes)
            elif isinstance(record, Guide):
                dataset.guides.append(record)
    _load_contours(dataset, collector)
    return dataset


def _load_contours(dataset: Dataset, collector: Collector) -> None:
    """The outlines of the communes, for the maps; the file is optional (no file: no map)."""
    try:
        dataset.contours = load_contours(dataset.data_dir)
    except (ValueError, OSError) as exc:
        dataset.unreadable.add(CONTOURS_FILE)
        path = dataset.data_dir / CONTOURS_FILE
        collector.add(
            Problem(
                Severity.ERROR,
                "contours-illisibles",
                _label(path),
                1,
                1,
                "",
                f"Le fichier des contours des communes est illisible ({exc}).",
                expected="le fichier produit par « make contours »",
                tip="Ne modifiez pas ce fichier à la main : régénérez-le avec « make contours ».",
            )
        )
