"""Rebuild ``data/communes.yml`` from the npm package ``@etalab/decoupage-administratif``.

Usage (from the repository root)::

    python -m inge43.tools.communes_import [--tarball PATH] [--version 6.0.0] [--out data/communes.yml]

Without ``--tarball`` the package is fetched with ``npm pack`` into a
temporary directory. Errors are reported in French, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..read.text import sort_key

PACKAGE = "@etalab/decoupage-administratif"
DEFAULT_VERSION = "6.0.0"
DEFAULT_DEPARTEMENT = "43"
DEFAULT_OUT = Path("data/communes.yml")
PACKAGE_URL = "https://www.npmjs.com/package/@etalab/decoupage-administratif"
LICENCE = "MIT ; données issues du Code officiel géographique de l'INSEE"
SCHEMA_PATH = "../schemas/communes.schema.json"

DATA_FILES = {
    "communes": "package/data/communes.json",
    "epci": "package/data/epci.json",
    "arrondissements": "package/data/arrondissements.json",
}
PACKAGE_JSON = "package/package.json"
NPM_TIMEOUT_SECONDS = 300

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class CommuneImportError(Exception):
    """Import failure; ``str(exc)`` is a French message meant for users."""


# --------------------------------------------------------------------------- fetch


def fetch_tarball(version: str, dest_dir: Path) -> Path:
    """Download the package tarball with ``npm pack`` and return its path."""
    npm = shutil.which("npm")
    if npm is None:
        raise CommuneImportError(
            "La commande « npm » est introuvable : installez Node.js/npm, "
            "ou passez une archive déjà téléchargée avec --tarball."
        )
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    spec = f"{PACKAGE}@{version}"
    cmd = [npm, "pack", spec, "--pack-destination", str(dest_dir)]
    try:
        result = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            check=False,
            timeout=NPM_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise CommuneImportError(
            f"« npm pack {spec} » n'a pas répondu en {NPM_TIMEOUT_SECONDS} secondes (registre npm injoignable ?)."
        ) from None
    except OSError as exc:
        raise CommuneImportError(f"Impossible de lancer « npm pack {spec} » : {exc.strerror or exc}.") from None
    if result.returncode != 0:
        detail = _last_lines(result.stderr or result.stdout)
        raise CommuneImportError(
            f"« npm pack {spec} » a échoué (code {result.returncode})" + (f" : {detail}" if detail else ".")
        )
    lines = [line.strip() for line in (result.stdout or "").splitlines() if line.strip()]
    if lines:
        candidate = dest_dir / Path(lines[-1]).name
        if candidate.is_file():
            return candidate
    found = sorted(dest_dir.glob(f"*-{version}.tgz"))
    if len(found) == 1:
        return found[0]
    raise CommuneImportError(f"« npm pack {spec} » n'a pas produit l'archive attendue dans {dest_dir}.")


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return " / ".join(lines[-count:])


# --------------------------------------------------------------------------- build


def build_document(tarball: Path, departement: str = DEFAULT_DEPARTEMENT, version: str = DEFAULT_VERSION) -> dict:
    """Read the package tarball and return the data of one département."""
    raw = _read_tarball(Path(tarball), version)
    communes_raw = raw["communes"]
    epci_raw = raw["epci"]
    arr_raw = raw["arrondissements"]

    kept = [c for c in communes_raw if c.get("departement") == departement and c.get("type") == "commune-actuelle"]
    if not kept:
        raise CommuneImportError(
            f"Aucune commune actuelle du département {departement} dans "
            f"{DATA_FILES['communes']} : l'archive est-elle la bonne ?"
        )
    kept_codes = {_require(c, "code", "commune") for c in kept}

    epci_of: dict[str, str] = {}
    epci_list = []
    for e in epci_raw:
        code = _require(e, "code", "EPCI")
        members = e.get("membres") or []
        if not isinstance(members, list):
            raise CommuneImportError(f"EPCI {code} : le champ « membres » n'est pas une liste.")
        member_codes = {_require(m, "code", f"membre de l'EPCI {code}") for m in members}
        local = member_codes & kept_codes
        if not local:
            continue
        for commune_code in local:
            previous = epci_of.setdefault(commune_code, code)
            if previous != code:
                raise CommuneImportError(f"La commune {commune_code} appartient à deux EPCI ({previous} et {code}).")
        epci_list.append(
            {
                "code": code,
                "nom": _require(e, "nom", f"EPCI {code}"),
                "type": e.get("type"),
            }
        )

    communes = []
    for c in kept:
        code = c["code"]
        postcodes = c.get("codesPostaux") or []
        if not isinstance(postcodes, list):
            raise CommuneImportError(f"Commune {code} : « codesPostaux » n'est pas une liste.")
        communes.append(
            {
                "code": code,
                "nom": _require(c, "nom", f"commune {code}"),
                "codes_postaux": [str(p) for p in postcodes],
                "population": _population(c.get("population"), code),
                "arrondissement": c.get("arrondissement"),
                "epci": epci_of.get(code),
            }
        )

    arrondissements = [
        {
            "code": _require(a, "code", "arrondissement"),
            "nom": _require(a, "nom", "arrondissement"),
            "chef_lieu": a.get("chefLieu"),
        }
        for a in arr_raw
        if a.get("departement") == departement
    ]

    return {
        "source": {
            "paquet": PACKAGE,
            "version": version,
            "url": PACKAGE_URL,
            "licence": LICENCE,
        },
        "arrondissements": sorted(arrondissements, key=lambda a: a["code"]),
        "epci": sorted(epci_list, key=lambda e: (sort_key(e["nom"]), e["code"])),
        "communes": sorted(communes, key=lambda c: c["code"]),
    }


def _read_tarball(tarball: Path, version: str) -> dict[str, list]:
    """Load the three JSON data files (and check the version) from the tarball."""
    if not tarball.is_file():
        raise CommuneImportError(f"Archive introuvable : {tarball}")
    try:
        with tarfile.open(tarball, "r:*") as tar:
            _check_version(tar, tarball, version)
            return {name: _load_json_list(tar, tarball, member) for name, member in DATA_FILES.items()}
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise CommuneImportError(
            f"Impossible de lire l'archive {tarball} : {exc}. Est-ce bien un paquet npm (.tgz) ?"
        ) from None


def _load_json_list(tar: tarfile.TarFile, tarball: Path, member: str) -> list:
    try:
        handle = tar.extractfile(member)
    except KeyError:
        handle = None
    if handle is None:
        raise CommuneImportError(f"Le fichier {member} est absent de l'archive {tarball}.")
    try:
        with handle:
            data = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommuneImportError(f"Le fichier {member} de l'archive n'est pas un JSON valide : {exc}.") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise CommuneImportError(f"Le fichier {member} devrait contenir une liste d'objets JSON.")
    return data


def _check_version(tar: tarfile.TarFile, tarball: Path, version: str) -> None:
    """Refuse a tarball whose package.json announces another version."""
    try:
        handle = tar.extractfile(PACKAGE_JSON)
    except KeyError:
        return
    if handle is None:
        return
    try:
        with handle:
            meta = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return
    found = meta.get("version") if isinstance(meta, dict) else None
    if found is not None and found != version:
        raise CommuneImportError(
            f"L'archive {tarball} contient la version {found} du paquet, "
            f"et non la version {version} demandée (option --version)."
        )


def _require(record: Any, key: str, what: str) -> Any:
    if not isinstance(record, dict) or record.get(key) in (None, ""):
        raise CommuneImportError(f"Champ « {key} » manquant pour un enregistrement ({what}).")
    return record[key]


def _population(value: Any, code: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise CommuneImportError(f"Commune {code} : population invalide ({value!r}).")


# --------------------------------------------------------------------------- render


def render_yaml(doc: dict) -> str:
    """Render the document as YAML, one flow mapping per record and per line."""
    source = doc.get("source") or {}
    paquet = source.get("paquet", PACKAGE)
    version = source.get("version", "")
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_PATH}",
        "# Fichier GÉNÉRÉ par `make communes` (scripts/inge43/tools/communes_import.py) : "
        "ne le modifiez pas à la main.",
        f"# Source : paquet npm {paquet} {version} (licence MIT), données INSEE (Code officiel géographique).",
    ]
    for key, value in doc.items():
        if isinstance(value, dict):
            if not value:
                lines.append(f"{_key(key)}: {{}}")
                continue
            lines.append(f"{_key(key)}:")
            lines.extend(f"  {_key(k)}: {_flow(v)}" for k, v in value.items())
        elif isinstance(value, list):
            if not value:
                lines.append(f"{_key(key)}: []")
                continue
            lines.append(f"{_key(key)}:")
            lines.extend(f"  - {_flow(item)}" for item in value)
        else:
            lines.append(f"{_key(key)}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def _key(key: Any) -> str:
    key = str(key)
    return key if _PLAIN_KEY.match(key) and key.lower() not in _RESERVED else _string(key)


_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def _flow(value: Any) -> str:
    """Render a value as a single-line YAML flow node."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    raise TypeError(f"unsupported value type for YAML rendering: {type(value).__name__}")


def _string(text: str) -> str:
    """Double-quoted YAML scalar on one line (PyYAML handles escaping)."""
    dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf"))
    return dumped.rstrip("\n").removesuffix("\n...").rstrip("\n")


def write(doc: dict, out: Path) -> None:
    """Write the rendered YAML to ``out`` atomically (UTF-8, LF)."""
    out = Path(out)
    text = render_yaml(doc)
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, _file_mode(out))
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        raise CommuneImportError(f"Impossible d'écrire {out} : {exc.strerror or exc}.") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _file_mode(out: Path) -> int:
    """Keep the mode of an existing file, else 0o666 minus the umask (mkstemp uses 0o600)."""
    try:
        return out.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m inge43.tools.communes_import",
        description=f"Régénère {DEFAULT_OUT} à partir du paquet npm {PACKAGE}.",
    )
    parser.add_argument("--tarball", type=Path, help="archive .tgz déjà téléchargée (sinon : npm pack)")
    parser.add_argument("--version", default=DEFAULT_VERSION, help=f"version du paquet (défaut : {DEFAULT_VERSION})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"fichier produit (défaut : {DEFAULT_OUT})")
    args = parser.parse_args(argv)

    try:
        if args.tarball is not None:
            doc = build_document(args.tarball, DEFAULT_DEPARTEMENT, args.version)
        else:
            with tempfile.TemporaryDirectory(prefix="inge43-communes-") as tmp:
                tarball = fetch_tarball(args.version, Path(tmp))
                doc = build_document(tarball, DEFAULT_DEPARTEMENT, args.version)
        write(doc, args.out)
    except CommuneImportError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1

    print(
        f"{len(doc['communes'])} communes, {len(doc['epci'])} EPCI, "
        f"{len(doc['arrondissements'])} arrondissements écrits dans {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
