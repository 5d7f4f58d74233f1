"""What the git history says about the data: last change of each record, and a feed of changes.

Pages use `record_dates` for « Dernière modification le … »; the site publishes `render_feed`
(Atom) so town halls can follow corrections. Everything here reads git through `subprocess`
and degrades to empty results (never an exception) when git is missing, the folder is not a
checkout, or the history is shallow (CI clones with depth 1: dates would be wrong, so the
commits at the shallow boundary are not used). This module knows nothing of MkDocs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote as url_quote

from ..read.dataset import Dataset, load_dataset
from ..read.problems import Collector
from ..read.yaml_reader import MAX_FILE_BYTES, YamlDocument, load_within_limits
from .templating import environment

GIT_TIMEOUT = 120  # seconds; a stuck git must not hang the site build
# The feed's whole work is bounded, whatever the history holds: old versions of partners.yml are
# read with the checker's limits (no anchors or aliases, depth, line length, MAX_FILE_BYTES
# each), and at most this many bytes of them are read in one build.
MAX_HISTORY_BYTES = 20_000_000

PARTNERS_FILE = "partners.yml"
DOMAINS_FILE = "domains.yml"

# Stable feed and entry ids (RFC 4151 tag URIs): they do not depend on `site_url`, so moving
# the site does not make feed readers show every entry again.
TAG_PREFIX = "tag:hauteloire.fr,2026:inge43"
FEED_TITLE = "Ingé 43 — modifications des fiches partenaires"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

CONTACT_LABELS: dict[str, str] = {
    "adresse": "Adresse",
    "telephone": "Téléphone",
    "courriel": "Courriel",
    "site_web": "Site web",
    "formulaire": "Formulaire de contact",
}

FIELD_LABELS: dict[str, str] = {
    "id": "identifiant",
    "nom": "nom",
    "sigle": "sigle",
    "categorie": "catégorie",
    "signataire_charte": "signature de la charte",
    "guichet_unique": "guichet unique",
    "description": "description",
    "missions": "missions",
    "territoire": "territoire",
    "contact": "contact",
    "offres": "ordre des offres",
    "sources": "sources",
    "verifie_le": "date de vérification",
}

_TITLES = {
    "partenaire-ajoute": "Nouveau partenaire",
    "partenaire-retire": "Partenaire retiré",
    "offre-ajoutee": "Nouvelle offre",
    "offre-retiree": "Offre retirée",
    "contact-corrige": "Contact corrigé",
    "fiche-modifiee": "Fiche modifiée",
}


# ---------------------------------------------------------------------------
# Running git
# ---------------------------------------------------------------------------


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes | None:
    """Output of `git args` run in `cwd`, or None on any failure (no git, not a checkout, error)."""
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
    try:
        result = subprocess.run(
            ["git", "-c", "log.showSignature=false", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return result.stdout if result.returncode == 0 else None


def _folder(path: Path) -> Path | None:
    path = Path(path)
    if path.is_dir():
        return path
    return path.parent if path.parent.is_dir() else None


@dataclass(frozen=True)
class _RepoInfo:
    root: Path
    prefix: str  # path of the folder inside the repository, "" or ending with "/"
    shallow: frozenset[str]  # commits at the shallow boundary (their parents are missing)


def _repo_info(path: Path) -> _RepoInfo | None:
    folder = _folder(path)
    if folder is None:
        return None
    out = _git(
        ["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--git-path", "shallow"], folder
    )
    if out is None:
        return None
    lines = out.decode("utf-8", "replace").split("\n")
    if len(lines) < 4 or not lines[0]:
        return None
    shallow: frozenset[str] = frozenset()
    if lines[2].strip() == "true":
        with contextlib.suppress(OSError):
            shallow = frozenset((folder / lines[3]).read_text().split())
    return _RepoInfo(Path(lines[0]), lines[1], shallow)


def repo_root(path: Path) -> Path | None:
    """Top folder of the git checkout holding `path`, or None."""
    info = _repo_info(path)
    return info.root if info else None


def head_time(path: Path) -> int | None:
    """Commit time (seconds since the epoch) of HEAD in the checkout holding `path`, or None."""
    folder = _folder(path)
    out = _git(["log", "-1", "--format=%ct"], folder) if folder else None
    try:
        return int(out.decode().strip()) if out else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Last change of each record (git blame)
# ---------------------------------------------------------------------------

_BLAME_HEADER = re.compile(rb"^([0-9a-f]{40,64}) \d+ \d+")


def _blame(file: Path, shallow: frozenset[str]) -> list[tuple[int | None, str]] | None:
    """One `(committer time, text)` per line of the working file; time None for uncommitted lines."""
    out = _git(["blame", "--line-porcelain", "--", file.name], file.parent)
    if out is None:
        return None
    lines: list[tuple[int | None, str]] = []
    sha, time = "", None
    for raw in out.split(b"\n"):
        if raw.startswith(b"\t"):
            usable = sha and sha.strip("0") and sha not in shallow
            lines.append((time if usable else None, raw[1:].decode("utf-8", "replace")))
            continue
        header = _BLAME_HEADER.match(raw)
        if header:
            sha, time = header.group(1).decode(), None
        elif raw.startswith(b"committer-time "):
            try:
                time = int(raw.split()[1])
            except (IndexError, ValueError):
                time = None
    return lines


def _is_filler(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def _record_ranges(doc: YamlDocument, list_key: str, line_count: int) -> dict[int, tuple[int, int]]:
    """Index of each raw record -> (first line, last line), 1-based, before trimming."""
    items = doc.data.get(list_key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return {}
    starts = [doc.values.get((list_key, i), (0, 0))[0] for i in range(len(items))]
    if not starts or min(starts) < 1:
        return {}
    # The list ends at end of file, or before a top-level key written after it.
    end = line_count
    for key, (line, _column) in doc.keys.items():
        if len(key) == 1 and line > starts[-1]:
            end = min(end, line - 1)
    ranges = {}
    for i, start in enumerate(starts):
        last = starts[i + 1] - 1 if i + 1 < len(starts) else end
        ranges[i] = (start, max(start, last))
    return ranges


def record_dates(data_dir: Path, dataset: Dataset) -> dict[tuple[str, str], dt.date]:
    """`("partner"|"domain", id)` -> UTC date of the last commit that changed a line of the record.

    A record runs from its `- id:` line to the line before the next record; blank and comment
    lines at its end are left out (they separate records). Uncommitted lines are ignored; a record
    with no committed line is absent.
    """
    try:
        return _record_dates(Path(data_dir), dataset)
    except Exception:  # noqa: BLE001 - dates are a nicety: a page build must never fail for them
        return {}


def _record_dates(data_dir: Path, dataset: Dataset) -> dict[tuple[str, str], dt.date]:
    info = _repo_info(data_dir)
    if info is None:
        return {}
    dates: dict[tuple[str, str], dt.date] = {}
    for kind, records, list_key, name in (
        ("partner", dataset.partners, "partenaires", PARTNERS_FILE),
        ("domain", dataset.domains, "domaines", DOMAINS_FILE),
    ):
        origins = [r._origin for r in records if r._origin and len(r._origin[1]) == 2 and r._origin[1][0] == list_key]
        if not origins or not (data_dir / name).is_file():
            continue
        doc = dataset.documents.get(origins[0][0])
        if doc is None:
            continue
        blame = _blame(data_dir / name, info.shallow)
        if not blame:
            continue
        ranges = _record_ranges(doc, list_key, len(blame))
        for record in records:
            origin = record._origin
            if not origin or origin[0] != doc.file or len(origin[1]) != 2 or origin[1][1] not in ranges:
                continue
            start, end = ranges[origin[1][1]]
            end = min(end, len(blame))  # the file may have changed since it was loaded
            while end > start and _is_filler(blame[end - 1][1]):
                end -= 1
            times = [time for time, _text in blame[start - 1 : end] if time is not None]
            key = (kind, str(record.id))
            if times and key not in dates:
                dates[key] = dt.datetime.fromtimestamp(max(times), dt.UTC).date()
    return dates


# ---------------------------------------------------------------------------
# Changes to partners, commit by commit (git log + git cat-file)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change to one partner, in one commit."""

    date: dt.datetime  # committer date, UTC
    commit: str  # short hash (12 characters: fixed, so feed ids stay stable as the history grows)
    kind: str  # a key of _TITLES
    partner_id: str
    partner_name: str
    detail: str  # French text: "Téléphone : … → …", the offer title…
    field: str = ""  # contact field or offer id concerned, for the entry id
    # « fiche modifiée »: what changed, as (label, offer id): a field's French label, or an offer
    modified: tuple[tuple[str, str], ...] = ()

    @property
    def title(self) -> str:
        """French entry title: « Contact corrigé : Nom du partenaire »."""
        title = f"{_TITLES.get(self.kind, 'Modification')} : {self.partner_name}"
        if self.kind in ("offre-ajoutee", "offre-retiree") and self.detail:
            title += f" — {self.detail}"
        return title

    @property
    def tag(self) -> str:
        """Stable, unique id of the change (tag URI)."""
        parts = [self.commit, self.partner_id, self.kind] + ([self.field] if self.field else [])
        return TAG_PREFIX + ":" + "/".join(url_quote(p, safe="-._~") for p in parts)

    @property
    def page(self) -> str:
        """Relative URL of the partner page (the partners index when the partner was removed)."""
        if self.kind == "partenaire-retire":
            return "partenaires/"
        return f"partenaires/{url_quote(self.partner_id, safe='-._~')}/"


_UNPARSEABLE = object()


def _parse_partners(
    blob: bytes | None, commit: str = "", warn: Callable[[str], None] | None = None
) -> dict[str, dict] | object:
    """Partners of one version indexed by id (first wins); {} when the file is absent.

    Read with the checker's limits (no anchors or references, nesting depth, line length; the
    size is bounded by the caller): a version that breaks one is skipped, with a French warning
    through `warn`.
    """
    if blob is None:
        return {}
    try:
        data, reason = load_within_limits(blob.decode("utf-8-sig"))
    except UnicodeDecodeError:
        data, reason = None, "il n'est pas en UTF-8"
    if reason:
        if warn:
            warn(
                f"Attention : la version de {PARTNERS_FILE} du commit {commit[:12]} est ignorée par le flux "
                f"des modifications ({reason})."
            )
        return _UNPARSEABLE
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("partenaires", []), list):
        return _UNPARSEABLE
    partners: dict[str, dict] = {}
    for item in data.get("partenaires") or []:
        if isinstance(item, dict) and isinstance(item.get("id"), (str, int)):
            partners.setdefault(str(item["id"]), item)
    return partners


def _blob_sizes(root: Path, names: list[str]) -> list[tuple[str, int] | None]:
    """`(object id, size)` of each `rev:path` that is a blob (None otherwise), through `git cat-file --batch-check`."""
    out = _git(["cat-file", "--batch-check"], root, stdin="".join(n + "\n" for n in names).encode())
    lines = out.decode("utf-8", "replace").split("\n") if out is not None else []
    sizes: list[tuple[str, int] | None] = []
    for index in range(len(names)):
        header = lines[index].split() if index < len(lines) else []
        ok = len(header) == 3 and header[1] == "blob" and header[2].isdigit()
        sizes.append((header[0], int(header[2])) if ok else None)
    return sizes


def _read_blobs(root: Path, names: list[str]) -> list[tuple[str | None, bytes | None]]:
    """`(object id, content)` of each `rev:path`, through one `git cat-file --batch`."""
    out = _git(["cat-file", "--batch"], root, stdin="".join(n + "\n" for n in names).encode())
    if out is None:
        return [(None, None)] * len(names)
    blobs: list[tuple[str | None, bytes | None]] = []
    pos = 0
    for _name in names:
        newline = out.find(b"\n", pos)
        if newline < 0:
            blobs.append((None, None))
            continue
        header = out[pos:newline].split()
        pos = newline + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append((header[0].decode(), out[pos : pos + size]))
            pos += size + 1
        elif len(header) == 3:  # not a blob (a folder…): skip its content
            pos += int(header[2]) + 1
            blobs.append((None, None))
        else:  # "<name> missing": absent at that commit (or no parent)
            blobs.append((None, None))
    return blobs


def _contact_change(old: object, new: object) -> str:
    if old in (None, ""):
        return "ajouté (voir la fiche)"
    if new in (None, ""):
        return "retiré"
    return "modifié (voir la fiche)"


def _text(value: object) -> str:
    if value is None or value == "":
        return "(vide)"
    if isinstance(value, (list, dict)):
        return ", ".join(_text(v) for v in (value.values() if isinstance(value, dict) else value))
    return " ".join(str(value).split())


def _name(partner: dict, partner_id: str) -> str:
    name = partner.get("nom")
    return " ".join(str(name).split()) if name not in (None, "") else partner_id


def _offers(partner: dict) -> dict[str, dict]:
    offers: dict[str, dict] = {}
    items = partner.get("offres")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), (str, int)):
            offers.setdefault(str(item["id"]), item)
    return offers


def _offer_title(offer: dict, offer_id: str) -> str:
    title = offer.get("titre")
    return " ".join(str(title).split()) if title not in (None, "") else offer_id


def _compare(old: dict[str, dict], new: dict[str, dict], date: dt.datetime, commit: str) -> list[Change]:
    """Changes from one version of the partners to the next, in the order of the new file."""
    changes: list[Change] = []

    def add(kind: str, pid: str, name: str, detail: str, field: str = "", modified: tuple = ()) -> None:
        changes.append(Change(date, commit, kind, pid, name, detail, field, modified))

    for pid, partner in new.items():
        name = _name(partner, pid)
        if pid not in old:
            description = partner.get("description")
            add("partenaire-ajoute", pid, name, _text(description) if description else name)
            continue
        before = old[pid]
        old_offers, new_offers = _offers(before), _offers(partner)
        for oid, offer in new_offers.items():
            if oid not in old_offers:
                add("offre-ajoutee", pid, name, _offer_title(offer, oid), oid)
        for oid, offer in old_offers.items():
            if oid not in new_offers:
                add("offre-retiree", pid, name, _offer_title(offer, oid), oid)
        old_contact = contact if isinstance(contact := before.get("contact"), dict) else {}
        new_contact = contact if isinstance(contact := partner.get("contact"), dict) else {}
        for field, label in CONTACT_LABELS.items():
            if old_contact.get(field) != new_contact.get(field):
                # Which field changed, never its old or new value: a phone or an e-mail removed from
                # the data (a personal one, say) must disappear from the site, feed included.
                add(
                    "contact-corrige",
                    pid,
                    name,
                    f"{label} : {_contact_change(old_contact.get(field), new_contact.get(field))}",
                    field,
                )
        # Everything else: one "fiche modifiée" naming what changed.
        modified: list[tuple[str, str]] = []  # (label, offer id)
        for key in dict.fromkeys([*before, *partner]):
            if key == "offres":
                common_old = [o for o in old_offers if o in new_offers]
                common_new = [o for o in new_offers if o in old_offers]
                if common_old != common_new:
                    modified.append((FIELD_LABELS["offres"], ""))
            elif key == "contact":
                rest_old = {k: v for k, v in old_contact.items() if k not in CONTACT_LABELS}
                rest_new = {k: v for k, v in new_contact.items() if k not in CONTACT_LABELS}
                if rest_old != rest_new:
                    modified.append((FIELD_LABELS["contact"], ""))
            elif before.get(key) != partner.get(key):
                # A key of an old version is never shown: it may be anything.
                modified.append((FIELD_LABELS.get(str(key), "autre champ"), ""))
        for oid, offer in new_offers.items():
            if oid in old_offers and old_offers[oid] != offer:
                modified.append(("", oid))
        if modified:
            shown = ", ".join(f"offre « {_offer_title(new_offers[o], o)} »" if o else label for label, o in modified)
            add("fiche-modifiee", pid, name, "Modifié : " + shown, modified=tuple(dict.fromkeys(modified)))
    for pid, partner in old.items():
        if pid not in new:
            add("partenaire-retire", pid, _name(partner, pid), "Fiche retirée du site Ingé 43.")
    return changes


# Parsed versions of partners.yml by git blob id. A blob id names one content forever, so the
# entries stay true from one build to the next: `mkdocs serve` parses each old version once, not
# at every rebuild.
_PARSED: dict[str, object] = {}


# The same, kept on disk between builds (`cache_dir`, the plugin's `.cache/history/`): one JSON file
# per blob id, with a digest of the code that reads and compares versions, so that a changed reader
# never serves an old result. A file that cannot be read back as such is ignored (and rewritten).
def _code_digest() -> str:
    sources = [Path(__file__), Path(load_within_limits.__code__.co_filename)]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]


_CODE_DIGEST: list[str] = []  # computed once per process


def _encode(value: object) -> object:
    """A parsed YAML value as JSON that reads back equal, of the same types: every list and mapping
    is tagged, so a date (« ["date", …] ») never reads back as a list or a string. ValueError for a
    type the safe loader makes rarely (binary, set): that version is not kept on disk."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return ["list", [_encode(v) for v in value]]
    if isinstance(value, dict):
        return ["map", [[_encode(k), _encode(v)] for k, v in value.items()]]
    if isinstance(value, dt.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, dt.date):
        return ["date", value.isoformat()]
    raise ValueError(type(value).__name__)


def _decode(value: object) -> object:
    if not isinstance(value, list):
        return value
    tag, content = value
    if tag == "list":
        return [_decode(v) for v in content]
    if tag == "map":
        return {_decode(k): _decode(v) for k, v in content}
    if tag == "datetime":
        return dt.datetime.fromisoformat(content)
    if tag == "date":
        return dt.date.fromisoformat(content)
    raise ValueError(tag)


def _disk_version(cache_dir: Path, oid: str) -> dict[str, dict] | None:
    """The partners of the version `oid` kept on disk, or None (absent, unreadable, other code)."""
    try:
        doc = json.loads((cache_dir / f"{oid}.json").read_text(encoding="utf-8"))
        if doc["code"] != _CODE_DIGEST[0]:
            return None
        partners = _decode(doc["partners"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return None
    return partners if isinstance(partners, dict) else None


def _keep_version(cache_dir: Path, oid: str, partners: object) -> None:
    if not isinstance(partners, dict) or not re.fullmatch(r"[0-9a-f]{40,64}", oid):
        return  # an unreadable version is read again (and warned about) at every build
    try:
        text = json.dumps({"code": _CODE_DIGEST[0], "partners": _encode(partners)}, ensure_ascii=False)
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = cache_dir / f"{oid}.json.{os.getpid()}"
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(cache_dir / f"{oid}.json")
    except (OSError, ValueError, RecursionError):
        return


def data_changes(
    data_dir: Path,
    limit: int = 50,
    current: Dataset | None = None,
    warn: Callable[[str], None] | None = None,
    cache_dir: Path | None = None,
) -> list[Change]:
    """Changes to partners in the last `limit` commits that touched `partners.yml`, newest first.

    Only texts of the current data are published (`current`, read from `data_dir` when not
    given): a partner's name, description or offer title comes from today's data, never from an
    old version; a partner or offer that is no longer in the data is not named. Versions that
    break the reader's limits are skipped, each with a French warning through `warn`. Versions
    read once are kept in `cache_dir` (when given) for the next builds.
    """
    try:
        if current is None:
            current = load_dataset(Path(data_dir), Collector())
        return _data_changes(Path(data_dir), limit, current, warn, cache_dir)
    except Exception:  # noqa: BLE001 - a feed is a nicety: a site build must never fail for it
        return []


def _data_changes(
    data_dir: Path, limit: int, current: Dataset, warn: Callable[[str], None] | None, cache_dir: Path | None
) -> list[Change]:
    info = _repo_info(data_dir)
    if info is None or limit <= 0:
        return []
    if cache_dir is not None and not _CODE_DIGEST:
        _CODE_DIGEST.append(_code_digest())
    out = _git(["log", f"-n{int(limit)}", "--format=%H%x09%ct%x09%P", "--", PARTNERS_FILE], data_dir)
    if not out:
        return []
    commits: list[tuple[str, int, bool]] = []
    for line in out.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].isdigit():
            commits.append((parts[0], int(parts[1]), bool(parts[2].strip()) if len(parts) > 2 else False))
    path = info.prefix + PARTNERS_FILE
    names = [name for sha, _t, _p in commits for name in (f"{sha}:{path}", f"{sha}^:{path}")]
    # Sizes first: a version too big, or beyond the build's budget, is never read.
    sizes = _blob_sizes(info.root, names)
    if len(_PARSED) >= 4 * limit:  # emptied here, never while this build relies on it
        _PARSED.clear()
    budget, counted, wanted = MAX_HISTORY_BYTES, set(), []
    refused: dict[int, str] = {}
    for index, found in enumerate(sizes):
        if found is None:
            continue
        oid, size = found
        if oid in _PARSED or oid in counted:
            continue
        if size > MAX_FILE_BYTES or size > budget:
            refused[index] = (
                f"la version fait {size // 1000} ko, au-delà des {MAX_FILE_BYTES // 1_000_000} Mo permis"
                if size > MAX_FILE_BYTES
                else "l'historique lu pour ce flux dépasse déjà la taille permise"
            )
            continue
        budget -= size
        counted.add(oid)
        kept = _disk_version(cache_dir, oid) if cache_dir is not None else None
        if kept is not None:
            _PARSED[oid] = kept
        else:
            wanted.append(index)
    read = _read_blobs(info.root, [names[i] for i in wanted]) if wanted else []
    blobs: dict[int, tuple[str | None, bytes | None]] = dict(zip(wanted, read, strict=True))

    def version(index: int) -> object:
        found = sizes[index]
        if found is None:
            return {}  # absent at that commit (or no parent)
        oid = found[0]
        if oid in _PARSED:
            return _PARSED[oid]
        commit = names[index].split(":", 1)[0]
        if index in refused:
            if warn:
                warn(
                    f"Attention : la version de {PARTNERS_FILE} du commit {commit[:12]} est ignorée par le flux "
                    f"des modifications ({refused[index]})."
                )
            return _UNPARSEABLE
        _oid, content = blobs.get(index, (None, None))
        if content is None:  # same content as another version read in this build
            twin = next((i for i in wanted if sizes[i] == found), None)
            content = blobs[twin][1] if twin is not None else None
        if content is None:
            return _UNPARSEABLE  # could not be read: never taken for an absent file
        _PARSED[oid] = _parse_partners(content, commit, warn)
        if cache_dir is not None:
            _keep_version(cache_dir, oid, _PARSED[oid])
        return _PARSED[oid]

    texts = _CurrentTexts(current)
    changes: list[Change] = []
    for i, (sha, time, has_parent) in enumerate(commits):
        if not has_parent and sha in info.shallow:
            continue  # the parent was not fetched: comparing with nothing would list every partner as new
        new, old = version(2 * i), version(2 * i + 1)
        if new is _UNPARSEABLE or old is _UNPARSEABLE:
            continue
        date = dt.datetime.fromtimestamp(time, dt.UTC)
        compared = _compare(old, new, date, sha[:12])  # type: ignore[arg-type]
        changes.extend(change for change in map(texts.published, compared) if change is not None)
    changes.sort(key=lambda c: c.date, reverse=True)  # stable: keeps the order within a commit
    return changes


class _CurrentTexts:
    """Rewrites a change found in old versions with the texts of today's data only."""

    def __init__(self, dataset: Dataset):
        self.partners = {str(p.id): p for p in dataset.partners}

    def published(self, change: Change) -> Change | None:
        partner = self.partners.get(change.partner_id)
        if partner is None:
            if change.kind != "partenaire-retire":
                return None  # its name and texts are no longer in the data: nothing to say
            # Neither its name nor its id is published: the entry id keeps a digest of the id.
            digest = hashlib.sha256(change.partner_id.encode("utf-8")).hexdigest()[:16]
            return dataclasses.replace(
                change, partner_id=f"retire-{digest}", partner_name="un partenaire", detail=change.detail
            )
        name = " ".join(partner.nom.split())
        offers = {str(o.id): " ".join(o.titre.split()) for o in partner.offres}
        detail = change.detail
        if change.kind == "partenaire-ajoute":
            detail = " ".join(partner.description.split()) if partner.description else name
        elif change.kind in ("offre-ajoutee", "offre-retiree"):
            detail = offers.get(change.field, "")
        elif change.kind == "fiche-modifiee":
            detail = "Modifié : " + ", ".join(
                dict.fromkeys(
                    (f"offre « {offers[offer]} »" if offer in offers else "une offre") if offer else label
                    for label, offer in change.modified
                )
            )
        return dataclasses.replace(change, partner_name=name, detail=detail)


# ---------------------------------------------------------------------------
# Atom feed
# ---------------------------------------------------------------------------


def render_feed(changes: list[Change], site_url: str, updated: dt.datetime | None) -> str:
    """Atom 1.0 feed of `changes`; `updated` defaults to the newest change (never the clock)."""
    base = site_url or ""
    if base and not base.endswith("/"):
        base += "/"
    if updated is None:
        updated = max((c.date for c in changes), default=EPOCH)
    return (
        environment()
        .get_template("feed.xml.j2")
        .render(
            title=FEED_TITLE,
            feed_id=f"{TAG_PREFIX}:modifications",
            home=base or "./",
            base=base,
            updated=updated,
            changes=changes,
        )
    )
