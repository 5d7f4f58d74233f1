"""Where each contact value comes from, said plainly for readers (pages, PDFs, finder, open data).

« Coordonnées relevées en 2019 sur l'annuaire de l'administration (service-public.fr) : à confirmer. »
A value read on a page older than `OLD_CONTACT_YEARS` (or on an undated page) is « à confirmer ».
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..read.model import Contact, ContactField

OLD_CONTACT_YEARS = 3


def reference_year() -> int:
    """The build's year: SOURCE_DATE_EPOCH when set (reproducible builds), else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).year
    return dt.date.today().year


@dataclass(frozen=True)
class ProvenanceLine:
    subject: str  # « Coordonnées », « Téléphone », « Adresse et site web »
    verb: str  # « relevées », « relevé », « relevée », « relevés »
    year: int | None
    source_name: str
    url: str
    to_confirm: bool

    @property
    def lead(self) -> str:
        """The sentence up to the source's name: « Coordonnées relevées en 2019 sur »."""
        when = f" en {self.year}" if self.year else ""
        return f"{self.subject} {self.verb}{when} sur"

    @property
    def tail(self) -> str:
        return " : à confirmer." if self.to_confirm else "."

    @property
    def sentence(self) -> str:
        """Plain text, for CSV, vCard and the finder: the source's address in parentheses."""
        return f"{self.lead} {self.source_name} ({self.url}){self.tail}"


def _subject(fields: list[ContactField], all_present: bool) -> tuple[str, str]:
    if all_present and len(fields) > 1:
        return "Coordonnées", "relevées"
    labels = [f.label for f in fields]
    text = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " et " + labels[-1]
    text = text[0].upper() + text[1:]
    if len(fields) > 1:
        return text, "relevés"
    return text, "relevée" if fields[0] is ContactField.ADRESSE else "relevé"


def provenance_lines(contact: Contact, year: int | None = None) -> list[ProvenanceLine]:
    year = year or reference_year()
    present = contact.present_fields()
    out = []
    for entry, fields in contact.provenance_groups():
        subject, verb = _subject(fields, set(fields) == set(present))
        name = entry.nom_source or urlsplit(entry.source).netloc or entry.source
        old = entry.annee is None or year - entry.annee > OLD_CONTACT_YEARS
        out.append(ProvenanceLine(subject, verb, entry.annee, name, entry.source, old))
    return out


def provenance_text(contact: Contact, year: int | None = None) -> str:
    """All lines as one plain-text paragraph (empty when the contact has no provenance)."""
    return " ".join(line.sentence for line in provenance_lines(contact, year))
