"""Score the CAMEO coder against gold annotations (formats.md B).

Usage:
    python bench/events/score.py [--gold bench/events/gold.jsonl] [--show-errors]

Runs ``EventCoder.code_text`` over each item's text (with the item's published date as the
reference date for people's terms of office) and prints precision, recall and F1 at two levels:
- root: the set of (item, root) pairs;
- dyad: the set of (item, actor1, actor2, root), actors as primary codes (organisation code if
  any, else ISO3; None when absent).
Overall figures first, then per root, then (with --show-errors) every miss and false alarm.

Items taken from the shared seed articles hold references, resolved from --seeds (default: the
WIREWATCH_SHARED_SEEDS setting, else ../shared/seeds; see seed_refs.py); without that folder
they are left out of the figures, with a printed note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed_refs import LoadedItems, load_items

from flows.actors import ActorMention, primary_code
from flows.events import EventCoder

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def primary(mention: ActorMention | None) -> str | None:
    """The actor's primary code (formats.md A): organisation code where it is coded under
    its own, else its state (UN agencies UNO, the RSF SDN); None when absent or role-only
    ("police" with no country named)."""
    if mention is None or (mention.country is None and mention.known_group is None):
        return None
    return primary_code(mention)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_gold(path: Path, seeds_dir: Path | None = None) -> LoadedItems:
    """Gold items, seed texts resolved; each event's evidence must be a substring of the text."""
    loaded = load_items(path, seeds_dir)
    for item in loaded.items:
        for event in item["events"]:
            if event.get("evidence") and event["evidence"] not in item["text"]:
                raise ValueError(f"{path.name} id={item['id']}: evidence "
                                 f"{event['evidence']!r} is not in the text")
    return loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path,
                        default=Path(__file__).with_name("gold.jsonl"))
    parser.add_argument("--seeds", type=Path, default=None,
                        help="folder of the shared seed articles (default: the "
                             "WIREWATCH_SHARED_SEEDS setting, else ../shared/seeds)")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    loaded = load_gold(args.gold, args.seeds)
    if loaded.note():
        print(loaded.note())
    items = loaded.items
    coder = EventCoder.load()
    gold_roots: set[tuple] = set()
    gold_dyads: set[tuple] = set()
    pred_roots: set[tuple] = set()
    pred_dyads: set[tuple] = set()
    predicted_by_item: dict[str, list[str]] = {}
    offsets_ok = 0
    n_events = 0
    started = time.perf_counter()
    for item in items:
        item_id = item["id"]
        for event in item["events"]:
            gold_roots.add((item_id, event["root"]))
            gold_dyads.add((item_id, event["actor1"], event["actor2"], event["root"]))
        published = item.get("context", {}).get("published")
        ref_date = dt.date.fromisoformat(published) if published else None
        text = item["text"]
        coded = coder.code_text(text, ref_date)
        lines = []
        for event in coded:
            n_events += 1
            a1, a2 = primary(event.actor1), primary(event.actor2)
            pred_roots.add((item_id, event.event_root_code))
            pred_dyads.add((item_id, a1, a2, event.event_root_code))
            sentence = text[event.sentence_start:event.sentence_end]
            evidence = text[event.evidence_start:event.evidence_end]
            if evidence and evidence in sentence and \
                    event.sentence_start <= event.evidence_start <= event.evidence_end \
                    <= event.sentence_end:
                offsets_ok += 1
            lines.append(f"{a1}->{a2} {event.event_code} "
                         f"{text[event.action_start:event.action_end]!r}")
        predicted_by_item[item_id] = lines
    seconds = time.perf_counter() - started

    print(f"gold: {args.gold}  items: {len(items)}  coder: {coder.version}")
    print(f"gold events: {len(gold_dyads)}  coded events: {n_events}  "
          f"evidence inside its sentence: {offsets_ok}/{n_events}  ({seconds:.2f} s)")
    print()
    print(f"{'level':8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}")
    for name, gold, pred in (("root", gold_roots, pred_roots), ("dyad", gold_dyads, pred_dyads)):
        tp, fp, fn = len(gold & pred), len(pred - gold), len(gold - pred)
        p, r, f = prf(tp, fp, fn)
        print(f"{name:8s} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5d} {fp:5d} {fn:5d}")
    print()
    print("by source (root level)")
    kinds = sorted({item["source"].split(":")[0] for item in items})
    for kind in kinds:
        ids = {item["id"] for item in items if item["source"].split(":")[0] == kind}
        gold_k = {pair for pair in gold_roots if pair[0] in ids}
        pred_k = {pair for pair in pred_roots if pair[0] in ids}
        p, r, f = prf(len(gold_k & pred_k), len(pred_k - gold_k), len(gold_k - pred_k))
        print(f"{kind:8s} {p:6.3f} {r:6.3f} {f:6.3f}  items {len(ids)}")
    print()
    print("per root (root level)")
    print(f"{'root':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s} {'coded':>6s}")
    gold_by_root = Counter(root for _, root in gold_roots)
    pred_by_root = Counter(root for _, root in pred_roots)
    for root in ROOTS:
        gold_r = {pair for pair in gold_roots if pair[1] == root}
        pred_r = {pair for pair in pred_roots if pair[1] == root}
        if not gold_r and not pred_r:
            continue
        p, r, f = prf(len(gold_r & pred_r), len(pred_r - gold_r), len(gold_r - pred_r))
        print(f"{root:6s} {p:6.3f} {r:6.3f} {f:6.3f} {gold_by_root[root]:5d} "
              f"{pred_by_root[root]:6d}")
    if args.show_errors:
        by_id = {item["id"]: item for item in items}
        print()
        print("errors (dyad level): - missed gold, + false alarm")
        for item_id in sorted(by_id):
            missed = sorted((d for d in gold_dyads - pred_dyads if d[0] == item_id), key=str)
            extra = sorted((d for d in pred_dyads - gold_dyads if d[0] == item_id), key=str)
            if not missed and not extra:
                continue
            print(f"{item_id}: {by_id[item_id]['text'][:160]}")
            for d in missed:
                print(f"   - {d[1]}->{d[2]} root {d[3]}")
            for d in extra:
                print(f"   + {d[1]}->{d[2]} root {d[3]}")
            for line in predicted_by_item[item_id]:
                print(f"     coded: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
