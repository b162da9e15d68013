"""What a clause reports as background rather than news: states and habits ("has hosted
Hamas since 2012", "for decades"), acts that open a period ("since Russia launched its
invasion"), and acts dated in an earlier year.
"""

from __future__ import annotations

import datetime as dt

from wirewatch.coding.lexicon import MONTHS
from wirewatch.coding.slots import Group


def is_background(keys: list[str], lo: int, hi: int) -> bool:
    """A state or habit, not an act: 'has hosted Hamas since 2012', 'for decades'."""
    for i in range(lo, hi - 1):
        key, following = keys[i], keys[i + 1]
        if key == "since" and (following.isdigit() or following in ("the", "then")
                               or following in MONTHS):
            return True
        if key == "in" and following == "recent" and i + 2 < hi and \
                keys[i + 2] in ("years", "decades"):
            return True  # "has hosted naval visits in recent years": a habit
        if key == "for" and following in ("years", "decades", "months", "centuries"):
            return True
        if key in ("has", "have", "had") and following == "long":
            return True  # "has long opposed": a standing position, not an act
    return False


def is_time_reference(keys: list[str], lo: int, anchor: int, groups: list[Group]) -> bool:
    """An earlier act that opens a period: 'since Russia launched its invasion' (no comma
    between 'since' and the verb). 'Two days after X did Y' is still news (guideline)."""
    for p in range(anchor - 1, max(lo, anchor - 9) - 1, -1):
        key = keys[p]
        if key in (",", ";"):
            return False
        if key == "since" and any(g.tok_start in (p + 1, p + 2) for g in groups):
            return True
    return False


def is_earlier_year(keys: list[str], lo: int, hi: int, ref_date: dt.date | None) -> bool:
    """'when Russia invaded Ukraine in February 2022' in a 2024 story: history, not news.

    Only "in/during [month] YYYY" with a year before the reference date's year counts; a
    month of last year is still news in the first two months of the year.
    """
    if ref_date is None:
        return False
    for i in range(lo, hi - 1):
        if keys[i] not in ("in", "during"):
            continue
        j = i + 1
        has_month = keys[j] in MONTHS
        if has_month:
            j += 1
        if j < hi and len(keys[j]) == 4 and keys[j].isdigit():
            year = int(keys[j])
            if year < ref_date.year - 1 or (year == ref_date.year - 1 and
                                            not (has_month and ref_date.month <= 2)):
                return True
    return False


_SUB_CLAUSE_OPENERS = frozenset({",", ";", "which", "who", "whose", "when", "where"})
_SUB_CLAUSE_CLOSERS = frozenset({",", ";", "which", "who", "that", "when", "where", "after",
                                 "before", "because"})


def sub_clause(keys: list[str], lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """Token range of the part of a clause a verb stands in: from the last comma or relative
    word before it to the next one after it ("... talks, which have been stalled for months,
    ..." keeps "for months" away from the other verbs)."""
    a = start
    while a > lo and keys[a - 1] not in _SUB_CLAUSE_OPENERS:
        a -= 1
    b = end
    while b < hi and keys[b] not in _SUB_CLAUSE_CLOSERS:
        b += 1
    return a, b
