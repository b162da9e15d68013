"""Reference near-duplicate clusterer: slow, exact and easy to check by reading.

    .venv/bin/python bench/neardup/baseline.py DIR --out PRED.csv
    .venv/bin/python bench/neardup/baseline.py DIR --out PRED.csv --sweep   # needs DIR/truth.csv

Every *.txt under DIR is decoded and cleaned as the pipeline does it
(`wirewatch.ingest.decoding.decode_bytes`, then `wirewatch.ingest.normalise.normalise_text`; the
body is what is
compared, so headline, byline, dateline and known page furniture are gone). Each body becomes
the set of its k-word shingles (lower-cased runs of letters and digits). Then, for every
unordered pair of documents, exact set sizes give

    Jaccard     = |A ∩ B| / |A ∪ B|
    containment = |A ∩ B| / min(|A|, |B|)     (a copy cut to 40 % still scores ~1)

and a pair is linked when Jaccard >= --jaccard, or when containment >= --containment and the
smaller document has at least --min-shingles shingles. Clusters are the connected components of
the links (union-find); a cluster is named after its first path in sorted order.

It compares all n (n - 1) / 2 pairs, so it is meant for a few thousand documents (1,000 take
about ten seconds, 5,000 several minutes). Pairs with containment below --floor are counted
but not kept; since Jaccard <= containment, no threshold at or above the floor could link them.
--sweep scores a grid of thresholds against DIR/truth.csv from the same pair table and prints,
per relation (same family, same event but another family, unrelated), how similar the pairs
are. The defaults (Jaccard >= 0.3, or containment >= 0.7 with >= 20 shingles) are the best
cell of that grid on the seed-1 corpora of N=1,000 and N=5,000.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import score as scoring

from wirewatch.errors import TerminalError
from wirewatch.ingest.decoding import decode_bytes
from wirewatch.ingest.normalise import normalise_text

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PairTable:
    """Every pair (i < j) whose containment reaches `floor`. Jaccard <= containment, so no
    threshold at or above the floor can link a pair left out."""

    floor: float
    n_below_floor: int  # pairs left out, including those that share no shingle at all
    first: np.ndarray
    second: np.ndarray
    jaccard: np.ndarray
    containment: np.ndarray
    smaller_size: np.ndarray  # shingles of the smaller document of the pair


def shingles(body: str, k: int) -> frozenset[str]:
    words = _WORD.findall(body.lower())
    if len(words) < k:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))


def read_bodies(root: Path) -> tuple[list[str], list[str]]:
    """(relative paths, normalised bodies) of every *.txt under `root`, sorted by path.
    A file the pipeline would quarantine gets an empty body."""
    paths = sorted(p for p in root.rglob("*.txt") if p.is_file())
    names: list[str] = []
    bodies: list[str] = []
    for path in paths:
        try:
            text, _encoding = decode_bytes(path.read_bytes())
            body = normalise_text(text).body
        except TerminalError:
            body = ""
        names.append(path.relative_to(root).as_posix())
        bodies.append(body)
    return names, bodies


def pair_table(sets: Sequence[frozenset[str]], floor: float) -> PairTable:
    """Exact Jaccard and containment of every pair of shingle sets, kept when containment
    reaches `floor` (> 0)."""
    first, second = array("q"), array("q")
    jaccard, containment = array("d"), array("d")
    smaller = array("q")
    n_below = 0
    for i in range(len(sets)):
        a = sets[i]
        for j in range(i + 1, len(sets)):
            b = sets[j]
            shared = len(a & b)
            smaller_size = min(len(a), len(b))
            if shared == 0 or shared < floor * smaller_size:
                n_below += 1
                continue
            first.append(i)
            second.append(j)
            jaccard.append(shared / (len(a) + len(b) - shared))
            containment.append(shared / smaller_size)
            smaller.append(smaller_size)
    return PairTable(
        floor=floor,
        n_below_floor=n_below,
        first=np.frombuffer(first, dtype=np.int64),
        second=np.frombuffer(second, dtype=np.int64),
        jaccard=np.frombuffer(jaccard, dtype=np.float64),
        containment=np.frombuffer(containment, dtype=np.float64),
        smaller_size=np.frombuffer(smaller, dtype=np.int64),
    )


def linked(pairs: PairTable, min_jaccard: float, min_containment: float,
           min_shingles: int) -> np.ndarray:
    """Mask of the pairs that are the same story."""
    return (pairs.jaccard >= min_jaccard) | (
        (pairs.smaller_size >= min_shingles) & (pairs.containment >= min_containment)
    )


def components(n: int, first: np.ndarray, second: np.ndarray) -> list[int]:
    """Union-find over n items; returns each item's root, the smallest index of its component."""
    parent = list(range(n))

    def find(item: int) -> int:
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return [find(i) for i in range(n)]


def cluster(names: Sequence[str], pairs: PairTable, min_jaccard: float, min_containment: float,
            min_shingles: int) -> dict[str, str]:
    """path -> cluster name (the first path of the cluster)."""
    mask = linked(pairs, min_jaccard, min_containment, min_shingles)
    roots = components(len(names), pairs.first[mask], pairs.second[mask])
    return {name: names[root] for name, root in zip(names, roots, strict=True)}


def write_prediction(path: Path, clusters: dict[str, str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "cluster"])
        writer.writerows(sorted(clusters.items()))


def _percentiles(values: np.ndarray) -> str:
    if not len(values):
        return "(none)"
    p = np.percentile(values, [0, 1, 5, 50, 95, 99, 100])
    return " ".join(f"{v:5.3f}" for v in p)


def similarity_summary(names: Sequence[str], pairs: PairTable, truth: dict[str, str],
                       events: dict[str, str] | None, n_docs: int) -> str:
    """Containment and Jaccard percentiles of the pairs in the table (containment >= its
    floor), by how the two documents are related."""
    family = np.array([truth.get(n, f"\0{n}") for n in names])
    event = np.array([(events or {}).get(n, f"\0{truth.get(n, n)}") for n in names])
    same_family = family[pairs.first] == family[pairs.second]
    same_event = (event[pairs.first] == event[pairs.second]) & ~same_family
    unrelated = ~same_family & ~same_event
    lines = [f"pairs with containment >= {pairs.floor}, percentiles"
             f"{'':>14}min    1%    5%   50%   95%   99%   max"]
    for label, mask in (("same family", same_family), ("same event, other family", same_event),
                        ("unrelated", unrelated)):
        lines.append(f"  {label:<26} n={int(mask.sum()):<8} containment "
                     f"{_percentiles(pairs.containment[mask])}")
        lines.append(f"  {'':<26} {'':<10} jaccard     {_percentiles(pairs.jaccard[mask])}")
    lines.append(f"  all pairs: {n_docs * (n_docs - 1) // 2}; below the floor: "
                 f"{pairs.n_below_floor}")
    return "\n".join(lines)


SWEEP_JACCARD = (0.3, 0.5, 0.7)
# 1.01: containment off, Jaccard alone.
SWEEP_CONTAINMENT = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1.01)


def sweep(names: Sequence[str], pairs: PairTable, truth: dict[str, str],
          kinds: dict[str, str], events: dict[str, str] | None, min_shingles: int) -> str:
    """One line of scores per (Jaccard, containment) threshold pair of the grid."""
    lines = [f"{'jaccard':>8} {'contain':>8} {'P':>7} {'R':>7} {'F1':>7} {'ARI':>7} "
             f"{'reprint-R':>9} {'rewrite-merged':>14} {'seed-merged':>11} "
             f"{'same-event-FP':>13}"]
    grid = [(j, c) for j in SWEEP_JACCARD for c in SWEEP_CONTAINMENT
            if min(j, c) >= pairs.floor]
    for min_jaccard, min_containment in grid:
        predicted = cluster(names, pairs, min_jaccard, min_containment, min_shingles)
        result = scoring.score(truth, predicted)
        by_kind = {r.kind: r for r in scoring.kind_reports(truth, kinds, predicted)}
        reprint_recall = by_kind["reprint"].pair_recall if "reprint" in by_kind else None
        same_event = (scoring.event_report(truth, events, predicted).same_event_pairs_merged
                      if events is not None else -1)
        rewrite_merged = by_kind["rewrite"].merged_docs if "rewrite" in by_kind else 0
        seed_merged = by_kind["seed"].merged_docs if "seed" in by_kind else 0
        lines.append(
            f"{min_jaccard:>8.2f} {min_containment:>8.2f} {result.precision:>7.4f} "
            f"{result.recall:>7.4f} {result.f1:>7.4f} {result.ari:>7.4f} "
            f"{(reprint_recall or 0):>9.4f} {rewrite_merged:>14} {seed_merged:>11} "
            f"{same_event:>13}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="corpus folder (as written by generate.py)")
    parser.add_argument("--out", type=Path, help="write PRED.csv (path,cluster) here")
    parser.add_argument("--shingle-words", type=int, default=5)
    parser.add_argument("--jaccard", type=float, default=0.3,
                        help="link a pair at this Jaccard or more")
    parser.add_argument("--containment", type=float, default=0.7,
                        help="... or at this containment of the smaller document or more")
    parser.add_argument("--min-shingles", type=int, default=20,
                        help="containment only counts when the smaller document has this many")
    parser.add_argument("--floor", type=float, default=0.1,
                        help="keep pairs with containment >= this in the pair table (> 0; "
                        "thresholds below it are refused)")
    parser.add_argument("--sweep", action="store_true",
                        help="score a grid of thresholds against ROOT/truth.csv")
    parser.add_argument("--max-docs", type=int, default=5000,
                        help="refuse larger folders: the pair loop is quadratic")
    args = parser.parse_args(argv)
    if not 0 < args.floor <= min(args.jaccard, args.containment):
        parser.error("--floor must be > 0 and <= --jaccard and --containment")

    started = time.perf_counter()
    names, bodies = read_bodies(args.root)
    if len(names) > args.max_docs:
        sys.exit(f"{len(names)} documents > --max-docs {args.max_docs}; this baseline is O(n^2)")
    sets = [shingles(body, args.shingle_words) for body in bodies]
    read_seconds = time.perf_counter() - started
    pairs = pair_table(sets, args.floor)
    pair_seconds = time.perf_counter() - started - read_seconds
    clusters = cluster(names, pairs, args.jaccard, args.containment, args.min_shingles)
    print(f"{len(names)} documents, {len(set(clusters.values()))} clusters; read+normalise "
          f"{read_seconds:.1f} s, all pairs {pair_seconds:.1f} s; thresholds: jaccard >= "
          f"{args.jaccard} or (containment >= {args.containment} and smaller >= "
          f"{args.min_shingles} shingles of {args.shingle_words} words)")
    if args.out is not None:
        write_prediction(args.out, clusters)
        print(f"wrote {args.out}")
    if args.sweep:
        truth_path = args.root / "truth.csv"
        truth, kinds = scoring.read_truth(truth_path)
        details = args.root / "details.csv"
        events = scoring.read_events(details) if details.is_file() else None
        print()
        print(similarity_summary(names, pairs, truth, events, len(names)))
        print()
        print(sweep(names, pairs, truth, kinds, events, args.min_shingles))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
