"""Coding speed of the CAMEO coder on generated wire-style documents, one core.

Usage:
    python bench/events/speed.py [--docs 2000] [--size 3000] [--seed 7]

Builds N documents of about --size characters from sentence templates that combine actors
(countries, capitals, leaders with titles, organisations, pronouns) with verb phrases from
every CAMEO root, negations, threats, quotes and background sentences, all from a fixed seed.
Prints, for the dense default and for a seed-like density (0.35), documents per second, ms per
document, MB/s and events per document. Loading the coder (data files, pattern index) is timed
separately and not included in the rate.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wirewatch.coding.events import EventCoder, coder_build

ACTORS = [
    "Turkey", "Russia", "the United States", "Washington", "Ankara", "Moscow", "NATO",
    "the European Union", "China", "Beijing", "France", "Germany", "Iran", "Israel", "Hamas",
    "Turkish Defense Minister Hulusi Akar", "Russian President Vladimir Putin",
    "the U.S. State Department", "British officials", "Iranian troops", "the United Nations",
    "Ukraine", "Kyiv", "Egypt", "Saudi Arabia", "Qatar", "India", "Pakistan",
]
VERB_PHRASES = [
    "met {b} in the capital", "held talks with {b} on Tuesday", "signed a $2 billion deal with {b}",
    "accused {b} of war crimes", "condemned {b} for the attack", "imposed sanctions on {b}",
    "threatened to impose sanctions on {b}", "warned {b} it could face sanctions",
    "deployed troops to the border with {b}", "launched airstrikes on {b}", "visited {b}",
    "praised {b} for its role", "rejected the proposal from {b}", "urged {b} to resume talks",
    "provided humanitarian aid to {b}", "expelled diplomats from {b}", "arrested citizens of {b}",
    "did not sign the agreement with {b}", "refused to hold talks with {b}",
    "expressed concern over the sale of arms to {b}", "cut ties with {b}",
    "agreed to a ceasefire with {b}", "demanded the release of citizens held by {b}",
    "shared intelligence with {b}", "launched an investigation into {b}",
]
BACKGROUND = [
    "The move comes amid rising tension in the region, analysts said.",
    "The talks are expected to continue next week in Geneva.",
    "Officials did not give further details about the timing of the next round.",
    "Markets reacted calmly to the news, with the lira and the rouble little changed.",
    "The system is designed to detect, track and destroy aircraft as far as 400 km away.",
    "It was not immediately clear how the decision would affect the broader relationship.",
]


def make_document(rng: random.Random, size: int, density: float = 0.8) -> str:
    """One wire-style document of about `size` characters; `density` = share of sentences
    that report an event (the rest are background)."""
    place = rng.choice(["ANKARA", "MOSCOW", "WASHINGTON", "BRUSSELS", "GENEVA"])
    parts = [f"{place}, March {rng.randint(1, 28)} (Reuters) - "]
    length = len(parts[0])
    while length < size:
        roll = rng.random()
        a, b = rng.sample(ACTORS, 2)
        if roll < 0.7 * density:
            sentence = f"{a} {rng.choice(VERB_PHRASES).format(b=b)}."
        elif roll < 0.85 * density:
            sentence = (f"\u201cWe {rng.choice(VERB_PHRASES).format(b=b)},\u201d "
                        f"{a} told reporters.")
        elif roll < density:
            sentence = f"{a} said {b} would {rng.choice(['visit', 'meet', 'criticize'])} {a}."
        else:
            sentence = rng.choice(BACKGROUND)
        sentence = sentence[0].upper() + sentence[1:]
        parts.append(sentence + ("\n" if rng.random() < 0.3 else " "))
        length += len(sentence) + 1
    return "".join(parts)[:size]


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


SEED_LIKE_DENSITY = 0.35  # share of event sentences in the five seed articles


def _measure(coder: EventCoder, documents: list[str], label: str) -> None:
    """Code the documents once and print wall-clock and CPU rates."""
    coder.code_text(documents[0])  # warm caches the way a long-running worker has them
    started = time.perf_counter()
    cpu_started = time.process_time()
    n_events = sum(len(coder.code_text(document)) for document in documents)
    cpu_seconds = time.process_time() - cpu_started
    seconds = time.perf_counter() - started
    n_docs = len(documents)
    n_chars = sum(len(d) for d in documents)
    print(label)
    print(f"  docs/s: {n_docs / seconds:.0f}   ms/doc: {1000 * seconds / n_docs:.2f}   "
          f"MB/s: {n_chars / seconds / 1e6:.2f}   events/doc: {n_events / n_docs:.1f}")
    # On a shared machine wall time includes waiting for the CPU; CPU time is the one-core cost.
    print(f"  CPU time: docs/s: {n_docs / cpu_seconds:.0f}   "
          f"ms/doc: {1000 * cpu_seconds / n_docs:.2f}   (load average {_load():.1f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--density", type=float, default=0.8,
                        help="share of sentences that report an event (0.8: dense newswire; "
                        "the five seed articles have about 0.35)")
    parser.add_argument("--real", type=Path, default=None,
                        help="instead of generating, code every .txt file in this folder, "
                        "cycled up to --docs documents (e.g. ../shared/seeds)")
    args = parser.parse_args()
    started = time.perf_counter()
    coder = EventCoder.load()
    load_seconds = time.perf_counter() - started
    print(f"coder {coder.version} ({coder_build()}): {len(coder.patterns)} patterns, "
          f"load {load_seconds:.2f} s")
    if args.real is not None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.real.glob("*.txt"))]
        if not texts:
            parser.error(f"no .txt files in {args.real}")
        documents = [texts[i % len(texts)] for i in range(args.docs)]
        mean_chars = sum(map(len, documents)) // len(documents)
        _measure(coder, documents,
                 f"documents: {args.docs} from {args.real} (mean {mean_chars} chars), one process")
        return 0
    # Both the dense figure and a seed-like one: a rate at one density alone misleads.
    densities = [args.density] + ([SEED_LIKE_DENSITY] if args.density != SEED_LIKE_DENSITY else [])
    for density in densities:
        rng = random.Random(args.seed)
        documents = [make_document(rng, args.size, density) for _ in range(args.docs)]
        _measure(coder, documents, f"documents: {args.docs} x ~{args.size} chars (seed "
                 f"{args.seed}, event sentence share {density}), one process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
