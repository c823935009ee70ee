"""Check the project's own seed facts against the reference copies in ../shared.

``tests/data/seeds_expected.json`` (what the tests assert) must hold the same articles as
``../shared/eval/seeds_gold/seeds_gold.json``, and ``seeds/`` the same files as ``../shared/seeds``.
The tests never read ../shared (a user's clone has none); this script is how the two are kept equal.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    problems = []
    ours = json.loads((ROOT / "tests" / "data" / "seeds_expected.json").read_text(encoding="utf-8"))["articles"]
    theirs = json.loads((SHARED / "eval" / "seeds_gold" / "seeds_gold.json").read_text(encoding="utf-8"))["articles"]
    if ours != theirs:
        problems.append("tests/data/seeds_expected.json differs from ../shared/eval/seeds_gold/seeds_gold.json")
    files = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for name in files:
        if (ROOT / "seeds" / name).read_bytes() != (SHARED / "seeds" / name).read_bytes():
            problems.append(f"seeds/{name} differs from ../shared/seeds/{name}")
    shared_files = sorted(p.name for p in (SHARED / "seeds").glob("*.txt"))
    if files != shared_files:
        problems.append(f"seed files differ: ours {files}, shared {shared_files}")
    print(f"seed facts: {len(ours)} articles, {len(files)} seed files;", "equal" if not problems else "DIFFERENT")
    for p in problems:
        print(" -", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
