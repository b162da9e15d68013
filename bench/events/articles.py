"""Articles to read whole: a fixed random draw of a corpus folder and every event the coder
gave each, for a judge who lists the events a reader finds and matches them.

Usage:
    python bench/events/articles.py CORPUS_DIR --db DB --folder politics --count 10 --seed 2027 \
        --out SHEET.md

CORPUS_DIR is the corpus `bench/events/audit.py` ingested into DB (one .txt per article, in
topic folders). The draw is `random.Random(seed).sample` over the sorted file names of
CORPUS_DIR/FOLDER, so the same arguments name the same articles on every machine, before and
after a rule change. The sheet holds publishers' text paths and coded sentences: it is written
outside the repository, like the audit sheet.

Per article the sheet lists each coded mention of the database's newest coder version: CAMEO
code, source, target and the sentence. The judge writes, under each article, the events a
reader finds (who did what to whom) and marks each as coded with the right root (and actors)
or not; the score is the share of reader-found events coded with the right root.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit import AuditError, outside_repository

QUERY = Path(__file__).with_name("audit_mentions.sql")


def draw(corpus: Path, folder: str, count: int, seed: int) -> list[Path]:
    """`count` files of CORPUS/FOLDER drawn with `random.Random(seed)`, in name order."""
    names = sorted(path.name for path in (corpus / folder).glob("*.txt"))
    if len(names) < count:
        raise AuditError(f"{corpus / folder} holds {len(names)} articles, fewer than {count}")
    return [corpus / folder / name for name in sorted(random.Random(seed).sample(names, count))]


def newest_coder_version(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute(
        "select coder_version from event_mentions group by coder_version "
        "order by max(coded_at) desc limit 1"
    ).fetchone()
    if row is None:
        raise AuditError("the database holds no event mentions")
    return str(row[0])


def write_sheet(db: Path, articles: list[Path], out: Path) -> int:
    """Write the sheet; returns how many coded mentions it lists."""
    with duckdb.connect(str(db), read_only=True) as con:
        version = newest_coder_version(con)
        rows = con.execute(QUERY.read_text(), {"coder_version": version}).fetchall()
    by_path: dict[str, list[tuple]] = {}
    for row in rows:
        by_path.setdefault(str(Path(row[1]).resolve()), []).append(row)
    lines = [f"# Articles read whole (coder {version})", ""]
    listed = 0
    for article in articles:
        mentions = by_path.get(str(article.resolve()), [])
        lines += [f"## {article}", "", f"Coded mentions: {len(mentions)}", ""]
        for row in mentions:
            body, start, end = row[2], row[4], row[5]
            sentence = " ".join(body[start:end].split())
            source = f"{row[9] or '-'} ({row[10] or ''})"
            target = f"{row[11] or '-'} ({row[12] or ''})"
            lines.append(f"- {row[7]}  {source} -> {target}  date {row[13] or 'unknown'}")
            lines.append(f"  > {sentence}")
            listed += 1
        lines += ["", "Events a reader finds (judge):", "", ""]
    out.write_text("\n".join(lines))
    return listed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--folder", default="politics")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        out = outside_repository(args.out, "the sheet")
        articles = draw(args.corpus, args.folder, args.count, args.seed)
        listed = write_sheet(args.db, articles, out)
    except AuditError as exc:
        parser.error(str(exc))
    print(f"{len(articles)} articles, {listed} coded mentions -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
