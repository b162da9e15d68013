"""Real-article audit of the event coder: a judging sheet of sampled mentions, and its score.

Usage:
    python bench/events/audit.py CORPUS_DIR [--db PATH] [--sample 100] [--seed 16] [--out SHEET]
    python bench/events/audit.py --score SHEET

The corpus is public news kept outside the repository (never committed; the sheet holds its
sentences, so it is written outside the repository too, and the script refuses paths inside
it). The first form ingests CORPUS_DIR with ``wirewatch run`` into the database (default
``wirewatch-audit/<corpus>.duckdb`` in the temp folder; a rerun adds nothing, ``--no-ingest``
skips the run),
takes every ``event_mentions`` row of the current coder version in a fixed order, draws
``--sample`` of them with ``random.Random(--seed)`` and writes a CSV sheet: sentence, CAMEO code,
source, target, event date, document path, and empty judge columns:

- ``root_right``: y/n, is the CAMEO root right for what the sentence asserts (n for a non-event);
- ``actors_right``: y/n, are both source and target right (n when the root is wrong);
- ``date_right``: y/n, is the date right (``unknown`` is right when neither the sentence nor the
  article dates the act);
- ``gold_code``, ``note``: free text.

``--score SHEET`` counts the judged rows (a non-empty ``root_right``) and prints root right,
both actors right and date right out of them.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from wirewatch.coding.events import EventCoder  # noqa: E402

QUERY = Path(__file__).with_name("audit_mentions.sql")
# Outside the repository by default: the corpus and its sheets are publishers' text.
DEFAULT_DIR = Path(tempfile.gettempdir()) / "wirewatch-audit"
SHEET_COLUMNS = ("row", "sentence", "event_code", "root", "source", "target", "event_date",
                 "date_precision", "published", "doc_path", "root_right", "actors_right",
                 "date_right", "gold_code", "note")
JUDGE_COLUMNS = ("root_right", "actors_right", "date_right")
YES, NO = {"y", "yes", "1", "true"}, {"n", "no", "0", "false"}


class AuditError(RuntimeError):
    """A bad argument or sheet, with what to fix."""


def outside_repository(path: Path, what: str) -> Path:
    """The corpus text must never land in the repository: refuse a path inside it."""
    resolved = path.resolve()
    if resolved == REPO or REPO in resolved.parents:
        raise AuditError(f"{what} {path} is inside the repository {REPO}; audit data and "
                         f"sheets hold third-party text and must stay outside it")
    return resolved


def ingest(corpus: Path, db: Path) -> None:
    """One ``wirewatch run`` of the corpus folder (idempotent: a rerun adds nothing)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    wirewatch = Path(sys.executable).with_name("wirewatch")
    command = [str(wirewatch), "run", str(corpus), "--db", str(db), "--quiet"]
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        raise AuditError(f"wirewatch run failed with exit code {result.returncode}: "
                         f"{' '.join(command)}")


def _actor(code: str | None, name: str | None) -> str:
    if code is None:
        return ""
    return f"{code} ({name})" if name else code


def sample_rows(db: Path, corpus: Path, n: int, seed: int) -> tuple[list[dict[str, str]], int, str]:
    """The sheet rows of ``n`` mentions drawn with ``seed`` from the current coder's mentions,
    in the query's fixed order; also the number of mentions and the coder version."""
    version = EventCoder.load().version
    con = duckdb.connect(str(db), read_only=True)
    try:
        mentions = con.execute(QUERY.read_text(encoding="utf-8"),
                               {"coder_version": version}).fetchall()
    finally:
        con.close()
    if not mentions:
        raise AuditError(f"{db} holds no event mentions of coder {version}; "
                         f"run `wirewatch recode --db {db}` or ingest the corpus again")
    picked = sorted(random.Random(seed).sample(range(len(mentions)), min(n, len(mentions))))
    rows = []
    for number, index in enumerate(picked, start=1):
        (_doc_id, source_path, body, published, s_start, s_end, _ev_start, code, root,
         a1_code, a1_name, a2_code, a2_name, event_date, precision) = mentions[index]
        path = Path(source_path)
        try:
            shown_path = str(path.resolve().relative_to(corpus))
        except ValueError:
            shown_path = source_path
        rows.append({
            "row": str(number),
            "sentence": " ".join(body[s_start:s_end].split()),
            "event_code": code,
            "root": root,
            "source": _actor(a1_code, a1_name),
            "target": _actor(a2_code, a2_name),
            "event_date": "" if event_date is None else event_date.isoformat(),
            "date_precision": precision,
            "published": "" if published is None else published.isoformat(),
            "doc_path": shown_path,
            **{column: "" for column in (*JUDGE_COLUMNS, "gold_code", "note")},
        })
    return rows, len(mentions), version


def write_sheet(rows: Sequence[dict[str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _verdict(value: str, column: str, row: str) -> bool | None:
    value = value.strip().lower()
    if not value or value in {"na", "n/a", "-"}:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise AuditError(f"row {row}: {column}={value!r} is not y or n")


def score_sheet(path: Path) -> dict[str, int]:
    """Counts over the judged rows (those with a root_right verdict)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("row", *JUDGE_COLUMNS) if c not in (reader.fieldnames or [])]
        if missing:
            raise AuditError(f"{path}: not an audit sheet, missing column(s) {', '.join(missing)}")
        rows = list(reader)
    counts = {"rows": len(rows), "judged": 0, "root_right": 0, "actors_right": 0,
              "date_judged": 0, "date_right": 0}
    for row in rows:
        root = _verdict(row["root_right"], "root_right", row["row"])
        if root is None:
            continue
        counts["judged"] += 1
        counts["root_right"] += root
        counts["actors_right"] += bool(_verdict(row["actors_right"], "actors_right", row["row"]))
        date = _verdict(row["date_right"], "date_right", row["row"])
        if date is not None:
            counts["date_judged"] += 1
            counts["date_right"] += date
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of article .txt files")
    parser.add_argument("--db", type=Path, help="DuckDB file (default: a temp folder)")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out", type=Path, help="sheet CSV (default: a temp folder)")
    parser.add_argument("--no-ingest", action="store_true", help="reuse the database as it is")
    parser.add_argument("--score", type=Path, metavar="SHEET", help="score a judged sheet")
    args = parser.parse_args(argv)
    try:
        if args.score is not None:
            counts = score_sheet(args.score)
            judged = counts["judged"]
            print(f"sheet: {args.score}  rows: {counts['rows']}  judged: {judged}")
            print(f"root right:         {counts['root_right']} of {judged}")
            print(f"both actors right:  {counts['actors_right']} of {judged}")
            print(f"date right:         {counts['date_right']} of {counts['date_judged']} "
                  f"judged for date")
            return 0
        if args.corpus is None:
            parser.error("give CORPUS_DIR, or --score SHEET")
        if args.sample < 1:
            parser.error("--sample must be at least 1")
        corpus = outside_repository(args.corpus, "corpus")
        if not corpus.is_dir():
            raise AuditError(f"corpus {args.corpus} is not a folder")
        db = outside_repository(args.db or DEFAULT_DIR / f"{corpus.name}.duckdb", "database")
        out = outside_repository(args.out or DEFAULT_DIR / f"{corpus.name}-sheet-seed{args.seed}"
                                 f"-n{args.sample}.csv", "sheet")
        if not args.no_ingest:
            ingest(corpus, db)
        elif not db.is_file():
            raise AuditError(f"--no-ingest given but {db} does not exist")
        rows, n_mentions, version = sample_rows(db, corpus, args.sample, args.seed)
        write_sheet(rows, out)
        print(f"coder {version}: {n_mentions} mentions in {db}; sampled {len(rows)} "
              f"(seed {args.seed}) -> {out}")
        return 0
    except AuditError as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
