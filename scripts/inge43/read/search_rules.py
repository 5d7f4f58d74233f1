"""The site search's rulebook (`search_rules.json`, beside this module): one declared place for
every weight, word list and rule of the search, read by both sides.

- Python reads it here: the folding of read/text.py (stop words, abbreviations) and the index that
  generate/search.py writes (field weights, page priors).
- The browser reads the same file, written into the site at build time as `assets/inge43-rules.js`
  (`rules_script`): inge43-text.js (folding, the typo rule shared by the finder and the search),
  inge43-search-words.js and the search worker (query weights, question words, derivations), and
  finder.js (`finder`: the words and weights of its reading of free words).
  Under Node (tests/js/), the scripts require the JSON file itself.

Nothing else defines a search weight or word list: a value changed here changes both sides.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).with_name("search_rules.json")
RULES: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))

# Where the build writes the rules for the browser (loaded before inge43-text.js: mkdocs.yml, the worker).
RULES_SCRIPT = "assets/inge43-rules.js"


def rules_script() -> str:
    """The rulebook as a browser script: `self.Inge43Rules = {…};`."""
    body = json.dumps({k: v for k, v in RULES.items() if k != "about"}, ensure_ascii=False, separators=(",", ":"))
    return (
        "/* Ingé 43 — the search's rulebook, written at build time from scripts/inge43/read/search_rules.json. */\n"
        f"self.Inge43Rules = {body};\n"
    )
