"""Peak memory of one `ingest-folder` run over a single one-line file of ~20 MB.

    .venv/bin/python bench/huge_line.py [--mb 19.5] [--seed 3]

The file is synthetic agency copy (bench/corpus.py articles) with every line break replaced
by a space, so the whole file is one line of prose, just under the default 20 MB size cap.
The script starts the same temporary Prefect server `wirewatch run` starts, runs the real
flow in this process (read, normalise, store, dedup, event coding), and prints this process's
peak RSS before and after the flow (the server is a separate process and not counted), the
flow's wall time and what was stored.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_article


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / per_mb


def write_one_line_file(path: Path, n_bytes: int, seed: int) -> int:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        text = " ".join(make_article(rng, 3000).text.split())
        parts.append(text)
        size += len(text.encode("utf-8")) + 1
    data = " ".join(parts).encode("utf-8")[:n_bytes]
    path.write_bytes(data.rsplit(b" ", 1)[0] + b"\n")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=19.5, help="file size in MiB (19.5)")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="wirewatch-huge-line-") as work:
        folder = Path(work) / "in"
        folder.mkdir()
        n_bytes = write_one_line_file(folder / "huge.txt", int(args.mb * 1024 * 1024), args.seed)
        db = Path(work) / "huge.duckdb"

        import duckdb
        from prefect.settings import PREFECT_API_URL

        from flows.ingest_folder import ingest_folder
        from wirewatch.orchestration.local_server import prefect_api

        ephemeral = not PREFECT_API_URL.value()
        with prefect_api():
            rss_before = peak_rss_mb()
            started = time.perf_counter()
            summary = ingest_folder(path=str(folder), db=str(db), settle_seconds=0)
            seconds = time.perf_counter() - started
        rss_after = peak_rss_mb()
        with duckdb.connect(str(db), read_only=True) as con:
            n_chars = con.execute("select max(n_chars) from documents").fetchone()[0]
            coded = con.execute("select * from coded_documents").fetchall()
            columns = [d[0] for d in con.description or []]
            quarantined = con.execute("select reason, detail from quarantine").fetchall()

    print(f"file: {n_bytes:,} bytes on one line; temporary Prefect server: {ephemeral}")
    print(f"stored: {summary['n_documents_new']} document(s), body {n_chars:,} chars")
    for row in coded:
        print("coded_documents:", dict(zip(columns, row, strict=True)))
    print(f"quarantined: {quarantined}")
    print(f"flow wall time: {seconds:.1f} s")
    print(f"peak RSS before the flow: {rss_before:.0f} MB")
    print(f"peak RSS after the flow:  {rss_after:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
