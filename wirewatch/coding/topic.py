"""What a document is about, from the words of the whole document, and which events a document
that is not about politics may keep.

Business, sport, culture and consumer-technology stories name states and officials too
("Ireland beat France", "India is considering Airbus jets", "the academy honoured the actor"),
and verbs there have commercial or sporting senses. A document whose vocabulary is mostly one of
these subjects (``document_subject``) keeps only events between two clearly political actors
(``is_political_pair``): states, governments, officials, parties, IGOs, armed and civil-society
groups. In a sports or culture story a bare country or city is a team or a market, so there both
ends must carry a political role or be a known organisation.

Independently of the subject, a business end (BUS) takes part only in political acts
(``is_political_business_event``): a government investigating, fining, banning, sanctioning or
seizing a firm, a firm appealing to, lobbying, criticising or suing a government. Deals, talks,
purchases and contracts between firms, or between a firm and a state, are commerce, not events.

The lists are hand-written and counted per token; each subject names the words that are its
evidence (``subject_evidence``) so a decision can be explained.
"""

from __future__ import annotations

from collections.abc import Iterable

from wirewatch.coding.actors import ActorMention
from wirewatch.coding.lexicon import word_list

# Words a story about one subject uses again and again and a political story rarely does.
SUBJECT_WORDS: dict[str, frozenset[str]] = {
    "markets": word_list(
        """shares share stock stocks shareholders shareholder investors investor profit profits
        profitable revenue revenues sales turnover earnings dividend dividends quarter quarterly
        merger mergers takeover takeovers acquisition acquisitions firm firms company companies
        chief executive executives analysts analyst economists economist
        market markets bourse nasdaq dow ftse nikkei dollar dollars euro euros
        yen sterling currency prices price inflation growth gdp bank banks lender
        lenders retail retailer retailers customers consumers brand brands pre-tax losses
        forecasts output exports barrel crude airline airlines carrier factory
        manufacturing bonds sector economy economic billion bn"""),
    "sport": word_list(
        """match matches game games season coach striker midfielder defender goalkeeper goals
        cup league championship champion champions tournament semi-final quarter-final player
        players squad team teams club clubs fixture fixtures injury injured rugby football
        soccer cricket tennis golf athletics olympic olympics medal medals sprint marathon
        wicket wickets innings stadium referee penalty grand slam premiership ashes opener
        kick-off halftime half-time athlete athletes final finals title fans captain scored
        seeded"""),
    "culture": word_list(
        """film films movie movies actor actors actress actresses director album albums single
        singles song songs singer band bands music musical chart charts award awards oscar oscars
        nomination nominated nominations bafta grammy festival box office star stars starring
        comedy drama show shows series sitcom episode episodes theatre stage novel novels author
        celebrity concert tour rapper pop rock hollywood premiere studio studios soundtrack
        audience audiences viewers ratings screen cinema cinemas"""),
    "technology": word_list(
        """software computer computers pc pcs internet online web website websites broadband
        mobile mobiles phone phones handset handsets gadget gadgets device devices digital
        technology technologies users user net virus viruses spam e-mail email emails chip chips
        console consoles gaming gamers download downloads downloading file-sharing wireless wi-fi
        microsoft google apple sony nintendo ipod blog blogs blogger bloggers browser dvd camera
        cameras gadget laptop laptops"""),
}
# Words of politics and conflict: government, elections, law, security and diplomacy.
POLITICAL_WORDS = word_list(
    """government governments minister ministers ministry president prime parliament
    parliamentary mp mps mep meps election elections electoral vote voters votes voting poll
    polls ballot ballots candidate candidates constituency referendum campaign party parties
    labour tory tories conservative conservatives liberal democrats
    opposition senator senate congress congressional cabinet policy policies bill legislation
    law laws lords commons whitehall downing chancellor secretary spokesman spokeswoman
    spokesperson leader leaders diplomatic diplomat diplomats embassy ambassador treaty summit
    sanctions troops army military soldiers war militants rebels police arrested arrest court
    judge trial prosecutors rights protest protesters asylum immigration terror terrorism
    terrorist security nato un eu union unions committee council councils mayor inquiry
    watchdog minister's department""")
# A subject must have this many words of its own in the document and outnumber the political
# words by SUBJECT_MARGIN; a story that mixes both is kept as political (precision must not be
# bought by coding nothing on politics stories that mention markets).
MIN_SUBJECT_WORDS = 6
SUBJECT_MARGIN = 1.5

# Roles of political actors: government, military, legislature, judiciary, police, parties,
# opposition, armed and irregular groups, and civil society that acts politically.
POLITICAL_ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "PTY", "OPP", "REB", "SPY",
                             "UAF", "INS", "SEP", "RAD", "MOD", "HRI", "LAB", "REF", "IGO"})
# Roles that are not political actors on their own: business, media, education, health,
# ordinary civilians, criminals (a shop, a broadcaster, a university, "people", "pirates").
NON_POLITICAL_ROLES = frozenset({"BUS", "MED", "EDU", "HLH", "CVL", "CRM", "AGR", "ELI",
                                 "DEV", "ENV"})
# Subjects whose stories use country and city names for teams and markets ("Ireland beat
# France", "a hit in the US"): a bare state there is no evidence of a political actor. (In a
# technology story a state is still a state: "Russia hacked Ukraine's networks".)
_TEAM_SUBJECTS = frozenset({"sport", "culture"})

# Acts a government does to a firm, or a firm to a government, that are political: inquiries
# (09), criticism, accusations and lawsuits (11), rejections (12), threats (13), protests (14),
# sanctions and expulsions (16), coercion: fines, bans, seizures, arrests (17); a firm's appeal
# or lobbying (02).
_BUSINESS_TARGET_ROOTS = frozenset({"09", "11", "12", "13", "16", "17"})
_BUSINESS_SOURCE_ROOTS = frozenset({"02", "11", "12", "13", "14"})
# Economic cooperation and the intent to it: in a business story between bare states these
# are trade figures ("Britain exported more cars to China"), not a government's act.
_TRADE_CODES = frozenset({"061", "0311"})
# Acts coded whoever does them: protest (14) and violence (18-20): "gangs abducted pupils",
# "students marched". Other acts need at least one political end (issue 16).
_ANYONE_ROOTS = frozenset({"14", "18", "19", "20"})
_STATE_OWNED_MARKERS = ("state-owned", "state-run", "state owned", "state run",
                        "state-controlled", "government-owned", "nationalised", "nationalized")
_STATE_OWNED_REACH = 40  # characters before the firm's name ("state-owned energy company")


def _subjects_by_word() -> dict[str, tuple[str, ...]]:
    """Each listed word -> the subjects (and "politics") it counts for: one look-up a token."""
    by_word: dict[str, tuple[str, ...]] = {}
    for subject, words in [*SUBJECT_WORDS.items(), ("politics", POLITICAL_WORDS)]:
        for word in words:
            by_word[word] = (*by_word.get(word, ()), subject)
    return by_word


_SUBJECTS_BY_WORD = _subjects_by_word()


def subject_counts(sentence_keys: Iterable[list[str]]) -> dict[str, int]:
    """How many tokens of the document belong to each subject's list, and to politics."""
    counts = dict.fromkeys([*SUBJECT_WORDS, "politics"], 0)
    by_word = _SUBJECTS_BY_WORD
    for keys in sentence_keys:
        for key in keys:
            subjects = by_word.get(key)
            if subjects is not None:
                for subject in subjects:
                    counts[subject] += 1
    return counts


def document_subject(sentence_keys: Iterable[list[str]]) -> str | None:
    """'markets', 'sport', 'culture' or 'technology' when the document's vocabulary is mostly
    that subject's (``MIN_SUBJECT_WORDS``, ``SUBJECT_MARGIN``), else None: political or general
    news, coded as usual."""
    return subject_from_counts(subject_counts(sentence_keys))


def subject_from_counts(counts: dict[str, int]) -> str | None:
    """The decision of ``document_subject`` from its counts."""
    political = counts.get("politics", 0)
    best, best_count = None, 0
    for subject in SUBJECT_WORDS:
        if counts.get(subject, 0) > best_count:
            best, best_count = subject, counts[subject]
    if best is None or best_count < MIN_SUBJECT_WORDS or \
            best_count < SUBJECT_MARGIN * political:
        return None
    return best


def subject_evidence(text_keys: Iterable[str], subject: str, limit: int = 10) -> list[str]:
    """The document's words that count for `subject`, most frequent first (for explaining a
    decision)."""
    words = POLITICAL_WORDS if subject == "politics" else SUBJECT_WORDS[subject]
    seen: dict[str, int] = {}
    for key in text_keys:
        if key in words:
            seen[key] = seen.get(key, 0) + 1
    return [w for w, _ in sorted(seen.items(), key=lambda item: (-item[1], item[0]))][:limit]


def is_political_actor(mention: ActorMention | None, subject: str | None) -> bool:
    """A state, government, official, party, IGO, armed or civil-society group. In a sports or
    culture story a bare state or city is a team or a market, not an actor."""
    if mention is None:
        return False
    role = mention.role
    if role in NON_POLITICAL_ROLES:
        return False
    if role is not None:
        return role in POLITICAL_ROLES or mention.known_group is not None
    if mention.known_group is not None:
        return True  # an IGO, party or armed group under its own code
    return mention.country is not None and subject not in _TEAM_SUBJECTS


def is_political_pair(actor1: ActorMention | None, actor2: ActorMention | None,
                      subject: str | None) -> bool:
    """Both ends named and political: what a business, sports, culture or technology story
    must show for an event to be coded."""
    return is_political_actor(actor1, subject) and is_political_actor(actor2, subject)


def is_political_business_event(actor1: ActorMention | None, actor2: ActorMention | None,
                                code: str, subject: str | None = None) -> bool:
    """An event with a business end (BUS) is political only when the other end is political
    and the act is: a government acting on a firm (inquiry, fine, ban, sanction, seizure), a
    firm appealing to, criticising or suing a government, and, outside business, sports,
    culture and technology stories, a state's deal with a firm ("Turkey signed a deal with
    Lockheed Martin", bench/events/ANNOTATION.md). Firm against firm never is."""
    source_business = _is_business(actor1)
    target_business = _is_business(actor2)
    if source_business == target_business:
        return False  # business against business: commerce, or a dispute between firms
    root = code[:2]
    if subject is None and (root == "06" or code == "057"):
        return is_political_actor(actor2 if source_business else actor1, None)
    if target_business:
        return is_political_actor(actor1, subject) and root in _BUSINESS_TARGET_ROOTS
    return is_political_actor(actor2, subject) and root in _BUSINESS_SOURCE_ROOTS


def _is_business(mention: ActorMention | None) -> bool:
    return mention is not None and mention.role == "BUS"


def keeps_event(actor1: ActorMention | None, actor2: ActorMention | None, code: str,
                subject: str | None) -> bool:
    """Whether an event is coded in a document about `subject` (None: political or general
    news): an event with a firm at one end only when it is a political act
    (``is_political_business_event``); in a business, sports, culture or technology story
    only events between two political actors (``is_political_pair``), and trade between
    bare states only when a government is named. Anywhere, at least one end of an act other
    than protest or violence must be a political actor (issue 16: academics or farmers
    voicing a view are no political event)."""
    if _is_business(actor1) or _is_business(actor2):
        return is_political_business_event(actor1, actor2, code, subject)
    if code[:2] not in _ANYONE_ROOTS and not is_political_actor(actor1, subject) and \
            not is_political_actor(actor2, subject):
        return False  # "farmers are sceptical", "researchers warned": no political end
    if code in _TRADE_CODES and (actor1 is None or actor2 is None):
        return False  # "a US group bought the label", "Britain exported more cars": trade
    if subject is None:
        return True
    if code in _TRADE_CODES and not (_is_governmental(actor1) or _is_governmental(actor2)):
        return False  # "China bought more soybeans from the US": trade, not a state's act
    return is_political_pair(actor1, actor2, subject)


def _is_governmental(mention: ActorMention | None) -> bool:
    """A government, official or organisation under its own code, not a bare state."""
    return mention is not None and (mention.role in POLITICAL_ROLES or
                                    mention.known_group is not None)


def state_owned(mention: ActorMention | None, text: str) -> ActorMention | None:
    """A firm the text calls state-owned ("the state-run oil company BOTAS") acts for its
    state (bench/events/ANNOTATION.md): the same mention without its business role, so the
    rules above treat it as its state. Other mentions are returned as they are."""
    if mention is None or mention.role != "BUS" or mention.country is None:
        return mention
    before = text[max(0, mention.start - _STATE_OWNED_REACH):mention.start].lower()
    if not any(marker in before for marker in _STATE_OWNED_MARKERS):
        return mention
    return ActorMention(mention.code, mention.name, mention.country, mention.known_group, None,
                        mention.start, mention.end, mention.in_raw_text)
