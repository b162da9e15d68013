"""Reprint detection throughput: wirewatch's index against datasketch's MinHashLSH, same run.

    .venv/bin/python bench/dedup.py [--n 100000] [--corpus DIR] [--seed 1] [--no-datasketch]
                                    [--profile] [--set FIELD=VALUE ...]

A labelled corpus from bench/neardup/generate.py (written to a temp folder unless --corpus
names one) is decoded and normalised first, untimed. Then, timed:

- wirewatch: per batch of 1,000 documents, `MinHasher.signatures` + `band_keys` (NumPy over
  the batch) and `Store.cluster_batch` (lookup of the batch's band keys in the band-key index,
  wirewatch/dedup/bandindex.py; insert into DuckDB, candidate pairs, verification, union-find,
  cluster
  rows; the index's append after the commit), on a fresh DuckDB file.
- datasketch: per document, the same 5-word shingles (`wirewatch.dedup.reprints.shingle_text`) into
  a
  `MinHash(num_perm=128)` via `update_batch`, `MinHashLSH(params=(64, 2))` query then insert
  (the same 64 bands of 2 rows), each candidate verified with the same Jaccard / containment
  thresholds and clustered with the same union-find rule.

Both clusterings are scored against truth.csv (pairwise F1, ARI). Printed: docs/s of each and
their ratio, F1/ARI of each, peak RSS, and wirewatch's time per document over the first 10k
documents against the last 10k, to show whether the cost per document grows with the corpus.
The same windows are also given in CPU time of this process (DuckDB's threads included),
which other processes on a shared machine disturb less than wall-clock time, and for
datasketch's per-document CPU time.

The generator spreads each family's copies uniformly over the corpus, so a document in the last
window has many more earlier copies of its story to be matched and clustered with than one in
the first (printed: about 0.1 against 1.8 at any corpus size): part of the growth between the
windows is that work, not the corpus size. Two figures separate them: datasketch's own ratio on
the same documents, and the CPU per document over the last 10 % of the corpus, where documents
have the same share of their family before them at any size, so that a run at --n 10000 and
one at --n 100000 compare by corpus size alone.

--compare-corpus names a smaller generate.py corpus (the same mix, e.g. --n 10000 --seed 1)
that wirewatch clusters in this run into a second store, its batches interleaved with the main
corpus's so that both reach each fraction of their corpus at the same moment (a shared
machine's speed drifts over minutes, by up to 2x in this project's runs). Printed: the time
per document of each whole run and the CPU per document over each last 10 %, and their
ratios: the issue's "per-document time at 100k within 1.5x of that at 10k", measured on corpora
whose documents have the same share of their family before them.

--set overrides a DedupSettings field (e.g. --set min_shared_bands=1), to see what a setting
costs or gains in speed and F1 on the same corpus.

--profile times every SQL statement `Store.cluster_batch` runs (by wrapping
`Store._execute`), plus hashing, the band-key index steps and `decide_clusters`, and prints
the mean per batch in the first and last windows: where the growth is.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "neardup"))

from score import read_truth, score  # noqa: E402

from wirewatch.config import DedupSettings  # noqa: E402
from wirewatch.dedup import bandindex  # noqa: E402
from wirewatch.dedup.reprints import (  # noqa: E402
    HASH_VERSION,
    decide_clusters,
    min_hasher,
    plan_clusters,
    shingle_text,
)
from wirewatch.ingest.decoding import decode_bytes  # noqa: E402
from wirewatch.ingest.normalise import normalise_text  # noqa: E402
from wirewatch.schemas import Document  # noqa: E402
from wirewatch.store.store import Store  # noqa: E402

BATCH = 1000
WINDOW = 10_000  # documents in the early and late windows compared for growth
HASHING = "signatures + band keys (NumPy)"
# Band-key index steps timed under --profile, besides every SQL file.
INDEX_STEPS = (
    (Store, "_lookup_band_keys", "band index lookup (NumPy)"),
    (bandindex, "count_shared_bands", "count shared bands (NumPy)"),
    (bandindex, "rows_to_index", "bucket cap (NumPy)"),
    (Store, "_update_band_index", "band index append + merge"),
    (Store, "_exact_verdicts", "exact verification (NumPy)"),
    (Store, "_commit", "commit (DuckDB, with any checkpoint)"),
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class BatchClock:
    """Wall and CPU seconds per batch, and, when profiling, seconds per step per batch."""

    def __init__(self, profile: bool) -> None:
        self.profile = profile
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.steps: list[dict[str, float]] = []
        self.step_cpu: list[dict[str, float]] = []
        self.close_seconds = 0.0  # closing the store (final checkpoint), after the batches
        self.in_batch = False  # steps are recorded only inside this clock's own batches

    @contextmanager
    def batch(self) -> Iterator[None]:
        self.steps.append(collections.defaultdict(float))
        self.step_cpu.append(collections.defaultdict(float))
        wall, cpu = time.perf_counter(), time.process_time()
        self.in_batch = True
        try:
            yield
        finally:
            self.in_batch = False
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)

    def step(self, name: str, function: Callable[..., Any], *args: Any) -> Any:
        if not (self.profile and self.in_batch):  # set-up, or another run's batch
            return function(*args)
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args)
        finally:
            self.steps[-1][name] += time.perf_counter() - started
            self.step_cpu[-1][name] += time.process_time() - started_cpu

    @contextmanager
    def statements(self) -> Iterator[None]:
        """Time each SQL file Store runs, under its file name, and the band-key index steps."""
        if not self.profile:
            yield
            return
        original = Store._execute

        def timed(store: Store, relative: str, params: Any = None) -> Any:
            return self.step(Path(relative).name, original, store, relative, params)

        patched: list[tuple[Any, str, Any]] = [(Store, "_execute", timed)]
        for owner, name, label in INDEX_STEPS:
            function = getattr(owner, name)
            patched.append((owner, name, self._timed(label, function)))
        saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]
        for owner, name, replacement in patched:
            setattr(owner, name, replacement)
        try:
            yield
        finally:
            for owner, name, function in saved:
                setattr(owner, name, function)

    def _timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            return self.step(label, partial(function, **kwargs), *args)

        return timed


def load_corpus(corpus: Path) -> tuple[list[str], list[str]]:
    """(relative paths, normalised bodies) of every article listed in truth.csv."""
    truth, _ = read_truth(corpus / "truth.csv")
    paths = sorted(truth)
    bodies = []
    for relative in paths:
        text, _encoding = decode_bytes((corpus / relative).read_bytes())
        bodies.append(normalise_text(text).body)
    return paths, bodies


def store_documents(store: Store, paths: list[str], bodies: list[str]) -> None:
    """The documents and document_sources tables as ingest leaves them before clustering
    (doc_seq i + 1 for body i), so that the cluster aggregates join real sources. Untimed,
    like decoding."""
    for start in range(0, len(bodies), BATCH):
        documents = [
            Document(
                doc_id=f"{i:08d}", source_path=paths[i], seq=i, size=len(bodies[i]), mtime_ns=0,
                sha256=f"{i:064x}", encoding="utf-8", title=None, byline=None, outlet=None,
                url=None, published_date=None, dateline_place=None, dateline_month=None,
                dateline_day=None, dateline_agency=None, dateline_raw=None, lang="en",
                lang_prob=1.0, n_chars=len(bodies[i]), body=bodies[i], normaliser_version="bench",
            )
            for i in range(start, min(start + BATCH, len(bodies)))
        ]
        store.write_batch("bench", documents, [], {})


def run_wirewatch(
    paths: list[str], bodies: list[str], cfg: DedupSettings, db: Path, clock: BatchClock
) -> tuple[float, dict[int, str]]:
    """Seconds in total and doc index -> cluster; per-batch times go to `clock`."""
    batches = wirewatch_batches(paths, bodies, cfg, db, clock)
    while True:
        try:
            next(batches)
        except StopIteration as done:
            return done.value


def wirewatch_batches(
    paths: list[str], bodies: list[str], cfg: DedupSettings, db: Path, clock: BatchClock
) -> Generator[None, None, tuple[float, dict[int, str]]]:
    """`run_wirewatch` one batch per step, so two runs can be interleaved; the time between
    steps is not counted."""
    hasher = min_hasher(cfg)
    decide = partial(clock.step, "decide_clusters (Python)", partial(decide_clusters, cfg=cfg))
    with Store.open(db) as store:
        store.start_run("bench", "bench-dedup", "", {})
        store_documents(store, paths, bodies)
    with Store.open(db) as store, clock.statements():
        store.ensure_dedup_params(cfg, HASH_VERSION)
        started = time.perf_counter()
        for start in range(0, len(bodies), BATCH):
            with clock.batch():
                chunk = bodies[start : start + BATCH]
                ids = [f"{i:08d}" for i in range(start, start + len(chunk))]
                seqs = list(range(start + 1, start + len(chunk) + 1))  # documents.doc_seq
                signatures = clock.step(HASHING, hasher.signatures, chunk)
                keys = clock.step(HASHING, hasher.band_keys, signatures.values)
                store.cluster_batch("bench", ids, seqs, signatures, keys, decide, cfg)
            paused = time.perf_counter()
            yield
            started += time.perf_counter() - paused
        loop_ended = time.perf_counter()
        _, rows = store.query("select doc_id, cluster_id from document_clusters")
        query_ended = time.perf_counter()
    # Closing checkpoints what the batches left in the write-ahead log: part of the cost.
    clock.close_seconds = time.perf_counter() - query_ended
    total = loop_ended - started + clock.close_seconds
    return total, {int(doc): cluster for doc, cluster in rows}


@dataclasses.dataclass(frozen=True)
class RunCost:
    """Per-document cost of one wirewatch run over a corpus."""

    n_docs: int
    seconds_per_doc: float  # whole run, wall clock, as docs/s counts it
    tail_cpu_per_doc: float  # CPU over the last 10 % of batches


def run_cost(n_docs: int, seconds: float, clock: BatchClock) -> RunCost:
    n_batches = max(1, len(clock.cpu) // 10)
    tail_docs = min(n_docs, n_batches * BATCH)
    return RunCost(n_docs, seconds / n_docs, sum(clock.cpu[-n_batches:]) / tail_docs)


def interleaved_runs(
    large: tuple[list[str], list[str]],
    small: tuple[list[str], list[str]],
    cfg: DedupSettings,
    workdir: Path,
    clock: BatchClock,
) -> tuple[float, dict[int, str], RunCost]:
    """Cluster both corpora, each into its own store, with their batches interleaved so that
    both are at the same fraction of their corpus at any moment (one small batch per
    len(large) / len(small) large ones). A shared machine's speed drifts over minutes; this
    way each corpus's last 10 % runs at the same time, under the same conditions."""
    small_clock = BatchClock(profile=False)
    large_run = wirewatch_batches(*large, cfg, workdir / "bench.duckdb", clock)
    small_run = wirewatch_batches(*small, cfg, workdir / "small.duckdb", small_clock)
    large_result = small_result = None
    n_large = n_small = 0
    while large_result is None or small_result is None:
        # Advance whichever run is behind in its share of batches (ties: the large one).
        large_share = n_large / -(-len(large[1]) // BATCH)
        small_share = n_small / -(-len(small[1]) // BATCH)
        if large_result is None and (small_result is not None or large_share <= small_share):
            try:
                next(large_run)
                n_large += 1
            except StopIteration as done:
                large_result = done.value
        else:
            try:
                next(small_run)
                n_small += 1
            except StopIteration as done:
                small_result = done.value
    seconds, clusters = large_result
    return seconds, clusters, run_cost(len(small[1]), small_result[0], small_clock)


def print_size_comparison(small: RunCost, large: RunCost) -> None:
    """The main corpus's per-document cost against the smaller corpus's, run interleaved."""
    whole, tail, n_small = small.seconds_per_doc, small.tail_cpu_per_doc, small.n_docs
    print(f"  per document at {large.n_docs:,} against {n_small:,} documents (both runs "
          f"interleaved batch by batch):")
    print(f"    whole run, wall   {n_small:>7,}: {whole * 1e6:5.0f} us   {large.n_docs:>7,}: "
          f"{large.seconds_per_doc * 1e6:5.0f} us   ratio {large.seconds_per_doc / whole:.2f} "
          f"(target <= 1.5)")
    print(f"    last 10 %, CPU    {n_small:>7,}: {tail * 1e6:5.0f} us   {large.n_docs:>7,}: "
          f"{large.tail_cpu_per_doc * 1e6:5.0f} us   ratio {large.tail_cpu_per_doc / tail:.2f} "
          f"(target <= 1.5)")


def earlier_family_members(paths: list[str], truth: dict[str, str]) -> list[int]:
    """For each document in ingest order, how many earlier documents are of its family: the
    copies it must be matched, verified and clustered with."""
    seen: collections.Counter[str] = collections.Counter()
    earlier = []
    for path in paths:
        earlier.append(seen[truth[path]])
        seen[truth[path]] += 1
    return earlier


def print_tail(clock: BatchClock, n_docs: int) -> None:
    """CPU per document over the last 10 % of the documents: where a document has about the
    same share of its family before it whatever the corpus size, so runs of different sizes
    compare by corpus size alone."""
    n_batches = max(1, len(clock.cpu) // 10)
    tail_docs = min(n_docs, n_batches * BATCH)
    print(f"  per document, CPU, last 10 % ({tail_docs:,} docs): "
          f"{sum(clock.cpu[-n_batches:]) / tail_docs * 1e6:.0f} us")


def print_growth(clock: BatchClock) -> None:
    """Per-document cost in the first and last WINDOW documents, and, when profiling, where
    each batch's time went in both windows."""
    window = WINDOW // BATCH
    if len(clock.wall) < 2 * window:
        return
    for label, series in (("wall", clock.wall), ("CPU ", clock.cpu)):
        early = sum(series[:window]) / WINDOW * 1e6
        late = sum(series[-window:]) / WINDOW * 1e6
        print(
            f"  per document, {label}: first {WINDOW:,} docs {early:.0f} us, last {WINDOW:,} "
            f"docs {late:.0f} us (ratio {late / early:.2f}; with the growing family work)"
        )
    if not clock.profile:
        return
    print(
        f"  ms per batch of {BATCH:,}             wall: first {WINDOW // 1000}k  last "
        f"{WINDOW // 1000}k    CPU: first {WINDOW // 1000}k  last {WINDOW // 1000}k"
    )
    names = sorted({name for steps in clock.steps for name in steps})
    for name in sorted(names, key=lambda n: -sum(s[n] for s in clock.step_cpu[-window:])):
        figures = [
            sum(s[name] for s in series[part]) / window * 1e3
            for series in (clock.steps, clock.step_cpu)
            for part in (slice(None, window), slice(-window, None))
        ]
        wall_early, wall_late, cpu_early, cpu_late = figures
        print(
            f"    {name:34s} {wall_early:10.1f} {wall_late:8.1f} {cpu_early:14.1f} {cpu_late:7.1f}"
        )


def run_datasketch(
    bodies: list[str], cfg: DedupSettings, per_doc: list[float] | None = None
) -> tuple[float, dict[int, str]]:
    """The same algorithmic choices through datasketch's MinHash and MinHashLSH; `per_doc`
    receives the CPU seconds of each document."""
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
        doc_started = time.process_time()
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
        if per_doc is not None:
            per_doc.append(time.process_time() - doc_started)
    total = time.perf_counter() - started
    return total, {int(doc): cluster for doc, cluster in cluster_of.items()}


def _pairs_of(clusters: dict[int, str]) -> set[tuple[int, int]]:
    """Every pair (i < j) of documents put in one cluster."""
    members: dict[str, list[int]] = collections.defaultdict(list)
    for doc, cluster in clusters.items():
        members[cluster].append(doc)
    pairs: set[tuple[int, int]] = set()
    for docs in members.values():
        ordered = sorted(docs)
        pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return pairs


def print_differences(
    paths: list[str],
    bodies: list[str],
    corpus: Path,
    ours: dict[int, str],
    theirs: dict[int, str],
    cfg: DedupSettings,
    limit: int,
) -> None:
    """The pairs one clustering gets right and the other wrong, with exact and estimated
    similarities: where an F1 difference comes from."""
    from datasketch import MinHash

    family, kind = read_truth(corpus / "truth.csv")
    truth = _pairs_of({i: family[path] for i, path in enumerate(paths)})
    our_pairs, their_pairs = _pairs_of(ours), _pairs_of(theirs)
    hasher = min_hasher(cfg)
    k = cfg.shingle_words

    def shingles(i: int) -> set[str]:
        words = shingle_text(bodies[i]).split()
        return {" ".join(words[j : j + k]) for j in range(max(len(words) - k + 1, 1))}

    def describe(a: int, b: int) -> str:
        sa, sb = shingles(a), shingles(b)
        exact = len(sa & sb) / len(sa | sb)
        containment = len(sa & sb) / min(len(sa), len(sb))
        sig = hasher.signatures([bodies[a], bodies[b]]).values
        ours_j = float((sig[0] == sig[1]).mean())
        sketches = []
        for shingle_set in (sa, sb):
            sketch = MinHash(num_perm=cfg.num_perm, seed=cfg.seed)
            sketch.update_batch([s.encode("utf-8") for s in shingle_set])
            sketches.append(sketch)
        theirs_j = sketches[0].jaccard(sketches[1])
        return (
            f"{kind[paths[a]]:9s} {kind[paths[b]]:9s} same={(a, b) in truth!s:5s} "
            f"J {exact:.3f} (OPH {ours_j:.3f}, datasketch {theirs_j:.3f})  "
            f"containment {containment:.3f}  shingles {len(sa)}/{len(sb)}"
        )

    for title, wrong, right in (
        ("pairs datasketch gets right and wirewatch wrong", our_pairs, their_pairs),
        ("pairs wirewatch gets right and datasketch wrong", their_pairs, our_pairs),
    ):
        missed = sorted((right & truth) - wrong)  # found by one, missed by the other
        extra = sorted((wrong - truth) - right)  # wrongly joined by one only
        print(f"\n{title}: {len(missed)} true pairs missed, {len(extra)} false pairs joined")
        for a, b in [*missed[:limit], *extra[:limit]]:
            print(f"  {paths[a]} {paths[b]}  {describe(a, b)}")


def settings_with(overrides: list[str]) -> DedupSettings:
    """DedupSettings with FIELD=VALUE overrides, each converted to the field's default's type."""
    defaults = DedupSettings()
    changes: dict[str, Any] = {}
    for override in overrides:
        field, _, value = override.partition("=")
        if not hasattr(defaults, field) or not value:
            raise SystemExit(f"--set {override}: expected FIELD=VALUE with a DedupSettings field")
        changes[field] = type(getattr(defaults, field))(value)
    cfg = dataclasses.replace(defaults, **changes)
    cfg.validate()
    return cfg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="an existing generate.py folder")
    parser.add_argument("--no-datasketch", action="store_true")
    parser.add_argument("--profile", action="store_true", help="time each step per batch")
    parser.add_argument(
        "--differences",
        type=int,
        default=0,
        metavar="N",
        help="print up to N pairs each that one clustering gets right and the other wrong",
    )
    parser.add_argument(
        "--compare-corpus",
        type=Path,
        metavar="DIR",
        help="a smaller generate.py corpus to compare the per-document cost with",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="a DedupSettings field"
    )
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

    cfg = settings_with(args.set)
    print(f"settings      {dataclasses.asdict(cfg)}")
    clock = BatchClock(args.profile)
    small_run: RunCost | None = None
    if args.compare_corpus is None:
        ours_s, ours_clusters = run_wirewatch(paths, bodies, cfg, workdir / "bench.duckdb", clock)
    else:
        ours_s, ours_clusters, small_run = interleaved_runs(
            (paths, bodies), load_corpus(args.compare_corpus), cfg, workdir, clock
        )
    ours_rss = peak_rss_mb()
    ours_scores = score(truth, {paths[i]: c for i, c in ours_clusters.items()})
    print(
        f"\nwirewatch     {len(bodies) / ours_s:9,.0f} docs/s  ({ours_s:.1f} s)   "
        f"F1 {ours_scores.f1:.4f}  ARI {ours_scores.ari:.4f}   peak RSS {ours_rss:.0f} MB"
    )
    print(f"  closing the store (final checkpoint, included above): {clock.close_seconds:.2f} s")
    print_tail(clock, len(bodies))
    if small_run is not None:
        print_size_comparison(small_run, run_cost(len(bodies), ours_s, clock))
    print_growth(clock)
    earlier = earlier_family_members(paths, truth)
    if len(earlier) >= 2 * WINDOW:
        print(
            f"  earlier documents of the same family per document (the copies each is matched"
            f" with): first {WINDOW:,} {np.mean(earlier[:WINDOW]):.2f}, last {WINDOW:,} "
            f"{np.mean(earlier[-WINDOW:]):.2f}"
        )
    if args.no_datasketch:
        return 0
    theirs_per_doc: list[float] = []
    theirs_s, theirs_clusters = run_datasketch(bodies, cfg, theirs_per_doc)
    theirs_scores = score(truth, {paths[i]: c for i, c in theirs_clusters.items()})
    print(
        f"datasketch    {len(bodies) / theirs_s:9,.0f} docs/s  ({theirs_s:.1f} s)   "
        f"F1 {theirs_scores.f1:.4f}  ARI {theirs_scores.ari:.4f}   "
        f"peak RSS {peak_rss_mb():.0f} MB (process, both runs)"
    )
    if len(theirs_per_doc) >= 2 * WINDOW:
        early = sum(theirs_per_doc[:WINDOW]) / WINDOW * 1e6
        late = sum(theirs_per_doc[-WINDOW:]) / WINDOW * 1e6
        print(
            f"  per document, CPU : first {WINDOW:,} docs {early:.0f} us, last {WINDOW:,} docs "
            f"{late:.0f} us (ratio {late / early:.2f}; an in-memory index on the same corpus)"
        )
    if args.differences:
        print_differences(
            paths, bodies, corpus, ours_clusters, theirs_clusters, cfg, args.differences
        )
    print(f"\nspeed ratio   wirewatch / datasketch = {theirs_s / ours_s:.1f}x (target >= 10x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
