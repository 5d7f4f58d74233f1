"""Links of the built site: internal links and anchors must resolve; external ones are listed.

`internal_problems` runs offline (tests). `check_external` makes requests to other hosts:
it is for a person to run online (`make linkcheck`), never in CI.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {key: value for key, value in attr_list if value}
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "xlink:href", "src"):  # xlink:href: the links on the maps
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append(attrs[key])


@dataclass(frozen=True)
class BrokenLink:
    page: str
    link: str
    reason: str


def _parse(file: Path) -> _Links:
    parser = _Links()
    parser.feed(file.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target(site: Path, page: Path, link: str) -> Path:
    path = unquote(urlsplit(link).path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def scan(site: Path) -> tuple[list[BrokenLink], dict[str, list[str]]]:
    """Broken internal links (with anchors) and external links -> pages that use them."""
    site = Path(site).resolve()
    pages = sorted(site.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    broken: list[BrokenLink] = []
    external: dict[str, list[str]] = defaultdict(list)
    for page, info in parsed.items():
        name = page.relative_to(site).as_posix()
        for link in info.links:
            scheme = urlsplit(link).scheme
            if scheme in ("http", "https") or link.startswith("//"):
                external[link].append(name)
                continue
            if scheme in SKIPPED_SCHEMES:
                continue
            url, fragment = urldefrag(link)
            target = _target(site, page, url)
            if not target.exists():
                broken.append(BrokenLink(name, link, "fichier introuvable"))
                continue
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(BrokenLink(name, link, f"ancre « {fragment} » introuvable"))
    return broken, dict(external)


def check_external(urls: list[str], timeout: float = 15) -> dict[str, str]:
    """Status of each external URL ("ok" or the problem). Makes network requests."""
    status = {}
    for url in urls:
        request = urllib.request.Request(url, method="GET", headers={"User-Agent": "inge43-linkcheck"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status[url] = "ok" if response.status < 400 else f"code {response.status}"
        except urllib.error.HTTPError as exc:
            status[url] = f"code {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            status[url] = f"injoignable ({getattr(exc, 'reason', exc)})"
    return status
