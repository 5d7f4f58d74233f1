"""Where a record's page sends an agent to edit it and an élu to report an error (settings, not data)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ..read.dataset import Dataset
from ..read.model import Record
from .urls import REPORT_PAGE, page_url, relative_url


@dataclass(frozen=True)
class Repository:
    """Where agents edit the data: the `depot` setting of the inge43 plugin in mkdocs.yml."""

    url: str  # e.g. https://github.com/organisation/depot
    branch: str = "main"
    data_dir: str = "data"  # the data folder's path inside the repository

    def edit_url(self, source: tuple[str, int]) -> str:
        name, line = source
        return f"{self.url.rstrip('/')}/edit/{self.branch}/{self.data_dir}/{name}#L{line}"

    def issue_form_url(self) -> str:
        """The repository's « Signaler une erreur » issue form (.github/ISSUE_TEMPLATE/erreur-fiche.md)."""
        return f"{self.url.rstrip('/')}/issues/new?" + urlencode(
            {"template": "erreur-fiche.md", "labels": "erreur-fiche"}
        )


def report_url(setting: str | None, title: str, page: str, record: str | None = None) -> str | None:
    """Where an élu reports an error when the `signalement` setting is set: a form's address as it is,
    or an e-mail as a `mailto:` link whose subject and body name the page and the record.

    None when the setting is empty: pages then link to the report page (REPORT_PAGE), which needs
    no account (phone, letter, and the repository's form for those who have one)."""
    setting = (setting or "").strip()
    if not setting:
        return None
    if setting.startswith(("https://", "http://")):
        return setting
    what = f"Fiche : {record}\n" if record and record != title else ""
    query = urlencode(
        {
            "subject": f"Erreur sur le site Ingé 43 : {title}",
            "body": f"Page : {page}\n{what}\nCe qui est faux :\n\nLa bonne information :\n\nSource (si vous en avez une) :\n",
        },
        quote_via=quote,
    )
    return f"mailto:{setting}?{query}"


@dataclass(frozen=True)
class RecordLinks:
    """The settings behind « Modifier cette fiche » and « Signaler une erreur »."""

    repository: Repository | None = None
    signalement: str | None = None  # the team's e-mail or form for error reports

    def report_link(self, uri: str, title: str, record: str | None = None) -> str:
        """« Signaler une erreur » from page `uri` about `record` (an offer, a term…; default: the page):
        the `signalement` setting, else the report page, which works without an account."""
        return report_url(self.signalement, title, page_url(uri), record) or relative_url(uri, REPORT_PAGE)

    def for_record(
        self, dataset: Dataset, record: Record | None, title: str, uri: str, *, editable: bool = True
    ) -> dict:
        """The edit (agents, with the repository) and report (anyone) addresses of a record's page;
        generated files (communes) are not edited by hand: they only get « Signaler une erreur »."""
        source = dataset.source_of(record) if record else None
        return {
            "edit": self.repository.edit_url(source) if self.repository and source and editable else None,
            "issue": self.report_link(uri, title),
        }
