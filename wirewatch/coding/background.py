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
        if key == "in" and following == "the" and i + 2 < hi and keys[i + 2] == "past" and (
                i + 3 >= hi or keys[i + 3] not in ("few", "two", "three", "several", "week",
                                                   "month", "24", "48")):
            return True  # "were honest about taxes in the past": history, not the news
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


_RELATIVE_WORDS = frozenset({"who", "which", "whose"})
_AGO_WORDS = frozenset({"ago", "earlier"})
_FUTURE_WORDS = frozenset({"will", "would", "'ll", "’ll", "shall"})
_DEADLINE_WORDS = frozenset({"by", "until", "till", "before"})


def is_dated_relative(keys: list[str], lo: int, hi: int, part_start: int,
                      ref_date: dt.date | None) -> bool:
    """'the IRA, which bombed pubs in the 1970s, ...', 'Hague, who stepped down after the 2001
    election, ...': a relative clause that dates its act before the news is background. With
    no reference date any year counts as earlier, since a relative clause that names a year
    recalls history; a decade ("the 1970s") or "years ago" always does."""
    if part_start <= lo or keys[part_start - 1] not in _RELATIVE_WORDS:
        return False
    for i in range(part_start, hi):
        key = keys[i]
        if key in (",", ";", "(", ")"):
            return False  # the relative clause ends here
        if key[:1].isdigit() and i + 1 < hi and keys[i + 1] == "s" and len(key) in (2, 4):
            return True  # "the 1970s", "the 70s"
        if "-" in key and key.endswith("0s") and key[-5:-2].isdigit():
            return True  # "the mid-1980s"
        if key in _AGO_WORDS and i > part_start and keys[i - 1] in (
                "years", "decades", "months", "year", "decade"):
            return True  # "which it seized years ago", "two decades earlier"
        if key in _FUTURE_WORDS:
            return False  # "under which Vietnam will import power by 2030": a plan
        if len(key) == 4 and key.isdigit() and 1900 <= int(key) <= 2099 and (
                ref_date is None or int(key) < ref_date.year) and \
                keys[i - 1] not in _DEADLINE_WORDS:
            return True
    return False
