"""Score a near-duplicate clustering against the truth of a generated corpus.

    .venv/bin/python bench/neardup/score.py DIR/truth.csv PRED.csv [--details DIR/details.csv]
    .venv/bin/python bench/neardup/score.py --selftest

PRED.csv has columns `path,cluster` with paths relative to the same DIR as truth.csv. A
document of the truth missing from PRED counts as a cluster of its own (the number missing is
reported); a PRED row for a path the truth does not know is ignored (and counted).

Everything is computed from the contingency table n_ij (documents of true family i in
predicted cluster j), never by enumerating pairs, so 100k documents score in well under a
second:

- pairwise precision = sum C(n_ij, 2) / sum_j C(b_j, 2), recall = sum C(n_ij, 2) / sum_i
  C(a_i, 2), where a_i, b_j are the row and column sums; F1 their harmonic mean. With no
  predicted pairs precision is 1 (nothing claimed, nothing wrong); with no true pairs recall
  is 1.
- Adjusted Rand Index (Hubert and Arabie, 1985): (sum C(n_ij,2) - E) / (max - E) with
  E = sum C(a_i,2) * sum C(b_j,2) / C(n,2) and max = (sum C(a_i,2) + sum C(b_j,2)) / 2.
  1 for identical partitions, about 0 for chance agreement, negative below chance.

The report adds, per kind of document (original, reprint, rewrite, seed, singleton): how many
true pairs involving that kind were found, and how many documents of that kind were merged
with another family or split from their own. With details.csv (written by generate.py next to
truth.csv) it also counts hard-negative errors: pairs of different families reporting the
same event (original vs rewrite, rewrite vs rewrite, seed vs seed) put in one cluster.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

KINDS = ("original", "reprint", "rewrite", "seed", "singleton")


@dataclass(frozen=True)
class Scores:
    n_docs: int  # documents of the truth
    n_missing: int  # of those, absent from the prediction (scored as singletons)
    n_unknown: int  # predicted documents the truth does not know (ignored)
    n_true_clusters: int
    n_pred_clusters: int  # over the truth's documents, missing ones included
    true_pairs: int
    pred_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    f1: float
    ari: float


@dataclass(frozen=True)
class KindReport:
    kind: str
    n_docs: int
    true_pairs: int  # pairs of one family with at least one document of this kind
    found_pairs: int
    merged_docs: int  # predicted cluster also holds documents of other families
    split_docs: int  # predicted cluster lacks documents of the document's own family

    @property
    def pair_recall(self) -> float | None:
        return self.found_pairs / self.true_pairs if self.true_pairs else None


@dataclass(frozen=True)
class EventReport:
    """Pairs of different families about the same event: the hard negatives."""

    same_event_pairs: int
    same_event_pairs_merged: int
    other_false_pairs: int  # wrongly merged pairs of documents about different events


def _pairs(counts: np.ndarray) -> int:
    """Sum of C(c, 2) over counts, as an exact Python int."""
    counts = counts.astype(np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _codes(labels: Sequence[str]) -> np.ndarray:
    """Integer codes 0..k-1 for string labels, equal labels equal codes."""
    index: dict[str, int] = {}
    return np.fromiter((index.setdefault(label, len(index)) for label in labels),
                       dtype=np.int64, count=len(labels))


def _cells(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Non-zero contingency counts n_ij, and for every document the count of its cell."""
    keys = rows * (int(cols.max()) + 1 if len(cols) else 1) + cols
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts, counts[inverse]


def adjusted_rand_index(sum_cells: int, sum_rows: int, sum_cols: int, n: int) -> float:
    """ARI from the three pair sums of a contingency table over n items."""
    total = n * (n - 1) // 2
    if total == 0:
        return 1.0
    expected = Fraction(sum_rows * sum_cols, total)
    maximum = Fraction(sum_rows + sum_cols, 2)
    if maximum == expected:  # both partitions all singletons, or both one cluster
        return 1.0
    return float((sum_cells - expected) / (maximum - expected))


def _aligned(truth: Mapping[str, str], predicted: Mapping[str, str]
             ) -> tuple[list[str], np.ndarray, np.ndarray, int, int]:
    """Documents of the truth (sorted), their family codes and cluster codes; missing
    documents each get a cluster of their own."""
    paths = sorted(truth)
    clusters: list[str] = []
    n_missing = 0
    for path in paths:
        cluster = predicted.get(path)
        if cluster is None:
            n_missing += 1
            clusters.append(f"\0missing\0{path}")
        else:
            clusters.append(f"c\0{cluster}")
    n_unknown = sum(1 for path in predicted if path not in truth)
    return paths, _codes([truth[p] for p in paths]), _codes(clusters), n_missing, n_unknown


def score(truth: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """Pairwise precision/recall/F1 and ARI of `predicted` (path -> cluster) against `truth`
    (path -> family)."""
    paths, families, clusters, n_missing, n_unknown = _aligned(truth, predicted)
    n = len(paths)
    if n == 0:
        return Scores(0, 0, n_unknown, 0, 0, 0, 0, 0, 1.0, 1.0, 1.0, 1.0)
    cell_counts, _ = _cells(families, clusters)
    family_sizes = np.bincount(families)
    cluster_sizes = np.bincount(clusters)
    correct = _pairs(cell_counts)
    true_pairs = _pairs(family_sizes)
    pred_pairs = _pairs(cluster_sizes)
    precision = correct / pred_pairs if pred_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        n_docs=n,
        n_missing=n_missing,
        n_unknown=n_unknown,
        n_true_clusters=len(family_sizes),
        n_pred_clusters=len(cluster_sizes),
        true_pairs=true_pairs,
        pred_pairs=pred_pairs,
        correct_pairs=correct,
        precision=precision,
        recall=recall,
        f1=f1,
        ari=adjusted_rand_index(correct, true_pairs, pred_pairs, n),
    )


def kind_reports(truth: Mapping[str, str], kinds: Mapping[str, str],
                 predicted: Mapping[str, str]) -> list[KindReport]:
    """Per kind: pair recall, and documents merged with other families or split from theirs."""
    paths, families, clusters, _, _ = _aligned(truth, predicted)
    if not paths:
        return []
    _, cell_of_doc = _cells(families, clusters)
    family_size_of_doc = np.bincount(families)[families]
    cluster_size_of_doc = np.bincount(clusters)[clusters]
    doc_kinds = np.array([kinds.get(p, "unknown") for p in paths])
    all_cells, _ = _cells(families, clusters)
    all_true_pairs = _pairs(np.bincount(families))
    reports: list[KindReport] = []
    for kind in sorted(set(doc_kinds), key=lambda k: (KINDS.index(k) if k in KINDS else 99, k)):
        is_kind = doc_kinds == kind
        # Pairs with at least one document of this kind = all pairs - pairs with none.
        others = ~is_kind
        true_pairs, found = all_true_pairs, _pairs(all_cells)
        if others.any():
            other_cells, _ = _cells(families[others], clusters[others])
            true_pairs -= _pairs(np.bincount(families[others]))
            found -= _pairs(other_cells)
        reports.append(KindReport(
            kind=kind,
            n_docs=int(is_kind.sum()),
            true_pairs=true_pairs,
            found_pairs=found,
            merged_docs=int((is_kind & (cluster_size_of_doc > cell_of_doc)).sum()),
            split_docs=int((is_kind & (family_size_of_doc > cell_of_doc)).sum()),
        ))
    return reports


def event_report(truth: Mapping[str, str], events: Mapping[str, str],
                 predicted: Mapping[str, str]) -> EventReport:
    """Merged pairs of different families, split into same-event (hard negatives) and
    different-event. Families nest in events, so same-event cross-family pairs in a cluster are
    sum C(n_ec, 2) - sum C(n_fc, 2) over events e, families f and clusters c."""
    paths, families, clusters, _, _ = _aligned(truth, predicted)
    if not paths:
        return EventReport(0, 0, 0)
    event_codes = _codes([events.get(p, f"\0{truth[p]}") for p in paths])
    family_cells, _ = _cells(families, clusters)
    event_cells, _ = _cells(event_codes, clusters)
    same_event_pairs = _pairs(np.bincount(event_codes)) - _pairs(np.bincount(families))
    same_event_merged = _pairs(event_cells) - _pairs(family_cells)
    all_false = _pairs(np.bincount(clusters)) - _pairs(family_cells)
    return EventReport(same_event_pairs, same_event_merged, all_false - same_event_merged)


# --- files --------------------------------------------------------------------------------------
def _read_csv(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{path}: missing column(s) {', '.join(missing)}")
        return list(reader)


def read_truth(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(path -> family, path -> kind) from a truth.csv."""
    rows = _read_csv(path, ("path", "family", "kind"))
    return {r["path"]: r["family"] for r in rows}, {r["path"]: r["kind"] for r in rows}


def read_prediction(path: Path) -> dict[str, str]:
    rows = _read_csv(path, ("path", "cluster"))
    return {r["path"]: r["cluster"] for r in rows}


def read_events(path: Path) -> dict[str, str]:
    rows = _read_csv(path, ("path", "event"))
    return {r["path"]: r["event"] for r in rows}


def format_report(scores: Scores, kinds: list[KindReport], events: EventReport | None) -> str:
    lines = [
        f"documents       {scores.n_docs} in truth; {scores.n_missing} missing from the "
        f"prediction (scored as singletons); {scores.n_unknown} unknown paths ignored",
        f"clusters        true {scores.n_true_clusters}   predicted {scores.n_pred_clusters}",
        f"pairs           true {scores.true_pairs}   predicted {scores.pred_pairs}   "
        f"correct {scores.correct_pairs}",
        f"precision       {scores.precision:.4f}",
        f"recall          {scores.recall:.4f}",
        f"F1              {scores.f1:.4f}",
        f"ARI             {scores.ari:.4f}",
        "",
        f"{'kind':<10} {'docs':>7} {'pairs':>8} {'found':>8} {'recall':>7} "
        f"{'merged-with-other-family':>25} {'split-from-own':>15}",
    ]
    for report in kinds:
        recall = f"{report.pair_recall:.4f}" if report.pair_recall is not None else "-"
        lines.append(
            f"{report.kind:<10} {report.n_docs:>7} {report.true_pairs:>8} "
            f"{report.found_pairs:>8} {recall:>7} {report.merged_docs:>25} "
            f"{report.split_docs:>15}"
        )
    if events is not None:
        lines += [
            "",
            f"hard negatives  {events.same_event_pairs_merged} of {events.same_event_pairs} "
            "same-event pairs of different families merged (rewrites, seeds)",
            f"other errors    {events.other_false_pairs} merged pairs about different events",
        ]
    return "\n".join(lines)


# --- self-test ---------------------------------------------------------------------------------
def _labels(values: Sequence[object]) -> dict[str, str]:
    return {f"d{i:03d}": str(v) for i, v in enumerate(values)}


def _brute_force(truth: Sequence[int], pred: Sequence[int]) -> tuple[int, int, int, float]:
    """(true pairs, predicted pairs, correct pairs, ARI) by enumerating all pairs and using
    the pair-count form of ARI: 2 (TP TN - FN FP) / ((TP+FN)(FN+TN) + (TP+FP)(FP+TN))."""
    tp = fp = fn = tn = 0
    for i in range(len(truth)):
        for j in range(i + 1, len(truth)):
            same_true, same_pred = truth[i] == truth[j], pred[i] == pred[j]
            tp += same_true and same_pred
            fn += same_true and not same_pred
            fp += same_pred and not same_true
            tn += not same_true and not same_pred
    denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn)
    ari = 1.0 if denominator == 0 else 2 * (tp * tn - fn * fp) / denominator
    return tp + fn, tp + fp, tp, ari


def selftest() -> int:
    failures: list[str] = []

    def check(name: str, got: float, want: float) -> None:
        if abs(got - want) > 1e-12:
            failures.append(f"{name}: got {got!r}, want {want!r}")

    # Identical partitions under other label names.
    s = score(_labels([0, 0, 1, 1, 2]), _labels(["x", "x", "y", "y", "z"]))
    for name in ("precision", "recall", "f1", "ari"):
        check(f"identical {name}", getattr(s, name), 1.0)

    # Known values: ARI([0,0,1,1], [0,0,1,2]) = 4/7; ([0,0,1,1], [0,1,0,1]) = -1/2.
    s = score(_labels([0, 0, 1, 1]), _labels([0, 0, 1, 2]))
    check("split one family ARI", s.ari, 4 / 7)
    check("split one family precision", s.precision, 1.0)
    check("split one family recall", s.recall, 0.5)
    check("crossed ARI", score(_labels([0, 0, 1, 1]), _labels([0, 1, 0, 1])).ari, -0.5)

    # A 3x3 contingency table [[5,1,0],[1,4,1],[0,2,3]]: sum C(n_ij,2) = 20, rows (6,6,5) give
    # 40 pairs, columns (6,7,4) give 42, n = 17: ARI = (20 - 40*42/136) / (41 - 40*42/136).
    table = [[5, 1, 0], [1, 4, 1], [0, 2, 3]]
    truth_labels = [i for i, row in enumerate(table) for j, c in enumerate(row) for _ in range(c)]
    pred_labels = [j for i, row in enumerate(table) for j, c in enumerate(row) for _ in range(c)]
    s = score(_labels(truth_labels), _labels(pred_labels))
    check("table ARI", s.ari, 1040 / 3896)
    check("table precision", s.precision, 20 / 42)
    check("table recall", s.recall, 20 / 40)
    check("table true pairs", s.true_pairs, 40)
    check("table predicted pairs", s.pred_pairs, 42)

    # All singletons against families with pairs: nothing claimed, nothing found, ARI 0.
    s = score(_labels([0, 0, 0, 1, 1, 2]), _labels(range(6)))
    check("singletons precision", s.precision, 1.0)
    check("singletons recall", s.recall, 0.0)
    check("singletons ARI", s.ari, 0.0)
    # Everything in one cluster: all pairs found, ARI 0.
    s = score(_labels([0, 0, 0, 1, 1, 2]), _labels([7] * 6))
    check("one cluster recall", s.recall, 1.0)
    check("one cluster precision", s.precision, 4 / 15)
    check("one cluster ARI", s.ari, 0.0)
    # Both all singletons, and both one cluster: identical, so 1.
    check("both singletons ARI", score(_labels(range(4)), _labels(range(4))).ari, 1.0)
    check("both one cluster ARI", score(_labels([1] * 4), _labels([2] * 4)).ari, 1.0)

    # Missing documents are singletons; unknown ones are ignored.
    truth = {"a": "f1", "b": "f1", "c": "f2", "d": "f2"}
    s = score(truth, {"a": "x", "c": "y", "d": "y", "zz": "x"})
    check("missing count", s.n_missing, 1)
    check("unknown count", s.n_unknown, 1)
    check("missing recall", s.recall, 0.5)
    check("missing precision", s.precision, 1.0)
    check("missing clusters", s.n_pred_clusters, 3)

    # Random partitions: contingency sums equal brute-force pair counts; ARI symmetric.
    rng = random.Random(12345)
    for trial in range(200):
        n = rng.randint(2, 40)
        t = [rng.randint(0, rng.randint(0, n)) for _ in range(n)]
        p = [rng.randint(0, rng.randint(0, n)) for _ in range(n)]
        s = score(_labels(t), _labels(p))
        true_pairs, pred_pairs, correct, ari = _brute_force(t, p)
        check(f"random {trial} true pairs", s.true_pairs, true_pairs)
        check(f"random {trial} predicted pairs", s.pred_pairs, pred_pairs)
        check(f"random {trial} correct pairs", s.correct_pairs, correct)
        check(f"random {trial} ARI vs pair counts", s.ari, ari)
        swapped = score(_labels(p), _labels(t))
        check(f"random {trial} ARI symmetric", swapped.ari, s.ari)
        check(f"random {trial} precision = swapped recall", swapped.recall, s.precision)

    # Per-kind and event reports on a small hand-checked corpus: family A = original a1 and
    # reprints a2, a3; family B = rewrite b1 (same event as A) with reprint b2; C = singleton.
    truth = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
    kinds = {"a1": "original", "a2": "reprint", "a3": "reprint", "b1": "rewrite",
             "b2": "reprint", "c1": "singleton"}
    events = {"a1": "e1", "a2": "e1", "a3": "e1", "b1": "e1", "b2": "e1", "c1": "e2"}
    # Prediction merges the rewrite b1 into A, loses a3 and b2, and puts c1 alone.
    predicted = {"a1": "1", "a2": "1", "b1": "1", "a3": "2", "b2": "3", "c1": "4"}
    by_kind = {r.kind: r for r in kind_reports(truth, kinds, predicted)}
    # Reprint pairs: A has 3 pairs, all involve a reprint; B has 1 (b1,b2). Found: (a1,a2).
    check("reprint true pairs", by_kind["reprint"].true_pairs, 4)
    check("reprint found pairs", by_kind["reprint"].found_pairs, 1)
    check("rewrite merged", by_kind["rewrite"].merged_docs, 1)
    check("rewrite split", by_kind["rewrite"].split_docs, 1)
    check("original merged", by_kind["original"].merged_docs, 1)
    check("singleton merged", by_kind["singleton"].merged_docs, 0)
    report = event_report(truth, events, predicted)
    # Same-event cross-family pairs: 3 (A) x 2 (B) = 6; merged: (a1,b1), (a2,b1) = 2.
    check("same-event pairs", report.same_event_pairs, 6)
    check("same-event merged", report.same_event_pairs_merged, 2)
    check("other false pairs", report.other_false_pairs, 0)

    if failures:
        print("\n".join(failures))
        print(f"selftest FAILED: {len(failures)} check(s)")
        return 1
    print("selftest passed")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("truth", nargs="?", type=Path, help="truth.csv (path,family,kind)")
    parser.add_argument("prediction", nargs="?", type=Path, help="PRED.csv (path,cluster)")
    parser.add_argument("--details", type=Path,
                        help="details.csv with an event column (default: next to truth.csv)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--selftest", action="store_true", help="check the scoring maths")
    args = parser.parse_args(argv)
    if args.selftest:
        return selftest()
    if args.truth is None or args.prediction is None:
        parser.error("TRUTH and PRED are required (or --selftest)")
    truth, kinds = read_truth(args.truth)
    predicted = read_prediction(args.prediction)
    details = args.details or args.truth.with_name("details.csv")
    events = read_events(details) if details.is_file() else None
    scores = score(truth, predicted)
    reports = kind_reports(truth, kinds, predicted)
    event_errors = event_report(truth, events, predicted) if events is not None else None
    if args.json:
        print(json.dumps({
            "scores": asdict(scores),
            "kinds": [asdict(r) | {"pair_recall": r.pair_recall} for r in reports],
            "events": asdict(event_errors) if event_errors is not None else None,
        }, indent=2))
    else:
        print(format_report(scores, reports, event_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
