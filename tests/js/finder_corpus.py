"""Write the finder.json on which tests/js/finder-why-not.test.js checks the script's reasons: the
valid fixture with an offer limited to 500-1,000 inhabitants and communes at its limits
(tests/population_limits.py), once per case, as finder.py writes it for the site.

Prints JSON: {case: finder.json's data, …}. Run by the node test (`node --test tests/js/`) with
the project's Python (`.venv/bin/python`, or $PYTHON).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: population_limits

from inge43.generate.finder import finder_data
from population_limits import ABOVE, BELOW, limited_dataset


def main() -> None:
    out = {}
    for name, cases in (("above", ABOVE), ("below", BELOW)):
        with tempfile.TemporaryDirectory() as tmp:
            out[name] = finder_data(limited_dataset(Path(tmp), cases))
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
