"""Score the CAMEO coder against gold annotations (formats.md B).

Usage:
    python bench/events/score.py [--gold bench/events/gold.jsonl] [--show-errors]
    python bench/events/score.py --gold bench/events/frozen/test.jsonl

Runs ``EventCoder.code_text`` over each item's text (with the item's published date as the
reference date for people's terms of office) and prints precision, recall and F1 at these levels:
- root: the set of (item, root) pairs;
- code: the set of (item, full CAMEO code) pairs;
- plover: the set of (item, PLOVER type) pairs (roots 01 and 02 have none; the gold's
  ``plover`` field, else the type of its code in the pinned CAMEO table);
- dyad: the set of (item, actor1, actor2, root), actors as primary codes (organisation code if
  any, else ISO3; None when absent), i.e. source + target + root;
- negatives: of the items whose gold has no event (hard negatives), the share the coder codes
  anything on (false-positive rate), overall and by the item's ``negative`` kind.
Overall figures first, then per root, then (with --show-errors) every miss and false alarm.

A gold file with a sibling ``<name>.sha256`` (``sha256sum`` format) is frozen: it is scored only
while its digest matches, so a test set cannot be edited after its "before" figure was taken.
Items taken from the shared seed articles hold references, resolved from --seeds (default: the
WIREWATCH_SHARED_SEEDS setting, else ../shared/seeds; see seed_refs.py); without that folder
they are left out of the figures, with a printed note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed_refs import LoadedItems, load_items

from wirewatch.coding.actors import ActorMention, primary_code
from wirewatch.coding.events import EventCoder, coder_build
from wirewatch.coding.patterns import load_event_codes

ROOTS = [f"{n:02d}" for n in range(1, 21)]
LEVELS = ("root", "code", "plover", "dyad")


class FrozenSetChanged(RuntimeError):
    """A frozen gold file no longer matches its recorded digest."""


class Predicted(NamedTuple):
    """One coded event as the scorer compares it."""

    actor1: str | None
    actor2: str | None
    root: str
    code: str
    plover: str | None


@dataclass
class Scores:
    """Set-based true positive / false positive / false negative counts per level, and the
    false alarms on hard negatives."""

    counts: dict[str, tuple[int, int, int]]
    per_root: dict[str, tuple[int, int, int]]
    negatives: int
    negatives_coded: int
    negatives_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    n_gold_events: int = 0
    n_coded_events: int = 0

    def prf(self, level: str) -> tuple[float, float, float]:
        return prf(*self.counts[level])

    @property
    def false_positive_rate(self) -> float:
        return self.negatives_coded / self.negatives if self.negatives else 0.0


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


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def check_frozen(path: Path) -> str | None:
    """The recorded digest when ``path`` is frozen (has a ``.sha256`` sibling) and unchanged,
    None when it is not frozen; raises FrozenSetChanged when the file was edited."""
    recorded_file = digest_path(path)
    if not recorded_file.is_file():
        return None
    recorded = recorded_file.read_text(encoding="utf-8").split()[0]
    actual = file_sha256(path)
    if actual != recorded:
        raise FrozenSetChanged(
            f"{path} is frozen but changed: sha256 {actual} != recorded {recorded} in "
            f"{recorded_file.name}; a frozen test set is scored as written, never edited")
    return recorded


def load_gold(path: Path, seeds_dir: Path | None = None) -> LoadedItems:
    """Gold items, seed texts resolved; each event's evidence must be a substring of the text."""
    loaded = load_items(path, seeds_dir)
    for item in loaded.items:
        for event in item["events"]:
            if event.get("evidence") and event["evidence"] not in item["text"]:
                raise ValueError(f"{path.name} id={item['id']}: evidence "
                                 f"{event['evidence']!r} is not in the text")
    return loaded


def gold_plover(event: Mapping, plover_of_code: Mapping[str, str | None]) -> str | None:
    if "plover" in event:
        return event["plover"]
    return plover_of_code.get(event.get("code") or event["root"])


def score_items(items: Sequence[Mapping], predictions: Mapping[str, Iterable[Predicted]],
                plover_of_code: Mapping[str, str | None]) -> Scores:
    """Compare gold items with the coder's events (item id -> events); pure arithmetic."""
    gold: dict[str, set[tuple]] = {level: set() for level in LEVELS}
    pred: dict[str, set[tuple]] = {level: set() for level in LEVELS}
    negatives = negatives_coded = 0
    by_kind: Counter[str] = Counter()
    by_kind_coded: Counter[str] = Counter()
    n_gold = n_coded = 0
    for item in items:
        item_id = item["id"]
        coded = list(predictions.get(item_id, ()))
        n_coded += len(coded)
        for event in item["events"]:
            n_gold += 1
            gold["root"].add((item_id, event["root"]))
            gold["code"].add((item_id, event.get("code") or event["root"]))
            plover = gold_plover(event, plover_of_code)
            if plover:
                gold["plover"].add((item_id, plover))
            gold["dyad"].add((item_id, event["actor1"], event["actor2"], event["root"]))
        for event in coded:
            pred["root"].add((item_id, event.root))
            pred["code"].add((item_id, event.code))
            if event.plover:
                pred["plover"].add((item_id, event.plover))
            pred["dyad"].add((item_id, event.actor1, event.actor2, event.root))
        if not item["events"]:
            kind = item.get("negative") or "unlabelled"
            negatives += 1
            by_kind[kind] += 1
            if coded:
                negatives_coded += 1
                by_kind_coded[kind] += 1
    counts = {level: (len(gold[level] & pred[level]), len(pred[level] - gold[level]),
                      len(gold[level] - pred[level])) for level in LEVELS}
    per_root = {}
    for root in ROOTS:
        gold_r = {pair for pair in gold["root"] if pair[1] == root}
        pred_r = {pair for pair in pred["root"] if pair[1] == root}
        if gold_r or pred_r:
            per_root[root] = (len(gold_r & pred_r), len(pred_r - gold_r), len(gold_r - pred_r))
    return Scores(counts, per_root, negatives, negatives_coded,
                  {kind: (by_kind[kind], by_kind_coded[kind]) for kind in sorted(by_kind)},
                  n_gold, n_coded)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path,
                        default=Path(__file__).with_name("gold.jsonl"))
    parser.add_argument("--seeds", type=Path, default=None,
                        help="folder of the shared seed articles (default: the "
                             "WIREWATCH_SHARED_SEEDS setting, else ../shared/seeds)")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    try:
        frozen_digest = check_frozen(args.gold)
    except FrozenSetChanged as exc:
        print(f"refusing to score: {exc}", file=sys.stderr)
        return 2
    loaded = load_gold(args.gold, args.seeds)
    if loaded.note():
        print(loaded.note())
    items = loaded.items
    plover_of_code = {code: info.plover_type for code, info in load_event_codes().items()}
    coder = EventCoder.load()
    predictions: dict[str, list[Predicted]] = {}
    predicted_lines: dict[str, list[str]] = {}
    offsets_ok = 0
    started = time.perf_counter()
    for item in items:
        published = item.get("context", {}).get("published")
        ref_date = dt.date.fromisoformat(published) if published else None
        text = item["text"]
        events = predictions.setdefault(item["id"], [])
        lines = predicted_lines.setdefault(item["id"], [])
        for event in coder.code_text(text, ref_date):
            a1, a2 = primary(event.actor1), primary(event.actor2)
            events.append(Predicted(a1, a2, event.event_root_code, event.event_code,
                                    event.plover_type))
            sentence = text[event.sentence_start:event.sentence_end]
            evidence = text[event.evidence_start:event.evidence_end]
            if evidence and evidence in sentence and \
                    event.sentence_start <= event.evidence_start <= event.evidence_end \
                    <= event.sentence_end:
                offsets_ok += 1
            lines.append(f"{a1}->{a2} {event.event_code} "
                         f"{text[event.action_start:event.action_end]!r}")
    seconds = time.perf_counter() - started
    scores = score_items(items, predictions, plover_of_code)

    print(f"gold: {args.gold}  items: {len(items)}  coder: {coder.version} ({coder_build()})")
    if frozen_digest:
        print(f"frozen set, sha256 {frozen_digest} (matches {digest_path(args.gold).name})")
    print(f"gold events: {scores.n_gold_events}  coded events: {scores.n_coded_events}  "
          f"evidence inside its sentence: {offsets_ok}/{scores.n_coded_events}  "
          f"({seconds:.2f} s)")
    print()
    print(f"{'level':8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}")
    for level in LEVELS:
        tp, fp, fn = scores.counts[level]
        p, r, f = prf(tp, fp, fn)
        print(f"{level:8s} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5d} {fp:5d} {fn:5d}")
    print("(dyad = source + target + root)")
    print()
    print(f"hard negatives (gold: no event): {scores.negatives}  coded anyway: "
          f"{scores.negatives_coded}  false-positive rate: {scores.false_positive_rate:.3f}")
    for kind, (n, n_coded) in scores.negatives_by_kind.items():
        print(f"  {kind:24s} {n_coded:3d} / {n:3d}")
    print()
    if any("source" in item for item in items):
        print("by source (root level)")
        kinds = sorted({item["source"].split(":")[0] for item in items})
        for kind in kinds:
            subset = [item for item in items if item["source"].split(":")[0] == kind]
            sub = score_items(subset, predictions, plover_of_code)
            p, r, f = sub.prf("root")
            print(f"{kind:8s} {p:6.3f} {r:6.3f} {f:6.3f}  items {len(subset)}")
        print()
    print("per root (root level)")
    print(f"{'root':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s} {'coded':>6s}")
    for root, (tp, fp, fn) in scores.per_root.items():
        p, r, f = prf(tp, fp, fn)
        print(f"{root:6s} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:5d} {tp + fp:6d}")
    if args.show_errors:
        print()
        print("errors (dyad level): - missed gold, + false alarm")
        for item in sorted(items, key=lambda it: it["id"]):
            item_id = item["id"]
            gold_d = {(e["actor1"], e["actor2"], e["root"]) for e in item["events"]}
            pred_d = {(e.actor1, e.actor2, e.root) for e in predictions[item_id]}
            missed, extra = sorted(gold_d - pred_d, key=str), sorted(pred_d - gold_d, key=str)
            if not missed and not extra:
                continue
            print(f"{item_id}: {item['text'][:160]}")
            for d in missed:
                print(f"   - {d[0]}->{d[1]} root {d[2]}")
            for d in extra:
                print(f"   + {d[0]}->{d[1]} root {d[2]}")
            for line in predicted_lines[item_id]:
                print(f"     coded: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
