"""Event dates: when a coded sentence says its event happened, resolved against the article.

`resolve_event_date(sentence_text, published=..., dateline_month=..., dateline_day=...)`
returns `(event_date, precision)` with precision `day`, `month`, `year` or `unknown`. A coarser
date is stored as the first day of its month or year (the `event_mentions.event_date` column).

The anchor is the article's own date: the publication date, moved back to the dateline's month
and day when the article has one (the dateline is the day of reporting; a story filed on
31 December and published on 2 January is anchored on 31 December of the year before). A
dateline month and day without a publication year is not an anchor: on its own it cannot say
which year, so relative expressions then stay `unknown`. Today's date is never used.

The first date expression in the sentence wins (news sentences put the event's date first far
more often than a background date); given the offset of the event's verb (`action_start`), the
expression nearest that verb wins instead ("said on Monday that troops had fired on the crowd
in 2019" dates the firing 2019), with a `since` expression only as the last resort (it opens a
period rather than dating an act); an expression in a relative clause after the verb does not
date it at all ("bought the rights to a show which first aired in 2003"). Expressions after
`by`, `until`, `till`, `before` or `through` are skipped: "agreed to finish the line by 2030"
dates a deadline, not the agreement. So is any date after the anchor: news reports acts up to
its own date, and a later date names a plan ("will meet next week", "deliveries start in
2030"), which the coder codes as the intent or threat announced, dated like a sentence with no
date. The rules below still resolve such expressions; the skip comes after them.
Rules, in the order the pattern tries them at a position:

- `2019-03-22`, `March 22, 2019`, `22 March 2019`, `Sept. 3 2019`: that day (day).
- `March 22`, `22 March` (no year): that day in the year that puts it nearest the anchor (day).
- `in April 2018`, `April 2018`: 2018-04-01 (month).
- `last/next/this month`: the month before / after / of the anchor (month).
- `last/next/this year`: the year before / after / of the anchor (year).
- `last/next/this week`: the month of the anchor -7 / +7 / +0 days (month: the schema has no
  week precision, and the month holding that day is the finest honest answer).
- `in December`, `since May` (a month name after a preposition): the most recent such month
  on or before the anchor's month; in a future-tense sentence ("will", "is due to", "plans
  to") the first one on or after it (month).
- `last December` / `next December`: the most recent strictly before / the first strictly
  after the anchor's month (month).
- `in 2018`, `since 2018` (a year after a preposition): 2018-01-01 (year).
- `yesterday`, `today`, `tonight`, `tomorrow`: the anchor -1 / 0 / 0 / +1 days (day).
- `two years ago`, `a year ago`, `18 months ago`, `three weeks ago`, `five days ago`: the
  anchor moved back that far (year / month / month / day precision, as for `last year`, `last
  month`, `last week`, `yesterday`); `years ago`, `decades ago`, `a decade ago`, `several years
  ago` (no count a calendar can use): `(None, unknown)`.
- `in the 1980s`, `the late 1990s`: a decade has no date the schema can hold: `(None, unknown)`,
  never the publication date.
- `in the past`, `years earlier`, `decades before`: an earlier act with no date:
  `(None, unknown)`.
- `on Friday`, `Friday`: the most recent Friday on or before the anchor (the wire
  convention: a story dated Friday says "on Friday" for that day); in a future-tense sentence
  the first Friday after it (day).
- `last Friday` / `next Friday`: the most recent Friday strictly before / the first strictly
  after the anchor; `this Friday`: the Friday of the anchor's Monday-to-Sunday week (day).

Expressions with a year (`March 22, 2019`, `in April 2018`, `in 2018`) resolve without an
anchor; every other rule needs one and gives `(None, "unknown")` without it. A sentence with no
date expression gets the anchor itself (precision `day`), or `(None, "unknown")` without one.
Month and weekday names count only when capitalised ("troops march", "may").

An anchor outside `SAFE_ANCHOR_YEARS` (a header saying `Published: 0001-01-01` or
`9999-12-31`) is no anchor: the arithmetic above steps up to a year either side of it, which
would leave Python's date range, so such a document's relative dates stay `unknown`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DAY = "day"
MONTH = "month"
YEAR = "year"
UNKNOWN = "unknown"
PRECISIONS: tuple[str, ...] = (DAY, MONTH, YEAR, UNKNOWN)
# Years an anchor may have: every rule moves at most a year and a week away from the anchor.
SAFE_ANCHOR_YEARS = range(2, 9998)

_MONTH_NAMES = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4,
    "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8,
    "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11,
    "December": 12, "Dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )
}
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_COUNT_WORDS = {word: number for number, word in enumerate(_NUMBER_WORDS.split(" "))} | {
    "a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50}

_MONTH = "(?:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")(?![a-z])\.?"
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_YEAR = r"(?:19|20)\d\d"
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_COUNT = r"(?:\d{1,3}|" + "|".join(_COUNT_WORDS) + r"|several|some|many|few|a\s+few)"
_PREPOSITION = (
    r"(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter|"
    r"[Oo]f|[Ee]arly|[Ll]ate|[Mm]id-?|[Ee]nd of|[Ss]tart of|[Tt]hrough)"
)

# One alternation, tried left to right at each position: longer, more specific forms first.
_DATE_EXPRESSION = re.compile(
    rf"""
    \b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])\b
  | \b(?:{_WEEKDAY},?\s+)?(?P<md_month>{_MONTH})\s+(?P<md_day>{_DAY_NUMBER})\b
        (?:,?\s+(?P<md_year>{_YEAR})\b)?
  | \b(?:{_WEEKDAY},?\s+)?(?P<dm_day>{_DAY_NUMBER})\s+(?P<dm_month>{_MONTH})
        (?:,?\s+(?P<dm_year>{_YEAR})\b)?
  | \b(?P<my_month>{_MONTH})\s+(?P<my_year>{_YEAR})\b
  | \b(?P<rel_dir>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<rel_unit>week|month|year)\b
  | \b(?P<mo_dir>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<mo_month>{_MONTH})
  | \b{_PREPOSITION}\s+(?P<p_month>{_MONTH})(?!,?\s+\d)
  | \b{_PREPOSITION}\s+(?P<p_year>{_YEAR})\b
  | \b(?:(?P<ago_n>{_COUNT})\s+)?(?P<ago_unit>days?|weeks?|months?|years?|decades?|centuries)
        \s+ago\b
  | \b(?:[Tt]he\s+)?(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-])?(?P<decade>(?:19|20)\d0)['’]?s\b
  | \b(?P<vague>(?:[Yy]ears|[Dd]ecades)\s+(?:earlier|before)
        |[Ii]n\s+the\s+past\b(?!\s+(?:few|\d|two|three|four|five|six|week|month|year|day)))
  | \b(?P<relday>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b
  | \b(?P<wd_dir>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<wd_named>{_WEEKDAY})\b
  | \b(?P<weekday>{_WEEKDAY})\b
    """,
    re.VERBOSE,
)

# A sentence about what will happen: bare weekdays and months then point forward.
_FUTURE_TENSE = re.compile(
    r"\b(?:will|shall|is due|are due|is scheduled|are scheduled|is set to|are set to|"
    r"is expected to|are expected to|plans? to|is to|are to)\b|'ll\b",
    re.IGNORECASE,
)


def _month_number(text: str) -> int:
    return _MONTH_NAMES[text.rstrip(".")]


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _shift_month(year: int, month: int, delta: int) -> date:
    index = year * 12 + (month - 1) + delta
    return date(index // 12, index % 12 + 1, 1)


def anchor_date(
    published: date | None, dateline_month: int | None, dateline_day: int | None
) -> date | None:
    """The article's date: the publication date, or the dateline day in the year that puts it
    on or before the publication date (a dateline day is never after publication). None
    without a publication date or with one outside `SAFE_ANCHOR_YEARS`."""
    if published is None or published.year not in SAFE_ANCHOR_YEARS:
        return None
    if dateline_month is None or dateline_day is None:
        return published
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, dateline_month, dateline_day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return published


def _nearest_day(anchor: date, month: int, day: int) -> date | None:
    """The day/month in the year before, of or after the anchor's, whichever is nearest it."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))


def _named_month(anchor: date, month: int, direction: str) -> date:
    """First day of the named month: `past` = latest on or before the anchor's month,
    `future` = earliest on or after it; `last`/`next` exclude the anchor's own month."""
    back = (anchor.month - month) % 12
    ahead = (month - anchor.month) % 12
    if direction == "last":
        back = back or 12
        return _shift_month(anchor.year, anchor.month, -back)
    if direction == "next":
        ahead = ahead or 12
        return _shift_month(anchor.year, anchor.month, ahead)
    if direction == "future":
        return _shift_month(anchor.year, anchor.month, ahead)
    return _shift_month(anchor.year, anchor.month, -back)


def _named_weekday(anchor: date, weekday: int, direction: str) -> date:
    """`past` = latest on or before the anchor, `last` = strictly before, `next`/`future` =
    strictly after, `this` = the one in the anchor's Monday-to-Sunday week."""
    if direction == "this":
        return anchor + timedelta(days=weekday - anchor.weekday())
    if direction in {"next", "future"}:
        return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - weekday) % 7
    if direction == "last":
        back = back or 7
    return anchor - timedelta(days=back)


def _resolve_match(
    match: re.Match[str], anchor: date | None, future: bool
) -> tuple[date | None, str] | None:
    """The date one matched expression names, `(None, unknown)` when it needs a missing
    anchor, or None when the text is not a real date (30 February) and the search goes on."""
    group = match.groupdict()
    try:
        if group["iso_y"]:
            return date(int(group["iso_y"]), int(group["iso_m"]), int(group["iso_d"])), DAY
        for prefix in ("md", "dm"):
            if group[f"{prefix}_month"]:
                month = _month_number(group[f"{prefix}_month"])
                day = _day_number(group[f"{prefix}_day"])
                if group[f"{prefix}_year"]:
                    return date(int(group[f"{prefix}_year"]), month, day), DAY
                if anchor is None:
                    return None, UNKNOWN
                nearest = _nearest_day(anchor, month, day)
                return (nearest, DAY) if nearest else None
        if group["my_month"]:
            return date(int(group["my_year"]), _month_number(group["my_month"]), 1), MONTH
    except ValueError:
        return None
    if group["p_year"]:
        return date(int(group["p_year"]), 1, 1), YEAR
    if group["decade"] or group["vague"]:
        return None, UNKNOWN  # "in the 1980s", "previously": earlier, but no date to give
    if anchor is None:
        return None, UNKNOWN
    if group["ago_unit"]:
        return _ago(anchor, group["ago_n"], group["ago_unit"])
    if group["rel_unit"]:
        step = {"last": -1, "next": 1, "this": 0}[group["rel_dir"].lower()]
        unit = group["rel_unit"]
        if unit == "year":
            return date(anchor.year + step, 1, 1), YEAR
        if unit == "month":
            return _shift_month(anchor.year, anchor.month, step), MONTH
        in_week = anchor + timedelta(days=7 * step)
        return date(in_week.year, in_week.month, 1), MONTH
    if group["mo_month"]:
        direction = group["mo_dir"].lower()
        direction = {"this": "future" if future else "past"}.get(direction, direction)
        return _named_month(anchor, _month_number(group["mo_month"]), direction), MONTH
    if group["p_month"]:
        direction = "future" if future else "past"
        return _named_month(anchor, _month_number(group["p_month"]), direction), MONTH
    if group["relday"]:
        return anchor + timedelta(days=_RELATIVE_DAYS[group["relday"].lower()]), DAY
    if group["wd_named"]:
        direction = group["wd_dir"].lower()
        return _named_weekday(anchor, _WEEKDAYS[group["wd_named"]], direction), DAY
    direction = "future" if future else "past"
    return _named_weekday(anchor, _WEEKDAYS[group["weekday"]], direction), DAY


def _ago(anchor: date, count_text: str | None, unit: str) -> tuple[date | None, str]:
    """'two years ago' and the like, counted back from the anchor; an unusable count
    ("several years ago", "decades ago") is unknown."""
    count_key = " ".join((count_text or "").lower().split())
    count = int(count_key) if count_key.isdigit() else _COUNT_WORDS.get(count_key)
    unit = "century" if unit == "centuries" else unit.rstrip("s")
    if count is None or unit in ("decade", "century"):
        return None, UNKNOWN
    if unit == "year":
        return (date(anchor.year - count, 1, 1), YEAR) if anchor.year - count >= 1 else (
            None, UNKNOWN)
    if unit == "month":
        if anchor.year * 12 + anchor.month - 1 - count < 12:
            return None, UNKNOWN
        return _shift_month(anchor.year, anchor.month, -count), MONTH
    days = count * 7 if unit == "week" else count
    if days >= (anchor - date(1, 1, 1)).days:
        return None, UNKNOWN
    back = anchor - timedelta(days=days)
    if unit == "week":
        return date(back.year, back.month, 1), MONTH
    return back, DAY


# "by 2030", "until March", "before Friday": a deadline or limit of the action, not its date.
_BOUND_WORDS = frozenset({"by", "until", "till", "before", "through"})
_LAST_WORD = re.compile(r"(\w+)\W*$")
_RELATIVE_WORD = re.compile(r"\b(?:which|who|whose|whom)\b", re.IGNORECASE)


def _is_bound(sentence_text: str, match: re.Match[str]) -> bool:
    first_word = match.group(0).split(maxsplit=1)[0].lower()
    if first_word in _BOUND_WORDS:
        return True
    before = _LAST_WORD.search(sentence_text, 0, match.start())
    return before is not None and before.group(1).lower() in _BOUND_WORDS


def resolve_event_date(
    sentence_text: str,
    *,
    published: date | None,
    dateline_month: int | None = None,
    dateline_day: int | None = None,
    action_start: int | None = None,
) -> tuple[date | None, str]:
    """(event date, precision) of the first date expression in the sentence, or of the one
    nearest `action_start` (the event verb's offset in `sentence_text`) when given; see the
    module docstring for the rules. Never consults today's date."""
    anchor = anchor_date(published, dateline_month, dateline_day)
    future = _FUTURE_TENSE.search(sentence_text) is not None
    best: tuple[date | None, str] | None = None
    best_rank: tuple[int, int] | None = None
    for match in _DATE_EXPRESSION.finditer(sentence_text):
        if _is_bound(sentence_text, match):
            continue
        resolved = _resolve_match(match, anchor, future)
        if resolved is None:
            continue
        if anchor is not None and resolved[0] is not None and resolved[0] > anchor:
            # A date after the article's own names a plan ("will meet next week"): the act
            # reported is the announcement, so it is dated like a sentence without a date.
            continue
        if action_start is None:
            return resolved
        if match.start() > action_start and _RELATIVE_WORD.search(
                sentence_text, action_start, match.start()) is not None:
            continue  # "bought a show which first aired in 2003": 2003 dates the show
        opens_period = match.group(0).split(maxsplit=1)[0].lower() == "since"
        distance = max(match.start() - action_start, action_start - match.end(), 0)
        rank = (int(opens_period), distance)
        if best_rank is None or rank < best_rank:
            best, best_rank = resolved, rank
    if best is not None:
        return best
    if anchor is None:
        return None, UNKNOWN
    return anchor, DAY
