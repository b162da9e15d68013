"""Which CAMEO codes the verb patterns can give, and which none can.

Usage:
    .venv/bin/python bench/events/pattern_coverage.py [--length 3|4] [--strict]

A code is reachable when a row of wirewatch/coding/data/cameo/verb_patterns.csv gives it (its
code, code_with_target or a near rule), or when a modifier turns a pattern's code into it
("refused to sign" -> 127, "threatened to impose a curfew" -> 132, "offered to mediate" -> 039;
wirewatch/coding/modality.py). A three-digit code counts as covered when it or one of its
four-digit sub-codes is reachable. Prints, per uncovered code, its name and whether it is one of
NO_COMMON_VERB (codes with no common English verbal expression of their own, kept out of the
target). --strict exits 1 when any other code is uncovered (tests/test_coder_senses.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wirewatch.coding.modality import modal_code
from wirewatch.coding.patterns import (
    EventCodeInfo,
    load_event_codes,
    load_verb_patterns,
    pattern_codes,
    uncovered_codes,
)

# Codes whose sense newswire does not put in a verb of its own: the place of a meeting decides
# 044; the aims of a protest (1411-1454) are not in the verb; 1834 (a bombing of a location)
# is every bombing, told apart by nothing a pattern sees.
NO_COMMON_VERB = frozenset({
    "044", "1411", "1412", "1413", "1414", "1421", "1422", "1423", "1424", "1431", "1432",
    "1433", "1434", "1441", "1442", "1443", "1444", "1451", "1452", "1453", "1454",
})
MODALITIES = (None, "future", "negated_future", "refusal", "threat", "intent")


def reachable_codes(codes: dict[str, EventCodeInfo]) -> set[str]:
    """Codes a pattern gives directly or through a modifier (refusal, threat, intent)."""
    direct = pattern_codes(load_verb_patterns(codes))
    reachable = set(direct)
    for code in direct:
        for modality in MODALITIES:
            mapped = modal_code(code, modality, codes)
            if mapped is not None:
                reachable.add(mapped)
    return reachable


def coverage_gaps(length: int = 3) -> list[str]:
    """Uncovered codes of `length` digits that are not in NO_COMMON_VERB."""
    codes = load_event_codes()
    return [c for c in uncovered_codes(codes, reachable_codes(codes), length)
            if c not in NO_COMMON_VERB]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, choices=(3, 4), default=3)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    codes = load_event_codes()
    reachable = reachable_codes(codes)
    direct = pattern_codes(load_verb_patterns(codes))
    total = sum(1 for c in codes if len(c) == args.length)
    uncovered = uncovered_codes(codes, reachable, args.length)
    only_modal = uncovered_codes(codes, direct, args.length)
    gaps = [c for c in uncovered if c not in NO_COMMON_VERB]
    print(f"{args.length}-digit codes: {total}; uncovered: {len(uncovered)} "
          f"({len(gaps)} outside NO_COMMON_VERB); reached only through a modifier: "
          f"{len(only_modal) - len(uncovered)}")
    for code in uncovered:
        note = "no common verb" if code in NO_COMMON_VERB else "GAP"
        print(f"  {code}  {codes[code].name}  [{note}]")
    return 1 if args.strict and gaps else 0


if __name__ == "__main__":
    raise SystemExit(main())
