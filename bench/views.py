"""Cost of the analyst views, the exports and the report over a synthetic event table.

    .venv/bin/python bench/views.py [--events 1000000] [--docs 200000] [--keep DIR]

Creates a fresh database with `Store.open`, fills it from `bench/views_data.sql` (N events
over 365 days among 40 actors, 1.5 mentions per event, one story cluster per 4 documents, 2 %
of events undated) and prints, each measured once on a warm database:

- seconds to materialise every view in full (`create temp table ... as select * from view`);
- seconds and output size of `export_events` in each format, with mentions;
- seconds to collect the report (every report query) and to render its HTML with the charts;
- peak RSS of this process.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from wirewatch.analytics import report
from wirewatch.analytics.export import EXPORT_FORMATS, export_events
from wirewatch.store.store import Store, list_views

DATA_SQL = Path(__file__).with_name("views_data.sql")


def fill(db: Path, n_events: int, n_docs: int) -> float:
    """Run views_data.sql statement by statement; returns the seconds it took."""
    params = {"n_events": n_events, "n_docs": n_docs, "n_mentions": n_events * 3 // 2}
    started = time.perf_counter()
    with duckdb.connect(str(db)) as con:
        for statement in DATA_SQL.read_text(encoding="utf-8").split(";\n"):
            statement = "\n".join(
                line for line in statement.splitlines() if not line.lstrip().startswith("--")
            )
            if not statement.strip():
                continue
            used = {name: params[name] for name in set(re.findall(r"\$(\w+)", statement))}
            con.execute(statement, used or None)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the database and outputs in")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="wirewatch-bench-views-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "views.duckdb"
    db.unlink(missing_ok=True)
    Store.open(db).close()
    seconds_fill = fill(db, args.events, args.docs)
    print(f"events {args.events:,}, mentions {args.events * 3 // 2:,}, documents {args.docs:,}"
          f" (filled in {seconds_fill:.1f} s)")

    with Store.open(db, read_only=True) as store:
        print("\nview                              rows     seconds")
        for name, _text in list_views():
            started = time.perf_counter()
            store.query(f"create or replace temp table bench_view as select * from {name}")
            seconds = time.perf_counter() - started
            _, count = store.query("select count(*) from bench_view")
            print(f"{name:<30} {count[0][0]:>10,} {seconds:>9.2f}")

        print("\nexport (with mentions)   seconds   MB")
        for fmt in EXPORT_FORMATS:
            out = work / f"export-{fmt}"
            shutil.rmtree(out, ignore_errors=True)
            started = time.perf_counter()
            result = export_events(store, fmt, out, include_mentions=True)
            seconds = time.perf_counter() - started
            size_mb = sum(path.stat().st_size for path, _ in result.files) / 1e6
            print(f"{fmt:<24} {seconds:>8.2f} {size_mb:>6.1f}")

        started = time.perf_counter()
        collected = report.collect_report(store.named_query)
        seconds_collect = time.perf_counter() - started
    started = time.perf_counter()
    page = report.render_html(collected)
    seconds_render = time.perf_counter() - started
    (work / "report.html").write_text(page, encoding="utf-8")
    print(f"\nreport: queries {seconds_collect:.2f} s, HTML with charts {seconds_render:.2f} s "
          f"({len(page) / 1e3:.0f} kB, {len(collected.index_series)} days charted)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:.0f} MB")
    if args.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
