"""The typed data model: one source of truth for loading, checks, pages, exports and JSON Schemas.

Keys are in French (agents read and write them); identifiers in code are in English.
Structural rules (types, required keys, unknown keys, enums, id shapes) live here;
rules that look across records (references, freshness, formats) live in `checks.py`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

from .text import fold

# ---------------------------------------------------------------------------
# Shared types
# ---------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=2, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
InseeCode = Annotated[str, StringConstraints(pattern=r"^[0-9][0-9AB][0-9]{3}$")]
Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]  # https-only is a check


# Fields that may hold several paragraphs. Every other text field holds one line: no line break,
# no markup (checks: caractere-interdit, balisage).
MULTILINE_FIELDS = frozenset({"description", "texte", "preambule", "resume", "definition"})

# Ids that would take the place of a section page (`partenaires/index.md`…).
RESERVED_IDS = frozenset({"index"})
# Page names of communes/ that are not a commune's: its index and the folder of its A–Z pages.
RESERVED_COMMUNE_SLUGS = RESERVED_IDS | {"a-z"}

# A spreadsheet reads a cell starting with one of these as a formula (CSV exports neutralise them).
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Record(BaseModel):
    """Base for every object read from YAML: unknown keys are errors (typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    # Where the record was read: (file, path in that file). Set by the loader, used by checks and edit links.
    _origin: tuple[str, tuple] | None = PrivateAttr(default=None)


class Labeled(StrEnum):
    """An enum whose members carry a French label for pages."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Phase(Labeled):
    CONCEPTION = ("conception", "Conception")
    REALISATION = ("realisation", "Réalisation")
    EVALUATION = ("evaluation", "Évaluation")


class Category(Labeled):
    DEPARTEMENT = ("departement", "Département")
    ETAT = ("etat", "Services de l'État")
    REGION = ("region", "Région")
    ETABLISSEMENT_PUBLIC = ("etablissement-public", "Établissement public")
    SYNDICAT_MIXTE = ("syndicat-mixte", "Syndicat mixte")
    SYNDICAT = ("syndicat", "Syndicat")
    SPL = ("spl", "Société publique locale")
    ASSOCIATION = ("association", "Association")
    GROUPEMENT = ("groupement", "Groupement d'intérêt public")
    SECURITE_SOCIALE = ("securite-sociale", "Organisme de la Sécurité sociale")
    ENTREPRISE_PUBLIQUE = ("entreprise-publique", "Entreprise publique")


class Nature(Labeled):
    CONSEIL = ("conseil", "Conseil")
    ASSISTANCE_MAITRISE_OUVRAGE = ("assistance-maitrise-ouvrage", "Assistance à maîtrise d'ouvrage")
    MAITRISE_OEUVRE = ("maitrise-oeuvre", "Maîtrise d'œuvre")
    MAITRISE_OUVRAGE_DELEGUEE = ("maitrise-ouvrage-deleguee", "Maîtrise d'ouvrage déléguée")
    ETUDE = ("etude", "Étude")
    FINANCEMENT = ("financement", "Financement")
    PRET = ("pret", "Prêt")
    FORMATION = ("formation", "Formation")
    MISE_A_DISPOSITION = ("mise-a-disposition", "Mise à disposition de personnel")
    INFORMATION = ("information", "Information")
    INSTRUCTION = ("instruction", "Instruction administrative")

    @property
    def funds(self) -> bool:
        """Money for the project: a grant (`financement`) or a loan (`pret`), which must be repaid."""
        return self in (Nature.FINANCEMENT, Nature.PRET)


class Cost(Labeled):
    GRATUIT = ("gratuit", "Gratuit")
    ADHESION = ("adhesion", "Compris dans l'adhésion")
    PAYANT = ("payant", "Payant")
    SUR_DEVIS = ("sur-devis", "Sur devis")


class Beneficiary(Labeled):
    COMMUNE = ("commune", "Communes")
    EPCI = ("epci", "Intercommunalités (EPCI)")
    SYNDICAT = ("syndicat", "Syndicats")
    ETABLISSEMENT_PUBLIC = ("etablissement-public", "Établissements publics")
    ASSOCIATION = ("association", "Associations")


# ---------------------------------------------------------------------------
# Partners and offers  (data/partners.yml)
# ---------------------------------------------------------------------------


class ContactField(Labeled):
    ADRESSE = ("adresse", "adresse")
    TELEPHONE = ("telephone", "téléphone")
    COURRIEL = ("courriel", "courriel")
    SITE_WEB = ("site_web", "site web")
    FORMULAIRE = ("formulaire", "formulaire")


class Provenance(Record):
    """Where some contact values were read: one source, its name and the year of the page."""

    champs: Annotated[list[ContactField], Field(min_length=1)]
    source: Url
    nom_source: Text | None = None  # e.g. "annuaire de l'administration (service-public.fr)"
    annee: Annotated[int, Field(ge=1900, le=2100)] | None = None  # year of the page or export read


class Contact(Record):
    adresse: Text | None = None
    telephone: Text | None = None
    courriel: Text | None = None
    site_web: Url | None = None
    formulaire: Url | None = None
    # What a reader must know about these values, e.g. "standard du Département" for Ingé 43.
    precision: Text | None = None
    provenance: list[Provenance] = []

    def present_fields(self) -> list[ContactField]:
        return [f for f in ContactField if getattr(self, f.value)]

    def provenance_of(self, field: str) -> Provenance | None:
        """The provenance entry that names `field` (the first one; the validator wants exactly one)."""
        return next((p for p in self.provenance if any(f.value == field for f in p.champs)), None)

    def provenance_groups(self) -> list[tuple[Provenance, list[ContactField]]]:
        """Each provenance entry with the present fields it covers, for « relevé en … sur … »."""
        out = []
        for entry in self.provenance:
            fields = [f for f in entry.champs if getattr(self, f.value)]
            if fields:
                out.append((entry, fields))
        return out


CONTACT_FIELDS: dict[str, str] = {
    "adresse": "adresse",
    "telephone": "téléphone",
    "courriel": "courriel",
    "site_web": "site web",
}
"""Contact fields whose absence is reported (the form is optional)."""


class Territory(Record):
    """Where a partner or an offer acts: the whole département, or listed areas."""

    departement: bool = False
    arrondissements: list[Text] = []
    epci: list[Text] = []
    communes: list[InseeCode] = []
    pnr: list[Slug] = []
    precision: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # `territoire: departement` is the common case; keep it short for agents.
        if value == "departement":
            return {"departement": True}
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Territory:
        if not (self.departement or self.arrondissements or self.epci or self.communes or self.pnr):
            raise ValueError("territoire vide")
        return self


class Eligibility(Record):
    beneficiaires: list[Beneficiary] = []
    population_min: Annotated[int, Field(gt=0)] | None = None
    population_max: Annotated[int, Field(gt=0)] | None = None
    territoire: Territory | None = None
    precision: Text | None = None


class Amount(Record):
    """What a funding offer pays (rate, amount or ceiling), as its source states it, with the year.

    `non_publie: true` when the source gives no figure: `texte` then says so and whom to ask
    (no year needed). Otherwise `source` and `annee` are required (check: montant-financement).
    """

    texte: Text  # e.g. « taux de 20 à 35 % de la dépense subventionnable selon la catégorie »
    non_publie: bool = False
    source: Url | None = None
    annee: Annotated[int, Field(ge=1900, le=2100)] | None = None  # year of the source read


class Offer(Record):
    id: Slug
    titre: Text
    description: Text | None = None
    domaines: Annotated[list[Slug], Field(min_length=1)]
    phases: Annotated[list[Phase], Field(min_length=1)]
    nature: Nature
    cout: Cost | None = None
    cout_precision: Text | None = None
    montant: Amount | None = None  # funding offers: what it pays (or that no figure is published)
    eligibilite: Eligibility | None = None
    a_preparer: list[Text] = []
    delai: Text | None = None
    # The project types (ids from `projets_types` of its domains) the offer serves, read from its own
    # text and source; empty: the offer serves its domains as a whole.
    projets_types: list[Slug] = []
    # One plain sentence: what the body does for the project (else the description's first sentence).
    resume: Text | None = None
    sources: list[Url] = []


class Partner(Record):
    id: Slug
    nom: Text
    sigle: Text | None = None
    categorie: Category
    signataire_charte: bool
    guichet_unique: bool = False
    description: Text
    missions: list[Text] = []
    territoire: Territory
    contact: Contact = Field(default_factory=Contact)
    offres: list[Offer] = []
    sources: Annotated[list[Url], Field(min_length=1)]
    verifie_le: dt.date

    @property
    def display_name(self) -> str:
        return self.sigle or self.nom


class PartnersFile(Record):
    partenaires: list[Partner]


# ---------------------------------------------------------------------------
# Intercommunalities  (data/intercommunalites.yml, curated; keyed by the EPCI code of communes.yml)
# ---------------------------------------------------------------------------


class Competence(Record):
    """A competence an intercommunality holds, as a source states it (never guessed).

    `domaines` lists the project domains it covers: for those, the commune pages and the finder
    say first that the intercommunality carries such projects. Leave it empty when the
    competence matches no domain closely (it is then only shown on the intercommunality's page).
    """

    intitule: Text
    domaines: list[Slug] = []
    # When the commune (or a syndicate) may hold it instead: one plain sentence saying who to ask.
    partage: Text | None = None
    # With `partage`: the project types (of `domaines`) that sentence gives to the intercommunality
    # (« demandez à l'intercommunalité pour … une aire de covoiturage »): for those, it comes first.
    projets_types: list[Slug] = []
    source: Url
    nom_source: Text | None = None
    annee: Annotated[int, Field(ge=1900, le=2100)] | None = None


class LegalCompetence(Record):
    """One competence of a law-given list; `source`, `nom_source`, `annee` override the article's."""

    intitule: Text
    domaines: list[Slug] = []
    partage: Text | None = None
    projets_types: list[Slug] = []  # as in Competence
    source: Url | None = None
    nom_source: Text | None = None
    annee: Annotated[int, Field(ge=1900, le=2100)] | None = None


class LegalCompetences(Record):
    """What the law gives every intercommunality of one category (stated once, derived for each).

    `categorie` is the EPCI type of data/communes.yml (`CC`, `CA`); `annee` is the year of the
    rule's wording that the source shows.
    """

    categorie: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,5}$")]
    nom_categorie: Text
    article: Text
    annee: Annotated[int, Field(ge=1900, le=2100)]
    source: Url
    nom_source: Text
    competences: Annotated[list[LegalCompetence], Field(min_length=1)]


class Intercommunality(Record):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$")]  # SIREN, as in data/communes.yml
    nom: Text | None = None  # full name; else the short name of data/communes.yml
    siege: InseeCode | None = None
    description: Text | None = None
    contact: Contact = Field(default_factory=Contact)
    competences: list[Competence] = []
    sources: Annotated[list[Url], Field(min_length=1)]
    verifie_le: dt.date


class IntercommunalitiesFile(Record):
    competences_legales: list[LegalCompetences] = []
    intercommunalites: list[Intercommunality]


# ---------------------------------------------------------------------------
# Domains  (data/domains.yml)
# ---------------------------------------------------------------------------


class ProjectType(Record):
    """A project élus run in a domain (« Moderniser l'éclairage public »): the unit answers reason on."""

    id: Slug
    nom: Text
    # How élus say it (« lampadaires »): the finder reads their words to this project type.
    mots: list[Text] = []

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # A bare sentence is accepted: its id is made from its first significant words.
        if isinstance(value, str) and value.strip():
            return {"id": project_type_id(value), "nom": value}
        return value


_ID_STOP_WORDS = frozenset("le la les l d de du des un une et ou a en pour sur au aux par dans".split())


def project_type_id(text: str) -> str:
    """`Moderniser l'éclairage public` -> `moderniser-eclairage-public` (four significant words at most)."""
    words = [w for w in fold(text.replace("(", " ").replace(")", " ")).split() if w not in _ID_STOP_WORDS]
    return "-".join(words[:4])[:60].strip("-") or "projet"


class Domain(Record):
    id: Slug
    nom: Text
    description: Text
    projets_types: list[ProjectType] = []
    mots_cles: list[Text] = []
    # Phases for which no public offer is known, each with one sentence: why, and what the
    # commune can do. The site shows it and sends the élu to Ingé 43.
    sans_offre_connue: dict[Phase, Text] = {}


class DomainsFile(Record):
    domaines: list[Domain]


# ---------------------------------------------------------------------------
# Territories  (data/communes.yml, generated; data/territories.yml, curated)
# ---------------------------------------------------------------------------


class Arrondissement(Record):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
    nom: Text
    chef_lieu: InseeCode | None = None


class Epci(Record):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$")]
    nom: Text
    type: Text


class Commune(Record):
    code: InseeCode
    nom: Text
    codes_postaux: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]] = []
    population: Annotated[int, Field(ge=0)] | None = None
    arrondissement: str | None = None
    epci: str | None = None


class ImportSource(Record):
    paquet: Text
    version: Text
    url: Url
    licence: Text


class CommunesFile(Record):
    source: ImportSource
    arrondissements: list[Arrondissement]
    epci: list[Epci]
    communes: list[Commune]


class Park(Record):
    """A regional natural park (PNR) and the Haute-Loire communes a source names as members."""

    id: Slug
    nom: Text
    partenaire: Slug | None = None
    communes: list[InseeCode] = []
    communes_a_confirmer: list[InseeCode] = []
    precision: Text | None = None
    sources: Annotated[list[Url], Field(min_length=1)]


class TerritoriesFile(Record):
    pnr: list[Park] = []


# ---------------------------------------------------------------------------
# Charter  (data/charter.yml)
# ---------------------------------------------------------------------------


class Principle(Record):
    titre: Text
    texte: Text


class Commitment(Record):
    partenaire: Slug
    engagements: Annotated[list[Text], Field(min_length=1)]


class Charter(Record):
    titre: Text
    statut: Text  # e.g. "Présentation rédigée par Ingé 43 ; ce n'est pas le texte signé."
    date_signature: dt.date | None = None
    preambule: Text
    principes: list[Principle] = []
    engagements: list[Commitment] = []
    signataires: Annotated[list[Slug], Field(min_length=1)]
    sources: Annotated[list[Url], Field(min_length=1)]


# ---------------------------------------------------------------------------
# Guides  (data/guides/<id>.yml)
# ---------------------------------------------------------------------------


class Participant(Record):
    partenaire: Slug
    offre: Slug | None = None


class Step(Record):
    phase: Phase
    titre: Text
    description: Text
    intervenants: list[Participant] = []
    duree: Text | None = None
    sources: list[Url] = []


class Guide(Record):
    id: Slug
    titre: Text
    resume: Text
    domaines: list[Slug] = []
    etapes: Annotated[list[Step], Field(min_length=1)]
    documents: list[Text] = []
    pieges: list[Text] = []
    checklist: list[Text] = []
    sources: list[Url] = []
    verifie_le: dt.date


# ---------------------------------------------------------------------------
# Glossary  (data/glossary.yml)
# ---------------------------------------------------------------------------


class Term(Record):
    sigle: Text
    forme_longue: Text | None = None  # what the acronym stands for, e.g. "Assistance à maîtrise d'ouvrage"
    definition: Text
    lien: Url | None = None
    sources: list[Url] = []


class GlossaryFile(Record):
    termes: list[Term]


# ---------------------------------------------------------------------------
# Files: which model reads which file. Schemas and the loader use this table.
# ---------------------------------------------------------------------------

FILE_MODELS: dict[str, type[Record]] = {
    "partners.yml": PartnersFile,
    "domains.yml": DomainsFile,
    "communes.yml": CommunesFile,
    "territories.yml": TerritoriesFile,
    "intercommunalites.yml": IntercommunalitiesFile,
    "charter.yml": Charter,
    "glossary.yml": GlossaryFile,
    "guides/*.yml": Guide,
}
REQUIRED_FILES = ("partners.yml", "domains.yml", "communes.yml")


def schema_name(pattern: str) -> str:
    """File name of the JSON Schema for a data file pattern: `guides/*.yml` -> `guide.schema.json`."""
    stem = "guide" if pattern.startswith("guides/") else pattern.removesuffix(".yml")
    return f"{stem}.schema.json"
