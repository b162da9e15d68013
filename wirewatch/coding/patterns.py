"""The verb pattern language and the CAMEO data files it is checked against.

``load_event_codes`` reads the pinned CAMEO table (``data/cameo/event_codes.csv``),
``load_verb_patterns`` compiles ``data/cameo/verb_patterns.csv`` with ``compile_pattern`` (the
language is described in that file's header; ``verb+`` expands to inflections). A malformed file
raises ``EventDataError`` naming the file, line and problem. ``PatternHit`` is one match of a
pattern over a clause's tokens (see ``matching``). A pattern coded ``---`` (``NULL_CODE``, as in
TABARI dictionaries) is a sense that is no event ("seized the opportunity"); a pattern's ``near``
rules recode or drop it when given words stand next to it (a fee "charged"). ``uncovered_codes``
lists the CAMEO codes no pattern can give (``bench/events/pattern_coverage.py``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wirewatch.coding.actors import token_key
from wirewatch.coding.lexicon import STATEMENT_VERBS

# Irregular verb forms used by the "+" inflection shorthand of the pattern language.
_IRREGULAR = {
    "meet": ["met"], "hold": ["held"], "make": ["made"], "give": ["gave", "given"],
    "send": ["sent"], "take": ["took", "taken"], "sell": ["sold"], "buy": ["bought"],
    "seek": ["sought"], "fight": ["fought"], "shoot": ["shot"], "strike": ["struck"],
    "lead": ["led"], "speak": ["spoke", "spoken"], "withdraw": ["withdrew", "withdrawn"],
    "break": ["broke", "broken"], "freeze": ["froze", "frozen"], "pay": ["paid"],
    "say": ["said"], "tell": ["told"], "bring": ["brought"], "win": ["won"], "keep": ["kept"],
    "leave": ["left"], "put": ["put"], "set": ["set"], "cut": ["cut"], "hit": ["hit"],
    "beat": ["beaten"], "overthrow": ["overthrew", "overthrown"], "shut": ["shut"],
    "throw": ["threw", "thrown"], "blow": ["blew", "blown"], "stand": ["stood"],
    "undertake": ["undertook", "undertaken"], "forgive": ["forgave", "forgiven"],
    "seize": ["seized"], "shake": ["shook", "shaken"], "draw": ["drew", "drawn"],
    "begin": ["began", "begun"], "hang": ["hung"], "lay": ["laid"], "fly": ["flew", "flown"],
    "sign": [], "ride": ["rode"], "swear": ["swore", "sworn"], "forbid": ["forbade", "forbidden"],
    "arise": ["arose"], "rise": ["rose", "risen"], "sink": ["sank", "sunk"], "bid": ["bid"],
    "spend": ["spent"], "lend": ["lent"], "build": ["built"], "steal": ["stole", "stolen"],
    "slay": ["slew", "slain"], "go": ["went", "gone", "goes"], "do": ["did", "done", "does"],
    "come": ["came"], "turn": [], "find": ["found"], "feel": ["felt"], "deal": ["dealt"],
    "catch": ["caught"], "teach": ["taught"], "think": ["thought"], "fall": ["fell", "fallen"],
    "be": ["is", "are", "was", "were", "been", "being"], "have": ["has", "had", "having"],
}
IRREGULAR_PAST = frozenset(form for forms in _IRREGULAR.values() for form in forms)


class EventDataError(ValueError):
    """A CAMEO data file (event codes, verb patterns) is missing or malformed."""


@dataclass(frozen=True, slots=True)
class EventCodeInfo:
    """One row of the pinned CAMEO lookup table."""

    code: str
    name: str
    base_code: str
    root_code: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None


@dataclass(frozen=True, slots=True)
class Element:
    """One compiled pattern element."""

    kind: str  # word | gap | slot | phrase
    words: frozenset[str]
    prefixes: tuple[str, ...]
    optional: bool
    max_gap: int
    phrases: tuple[tuple[frozenset[str], ...], ...] = ()  # "(tear gas|water cannon)"


# The code of a pattern that matches a sense which is no event: it wins overlaps like any
# pattern, then its match is dropped ("seized the opportunity" against "seize+").
NULL_CODE = "---"
# Tokens before / after a match that its "near" rules look at.
NEAR_BEFORE = 4
NEAR_AFTER = 5


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A compiled verb pattern: elements, its CAMEO code and the source line."""

    text: str
    code: str
    elements: tuple[Element, ...]
    line_no: int
    verbal: bool  # starts with verb+ (so a determiner before it makes it a noun)
    of_follows: bool  # its second element is "of" ("disapprove of")
    required: tuple[frozenset[str], ...]  # word sets that must all occur in the clause
    target_code: str | None = None  # code used instead when a target actor is found
    reverse: bool = False  # the subject undergoes the act ("drew criticism from @")
    # "near" rules: (words, word prefixes, the pattern to use instead: its code is the rule's,
    # NULL_CODE to drop the match) when one of the words stands within NEAR_BEFORE /
    # NEAR_AFTER tokens of the match.
    near: tuple[tuple[frozenset[str], tuple[str, ...], VerbPattern], ...] = ()


@dataclass(slots=True)
class PatternHit:
    pattern: VerbPattern
    start: int  # token index of the first matched token
    end: int  # exclusive
    slot: int | None  # token index where the @ target slot starts


def inflections(stem: str) -> set[str]:
    """Base form, -s, -ed, -ing forms (with e-drop, y->i and doubling variants) and irregulars."""
    forms = {stem}
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(stem + "es")
    elif stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
        forms.add(stem[:-1] + "ies")
    else:
        forms.add(stem + "s")
    if stem.endswith(("ee", "ye", "oe")):
        forms.update({stem + "d", stem + "ing"})
    elif stem.endswith("e"):
        forms.update({stem + "d", stem[:-1] + "ing"})
    elif stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
        forms.update({stem[:-1] + "ied", stem + "ing"})
    else:
        forms.update({stem + "ed", stem + "ing"})
        if len(stem) >= 3 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou" and \
                stem[-3] not in "aeiou":
            # stop -> stopped, ban -> banned; harmless extra forms for other verbs.
            forms.update({stem + stem[-1] + "ed", stem + stem[-1] + "ing"})
    forms.update(_IRREGULAR.get(stem, []))
    return forms


_PATTERN_ELEMENT_RE = re.compile(r"\([^()]*\)\??|\S+")


def _word_set(word: str) -> frozenset[str]:
    if word.endswith("+"):
        return frozenset(token_key(f) for f in inflections(word[:-1].lower()))
    return frozenset({word.lower()})


def _compile_element(raw: str, where: str, e_index: int = 1) -> Element:
    optional = raw.endswith("?") and len(raw) > 1
    body = raw[:-1] if optional else raw
    if body.startswith("(") and body.endswith(")"):
        phrases = []
        for alternative in body[1:-1].split("|"):
            phrase_words = alternative.split()
            if not phrase_words:
                raise EventDataError(f"{where}: empty alternative in {raw!r}")
            phrases.append(tuple(_word_set(w) for w in phrase_words))
        return Element("phrase", frozenset(), (), optional, 0, tuple(phrases))
    if "(" in body or ")" in body:
        # "a|(b c)" would split into broken words: a phrase holds all its alternatives.
        raise EventDataError(f"{where}: {raw!r} mixes words and a phrase; write (a|b c)")
    if body in ("*", "**"):
        return Element("gap", frozenset(), (), False, 3 if body == "*" else 6)
    if body == "@":
        return Element("slot", frozenset(), (), optional, 0)
    words: set[str] = set()
    prefixes: list[str] = []
    for alternative in body.split("|"):
        if not alternative:
            raise EventDataError(f"{where}: empty alternative in {raw!r}")
        if alternative.endswith("+"):
            words.update(token_key(f) for f in inflections(alternative[:-1].lower()))
        elif alternative.endswith("*") and len(alternative) > 1:
            prefixes.append(alternative[:-1].lower())
        else:
            word = token_key(alternative) if alternative.isupper() else alternative.lower()
            words.add(word)
            if e_index > 0 and word[-1:].isalpha() and not word.endswith("s"):
                words.add(word + "s")  # nouns match their plural: "ambassador(s)"
    return Element("word", frozenset(words), tuple(prefixes), optional, 0)


def compile_pattern(text: str, code: str, line_no: int = 0,
                    target_code: str | None = None, reverse: bool = False) -> VerbPattern:
    """Compile one pattern of the verb pattern language (see verb_patterns.csv header)."""
    where = f"verb_patterns.csv line={line_no}"
    elements = tuple(
        _compile_element(raw, where, e_index)
        for e_index, raw in enumerate(_PATTERN_ELEMENT_RE.findall(text))
    )
    if not elements:
        raise EventDataError(f"{where}: empty pattern")
    first = elements[0]
    if first.kind != "word" or first.optional or first.prefixes:
        raise EventDataError(
            f"{where}: pattern {text!r} must start with a literal word or verb+ (no ?, *, @)"
        )
    verbal = any(raw.endswith("+") for raw in text.split()[0].split("|"))
    of_follows = any("of" in e.words for e in elements[1:3])
    # Words the clause must hold for a match: each required literal word, and for a required
    # phrase one of its alternatives' first words (a cheap filter before backtracking).
    required = tuple(
        e.words if e.kind == "word" else frozenset().union(*(phrase[0] for phrase in e.phrases))
        for e in elements[1:]
        if not e.optional and ((e.kind == "word" and not e.prefixes) or e.kind == "phrase")
    )
    if reverse and not any(e.kind == "slot" for e in elements):
        raise EventDataError(f"{where}: a reverse pattern needs an @ slot for its source")
    return VerbPattern(text, code, elements, line_no, verbal, of_follows, required,
                       target_code or None, reverse)


def _compile_near(text: str, pattern: VerbPattern, codes: dict[str, EventCodeInfo],
                  where: str) -> VerbPattern:
    """Attach the "near" column's rules: ``w1|w2|pre*=>CODE`` or ``=>-`` (drop), ';'-separated."""
    rules: list[tuple[frozenset[str], tuple[str, ...], VerbPattern]] = []
    for rule in text.split(";"):
        words_text, arrow, code = rule.strip().partition("=>")
        code = code.strip()
        if not arrow or not words_text.strip() or not code:
            raise EventDataError(f"{where}: near rule {rule.strip()!r} is not 'words=>code'")
        if code != "-" and code not in codes:
            raise EventDataError(f"{where}: unknown CAMEO code={code!r} in near rule")
        element = _compile_element(words_text.strip(), where)
        variant = VerbPattern(
            pattern.text, NULL_CODE if code == "-" else code, pattern.elements,
            pattern.line_no, pattern.verbal, pattern.of_follows, pattern.required,
            pattern.target_code, pattern.reverse)
        rules.append((element.words, element.prefixes, variant))
    return VerbPattern(pattern.text, pattern.code, pattern.elements, pattern.line_no,
                       pattern.verbal, pattern.of_follows, pattern.required,
                       pattern.target_code, pattern.reverse, tuple(rules))


def cameo_data_dir() -> Path:
    return Path(str(resources.files("wirewatch.coding") / "data" / "cameo"))


def _csv_rows(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise EventDataError(f"CAMEO data file missing: path={path}")
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [
            (no, line) for no, line in enumerate(handle, start=1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
    reader = csv.DictReader(line for _, line in numbered)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise EventDataError(f"{path.name}: missing column(s) {', '.join(missing)}")
    return [(numbered[i + 1][0], {k: (v or "").strip() for k, v in row.items()})
            for i, row in enumerate(reader)]


def load_event_codes(path: Path | None = None) -> dict[str, EventCodeInfo]:
    """The pinned CAMEO table: code -> names, base, root, QuadClass, Goldstein, PLOVER."""
    path = path or cameo_data_dir() / "event_codes.csv"
    columns = ("code", "name", "base_code", "root_code", "quad_class", "goldstein",
               "plover_type", "plover_mode")
    codes: dict[str, EventCodeInfo] = {}
    for line_no, row in _csv_rows(path, columns):
        try:
            info = EventCodeInfo(
                row["code"], row["name"], row["base_code"], row["root_code"],
                int(row["quad_class"]), float(row["goldstein"]),
                row["plover_type"] or None, row["plover_mode"] or None,
            )
        except ValueError as exc:
            raise EventDataError(f"{path.name} line={line_no}: {exc}") from exc
        if info.code in codes:
            raise EventDataError(f"{path.name} line={line_no}: duplicate code={info.code}")
        codes[info.code] = info
    return codes


def load_verb_patterns(codes: dict[str, EventCodeInfo],
                       path: Path | None = None) -> list[VerbPattern]:
    """Compiled verb patterns; every code must exist in the CAMEO table."""
    path = path or cameo_data_dir() / "verb_patterns.csv"
    patterns = []
    for line_no, row in _csv_rows(path, ("pattern", "code", "example")):
        if row["code"] not in codes and row["code"] != NULL_CODE:
            raise EventDataError(
                f"{path.name} line={line_no}: unknown CAMEO code={row['code']!r}"
            )
        target_code = row.get("code_with_target") or None
        if target_code is not None and target_code not in codes:
            raise EventDataError(
                f"{path.name} line={line_no}: unknown CAMEO code_with_target={target_code!r}"
            )
        reverse = (row.get("reverse") or "").lower()
        if reverse not in ("", "yes"):
            raise EventDataError(f"{path.name} line={line_no}: reverse must be empty or 'yes'")
        pattern = compile_pattern(row["pattern"], row["code"], line_no, target_code,
                                  reverse == "yes")
        if row.get("near"):
            pattern = _compile_near(row["near"], pattern, codes,
                                    f"{path.name} line={line_no}")
        patterns.append(pattern)
    return patterns


def is_statement(pattern: VerbPattern) -> bool:
    """A bare statement verb ("said", "insisted"): a fallback 010, coded only when its sentence
    gives no other event."""
    return pattern.code == "010" and len(pattern.elements) == 1 and \
        pattern.elements[0].words <= STATEMENT_VERBS


def pattern_codes(patterns: Sequence[VerbPattern]) -> set[str]:
    """Every code a pattern can give by itself: its code, code_with_target and near rules."""
    found: set[str] = set()
    for pattern in patterns:
        found.add(pattern.code)
        if pattern.target_code:
            found.add(pattern.target_code)
        found.update(variant.code for _, _, variant in pattern.near)
    found.discard(NULL_CODE)
    return found


def uncovered_codes(codes: dict[str, EventCodeInfo], reachable: set[str],
                    length: int = 3) -> list[str]:
    """CAMEO codes of `length` digits that no code in `reachable` gives: neither the code nor
    one of its sub-codes ("0231" covers "023"); a root's unspecified code ("200") is covered by
    any code of its root. `reachable` is what patterns, their near rules and the modality
    mapping can produce (``bench/events/pattern_coverage.py``)."""
    def covered(code: str) -> bool:
        prefix = code[:2] if length == 3 and code.endswith("0") else code
        return any(r.startswith(prefix) for r in reachable)

    return [code for code in codes if len(code) == length and not covered(code)]
