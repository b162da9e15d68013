"""Bias and spread of the two Jaccard estimators the dedup benchmark compares, per band of the
exact Jaccard: wirewatch's one-permutation MinHash with densification (wirewatch/dedup/reprints.py)
and
datasketch's MinHash with 128 independent permutations.

    .venv/bin/python bench/dedup_estimates.py CORPUS [--docs 6000] [--pairs 1500] [--seed 1]

CORPUS is a bench/neardup/generate.py folder. Pairs are drawn at random among documents of one
family (reprints, rewrites of one original) in the first --docs documents of truth.csv, so most
have a high Jaccard and some lie near the verification threshold. For each pair: the exact
Jaccard of the two 5-word shingle sets, and each estimate minus it. Printed: the mean (bias)
and standard deviation of that difference in each band.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "neardup"))

from score import read_truth  # noqa: E402

from wirewatch.config import DedupSettings  # noqa: E402
from wirewatch.dedup.reprints import min_hasher, shingle_text  # noqa: E402
from wirewatch.ingest.decoding import decode_bytes  # noqa: E402
from wirewatch.ingest.normalise import normalise_text  # noqa: E402

BANDS = ((0.0, 1.0), (0.15, 0.45), (0.2, 0.4), (0.45, 1.0))


def main(argv: list[str] | None = None) -> int:
    from datasketch import MinHash

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--docs", type=int, default=6000)
    parser.add_argument("--pairs", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    family, _kind = read_truth(args.corpus / "truth.csv")
    paths = sorted(family)[: args.docs]
    bodies = [
        normalise_text(decode_bytes((args.corpus / path).read_bytes())[0]).body for path in paths
    ]
    members: dict[str, list[int]] = {}
    for index, path in enumerate(paths):
        members.setdefault(family[path], []).append(index)
    pairs = [(a, b) for docs in members.values() for i, a in enumerate(docs) for b in docs[i + 1 :]]
    random.Random(args.seed).shuffle(pairs)
    pairs = pairs[: args.pairs]

    cfg = DedupSettings()
    signatures = min_hasher(cfg).signatures(bodies).values
    k = cfg.shingle_words
    sketched: dict[int, tuple[set[str], MinHash]] = {}

    def sketch(index: int) -> tuple[set[str], MinHash]:
        if index not in sketched:
            words = shingle_text(bodies[index]).split()
            shingles = {" ".join(words[j : j + k]) for j in range(max(len(words) - k + 1, 1))}
            minhash = MinHash(num_perm=cfg.num_perm, seed=cfg.seed)
            minhash.update_batch([s.encode("utf-8") for s in shingles])
            sketched[index] = (shingles, minhash)
        return sketched[index]

    exact, ours, theirs = [], [], []
    for a, b in pairs:
        (set_a, hash_a), (set_b, hash_b) = sketch(a), sketch(b)
        jaccard = len(set_a & set_b) / len(set_a | set_b)
        exact.append(jaccard)
        ours.append(float((signatures[a] == signatures[b]).mean()) - jaccard)
        theirs.append(hash_a.jaccard(hash_b) - jaccard)
    exact_j, ours_d, theirs_d = np.array(exact), np.array(ours), np.array(theirs)
    print(f"{len(pairs)} same-family pairs, first {len(paths):,} documents of {args.corpus}")
    print("exact Jaccard      pairs   OPH bias   OPH sd   datasketch bias   datasketch sd")
    for low, high in BANDS:
        band = (exact_j >= low) & (exact_j < high)
        print(
            f"[{low:.2f}, {high:.2f})   {int(band.sum()):8d}   {ours_d[band].mean():+.4f}   "
            f"{ours_d[band].std():.4f}           {theirs_d[band].mean():+.4f}          "
            f"{theirs_d[band].std():.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
