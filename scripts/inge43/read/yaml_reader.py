"""Read YAML files while keeping the line and column of every key and value.

PyYAML's composer gives a node tree with marks; we build plain Python values from it
ourselves so that we can report duplicate keys and locate every value by its path.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath

import yaml

from .problems import Collector, Path, Problem, Severity, format_path, quote

Position = tuple[int, int]  # 1-based line, column

# Bounds on what a data file may be: larger or deeper input is refused with a message,
# so that a mistaken or hostile file can never exhaust the memory or the time of a build.
MAX_FILE_BYTES = 5_000_000  # data/communes.yml for 4,000 communes is about 600 kB
MAX_LINE_CHARS = 10_000  # a long description fits; a 1 MB line does not
MAX_DEPTH = 20  # the model nests 6 levels at most


@dataclass
class YamlDocument:
    """A parsed file: its data, and where each value (and each key) starts."""

    file: str  # path shown in messages
    data: object = None
    name: str = ""  # path inside the data folder, e.g. "partners.yml" (for edit links)
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """Position of the value at `path` (or of its key), falling back to the nearest parent."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class _Refused(Exception):
    """A construct we refuse to read (shared blocks, foreign tags), with its position and French text."""

    def __init__(self, mark: yaml.Mark, message: str, tip: str):
        super().__init__(message)
        self.mark, self.message, self.tip = mark, message, tip


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Builder:
    """Turns a composed node tree into Python values, recording positions.

    A block (mapping or list) may be built only once: a `*reference` to a block is refused,
    which rules out circular references and "billion laughs" expansions.
    """

    def __init__(self, doc: YamlDocument, collector: Collector):
        self.doc = doc
        self.collector = collector
        self.constructor = yaml.SafeLoader("")  # only used for scalar typing
        self.built: set[int] = set()

    def build(self, node: yaml.Node, path: Path) -> object:
        self.doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in self.built:
                raise _Refused(
                    node.start_mark,
                    "Référence « * » vers un bloc : ce raccourci YAML n'est pas accepté dans les données.",
                    "Recopiez le bloc à cet endroit au lieu d'utiliser & et *.",
                )
            self.built.add(id(node))
            if node.tag not in _PLAIN_TAGS:
                raise _Refused(
                    node.start_mark,
                    f"Étiquette YAML « {node.tag} » interdite.",
                    "Supprimez l'étiquette (le mot qui commence par « ! »).",
                )
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> object:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            if "could not determine a constructor" in str(exc.problem):
                raise _Refused(
                    node.start_mark,
                    f"Étiquette YAML « {node.tag} » interdite.",
                    "Supprimez l'étiquette (le mot qui commence par « ! »).",
                ) from None
            raise _Refused(
                node.start_mark,
                "Une valeur n'a pas pu être lue.",
                "Une date s'écrit AAAA-MM-JJ (par exemple 2026-11-15) ; un texte ambigu se met entre guillemets.",
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    key_node.start_mark,
                    "La fusion « <<: » n'est pas acceptée dans les données.",
                    "Recopiez les clés voulues à cet endroit.",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    key_node.start_mark,
                    "Une clé doit être un simple mot.",
                    "Écrivez « clé: valeur », la clé en minuscules sans accent.",
                )
            key = self._scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in result:
                first = self.doc.keys[(*path, key)]
                self.collector.add(
                    Problem(
                        Severity.ERROR,
                        "cle-en-double",
                        self.doc.file,
                        line,
                        column,
                        format_path((*path, key)),
                        f"La clé « {key} » apparaît deux fois dans le même bloc "
                        f"(première fois ligne {first[0]}) : la seconde valeur effacerait la première.",
                        expected="chaque clé une seule fois par bloc",
                        found=f"« {key} » en double",
                        tip="Gardez une seule des deux lignes, ou fusionnez leurs valeurs.",
                    )
                )
                continue
            self.doc.keys[(*path, key)] = (line, column)
            result[key] = self.build(value_node, (*path, key))
        return result


_TAB_INDENT = re.compile(r"^[ ]*\t")

# PyYAML's problems, in plain French. Matched on the start of the English text.
_SYNTAX_HINTS: list[tuple[str, str, str]] = [
    (
        "mapping values are not allowed",
        "Deux-points « : » inattendu.",
        'Un texte qui contient « : » doit être entre guillemets, par exemple : titre: "Eau : conseils". '
        "Vérifiez aussi que la ligne n'est pas indentée plus que ses voisines.",
    ),
    (
        "could not find expected ':'",
        "Il manque le deux-points « : » après une clé.",
        "Chaque ligne de donnée s'écrit « clé: valeur ». Vérifiez aussi les guillemets de la ligne précédente.",
    ),
    (
        "found character '\\t'",
        "Tabulation interdite.",
        "Remplacez les tabulations par des espaces (2 espaces par niveau).",
    ),
    (
        "found unexpected end of stream",
        "Guillemet ou crochet non fermé.",
        'Fermez le guillemet (") ou le crochet (] ou }) ouvert plus haut.',
    ),
    (
        "found unexpected ':'",
        "Deux-points « : » inattendu.",
        "Mettez le texte entre guillemets.",
    ),
    (
        "expected <block end>",
        "Indentation incohérente : cette ligne n'est pas alignée avec les précédentes.",
        "Alignez la ligne sur ses voisines du même niveau (2 espaces par niveau, jamais de tabulation).",
    ),
    (
        "did not find expected key",
        "Indentation incohérente ou tiret mal placé.",
        "Vérifiez que les éléments d'une liste commencent tous par « - » à la même colonne.",
    ),
    (
        "did not find expected '-' indicator",
        "Élément de liste mal aligné.",
        "Alignez les tirets « - » d'une même liste sur la même colonne.",
    ),
    (
        "found undefined alias",
        "Référence « * » inconnue.",
        "Le caractère « * » en début de valeur a un sens en YAML : mettez la valeur entre guillemets.",
    ),
    (
        "found character '@' that cannot start any token",
        "Une valeur ne peut pas commencer par « @ ».",
        "Mettez la valeur entre guillemets.",
    ),
    (
        "found character '`' that cannot start any token",
        "Une valeur ne peut pas commencer par « ` ».",
        "Mettez la valeur entre guillemets.",
    ),
    (
        "found unknown escape character",
        "Caractère d'échappement « \\ » inconnu dans un texte entre guillemets doubles.",
        "Utilisez des guillemets simples ('…') ou doublez la barre oblique (\\\\).",
    ),
    (
        "found duplicate anchor",
        "Ancre « & » en double.",
        "Mettez la valeur entre guillemets.",
    ),
]


def _quote_opened_before(text: str, mark: yaml.Mark) -> yaml.Mark | None:
    """Start of a quoted text that runs over several lines and ends on the error's line.

    An unclosed quote swallows the following lines until the next quote: YAML reports the error
    there, but the line to fix is the one where the quote opens.
    """
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > mark.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                last = token
    except yaml.YAMLError:
        pass
    return last.start_mark if last is not None and last.end_mark.line == mark.line else None


# libyaml's reader (shipped in PyYAML's wheels) is several times faster and keeps every node's line
# and column; errors are read again with the pure-Python reader, whose wording our messages translate.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refused_events(text: str) -> tuple[Position, str, str, str] | None:
    """Read the event stream (no recursion, nothing built) and refuse, before anything else:
    nesting deeper than MAX_DEPTH, and every `&anchor` or `*reference` (a short file could
    otherwise repeat a long text thousands of times in the site)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            where = (event.start_mark.line + 1, event.start_mark.column + 1) if event.start_mark else (1, 1)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                return (
                    where,
                    f"Le raccourci YAML « {sign} » (ancre et référence) n'est pas accepté dans les données.",
                    "chaque valeur écrite en toutes lettres",
                    "Recopiez la valeur au lieu d'utiliser & et *. Si le texte commence par « & » ou « * », mettez-le entre guillemets.",
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return (
                        where,
                        f"Les blocs sont imbriqués trop profondément (plus de {MAX_DEPTH} niveaux).",
                        f"au plus {MAX_DEPTH} niveaux de listes et de blocs imbriqués",
                        "Vérifiez les crochets [ ] et accolades { } de cette ligne, et l'indentation.",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error: reported by compose with its position and a French hint
    return None


# A key written without the space after its colon (`telephone:"04…"`, `nom:Mairie`): YAML reads the
# whole line as one text, and stops at a later line. Not a web address (`https://`).
_NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):(?![\s/]|$)")
# A key written without its colon (`telephone "04…"`): YAML reads it as a text running on.
_NO_COLON = re.compile(r"^(\s*(?:- )?)([a-z_][a-z0-9_]*)\s+(?![#:])\S")


@functools.cache
def _model_keys() -> frozenset[str]:
    """Every key of the data model (read from the model itself, never typed here)."""
    from .model import Record

    keys: set[str] = set()
    pending: list[type] = [Record]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        keys |= {info.alias or name for name, info in getattr(cls, "model_fields", {}).items()}
    return frozenset(keys)


def _key_mistake(text: str, mark: yaml.Mark) -> tuple[int, int, str, str, str] | None:
    """A key line, at or before the line YAML stopped on, missing its colon or the space after it.

    YAML reports such a line where it gives up, often the next line: the agent must be sent to the
    line where the mistake is. Returns (line, column, message, found, tip)."""
    lines = text.splitlines()
    last = min(mark.line, len(lines) - 1)
    for index in range(last, max(last - 3, -1), -1):  # the error's line and the few before it
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if (match := _NO_SPACE_AFTER_COLON.match(line)) and match.group(2) in _model_keys():
            lead, key = match.groups()
            return (
                index + 1,
                len(lead) + len(key) + 1,
                f"Il manque une espace après le deux-points de « {key} ».",
                quote(line.strip()),
                f"Ajoutez une espace après « {key}: », par exemple : {key}: valeur.",
            )
        if (match := _NO_COLON.match(line)) and ":" not in line.split("#", 1)[0]:
            lead, key = match.groups()
            if key in _model_keys():  # not a line of a long text that happens to start with a word
                return (
                    index + 1,
                    len(lead) + len(key) + 1,
                    f"Il manque le deux-points « : » après la clé « {key} ».",
                    quote(line.strip()),
                    f"Écrivez « {key}: » suivi d'une espace puis de la valeur.",
                )
    return None


def load_within_limits(text: str) -> tuple[object, str | None]:
    """Plain data of a YAML text read with the checker's limits but without positions (faster),
    for texts that are not checked, such as old versions of a file in the git history.

    Returns `(data, None)`, or `(None, reason)` with a French reason: a line longer than
    MAX_LINE_CHARS, an anchor or a reference, nesting deeper than MAX_DEPTH, a syntax error.
    The caller bounds the text's size (MAX_FILE_BYTES).
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            return None, f"ligne {number} trop longue ({len(line)} caractères)"
    refused = _refused_events(text)
    if refused:
        (line_number, _column), message, _expected, _tip = refused
        return None, f"ligne {line_number} : {message.rstrip('.')}"
    try:
        return yaml.load(text, Loader=_FAST_LOADER), None  # a safe loader: plain data only
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date such as 2026-02-30
        return None, "le texte n'est pas du YAML valide"


def _syntax_problem(file: str, exc: yaml.MarkedYAMLError, text: str = "") -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "end of stream" in str(exc.problem):
        mark = exc.context_mark  # an unclosed quote or bracket: point where it opens, not at the end of the file
    elif exc.context and "flow" in exc.context and exc.context_mark:
        mark = exc.context_mark  # an unclosed [ or { : point where it opens
    elif mark is not None and text:
        opened = _quote_opened_before(text, mark)
        if opened is None and (mistake := _key_mistake(text, mark)):
            line, column, message, found, tip = mistake
            return Problem(
                Severity.ERROR, "syntaxe-yaml", file, line, column, "", message, "une ligne « clé: valeur »", found, tip
            )
        mark = opened or mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    english = f"{exc.context or ''} {exc.problem or ''}"
    message, tip = (
        "La syntaxe YAML n'est pas valide à cet endroit.",
        ("Comparez la ligne avec un bloc voisin qui fonctionne : indentation, guillemets, deux-points."),
    )
    for needle, french, hint in _SYNTAX_HINTS:
        if needle in english:
            message, tip = french, hint
            break
    # French only: the line as written, never PyYAML's English wording.
    shown = text.splitlines()[line - 1].strip() if text and 0 < line <= len(text.splitlines()) else ""
    return Problem(
        Severity.ERROR,
        "syntaxe-yaml",
        file,
        line,
        column,
        "",
        message,
        expected="du YAML valide",
        found=f"la ligne {quote(shown)}" if shown else None,
        tip=tip,
    )


def tab_indent(lines: list[str], number: int) -> int | None:
    """The number of spaces line `number` (1-based) must start with instead of its tabs, read from the
    lines above: a list item aligns on the item before it; a key aligns on its neighbour, or 2 more
    when the line above opens a block with « : » (4 under « - clé: »)."""
    item = lines[number - 1].lstrip(" \t").startswith("- ")
    for above in range(number - 2, -1, -1):
        line = lines[above]
        content = line.split(" #", 1)[0].rstrip()
        if not content.strip() or content.lstrip().startswith("#") or "\t" in line[: len(line) - len(line.lstrip())]:
            continue
        indent = len(line) - len(line.lstrip(" "))
        starts_item = content.lstrip().startswith("- ")
        if item:  # a list item: on the item before it, or 2 more than the key that opens the list
            if starts_item:
                return indent
            if content.endswith(":"):
                return indent + 2
            continue
        if content.endswith(":"):
            return indent + (4 if starts_item else 2)
        return indent + 2 if starts_item else indent
    return None


def _tab_tip(lines: list[str], number: int) -> str:
    """How to replace a tab without creating another error: the exact indentation to write."""
    indent = tab_indent(lines, number)
    if indent is None:
        return "Remplacez les tabulations du début de la ligne par des espaces, alignés sur les lignes voisines."
    return (
        f"Remplacez tout le début de la ligne (espaces et tabulations) par exactement {indent} espaces, "
        "comme ses voisines du même niveau : une tabulation ne vaut pas un nombre fixe d'espaces."
    )


def parse_yaml(text: str, file: str, collector: Collector) -> YamlDocument | None:
    """Parse YAML text; problems go to `collector`. Returns None when nothing usable was read."""
    doc = YamlDocument(file)
    tab_lines: set[int] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if _TAB_INDENT.match(line):
            tab_lines.add(number)
            collector.add(
                Problem(
                    Severity.ERROR,
                    "tabulation",
                    file,
                    number,
                    line.index("\t") + 1,
                    "",
                    "Tabulation dans l'indentation : YAML n'accepte que des espaces.",
                    expected="des espaces",
                    found="une tabulation",
                    tip=_tab_tip(text.splitlines(), number),
                )
            )
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            collector.add(
                Problem(
                    Severity.ERROR,
                    "fichier-trop-grand",
                    file,
                    number,
                    MAX_LINE_CHARS,
                    "",
                    f"Ligne trop longue ({len(line)} caractères).",
                    expected=f"des lignes de {MAX_LINE_CHARS} caractères au plus",
                    tip="Un long texte s'écrit sur plusieurs lignes après « description: >- ». "
                    "Ce fichier a peut-être été abîmé : restaurez-le depuis le dépôt.",
                )
            )
            return None
    refused = _refused_events(text)
    if refused:
        (bad_line, column), message, expected, tip = refused
        collector.add(
            Problem(Severity.ERROR, "syntaxe-yaml", file, bad_line, column, "", message, expected=expected, tip=tip)
        )
        return None
    try:
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:  # the pure-Python reader words and places errors as our messages expect
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(file, exc, text)
        if problem.line not in tab_lines:
            collector.add(problem)
        return None
    except yaml.YAMLError:  # unmarked errors: rare, still reported in French
        collector.add(
            Problem(
                Severity.ERROR,
                "syntaxe-yaml",
                file,
                1,
                1,
                "",
                "Le fichier n'a pas pu être lu comme du YAML.",
                tip="Comparez le fichier avec le modèle de data/templates/, ou restaurez-le depuis le dépôt.",
            )
        )
        return None
    if node is None:
        collector.add(
            Problem(
                Severity.ERROR,
                "fichier-vide",
                file,
                1,
                1,
                "",
                "Le fichier est vide.",
                expected="des données",
                tip="Partez du modèle commenté de data/templates/ ou restaurez le fichier.",
            )
        )
        return None
    try:
        doc.data = _Builder(doc, collector).build(node, ())
    except _Refused as exc:
        collector.add(
            Problem(
                Severity.ERROR,
                "syntaxe-yaml",
                file,
                exc.mark.line + 1,
                exc.mark.column + 1,
                "",
                exc.message,
                expected="du YAML simple : clés, valeurs, listes",
                tip=exc.tip,
            )
        )
        return None
    except ValueError:  # PyYAML raises ValueError for impossible dates such as 2026-02-30
        bad_line, column = _first_bad_date(text)
        bad = _DATE.match(text.splitlines()[bad_line - 1], column - 1) if bad_line <= len(text.splitlines()) else None
        collector.add(
            Problem(
                Severity.ERROR,
                "date-invalide",
                file,
                bad_line,
                column,
                "",
                "Une date n'existe pas dans le calendrier.",
                expected="une date réelle au format AAAA-MM-JJ",
                found=quote(bad.group(0)) if bad else None,
                tip="Vérifiez le jour et le mois (par exemple 2026-02-30 n'existe pas).",
            )
        )
        return None
    return doc


_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])")


def _first_bad_date(text: str) -> tuple[int, int]:
    import datetime as dt

    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE.finditer(line):
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                return number, match.start() + 1
    return 1, 1


def _file_problem(file: str, message: str, expected: str, tip: str) -> Problem:
    return Problem(Severity.ERROR, "fichier-illisible", file, 1, 1, "", message, expected=expected, tip=tip)


def _size_fr(size: int) -> str:
    """`5 Mo`, `300 ko`: a size bound in French units."""
    return f"{size // 1_000_000} Mo" if size >= 1_000_000 else f"{size // 1_000} ko"


def read_bounded(path: FsPath, file: str, collector: Collector, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of a regular data file, read with a bound. A link, a folder or a special file
    (even one named `.yml`) is refused without being opened: nothing of a target is ever printed."""
    try:
        info = os.lstat(path)
    except OSError:
        collector.add(
            _file_problem(
                file,
                "Le fichier n'a pas pu être lu.",
                "un fichier texte",
                "Vérifiez qu'il existe et que vous avez le droit de le lire.",
            )
        )
        return None
    if stat.S_ISLNK(info.st_mode):
        collector.add(
            _file_problem(
                file,
                "Ce fichier est un lien symbolique : les données doivent être de vrais fichiers du dépôt.",
                "un fichier YAML ordinaire",
                "Remplacez le lien par une copie du fichier (ou supprimez-le).",
            )
        )
        return None
    if stat.S_ISDIR(info.st_mode):
        collector.add(
            _file_problem(
                file,
                "C'est un dossier, pas un fichier.",
                "un fichier YAML",
                "Renommez ce dossier : seuls des fichiers peuvent finir par .yml.",
            )
        )
        return None
    if not stat.S_ISREG(info.st_mode):
        collector.add(
            _file_problem(
                file, "Ce n'est pas un fichier ordinaire.", "un fichier YAML", "Remplacez-le par un fichier texte."
            )
        )
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError:
        collector.add(
            _file_problem(
                file,
                "Le fichier n'a pas pu être lu (droits d'accès ?).",
                "un fichier lisible",
                "Vérifiez les droits du fichier (chmod a+r).",
            )
        )
        return None
    if len(raw) > limit:
        collector.add(
            Problem(
                Severity.ERROR,
                "fichier-trop-grand",
                file,
                1,
                1,
                "",
                f"Le fichier dépasse {_size_fr(limit)}.",
                expected=f"un fichier de données de moins de {_size_fr(limit)}",
                tip="Ce fichier a sans doute été abîmé ou remplacé : restaurez-le depuis le dépôt.",
            )
        )
        return None
    return raw


def read_yaml(path: FsPath, file: str, collector: Collector) -> YamlDocument | None:
    """Read and parse one file, reporting unreadable bytes in French too."""
    raw = read_bounded(path, file, collector)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        collector.add(
            Problem(
                Severity.ERROR,
                "encodage",
                file,
                line,
                1,
                "",
                "Le fichier n'est pas enregistré en UTF-8 (les accents seraient mal lus).",
                expected="un fichier texte UTF-8",
                tip="Dans votre éditeur, choisissez « Enregistrer avec l'encodage UTF-8 ».",
            )
        )
        return None
    return parse_yaml(text.removeprefix("\ufeff"), file, collector)
