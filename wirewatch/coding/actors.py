"""Actor dictionaries and the actor matcher used by the event coder.

Input: the CSV files of formats.md section A in ``wirewatch/coding/data/actors/`` (countries,
organisations,
people, agencies, roles, VERSION), plus optional user directories with files of the same names
whose rows override ours by key (iso3, code, (name, start), name, phrase). Output: ``ActorMatcher``,
which finds actor mentions in a tokenised sentence by longest match over a token n-gram
dictionary (one dict lookup per candidate n-gram; no regex per sentence), composes country +
role + person phrases ("Turkish Defense Minister Hulusi Akar" -> TURGOV), marks possessives, and
resolves simple coreference ("the alliance", "the country", "he", "it") from a per-document
``CorefState``.

Failure reasons: a missing file, a missing column or a malformed date raises ``ActorDataError``
(a ``ValueError``) naming the file, line and column; nothing is skipped silently except ``#``
comment lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")

# Tokens: dotted abbreviations (U.S., U.K.) stay whole so they match as aliases; "n't" and the
# possessive "'s" are their own tokens; hyphenated words (S-400, Almaz-Antey) stay whole.
# The lookahead before the lazy "n't" alternative only lets words that end in an apostrophe + t
# try it (the same tokens, faster: most words no longer step through it character by character).
TOKEN_RE = re.compile(
    r"\$?\d+(?:[.,]\d+)*|[A-Za-z]\.(?:[A-Za-z]\.)+|(?=\w*+[’']t\b)\w+?(?=n[’']t\b)|n[’']t\b"
    r"|\w+(?:-\w+)*|[’']s\b|\S"
)
_MATCH_TEXT, _MATCH_START, _MATCH_END = re.Match.group, re.Match.start, re.Match.end

POSSESSIVE_TOKENS = frozenset({"'s", "’s"})
# Honorifics and rank abbreviations that may sit between a role noun and a name.
NAME_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "gen", "capt", "col", "lt", "maj", "adm", "sgt", "sen", "rep", "gov"}
)
# A capital or country preceded by one of these is a place, not an actor ("talks in Ankara").
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within"}
)
# "it" is taken as a subject pronoun only before one of these (so "buy it" is not coreferent).
SUBJECT_FOLLOWERS = frozenset(
    {
        "will", "would", "has", "had", "is", "was", "could", "can", "may", "might", "should",
        "must", "does", "did", "says", "said", "wants", "plans", "hopes", "remains", "also",
        "intends", "expects", "warned", "warns", "rejected", "rejects", "accused", "accuses",
        "signed", "signs", "agreed", "agrees", "announced", "announces", "threatened",
        "threatens", "condemned", "condemns", "urged", "urges", "called", "calls",
    }
)
COMPASS_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
    "south-western",
})
# Roles of the state's own institutions and politics, which a domestic story's bare nouns
# ("the mayor", "MPs", "police") name; civilians, firms or refugees may be anyone's.
HOME_ROLES = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "OPP", "PTY", "ELI", "SPY"})
# Words before a role noun that place it outside the document's state ("Western leaders").
FOREIGN_MODIFIERS = frozenset({
    "western", "eastern", "arab", "european", "african", "asian", "gulf", "latin", "foreign",
    "international", "world", "global", "allied", "regional", "overseas", "other", "rival",
})
# Role nouns that name a body's people: after a body we do not know ("an Acme Trust
# spokesman", "BNP leader") they are that body's, not the document's state's.
MEMBER_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "leader", "leaders", "official", "officials",
    "co-chairman", "chairman", "director", "president", "secretary", "chief",
})
# Words before "Council" that name a national or international body, not a local council
# ("Darlington Council"): such a council is no role noun of the document's state.
COUNCIL_BODIES = frozenset({
    "security", "peace", "rights", "executive", "national", "european", "privy", "legislative",
    "revolutionary", "military", "transitional", "governing", "sovereign", "supreme", "state",
    "federal", "economic", "social", "research", "arts", "medical", "general", "cooperation",
    "presidential", "islamic", "advisory", "world", "international", "atlantic", "guardian",
    "refugee", "ministerial", "defence", "defense",
})
# Irregular past tenses that, like any "-ed" verb, show a bare role noun before them is a subject.
IRREGULAR_PAST_VERBS = frozenset({
    "shot", "struck", "fought", "took", "threw", "hit", "beat", "led", "held", "sent", "began",
    "broke", "blew", "stole", "drove", "ran", "set", "overran", "met", "made", "gave", "cut",
    "seized", "stormed", "killed",
})
PERSON_PRONOUNS = frozenset({"he", "she", "his"})
# Surnames that are also common English words: a person named only in the document (no
# dictionary row) is found by one of these alone only after a title ("Mr Fox", not "Fox").
COMMON_WORD_SURNAMES = frozenset({
    "fox", "brown", "black", "white", "green", "grey", "gray", "short", "long", "young",
    "straw", "hope", "field", "fields", "hill", "hills", "wood", "woods", "king", "major",
    "bird", "cook", "price", "hunt", "rice", "mills", "love", "rose", "may", "bush", "hall",
    "little", "bell", "ball", "dean", "marsh", "moss", "park", "parks", "lamb", "nash",
    "fry", "wise", "cross", "lord", "bishop", "temple", "church", "chance", "gold",
    "silver", "stone", "steel", "lane", "rich", "power", "powers", "reed", "glass", "well",
    "wells", "frank", "sharp", "north", "south", "west", "east", "case", "law", "day",
})
# Words before a bare surname that make it a person's name ("Mrs Thatcher", "King Hassan"), beside
# the role nouns of roles.csv ("President Bush").
PERSON_TITLES = NAME_TITLES | frozenset(
    {"sir", "lord", "lady", "sheikh", "shaikh", "sultan", "ayatollah", "colonel", "general",
     "marshal", "prince", "crown", "emperor", "pope", "comrade", "senator", "governor"}
)
# Regnal numbers and suffixes that are not a surname ("Hassan II", "Bush Jr.").
_NAME_SUFFIXES = frozenset({"i", "ii", "iii", "iv", "v", "vi", "jr", "jr.", "sr", "sr.", "."})
# States that ended or were renamed: before the date, the successor's code is written as the
# older state's ISO 3166-3 code (Moscow in 1985 is the Soviet Union, Belgrade in 1999 Yugoslavia).
PREDECESSOR_STATES: dict[str, tuple[dt.date, str]] = {
    "RUS": (dt.date(1991, 12, 26), "SUN"),
    "SRB": (dt.date(2006, 6, 5), "YUG"),
    "MNE": (dt.date(2006, 6, 3), "YUG"),
    "CZE": (dt.date(1993, 1, 1), "CSK"),
    "SVK": (dt.date(1993, 1, 1), "CSK"),
}
_LATEST_PREDECESSOR_END = max(end for end, _ in PREDECESSOR_STATES.values())
# Words of sport: in a sentence with one, or with a score ("2-1"), a country or city names a
# team, not a state ("England beat France 2-1", "Real Madrid opposed the move").
SPORTS_WORDS = frozenset({
    "striker", "midfielder", "goalkeeper", "tournament", "championship", "innings", "wicket",
    "wickets", "fixture", "fixtures", "semi-final", "quarter-final", "footballer",
    "footballers", "football", "rugby", "cricket", "tennis", "kick-off", "half-time",
    "playoff", "playoffs", "premiership", "coach", "cup", "medal",
})
# Tokens after which a capitalised word may open a sentence or quotation, not a name.
_NAME_OPENERS = frozenset({'"', "\u201c", "'", "\u2018", "(", "-", ":", "\u2014", "\u2013"})
# Verbs of saying: an unknown capitalised word next to one is a person ("said Davis").
_SPEECH_WORDS = frozenset({"said", "says", "told", "wrote", "writes", "added", "argued"})
# Honorifics before a surname: "Mr Roe" is a person even when we cannot say who.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})
_SENTENCE_MARKERS = SPORTS_WORDS | _SPEECH_WORDS | PERSON_PRONOUNS | _HONORIFICS | {"-"}
# Verbs of a reporting frame after a pronoun ("..., he said"): the person named before it in
# the sentence is what is reported, not the speaker.
_REPORTING_VERBS = _SPEECH_WORDS | frozenset({"claimed", "claims", "insisted", "insists",
                                             "warned", "warns", "stated", "states", "admitted",
                                             "added", "adds", "explained", "noted"})
# Sentences naming nobody (quotations, background) a pronoun may look back across to the
# one person of the sentence before them.
_PRONOUN_GAP = 2
# The role of a person pronoun with no one antecedent ("Kohl met Mitterrand. He said ...").
UNRESOLVED_ROLE = "UNK"
# The title of the people.csv rows compiled from the Archigos leader data (README.md): the
# effective ruler of a state, whatever the office.
EFFECTIVE_LEADER_TITLE = "Effective leader"
COUNTRY_ANAPHORS = (("the", "country"), ("the", "nation"))
# "the two countries", "both sides": the last two distinct states or organisations.
PAIR_ANAPHORS = frozenset({
    (first, noun)
    for first in ("both", "two")
    for noun in ("countries", "sides", "nations", "governments", "neighbours", "neighbors",
                 "states", "parties", "capitals", "leaders", "presidents", "ministers")
})
PERSON_COUNTRY_ANAPHORS = (("his", "country"), ("her", "country"))

_TURKISH_FOLD = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "’": "'"})


class ActorDataError(ValueError):
    """An actor data file is missing, lacks a column or has a malformed value."""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor as coded: formats.md C."""

    code: str
    name: str
    country: str | None
    known_group: str | None
    role: str | None
    start: int
    end: int
    in_raw_text: bool


def primary_code(mention: ActorMention) -> str:
    """The code dyads compare (formats.md A): an organisation's code when it is coded under its
    own code, else the state (ISO3) it is coded under, else the raw code (a bare role, "UNO" for
    a UN agency). A group coded under another code keeps its own in ``known_group``: the RSF is
    ``SDNREB`` with known_group ``RSF`` (primary ``SDN``), the WFP ``UNO`` with ``WFP``."""
    if mention.known_group is not None and mention.code == mention.known_group:
        return mention.known_group
    return mention.country or mention.code


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary row reachable from an n-gram key."""

    kind: str  # country | demonym | metonym | org | anaphor | person | agency | role
    name: str
    country: str | None = None
    known_group: str | None = None
    role: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    # A compiled leader row (EFFECTIVE_LEADER_TITLE): a bare surname names them only while in
    # office at the reference date.
    bare_needs_office: bool = False
    # A person the document introduced with a title or role ("Home Secretary Jane Doe") who is
    # in no dictionary: their bare surname names them only when it is no ordinary word or place.
    local: bool = False
    # The party code (organisations.csv) of a politician: out of their offices they are coded
    # with the side their party had at the date, or PTY when the date is unknown.
    party: str | None = None


@dataclass(slots=True)
class MatchedActor:
    """An actor mention with the token span the coder needs for slot filling."""

    mention: ActorMention
    tok_start: int
    tok_end: int  # exclusive
    possessive: bool = False
    adjectival: bool = False  # a bare demonym ("Russian systems"): weaker as a slot filler
    is_place: bool = False  # after "in"/"at": a location, not a participant
    is_person: bool = False
    foreign: bool = False  # a role noun placed abroad ("Western leaders"): not the home state's


@dataclass(slots=True)
class CorefState:
    """What pronouns and anaphors can refer back to, carried across one document's sentences."""

    last_person: ActorMention | None = None  # first person named in the latest such sentence
    sentence_person: ActorMention | None = None  # first person named in the current sentence
    last_country: ActorMention | None = None
    last_state_or_org: ActorMention | None = None  # first one of the latest such sentence
    sentence_state_or_org: ActorMention | None = None  # first one of the current sentence
    last_by_anaphor: dict[tuple[str, ...], ActorMention] = field(default_factory=dict)
    recent_parties: list[ActorMention] = field(default_factory=list)  # distinct, newest last
    # Surname key -> the person introduced in this document by a fuller name or a title, so a
    # later bare "Gorbachev" is that person ("a surname introduced earlier in the document").
    introduced: dict[str, ActorEntry] = field(default_factory=dict)
    # Persons named in the current sentence, for pronouns: "he" is resolved only when one
    # person (or one state or group) could be meant.
    sentence_people: set[str] = field(default_factory=set)
    last_people_count: int = 0  # how many people the latest sentence naming any named
    sentences_since_people: int = 0  # sentences naming no one since the latest naming any
    # Whether the sentence's first person is a possessor ("Mr Roe's plan"), not its subject.
    sentence_person_possessive: bool = False
    # The period a text without a date is about (its latest year, `document_period`): which
    # parties were in government then (party_status.csv).
    period: dt.date | None = None

    def start_sentence(self) -> None:
        self.sentence_person = None
        self.sentence_person_possessive = False
        self.sentence_state_or_org = None
        if self.sentence_people:
            self.sentence_people.clear()

    def end_sentence(self) -> None:
        """The current sentence's first person and party become the latest ones."""
        if self.sentence_people:
            # An unknown speaker ("said Davis") is a person too: "he" after it is not the
            # last person we could name.
            self.last_person = self.sentence_person
            self.last_people_count = len(self.sentence_people)
            self.sentences_since_people = 0
        else:
            self.sentences_since_people += 1
        if self.sentence_state_or_org is not None:
            self.last_state_or_org = self.sentence_state_or_org

    def remember(self, mention: ActorMention, anaphors: Iterable[tuple[str, ...]],
                 is_person: bool, possessive: bool = False) -> None:
        """Record a raw-text mention as the antecedent for the anaphors it licenses."""
        if is_person:
            if self.sentence_person is None:
                self.sentence_person = mention
                self.sentence_person_possessive = possessive
            self.sentence_people.add(mention.name)
        elif mention.country is not None and mention.known_group is None:
            self.last_country = mention
        if mention.country is not None or mention.known_group is not None:
            # "Russia's Wagner group said it ...": a possessor is not the subject.
            if not is_person and not possessive and self.sentence_state_or_org is None:
                self.sentence_state_or_org = mention
            primary = primary_code(mention)
            self.recent_parties = [m for m in self.recent_parties
                                   if primary_code(m) != primary][-3:]
            self.recent_parties.append(mention)
        for anaphor in anaphors:
            self.last_by_anaphor[anaphor] = mention


@dataclass(slots=True)
class Tokens:
    """A sentence tokenised once: surface text, dictionary keys and char offsets."""

    texts: list[str]
    keys: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.texts)


_fold_cache: dict[str, str] = {}


def token_key(token: str) -> str:
    """Dictionary key of a token: diacritics folded, lowercased except short all-caps forms."""
    key = _fold_cache.get(token)
    if key is None:
        folded = token.translate(_TURKISH_FOLD)
        if not folded.isascii():
            folded = "".join(
                c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
            )
        # "US", "UN", "EU", "UK" are case-sensitive: "us" and "un" are ordinary words.
        key = folded if folded.isupper() and len(folded) <= 3 else folded.lower()
        if len(_fold_cache) < 200_000:
            _fold_cache[token] = key
    return key


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokenise text[start:end]; offsets index the whole text."""
    matches = list(TOKEN_RE.finditer(text, start, len(text) if end is None else end))
    texts = list(map(_MATCH_TEXT, matches))
    cached = list(map(_fold_cache.get, texts))
    # Nearly every token is in the fold cache, so the list is usually complete as it is.
    keys = cast(list[str], cached) if None not in cached else [
        key if key is not None else token_key(t) for key, t in zip(cached, texts, strict=True)
    ]
    return Tokens(texts, keys, list(map(_MATCH_START, matches)), list(map(_MATCH_END, matches)))


def phrase_key(phrase: str) -> tuple[str, ...]:
    """N-gram key of a dictionary phrase, tokenised exactly as text is."""
    return tuple(token_key(m.group()) for m in TOKEN_RE.finditer(phrase.strip()))


def _split_cell(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _parse_date(value: str, where: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ActorDataError(f"{where}: bad date {value!r} (want YYYY-MM-DD)") from exc


def _read_rows(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of one formats.md A CSV file, comment lines skipped, columns checked."""
    if not path.is_file():
        raise ActorDataError(f"actor file missing: path={path}")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.lstrip().startswith("#") and line.strip()]
    reader = csv.DictReader(lines)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ActorDataError(f"actor file {path.name}: missing column(s) {', '.join(missing)}")
    rows = []
    for line_no, row in enumerate(reader, start=2):
        if None in row:
            raise ActorDataError(f"actor file {path.name}: line={line_no} has extra cells")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


ACTOR_FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # file: (columns, key columns for user overrides)
    "countries.csv": (
        ("iso3", "name", "aliases", "demonyms", "capital", "government_metonyms"),
        ("iso3",),
    ),
    # organisations.csv may add a `primary` column (older files without it still load).
    "organisations.csv": (("code", "name", "aliases", "anaphors", "kind", "country"), ("code",)),
    # people.csv may add a `party` column (older and users' files without it still load).
    "people.csv": (
        ("name", "aliases", "country", "role", "title", "start", "end"),
        ("name", "start"),
    ),
    "agencies.csv": (("name", "aliases", "country", "role"), ("name",)),
    "roles.csv": (("phrase", "role"), ("phrase",)),
    "common_names.csv": (("form", "reason"), ("form",)),
    "party_status.csv": (("party", "status", "start", "end"), ("party", "start")),
}


def packaged_actor_dir() -> Path:
    """The actor data directory shipped inside the package."""
    return Path(str(resources.files("wirewatch.coding") / "data" / "actors"))


@dataclass(frozen=True, slots=True)
class ActorTables:
    """The merged rows of every actor file and the data version they make."""

    rows: dict[str, list[dict[str, str]]]
    version: str


def load_actor_tables(user_dirs: Sequence[Path | str] = ()) -> ActorTables:
    """Packaged files, then each user dir in order; a user row replaces ours with the same key."""
    base = packaged_actor_dir()
    version_file = base / "VERSION"
    if not version_file.is_file():
        raise ActorDataError(f"actor file missing: path={version_file}")
    version = version_file.read_text(encoding="utf-8").strip()
    merged: dict[str, dict[tuple[str, ...], dict[str, str]]] = {}
    for name, (columns, key_cols) in ACTOR_FILES.items():
        merged[name] = {
            tuple(row[k].casefold() for k in key_cols): row
            for row in _read_rows(base / name, columns)
        }
    digest = hashlib.sha256()
    for user_dir in map(Path, user_dirs):
        if not user_dir.is_dir():
            raise ActorDataError(f"actor user directory missing: path={user_dir}")
        for name, (columns, key_cols) in ACTOR_FILES.items():
            path = user_dir / name
            if not path.is_file():
                continue  # a user dir may extend only some files
            digest.update(name.encode() + path.read_bytes())
            for row in _read_rows(path, columns):
                merged[name][tuple(row[k].casefold() for k in key_cols)] = row
    if user_dirs:
        version = f"{version}+user.{digest.hexdigest()[:8]}"
    return ActorTables({name: list(rows.values()) for name, rows in merged.items()}, version)


def _lengths_by_first_two(
    keyed: Mapping[tuple[str, ...], object],
) -> dict[str, dict[str, list[int]]]:
    """For n-gram keys of two or more tokens: first token -> second token -> lengths, longest
    first (a key can only match where its first two tokens do)."""
    lengths: dict[str, dict[str, set[int]]] = {}
    for key in keyed:
        if len(key) >= 2:
            lengths.setdefault(key[0], {}).setdefault(key[1], set()).add(len(key))
    return {first: {second: sorted(found, reverse=True) for second, found in by_second.items()}
            for first, by_second in lengths.items()}


def _metonym_role(cell: str) -> tuple[str, str]:
    phrase, _, role = cell.partition(":")
    return phrase.strip(), (role.strip() or "GOV")


class ActorMatcher:
    """Longest-match actor finder over token n-grams, with role composition and coreference."""

    def __init__(self, tables: ActorTables) -> None:
        self.version = tables.version
        self._entries: dict[tuple[str, ...], list[ActorEntry]] = {}
        # Keys of organisation and agency names written capitalised ("Amnesty", "Security
        # Service"): in lower case ("an amnesty", "Ukraine's security service") they are words.
        self._capitalised_keys: set[tuple[str, ...]] = set()
        self._lowercase_keys: set[tuple[str, ...]] = set()
        self._roles: dict[tuple[str, ...], str] = {}
        # Surname key -> the people it may name ("bush" -> both presidents); used after a title,
        # for a surname introduced earlier in the document, or alone when it names one person.
        self._surnames: dict[str, list[ActorEntry]] = {}
        self._surname_keys_of: dict[str, list[str]] = {}
        self._first_names: set[tuple[str, str]] = set()  # (first word, surname) of a person
        self._org_anaphors: dict[str, list[tuple[str, ...]]] = {}
        self._country_names: dict[str, str] = {}
        # Organisation code -> the code it is coded under when that is not its own ("WFP" ->
        # "UNO", "RSF" -> "SDN"; the `primary` column of organisations.csv).
        self._org_primary: dict[str, str] = {}
        rows = tables.rows
        for row in rows["countries.csv"]:
            iso3, name = row["iso3"].upper(), row["name"]
            self._country_names[iso3] = name
            for alias in [name, *_split_cell(row["aliases"])]:
                self._add(alias, ActorEntry("country", name, country=iso3))
            for demonym in _split_cell(row["demonyms"]):
                self._add(demonym, ActorEntry("demonym", name, country=iso3))
            for capital in _split_cell(row["capital"]):
                self._add(capital, ActorEntry("metonym", name, country=iso3, role="GOV"))
            for cell in _split_cell(row["government_metonyms"]):
                phrase, role = _metonym_role(cell)
                self._add(phrase, ActorEntry("metonym", name, country=iso3, role=role))
                if phrase.lower().startswith("the "):
                    # Headline and attributive forms drop the article: "Pentagon spokesman".
                    self._add(phrase[4:], ActorEntry("metonym", name, country=iso3, role=role))
        # Party codes: a party, and its people with no office, are PTY when the date is unknown.
        self._party_codes: set[str] = set()
        for row in rows["organisations.csv"]:
            code = row["code"].upper()
            if row["kind"].upper() == "PTY":
                self._party_codes.add(code)
            org = ActorEntry(
                "org", row["name"], country=row["country"].upper() or None, known_group=code,
                role=_ORG_KIND_ROLES.get(row["kind"].upper()),
            )
            for alias in [row["name"], *_split_cell(row["aliases"])]:
                self._add(alias, org)
            primary = (row.get("primary") or "").upper()
            if primary and primary != code:
                self._org_primary[code] = primary
            anaphors = [phrase_key(a) for a in _split_cell(row["anaphors"])]
            self._org_anaphors[code] = anaphors
            for anaphor in anaphors:
                self._entries.setdefault(anaphor, []).append(
                    ActorEntry("anaphor", row["name"], known_group=code)
                )
        for code, primary in self._org_primary.items():
            if primary not in self._country_names and (
                primary not in self._org_anaphors or primary in self._org_primary
            ):
                raise ActorDataError(
                    f"organisations.csv code={code}: primary={primary!r} is neither an ISO3 "
                    "country nor an organisation coded under its own code"
                )
        # Party code -> (start, end exclusive, GOV | OPP) periods: members take the party's role.
        self._party_status: dict[str, list[tuple[dt.date, dt.date | None, str]]] = {}
        for line_no, row in enumerate(rows["party_status.csv"], start=2):
            where = f"party_status.csv line={line_no} party={row['party']}"
            party, status = row["party"].upper(), row["status"].upper()
            start = _parse_date(row["start"], where)
            if party not in self._org_anaphors or status not in ("GOV", "OPP") or start is None:
                raise ActorDataError(f"{where}: want a party code of organisations.csv, status "
                                     "GOV or OPP and a start date")
            self._party_status.setdefault(party, []).append(
                (start, _parse_date(row["end"], where), status))
        for line_no, row in enumerate(rows["people.csv"], start=2):
            where = f"people.csv line={line_no} name={row['name']}"
            affiliation = row["country"].upper()
            is_org = affiliation in self._org_anaphors
            person = ActorEntry(
                "person", row["name"],
                country=None if is_org else (affiliation or None),
                known_group=affiliation if is_org else None,
                role=row["role"].upper() or None,
                start_date=_parse_date(row["start"], where),
                end_date=_parse_date(row["end"], where),
                bare_needs_office=row["title"] == EFFECTIVE_LEADER_TITLE,
                party=row.get("party", "").upper() or None,
            )
            if person.party is not None and person.party not in self._party_codes:
                raise ActorDataError(f"{where}: party={person.party!r} is no PTY code of "
                                     "organisations.csv")
            for alias in [row["name"], *_split_cell(row["aliases"])]:
                if len(phrase_key(alias)) > 1 or row["title"] != EFFECTIVE_LEADER_TITLE:
                    # One-word names of the leaders compiled from 1980 (often a bare surname)
                    # are reached through the surname index only, never as a dictionary key.
                    self._add(alias, person)
                surname = _surname_key(alias)
                if surname is not None:
                    bucket = self._surnames.setdefault(surname, [])
                    if person not in bucket:
                        bucket.append(person)
                    keys_of = self._surname_keys_of.setdefault(row["name"], [])
                    if surname not in keys_of:
                        keys_of.append(surname)
                    words = phrase_key(alias)
                    if len(words) > 1:
                        # "George" before "Bush" is a first name of a Bush we know.
                        self._first_names.add((words[0].lower(), surname))
        # One-word names that are also ordinary words or places ("May", "Store", "Harris"):
        # a person only after a title or once introduced by a fuller name in the document.
        self._guarded = {_surname_key(row["form"]) or "" for row in rows["common_names.csv"]}
        for row in rows["agencies.csv"]:
            agency = ActorEntry(
                "agency", row["name"], country=row["country"].upper() or None,
                role=row["role"].upper() or None,
            )
            for alias in [row["name"], *_split_cell(row["aliases"])]:
                self._add(alias, agency)
        for row in rows["roles.csv"]:
            key = phrase_key(row["phrase"])
            if key:
                self._roles[key] = row["role"].upper()
                if len(key) == 1 and len(key[0]) <= 3 and key[0].isalpha():
                    # Short all-caps tokens keep their case as keys: "MP", "MEP", "MSP".
                    self._roles.setdefault((key[0].upper(),), row["role"].upper())
        self._first_keys = {key[0] for key in self._entries}
        # For each first token, the n-gram lengths that exist, longest first.
        lengths: dict[str, set[int]] = {}
        for key in self._entries:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths_by_first = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        self._max_len = max((len(k) for k in self._entries), default=1)
        self._role_first = {key[0] for key in self._roles}
        self._role_max = max((len(k) for k in self._roles), default=1)
        # Lookup tables for the token pass, so most tokens cost one or two dict lookups and no
        # n-gram tuple: one-token keys by their token, and the lengths (longest first) of the
        # longer keys by their first two tokens.
        self._single_entries = {key[0]: v for key, v in self._entries.items() if len(key) == 1}
        self._multi_lengths = _lengths_by_first_two(self._entries)
        self._single_roles = {key[0]: v for key, v in self._roles.items() if len(key) == 1}
        self._multi_role_lengths = _lengths_by_first_two(self._roles)
        # First tokens of the anaphors _find_pair and _find_pronoun resolve.
        self._coref_first = frozenset(
            PERSON_PRONOUNS | {"it"}
            | {phrase[0] for phrase in (*PAIR_ANAPHORS, *COUNTRY_ANAPHORS,
                                        *PERSON_COUNTRY_ANAPHORS)}
        )
        # Keys that can start anything find() looks for; every other token is skipped at once.
        self._interesting = frozenset(
            self._first_keys | self._role_first | PERSON_PRONOUNS | self._surnames.keys()
            | {"it", "the", "her", "both", "two"}
        )
        # Last words of role phrases: before a surname they are its title ("President Bush").
        self._role_last = frozenset(key[-1] for key in self._roles) | PERSON_TITLES

    def _add(self, phrase: str, entry: ActorEntry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        if entry.kind != "anaphor" and phrase[:1].isupper():
            # A name written capitalised matches only capitalised text: "island" is not
            # Iceland, "turkey" not Turkey, "an amnesty" not Amnesty International.
            self._capitalised_keys.add(key)
        else:
            self._lowercase_keys.add(key)
        bucket = self._entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def party_role(self, party: str, on: dt.date | None) -> str | None:
        """GOV or OPP: whether the party held national government on that date; None when
        the date or the party's status then is unknown."""
        periods = self._party_status.get(party)
        if periods is None or on is None:
            return None
        for start, end, status in periods:
            if start <= on and (end is None or on < end):
                return status
        return None

    def country_name(self, iso3: str) -> str:
        """Canonical name of a state ("Belarus" for BLR); the code itself if unknown."""
        return self._country_names.get(iso3, iso3)

    @classmethod
    def load(cls, user_dirs: Sequence[Path | str] = ()) -> ActorMatcher:
        """Matcher over the packaged actor files plus optional user directories."""
        return cls(load_actor_tables(user_dirs))

    # -- matching ------------------------------------------------------------------------

    def _longest(self, keys: list[str], i: int) -> tuple[int, list[ActorEntry]] | None:
        """The longest dictionary key starting at token i and its entries."""
        return _longest_key(keys, i, self._multi_lengths, self._entries, self._single_entries)

    def _role_at(self, keys: list[str], i: int) -> tuple[int, str] | None:
        """The longest role phrase starting at token i and its role code."""
        if i >= len(keys):
            return None
        return _longest_key(keys, i, self._multi_role_lengths, self._roles, self._single_roles)

    @staticmethod
    def _pick_person(entries: list[ActorEntry], ref_date: dt.date | None) -> ActorEntry | None:
        """The person row in office on ref_date; else the nearest-in-time row."""
        people = [e for e in entries if e.kind == "person"]
        if not people:
            return None
        if ref_date is not None:
            for person in people:
                if (person.start_date is None or person.start_date <= ref_date) and (
                    person.end_date is None or ref_date <= person.end_date
                ):
                    return person

            def distance(person: ActorEntry) -> int:
                if person.start_date and ref_date < person.start_date:
                    return (person.start_date - ref_date).days
                if person.end_date and ref_date > person.end_date:
                    return (ref_date - person.end_date).days
                return 0

            return min(people, key=distance)
        open_rows = [p for p in people if p.end_date is None]
        if open_rows:
            return max(open_rows, key=lambda p: p.start_date or dt.date.min)
        return max(people, key=lambda p: p.end_date or dt.date.min)

    def _mention(self, entry: ActorEntry, role: str | None, name: str, start: int, end: int,
                 in_raw_text: bool = True) -> ActorMention:
        if entry.known_group is not None:
            return self._group_mention(entry, role, name, start, end, in_raw_text)
        code = entry.country + (role or "") if entry.country is not None else role or ""
        return ActorMention(code, name, entry.country, entry.known_group, role, start, end,
                            in_raw_text)

    def _group_mention(self, entry: ActorEntry, role: str | None, name: str, start: int,
                       end: int, in_raw_text: bool = True) -> ActorMention:
        """An organisation (or its head) under its primary code, its own code kept as the
        known group: UN agencies are UNO, groups without a fixed code their state + role."""
        group = entry.known_group
        assert group is not None
        primary = self._org_primary.get(group)
        if primary is None:
            return ActorMention(group, name, entry.country, group, role, start, end,
                                in_raw_text)
        if primary in self._country_names:
            return ActorMention(primary + (role or ""), name, primary, group, role, start, end,
                                in_raw_text)
        return ActorMention(primary, name, entry.country, group, role, start, end, in_raw_text)

    def _capitalised_name(self, tokens: Tokens, i: int, limit: int = 3) -> int:
        """How many tokens from i form an unknown capitalised name (after titles like Capt.)."""
        n = len(tokens)
        j = i
        while j < n and tokens.keys[j] in NAME_TITLES and tokens.texts[j][:1].isupper():
            j += 1
            if j < n and tokens.texts[j] == ".":
                j += 1
        taken = 0
        while (j < n and taken < limit and tokens.texts[j][:1].isupper()
               and tokens.texts[j].replace("-", "").isalpha()
               and self._longest(tokens.keys, j) is None
               and self._role_at(tokens.keys, j) is None):
            j += 1
            taken += 1
        return j - i if taken else 0

    def find(self, tokens: Tokens, state: CorefState,
             ref_date: dt.date | None = None) -> list[MatchedActor]:
        """Actor mentions in one sentence, left to right, updating the coreference state."""
        keys = tokens.keys
        found: list[MatchedActor] = []
        state.start_sentence()
        # One pass over the sentence for the words that switch on the rarer checks below.
        markers = _SENTENCE_MARKERS.intersection(keys)
        if markers:
            if not _SPEECH_WORDS.isdisjoint(markers):
                self._note_unknown_speakers(tokens, state)
            if not PERSON_PRONOUNS.isdisjoint(markers):
                self._note_unknown_names(tokens, state)
            if not _HONORIFICS.isdisjoint(markers):
                self._note_unknown_titled(tokens, state)
        i = 0
        title_start = title_end = -1  # a role noun found as the title of the next surname
        title_role = ""
        interesting = self._interesting
        coref_first = self._coref_first
        introduced = state.introduced
        # Only tokens that can start a mention are looked at; the rest are skipped at once.
        candidates = [j for j, key in enumerate(keys) if key in interesting] if not introduced \
            else [j for j, key in enumerate(keys) if key in interesting or key in introduced]
        for candidate in candidates:
            if candidate < i:
                continue  # inside a mention already found
            i = candidate
            hit = self._longest(keys, i)
            if hit is not None and not tokens.texts[i][:1].isupper():
                key = tuple(keys[i:i + hit[0]])
                if key in self._capitalised_keys and key not in self._lowercase_keys:
                    hit = None
            if (hit is None and (keys[i] in self._surnames or keys[i] in introduced)) or (
                hit is not None and hit[0] == 1 and hit[1][0].kind == "person"
            ):
                # A one-word name: a person only when the context says so (title, earlier
                # introduction) or when it can mean no one and nothing else.
                person = self._surname_person(tokens, i, state, ref_date) \
                    if tokens.texts[i][:1].isupper() else None
                if person is not None:
                    # The title belongs to the mention ("with President Erdogan" is one
                    # prepositional complement).
                    first = title_start if title_end == i else self._title_start(tokens, i)
                    found.append(self._person_match(tokens, first, i, person, state))
                    i += 1
                    continue
                hit = None
            if hit is None:
                if keys[i] in coref_first:
                    pair = self._find_pair(tokens, i, state)
                    if pair:
                        found.extend(pair)
                        i = pair[0].tok_end
                        continue
                    matched = self._find_pronoun(tokens, i, state)
                    if matched is not None:
                        found.append(matched)
                        i = matched.tok_end
                        continue
                role_hit = self._role_at(keys, i)
                if role_hit is not None and keys[i] in self._guarded and \
                        tokens.texts[i][:1].isupper() and self._after_other_first_name(tokens, i):
                    role_hit = None  # "governor Mervyn King": a surname, not a king
                located = self._role_in_place(tokens, i, role_hit, ref_date) if role_hit else None
                if located is not None:
                    # "officials in Seoul": the place names the government the role belongs to.
                    found.append(located)
                    state.remember(located.mention, (), is_person=False)
                    i = located.tok_end
                    continue
                if role_hit is not None and self._titles_surname(tokens, i + role_hit[0]):
                    # "President Bush": the title is part of the person found next
                    title_start, title_end = i, i + role_hit[0]
                    title_role = role_hit[1]
                    while title_end < len(keys) and (keys[title_end] in NAME_TITLES
                                                     or keys[title_end] == "."):
                        title_end += 1
                    i += role_hit[0]
                    continue
                if role_hit is not None and keys[i] == "general" and \
                        i + 1 < len(keys) and keys[i + 1] in ("election", "elections"):
                    role_hit = None  # "the General Election" is no officer
                if role_hit is not None and keys[i] in ("council", "councils") and \
                        role_hit[0] == 1 and i > 0 and (keys[i - 1] in COUNCIL_BODIES or (
                            tokens.texts[i].islower() and keys[i - 1] != "the")):
                    # "a transitional council", "the Peace and Security Council": a body of
                    # its own, no town's council
                    role_hit = None
                if role_hit is not None and self._titles_named_person(tokens, i + role_hit[0]):
                    # "Chancellor Gordon Brown": the title belongs to the person found next.
                    title_start, title_end = i, i + role_hit[0]
                    title_role = role_hit[1]
                    i += role_hit[0]
                    continue
                if role_hit is not None and i + role_hit[0] < len(keys) and \
                        tokens.texts[i + role_hit[0]][:1].isupper() and \
                        self._longest(keys, i + role_hit[0]) is not None:
                    # "the official Xinhua agency": the noun modifies the name after it
                    i += role_hit[0]
                    continue
                if role_hit is not None and self._bare_role_is_actor(tokens, i + role_hit[0]):
                    length, role = role_hit
                    if i > 0 and keys[i - 1] == "shadow":
                        role = "OPP"  # "the shadow education secretary": the opposition's
                    # A bare role noun ("police", "protesters") is an actor without a country.
                    end = i + length
                    name_len = self._capitalised_name(tokens, end)
                    end += name_len
                    name = " ".join(
                        t for t, k in zip(tokens.texts[i + length:end], tokens.keys[i + length:end],
                                          strict=True)
                        if t != "." and k not in NAME_TITLES
                    ) or " ".join(tokens.texts[i:i + length]).lower()
                    mention = ActorMention(role, name, None, None, role, tokens.starts[i],
                                           tokens.ends[end - 1], True)
                    # A title that is itself a role ("Lord Roe", "Senator Roe") makes one word
                    # a name.
                    foreign = self._role_of_other(tokens, i, role)
                    local_name = "" if foreign else self._local_name(
                        tokens, i + length, end, titled=keys[i + length - 1] in PERSON_TITLES)
                    if local_name:
                        # "Home Secretary Jane Roe": a person of this document, her country
                        # the document's (document_country).
                        self._introduce_local(
                            ActorEntry("person", local_name, role=role, local=True), state)
                        state.remember(mention, (), is_person=True, possessive=end < len(keys)
                                       and tokens.texts[end] in POSSESSIVE_TOKENS)
                    found.append(MatchedActor(mention, i, end, is_person=bool(local_name),
                                              foreign=foreign))
                    i = end
                    continue
                i += 1
                continue
            length, entries = hit
            matched = self._compose(tokens, i, length, entries, state, ref_date)
            if matched is not None and title_end == i and matched.is_person:
                m = matched.mention
                matched.tok_start = title_start
                titled_role = m.role
                if title_role == "OPP" and m.country and not m.known_group and m.role != "OPP":
                    # "Shadow attorney general X": the text's opposition post beats the
                    # office the dictionary gives X in another year.
                    titled_role = "OPP"
                    for surname_key in self._surname_keys_of.get(m.name, ()):
                        # A later "Mr X" is the same opposition politician.
                        state.introduced[surname_key] = ActorEntry(
                            "person", m.name, country=m.country, role="OPP")
                code = m.country + "OPP" if titled_role != m.role and m.country else m.code
                matched.mention = ActorMention(code, m.name, m.country, m.known_group, titled_role,
                                               tokens.starts[title_start], m.end, m.in_raw_text)
            if matched is not None:
                found.append(matched)
                i = matched.tok_end
            else:
                # An anaphor with no antecedent ("the organisation") may open a name
                # ("the Organisation of African Unity"): look again from the next word.
                i += 1
        state.end_sentence()
        if found and markers and (not SPORTS_WORDS.isdisjoint(markers)
                                  or ("-" in markers and _has_score(tokens))):
            # A sports report: states and cities are teams; people and groups stay.
            found = [a for a in found if a.is_person or a.mention.known_group is not None
                     or a.mention.role not in (None, "GOV") or a.tok_end - a.tok_start > 1]
        if ref_date is not None and ref_date < _LATEST_PREDECESSOR_END:
            found = [_predecessor_match(actor, ref_date, self._country_names) for actor in found]
        for previous, current in itertools.pairwise(found):
            # "in Iraq and Syria": a place coordinated with a place is a place.
            if not previous.is_place:
                continue
            between = keys[previous.tok_end:current.tok_start]
            if between and all(k in ("and", ",", "or") for k in between) \
                    and ("and" in between or "or" in between) \
                    and current.mention.country and not current.mention.known_group:
                current.is_place = True
        return found

    def _titles_named_person(self, tokens: Tokens, after: int) -> bool:
        """Whether a person of the dictionary, named in full, follows a role noun ending
        before `after` ("Foreign Secretary Jack Straw")."""
        if after >= len(tokens) or not tokens.texts[after][:1].isupper():
            return False
        hit = self._longest(tokens.keys, after)
        return hit is not None and hit[0] > 1 and any(e.kind == "person" for e in hit[1])

    def _role_of_other(self, tokens: Tokens, i: int, role: str) -> bool:
        """Whether a bare role noun at token i belongs to someone other than the document's
        state: "Western leaders", or a body we do not know ("an Acme Trust spokesman", "BNP
        leader") for the nouns that name a body's people."""
        if i == 0:
            return False
        before = tokens.texts[i - 1]
        if tokens.keys[i - 1] in FOREIGN_MODIFIERS:
            return True
        return tokens.keys[i] in MEMBER_NOUNS and before[:1].isupper() and \
            before.replace("-", "").isalpha() and (i - 1 > 0 or before.isupper()) and \
            self._longest(tokens.keys, i - 1) is None and \
            self._role_at(tokens.keys, i - 1) is None

    def _titled(self, tokens: Tokens, i: int) -> bool:
        """Whether the word before token i is a title or role noun ("President", "Mrs.")."""
        return self._title_start(tokens, i) < i

    def _title_start(self, tokens: Tokens, i: int) -> int:
        """Where a one-word title before token i starts ("Mrs." -> its index), else i."""
        j = i - 1
        if j >= 0 and tokens.texts[j] == ".":
            j -= 1
        return j if j >= 0 and tokens.keys[j] in self._role_last else i

    def _titles_surname(self, tokens: Tokens, after: int) -> bool:
        """Whether a role noun ending before `after` is the title of a surname that follows."""
        j = after
        while j < len(tokens) and (tokens.keys[j] in NAME_TITLES or tokens.texts[j] == "."):
            j += 1
        if j >= len(tokens) or not tokens.texts[j][:1].isupper():
            return False
        key = tokens.keys[j]
        if key not in self._surnames or self._in_longer_name(tokens, j):
            return False
        hit = self._longest(tokens.keys, j)
        return hit is None or (hit[0] == 1 and hit[1][0].kind == "person")

    def _surname_person(self, tokens: Tokens, i: int, state: CorefState,
                        ref_date: dt.date | None) -> ActorEntry | None:
        """The person a one-word name at token i names, or None: after a title, the one in
        office at the date; a surname introduced earlier in the document, that person; alone,
        only a name that is no ordinary word or place, not inside a longer name ("Harris
        County"), and names one person (or one in office at the date)."""
        key = tokens.keys[i]
        introduced = state.introduced.get(key)
        if introduced is not None and introduced.local:
            # A person only this document names: alone, a surname that is no word or place
            # and not part of another name; with a title, always ("Mr Fox").
            if self._titled(tokens, i):
                return introduced
            if key in self._guarded or key in COMMON_WORD_SURNAMES or \
                    key in self._single_entries or key in self._single_roles or \
                    self._in_longer_name(tokens, i) or self._after_other_first_name(tokens, i):
                return None
            return introduced
        if introduced is not None:
            return introduced
        person = self._known_surname_person(tokens, i, ref_date, state.period)
        return self._out_of_term(person, ref_date or state.period) if person else None

    def _out_of_term(self, person: ActorEntry, on: dt.date | None) -> ActorEntry | None:
        """The person as named on the document's date (or the year it names most often): out
        of every term they hold in the data, they hold none of its offices then ("Tony Blair"
        in 2024 is no GBRGOV): their state alone, or nobody for an organisation's head."""
        if person.party is not None and person.role == "PTY":
            # A politician with no office in the data ("Labour MP"): the party's side then.
            side = self.party_role(person.party, on)
            return person if side is None else replace(person, role=side)
        if on is None or person.local or _in_office(person, on) or any(
                _in_office(other, on) for other in self._surnames_of_person(person)):
            return person
        if person.country is None or person.country not in self._country_names:
            return None
        if person.party is not None and self._in_party_politics(person, on):
            # A party politician between or soon after offices (a former minister on the
            # back benches): the party's side at the date, never the bare state.
            return ActorEntry("person", person.name, country=person.country,
                              role=self.party_role(person.party, on) or "PTY",
                              party=person.party)
        return ActorEntry("person", person.name, country=person.country)

    def _in_party_politics(self, person: ActorEntry, on: dt.date) -> bool:
        """Whether the date falls after the person's first listed office and at most
        PARTY_POLITICS_AFTER_OFFICE after the last: a retired leader is no longer his party."""
        rows = self._surnames_of_person(person) or [person]
        starts = [r.start_date for r in rows if r.start_date is not None]
        if starts and on < min(starts):
            return False
        ends = [r.end_date for r in rows]
        if any(end is None for end in ends):
            return True
        return on <= max(e for e in ends if e is not None) + PARTY_POLITICS_AFTER_OFFICE

    def _surnames_of_person(self, person: ActorEntry) -> list[ActorEntry]:
        """Every dictionary row (term) of the person's name."""
        return [e for key in self._surname_keys_of.get(person.name, ())
                for e in self._surnames.get(key, ()) if e.name == person.name]

    def _known_surname_person(self, tokens: Tokens, i: int, ref_date: dt.date | None,
                              period: dt.date | None) -> ActorEntry | None:
        """`_surname_person` for a surname of the dictionary not introduced in the document."""
        key = tokens.keys[i]
        people = list(self._surnames.get(key, ()))
        single = self._single_entries.get(key)
        if single:
            people += [e for e in single if e.kind == "person" and e not in people]
        if not people:
            return None
        if self._in_longer_name(tokens, i):
            return None  # "Harris County", "MP Abdi Guyo Halake": part of another name
        if self._after_other_first_name(tokens, i):
            return None  # "Lucia Arevalo", "Osborne Store": someone else's first name
        if self._titled(tokens, i):
            title = tokens.keys[self._title_start(tokens, i)]
            if title in _ROYAL_JUNIOR_TITLES:
                # "Prince Charles" is no king: a prince's title contradicts a monarch's row.
                people = [p for p in people if not _REGNAL_NAME.search(p.name)]
            if ref_date is None and period is None and key in self._guarded:
                # No date to place the text and a surname many share: only someone in office
                # now ("Mr Sullivan" in an undated article is not a former adviser).
                people = [p for p in people if p.end_date is None]
            on = ref_date or period
            person = self._pick_person(people, on)
            if person is not None and on is not None and not _in_office(person, on):
                # "President Bush" names the one in office, or one out of office for a decade
                # at most ("former President Carter"); not a namesake of another era.
                far = (person.start_date and (person.start_date - on).days > 365) or (
                    person.end_date and (on - person.end_date).days > 3650)
                if far:
                    return None
            return person
        if key in self._guarded:
            return None
        if ref_date is None and len({p.name for p in people}) > 1:
            return None  # "Blair" with no date: Tony, Bill or another
        if ref_date is None:
            people = [p for p in people if not p.bare_needs_office]
        else:
            people = [p for p in people if not p.bare_needs_office or _in_office(p, ref_date)]
        if not people:
            return None
        if len({p.name for p in people}) == 1:
            return self._pick_person(people, ref_date)  # the term in office at the date
        if ref_date is None:
            return None
        in_office = [p for p in people if _in_office(p, ref_date)]
        return in_office[0] if len({p.name for p in in_office}) == 1 else None

    def _after_other_first_name(self, tokens: Tokens, i: int) -> bool:
        """Whether an unknown capitalised word (not an acronym, title or the sentence's first
        word) comes right before token i."""
        j = i - 1
        if j < 1:
            return False
        text = tokens.texts[j]
        if text in ("'", "\u2019") and tokens.ends[j] == tokens.starts[i] and \
                tokens.ends[j - 1] == tokens.starts[j] and tokens.texts[j - 1][:1].isupper():
            return True  # "O'Sullivan", "D'Alema": the name is longer
        if (tokens.keys[j].lower(), tokens.keys[i].lower()) in self._first_names:
            return False  # "George Bush": a first name of one of our people
        return text[:1].isupper() and text.isalpha() and not text.isupper() and \
            tokens.keys[j] not in self._role_last and self._longest(tokens.keys, j) is None \
            and tokens.texts[j - 1] not in _NAME_OPENERS

    def _note_unknown_speakers(self, tokens: Tokens, state: CorefState) -> None:
        """A capitalised word we do not know next to a speech verb ("said Davis", "Davis
        wrote") is a person: pronouns of the sentence may mean them."""
        keys, texts = tokens.keys, tokens.texts
        n = len(keys)
        for j, key in enumerate(keys):
            if key not in _SPEECH_WORDS:
                continue
            for k in (j - 1, j + 1):
                if (0 < k < n or (k == 0 and j == 1)) and texts[k][:1].isupper() and \
                        texts[k].isalpha() and \
                        not texts[k].isupper() and keys[k] not in PERSON_PRONOUNS and \
                        self._longest(keys, k) is None and self._role_at(keys, k) is None and \
                        keys[k] not in self._surnames:
                    state.sentence_people.add("?" + texts[k])

    def _note_unknown_titled(self, tokens: Tokens, state: CorefState) -> None:
        """"Mr Roe" whom we cannot name is still a person: "he" after it may mean him."""
        keys, texts = tokens.keys, tokens.texts
        for j in range(len(keys) - 1):
            if keys[j] not in _HONORIFICS or not texts[j][:1].isupper():
                continue
            k = j + 2 if texts[j + 1] == "." and j + 2 < len(keys) else j + 1
            if texts[k][:1].isupper() and keys[k] not in state.introduced and \
                    keys[k] not in self._surnames:
                state.sentence_people.add("?" + texts[k])

    def _note_unknown_names(self, tokens: Tokens, state: CorefState) -> None:
        """Two capitalised words we do not know before a "he"/"his" ("Writer Dudley Nichols
        refused his award") are a person the pronoun may mean."""
        keys, texts = tokens.keys, tokens.texts
        first_pronoun = next(j for j, key in enumerate(keys) if key in PERSON_PRONOUNS)
        for j in range(1, first_pronoun - 1):
            a, b = texts[j], texts[j + 1]
            if a[:1].isupper() and b[:1].isupper() and a.isalpha() and b.isalpha() and \
                    not a.isupper() and not b.isupper() and \
                    self._longest(keys, j) is None and self._longest(keys, j + 1) is None \
                    and self._role_at(keys, j) is None and self._role_at(keys, j + 1) is None \
                    and keys[j] not in self._surnames and keys[j + 1] not in self._surnames:
                state.sentence_people.add("?" + a + " " + b)
                return

    def _in_longer_name(self, tokens: Tokens, i: int) -> bool:
        """Whether the name at token i runs on into a capitalised word we do not know
        ("Harris County", "Lucia Arevalo Cordero")."""
        nxt = i + 1
        if not (nxt < len(tokens) and tokens.texts[nxt][:1].isupper()
                and tokens.texts[nxt].isalpha()):
            return False
        hit = self._longest(tokens.keys, nxt)
        # "Judge Charles Harris": a one-word name of someone else is this person's surname.
        return hit is None or (hit[0] == 1 and all(e.kind == "person" for e in hit[1]))

    def _person_match(self, tokens: Tokens, first: int, i: int, person: ActorEntry,
                      state: CorefState) -> MatchedActor:
        """A person named by the one-word name at token i, with its title from `first`."""
        mention = self._mention(person, person.role, person.name, tokens.starts[first],
                                tokens.ends[i])
        self._introduce(person, state)
        end = i + 1
        possessive = end < len(tokens) and tokens.texts[end] in POSSESSIVE_TOKENS
        state.remember(mention, (), is_person=True, possessive=possessive)
        return MatchedActor(mention, first, end, possessive=possessive, is_person=True)

    @staticmethod
    def _local_name(tokens: Tokens, start: int, end: int, titled: bool = False) -> str:
        """The unknown name after a role noun when it reads as a person's: two or more
        words ("Jane Roe"), or one after an honorific ("Mrs Roe"); else ""."""
        words = [t for t, k in zip(tokens.texts[start:end], tokens.keys[start:end], strict=True)
                 if t != "." and k not in NAME_TITLES]
        titled = titled or end - start > len(words)
        if not words or (len(words) < 2 and not titled):
            return ""
        return " ".join(words)

    def _introduce_local(self, person: ActorEntry, state: CorefState) -> None:
        """A document-local person: their surname names them from now on in this document
        (with a title only when it is also a word or a place, `_surname_person`)."""
        key = _surname_key(person.name)
        if key is not None and len(key) > 1:
            state.introduced[key] = person

    def _introduce(self, person: ActorEntry, state: CorefState) -> None:
        """A person named in full or with a title: their bare surname now names them."""
        for key in self._surname_keys_of.get(person.name, ()):
            state.introduced[key] = person

    def _role_in_place(self, tokens: Tokens, i: int, role_hit: tuple[int, str],
                       ref_date: dt.date | None) -> MatchedActor | None:
        """'officials in Seoul' / 'diplomats from Moscow' -> KORGOV / RUSGOV."""
        length, role = role_hit
        j = i + length
        if j + 1 >= len(tokens) or tokens.keys[j] not in ("in", "from", "for", "of"):
            return None
        k = j + 2 if tokens.keys[j + 1] == "the" else j + 1
        place = self._longest(tokens.keys, k) if k < len(tokens) else None
        if place is None:
            return None
        entry = place[1][0]
        end = k + place[0]
        if entry.kind == "org" and tokens.keys[j] in ("for", "of"):
            # "a spokesman for NATO", "the leader of Hamas"
            mention = self._group_mention(entry, role, entry.name, tokens.starts[i],
                                          tokens.ends[end - 1])
            return MatchedActor(mention, i, end)
        if entry.kind not in ("country", "metonym", "demonym") or entry.country is None:
            return None
        if entry.kind == "demonym":
            noun = self._role_at(tokens.keys, end) if end < len(tokens) else None
            if noun is None:
                return None  # "a spokesman for the Russian ..." needs its own role noun
            end += noun[0]
        mention = ActorMention(entry.country + role, entry.name, entry.country, None, role,
                               tokens.starts[i], tokens.ends[end - 1], True)
        return MatchedActor(mention, i, end)

    @staticmethod
    def _bare_role_is_actor(tokens: Tokens, after: int) -> bool:
        """'police arrested' is an actor; 'military operation' is a modifier of a noun."""
        if after >= len(tokens):
            return True
        following = tokens.texts[after]
        if not (following.isalpha() and following.islower()):
            return True
        if following == "of" and after + 1 < len(tokens) and \
                tokens.texts[after + 1][:1].isupper():
            return True  # "the mayor of Aarhus said"
        return following in SUBJECT_FOLLOWERS or following.endswith("ed") or \
            following in ("have", "are", "were", "say", "who", "and", "in") or \
            following in IRREGULAR_PAST_VERBS  # "militants shot dead two officers"

    @staticmethod
    def _find_pair(tokens: Tokens, i: int, state: CorefState) -> list[MatchedActor]:
        """'the two countries' / 'both sides' -> the last two distinct parties named."""
        if tuple(tokens.keys[i : i + 2]) not in PAIR_ANAPHORS or len(state.recent_parties) < 2:
            return []
        start, end = tokens.starts[i], tokens.ends[i + 1]
        out = []
        for m in state.recent_parties[-2:]:
            mention = ActorMention(m.code, m.name, m.country, m.known_group, m.role, start, end,
                                   False)
            out.append(MatchedActor(mention, i, i + 2))
        return out

    def _find_pronoun(self, tokens: Tokens, i: int, state: CorefState) -> MatchedActor | None:
        key = tokens.keys[i]
        start, end = tokens.starts[i], tokens.ends[i]
        target: ActorMention | None = None
        length = 1
        if key in PERSON_PRONOUNS:
            # Only an unambiguous antecedent: the one person named so far in this sentence,
            # else the one person of the latest sentence naming any ("Kohl met Mitterrand.
            # He said ..." stays unresolved, and an event needing it has no source).
            # The one person of this sentence only as its subject, not a possessor ("Mr
            # Roe's plan ... he said") nor what a reporting frame reports ("Mr Roe has
            # failed, he claimed"); the one of the sentence before (across at most two
            # sentences naming no one, such as quotations).
            if state.sentence_people:
                reporting = i + 1 < len(tokens) and tokens.keys[i + 1] in _REPORTING_VERBS
                target = state.sentence_person if len(state.sentence_people) == 1 and \
                    not state.sentence_person_possessive and not reporting else None
            elif state.last_people_count == 1 and state.sentences_since_people <= _PRONOUN_GAP:
                target = state.last_person
        elif key == "it" and i + 1 < len(tokens) and tokens.keys[i + 1] in SUBJECT_FOLLOWERS:
            # Like "he": the sentence's first-named state is usually its subject.
            target = state.sentence_state_or_org or state.last_state_or_org
        elif tuple(tokens.keys[i : i + 2]) in COUNTRY_ANAPHORS:
            target, length = state.last_country, 2
        elif tuple(tokens.keys[i : i + 2]) in PERSON_COUNTRY_ANAPHORS and state.last_person:
            person = state.last_person
            if person.country is not None:
                target = ActorMention(person.country, self._country_names.get(person.country,
                                      person.country), person.country, None, None, 0, 0, False)
            length = 2
        if target is None:
            if key in ("he", "she") and (state.sentence_people or state.last_people_count):
                # Several people could be meant: the pronoun is an actor nobody can name, so
                # an event it is the source of is dropped (dyads.actor_pairs).
                mention = ActorMention("", key, None, None, UNRESOLVED_ROLE, start, end, False)
                # Someone we cannot name is still a person of the sentence: a "he" after it
                # cannot take the other one.
                state.sentence_people.add(f"?{key}@{i}")
                return MatchedActor(mention, i, i + 1, is_person=True)
            return None
        end = tokens.ends[i + length - 1]
        mention = ActorMention(target.code, target.name, target.country, target.known_group,
                               target.role, start, end, False)
        if key in PERSON_PRONOUNS:
            # A chain of pronouns ("He added ... He also said") keeps its one antecedent.
            if state.sentence_person is None:
                state.sentence_person = target
            state.sentence_people.add(target.name)
        return MatchedActor(mention, i, i + length, is_person=key in PERSON_PRONOUNS)

    def _compose(self, tokens: Tokens, i: int, length: int, entries: list[ActorEntry],
                 state: CorefState, ref_date: dt.date | None) -> MatchedActor | None:
        """Turn a dictionary hit into a mention, absorbing role nouns and a following name."""
        keys = tokens.keys
        n = len(keys)
        end = i + length
        if entries[0].kind == "anaphor" and all(e.kind == "anaphor" for e in entries):
            # "the alliance": the most recent organisation whose anaphors include this phrase.
            antecedent = state.last_by_anaphor.get(tuple(keys[i:end]))
            if antecedent is None:
                return None
            mention = ActorMention(antecedent.code, antecedent.name, antecedent.country,
                                   antecedent.known_group, antecedent.role, tokens.starts[i],
                                   tokens.ends[end - 1], False)
            return MatchedActor(mention, i, end)
        # Most keys name one non-person entry: no person to pick.
        person = self._pick_person(entries, ref_date or state.period) \
            if len(entries) > 1 or entries[0].kind == "person" else None
        if person is not None:
            person = self._out_of_term(person, ref_date or state.period)
            if person is None:
                return None  # an organisation's former head: no longer its actor
        entry = person or entries[0]
        before = i - 1
        if before > 0 and keys[before] in COMPASS_WORDS:
            before -= 1  # "in northwestern Nigeria"
        is_place = before >= 0 and keys[before] in PLACE_PREPOSITIONS and entry.kind in (
            "country", "metonym")
        if i > 1 and keys[i - 1] == "," and keys[i - 2] == "capital":
            is_place = True
        role = entry.role
        name = entry.name
        local_name = ""
        party_person: ActorEntry | None = None  # a known person named with their party
        possessive = end < n and tokens.texts[end] in POSSESSIVE_TOKENS
        adjectival = entry.kind == "demonym"
        if entry.kind in ("country", "demonym", "metonym", "org") and not is_place:
            # Country/demonym [+ 's] [+ up to two capitalised words] + role noun(s) [+ name].
            j = end + 1 if possessive else end
            role_found = None
            k = j
            skipped = 0
            role_first = self._role_first
            while k < n and skipped <= 2:
                role_hit = self._role_at(keys, k) if keys[k] in role_first else None
                if role_hit is not None:
                    role_found = role_hit[1] if role_found is None else role_found
                    k += role_hit[0]
                    j = k
                    skipped = 0
                    continue
                if tokens.texts[k][:1].isupper() and tokens.texts[k].isalpha() and \
                        self._longest(keys, k) is None:
                    k += 1
                    skipped += 1
                    continue
                break
            if role_found is not None:
                if entry.kind != "org":
                    # A metonym with its own role (the Pentagon: MIL) keeps it.
                    role = entry.role if entry.kind == "metonym" and entry.role != "GOV" \
                        else role_found
                adjectival = False
                end = j
                possessive = False
                person_hit = self._longest(keys, end) if end < n else None
                # A one-word name running on into another capitalised word is someone
                # else's first name: "leader Charles Kennedy" is not King Charles.
                runs_on = end + 1 < n and tokens.texts[end + 1][:1].isupper() and \
                    tokens.texts[end + 1].isalpha()
                if person_hit is not None and person_hit[0] == 1 and runs_on:
                    person_hit = None
                person_entry = self._pick_person(person_hit[1], ref_date) if person_hit else None
                if person_entry is None and end < n and keys[end] in self._surnames and \
                        tokens.texts[end][:1].isupper() and not runs_on:
                    # "French President Mitterrand": the surname of a leader of that state
                    same_state = [p for p in self._surnames[keys[end]]
                                  if p.country == entry.country]
                    person_entry = self._pick_person(same_state, ref_date)
                    person_hit = (1, same_state) if person_entry is not None else None
                if person_entry is not None and person_hit is not None:
                    name = person_entry.name
                    self._introduce(person_entry, state)
                    if entry.kind == "org" and entry.known_group in self._party_codes:
                        party_person = person_entry
                    if person_entry.country == entry.country and person_entry.role:
                        role = role if role_found else person_entry.role
                    end += person_hit[0]
                else:
                    name_len = self._capitalised_name(tokens, end)
                    local_name = self._local_name(tokens, end, end + name_len)
                    end += name_len
                possessive = end < n and tokens.texts[end] in POSSESSIVE_TOKENS
        if entry.kind == "agency" and not is_place:
            # "a BBC spokesman", "Royal Mail's managers": the body speaking, in its own role.
            j = end + 1 if possessive else end
            role_hit = self._role_at(keys, j) if j < n and keys[j] in self._role_first else None
            if role_hit is not None and self._role_at(keys, j + role_hit[0]) is None:
                end = j + role_hit[0]
                possessive = end < n and tokens.texts[end] in POSSESSIVE_TOKENS
        if entry.kind == "org" and not is_place and entry.known_group in self._party_codes:
            # A party and its members take the party's side at the date: "Tory leader" in
            # 2005 is GBROPP, "a Labour MP" GBRGOV; with no date they are the party (PTY).
            role = self.party_role(entry.known_group or "", ref_date or state.period) or role
        if party_person is not None:
            # "Former Conservative leader Jane Roe": a later "Mrs Roe" is her as the party's
            # (GBROPP), whatever office the dictionary gives her in other years.
            for key in self._surname_keys_of.get(party_person.name, ()):
                state.introduced[key] = ActorEntry(
                    "person", party_person.name, country=entry.country,
                    known_group=entry.known_group, role=role)
        local = None
        if local_name:
            # "Conservative co-chairman Jane Roe": a person of this document only; a later
            # "Ms Roe" or "the co-chairman" is her.
            local = ActorEntry("person", local_name, country=entry.country,
                               known_group=entry.known_group, role=role, local=True)
            name = local_name
            self._introduce_local(local, state)
        mention = self._mention(entry, role, name, tokens.starts[i], tokens.ends[end - 1])
        if person is not None:
            self._introduce(person, state)
        if not is_place:
            anaphors = self._org_anaphors.get(entry.known_group or "", ()) \
                if entry.kind == "org" else ()
            state.remember(mention, anaphors, is_person=person is not None or name != entry.name,
                           possessive=possessive)
        return MatchedActor(mention, i, end, possessive=possessive, adjectival=adjectival,
                            is_place=is_place, is_person=person is not None or local is not None)


def _longest_key(
    keys: list[str],
    i: int,
    multi_lengths: dict[str, dict[str, list[int]]],
    multi: Mapping[tuple[str, ...], T],
    single: Mapping[str, T],
) -> tuple[int, T] | None:
    """The longest key of `multi` (tried only at lengths listed under its first two tokens,
    longest first) or else `single` starting at token i, with its value."""
    n = len(keys)
    if i + 1 < n:
        by_second = multi_lengths.get(keys[i])
        if by_second is not None:
            for length in by_second.get(keys[i + 1], ()):
                if i + length <= n:
                    value = multi.get(tuple(keys[i : i + length]))
                    if value:
                        return length, value
    value = single.get(keys[i])
    return (1, value) if value else None


def _surname_key(name: str) -> str | None:
    """The key of a person's surname: the last word of the name that is not a regnal number or
    suffix ("Hassan II" -> hassan, "George W. Bush" -> bush)."""
    key = [k for k in phrase_key(name) if k.lower() not in _NAME_SUFFIXES]
    if not key or not key[-1][:1].isalpha():
        return None
    return key[-1].lower()


# Titles of a monarch's family, not of the monarch: "Prince Charles" is not Charles III.
_ROYAL_JUNIOR_TITLES = frozenset({"prince", "princess", "duke", "duchess"})
# A monarch's name in the people data ends in a regnal number ("Charles III").
_REGNAL_NAME = re.compile(r" [IVX]+$")


# How long after a politician's last listed office or seat they still speak for their party.
PARTY_POLITICS_AFTER_OFFICE = dt.timedelta(days=5 * 365)

# The role an organisation's kind gives it (organisations.csv `kind`): a party is PTY until its
# side at the date is known (party_status.csv); an intergovernmental body has none.
_ORG_KIND_ROLES = {"REB": "REB", "NGO": "NGO", "PTY": "PTY"}


def _in_office(person: ActorEntry, on: dt.date) -> bool:
    return (person.start_date is None or person.start_date <= on) and (
        person.end_date is None or on <= person.end_date)


def _predecessor_match(actor: MatchedActor, on: dt.date,
                       country_names: Mapping[str, str]) -> MatchedActor:
    """The actor under the state that held its country's code on that date (PREDECESSOR_STATES):
    Moscow in 1985 is the Soviet Union."""
    m = actor.mention
    era = PREDECESSOR_STATES.get(m.country or "")
    if era is None or on >= era[0]:
        return actor
    old = era[1]
    code = old + m.code[3:] if m.code.startswith(m.country or "") else m.code
    name = country_names.get(old, old) if m.name == country_names.get(m.country or "") \
        else m.name
    mention = ActorMention(code, name, old, m.known_group, m.role, m.start, m.end,
                           m.in_raw_text)
    return MatchedActor(mention, actor.tok_start, actor.tok_end, actor.possessive,
                        actor.adjectival, actor.is_place, actor.is_person)


def _has_score(tokens: Tokens) -> bool:
    """A sports score written "2-1" or "28-17" (three tokens with no space between)."""
    texts = tokens.texts
    if "-" not in texts:
        return False
    for j in range(1, len(texts) - 1):
        if is_score_dash(texts, j) and \
                tokens.ends[j - 1] == tokens.starts[j] and tokens.ends[j] == tokens.starts[j + 1]:
            return True
    return False


def is_score_dash(texts: Sequence[str], j: int) -> bool:
    """`texts[j]` is the dash of a score such as "2-1" or "28-17" (numbers of one or two digits
    on both sides), not one of a date's dashes ("2024-05-01", "01-05-2024")."""
    return (
        0 < j < len(texts) - 1
        and texts[j] == "-"
        and texts[j - 1].isdigit()
        and texts[j + 1].isdigit()
        and len(texts[j - 1]) <= 2
        and len(texts[j + 1]) <= 2
        and (j < 2 or texts[j - 2] != "-")
        and (j + 2 >= len(texts) or texts[j + 2] != "-")
    )


# A year in the text: the period an undated document is about (`document_period`).
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# A word before a year that makes it a deadline or target ("by 2010", "until 2008").
_TARGET_YEAR_RE = re.compile(r"\b(?:by|until|till|before)\s+(?:the\s+end\s+of\s+)?$", re.I)
# How much more often than the next country the document's country must be named, and at
# least how often, before role nouns with no country of their own take it.
_HOME_MIN_VOTES = 2
_HOME_MARGIN = 1.5
_DATELINE_VOTES = 3
_PLACE_VOTE = 0.5


def document_period(text: str) -> dt.date | None:
    """The middle of the year a text without a date names most often (the latest of equals),
    or None when it names none: which parties governed then (party_status.csv)."""
    counts: dict[str, int] = {}
    for match in _YEAR_RE.finditer(text):
        if _TARGET_YEAR_RE.search(text, max(0, match.start() - 20), match.start()):
            continue  # "by 2010", "until 2008": a target, not the time the story is about
        year = match.group()
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], y))
    return dt.date(int(year), 7, 1)


def document_country(sentences: Iterable[Sequence[MatchedActor]],
                     dateline: Sequence[MatchedActor] = ()) -> str | None:
    """The state a document is about: the one its actors and places name most often (a
    dateline city counts three times), when it is named in two sentences or more (or the
    dateline) and clearly more often than any other (a place where something happened counts
    half); else None (an international story, or too little to tell)."""
    votes: dict[str, float] = {}
    sentences_naming: dict[str, int] = {}
    for weight, actors in itertools.chain(((1.0, a) for a in sentences),
                                          [(float(_DATELINE_VOTES), dateline)]):
        named = set()
        for actor in actors:
            mention = actor.mention
            if mention.country is not None and mention.in_raw_text:
                # A place where something happened says less than an actor of the state.
                vote = weight * _PLACE_VOTE if actor.is_place else weight
                votes[mention.country] = votes.get(mention.country, 0.0) + vote
                named.add(mention.country)
        for country in named:
            sentences_naming[country] = sentences_naming.get(country, 0) + int(weight)
    if not votes:
        return None
    ranked = sorted(votes.values(), reverse=True)
    top = ranked[0]
    second = ranked[1] if len(ranked) > 1 else 0.0
    if top < _HOME_MIN_VOTES or top < _HOME_MARGIN * second:
        return None
    home = max(votes, key=lambda c: votes[c])
    return home if sentences_naming[home] >= _HOME_MIN_VOTES else None


def with_document_country(actors: list[MatchedActor], iso3: str,
                          country_name: str) -> list[MatchedActor]:
    """Role nouns and people with no country of their own ("the mayor", "MPs", "Home Secretary
    Jane Roe") as actors of the document's state: GOV -> GBRGOV in a British story."""
    out = actors
    for index, actor in enumerate(actors):
        m = actor.mention
        if m.country is not None or m.known_group is not None or \
                m.role not in HOME_ROLES or m.code != m.role or actor.foreign:
            continue
        if out is actors:
            out = list(actors)
        name = m.name or country_name
        mention = ActorMention(iso3 + m.role, name, iso3, None, m.role, m.start, m.end,
                               m.in_raw_text)
        out[index] = MatchedActor(mention, actor.tok_start, actor.tok_end, actor.possessive,
                                  actor.adjectival, actor.is_place, actor.is_person)
    return out
