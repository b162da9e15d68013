"""Score the pipeline's own story clusters on a generated corpus (see README.md).

    .venv/bin/python bench/neardup/evaluate.py DIR [--db PATH] [--sweep]

Ingests DIR with the real `ingest-folder` flow (Prefect's embedded server, a DuckDB file), then
reads each file's story cluster from `document_sources` x `document_clusters` and prints
pairwise precision / recall / F1, ARI, per-kind recall, hard-negative merges, and whether the
five shared seeds stayed in clusters of their own. `--sweep` then re-clusters the same stored
documents under a grid of verification thresholds (min_jaccard x min_containment) without
re-ingesting, and prints one line per cell: the evidence for the defaults in wirewatch/config.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="wirewatch-bench-prefect-"))

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from score import event_report, kind_reports, read_events, read_truth, score

from wirewatch.config import DedupSettings, load_settings
from wirewatch.dedup.reprints import HASH_VERSION
from wirewatch.store import Store

SWEEP_JACCARD = (0.25, 0.28, 0.3, 0.4, 0.5, 0.6)
SWEEP_CONTAINMENT = (0.6, 0.7, 0.8, 0.9)


def predicted_clusters(store: Store, root: Path) -> dict[str, str]:
    """Relative path of every file that became (or duplicated) a document -> its cluster."""
    _, rows = store.named_query("queries/select_source_clusters.sql")
    prefix = f"{root}/"
    return {source.removeprefix(prefix): cluster for source, cluster in rows}


def report(corpus: Path, predicted: dict[str, str]) -> tuple[float, float]:
    truth, kinds = read_truth(corpus / "truth.csv")
    scores = score(truth, predicted)
    print(f"documents     {scores.n_docs} ({scores.n_missing} missing from the prediction)")
    print(f"clusters      true {scores.n_true_clusters}  predicted {scores.n_pred_clusters}")
    print(f"precision     {scores.precision:.4f}")
    print(f"recall        {scores.recall:.4f}")
    print(f"F1            {scores.f1:.4f}")
    print(f"ARI           {scores.ari:.4f}")
    for kind in kind_reports(truth, kinds, predicted):
        recall = "-" if kind.pair_recall is None else f"{kind.pair_recall:.4f}"
        print(
            f"  {kind.kind:<10} docs {kind.n_docs:>6}  pair recall {recall:>6}  "
            f"merged {kind.merged_docs:>4}  split {kind.split_docs:>4}"
        )
    details = corpus / "details.csv"
    if details.exists():
        events = event_report(truth, read_events(details), predicted)
        print(
            f"hard negatives {events.same_event_pairs_merged} of {events.same_event_pairs} "
            f"same-event pairs of different families merged; "
            f"{events.other_false_pairs} other wrong pairs"
        )
    seeds = [p for p, k in kinds.items() if k == "seed"]
    if seeds:
        sizes: dict[str, int] = {}
        for cluster in predicted.values():
            sizes[cluster] = sizes.get(cluster, 0) + 1
        alone = sum(1 for p in seeds if p in predicted and sizes[predicted[p]] == 1)
        print(f"shared seeds  {alone} of {len(seeds)} alone in their own cluster")
    return scores.f1, scores.ari


def sweep(store: Store, corpus: Path, base: DedupSettings, batch_size: int) -> None:
    from wirewatch.orchestration.tasks import cluster_documents

    truth, _ = read_truth(corpus / "truth.csv")
    print("\nmin_jaccard min_containment  precision  recall     F1      ARI")
    for min_jaccard in SWEEP_JACCARD:
        for min_containment in SWEEP_CONTAINMENT:
            cfg = dataclasses.replace(
                base, min_jaccard=min_jaccard, min_containment=min_containment
            )
            store.reset_dedup_state()
            store.ensure_dedup_params(cfg, hash_version=HASH_VERSION)
            cluster_documents.fn(store, "bench-sweep", cfg, batch_size)
            s = score(truth, predicted_clusters(store, corpus))
            marker = "  <- default" if (min_jaccard, min_containment) == (
                base.min_jaccard,
                base.min_containment,
            ) else ""
            print(
                f"{min_jaccard:>11} {min_containment:>15}  {s.precision:9.4f}  {s.recall:.4f}"
                f"  {s.f1:.4f}  {s.ari:.4f}{marker}"
            )
    # Leave the database clustered with the defaults.
    store.reset_dedup_state()
    store.ensure_dedup_params(base, hash_version=HASH_VERSION)
    cluster_documents.fn(store, "bench-sweep", base, batch_size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder written by generate.py")
    parser.add_argument("--db", type=Path, help="DuckDB file (default: a temp file)")
    parser.add_argument("--sweep", action="store_true", help="also sweep the thresholds")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    db = args.db or Path(tempfile.mkdtemp(prefix="wirewatch-neardup-")) / "neardup.duckdb"

    from flows.ingest_folder import ingest_folder

    started = time.perf_counter()
    summary = ingest_folder(path=str(corpus), db=str(db), settle_seconds=0)
    print(
        f"ingested {summary['n_documents_new']} documents "
        f"({summary['n_reprints']} reprints) in {time.perf_counter() - started:.1f} s -> {db}"
    )
    settings = load_settings()
    with Store.open(db) as store:
        print("\ndefaults:", {k: v for k, v in dataclasses.asdict(settings.dedup).items()})
        report(corpus, predicted_clusters(store, corpus))
        if args.sweep:
            store.start_run("bench-sweep", "bench-sweep", str(corpus), {})
            sweep(store, corpus, settings.dedup, settings.ingest.batch_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
