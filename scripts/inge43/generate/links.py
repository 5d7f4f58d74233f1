"""Where a record's page sends an agent to edit it and an élu to report an error (settings, not data)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from ..read.dataset import Dataset
from ..read.model import Record
from .urls import page_url


@dataclass(frozen=True)
class Repository:
    """Where agents edit the data: the `depot` setting of the inge43 plugin in mkdocs.yml."""

    url: str  # e.g. https://github.com/organisation/depot
    branch: str = "main"
    data_dir: str = "data"  # the data folder's path inside the repository

    def edit_url(self, source: tuple[str, int]) -> str:
        name, line = source
        return f"{self.url.rstrip('/')}/edit/{self.branch}/{self.data_dir}/{name}#L{line}"

    def issue_url(self, title: str, page: str, source: tuple[str, int] | None) -> str:
        where = f"Fichier : {self.data_dir}/{source[0]}, ligne {source[1]}\n" if source else ""
        body = (
            f"Page : {page}\n{where}\nCe qui est faux :\n\nLa bonne information :\n\n"
            "Source (adresse de la page où elle se trouve) :\n"
        )
        query = urlencode({"title": f"Erreur sur la fiche : {title}", "body": body, "labels": "erreur-fiche"})
        return f"{self.url.rstrip('/')}/issues/new?{query}"


def report_url(
    setting: str | None, repository: Repository | None, title: str, page: str, source: tuple[str, int] | None = None
) -> str | None:
    """Where an élu reports an error: the `signalement` setting (an e-mail or a form's address) when set,
    else the repository's issue form when `depot` is set, else nowhere (None)."""
    setting = (setting or "").strip()
    if setting:
        if setting.startswith(("https://", "http://")):
            return setting
        subject = urlencode(
            {
                "subject": f"Erreur sur le site Ingé 43 : {title}",
                "body": f"Page : {page}\n\nCe qui est faux :\n\nLa bonne information :\n",
            }
        )
        return f"mailto:{setting}?" + subject.replace("+", "%20")
    if repository:
        return repository.issue_url(title, page, source)
    return None


@dataclass(frozen=True)
class RecordLinks:
    """The settings behind « Modifier cette fiche » and « Signaler une erreur »."""

    repository: Repository | None = None
    signalement: str | None = None  # the team's e-mail or form for error reports

    def for_record(
        self, dataset: Dataset, record: Record, title: str, uri: str, *, editable: bool = True
    ) -> dict | None:
        """The edit and report addresses of a record's page; generated files (communes) are not
        edited by hand: they only get « Signaler une erreur »."""
        source = dataset.source_of(record)
        issue = report_url(self.signalement, self.repository, title, page_url(uri), source)
        if not issue:
            return None
        return {
            "edit": self.repository.edit_url(source) if self.repository and source and editable else None,
            "issue": issue,
        }
