"""Load the whole `data/` folder into one typed Dataset that every other part reads."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from .contours import CONTOURS_FILE, Contours, ContoursError, contours_byte_limit, load_contours
from .model import (
    FILE_MODELS,
    REQUIRED_FILES,
    Arrondissement,
    Charter,
    Commune,
    CommunesFile,
    Contact,
    Domain,
    DomainsFile,
    Epci,
    GlossaryFile,
    Guide,
    ImportSource,
    IntercommunalitiesFile,
    Intercommunality,
    LegalCompetences,
    Park,
    Partner,
    PartnersFile,
    Record,
    Term,
    TerritoriesFile,
)
from .problems import Collector, Problem, Severity
from .validate import read_model
from .yaml_reader import YamlDocument, read_bounded, read_yaml


@dataclass
class Dataset:
    data_dir: Path
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    partners: list[Partner] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    arrondissements: list[Arrondissement] = field(default_factory=list)
    epcis: list[Epci] = field(default_factory=list)
    intercommunalities: list[Intercommunality] = field(default_factory=list)  # data/intercommunalites.yml
    legal_competences: list[LegalCompetences] = field(default_factory=list)  # by EPCI category, same file
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
    def intercommunality_by_code(self) -> dict[str, Intercommunality]:
        return _index(self.intercommunalities, "code")

    @cached_property
    def arrondissement_by_code(self) -> dict[str, Arrondissement]:
        return _index(self.arrondissements, "code")

    @cached_property
    def park_by_id(self) -> dict[str, Park]:
        return _index(self.parks, "id")

    @cached_property
    def guide_by_id(self) -> dict[str, Guide]:
        return _index(self.guides, "id")

    # The communes of each intercommunality and of each arrondissement, in the data's order.
    @cached_property
    def communes_by_epci(self) -> dict[str, list[Commune]]:
        return _group(self.communes, "epci")

    @cached_property
    def communes_by_arrondissement(self) -> dict[str, list[Commune]]:
        return _group(self.communes, "arrondissement")

    def contacts(self) -> Iterator[tuple[Record, Contact]]:
        """Every contact block: partners' and intercommunalities' (the record that owns it, its contact)."""
        for partner in self.partners:
            yield partner, partner.contact
        for interco in self.intercommunalities:
            yield interco, interco.contact

    def source_of(self, record: Record) -> tuple[str, int] | None:
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


def _group(records: list, key: str) -> dict:
    out: dict = {}
    for r in records:
        if getattr(r, key):
            out.setdefault(getattr(r, key), []).append(r)
    return out


_T = TypeVar("_T")


def once_per_dataset(compute: Callable[[Dataset], _T]) -> Callable[[Dataset], _T]:
    """`compute(dataset)` computed once for the latest dataset: a build reads one, the tests read
    several in turn (only the last result is kept)."""
    last: list[tuple[Dataset, _T]] = []

    @functools.wraps(compute)
    def cached(dataset: Dataset) -> _T:
        if not (last and last[0][0] is dataset):
            last[:] = [(dataset, compute(dataset))]
        return last[0][1]

    return cached


def _label(path: Path) -> str:
    """Path shown in messages: relative to the current folder when possible."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _matching(data_dir: Path, pattern: str, collector: Collector) -> list[Path]:
    """Files of `data_dir` matching `guides/*.yml` or `partners.yml`, links included (refused later).

    A folder that can't be listed (such as an unreadable data/guides/) is an error, never a silent skip.
    """
    folder_name, _, name_pattern = pattern.rpartition("/")
    folder = data_dir / folder_name if folder_name else data_dir
    if not os.path.lexists(folder):
        return []
    if folder_name and (folder.is_symlink() or not folder.is_dir()):
        collector.add(
            Problem(
                Severity.ERROR,
                "fichier-illisible",
                _label(folder),
                1,
                1,
                "",
                f"{_label(folder)} doit être un vrai dossier (pas un lien ni un fichier).",
                expected="un dossier",
                tip="Remplacez le lien par un dossier contenant les fichiers.",
            )
        )
        return []
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        collector.add(
            Problem(
                Severity.ERROR,
                "fichier-illisible",
                _label(folder),
                1,
                1,
                "",
                f"Le dossier {_label(folder)} n'a pas pu être lu : ses fichiers seraient ignorés.",
                expected="un dossier lisible",
                tip="Vérifiez les droits du dossier (chmod a+rx).",
            )
        )
        return []
    import fnmatch

    return [folder / name for name in names if fnmatch.fnmatchcase(name, name_pattern)]


def load_dataset(data_dir: Path, collector: Collector) -> Dataset:
    """Read every data file; structural problems go to `collector`."""
    data_dir = Path(data_dir)
    dataset = Dataset(data_dir)
    for name in REQUIRED_FILES:
        if not os.path.lexists(data_dir / name):
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
        for path in _matching(data_dir, pattern, collector):
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
            elif isinstance(record, IntercommunalitiesFile):
                dataset.intercommunalities = list(record.intercommunalites)
                dataset.legal_competences = list(record.competences_legales)
            elif isinstance(record, TerritoriesFile):
                dataset.parks = list(record.pnr)
            elif isinstance(record, Charter):
                dataset.charter = record
            elif isinstance(record, GlossaryFile):
                dataset.terms = list(record.termes)
            elif isinstance(record, Guide):
                dataset.guides.append(record)
    _load_contours(dataset, collector)
    _refuse_links(data_dir, collector)
    return dataset


MAX_DATA_ENTRIES = 10_000  # files and folders looked at under data/ (today: about 20)


def _refuse_links(data_dir: Path, collector: Collector) -> None:
    """Any symbolic link or special file (pipe, device, socket) anywhere under data/ is an error.

    The reader refuses those it would read; this walk finds the others (a link to `.` in a
    sub-folder made `mkdocs serve`'s watcher walk an endless tree). Links are never followed,
    and the walk is bounded.
    """
    reported = {p.file for p in collector.problems}
    pending, seen = [data_dir], 0
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue  # an unreadable folder the reader needs has its own error
        for entry in entries:
            seen += 1
            if seen > MAX_DATA_ENTRIES:
                collector.add(
                    Problem(
                        Severity.ERROR,
                        "fichier-illisible",
                        _label(data_dir),
                        1,
                        1,
                        "",
                        f"Le dossier {_label(data_dir)} contient plus de {MAX_DATA_ENTRIES} fichiers et dossiers.",
                        expected="les fichiers de données du projet (une vingtaine)",
                        tip="Retirez de data/ ce qui n'est pas une donnée du site.",
                    )
                )
                return
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
                continue
            if entry.is_file(follow_symlinks=False) or _label(path) in reported:
                continue
            what = "un lien symbolique" if entry.is_symlink() else "un fichier spécial (tube, périphérique ou socket)"
            collector.add(
                Problem(
                    Severity.ERROR,
                    "fichier-illisible",
                    _label(path),
                    1,
                    1,
                    "",
                    f"{_label(path)} est {what} : le dossier des données ne contient que de vrais fichiers et dossiers.",
                    expected="un vrai fichier ou dossier",
                    tip="Supprimez le lien et, si son contenu sert, copiez-y le fichier lui-même.",
                )
            )


def _load_contours(dataset: Dataset, collector: Collector) -> None:
    """The outlines of the communes, for the maps; the file is optional (no file: no map)."""
    path = dataset.data_dir / CONTOURS_FILE
    # A link, a folder, a device or a huge file is refused before it is read (read_bounded).
    # Its size bound follows the number of communes (contours_byte_limit).
    limit = contours_byte_limit(len(dataset.communes))
    if os.path.lexists(path) and read_bounded(path, _label(path), collector, limit=limit) is None:
        dataset.unreadable.add(CONTOURS_FILE)
        return
    try:
        dataset.contours = load_contours(dataset.data_dir, len(dataset.communes))
    except (ContoursError, UnicodeDecodeError) as exc:
        dataset.unreadable.add(CONTOURS_FILE)
        path = dataset.data_dir / CONTOURS_FILE
        reason = exc.reason if isinstance(exc, ContoursError) else "il n'est pas en UTF-8"
        line, column = (exc.line, exc.column) if isinstance(exc, ContoursError) else (1, 1)
        collector.add(
            Problem(
                Severity.ERROR,
                "contours-illisibles",
                _label(path),
                line,
                column,
                "",
                f"Le fichier des contours des communes est illisible : {reason}.",
                expected="le fichier produit par « make contours »",
                tip="Ne modifiez pas ce fichier à la main : régénérez-le avec « make contours ».",
            )
        )
