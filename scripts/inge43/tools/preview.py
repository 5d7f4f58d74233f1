"""A built site made to open from files: the preview of a pull request (`inge43 apercu`).

MkDocs writes directory URLs (`../partenaires/cdg-43/`): served by a web server they open the
folder's index.html, but opened from files (file://, an unzipped artifact) they show a folder
listing. This rewrites every relative link to a folder of the built site into a link to its
index.html, in every HTML page, so that a reviewer unzips the artifact, opens index.html and
clicks from page to page without a terminal. Hand-written pages, generated pages and the theme's
navigation are all plain `href` attributes in the written HTML, so one rule covers them all.
"""

from __future__ import annotations

import re
from pathlib import Path

# A relative link (no scheme, not from the root) that names a folder: ends in "/", or is "." or "..",
# optionally followed by an anchor. Query strings are left alone (none point into the site).
_FOLDER_LINK = re.compile(r'href="((?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)[^"?#]*?)(/?)(#[^"]*)?"')


def _rewrite(match: re.Match[str]) -> str:
    path, slash, anchor = match.group(1), match.group(2), match.group(3) or ""
    if slash or path in (".", ".."):
        return f'href="{path}/index.html{anchor}"'
    return match.group(0)  # a file (style.css, data.json) or an empty link


def file_links(html: str) -> str:
    """The page's HTML with each relative folder link pointing at the folder's index.html."""
    return _FOLDER_LINK.sub(_rewrite, html)


def make_openable(site: Path) -> int:
    """Rewrite every HTML page of `site` in place; returns the number of pages."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = file_links(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
        count += 1
    return count
