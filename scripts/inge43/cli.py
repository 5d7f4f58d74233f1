"""The `inge43` command: check the data, generate the JSON Schemas, import the communes.

Exit codes are decided here, never inside helpers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from .check.changes import changed_lines, stale_provenance
from .check.registry import run_checks
from .check.report import format_github, format_json, format_summary, format_text
from .generate import team_report
from .tools import communes_import, contours_import
from .tools.schemas import stale_schemas, write_schemas


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse speaks English by default
        self.print_usage(sys.stderr)
        self.exit(2, f"inge43 : option incorrecte ({message}). Essayez « inge43 --help ».\n")


def cmd_check(args: argparse.Namespace) -> int:
    result = run_checks(Path(args.data))
    if args.fix:
        from .check.fix import fix_keyword_variants

        done = fix_keyword_variants(result.dataset)
        out = sys.stderr if args.format == "json" else sys.stdout  # the JSON report stays alone on stdout
        for line in done:
            print(line, file=out)
        if done:
            print(f"{len(done)} correction(s) faite(s) ; nouvelle vérification :\n", file=out)
            result = run_checks(Path(args.data))
    changed = None
    if args.changed_from:
        found = changed_lines(Path(args.data), args.changed_from)
        if isinstance(found, str):
            print(f"inge43 : {found}", file=sys.stderr)
        else:
            changed = found
        stale_provenance(Path(args.data), args.changed_from, result.dataset.documents, result.collector)
    if args.format == "json":
        print(format_json(result.collector))
    elif args.format == "github":
        print(format_github(result.collector, changed=changed))
    elif args.format == "resume":
        print(format_summary(result.collector, changed=changed))
    else:
        print(format_text(result.collector, strict=args.strict, changed=changed))
    return result.exit_code(strict=args.strict)


def cmd_report(args: argparse.Namespace) -> int:
    import datetime as dt

    result = run_checks(Path(args.data))
    report = team_report.build_report(result.dataset, dt.date.today())
    print(team_report.format_json(report) if args.format == "json" else team_report.format_text(report))
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from .tools import linkcheck

    broken, external = linkcheck.scan(Path(args.site))
    for item in broken:
        print(f"lien cassé : {item.page} -> {item.link} ({item.reason})")
    print(f"{len(broken)} lien(s) interne(s) cassé(s) ; {len(external)} adresse(s) externe(s).")
    failures = 0
    if args.online:
        for url, state in linkcheck.check_external(sorted(external)).items():
            if state != "ok":
                failures += 1
                print(f"à vérifier : {url} ({state}) — utilisée par {', '.join(external[url][:3])}")
        print(f"{failures} adresse(s) externe(s) à vérifier à la main.")
    else:
        for url in sorted(external):
            print(url)
    return 1 if broken else 0


def cmd_preview(args: argparse.Namespace) -> int:
    from .tools.preview import make_openable

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"inge43 : pas de site construit dans {site}/ (lancez d'abord « make build »).", file=sys.stderr)
        return 2
    count = make_openable(site)
    print(f"{count} pages prêtes à s'ouvrir sans serveur : ouvrez {site}/index.html dans un navigateur.")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    if args.check:
        stale = stale_schemas(folder)
        if stale:
            print(f"Schémas à régénérer (lancez « inge43 schemas ») : {', '.join(stale)}", file=sys.stderr)
            return 1
        print("Les schémas JSON sont à jour.")
        return 0
    for path in write_schemas(folder):
        print(f"écrit : {path}")
    return 0


def cmd_import_communes(args: argparse.Namespace) -> int:
    argv = ["--out", args.out, "--version", args.version]
    if args.tarball:
        argv += ["--tarball", args.tarball]
    return communes_import.main(argv)


def cmd_import_contours(args: argparse.Namespace) -> int:
    return contours_import.main(["--out", args.out, "--geojson", args.geojson])


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(prog="inge43", description="Outils des données du site Ingé 43.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=FrenchParser)

    check = sub.add_parser("check", help="vérifier les fichiers de data/ et expliquer chaque problème")
    check.add_argument("--data", default="data", help="dossier des données (par défaut : data)")
    check.add_argument("--strict", action="store_true", help="les avertissements font aussi échouer")
    check.add_argument(
        "--format",
        choices=["text", "json", "github", "resume"],
        default="text",
        help="text (lisible), json, github (annotations de GitHub Actions) ou resume (tableau Markdown)",
    )
    check.add_argument(
        "--changed-from",
        metavar="BRANCHE",
        default=None,
        help="montrer d'abord les problèmes des lignes modifiées depuis cette branche (ex. origin/main)",
    )
    check.add_argument(
        "--corriger",
        dest="fix",
        action="store_true",
        help="corriger d'abord dans les fichiers ce qui peut l'être sans hésiter (mots-clés répétés), puis vérifier",
    )
    check.set_defaults(func=cmd_check)

    report = sub.add_parser("report", help="état des données pour l'équipe : couverture, contacts, fraîcheur, sources")
    report.add_argument("--data", default="data", help="dossier des données (par défaut : data)")
    report.add_argument("--format", choices=["text", "json"], default="text", help="text (lisible) ou json")
    report.set_defaults(func=cmd_report)

    links = sub.add_parser("liens", help="vérifier les liens du site construit (internes ; externes avec --en-ligne)")
    links.add_argument("--site", default="site", help="dossier du site construit (par défaut : site)")
    links.add_argument(
        "--en-ligne", dest="online", action="store_true", help="interroger aussi les sites externes (réseau)"
    )
    links.set_defaults(func=cmd_links)

    preview = sub.add_parser(
        "apercu", help="rendre le site construit lisible sans serveur (ouvrir index.html depuis les fichiers)"
    )
    preview.add_argument("--site", default="site", help="dossier du site construit (par défaut : site)")
    preview.set_defaults(func=cmd_preview)

    schemas = sub.add_parser("schemas", help="régénérer les schémas JSON de schemas/ depuis le modèle")
    schemas.add_argument("--out", default="schemas", help="dossier de sortie (par défaut : schemas)")
    schemas.add_argument("--check", action="store_true", help="vérifier seulement qu'ils sont à jour")
    schemas.set_defaults(func=cmd_schemas)

    imp = sub.add_parser(
        "import-communes", help="reconstruire data/communes.yml depuis @etalab/decoupage-administratif"
    )
    imp.add_argument("--out", default="data/communes.yml")
    imp.add_argument("--version", default="6.0.0")
    imp.add_argument("--tarball", default=None, help="archive .tgz déjà téléchargée (sinon npm pack)")
    imp.set_defaults(func=cmd_import_communes)

    contours = sub.add_parser(
        "import-contours", help="reconstruire data/contours.json (contours des communes, pour les cartes)"
    )
    contours.add_argument("--out", default=str(contours_import.DEFAULT_OUT))
    contours.add_argument(
        "--geojson",
        default=str(contours_import.DEFAULT_GEOJSON),
        help="fichier GeoJSON des communes (IGN ADMIN EXPRESS)",
    )
    contours.set_defaults(func=cmd_import_contours)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    except OSError as exc:
        print(f"inge43 : impossible de lire ou d'écrire un fichier ({exc.strerror} : {exc.filename}).", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
