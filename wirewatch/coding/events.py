"""CAMEO event coder: who did what to whom, sentence by sentence (formats.md C).

Input: a document body (plain text) and optionally its reference date (for people's terms of
office). Output: ``CodedEvent`` rows with CAMEO code, base, root, QuadClass, Goldstein and PLOVER
type from the pinned table ``wirewatch/coding/data/cameo/event_codes.csv``, both actors
(``ActorMention``)
and char offsets of the sentence, the evidence span and the verb phrase in the text given.

How: sentences are split with offsets (abbreviation-aware), then clauses (``;`` and
", but/while/and <actor>"). Each clause is tokenised once; the actor matcher
(``wirewatch/coding/actors.py``) finds mentions; verb patterns from
``wirewatch/coding/data/cameo/verb_patterns.csv``
are indexed by their first token and matched left to right. For each pattern match the source is
the nearest subject actor group before the verb (or the ``by`` agent in the passive voice), the
target is the pattern's ``@`` slot or the first actor group after the verb, and one event is made
per (source, target) pair of coordinated actors. Words before the verb change the code: negation
drops the event ("will not" + a cooperative act is a 12x refusal), refusal maps it to the 12x
reject family, threats map it to 13x, intent and future cooperation to 03x, and hypothetical
modals (could, might, should, if-clauses), questions and background states drop it. The full
rule list, in order, is in ARCHITECTURE.md ("Event coding"); the conventions follow
``bench/events/ANNOTATION.md`` where it states one.

Failure reasons: bad data files raise ``EventDataError`` (a ``ValueError``) naming the file, line
and problem when the coder is loaded; coding itself never raises on text input.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wirewatch.coding.actors import (
    ActorMatcher,
    ActorMention,
    CorefState,
    MatchedActor,
    Tokens,
    primary_code,
    token_key,
    tokenize,
)

__all__ = ["ActorMention", "CodedEvent", "EventCoder", "EventDataError"]


def _words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


# Bump on any change to the rules below or to the files in wirewatch/coding/data/cameo/.
RULESET_VERSION = "1.2"

_ABBREVIATIONS = _words(
    """mr mrs ms dr gen col lt maj capt adm sgt cpl sen rep gov pres prof st jr sr rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs inc corp co ltd bros dept est
    approx fig mt ft""")
# Words that start a new sentence after a dotted acronym ("... in the U.S. The talks ...").
_SENTENCE_STARTERS = _words(
    "the a an it he she they we i but in on at this that these those his her their its"
)
_FIRST_PERSON = frozenset({"we", "I", "i"})  # keys of first-person pronouns in quotes
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n+")
_DATELINE_RE = re.compile(
    r"\A\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Za-z .]{2,30})?(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:--|—|–|-)\s+"
)

_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
_ADVERBS = _words(
    """also reportedly already recently previously now still just then again later allegedly
    formally officially finally jointly quickly swiftly repeatedly publicly strongly sharply
    further once effectively apparently""")
_NEGATORS = frozenset({"not", "n't", "n’t", "never", "neither", "nor", "without", "cannot",
                       "no"})
# Prepositions that make an actor group a complement, not a subject.
_PREPOSITIONS = _words(
    """of to with from for against on by over about between among toward towards than like
    into onto upon via under despite including regarding in at near outside inside across
    around within throughout""")
_COORDINATORS = frozenset({"and", ",", "or", "&"})
_DETERMINERS = _words(
    "the a an its their his her our your my this these those any every each no"
)
# Between a verb and its object these end the search: a new clause or a quotation starts.
_OBJECT_STOPS = _words(
    """, ; : " “ ” ( ) that which who whom whose after before when while because since as if
    although though whereas unless until where""")
# Before a noun phrase these make it the topic of another verb ("concern about the strikes").
_TOPIC_PREPOSITIONS = _words("about over against of for regarding despite")
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_CLAUSE_WORDS = _words("and or but that who which it he she they we i you also then")
# After a demonym these name the state's forces: "Russian drones struck Kyiv" -> RUS acts.
_FORCE_NOUNS = _words(
    """drones drone missiles missile rockets rocket artillery tanks bombers jets warplanes
    warships forces troops soldiers navy aircraft helicopters airstrike airstrikes strike
    strikes weapons"""
)
_QUANTIFIERS = _words(
    "number some many several most all one two three dozens hundreds thousands group members"
)
_AUXILIARIES = _words(
    """will would has have had is are was were be been being 's 're am do does did can shall
    also often reportedly already now still""")
# "its decision to buy", "a deal to supply": an infinitive that completes a noun reports no event.
_COMPLEMENT_NOUNS = _words(
    """decision decisions plan plans deal deals agreement agreements contract bid attempt attempts
    intent intention intentions move effort efforts motivation offer proposal request call calls
    pressure right option options way ability capacity chance opportunity need member members
    country first last commitment readiness willingness order permission approval threat
    threats pledge promise refusal failure push campaign mission step steps situation time
    reason reasons desire wish goal aim objective objectives strategy policy bargaining chip
    chips talks negotiations consignment process""")
_SPEECH_VERBS = _words(
    """said says say told tells added adds noted notes stated states underlined stressed
    insisted insists wrote tweeted explained declared declares announced""")
_APPEAL_WORDS = _words(
    """urge urged urges urging call called calls calling ask asked asks asking appeal appealed
    appeals press pressed presses demand demanded demands invite invited invites encourage
    encouraged encourages"""
)
# Roles of non-state armed actors, whose violence CAMEO codes as assault (18), not fighting.
_IRREGULAR_ROLES = frozenset({"REB", "UAF", "CRM", "INS", "SEP"})
# Before an -ing form these start an adverbial clause whose subject is the main subject.
_ADVERBIAL_CLAUSE_WORDS = frozenset({"after", "before", "while", "when", "since", "upon", "by"})
# Words of a place or time adjunct between a modifier and its infinitive.
_ADJUNCT_WORDS = _words("at in on during the a last this next earlier later")
# Objects that make a fight verb figurative: "battle wildfires", "combat inflation".
_NON_VIOLENT_OBJECTS = _words(
    """fire fires wildfire wildfires blaze blazes flames pandemic epidemic outbreak drought
    floods flooding inflation corruption poverty disease climate hunger misinformation""")
# Weapons handed over by these verbs are military aid (072) unless the clause names a sale.
_GIVING_VERBS = ("deliver+", "send+", "give+", "provide+", "ship+")
_SALE_WORDS = _words(
    """buy buys bought buying purchase purchased purchases sale sales sell sold selling contract
    contracts deal order ordered orders""")
_SUBORDINATORS = frozenset({"before", "after", "while", "when", "because", "although",
                           "though", "whereas"})
_FUTURE_AUXILIARIES = frozenset({"will", "would", "'ll", "’ll", "shall", "wo"})
# Modalities that qualify a verb without being a verb of their own ("not", "will", "could").
_ADVERBIAL_MODALITIES = frozenset({"negated", "negated_future", "hypothetical", "future"})
_HYPOTHETICAL_MODALS = frozenset(
    {"could", "might", "may", "should", "must", "ought", "probably", "possibly", "perhaps",
     "maybe"}
)
_CONDITIONALS = frozenset({"if", "unless", "whether"})
_CLAUSE_CONJUNCTIONS = frozenset({"but", "while", "whereas", "although", "though", "and"})

# Modifier verbs: (inflected forms) -> modality. "refused to sign" -> reject family, etc.
_MODIFIER_STEMS = {
    "refusal": _words("refuse decline reject"),
    "failure": _words("fail"),
    "threat": _words("threaten"),
    "intent": _words(
        "plan intend pledge promise vow offer agree want seek hope aim expect prepare"
    ),
}
_MODIFIER_ADJECTIVES = {"ready": "intent", "willing": "intent", "prepared": "intent",
                        "determined": "intent", "unwilling": "refusal", "reluctant": "refusal"}
_MODIFIER_PHRASE_GAP = 4  # tokens allowed between a modifier and its verb ("to", adverbs)
# Unions the coder tests per verb, built once (a frozenset union per call costs about 1 µs).
_ADVERBS_OR_NEGATORS = _ADVERBS | _NEGATORS
_AUXILIARIES_ADVERBS_OR_NEGATORS = _AUXILIARIES | _ADVERBS | _NEGATORS
_BE_FORMS_ALL = _BE_FORMS | {"'re", "’re", "am"}

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

_TIME_WORDS = _words(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday overnight
    week month year earlier later"""
)
_ASPECTUAL_VERBS = _words(
    "began begin begins start started starts continued continue continues resumed kept keep"
)
_IRREGULAR_PAST = frozenset(form for forms in _IRREGULAR.values() for form in forms)
# Participles that describe the subject's state of mind: "NATO is worried that ...", "Seoul was
# alarmed by ..." report the subject's reaction (it is the source), not a passive act.
_EMOTIVE_PARTICIPLES = _words(
    """concerned worried alarmed troubled disturbed dismayed disappointed outraged angered
    frustrated appalled shocked incensed irked upset unhappy displeased""")

class EventDataError(ValueError):
    """A CAMEO data file (event codes, verb patterns) is missing or malformed."""


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """One coded event mention: formats.md C."""

    sentence_index: int
    sentence_start: int
    sentence_end: int
    evidence_start: int
    evidence_end: int
    action_start: int
    action_end: int
    actor1: ActorMention | None
    actor2: ActorMention | None
    event_code: str
    event_base_code: str
    event_root_code: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    confidence: float
    is_lead: bool


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
class _Element:
    """One compiled pattern element."""

    kind: str  # word | gap | slot | phrase
    words: frozenset[str]
    prefixes: tuple[str, ...]
    optional: bool
    max_gap: int
    phrases: tuple[tuple[frozenset[str], ...], ...] = ()  # "(tear gas|water cannon)"


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A compiled verb pattern: elements, its CAMEO code and the source line."""

    text: str
    code: str
    elements: tuple[_Element, ...]
    line_no: int
    verbal: bool  # starts with verb+ (so a determiner before it makes it a noun)
    of_follows: bool  # its second element is "of" ("disapprove of")
    required: tuple[frozenset[str], ...]  # word sets that must all occur in the clause
    target_code: str | None = None  # code used instead when a target actor is found
    reverse: bool = False  # the subject undergoes the act ("drew criticism from @")


@dataclass(slots=True)
class _PatternHit:
    pattern: VerbPattern
    start: int  # token index of the first matched token
    end: int  # exclusive
    slot: int | None  # token index where the @ target slot starts


def _inflections(stem: str) -> set[str]:
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
        return frozenset(token_key(f) for f in _inflections(word[:-1].lower()))
    return frozenset({word.lower()})


def _compile_element(raw: str, where: str, e_index: int = 1) -> _Element:
    optional = raw.endswith("?") and len(raw) > 1
    body = raw[:-1] if optional else raw
    if body.startswith("(") and body.endswith(")"):
        phrases = []
        for alternative in body[1:-1].split("|"):
            phrase_words = alternative.split()
            if not phrase_words:
                raise EventDataError(f"{where}: empty alternative in {raw!r}")
            phrases.append(tuple(_word_set(w) for w in phrase_words))
        return _Element("phrase", frozenset(), (), optional, 0, tuple(phrases))
    if body in ("*", "**"):
        return _Element("gap", frozenset(), (), False, 3 if body == "*" else 6)
    if body == "@":
        return _Element("slot", frozenset(), (), optional, 0)
    words: set[str] = set()
    prefixes: list[str] = []
    for alternative in body.split("|"):
        if not alternative:
            raise EventDataError(f"{where}: empty alternative in {raw!r}")
        if alternative.endswith("+"):
            words.update(token_key(f) for f in _inflections(alternative[:-1].lower()))
        elif alternative.endswith("*") and len(alternative) > 1:
            prefixes.append(alternative[:-1].lower())
        else:
            word = token_key(alternative) if alternative.isupper() else alternative.lower()
            words.add(word)
            if e_index > 0 and word[-1:].isalpha() and not word.endswith("s"):
                words.add(word + "s")  # nouns match their plural: "ambassador(s)"
    return _Element("word", frozenset(words), tuple(prefixes), optional, 0)


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
    required = tuple(
        e.words for e in elements[1:] if e.kind == "word" and not e.optional and not e.prefixes
    )
    if reverse and not any(e.kind == "slot" for e in elements):
        raise EventDataError(f"{where}: a reverse pattern needs an @ slot for its source")
    return VerbPattern(text, code, elements, line_no, verbal, of_follows, required,
                       target_code or None, reverse)


def _data_dir() -> Path:
    return Path(str(resources.files("wirewatch.coding") / "data" / "cameo"))




def coder_build() -> str:
    """How this module runs here: compiled by tools/build_coder.py, or from its source."""
    return "pure Python" if __file__.endswith(".py") else "compiled (mypyc)"


def rules_digest(data_dir: Path | None = None) -> str:
    """8 hex digits over the CAMEO data files and the coding modules' source: any edit to a
    rule gives a new coder version, so stored rows of the old rules are never mistaken for new."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    data_files = sorted((data_dir or _data_dir()).glob("*.csv"))
    # Every module of the coding stage shapes an event_mentions row (actor files are versioned
    # by their own VERSION).
    for path in [*data_files, *sorted(package.glob("*.py"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


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
    path = path or _data_dir() / "event_codes.csv"
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
    path = path or _data_dir() / "verb_patterns.csv"
    patterns = []
    for line_no, row in _csv_rows(path, ("pattern", "code", "example")):
        if row["code"] not in codes:
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
        patterns.append(compile_pattern(row["pattern"], row["code"], line_no, target_code,
                                        reverse == "yes"))
    return patterns


def _threat_code(code: str) -> str | None:
    """The 13x code for threatening to do `code` (None: not a threat CAMEO codes)."""
    root = code[:2]
    by_code = {"163": "1312", "161": "1313", "162": "1311", "1621": "1311", "1622": "1311",
               "1623": "1311", "164": "134", "165": "135", "166": "136", "172": "132",
               "173": "137", "174": "137", "175": "137", "191": "1381", "192": "1382"}
    if code in by_code:
        return by_code[code]
    if code[:3] in by_code:
        return by_code[code[:3]]
    return {"13": code, "14": "133", "15": "138", "16": "131", "17": "130", "18": "1383",
            "19": "1384", "20": "1385"}.get(root)


def _intent_code(code: str) -> str | None:
    """The 03x code for expressing intent to do `code`; conflict verbs become threats."""
    root = code[:2]
    by_code = {"045": "039", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
               "071": "0331", "072": "0332", "073": "0333", "074": "0334", "081": "0351",
               "082": "0352", "084": "0353", "0841": "0353", "0842": "0353", "085": "0354",
               "086": "0355", "087": "0356", "0871": "0356"}
    if code in by_code:
        return by_code[code]
    if root in ("01", "02", "03"):
        return code
    if root == "04":
        return "036"
    if root >= "09":
        # No intent category for conflictual acts: an agreed or planned sanction is coded as
        # the act (annotation guideline); threats come from threat words, not from intent.
        return code
    if root == "05":
        return "032" if code != "057" else "030"
    simple = {"06": "031", "07": "033", "08": "035"}
    if root in simple:
        return simple[root]
    return _threat_code(code)


def _refusal_code(code: str) -> str | None:
    """The 12x code for refusing to do `code` (None: refusing a hostile act is not coded)."""
    root = code[:2]
    by_code = {"057": "127", "061": "1211", "062": "1212", "084": "1243", "0841": "1243",
               "0842": "1243", "085": "1244", "086": "1245", "087": "1246", "0871": "1246",
               "081": "1241", "045": "126"}
    if code in by_code:
        return by_code[code]
    return {"02": "120", "03": "120", "04": "125", "05": "120", "06": "121", "07": "122",
            "08": "124", "12": code}.get(root)


@dataclass(slots=True)
class _Group:
    """Coordinated actors ("France and Italy") as one slot filler."""

    actors: list[MatchedActor]
    tok_start: int
    tok_end: int


class EventCoder:
    """Rule-based CAMEO coder over the packaged actor and verb data (formats.md C)."""

    def __init__(self, matcher: ActorMatcher, codes: dict[str, EventCodeInfo],
                 patterns: list[VerbPattern]) -> None:
        self.matcher = matcher
        self.codes = codes
        self.patterns = patterns
        self.version = f"cameo-{RULESET_VERSION}+actors-{matcher.version}+rules.{rules_digest()}"
        self._index: dict[str, list[VerbPattern]] = {}
        for pattern in patterns:
            for word in pattern.elements[0].words:
                self._index.setdefault(word, []).append(pattern)
        # The same index with each pattern's required words and elements unpacked for the
        # inner loop of _match_patterns.
        self._dispatch = {
            word: [(p, p.required, p.elements, len(p.elements)) for p in patterns_of_word]
            for word, patterns_of_word in self._index.items()
        }
        self._modifiers: dict[str, str] = dict(_MODIFIER_ADJECTIVES)
        for kind, stems in _MODIFIER_STEMS.items():
            for stem in stems:
                for form in _inflections(stem):
                    self._modifiers[form] = kind

    @classmethod
    def load(cls, actor_dirs: Sequence[Path | str] = ()) -> EventCoder:
        """Coder over the packaged data files, plus optional user actor directories."""
        codes = load_event_codes()
        return cls(ActorMatcher.load(actor_dirs), codes, load_verb_patterns(codes))

    # -- sentences -------------------------------------------------------------------------

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans [start, end) in text: punctuation + capital, or a line break."""
        spans: list[tuple[int, int]] = []
        start = 0
        for match in _SENTENCE_END_RE.finditer(text):
            end = match.end()
            if match.group()[0] != "\n" and not self._is_boundary(text, match.start(), end):
                continue
            self._add_span(text, start, end, spans)
            start = end
        self._add_span(text, start, len(text), spans)
        return spans

    @staticmethod
    def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))

    @staticmethod
    def _is_boundary(text: str, punct_start: int, end: int) -> bool:
        following = text[end:end + 40].lstrip()
        if not following:
            return True
        first = following[0]
        if not (first.isupper() or first.isdigit() or first in "\"'“‘(["):
            return False
        if text[punct_start] != ".":
            return True
        word_start = punct_start
        while word_start > 0 and not text[word_start - 1].isspace() and \
                text[word_start - 1] not in "(\"“":
            word_start -= 1
        word = text[word_start:punct_start]
        if not word:
            return True
        if len(word) == 1 and word.isupper():
            return False  # an initial: "John F. Kennedy"
        if "." in word and all(len(p) <= 2 for p in word.split(".")):
            # U.S., U.N.: a boundary only when a typical sentence opener follows.
            next_word = following.split(maxsplit=1)[0].strip("\"'“‘").lower()
            return next_word in _SENTENCE_STARTERS
        return word.lower().rstrip(".") not in _ABBREVIATIONS

    @staticmethod
    def _lead_paragraph(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
        """Char range of the lead: the first paragraph that reads as prose."""
        position = 0
        for paragraph in re.split(r"(\n\s*)", text):
            stripped = paragraph.strip()
            if stripped and stripped[-1] in ".!?\"”’" and len(stripped.split()) >= 12:
                return position, position + len(paragraph)
            position += len(paragraph)
        return (spans[0][0], spans[0][1]) if spans else (0, 0)

    # -- coding ----------------------------------------------------------------------------

    def code_text(self, text: str, ref_date: dt.date | None = None,
                  spans: list[tuple[int, int]] | None = None) -> list[CodedEvent]:
        """All events in a document body, in sentence order; offsets index `text`.

        `spans` is `split_sentences(text)` when the caller has it already."""
        if spans is None:
            spans = self.split_sentences(text)
        lead_start, lead_end = self._lead_paragraph(text, spans)
        dateline = _DATELINE_RE.match(text)
        skip_until = dateline.end() if dateline else 0
        state = CorefState()
        # Pass 1: tokens and actors in reading order (coreference needs the order).
        sentences: list[tuple[int, int, Tokens, list[MatchedActor]]] = []
        for start, end in spans:
            tokens = tokenize(text, max(start, skip_until), end)
            sentences.append((start, end, tokens, self.matcher.find(tokens, state, ref_date)))
        # Pass 2: first-person pronouns in quotes take the speaker, then code each clause.
        paragraph_ids = self._paragraph_ids(text, spans)
        speakers = [self._speaker(tokens, actors) for _, _, tokens, actors in sentences]
        events: list[CodedEvent] = []
        triggers = self._index.keys()
        for index, (start, end, tokens, actors) in enumerate(sentences):
            if not tokens.texts or triggers.isdisjoint(tokens.keys):
                continue  # no verb pattern can start in this sentence
            speaker = self._nearby_speaker(speakers, paragraph_ids, index)
            if speaker is not None:
                actors = self._resolve_first_person(tokens, actors, speaker)
            if not actors:
                continue  # every event needs an actor
            is_lead = lead_start <= start < lead_end
            if text[start:end].rstrip("\"'”’) ").endswith("?"):
                continue  # a question reports no event ("Could Germany send tanks?")
            claimant = self._claimant(tokens, actors)
            for clause_start, clause_end in self._clauses(tokens, actors):
                events.extend(self._code_clause(tokens, actors, clause_start, clause_end,
                                                index, start, end, is_lead, ref_date, claimant,
                                                speakers[index]))
        return events

    @staticmethod
    def _claimant(tokens: Tokens, actors: list[MatchedActor]) -> MatchedActor | None:
        """The group a sentence says claimed the violence: "in an attack claimed by Islamic
        State", "al-Shabaab claimed responsibility"."""
        keys = tokens.keys
        for actor in actors:
            if actor.mention.known_group is None or actor.is_place:
                continue
            before = _word_before(keys, 0, actor.tok_start)
            j = actor.tok_start - (2 if before == keys[actor.tok_start - 1] else 3)
            if before == "by" and j >= 0 and keys[j] == "claimed":
                return actor
            after = keys[actor.tok_end:actor.tok_end + 4]
            if "claimed" in after and "responsibility" in keys[actor.tok_end:actor.tok_end + 6]:
                return actor
        return None

    @staticmethod
    def _paragraph_ids(text: str, spans: list[tuple[int, int]]) -> list[int]:
        """Paragraph number of each sentence (paragraphs end at line breaks)."""
        ids = []
        paragraph = 0
        previous_end = 0
        for start, end in spans:
            if "\n" in text[previous_end:start]:
                paragraph += 1
            ids.append(paragraph)
            previous_end = end
        return ids

    @staticmethod
    def _nearby_speaker(speakers: list[MatchedActor | None], paragraph_ids: list[int],
                        index: int) -> MatchedActor | None:
        """The speaker of this sentence, else of the next two (a quote closing later) or the
        previous one, within the same paragraph."""
        for other in (index, index + 1, index + 2, index - 1):
            if 0 <= other < len(speakers) and paragraph_ids[other] == paragraph_ids[index] \
                    and speakers[other] is not None:
                return speakers[other]
        return None

    @staticmethod
    def _resolve_first_person(tokens: Tokens, actors: list[MatchedActor],
                              speaker: MatchedActor) -> list[MatchedActor]:
        """'"We ...," X said': first-person pronouns take the speaker's actor."""
        if _FIRST_PERSON.isdisjoint(tokens.keys):
            return actors
        first_person = [i for i, k in enumerate(tokens.keys) if k in _FIRST_PERSON]
        if not first_person:
            return actors
        covered = {i for a in actors for i in range(a.tok_start, a.tok_end)}
        added = []
        for i in first_person:
            if i in covered:
                continue
            m = speaker.mention
            mention = ActorMention(m.code, m.name, m.country, m.known_group, m.role,
                                   tokens.starts[i], tokens.ends[i], False)
            added.append(MatchedActor(mention, i, i + 1, is_person=speaker.is_person))
        return sorted(actors + added, key=lambda a: a.tok_start)

    @staticmethod
    def _speaker(tokens: Tokens, actors: list[MatchedActor]) -> MatchedActor | None:
        """The actor next to a speech verb ("Aksoy said", "said Davis", "X told reporters")."""
        if _SPEECH_VERBS.isdisjoint(tokens.keys):
            return None
        for i, key in enumerate(tokens.keys):
            if key not in _SPEECH_VERBS:
                continue
            for actor in actors:
                if actor.is_place or actor.adjectival:
                    continue
                if 0 <= i - actor.tok_end <= 2 or 0 <= actor.tok_start - i - 1 <= 1:
                    return actor
        return None

    @staticmethod
    def _clauses(tokens: Tokens, actors: list[MatchedActor]) -> list[tuple[int, int]]:
        """Token ranges of clauses: split on ';' and on ', but/while/and <actor>'."""
        keys = tokens.keys
        if "," not in keys and ";" not in keys:
            return [(0, len(keys))] if keys else []
        punctuation = [i for i, key in enumerate(keys) if key == ";" or key == ","]
        if not punctuation:
            return [(0, len(keys))] if keys else []
        actor_starts = {a.tok_start for a in actors}
        cuts = [0]
        for i in punctuation:
            key = keys[i]
            if key == ";":
                cuts.append(i + 1)
            elif key == "," and i + 2 < len(keys) and keys[i + 1] in _CLAUSE_CONJUNCTIONS:
                nxt = i + 2
                if nxt < len(keys) and keys[nxt] == "the":
                    nxt += 1
                if nxt in actor_starts or i + 2 in actor_starts:
                    cuts.append(i + 2)
        cuts.append(len(keys))
        return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def _match_patterns(self, tokens: Tokens, lo: int, hi: int,
                        actor_at: dict[int, MatchedActor]) -> list[_PatternHit]:
        hits: list[_PatternHit] = []
        keys = tokens.keys
        dispatch = self._dispatch
        clause = keys[lo:hi]
        verb_positions = [i for i, key in enumerate(clause, lo) if key in dispatch]
        if not verb_positions:
            return hits
        clause_keys = set(clause)
        match_from = self._match_from
        for i in verb_positions:
            for pattern, required, elements, n_elements in dispatch[keys[i]]:
                # Cheap pre-check: every required literal word must occur in the clause.
                for words in required:
                    if clause_keys.isdisjoint(words):
                        break
                else:
                    if n_elements == 1:
                        hits.append(_PatternHit(pattern, i, i + 1, None))
                        continue
                    result = match_from(elements, 1, keys, i + 1, hi, actor_at, None)
                    if result is not None:
                        hits.append(_PatternHit(pattern, i, result[0], result[1]))
        if not hits:
            return hits
        actor_tokens = {i for a in actor_at.values() for i in range(a.tok_start, a.tok_end)}
        if len(hits) == 1:
            return [] if self._is_noun_use(tokens, hits[0], lo, actor_tokens) else hits
        # Longest match wins where matches overlap; ties go to the earlier, then the file order.
        def matched_length(hit: _PatternHit) -> int:
            slot_actor = actor_at.get(hit.slot) if hit.slot is not None else None
            slot_len = slot_actor.tok_end - slot_actor.tok_start if slot_actor else 0
            return hit.end - hit.start - slot_len

        hits.sort(key=lambda h: (-matched_length(h), h.start, h.pattern.line_no))
        chosen: list[_PatternHit] = []
        taken: set[int] = set()
        for hit in hits:
            span = set(range(hit.start, hit.end))
            if hit.slot is not None and hit.slot in actor_at:
                span -= set(range(hit.slot, actor_at[hit.slot].tok_end))
            if span & taken:
                continue
            # A verb used as a noun competes with nothing ("demanded the release of its
            # citizens"); tested only for hits that would be chosen (the order is total).
            if self._is_noun_use(tokens, hit, lo, actor_tokens):
                continue
            taken |= span
            chosen.append(hit)
        chosen.sort(key=lambda h: h.start)
        return chosen

    def _match_from(self, elements: tuple[_Element, ...], e: int, keys: list[str], i: int,
                    hi: int, actor_at: dict[int, MatchedActor],
                    slot: int | None) -> tuple[int, int | None] | None:
        """Backtracking match of elements[e:] at token i; returns (end, slot) or None."""
        n_elements = len(elements)
        # A required literal word has no alternative to backtrack to, so a run of them is
        # matched in a loop; only optional, gap, phrase and slot elements recurse.
        while e < n_elements:
            element = elements[e]
            if element.kind != "word" or element.optional:
                break
            if i >= hi:
                return None
            key = keys[i]
            if key not in element.words and not (element.prefixes and
                                                 key.startswith(element.prefixes)):
                return None
            e += 1
            i += 1
        else:
            return i, slot
        if element.kind == "gap":
            following = elements[e + 1] if e + 1 < n_elements else None
            if following is not None and following.kind == "word" and not following.optional:
                # Only positions holding the required next word can continue the match.
                words, prefixes = following.words, following.prefixes
                for j in range(i, min(i + element.max_gap + 1, hi)):
                    key = keys[j]
                    if key in words or (prefixes and key.startswith(prefixes)):
                        result = self._match_from(elements, e + 2, keys, j + 1, hi, actor_at,
                                                  slot)
                        if result is not None:
                            return result
                return None
            for skip in range(element.max_gap + 1):
                if i + skip > hi:
                    break
                result = self._match_from(elements, e + 1, keys, i + skip, hi, actor_at, slot)
                if result is not None:
                    return result
            return None
        if element.kind == "phrase":
            for phrase in element.phrases:
                end = i + len(phrase)
                if end > hi:
                    continue
                for k, words in enumerate(phrase):
                    if keys[i + k] not in words:
                        break
                else:
                    result = self._match_from(elements, e + 1, keys, end, hi, actor_at, slot)
                    if result is not None:
                        return result
            if element.optional:
                return self._match_from(elements, e + 1, keys, i, hi, actor_at, slot)
            return None
        if element.kind == "slot":
            # "on the EU", "on four Iranian airlines", "on dozens of Russian firms"
            j = i
            while j < hi and j - i < 4 and j not in actor_at and (
                    keys[j] in _SLOT_LEAD_WORDS or keys[j].isdigit()):
                j += 1
            actor = actor_at.get(j)
            if actor is not None:
                end = actor.tok_end
                if end + 1 < hi and keys[end] in ("'s", "’s") and (end + 1) in actor_at:
                    end = actor_at[end + 1].tok_end  # "invited Brazil's Lula to visit"
                result = self._match_from(elements, e + 1, keys, end, hi, actor_at, j)
                if result is not None:
                    return result
            if element.optional:
                return self._match_from(elements, e + 1, keys, i, hi, actor_at, slot)
            return None
        if i < hi:
            key = keys[i]
            if key in element.words or (element.prefixes and key.startswith(element.prefixes)):
                result = self._match_from(elements, e + 1, keys, i + 1, hi, actor_at, slot)
                if result is not None:
                    return result
        if element.optional:
            return self._match_from(elements, e + 1, keys, i, hi, actor_at, slot)
        return None

    @staticmethod
    def _groups(tokens: Tokens, actors: list[MatchedActor], lo: int, hi: int) -> list[_Group]:
        """Coordinated actor groups inside [lo, hi): 'France, Germany and Italy'."""
        groups: list[_Group] = []
        keys = tokens.keys
        for actor in actors:
            if actor.tok_start < lo or actor.tok_end > hi or actor.is_place:
                continue
            if groups:
                last = groups[-1]
                between = keys[last.tok_end:actor.tok_start]
                if not between:
                    # Apposition ("the country Ankara", "Foreign Minister Sergei Lavrov"): one
                    # participant; a role-only mention gives way to one with a country.
                    previous = last.actors[-1]
                    if not _has_state_or_group(previous) and _has_state_or_group(actor):
                        last.actors[-1] = actor
                    elif _primary(actor.mention) != _primary(previous.mention) and \
                            _has_state_or_group(actor):
                        last.actors.append(actor)
                    last.tok_end = actor.tok_end
                    continue
                following = keys[actor.tok_end] if actor.tok_end < hi else ""
                if len(between) >= 2 and between[1] in ("and", "or") and \
                        tokens.texts[last.tok_end].isalpha() and \
                        tokens.texts[last.tok_end].islower():
                    between = between[1:]  # "the Eurosam consortium and the U.S."
                if len(between) <= 3 and all(
                    k in _COORDINATORS or k in ("the", "as", "well") for k in between
                ) and any(k in _COORDINATORS for k in between) and (
                    # "A, B and C" is a list; "civilians, the UN said" is not.
                    set(between) - {"the"} != {","} or following in _COORDINATORS
                ):
                    last.actors.append(actor)
                    last.tok_end = actor.tok_end
                    continue
            groups.append(_Group([actor], actor.tok_start, actor.tok_end))
        return groups

    def _modality(self, tokens: Tokens, lo: int, verb_start: int) -> tuple[str | None, int | None]:
        """What the words just before the verb do to it, and the modifier's token index."""
        keys = tokens.keys
        window_start = max(lo, verb_start - 6)
        modality: str | None = None
        where: int | None = None
        for i in range(verb_start - 1, window_start - 1, -1):
            key = keys[i]
            if key in (",", ";", ":", "that") or key in _SPEECH_VERBS or key in _SUBORDINATORS:
                break  # "did not inform Congress before approving the sale": not negated
            if key in _NEGATORS or (key == "longer" and i > 0 and keys[i - 1] == "no"):
                if i > lo and keys[i - 1] in _FUTURE_AUXILIARIES:
                    return "negated_future", i  # "will not turn back": a refusal
                return "negated", i
            if key in _FUTURE_AUXILIARIES and modality is None:
                modality, where = "future", i
                continue
            if key in _HYPOTHETICAL_MODALS and modality is None:
                modality, where = "hypothetical", i
                continue
            kind = self._modifiers.get(key)
            if kind is not None and verb_start - i <= _MODIFIER_PHRASE_GAP and \
                    modality in (None, "hypothetical", "future") and \
                    i + 1 < verb_start and (keys[i + 1] in ("to", "on") or (
                        keys[i + 1] == "for" and key in _MODIFIER_ADJECTIVES)):
                modality, where = kind, i  # "refused to sign", "ready for talks"
        if modality is None:
            modality, where = self._distant_modifier(tokens, lo, verb_start)
        if modality in (None, "future"):
            for i in range(verb_start - 1, lo - 1, -1):
                if keys[i] in (",", ";", ":"):
                    break  # "If X happens, Y warned ...": the main clause is asserted
                if keys[i] in _CONDITIONALS:
                    return "hypothetical", i
        return modality, where

    def _distant_modifier(self, tokens: Tokens, lo: int,
                          verb_start: int) -> tuple[str | None, int | None]:
        """'agreed at Camp David on Friday to share data': a modifier separated from its
        infinitive only by a place or time adjunct."""
        keys, texts = tokens.keys, tokens.texts
        k = self._skip_back(keys, lo, verb_start, _ADVERBS)
        if k < lo or keys[k] != "to":
            return None, None
        for i in range(k - 1, max(lo, k - 9) - 1, -1):
            kind = self._modifiers.get(keys[i])
            if kind is not None:
                return (kind, i) if i < k - 1 else (None, None)
            if not (keys[i] in _ADJUNCT_WORDS or keys[i] in _TIME_WORDS or keys[i] in _MONTHS
                    or texts[i][:1].isupper() or texts[i].isdigit()):
                return None, None
        return None, None

    @staticmethod
    def _skip_back(keys: list[str], lo: int, i: int, skip: frozenset[str]) -> int:
        """Index of the first token before i (going left) that is not in `skip`; lo-1 if none."""
        j = i - 1
        while j >= lo and (keys[j] in skip or (skip is not _NEGATORS and _is_adverb(keys[j]))):
            j -= 1
        return j

    def _is_noun_use(self, tokens: Tokens, hit: _PatternHit, lo: int,
                     actor_tokens: set[int]) -> bool:
        """A verb pattern whose verb is used as a noun, a proper name or a bare participle."""
        keys, texts = tokens.keys, tokens.texts
        i = hit.start
        j = i - 1
        while j >= lo and (j in actor_tokens or keys[j] in _DETERMINERS):
            j -= 1
        if j < i - 1 and j >= lo and keys[j] in _TOPIC_PREPOSITIONS and \
                not (keys[i].endswith("ed") or keys[i] in _IRREGULAR_PAST):
            # "concern about Turkish airstrikes", "responsibility for the suicide bombing":
            # the act is the topic of another verb, not an event of its own.
            return True
        if not hit.pattern.verbal:
            return False
        text = texts[i]
        if i > lo and text[:1].isupper() and not text.isupper():
            return True  # "in late March", "Patriot": a name, not a verb
        before = keys[i - 1] if i > lo else ""
        word = keys[i]
        if word.endswith("ing") and before in _ADVERBIAL_CLAUSE_WORDS:
            return False  # "after meeting Putin", "by signing the deal": the subject acts
        if before in _DETERMINERS or before in ("'s", "’s") or (
                before in ("'", "’") and (i - 2) in actor_tokens):
            return True  # "the retreat of", "Ankara's demands", "the Houthis' attacks"
        if before in _PREPOSITIONS and before != "to":
            return True  # "for alleged involvement", "of supporting"
        past = word.endswith("ed") or word in _IRREGULAR_PAST
        if not past and i - 2 >= lo and keys[i - 2] in _DETERMINERS and \
                (i - 1) not in actor_tokens and texts[i - 1].replace("-", "").isalpha() and \
                keys[i - 1] not in _AUXILIARIES and keys[i - 1] not in _NEGATORS:
            return True  # "an April meeting", "a cross-border raid" (but "the two leaders met")
        after = keys[i + 1] if i + 1 < len(keys) else "."
        ends_phrase = after in _PREPOSITIONS or not after.isalpha() or after in _AUXILIARIES
        if not past and ends_phrase and i - 2 >= lo and keys[i - 2] in _PREPOSITIONS and \
                keys[i - 2] != "to" and (i - 1) not in actor_tokens and texts[i - 1].isalpha() and \
                texts[i - 1].islower() and not word.endswith("ing") and \
                keys[i - 1] not in _AUXILIARIES | _NEGATORS | _CLAUSE_WORDS | _ADVERBS:
            return True  # "after weeks of deadly protests": a noun after its adjective
        if not past and ends_phrase and after not in ("on", "against"):
            j = i - 1
            while j >= lo and (j in actor_tokens or texts[j][:1].isupper() or
                               texts[j].isdigit()):
                j -= 1
            if j < i - 1 and j >= lo and keys[j] in _DETERMINERS | {"'s", "’s"}:
                return True  # "the Hamas attacks", "the October 7 attack", "Russia's Wagner
                # mutiny": a determiner, then names, then the act is a noun phrase
        if i + 1 < len(keys) and keys[i + 1] == "of" and not hit.pattern.of_follows:
            return True  # "purchase of the S-400"
        if not (past or word.endswith(("s", "ing"))) and i > lo and (i - 1) not in actor_tokens \
                and texts[i - 1].isalpha() and texts[i - 1].islower() \
                and keys[i - 1] not in _AUXILIARIES | _NEGATORS | _CLAUSE_WORDS \
                and keys[i - 1] not in _HYPOTHETICAL_MODALS | _FUTURE_AUXILIARIES \
                and keys[i - 1] not in ("to", "or") and not _is_adverb(keys[i - 1]):
            return True  # "light attack aircraft", "the concert hall attack": a noun
        following = keys[i + 1] if i + 1 < len(keys) else "."
        if past and i > lo and (keys[i - 1].isdigit() or keys[i - 1] in _DETERMINERS or
                                keys[i - 1] in _QUANTIFIERS or keys[i - 1].endswith("ed")) and \
                following.isalpha() and texts[i + 1].islower() and \
                following not in _PREPOSITIONS | _DETERMINERS | _AUXILIARIES | _CLAUSE_WORDS:
            return True  # "rescued 20 kidnapped students", "tortured detained protesters"
        if text.endswith("s") and i > lo and (i - 1) not in actor_tokens and \
                texts[i - 1].isalpha() and texts[i - 1].islower() and \
                keys[i - 1] not in _AUXILIARIES | _NEGATORS | _CLAUSE_WORDS and \
                not _is_adverb(keys[i - 1]) and \
                (following in _PREPOSITIONS or not following.isalpha()):
            return True  # "natural gas exports to Europe": a plural noun after a noun
        return self._is_bare_gerund(keys, lo, i)

    @staticmethod
    def _is_bare_gerund(keys: list[str], lo: int, i: int) -> bool:
        """An -ing form without a be-auxiliary: a gerund or participle, not a finite verb."""
        if not keys[i].endswith("ing"):
            return False
        j = EventCoder._skip_back(keys, lo, i, _ADVERBS_OR_NEGATORS)
        if j >= lo and (keys[j] in (",", "and") or keys[j] in _ADVERBIAL_CLAUSE_WORDS
                        or keys[j] in _TIME_WORDS or keys[j] in _ASPECTUAL_VERBS):
            # ", pledging more aid", "after meeting Putin", "on Monday accusing",
            # "began shelling": the main subject acts.
            return False
        return not (j >= lo and keys[j] in _BE_FORMS_ALL)

    @staticmethod
    def _is_complement_infinitive(keys: list[str], lo: int, anchor: int) -> bool:
        """'its decision to buy': the infinitive completes a noun."""
        j = EventCoder._skip_back(keys, lo, anchor, _ADVERBS)
        if j < lo or keys[j] != "to":
            return False
        return j - 1 >= lo and keys[j - 1] in _COMPLEMENT_NOUNS

    def _is_passive(self, tokens: Tokens, lo: int, verb_start: int, verb_end: int) -> bool:
        keys = tokens.keys
        i = self._skip_back(keys, lo, verb_start, _ADVERBS)
        verb = keys[verb_start]
        if verb in _EMOTIVE_PARTICIPLES:
            return False  # "is concerned that", "was alarmed by": the subject reacts
        if verb_end == verb_start + 1 and verb_end < len(keys) and keys[verb_end] == "by" and \
                verb.endswith("ed"):
            return True  # reduced relative: "a truce brokered by Qatar"
        return i >= lo and keys[i] in _BE_FORMS and (verb.endswith(("ed", "en", "wn", "ld",
                                                                      "ght", "nt")) or verb in (
            "hit", "put", "set", "cut", "met", "held", "made", "shot", "struck", "led", "sold",
            "bought", "sent", "seized"))

    def _code_clause(self, tokens: Tokens, actors: list[MatchedActor], lo: int, hi: int,
                     sentence_index: int, sentence_start: int, sentence_end: int,
                     is_lead: bool, ref_date: dt.date | None = None,
                     claimant: MatchedActor | None = None,
                     speaker: MatchedActor | None = None) -> list[CodedEvent]:
        clause_actors = [a for a in actors if lo <= a.tok_start and a.tok_end <= hi]
        # Places may fill an explicit @ slot ("arrived in @"), never a default subject/object.
        actor_at = {a.tok_start: a for a in clause_actors}
        hits = self._match_patterns(tokens, lo, hi, actor_at)
        hits = self._with_passive_hits(tokens, lo, hi, hits)
        if not hits or _is_earlier_year(tokens.keys, lo, hi, ref_date) or \
                "whenever" in tokens.keys[lo:hi]:
            return []  # history, or a habit the writer generalises ("whenever Turkey ...")
        described_from = next((i + 2 for i in range(lo, hi - 1)
                               if tokens.keys[i] in _DESCRIPTIVE_PARTICIPLES
                               and tokens.keys[i + 1] == "to"), hi)
        hits = [h for h in hits if h.start < described_from]  # "a system designed to destroy"
        groups = self._groups(tokens, clause_actors, lo, hi)
        keys = tokens.keys
        planned = [(hit, *self._modality(tokens, lo, hit.start)) for hit in hits]
        consumed = {where for _, modality, where in planned
                    if where is not None and modality not in _ADVERBIAL_MODALITIES}
        # Pass 1: which pattern matches are asserted verbs of this clause, and their subjects.
        live: list[tuple[_PatternHit, str | None, int, _Group | None]] = []
        subjects: list[tuple[int, _Group | None]] = []  # (anchor, subject) of earlier verbs
        appeal_content_end = -1  # end of the last verb dropped as the content of an appeal
        for hit, modality, where in planned:
            if hit.start in consumed:
                continue  # "threatened" in "threatened to impose sanctions" is a modifier
            modifier = where if where is not None and modality not in _ADVERBIAL_MODALITIES \
                else None
            anchor = hit.start if modifier is None else modifier
            part_start, part_end = _sub_clause(keys, lo, hi, anchor, hit.end)
            if self._is_background(keys, part_start, part_end) or (
                part_start > lo and keys[part_start - 1] in ("who", "whose", "which") and
                "had" in keys[part_start:anchor]
            ) or (
                part_start - 2 >= lo and keys[part_start - 1] == "when" and
                keys[part_start - 2] == "," and part_start - 3 >= lo and
                (keys[part_start - 3].isdigit() or keys[part_start - 3] in _MONTHS)
            ):
                # "has hosted Hamas since 2012", "since 2012, when Beijing took ...", "Prigozhin,
                # whose fighters had seized Rostov, said ...": background, not the news
                continue
            if hit.pattern.code[:2] in _VIOLENT_ROOTS and any(
                    k in _NON_VIOLENT_OBJECTS for k in keys[hit.end:min(hi, hit.end + 3)]):
                continue  # "help Bolivia battle forest fires", "fight corruption"
            if self._is_time_reference(keys, lo, anchor, groups):
                continue  # "... since Russia launched its full-scale invasion"
            subject = self._subject_for(tokens, groups, lo, anchor, subjects)
            if subject is None or subject.tok_start > anchor:
                subject = self._fronted_subject(keys, groups, lo, hi, anchor) or subject
            coordinated = self._coordinated_verb(keys, lo, anchor, groups)
            if coordinated and live:
                # "France will train and equip a brigade and supply jets": a verb joined to the
                # previous one shares its subject and, unless it has its own, its modality.
                if subject is None or subject is not live[-1][3]:
                    subject = live[-1][3]
                if modality is None and live[-1][1] not in _ADVERBIAL_MODALITIES - {"future"}:
                    modality = live[-1][1]
            if coordinated and 0 <= anchor - appeal_content_end <= 2:
                continue  # "urged X to agree to a ceasefire and allow aid": still the appeal
            if not hit.pattern.verbal and live and live[-1][3] is not None and \
                    hit.start > lo and keys[hit.start - 1] in ("a", "an", "the", "state"):
                subject = live[-1][3]  # "Macron urged Xi ... during a state visit to Beijing"
            elif not hit.pattern.verbal and live and live[-1][3] is not None and \
                    subject is not None and subject.tok_start > live[-1][0].start:
                # "Turkey awarded Eurosam a contract, in a move towards closer defense
                # cooperation with France": the object of the last verb is not the agent.
                subject = live[-1][3]
            subjects.append((anchor, subject))
            if modifier is not None and (
                self._is_bare_gerund(keys, lo, modifier)  # "by agreeing to buy": an adjunct
                or any((keys[k] in _DETERMINERS or keys[k] in ("'s", "’s")) and not any(
                           g.tok_start <= k < g.tok_end or k < g.tok_start < modifier
                           for g in groups)
                       for k in range(max(lo, modifier - 2), modifier))  # "the plan to buy"
                # (but "the Philippines agreed to": the article belongs to an actor)
            ):
                continue
            if self._is_complement_infinitive(keys, lo, anchor):
                continue
            if live and modifier is None and self._is_infinitive(keys, lo, hit.start):
                continue  # "signed an accord ... to purchase": purpose, not a second event
            if live and live[-1][0].pattern.code[:2] in ("02", "10") and \
                    0 <= hit.start - live[-1][0].end <= 4 and \
                    keys[self._skip_back(keys, lo, hit.start, _ADVERBS)] not in _BE_FORMS:
                appeal_content_end = hit.end
                continue  # "urged Israel to resume talks": the content of the appeal
            if modifier is None and self._is_infinitive(keys, lo, hit.start) and any(
                keys[k] in _APPEAL_WORDS for k in range(max(lo, hit.start - 7), hit.start)
            ):
                appeal_content_end = hit.end
                continue  # "called on the West to supply weapons": what was asked for
            if live and live[-1][0].pattern.code.startswith("112") and \
                    0 <= hit.start - live[-1][0].end <= 6 and \
                    (live[-1][0].pattern.text.startswith("blame") or
                     any(keys[k] in ("of", "for") for k in range(live[-1][0].end, hit.start))) and \
                    not any(keys[k] in (",", ";", "and", "while", "but")
                            for k in range(live[-1][0].end, hit.start)):
                continue  # "blamed an Israeli air strike", "accused X of attacking": the charge
            if live and live[-1][0].pattern.code == "016" and \
                    0 <= hit.start - live[-1][0].end <= 8 and \
                    "that" in keys[live[-1][0].end:hit.start]:
                continue  # "denying a report that Tokyo had agreed to": what was denied
            live.append((hit, modality, anchor, subject))
        # Pass 2: codes and participants.
        events: list[CodedEvent] = []
        live_starts = [hit.start for hit, *_ in live]
        for hit, modality, anchor, subject in live:
            if modality in ("negated", "hypothetical", "failure"):
                continue
            if hit.pattern.text == "kill+" and any(
                e.event_root_code in _VIOLENT_ROOTS for e in events
            ):
                continue  # "an attack that killed 43 people": the toll of an act already coded
            confidence = 0.9
            slot_group = next((g for g in groups if hit.slot is not None
                               and g.tok_start == hit.slot), None)
            if slot_group is None and hit.slot is not None and hit.slot in actor_at:
                slot_actor = actor_at[hit.slot]
                slot_group = _Group([slot_actor], slot_actor.tok_start, slot_actor.tok_end)
            next_verb = next((s for s in live_starts if s >= hit.end), hi)
            passive = self._is_passive(tokens, lo, hit.start, hit.end)
            if passive:
                agent = next((g for g in groups if g.tok_start >= hit.end and
                              _word_before(keys, lo, g.tok_start) == "by"), None)
                sources: list[MatchedActor | None] = list(agent.actors) if agent else [None]
                target_group = slot_group or subject
                if agent is None:
                    if subject is None or not all(a.adjectival for a in subject.actors):
                        # "Two soldiers were killed", "the pupils were freed": who acted is
                        # not said, so there is no dyad to code (annotation guideline).
                        continue
                    # "Russian weapons were moved to Belarus": the demonym names the agent.
                    sources = list(subject.actors)
                    target_group = slot_group or self._object_group(
                        keys, groups, hit, subject, hi)
            else:
                sources = list(subject.actors) if subject else [None]
                if subject is not None and anchor - subject.tok_end > 12:
                    confidence -= 0.15
                target_group = slot_group or self._object_group(
                    keys, groups, hit, subject, next_verb)
                if target_group is None and hit.pattern.code[:2] in ("02", "10", "11", "13"):
                    target_group = self._that_clause_subject(keys, groups, hit, hi, subject)
                if target_group is not None and slot_group is None and \
                        target_group.tok_start - hit.end > 5:
                    confidence -= 0.1
            targets: list[MatchedActor | None] = list(target_group.actors) if target_group \
                else [None]
            base_code = hit.pattern.target_code if (
                hit.pattern.target_code and target_group is not None) else hit.pattern.code
            if modality in (None, "future") and base_code[:2] in _REDUCE_AND_FORCE_ROOTS and any(
                keys[k] in ("unless", "if") for k in range(hit.end, hi)
            ):
                modality = "threat"  # "would halt funding unless ...": a conditional threat
            code = self._modal_code(base_code, modality)
            if code is None:
                continue
            if code == "040" and target_group is not None:
                code = self._visit_or_host(clause_actors, sources, target_group)
            place = next((a for a in clause_actors if a.is_place and a.mention.country), None)
            if place is None and speaker is not None and speaker.mention.country and \
                    not speaker.mention.known_group:
                # "Israeli officials said the army had withdrawn": the army is Israel's.
                place = speaker
            if code in ("040", "042", "043") and target_group is None and place is not None and \
                    not passive and subject is not None and len(subject.actors) < 2 and all(
                        s.mention.country != place.mention.country for s in subject.actors):
                # "Blinken held talks in Beijing": the host country is the counterpart.
                target_group = _Group([place], place.tok_start, place.tok_end)
                targets = [place]
            if code[:2] == "04" and target_group is None and (
                subject is None or len(subject.actors) < 2
            ):
                continue  # a meeting or talks with no counterpart named is not a dyad
            if not passive and subject is not None and len(subject.actors) > 1 and \
                    code in _EXERCISE_CODES and (target_group is None or not any(
                        _has_state_or_group(a) for a in target_group.actors)):
                # "South Korea and the U.S. kicked off their annual exercise": held together.
                code, target_group = "062", None
            if target_group is not None and not passive and subject is not None and \
                    len(subject.actors) > 1 and _is_mutual(code, hit.pattern) and \
                    not any(_has_state_or_group(a) for a in target_group.actors):
                # "Russia and Iran deepened military ties": a bare role noun after the verb
                # ("military") is no counterpart; the two sides are each other's.
                target_group = None
                targets = [None]
            if (not passive and subject is not None and len(subject.actors) > 1
                    and target_group is None and _is_mutual(code, hit.pattern)):
                # "Turkey and Russia signed a deal": each side acts toward the other.
                targets = list(subject.actors)
            elif passive and len(sources) > 1 and targets == [None] and \
                    _is_mutual(code, hit.pattern):
                targets = list(sources)  # "the deal was signed by Armenia and Azerbaijan"
            if self._is_participle_clause(keys, lo, hit.start) and code[:2] in (
                    _VIOLENT_ROOTS) and (
                target_group is None
                or not any(_has_state_or_group(a) for a in target_group.actors)
            ):
                continue  # ", killing 11 people": a consequence, not a separate dyad
            if code[:2] in ("18", "19") and self._is_mass_killing(keys, hit, hi):
                # "gunmen killed 15 worshippers": mass killing of civilians; "in a campaign of
                # ethnic cleansing": 203
                code = "203" if "cleansing" in keys[lo:hi] else "202"
            if place is not None and code[:2] in ("14", "18", "19", "20") and slot_group is None:
                # "strikes on militant bases in Iraq and Syria": the places are what was hit,
                # unless an actor is named as the object before them.
                hit_places = {a.mention.country: a for a in clause_actors
                              if a.is_place and a.mention.country and a.tok_start >= hit.end}
                first_place = min((a.tok_start for a in hit_places.values()), default=hi)
                if hit_places and (target_group is None or target_group.tok_start > first_place):
                    targets = list(hit_places.values())
            if slot_group is not None and len(slot_group.actors) > 1 and \
                    "between @" in hit.pattern.text:
                # "a meeting between Putin and Erdogan", "a ceasefire between Israel and
                # Hezbollah held": the named parties act on each other.
                sources = targets = list(slot_group.actors)
            if hit.pattern.text.startswith("should"):
                # "Germany should do more, the Polish foreign minister said": the speaker
                # advises the subject (an appeal, 02); with no other speaker there is none.
                if speaker is None or subject is None or any(
                        _same_actor(speaker.mention, a.mention) for a in subject.actors):
                    continue
                sources, targets = [speaker], list(subject.actors)
            if hit.pattern.reverse:
                sources, targets = targets, sources  # "Turkey drew criticism from Germany"
                if sources == [None] and speaker is not None:
                    # "Germany said China's conduct was unacceptable": the speaker judges.
                    sources = [speaker]
            if code == "015":
                targets = [None]  # a claim of responsibility has no target (guideline)
            if code == "062" and hit.pattern.text.startswith(_GIVING_VERBS) and \
                    _SALE_WORDS.isdisjoint(keys[lo:hi]):
                code = "072"  # weapons delivered with no sale named: military aid (guideline)
            if code == "057" and any(a is not None and a.mention.role == "BUS"
                                     for a in [*sources, *targets]):
                code = "061"  # "BOTAS signed a deal with ExxonMobil": a business contract
            if code[:2] == "17" and len(sources) == 1 and sources[0] is not None and \
                    sources[0].mention.country and not sources[0].mention.known_group:
                # "Belarusian authorities arrested opposition journalist X": repression is
                # domestic unless the text says otherwise.
                home = sources[0]
                targets = [_locate(t, home) if t is not None else None for t in targets]
            for source, target in _pairs(sources, targets):
                if place is not None:
                    # "Police fired tear gas at protesters in Nairobi": the place gives the
                    # country of actors the text names only by role (a domestic event).
                    source, target = _locate(source, place), _locate(target, place)
                unnamed_source = source is None or (
                    source.mention.known_group is None and
                    source.mention.role in _IRREGULAR_ROLES)
                if code[:2] in _VIOLENT_ROOTS and claimant is not None and unnamed_source and \
                        claimant is not target:
                    # "Gunmen opened fire ..., in an attack claimed by Islamic State": the
                    # claimant is the attacker; the act keeps its code (gunmen: 18).
                    pair_code = self._violent_pair_code(code, source, target)
                    events.append(self._event(tokens, hit, pair_code, claimant, target,
                                              confidence, sentence_index, sentence_start,
                                              sentence_end, is_lead))
                    continue
                if source is None and target is None:
                    continue  # role-only actors ("police", "protesters") are kept, as in GDELT
                if code[:2] in _VIOLENT_ROOTS and source is None:
                    # "The strikes killed 12 people", "a missile that killed two Poles": who
                    # acted is not said, so there is no dyad (as for agentless passives).
                    continue
                pair_code = self._violent_pair_code(code, source, target)
                if target is None and source is not None and source.mention.country and \
                        primary_code(source.mention) == source.mention.country and \
                        (pair_code[:2] in _DOMESTIC_ROOTS or pair_code in _DOMESTIC_CODES):
                    # "Belarus released 18 political prisoners", "Hasina resigned", "Serbians
                    # marched against the government": a domestic act has both ends at home.
                    target = _home(source, self.matcher.country_name(source.mention.country))
                events.append(self._event(tokens, hit, pair_code, source, target, confidence,
                                          sentence_index, sentence_start, sentence_end, is_lead))
        return events

    @staticmethod
    def _violent_pair_code(code: str, source: MatchedActor | None,
                           target: MatchedActor | None) -> str:
        """A fight code (19) by who commits it: gunmen and militants assault (18), protesters
        riot (145), police repress (175) unless they fight armed men."""
        if code[:2] != "19" or source is None:
            return code
        mention = source.mention
        if code not in ("191", "192", "195") and mention.known_group is None and \
                mention.role in _IRREGULAR_ROLES:
            return "180"  # gunmen, militants: unconventional violence (CAMEO 18)
        if mention.role == "CVL":
            return "145"  # protesters storming or clashing: a violent protest
        if code != "195" and mention.role == "COP" and mention.known_group is None and (
            target is None or (target.mention.known_group is None
                               and target.mention.role not in _ARMED_ROLES)
        ):
            return "175"  # police storming, shooting or beating people: repression
        if code in ("190", "193") and target is not None and target.mention.role == "CVL" and \
                target.mention.known_group is None:
            return "180"  # "troops killed civilians in Bucha": violence against civilians
        return code

    @staticmethod
    def _visit_or_host(clause_actors: list[MatchedActor], sources: list[MatchedActor | None],
                       target_group: _Group) -> str:
        """'X met Y in Y's country' is X's visit (042); in X's own country X hosts (043)."""
        places = {a.mention.country for a in clause_actors if a.is_place}
        source_countries = {s.mention.country for s in sources if s is not None}
        target_countries = {t.mention.country for t in target_group.actors}
        if places & target_countries and not places & source_countries:
            return "042"
        if places & source_countries and not places & target_countries:
            return "043"
        return "040"

    def _modal_code(self, code: str, modality: str | None) -> str | None:
        """The code after refusal / threat / intent modifiers; None when nothing is coded."""
        mapped: str | None = code
        cooperative = code[:2] in ("02", "03", "04", "05", "06", "07", "08")
        if modality == "negated_future":
            mapped = _refusal_code(code) if cooperative else None
        elif modality == "future":
            # Guideline: a cooperative act announced for later is intent (03); a conflictual
            # decision announced without condition is coded as the act.
            mapped = _intent_code(code) if cooperative else code
        elif modality == "refusal":
            mapped = _refusal_code(code)
        elif modality == "threat":
            mapped = _threat_code(code) or "130"
        elif modality == "intent":
            mapped = _intent_code(code)
        return mapped if mapped in self.codes else None

    @staticmethod
    def _is_background(keys: list[str], lo: int, hi: int) -> bool:
        """A state or habit, not an act: 'has hosted Hamas since 2012', 'for decades'."""
        for i in range(lo, hi - 1):
            key, following = keys[i], keys[i + 1]
            if key == "since" and (following.isdigit() or following in ("the", "then")
                                   or following in _MONTHS):
                return True
            if key == "in" and following == "recent" and i + 2 < hi and \
                    keys[i + 2] in ("years", "decades"):
                return True  # "has hosted naval visits in recent years": a habit
            if key == "for" and following in ("years", "decades", "months", "centuries"):
                return True
            if key in ("has", "have", "had") and following == "long":
                return True  # "has long opposed": a standing position, not an act
        return False

    @staticmethod
    def _is_mass_killing(keys: list[str], hit: _PatternHit, hi: int) -> bool:
        """A main-verb killing of ten or more (or dozens, hundreds...) unarmed people."""
        if not hit.pattern.text.startswith(("kill+", "execute+", "massacre+", "slaughter+")) \
                or keys[hit.start].endswith("ing"):
            return False  # ", killing 19 people": the toll of another act
        window = keys[hit.start + 1:min(hi, hit.start + 7)]
        counted = any((k.isdigit() and int(k) >= 10) or k in _MASS_NUMBERS for k in window)
        return counted and any(k in _CIVILIAN_NOUNS for k in window)

    def _with_passive_hits(self, tokens: Tokens, lo: int, hi: int,
                           hits: list[_PatternHit]) -> list[_PatternHit]:
        """Add passive uses of object patterns: 'The sanctions were lifted by the EU' matches
        'lift+ * sanctions' with its object words in the few words before the be-verb."""
        keys = tokens.keys
        taken = {i for h in hits for i in range(h.start, h.end)}
        added: list[_PatternHit] = []
        for i in range(lo + 1, hi):
            patterns = self._index.get(keys[i])
            if not patterns or i in taken or not (keys[i].endswith("ed") or
                                                  keys[i] in _IRREGULAR_PAST):
                continue
            j = self._skip_back(keys, lo, i, _ADVERBS)
            if j < lo or keys[j] not in _BE_FORMS:
                continue
            before = set(keys[max(lo, j - 6):j])
            best: tuple[int, VerbPattern] | None = None
            for pattern in patterns:
                words = [e for e in pattern.elements[1:] if e.kind == "word" and not e.optional]
                if not pattern.verbal or not words or any(
                        e.kind in ("slot", "phrase") for e in pattern.elements[1:]):
                    continue
                if all(not before.isdisjoint(e.words) for e in words) and (
                        best is None or len(words) > best[0]):
                    best = (len(words), pattern)
            if best is not None:
                added.append(_PatternHit(best[1], i, i + 1, None))
        return sorted(hits + added, key=lambda h: h.start) if added else hits

    @staticmethod
    def _is_time_reference(keys: list[str], lo: int, anchor: int, groups: list[_Group]) -> bool:
        """An earlier act that opens a period: 'since Russia launched its invasion' (no comma
        between 'since' and the verb). 'Two days after X did Y' is still news (guideline)."""
        for p in range(anchor - 1, max(lo, anchor - 9) - 1, -1):
            key = keys[p]
            if key in (",", ";"):
                return False
            if key == "since" and any(g.tok_start in (p + 1, p + 2) for g in groups):
                return True
        return False

    @staticmethod
    def _that_clause_subject(keys: list[str], groups: list[_Group], hit: _PatternHit, hi: int,
                             subject: _Group | None) -> _Group | None:
        """'demanded that Hungary explain', 'warned that Tehran would pay': the subject of the
        complement clause is the one the demand or warning is addressed to."""
        i = hit.end
        if i < hi and keys[i] == "that":
            i += 1
            if i < hi and keys[i] == "the":
                i += 1
            group = next((g for g in groups if g.tok_start == i), None)
            if group is not None and group is not subject:
                return group
        return None

    @staticmethod
    def _fronted_subject(keys: list[str], groups: list[_Group], lo: int, hi: int,
                         anchor: int) -> _Group | None:
        """'After talks with Wang Yi in Beijing, Blinken said ...', 'During his visit to
        Kyiv, Scholz promised ...': an opening phrase's act is the main subject's."""
        if anchor - lo > 4 or keys[lo] not in _FRONTING_WORDS:
            return None
        comma = next((k for k in range(anchor, hi) if keys[k] == ","), None)
        if comma is None:
            return None
        start = comma + 1
        if start < hi and keys[start] in ("the", "a", "an"):
            start += 1
        return next((g for g in groups if g.tok_start == start), None)

    @staticmethod
    def _coordinated_verb(keys: list[str], lo: int, anchor: int, groups: list[_Group]) -> bool:
        """'... and supply jets': a verb right after 'and'/'or' with no actor of its own
        between the conjunction and the verb."""
        j = EventCoder._skip_back(keys, lo, anchor, _ADVERBS | _AUXILIARIES)
        if j < lo or keys[j] not in ("and", "or"):
            return False
        return not any(g.tok_end == j for g in groups) and not any(
            j < g.tok_start < anchor for g in groups)

    @staticmethod
    def _is_participle_clause(keys: list[str], lo: int, start: int) -> bool:
        j = EventCoder._skip_back(keys, lo, start, _ADVERBS)
        return keys[start].endswith("ing") and j >= lo and keys[j] == ","

    @staticmethod
    def _is_infinitive(keys: list[str], lo: int, start: int) -> bool:
        j = EventCoder._skip_back(keys, lo, start, _ADVERBS)
        return j >= lo and keys[j] == "to"

    def _subject_for(self, tokens: Tokens, groups: list[_Group], lo: int, anchor: int,
                     earlier: list[tuple[int, _Group | None]]) -> _Group | None:
        """The acting group: relative pronoun antecedent, 'for X to', matrix subject, or nearest."""
        keys = tokens.keys
        j = self._skip_back(keys, lo, anchor, _AUXILIARIES_ADVERBS_OR_NEGATORS)
        if j >= lo and keys[j] in _RELATIVE_PRONOUNS:
            antecedent = next((g for g in groups if 0 <= j - g.tok_end <= 2), None)
            if antecedent is not None or keys[j] != "that" or (
                j - 1 >= lo and tokens.texts[j - 1].isalpha() and
                tokens.texts[j - 1].islower() and keys[j - 1] not in _SPEECH_VERBS
            ):
                return antecedent  # "a missile that killed": the antecedent is no actor
        if j >= lo and (keys[j] in (",", "and") or keys[j] in _ADVERBIAL_CLAUSE_WORDS) and \
                keys[anchor].endswith("ing"):
            # "X visited Kyiv, pledging aid", "X alarmed NATO by agreeing to buy": X acts
            for earlier_anchor, subject in reversed(earlier):
                if earlier_anchor < anchor and subject is not None:
                    return subject  # "X visited Kyiv, pledging aid": X pledged
        if j >= lo and keys[j] == "to":
            # "for Moscow to supply Ankara", "prompting China to ban": the actor just before
            # the infinitive performs it.
            before = next((g for g in groups if g.tok_end == j), None)
            if before is not None:
                return before
            # "Turkey continues to hold talks ... to buy": the matrix verb's subject acts.
            for earlier_anchor, subject in reversed(earlier):
                if earlier_anchor < anchor and subject is not None:
                    return subject
        return self._subject_group(tokens, groups, lo, anchor)

    @staticmethod
    def _subject_group(tokens: Tokens, groups: list[_Group], lo: int,
                       verb_start: int) -> _Group | None:
        """Nearest actor group before the verb that is not a prepositional complement."""
        keys = tokens.keys
        for group in reversed(groups):
            if group.tok_end > verb_start:
                continue
            forces = group.tok_end >= len(keys) or group.tok_end == verb_start or \
                keys[group.tok_end] in _FORCE_NOUNS
            if group.tok_start > lo and keys[group.tok_start - 1] in ("a", "an") and not (
                all(a.adjectival for a in group.actors) and forces
            ):
                continue  # "a NATO member": a description ("an Israeli airstrike" acts)
            if group.tok_end == verb_start and all(a.adjectival for a in group.actors) and \
                    group.tok_start > lo and keys[group.tok_start - 1] in ("a", "an", "the"):
                return group  # "killed in an Israeli raid on the camp": the demonym acts
            before = _word_before(keys, lo, group.tok_start)
            if before == "of" and group.tok_start - 2 >= lo and \
                    keys[group.tok_start - 2] in _QUANTIFIERS:
                before = ""  # "a number of NATO member states have ..."
            if before in _PREPOSITIONS:
                continue
            if all(a.adjectival for a in group.actors) and group.tok_end < verb_start and \
                    keys[group.tok_end] not in _COORDINATORS and keys[group.tok_end] != "'s" \
                    and keys[group.tok_end] not in _FORCE_NOUNS:
                continue  # "Russian systems": a modifier of a thing, not an agent
            return group
        return None

    @staticmethod
    def _object_group(keys: list[str], groups: list[_Group], hit: _PatternHit,
                      subject: _Group | None, next_verb: int) -> _Group | None:
        """First actor group after the verb (or inside its gaps) up to the next clause or verb."""
        candidates: list[_Group] = []
        for group in groups:
            if group.tok_start <= hit.start or group is subject:
                continue
            if group.tok_start >= next_verb or group.tok_start - hit.end > 10:
                break
            between = keys[hit.end:group.tok_start] if group.tok_start > hit.end else []
            if not (_OBJECT_STOPS.isdisjoint(between) and _SPEECH_VERBS.isdisjoint(between)):
                break
            if _word_before(keys, 0, group.tok_start) == "by":
                continue
            if subject is not None and all(
                any(_same_actor(a.mention, s.mention) for s in subject.actors)
                for a in group.actors
            ):
                continue
            candidates.append(group)
            if len(candidates) == 1 and not all(a.adjectival for a in group.actors):
                break  # the first candidate wins; later ones matter only after a demonym
        if not candidates:
            return None
        # "the sale of Russian arms to Turkey": prefer a participant over a demonym modifier.
        if all(a.adjectival for a in candidates[0].actors):
            for group in candidates[1:]:
                if keys[group.tok_start - 1] in ("to", "against", "on") and \
                        not all(a.adjectival for a in group.actors):
                    return group
        return candidates[0]

    def _event(self, tokens: Tokens, hit: _PatternHit, code: str,
               source: MatchedActor | None, target: MatchedActor | None, confidence: float,
               sentence_index: int, sentence_start: int, sentence_end: int,
               is_lead: bool) -> CodedEvent:
        info = self.codes[code]
        action_start = tokens.starts[hit.start]
        action_end = tokens.ends[hit.end - 1]
        evidence_start, evidence_end = action_start, action_end
        for actor in (source, target):
            if actor is None:
                continue
            if not actor.mention.in_raw_text:
                confidence -= 0.2
            if actor.adjectival:
                confidence -= 0.1
            evidence_start = min(evidence_start, actor.mention.start)
            evidence_end = max(evidence_end, actor.mention.end)
        return CodedEvent(
            sentence_index=sentence_index,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            evidence_start=evidence_start,
            evidence_end=evidence_end,
            action_start=action_start,
            action_end=action_end,
            actor1=source.mention if source else None,
            actor2=target.mention if target else None,
            event_code=info.code,
            event_base_code=info.base_code,
            event_root_code=info.root_code,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover_type=info.plover_type,
            confidence=round(max(0.1, min(1.0, confidence)), 2),
            is_lead=is_lead,
        )


_MONTHS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""")


def _is_earlier_year(keys: list[str], lo: int, hi: int, ref_date: dt.date | None) -> bool:
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
        has_month = keys[j] in _MONTHS
        if has_month:
            j += 1
        if j < hi and len(keys[j]) == 4 and keys[j].isdigit():
            year = int(keys[j])
            if year < ref_date.year - 1 or (year == ref_date.year - 1 and
                                            not (has_month and ref_date.month <= 2)):
                return True
    return False


_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_EXERCISE_CODES = frozenset({"150"})
# Words that may stand between a pattern's words and its @ actor: articles and quantities.
_SLOT_LEAD_WORDS = _words(
    """the a an two three four five six seven eight nine ten dozen dozens hundreds thousands
    several some of more than at least""")
_MASS_NUMBERS = _words("dozens hundreds thousands scores")
_CIVILIAN_NOUNS = _words(
    """civilians villagers worshippers residents women children refugees students
    pupils protesters demonstrators farmers ethnic muslims christians yazidis rohingya""")
# "a system designed to detect, track and destroy planes": what a thing is for, not an act.
_DESCRIPTIVE_PARTICIPLES = _words("designed intended built engineered")
# Words that open a sentence-initial adverbial phrase whose act belongs to the main subject.
_FRONTING_WORDS = _words("after following during in at before upon on while")
# Acts with no named target that are done to people at home (guideline: domestic events keep
# both ends in one country): resignations, releases, arrests, repression, restrictions.
_DOMESTIC_CODES = frozenset({"0831", "084", "0841", "173", "175", "172", "1721", "1722",
                             "1723", "1724", "1822", "1823", "180", "181", "035"})
_DOMESTIC_ROOTS = frozenset({"09", "14", "15", "20"})
_REDUCE_AND_FORCE_ROOTS = frozenset({"16", "17", "18", "19", "20"})
_ARMED_ROLES = frozenset({"MIL", "COP", "REB", "UAF", "CRM", "INS", "SEP", "SPY"})
_MUTUAL_CODES = frozenset({"0871", "193", "190", "0841"})
_MUTUAL_VERBS = ("exchange", "clash", "fight", "agree", "swap")


_SUB_CLAUSE_OPENERS = frozenset({",", ";", "which", "who", "whose", "when", "where"})
_SUB_CLAUSE_CLOSERS = frozenset({",", ";", "which", "who", "that", "when", "where", "after",
                                 "before", "because"})


def _sub_clause(keys: list[str], lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
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


def _is_mutual(code: str, pattern: VerbPattern) -> bool:
    """Whether coordinated subjects without a target act on each other ("A and B met")."""
    if code in ("042", "043"):
        return False
    if code[:2] in ("03", "04", "05", "06"):
        return True
    return code in _MUTUAL_CODES and pattern.text.startswith(_MUTUAL_VERBS)


def _is_adverb(key: str) -> bool:
    """Listed adverbs and -ly words ("normally", "reportedly")."""
    return key in _ADVERBS or (key.endswith("ly") and len(key) > 4)


def _locate(actor: MatchedActor | None, place: MatchedActor) -> MatchedActor | None:
    """A role-only actor placed in the country of a place named in the same clause."""
    if actor is None or actor.mention.country or actor.mention.known_group:
        return actor
    m, country = actor.mention, place.mention.country
    assert country is not None
    mention = ActorMention(country + (m.role or ""), m.name, country, None, m.role, m.start,
                           m.end, False)
    return MatchedActor(mention, actor.tok_start, actor.tok_end, is_person=actor.is_person)


def _home(actor: MatchedActor, country_name: str) -> MatchedActor:
    """The actor's own state as the other end of a domestic event (not in the raw text)."""
    m = actor.mention
    assert m.country is not None
    mention = ActorMention(m.country, country_name, m.country, None, None, m.start, m.end, False)
    return MatchedActor(mention, actor.tok_start, actor.tok_end)


def _has_state_or_group(actor: MatchedActor | None) -> bool:
    return actor is not None and (actor.mention.country is not None
                                  or actor.mention.known_group is not None)


def _word_before(keys: list[str], lo: int, start: int) -> str:
    """The word before a token, looking past an article ("by the United States" -> by)."""
    j = start - 1
    if j >= lo and keys[j] in ("the", "a", "an"):
        j -= 1
    return keys[j] if j >= lo else ""


def _same_actor(a: ActorMention, b: ActorMention) -> bool:
    """Same participant: same primary code, unless both carry different roles
    ("Syrian troops shelled Syrian rebels" is SYRMIL -> SYRREB, a domestic event)."""
    if _primary(a) != _primary(b):
        return False
    return not (a.role and b.role and a.role != b.role)


def _primary(mention: ActorMention) -> str:
    """Primary code for dyads (formats.md A; UN agencies UNO, other groups their state)."""
    return primary_code(mention)


def _pairs(sources: list[MatchedActor | None],
           targets: list[MatchedActor | None]) -> list[tuple[MatchedActor | None,
                                                             MatchedActor | None]]:
    """One (source, target) per coordinated pair; no actor acts on itself."""
    pairs = []
    seen: set[tuple[str | None, str | None]] = set()
    for source in sources:
        kept = False
        for target in targets:
            if source is not None and target is not None and \
                    _same_actor(source.mention, target.mention):
                continue
            if source is None and target is None:
                continue
            key = (source.mention.code if source else None,
                   target.mention.code if target else None)
            kept = True
            if key in seen:
                continue  # "Erdogan and his Russian counterpart, Vladimir Putin": one Russia
            seen.add(key)
            pairs.append((source, target))
        if not kept and source is not None and (source.mention.code, None) not in seen:
            seen.add((source.mention.code, None))
            pairs.append((source, None))
    return pairs
