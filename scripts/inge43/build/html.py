"""Lighter HTML: what the pages send to a phone, without changing what it shows.

MkDocs and Material write their templates with deep indentation and blank lines: about 11 KB
of every page is whitespace. In HTML a run of spaces and line breaks shows as one space, so a
line break followed by indentation and blank lines can become a single line break, except where
whitespace is shown as typed (`<pre>`, `<textarea>`) or is code (`<script>`, `<style>`), which
are kept byte for byte.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAK_AND_INDENT = re.compile(r"[ \t]*\n\s*")


def collapse_whitespace(html: str) -> str:
    """Each run of whitespace that holds a line break becomes one line break (outside pre, textarea, script, style)."""
    out = []
    last = 0
    for match in _KEPT.finditer(html):
        out.append(_BREAK_AND_INDENT.sub("\n", html[last : match.start()]))
        out.append(match.group(1))
        last = match.end()
    out.append(_BREAK_AND_INDENT.sub("\n", html[last:]))
    return "".join(out)
