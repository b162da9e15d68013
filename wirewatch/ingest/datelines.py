"""Datelines: the `ANKARA, March 23 (Xinhua) --` lead-in of wire copy.

`split_dateline(paragraph)` returns the parsed dateline and the paragraph without it, so the
dateline never reaches the body used for language detection and hashing. Handles the common
wire shapes:

    ANKARA, March 23 (Xinhua) --          WASHINGTON (Reuters) -
    BEIJING, Jan. 5 (AP) —                MOSCOW, March 23 /TASS/.
    PARIS, 4 mars (AFP) -                 MADRID, 12 abr (EFE).-
    BERLIN (dpa) -                        MANILA --
    Alwaght- (an outlet's name glued to a dash)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Month names and abbreviations in the languages of the big wire services.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janv janvier enero ene januar jänner gennaio gen",
        "february feb febr fevr févr février fevrier febrero februar febbraio",
        "march mar mars marzo märz maerz marz",
        "april apr avr avril abril abr aprile",
        "may mai mayo maggio mag",
        "june jun juin junio juni giugno giu",
        "july jul juil juillet julio juli luglio lug",
        "august aug août aout agosto ago ag",
        "september sep sept septembre septiembre set setiembre settembre",
        "october oct octobre octubre okt oktober ottobre ott",
        "november nov novembre noviembre",
        "december dec déc décembre decembre diciembre dic dez dezember dicembre",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_ALTERNATION = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_MONTH = rf"(?i:{_MONTH_ALTERNATION})\.?"

# Place: upper-case words (NEW YORK, N'DJAMENA, RIO DE JANEIRO), optionally ", STATE".
_PLACE_UPPER = r"[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]*(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]*){0,3}"
_PLACE_TITLE = (
    r"[A-ZÀ-Þ][a-zß-ÿ'’.\-]+(?:\s+(?:[A-ZÀ-Þ][a-zß-ÿ'’.\-]+|de|da|do|am|an|al|el|la|le)){0,3}"
)
_DATE = (
    rf"(?:(?P<month_a>{_MONTH})\s+(?P<day_a>\d{{1,2}})"
    rf"|(?P<day_b>\d{{1,2}})\.?\s+(?P<month_b>{_MONTH}))"
)
_AGENCY = r"(?:\((?P<agency_paren>[^()\n]{1,40})\)|/(?P<agency_slash>[A-Za-z\-]{2,20})/)"
# A dash always separates; `.`, `.-` and `:` only right after an agency's `)` or `/`
# (`MOSCOW, March 23 /TASS/.`, `MADRID, 12 abr (EFE).-`), never after a bare place like `U.S.`.
_SEPARATOR = r"(?:\s*(?:--|[-–—])\s*|(?<=[)/])\s*(?:\.-|\.—|\.|:)\s*)"

# Upper-case place: the separator alone is enough evidence (`MANILA --`).
_DATELINE_UPPER = re.compile(
    rf"^(?P<place>{_PLACE_UPPER})(?:,\s*(?P<region>[A-Za-z .]{{2,20}}?))?"
    rf"(?:,\s*{_DATE})?\s*{_AGENCY}?{_SEPARATOR}(?=\S)"
)
# Title-case place needs an agency or a date too, or every "Turkey - ..." would match.
_DATELINE_TITLE_AGENCY = re.compile(
    rf"^(?P<place>{_PLACE_TITLE})(?:,\s*{_DATE})?\s*{_AGENCY}{_SEPARATOR}(?=\S)"
)
_DATELINE_TITLE_DATE = re.compile(
    rf"^(?P<place>{_PLACE_TITLE}),\s*{_DATE}(?P<agency_paren>)?(?P<agency_slash>)?{_SEPARATOR}(?=\S)"
)
# Outlet name glued to a dash with no space before it: `Alwaght- NATO ...`.
_OUTLET_PREFIX = re.compile(r"^(?P<agency>[A-Z][A-Za-z]{2,30})[-–—]\s+(?=[A-Z\"“])")

# Words that open ordinary sentences and must not be read as a place.
_NOT_PLACES = frozenset({"THE", "A", "AN", "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "FILE"})


@dataclass(frozen=True, slots=True)
class Dateline:
    raw: str
    place: str | None
    month: int | None
    day: int | None
    agency: str | None


def _title_case(place: str) -> str:
    """ANKARA -> Ankara, NEW YORK -> New York, N'DJAMENA -> N'Djamena; mixed case is kept."""
    if place != place.upper():
        return place
    return re.sub(r"[A-Za-zÀ-ÿ]+", lambda m: m.group(0).capitalize(), place.lower())


def _month_day(match: re.Match[str]) -> tuple[int | None, int | None]:
    month_text = match.group("month_a") or match.group("month_b")
    day_text = match.group("day_a") or match.group("day_b")
    if not month_text or not day_text:
        return None, None
    month = _MONTHS.get(month_text.rstrip(".").lower())
    day = int(day_text)
    if month is None or not 1 <= day <= 31:
        return None, None
    return month, day


def _upper_case_match(head: str) -> re.Match[str] | None:
    match = _DATELINE_UPPER.match(head)
    if match is None:
        return None
    place = match.group("place").strip()
    letters = [ch for ch in place if ch.isalpha()]
    has_agency_or_date = any(
        match.group(name) for name in ("agency_paren", "agency_slash", "month_a", "month_b")
    )
    if (
        place.upper() != place
        or place.split()[0].strip(".") in _NOT_PLACES
        or (len(letters) < 3 and not has_agency_or_date)
    ):
        return None
    return match


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """Parse a dateline at the start of `paragraph`; return it and the remaining text."""
    head = paragraph[:160]
    match = (
        _upper_case_match(head)
        or _DATELINE_TITLE_AGENCY.match(head)
        or _DATELINE_TITLE_DATE.match(head)
    )
    if match is not None:
        month, day = _month_day(match)
        agency = match.group("agency_paren") or match.group("agency_slash")
        dateline = Dateline(
            raw=match.group(0).strip(),
            place=_title_case(match.group("place").strip().rstrip(",")),
            month=month,
            day=day,
            agency=agency.strip() if agency else None,
        )
        return dateline, paragraph[match.end() :]
    outlet = _OUTLET_PREFIX.match(head)
    if outlet is not None:
        dateline = Dateline(
            raw=outlet.group(0).strip(),
            place=None,
            month=None,
            day=None,
            agency=outlet.group("agency"),
        )
        return dateline, paragraph[outlet.end() :]
    return None, paragraph
