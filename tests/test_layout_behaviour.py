"""The package restructure changed no result: a run over the bundled `seeds/` gives the same
documents, sightings, story clusters, event mentions and events as the flat `flows/` layout did.

`tests/data/seeds_behaviour.jsonl` is that layout's dump (commit 10c1d2a, `wirewatch run seeds`,
then `python tests/behaviour_dump.py DB <seeds folder>`). A deliberate change to what a run
produces (a coder rule, a normaliser fix) regenerates it with the same two commands and says so
in its commit.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from behaviour_dump import dump_lines
from helpers import REPO_ROOT, ingest

SNAPSHOT = REPO_ROOT / "tests" / "data" / "seeds_behaviour.jsonl"


def test_a_run_over_the_seeds_matches_the_flat_layouts_dump(
    prefect: str, seeds_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "seeds.duckdb"
    ingest(seeds_copy, db)
    now = list(dump_lines(str(db), str(seeds_copy.resolve())))
    before = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    assert len(now) == len(before) > 100
    diff = list(difflib.unified_diff(before, now, "flat layout", "package layout", lineterm=""))
    assert diff == [], "\n".join(diff[:40])
