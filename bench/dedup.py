"""Reprint detection throughput: wirewatch's index against datasketch's MinHashLSH, same run.

    .venv/bin/python bench/dedup.py [--n 100000] [--corpus DIR] [--seed 1] [--no-datasketch]

A labelled corpus from bench/neardup/generate.py (written to a temp folder unless --corpus
names one) is decoded and normalised first, untimed. Then, timed:

- wirewatch: per batch of 1,000 documents, `MinHasher.signatures` + `band_keys` (NumPy over
  the batch) and `Store.cluster_batch` (insert into DuckDB, candidate join against every
  earlier document's band keys, verification, union-find, cluster rows), on a fresh DuckDB file.
- datasketch: per document, the same 5-word shingles (`flows.dedup.shingle_text`) into a
  `MinHash(num_perm=128)` via `update_batch`, `MinHashLSH(params=(64, 2))` query then insert
  (the same 64 bands of 2 rows), each candidate verified with the same Jaccard / containment
  thresholds and clustered with the same union-find rule.

Both clusterings are scored against truth.csv (pairwise F1, ARI). Printed: docs/s of each and
their ratio, F1/ARI of each, peak RSS, and wirewatch's time per document over the first 10k
documents against the last 10k, to show the cost per document does not grow with the corpus.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "neardup"))

from score import read_truth, score  # noqa: E402

from flows.config import DedupSettings  # noqa: E402
from flows.decoding import decode_bytes  # noqa: E402
from flows.dedup import HASH_VERSION, decide_clusters, min_hasher, plan_clusters, shingle_text  # noqa: E402
from flows.normalise import normalise_text  # noqa: E402
from flows.store import Store  # noqa: E402

BATCH = 1000
WINDOW = 10_000  # documents in the early and late windows compared for growth


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_corpus(corpus: Path) -> tuple[list[str], list[str]]:
    """(relative paths, normalised bodies) of every article listed in truth.csv."""
    truth, _ = read_truth(corpus / "truth.csv")
    paths = sorted(truth)
    bodies = []
    for relative in paths:
        text, _encoding = decode_bytes((corpus / relative).read_bytes())
        bodies.append(normalise_text(text).body)
    return paths, bodies


def run_wirewatch(
    bodies: list[str], cfg: DedupSettings, db: Path
) -> tuple[float, list[float], dict[int, str]]:
    """Seconds in total, seconds per batch, and doc index -> cluster."""
    hasher = min_hasher(cfg)
    decide = partial(decide_clusters, cfg=cfg)
    per_batch: list[float] = []
    with Store.open(db) as store:
        store.start_run("bench", "bench-dedup", "", {})
        store.ensure_dedup_params(cfg, HASH_VERSION)
        started = time.perf_counter()
        for start in range(0, len(bodies), BATCH):
            batch_started = time.perf_counter()
            chunk = bodies[start : start + BATCH]
            ids = [f"{i:08d}" for i in range(start, start + len(chunk))]
            signatures = hasher.signatures(chunk)
            keys = hasher.band_keys(signatures.values)
            store.cluster_batch(
                "bench", ids, list(range(start, start + len(chunk))), signatures, keys, decide, cfg
            )
            per_batch.append(time.perf_counter() - batch_started)
        total = time.perf_counter() - started
        _, rows = store.query("select doc_id, cluster_id from document_clusters")
    return total, per_batch, {int(doc): cluster for doc, cluster in rows}


def run_datasketch(bodies: list[str], cfg: DedupSettings) -> tuple[float, dict[int, str]]:
    """The same algorithmic choices through datasketch's MinHash and MinHashLSH."""
    from datasketch import MinHash, MinHashLSH

    rows = cfg.num_perm // cfg.bands
    lsh = MinHashLSH(num_perm=cfg.num_perm, params=(cfg.bands, rows))
    sketches: dict[str, MinHash] = {}
    sizes: dict[str, int] = {}
    cluster_of: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    started = time.perf_counter()
    k = cfg.shingle_words
    for index, body in enumerate(bodies):
        words = shingle_text(body).split()
        shingles = {" ".join(words[i : i + k]) for i in range(max(len(words) - k + 1, 1))}
        sketch = MinHash(num_perm=cfg.num_perm, seed=cfg.seed)
        sketch.update_batch([s.encode("utf-8") for s in shingles])
        key = f"{index:08d}"
        n_shingles = len(shingles)
        duplicates = []
        for other in lsh.query(sketch):
            jaccard = sketch.jaccard(sketches[other])
            smaller = min(n_shingles, sizes[other])
            containment = jaccard * (n_shingles + sizes[other]) / (1 + jaccard) / smaller
            if jaccard >= cfg.min_jaccard or (
                smaller >= cfg.min_containment_shingles and containment >= cfg.min_containment
            ):
                duplicates.append((key, other))
        plan = plan_clusters(
            [key],
            duplicates,
            {other: cluster_of[other] for _, other in duplicates},
            {key: index} | {c: int(c) for c in members},
            {cluster_of[o]: members[cluster_of[o]] for _, o in duplicates},
        )
        for doc, cluster in plan.assignments.items():
            old = cluster_of.get(doc)
            if old is not None and old != cluster and doc in members.get(old, []):
                members[old].remove(doc)
            cluster_of[doc] = cluster
            members.setdefault(cluster, []).append(doc)
        for gone in plan.merged_away:
            members.pop(gone, None)
        lsh.insert(key, sketch)
        sketches[key] = sketch
        sizes[key] = n_shingles
    total = time.perf_counter() - started
    return total, {int(doc): cluster for doc, cluster in cluster_of.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="an existing generate.py folder")
    parser.add_argument("--no-datasketch", action="store_true")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="wirewatch-bench-dedup-"))
    corpus = args.corpus
    if corpus is None:
        corpus = workdir / "corpus"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench/neardup/generate.py"),
                "--n",
                str(args.n),
                "--seed",
                str(args.seed),
                "--out",
                str(corpus),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    prep_started = time.perf_counter()
    paths, bodies = load_corpus(corpus)
    truth, _ = read_truth(corpus / "truth.csv")
    print(
        f"corpus        {corpus} ({len(bodies):,} documents, "
        f"{np.mean([len(b) for b in bodies]):.0f} chars per body; "
        f"decoded and normalised in {time.perf_counter() - prep_started:.1f} s, untimed)"
    )
    print(f"peak RSS after loading the corpus: {peak_rss_mb():.0f} MB")

    cfg = DedupSettings()
    print(f"settings      {dataclasses.asdict(cfg)}")
    ours_s, per_batch, ours_clusters = run_wirewatch(bodies, cfg, workdir / "bench.duckdb")
    ours_rss = peak_rss_mb()
    ours_scores = score(truth, {paths[i]: c for i, c in ours_clusters.items()})
    print(
        f"\nwirewatch     {len(bodies) / ours_s:9,.0f} docs/s  ({ours_s:.1f} s)   "
        f"F1 {ours_scores.f1:.4f}  ARI {ours_scores.ari:.4f}   peak RSS {ours_rss:.0f} MB"
    )
    window_batches = WINDOW // BATCH
    if len(per_batch) >= 2 * window_batches:
        early = sum(per_batch[:window_batches]) / WINDOW * 1e6
        late = sum(per_batch[-window_batches:]) / WINDOW * 1e6
        print(
            f"  per document: first {WINDOW:,} docs {early:.0f} us, last {WINDOW:,} docs "
            f"{late:.0f} us (ratio {late / early:.2f}; target <= 1.5)"
        )
    if args.no_datasketch:
        return 0
    theirs_s, theirs_clusters = run_datasketch(bodies, cfg)
    theirs_scores = score(truth, {paths[i]: c for i, c in theirs_clusters.items()})
    print(
        f"datasketch    {len(bodies) / theirs_s:9,.0f} docs/s  ({theirs_s:.1f} s)   "
        f"F1 {theirs_scores.f1:.4f}  ARI {theirs_scores.ari:.4f}   "
        f"peak RSS {peak_rss_mb():.0f} MB (process, both runs)"
    )
    print(f"\nspeed ratio   wirewatch / datasketch = {theirs_s / ours_s:.1f}x (target >= 10x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
