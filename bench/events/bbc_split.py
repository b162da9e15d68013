"""Write the BBC News 2004-2005 corpus as one .txt file per article, outside the repository.

Usage:
    python bench/events/bbc_split.py CSV_DIR OUT_DIR

CSV_DIR holds `train.csv`, `test.csv` and `val.csv` (columns `text`, `category`), as published
in the public repository LTSACH/AILearningHub under `datasets/bbcnews/data/`. The script writes

- `OUT_DIR/bbc-dev/<category>/val-NNN.txt`: the development split rules may be tuned on;
- `OUT_DIR/bbc-audit/<category>/{train,test}-NNN.txt`: the audit split, never read while
  rules are written.

NNN is the row's 0-based position in its file, zero-padded to three digits, so a judged sheet's
document paths name the same article on every machine. The corpus is publishers' text: the
script refuses an output folder inside the repository.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPLITS = {"val": "bbc-dev", "train": "bbc-audit", "test": "bbc-audit"}
_SAFE_CATEGORY = re.compile(r"[^a-z0-9_-]+")


def write_split(csv_path: Path, out_root: Path, split: str) -> int:
    """Write one CSV's rows as files; returns how many were written."""
    written = 0
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            category = _SAFE_CATEGORY.sub("_", row["category"].strip().lower()) or "unknown"
            folder = out_root / SPLITS[split] / category
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{split}-{index:03d}.txt").write_text(row["text"].strip() + "\n")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    out = args.out_dir.resolve()
    if out == REPO or REPO in out.parents:
        parser.error(f"{out} is inside the repository; the corpus must stay outside it")
    for split in SPLITS:
        source = args.csv_dir / f"{split}.csv"
        if not source.is_file():
            parser.error(f"{source} is missing (expected train.csv, test.csv and val.csv)")
        print(f"{split}: {write_split(source, out, split)} articles -> {out / SPLITS[split]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
