"""Hostile data: text typed into every editable field must stay text on every surface.

The fields come from the model (`inge43.read.model.FILE_MODELS`), not from a hand-written list: a
field added to the model is poisoned too. Each field gets a payload; the checker either refuses
it with a located message (then the field gets its valid value back), or the site is built with
it — once — and every surface is inspected: HTML pages and navigation, `<title>`, tooltips,
search index, feed, CSV, JSON, vCard, PDF text, and the finder and search in a real browser.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import http.server
import io
import json
import shutil
import threading
import types
import typing
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic import BaseModel

from conftest import build_site
from inge43.check.registry import run_checks
from inge43.read.model import FILE_MODELS, MULTILINE_FIELDS, Record
from inge43.read.problems import format_path

VALID = Path(__file__).parents[1] / "fixtures" / "valid"
TODAY = dt.date(2026, 11, 30)
TOKEN = "zqxhostile"

# One-line fields: no markup (refused by the checker, tested below), but every other trap —
# a spreadsheet formula, Markdown and Jinja syntax, quotes, backslash, an acronym-like number,
# an emoji.
ONE_LINE = f"=1+1 {TOKEN} Éco *gras* _x_ `code` {{{{ config }}}} {{% raw %}} \\ | # 39 34 R&D & <3 \"guillemets\" 'apostrophe' 🙂"
# Long enough to be cut off in the header, the navigation and the table of contents, where Material
# then copies the text shown into a tooltip, as HTML.
LONG_NAME = ONE_LINE + " — communauté de communes au nom très long" * 4
# An entity without its `;` is decoded by the browser into a tag-like text: refused by the checker
# (its field then gets its valid value back); accepted, it ran a script from the tooltip.
ENTITY_NAME = "CC &ltimg class=zqx src=x onerror=alert(8)&gt" + " — nom très long de communauté" * 5
# Multi-line fields: plain text that looks like HTML, Markdown, Jinja and Markdown abbreviations.
MULTI_LINE = (
    f'{TOKEN} <img class=zqx src=x onerror=alert(1)> <script>alert(2)</script> "><svg class=zqx onload=alert(3)>\n\n'
    '[clic](javascript:alert(4)) ![image](https://tiers.example/x.png) <a class=zqx href="javascript:alert(5)">a</a>\n'
    "*[PNR]: <b class=zqx>gras</b>\n{{ config }} {% raw %} &lt;img class=zqx src=x onerror=alert(6)&gt; </title></textarea>"
)
MARKUP = "<img class=zqx src=x onerror=alert(1)>"
CONTROL = "a\x1b[2Jb\u202ec\x00"


# ---------------------------------------------------------------------------
# Walking the model
# ---------------------------------------------------------------------------


def _has_pattern(metadata) -> bool:
    return any(getattr(m, "pattern", None) for m in metadata)


def _kind(annotation, metadata=()) -> tuple[str, type | None]:
    """('record', cls) | ('text', None) | ('other', None), looking through Optional, list, Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        return _kind(inner, (*metadata, *meta))
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind(a, metadata) for a in typing.get_args(annotation) if a is not type(None)]
        return kinds[0] if kinds else ("other", None)
    if origin is list:
        return _kind(typing.get_args(annotation)[0], metadata)
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return "record", annotation
    if annotation is str and not _has_pattern(metadata):
        return "text", None
    return "other", None


def model_text_fields(cls: type[BaseModel], seen=None) -> set[tuple[str, str]]:
    """Every (model class, field) holding free text, in the whole model."""
    seen = set() if seen is None else seen
    out = set()
    if cls in seen:
        return out
    seen.add(cls)
    for name, info in cls.model_fields.items():
        kind, sub = _kind(info.annotation, info.metadata)
        if kind == "text":
            out.add((cls.__name__, name))
        elif kind == "record":
            out |= model_text_fields(sub, seen)
    return out


ALL_TEXT_FIELDS = set().union(*(model_text_fields(m) for m in FILE_MODELS.values()))


def poison(data, cls, path, payloads, out, first_seen):
    """Put a payload in each text field of `data` (a dict read with `cls`), recursing into records.

    `out` collects (file path tuple, (class, field)); an absent optional field is added on the
    first record of its class only, so the others keep their defaults (a tooltip then comes from
    the definition, not the long form).
    """
    if not isinstance(data, dict):
        return
    for name, info in cls.model_fields.items():
        kind, sub = _kind(info.annotation, info.metadata)
        is_list = typing.get_origin(info.annotation) is list or "list[" in str(info.annotation)
        if kind == "record":
            value = data.get(name)
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                sub_path = path + ((name, index) if isinstance(value, list) else (name,))
                poison(item, sub, sub_path, payloads, out, first_seen)
        elif kind == "text":
            key = (cls.__name__, name)
            if name not in data and key in first_seen:
                continue
            first_seen.add(key)
            payload = payloads(name)
            if payload is None:
                continue
            if is_list:
                count = max(1, len(data.get(name) or []))
                data[name] = [payload] * count
                out.extend(((*path, name, i), key) for i in range(count))
            else:
                data[name] = payload
                out.append(((*path, name), key))


def load_valid() -> dict[str, object]:
    files = {}
    for path in sorted(VALID.rglob("*.yml")):
        files[path.relative_to(VALID).as_posix()] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return files


def model_for(name: str):
    return FILE_MODELS["guides/*.yml"] if name.startswith("guides/") else FILE_MODELS[name]


def poisoned(payloads) -> tuple[dict, list]:
    files = load_valid()
    places = []
    first_seen: set = set()
    for name, data in files.items():
        found: list = []
        poison(data, model_for(name), (), payloads, found, first_seen)
        places += [(name, p, key) for p, key in found]
    return files, places


def write(files: dict, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return folder


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    if value is _ABSENT:
        data.pop(path[-1], None)
    else:
        data[path[-1]] = value


def _get(data, path):
    for part in path:
        if isinstance(data, dict) and part not in data:
            return _ABSENT
        data = data[part]
    return data


_ABSENT = object()


# ---------------------------------------------------------------------------
# What the checker refuses
# ---------------------------------------------------------------------------


def test_every_text_field_of_the_model_is_poisoned():
    _, places = poisoned(lambda name: ONE_LINE)
    covered = {key for _, _, key in places}
    missing = sorted(ALL_TEXT_FIELDS - covered)
    assert len(ALL_TEXT_FIELDS) > 30
    assert not missing, f"champs texte du modèle absents de tests/fixtures/valid/ (ajoutez-y un exemple) : {missing}"


@pytest.mark.parametrize("payload", [MARKUP, CONTROL, "Ligne un\nligne deux", "[lien](https://tiers.example)"])
def test_markup_and_control_characters_are_refused_where_they_cannot_be_made_safe(tmp_path, payload):
    multiline_ok = payload in (MARKUP, "[lien](https://tiers.example)", "Ligne un\nligne deux")
    files, places = poisoned(lambda name: None if (multiline_ok and name in MULTILINE_FIELDS) else payload)
    result = run_checks(write(files, tmp_path / "data"), today=TODAY)
    located = {(p.file.replace("\\", "/").split("/data/")[-1], p.path) for p in result.collector.errors}
    missed = [(name, format_path(path)) for name, path, _ in places if (name, format_path(path)) not in located]
    assert not missed, f"valeurs acceptées à tort ({payload!r}) : {missed}"
    for problem in result.collector.errors:
        assert problem.line >= 1 and problem.path and problem.message and problem.tip


# ---------------------------------------------------------------------------
# One build with every payload the checker accepts
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    files, places = poisoned(lambda name: MULTI_LINE if name in MULTILINE_FIELDS else ONE_LINE)
    originals = load_valid()
    # Names that once broke addresses or the A–Z index: no letter at all, a reserved page name.
    files["communes.yml"]["communes"][0]["nom"] = "!!! ???"
    files["communes.yml"]["communes"][1]["nom"] = "Index"
    # Intercommunality names (their pages have their own template): one long, one with an entity.
    files["intercommunalites.yml"]["intercommunalites"][0]["nom"] = LONG_NAME
    files["communes.yml"]["epci"][1]["nom"] = ENTITY_NAME
    # A git history (valid data, then the payloads) so that the Atom feed lists the changes.
    write(originals, root / "data")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Données valides", date="2026-06-01T10:00:00Z")
    refused = []
    for _ in range(3):  # give refused fields their valid value back, then check again
        result = run_checks(write(files, root / "data"), today=TODAY)
        if result.ok:
            break
        for problem in result.collector.errors:
            name = problem.file.replace("\\", "/").split("/data/")[-1]
            match = [p for n, p, _ in places if n == name and format_path(p) == problem.path]
            assert match, f"erreur hors des champs modifiés, ou mal située : {problem}"
            refused.append((name, problem.path, problem.rule))
            field = match[0][:-1] if isinstance(match[0][-1], int) else match[0]  # a list: the whole field
            original = _get(originals[name], field)
            _set(files[name], field, original if original is _ABSENT else copy.deepcopy(original))
    assert result.ok, [p for p in result.collector.errors]
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Valeurs piégées", date="2026-06-02T10:00:00Z")
    accepted = [(n, format_path(p)) for n, p, _ in places if (n, format_path(p)) not in {(r[0], r[1]) for r in refused}]
    assert len(accepted) > 50, "trop peu de champs gardent leur valeur piégée : le test ne prouverait rien"
    build = build_site(root / "data", root / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    return types.SimpleNamespace(site=root / "site", refused=refused, accepted=accepted)


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    import os
    import subprocess

    env = dict(
        os.environ,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Agent",
        GIT_AUTHOR_EMAIL="agent@exemple.fr",
        GIT_COMMITTER_NAME="Agent",
        GIT_COMMITTER_EMAIL="agent@exemple.fr",
    )
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True, capture_output=True)


class Scanner(HTMLParser):
    """Collects what a browser would turn into markup: elements, attributes, script bodies."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.text: list[str] = []
        self.abbr_titles: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self._script_type = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in.append(tag)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                low = value.strip().lower()
                if low.startswith(("javascript:", "vbscript:")) or (
                    tag in ("img", "iframe", "script") and low.startswith(("http:", "https:", "//"))
                ):
                    self.bad.append(f"<{tag} {name}={value}>")
        if "zqx" in (attrs.get("class") or ""):
            self.bad.append(f"<{tag} class=zqx> (balise venue des données)")
        if tag in ("iframe", "object", "embed"):
            self.bad.append(f"<{tag}>")
        if tag == "abbr":
            self.abbr_titles.append(attrs.get("title") or "")
        if tag == "script":
            self._script_type = attrs.get("type") or "text/javascript"

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass
        if tag == "script":
            self._script_type = None

    def handle_data(self, data):
        if self._script_type and "json" not in self._script_type and "alert(" in data:
            self.bad.append(f"script : {data[:80]}")
        if self._in and self._in[-1] == "title":
            self.title += data
        self.text.append(data)


def scan(html: str) -> Scanner:
    scanner = Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner


def test_no_payload_becomes_markup_on_any_page(hostile):
    pages = sorted(hostile.site.rglob("*.html"))
    assert len(pages) > 10
    bad, reached, tooltips = {}, 0, 0
    for path in pages:
        scanner = scan(path.read_text(encoding="utf-8"))
        if scanner.bad:
            bad[path.relative_to(hostile.site).as_posix()] = scanner.bad[:5]
        if TOKEN in "".join(scanner.text):
            reached += 1
        for title in scanner.abbr_titles:
            tooltips += 1
            assert "<" not in title and ">" not in title, f"infobulle avec balise dans {path}: {title!r}"
        assert "&lt;" not in scanner.title and "&amp;amp" not in scanner.title, (
            path,
            scanner.title,
        )  # never double-escaped
    assert not bad, bad
    assert reached > 10, "les valeurs piégées n'arrivent pas sur les pages : le test ne prouverait rien"
    assert tooltips > 0


def test_odd_commune_names_are_refused_and_the_index_keeps_its_place(hostile):
    """A name without letters (no page address) and « Index » (the index's address) are refused by
    the checker at their line (rule nom-commune-adresse); the site is built with the valid names."""
    refused = {(name, path): rule for name, path, rule in hostile.refused}
    assert refused[("communes.yml", "communes[0].nom")] == "nom-commune-adresse"
    assert refused[("communes.yml", "communes[1].nom")] == "nom-commune-adresse"
    communes = yaml.safe_load((VALID / "communes.yml").read_text(encoding="utf-8"))["communes"]
    assert communes[0]["nom"] in (hostile.site / "communes" / "index.html").read_text(encoding="utf-8")
    assert "Communes" in (hostile.site / "communes" / "index.html").read_text(encoding="utf-8")


def test_titles_show_as_text_in_navigation_header_and_title(hostile):
    page = (hostile.site / "partenaires" / "guichet-test" / "index.html").read_text(encoding="utf-8")
    scanner = scan(page)
    shown = "".join(scanner.text)
    # The name is shown as typed (an emoji, quotes, « & »), once, never double-escaped.
    typed = ONE_LINE.split(TOKEN)[1]
    assert f"=1+1 {TOKEN}{typed} - " in scanner.title  # as typed: emoji, quotes, « & », « <3 »
    assert f"{TOKEN}{typed}" in shown
    for double in ("&amp;amp", "&lt;3", "&#39;", "&quot;"):
        assert double not in shown
    nav = page[page.index('class="md-nav') :]
    assert f"=1+1 {TOKEN}" in "".join(scan(nav).text)


def test_search_index_is_text(hostile):
    index = json.loads((hostile.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    reached = 0
    for doc in index["docs"]:
        for field in ("title", "text"):
            scanner = scan(doc.get(field, ""))  # Material shows both as HTML
            assert not scanner.bad, (doc["location"], field, scanner.bad)
            reached += TOKEN in doc.get(field, "")
        for tag in doc.get("tags", []):
            assert "<" not in tag and "&" not in tag and ">" not in tag, (doc["location"], tag)
    assert reached > 5


def test_open_data_files_are_safe(hostile):
    folder = hostile.site / "donnees"
    cells = 0
    for path in folder.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                cells += 1
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    assert cells > 50
    assert f"'=1+1 {TOKEN}" in (folder / "partenaires.csv").read_text(encoding="utf-8")
    for path in [*folder.glob("*.json"), *hostile.site.glob("trouver/*.json")]:
        json.loads(path.read_text(encoding="utf-8"))
    import vobject

    cards = list(folder.rglob("*.vcf"))
    assert cards
    for path in cards:
        for card in vobject.readComponents(path.read_text(encoding="utf-8")):
            assert TOKEN in card.fn.value or card.fn.value


def test_feed_is_well_formed(hostile):
    import xml.etree.ElementTree as ET

    feed = hostile.site / "flux.xml"
    root = ET.fromstring(feed.read_bytes())  # well-formed XML, whatever the data
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert entries and any(TOKEN in (e.findtext(f"{atom}title") or "") for e in entries), (
        "le flux ne montre pas les modifications"
    )
    for element in root.iter():
        assert element.tag.startswith(atom), element.tag  # no element from the data
        assert not (element.get("href") or "").lower().startswith("javascript:")
    for entry in entries:
        assert entry.find(f"{atom}content").get("type") == "text"  # readers show it as text
    # Privacy: a contact that changed is named, never its value.
    text = feed.read_text(encoding="utf-8")
    assert "Adresse : modifié" in text and "place de l" not in text


def test_pdf_text_shows_payload_as_text(hostile):
    from pypdf import PdfReader

    pdfs = sorted(hostile.site.rglob("*.pdf"))
    assert pdfs
    sheet = next(p for p in pdfs if "partenaires" in p.as_posix())
    text = " ".join(page.extract_text() for page in PdfReader(sheet).pages).replace("\x00", "")
    assert TOKEN in text and "onerror" in text  # the description's markup printed as text


# ---------------------------------------------------------------------------
# In a real browser: no dialog, no script error, no third-party request
# ---------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_url(hostile):
    handler = functools.partial(_Quiet, directory=str(hostile.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
def test_browser_runs_no_payload(browser, hostile_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs, errors, foreign = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    host = urlsplit(hostile_url).netloc
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host
            else None
        ),
    )
    try:
        for path in (
            "",
            "partenaires/guichet-test/",
            "glossaire/",
            "charte/",
            "guides/projet-communal/",
            "mentions-legales/",
        ):
            page.goto(f"{hostile_url}/{path}")
            page.wait_for_load_state("load")
            for abbr in page.locator("abbr[title]").all()[:5]:  # Material builds the tooltip from the title
                if abbr.is_visible():
                    abbr.hover()
        # The finder, with a domain and a commune chosen.
        page.goto(f"{hostile_url}/trouver/")
        page.wait_for_selector("[data-i43-finder][data-i43-ready=ready]")
        box = page.locator("#i43-projet")
        box.press_sequentially(TOKEN[:6])
        page.locator(f"#{box.get_attribute('aria-controls')} [role=option]").first.wait_for()
        box.press("Enter")
        page.wait_for_selector("#i43-reponse h2")
        assert TOKEN in page.locator("#i43-reponse").inner_text()
        assert page.locator("#i43-reponse .zqx, #i43-reponse img[src=x]").count() == 0
        # Material's search, whose results are HTML.
        page.goto(f"{hostile_url}/")
        field = page.locator("input.md-search__input")
        field.click()
        field.fill(TOKEN)
        field.press("End")
        page.wait_for_selector(".md-search-result__list > li")
        assert page.locator(".md-search-result .zqx, .md-search-result img[src=x]").count() == 0
        page.wait_for_timeout(300)
    finally:
        context.close()
    assert dialogs == [], dialogs
    assert errors == [], errors
    assert foreign == [], foreign


@pytest.mark.parametrize(
    "title",
    [
        "<img src=x onerror=alert(1)>",
        "</title><script>alert(1)</script>",
        'Maîtrise d\'œuvre & "bourg" 🙂',
        "a\u202eb\x1bc\nd\\e",
    ],
)
def test_front_matter_title_is_yaml_and_escaped_once(title):
    """Even markup the checker would refuse becomes text where MkDocs and Material print titles."""
    import html

    from inge43.generate.templating import front_matter_text

    value = yaml.safe_load("title: " + str(front_matter_text(title)))["title"]
    # Shown as typed, except a `<` that could open a tag: the look-alike ‹ (Material's tooltips
    # decode the shown text once more).
    assert html.unescape(value) == title.replace("<i", "‹i").replace("</", "‹/").replace("<s", "‹s")
    assert "<" not in value and ">" not in value


def test_commune_names_never_break_addresses():
    from inge43.generate.urls import commune_uris

    communes = [
        types.SimpleNamespace(nom=nom, code=code)
        for nom, code in [("!!! ???", "43001"), ("Index", "43002"), ("🙂", "43003")]
    ]
    uris = commune_uris(types.SimpleNamespace(communes=communes))
    assert uris == {"43001": "communes/43001.md", "43002": "communes/index-43002.md", "43003": "communes/43003.md"}


def test_legal_page_values_carry_no_markdown():
    """The legal-page macros put data into Markdown: no link, image or tag can come out of it."""
    import markdown

    from inge43.generate.templating import markdown_inert

    value = "1 rue [clic](javascript:alert(1)) ![i](https://tiers.example/x.png) <b>gras</b> *x* <https://tiers.example> & `c`"
    html = markdown.markdown(f"Adresse : {markdown_inert(value)}.", extensions=["attr_list", "md_in_html", "abbr"])
    scanner = scan(html)
    assert scanner.bad == [] and "<a" not in html and "<img" not in html and "<b>" not in html and "<em>" not in html
    assert "".join(scanner.text) == f"Adresse : {value}."


def test_acronym_never_matches_inside_an_escaped_character():
    """A sigle such as « 39 » once turned every escaped apostrophe (&#39;) into a broken tag."""
    from inge43.generate.templating import glossed

    terms = [
        types.SimpleNamespace(sigle="39", forme_longue=None, definition="<b>trente-neuf</b>"),
        types.SimpleNamespace(sigle="PNR", forme_longue='Parc "naturel" régional', definition="x"),
    ]
    html = str(glossed("L'eau du PNR, 39 communes & <i>", terms))
    assert html == (
        'L&#39;eau du <abbr title="Parc &#34;naturel&#34; régional">PNR</abbr>, '
        '<abbr title="‹b›trente-neuf‹/b›">39</abbr> communes &amp; &lt;i&gt;'
    )


# ---------------------------------------------------------------------------
# Second round: settings, links under data/, history blobs, outlines
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("site_url", "depot", "signalement", "refused"),
    [
        ("https://inge43.exemple.fr/", "https://github.com/o/d", "equipe@exemple.fr", None),
        ("http://127.0.0.1:8000/", "", "https://formulaire.exemple.fr/erreur", None),
        ("http://localhost:8000/", "", "", None),
        ("http://[::1]:8000/", "", "", None),
        ("javascript://%0Aalert(1)/", "", "", "site_url"),
        ("https://inge43.exemple.fr/", "javascript:alert(1)", "", "depot.url"),
        ("https://inge43.exemple.fr/", "JavaScript:alert(1)//https://github.com", "", "depot.url"),
        ("https://inge43.exemple.fr/", "data:text/html,<script>alert(1)</script>", "", "depot.url"),
        ("https://inge43.exemple.fr/", "//github.com/o/d", "", "depot.url"),
        ("https://inge43.exemple.fr/", "https://", "", "depot.url"),
        ("https://inge43.exemple.fr/", 'https://github.com/o/d" onmouseover="alert(1)', "", "depot.url"),
        ("http://inge43.exemple.fr/", "", "", "site_url"),
        ("https://inge43.exemple.fr/", "http://github.com/o/d", "", "depot.url"),
        ("https://inge43.exemple.fr/", "", "javascript:alert(1)", "signalement"),
        ("https://inge43.exemple.fr/", "", "equipe@exemple.fr?bcc=x@tiers.example", "signalement"),
        ("https://inge43.exemple.fr/", "", "vbscript:msgbox(1)", "signalement"),
    ],
)
def test_settings_that_end_up_in_links_are_https_only(site_url, depot, signalement, refused):
    from inge43.check.settings import setting_problems

    problems = setting_problems(site_url, depot, signalement)
    if refused is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith(f"Le réglage {refused} "), problems
        assert "https://" in problems[0] and "127.0.0.1" in problems[0]  # what is expected, in French


@pytest.mark.parametrize(
    "variables",
    [{"INGE43_DEPOT_URL": "javascript:alert(document.domain)"}, {"INGE43_SITE_URL": "javascript://%0Aalert(1)/"}],
    ids=["depot", "site"],
)
def test_build_refuses_a_script_address_in_a_setting(tmp_path, variables):
    build = build_site(VALID, tmp_path / "site", **variables)
    assert build.returncode != 0
    output = build.stdout + build.stderr
    assert "un réglage n'est pas une adresse sûre" in output and "javascript" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "flux.xml").exists()


@pytest.mark.parametrize("where", ["data", "guides", "templates-sub"])
def test_links_and_special_files_anywhere_under_data_are_refused(tmp_path, where):
    import os

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    folder = {"data": data, "guides": data / "guides", "templates-sub": data / "modeles" / "brouillons"}[where]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "boucle").symlink_to(".")
    (folder / "boucle2").symlink_to(data)
    os.mkfifo(folder / "tube")
    result = run_checks(data, today=TODAY)
    refused = {Path(p.file).name: p for p in result.collector.errors if p.rule == "fichier-illisible"}
    assert {"boucle", "boucle2", "tube"} <= set(refused), [str(p) for p in result.collector.errors]
    assert "lien symbolique" in refused["boucle"].message and "fichier spécial" in refused["tube"].message
    assert not result.ok


def test_serve_watcher_never_follows_links(tmp_path):
    """`mkdocs serve` watches data/ with the plugin's observer: a link to `.` must not be walked into."""
    import types as pytypes

    from watchdog.utils.dirsnapshot import DirectorySnapshot

    from inge43.mkdocs.plugin import Inge43Plugin

    data = tmp_path / "data"
    (data / "sous").mkdir(parents=True)
    (data / "sous" / "f.yml").write_text("a: 1\n", encoding="utf-8")
    (data / "boucle").symlink_to(".")  # one link only: on a watcher that follows links, a chain, not a tree
    watched = []

    class Server:
        observer = None

        def unwatch(self, path):
            raise KeyError(path)

        def watch(self, path):
            watched.append(path)

    plugin = Inge43Plugin()
    plugin.load_config({"data_dir": str(data)})
    config = pytypes.SimpleNamespace(
        docs_dir=str(tmp_path / "docs"),
        config_file_path=str(tmp_path / "mkdocs.yml"),
        theme=pytypes.SimpleNamespace(dirs=[]),
    )
    server = plugin.on_serve(Server(), config, builder=None)
    assert watched == [str(data.resolve())]
    emitter = server.observer._emitter_class(
        event_queue=None, watch=pytypes.SimpleNamespace(path=str(data), is_recursive=True)
    )
    snapshot = emitter._take_snapshot()
    assert isinstance(snapshot, DirectorySnapshot)
    paths = {Path(p).relative_to(data).as_posix() for p in snapshot.paths if p != str(data)}
    assert paths == {"sous", "sous/f.yml", "boucle"}  # the link, never what it points to


def _history_repo(tmp_path: Path) -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Données valides", date="2026-06-01T10:00:00Z")
    return repo, repo / "data"


def _commit(repo: Path, message: str, date: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, date=date)


def test_history_versions_with_aliases_are_skipped_with_a_french_warning(tmp_path):
    """Nested aliases in old versions, removed since: the checker never sees them, the feed must not expand them.

    Two commits hold the same nine-level alias tree (9**9 leaves once expanded): comparing the two
    versions took minutes with a plain YAML loader, growing ninefold per level.
    """
    import time

    from inge43.generate import history

    repo, data = _history_repo(tmp_path)
    partners = data / "partners.yml"
    clean = partners.read_text(encoding="utf-8")
    levels = 8
    bomb = ['x0: &x0 ["zqx", "zqx", "zqx", "zqx", "zqx", "zqx", "zqx", "zqx", "zqx"]']
    bomb += [f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    hostile = (
        "\n".join(bomb)
        + "\n"
        + clean.replace(
            "    description: Service fictif qui reçoit toutes les demandes des communes.\n",
            f"    description: *x{levels}\n",
        )
    )
    partners.write_text(hostile, encoding="utf-8")
    _commit(repo, "Références imbriquées", "2026-06-02T10:00:00Z")
    partners.write_text(
        hostile.replace("Société publique locale fictive.", "Société publique locale."), encoding="utf-8"
    )
    _commit(repo, "Références imbriquées, encore", "2026-06-03T10:00:00Z")
    partners.write_text(clean, encoding="utf-8")
    _commit(repo, "Retour au texte d'origine", "2026-06-04T10:00:00Z")

    history._PARSED.clear()
    start = time.perf_counter()
    history.data_changes(data)
    assert time.perf_counter() - start < 10, "the feed expands old versions' aliases"

    history._PARSED.clear()
    warnings: list[str] = []
    changes = history.data_changes(data, warn=warnings.append)
    assert len(warnings) == 2, warnings  # each hostile version once, though three commits name them
    for warning in warnings:
        assert warning.startswith("Attention : la version de partners.yml du commit "), warning
        assert "ignorée par le flux" in warning and "Traceback" not in warning
    assert all("zqx" not in c.detail and "zqx" not in c.title for c in changes)
    assert changes, "the clean commits are still in the feed"


def test_feed_never_republishes_a_text_removed_from_the_data(tmp_path):
    from inge43.generate.history import data_changes, render_feed

    repo, data = _history_repo(tmp_path)
    partners = data / "partners.yml"
    clean = partners.read_text(encoding="utf-8")
    secret_partner = (
        "  - id: retire-test\n"
        "    nom: Cabinet Zqxretire\n"
        "    categorie: association\n"
        "    signataire_charte: false\n"
        "    description: Texte Zqxprive publié par erreur.\n"
        "    territoire: departement\n"
        "    sources:\n      - https://retire.exemple.fr\n"
        "    verifie_le: 2026-05-01\n"
    )
    partners.write_text(
        clean.replace("  - id: agence-test\n", secret_partner + "  - id: agence-test\n").replace(
            "Service fictif qui reçoit toutes les demandes des communes.", "Ancien texte Zqxancien du guichet."
        ),
        encoding="utf-8",
    )
    _commit(repo, "Ajout puis erreur", "2026-06-02T10:00:00Z")
    partners.write_text(clean, encoding="utf-8")
    _commit(repo, "Retrait", "2026-06-03T10:00:00Z")
    feed = render_feed(data_changes(data), "https://inge43.exemple.fr/", None)
    assert "Zqx" not in feed, [line for line in feed.splitlines() if "Zqx" in line]
    assert "Partenaire retiré" in feed and "Fiche modifiée : Guichet de test" in feed


def _outlines_data(tmp_path: Path, change) -> Path:
    """A copy of the real data, whose data/contours.json is changed by `change(doc)`."""
    root = Path(__file__).parents[2]
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    doc = json.loads((data / "contours.json").read_text(encoding="utf-8"))
    change(doc)
    lines = [json.dumps({k: v for k, v in doc.items() if k != "communes"}, ensure_ascii=False)[:-1] + ', "communes": [']
    lines += [
        json.dumps(c, ensure_ascii=False) + ("," if i + 1 < len(doc["communes"]) else "")
        for i, c in enumerate(doc["communes"])
    ]
    (data / "contours.json").write_text("\n".join(lines) + "\n]}\n", encoding="utf-8")
    return data


def _outline_errors(data: Path) -> list:
    result = run_checks(data, today=TODAY)
    return [p for p in result.collector.errors if p.rule in ("contours-illisibles", "fichier-trop-grand")]


def _first(doc):
    return doc["communes"][3]


@pytest.mark.parametrize(
    ("case", "change", "words"),
    [
        ("hors-cadre", lambda d: _first(d)["anneaux"].append([5000, 5000, 5010, 5000, 5005, 5010]), "sort du cadre"),
        ("negatif", lambda d: _first(d)["anneaux"][0].__setitem__(0, -3), "sort du cadre"),
        ("texte", lambda d: _first(d)["anneaux"][0].__setitem__(1, "12"), "nombres entiers"),
        ("flottant", lambda d: _first(d)["anneaux"][0].__setitem__(1, 1e308), "nombres entiers"),
        ("impair", lambda d: _first(d)["anneaux"][0].append(7), "de 3 à"),
        ("anneau-geant", lambda d: _first(d)["anneaux"].append([10, 10, 11, 10] * 600), "de 3 à"),
        ("double", lambda d: d["communes"].append(dict(_first(d))), "déjà un contour"),
        ("anneaux-texte", lambda d: _first(d).__setitem__("anneaux", "oups"), "« anneaux »"),
        ("cadre-immense", lambda d: d.__setitem__("largeur", 10**9), "« largeur »"),
        (
            "trop-de-points",
            lambda d: [c["anneaux"].append([10, 10, 11, 10, 11, 11] * 100) for c in d["communes"][:60]],
            "points en tout",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " not in v and "«" not in v else "",
)
def test_outlines_are_validated_with_a_located_french_message(tmp_path, case, change, words):
    data = _outlines_data(tmp_path, change)
    code = _first(json.loads((Path(__file__).parents[2] / "data" / "contours.json").read_text(encoding="utf-8")))[
        "code"
    ]
    [problem] = _outline_errors(data)
    assert words in problem.message, problem.message
    assert "Traceback" not in problem.message and "Error" not in problem.message
    if case not in ("cadre-immense", "trop-de-points"):
        assert code in problem.message and problem.line > 1, (problem.message, problem.line)


def test_outlines_file_is_bounded_by_the_number_of_communes(tmp_path):
    """What 257 communes need (97 kB today) with headroom, not 50 MB."""
    data = _outlines_data(tmp_path, lambda d: d["source"].__setitem__("note", "x" * 400_000))
    [problem] = _outline_errors(data)
    assert problem.rule == "fichier-trop-grand" and "ko" in problem.message, problem.message


def test_map_drawing_stays_fast_and_light_with_hostile_outlines_within_bounds(tmp_path):
    """Rings that pass every bound but repeat one edge again and again: each drawing step stays linear."""
    import time

    from inge43.generate.maps import MapMaker

    def degenerate(doc):
        for commune in doc["communes"][:5]:
            x, y = commune["anneaux"][0][:2]
            commune["anneaux"].append([x, y, x + 1, y] * 500)  # 1,000 points, one edge used 1,000 times

    data = _outlines_data(tmp_path, degenerate)
    result = run_checks(data)  # the real data: checked on today's date, like `make check`
    assert result.ok, [str(p) for p in result.collector.errors]
    ds = result.dataset
    start = time.perf_counter()
    maps = MapMaker(ds, ds.contours)
    whole = maps.communes_map(lambda code: f"communes/{code}/")
    maps.intercommunalities_map(lambda code: None)
    maps.border()
    maps.epci_borders  # noqa: B018 - computed on first use
    for commune in ds.communes[:5]:
        maps.locator(commune)
        maps.outline([commune.code])
    assert time.perf_counter() - start < 20
    assert len(str(whole)) < 150_000  # the ceiling of the communes index map (benchmarks/RESULTATS.md)


def test_intercommunality_pages_are_built_and_refuse_entities(hostile):
    pages = sorted((hostile.site / "intercommunalites").glob("*/index.html"))
    assert len(pages) >= 2
    refused = {(name, path) for name, path, _rule in hostile.refused}
    assert ("communes.yml", "epci[1].nom") in refused, sorted(refused)
    scanned = [scan(p.read_text(encoding="utf-8")) for p in pages]
    assert any(TOKEN in s.title and "nom très long" in s.title for s in scanned)
    for path, scanner in zip(pages, scanned, strict=True):
        assert "alert(8)" not in "".join(scanner.text), path  # the refused name is nowhere


@pytest.mark.browser
def test_cut_off_titles_show_their_tooltip_as_text(browser, hostile_url, hostile):
    """Header, navigation and table of contents: Material copies a cut-off title into a tooltip, as HTML."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    tooltips = []
    try:
        for path in sorted((hostile.site / "intercommunalites").glob("*/index.html")):
            page.goto(f"{hostile_url}/{path.parent.relative_to(hostile.site).as_posix()}/")
            page.wait_for_load_state("load")
            for scroll in (0, 600):  # the header shows the page's title once its heading is scrolled away
                page.mouse.wheel(0, scroll)
                page.wait_for_timeout(200)
                for ellipsis in page.locator(".md-ellipsis").all()[:30]:
                    if ellipsis.is_visible() and ellipsis.evaluate("e => e.offsetWidth < e.scrollWidth"):
                        # Events, not the mouse: the header's two stacked titles cover each other.
                        ellipsis.dispatch_event("mouseenter")
                        page.wait_for_timeout(100)
                        ellipsis.evaluate("e => (e.closest('a') || e).dispatchEvent(new MouseEvent('mouseenter'))")
                        page.wait_for_timeout(150)
                        tooltips += page.locator(".md-tooltip2__inner, .md-tooltip__inner").all_inner_texts()
            assert page.locator(".zqx, img[src=x]").count() == 0
    finally:
        context.close()
    assert any(TOKEN in text and "<3" in text for text in tooltips), tooltips  # shown, as text
    assert dialogs == [], dialogs
    assert errors == [], errors


def test_search_entries_added_by_the_build_are_escaped_like_materials_own(tmp_path):
    """Material shows an entry's title as HTML: the commune and glossary entries are escaped once, like page titles."""
    import html

    from inge43.generate.search import commune_entries, glossary_entries
    from inge43.read.dataset import load_dataset
    from inge43.read.problems import Collector

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    name = "<img class=zqx src=x onerror=alert(1)> &ltb&gt R&D 🙂"
    for file, key, field in (("communes.yml", "communes", "nom"), ("glossary.yml", "termes", "forme_longue")):
        doc = yaml.safe_load((data / file).read_text(encoding="utf-8"))
        doc[key][0][field] = name
        (data / file).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds = load_dataset(data, Collector())
    entries = [*commune_entries(ds), *glossary_entries(ds)]
    titles = [e["title"] for e in entries if "zqx" in e["title"]]
    assert len(titles) == 2
    for title in titles:
        assert not scan(title).bad and "<" not in title, title
        shown = html.unescape(title)
        assert "<img" not in shown and "<b" not in shown and "R&D 🙂" in shown, shown
