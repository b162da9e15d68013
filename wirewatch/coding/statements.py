"""What a statement says, for the statement fallback of the event coder (issue 16): where its
content lies in the sentence (after "X said:", or before '"...," said X' and '..., X said'),
which actor it is about, and the code its content gives: an accusation (112), a demand (100)
or an appeal (020) made of a named actor, a denial (016). Criticism and praise words are
``events._statement_tone``.
"""

from __future__ import annotations

from wirewatch.coding.actors import ActorMention, MatchedActor, Tokens
from wirewatch.coding.lexicon import NEGATORS, word_list
from wirewatch.coding.slots import has_state_or_group, same_actor

_QUOTE_MARKS = frozenset({'"', "“", "”"})
_PLACE_PREPOSITIONS = word_list("in from near at into across inside outside within")
# How many words (articles, roles) may open a frame before its speaker.
_FRAME_ROLE_WORDS = 3
# Closing marks between a fronted quote or clause and its reporting frame.
_FRAME_OPENERS = frozenset({",", '"', "”", "'", "’", "-", "–", "—"})
# Words that make a statement about another actor an accusation: "said Labour had been
# caught out deceiving voters" is criticism (111), "blamed", "guilty of" charge a wrong.
_ACCUSATION_WORDS = word_list(
    """guilty culpable complicit responsible blame blamed blaming accuse accused accusing
    accusation allegation allegations cover-up"""
)
# Words of criticism the shared tone list (events._statement_tone) lacks, heard in party
# politics: "they are wrong", "a fraudulent prospectus", "a stunt".
_CRITICISM_WORDS = word_list(
    """wrong fraudulent sham stunt gimmick gimmicks shambolic complacent complacency
    discredited desperate desperation panic incompetently dishonestly betray betrays
    betraying broken mess muddle spin hypocrites scurrilous"""
)
_LACK_WORDS = word_list("lack lacks lacked lacking")
# Modals by which the speaker tells another actor what it must or should do: a demand (100)
# or an appeal (020) made to that actor ("said the government must scrap the plan").
_DEMAND_MODALS = word_list("must")
_APPEAL_MODALS = word_list("should ought")
# "needs to", "has to": the same as "must" after a named actor.
_NEED_VERBS = word_list("needs need has have")
# Words of a denial of what the speaker or its side is said to have done or said.
_DENIAL_WORDS = word_list("baseless unfounded groundless fabricated false")
_CLAIM_NOUNS = word_list(
    """claim claims allegation allegations accusation accusations report reports story stories
    suggestion suggestions charge charges smear smears"""
)
_DENIAL_PHRASES = (
    ("no", "truth"),
    ("not", "true"),
    ("never", "said"),
    ("is", "untrue"),
    ("was", "untrue"),
    ("are", "untrue"),
    ("not", "one", "iota"),
)


# Roles that make an actor the text names with no country a party a statement can be about
# ("the prime minister has broken his word" where the story's state is not found).
_POLITICAL_TARGET_ROLES = frozenset({"GOV", "OPP", "LEG", "PTY", "JUD"})


def is_other_side(actor: ActorMention, speaker: ActorMention) -> bool:
    """Whether a statement by `speaker` can be about `actor`: another participant, and a party
    is never its opponent's own side ("the Home Secretary said the Tories were wrong" is
    about the Tories even when the story's date gives no party its role)."""
    if (
        actor.role
        and actor.role == speaker.role
        and actor.country == speaker.country
        and None in (actor.known_group, speaker.known_group)
    ):
        return False  # "the shadow education secretary said the Tories ...": one opposition
    if actor.known_group != speaker.known_group and (actor.known_group or speaker.known_group):
        return True
    return not same_actor(actor, speaker)


def statement_target(
    keys: list[str], actors: list[MatchedActor], lo: int, hi: int, speaker: ActorMention
) -> MatchedActor | None:
    """The first actor in tokens [lo, hi) a statement by `speaker` can be about: a state,
    party, organisation or official, not a place, and not the speaker's own side."""
    for actor in actors:
        if not (lo <= actor.tok_start and actor.tok_end <= hi) or actor.is_place:
            continue
        mention = actor.mention
        if not has_state_or_group(actor) and mention.role not in _POLITICAL_TARGET_ROLES:
            continue
        if mention.role == "MED" or (mention.role == "PTY" and mention.known_group is None):
            continue  # the outlet told, or "the party" (most often the speaker's own)
        if actor.tok_start > lo and keys[actor.tok_start - 1] in _PLACE_PREPOSITIONS:
            continue  # "the shipment crossed from Egypt": a place, not whom it is about
        if is_other_side(mention, speaker):
            return actor
    return None


# How many words of a role ("foreign affairs spokesman") may stand between a party and the
# person speaking for it.
_PARTY_ROLE_GAP = 3


def speaking_for_party(
    tokens: Tokens, actors: list[MatchedActor], speaker: MatchedActor
) -> MatchedActor:
    """A person known only by role, named right after a party ("Lib Dem foreign affairs
    spokesman Jane Roe"), speaks for that party: the speaker takes the party's codes."""
    mention = speaker.mention
    if mention.country is not None or mention.known_group is not None:
        return speaker
    for party in actors:
        gap = speaker.tok_start - party.tok_end
        if party.mention.known_group is None or not 0 <= gap <= _PARTY_ROLE_GAP:
            continue
        if all(
            tokens.texts[k].isalpha() and tokens.texts[k].islower()
            for k in range(party.tok_end, speaker.tok_start)
        ):
            p = party.mention
            merged = ActorMention(
                p.code,
                mention.name,
                p.country,
                p.known_group,
                p.role,
                mention.start,
                mention.end,
                mention.in_raw_text,
            )
            return MatchedActor(
                merged, speaker.tok_start, speaker.tok_end, is_person=speaker.is_person
            )
    return speaker


def content_span(
    keys: list[str], lo: int, hi: int, verb: int, verb_end: int, speaker: MatchedActor
) -> tuple[int, int]:
    """Tokens [start, end) of what a statement says: before the frame when the frame follows
    the quote or clause ('"...," said X', '"...," X added', '..., X said'), else after the
    verb ("X said: ...", "X said the plan was wrong")."""
    frame_start = min(verb, speaker.tok_start)
    # Articles and role words before the speaker belong to the frame ('," state prosecutor X
    # said', '," the Russian president said').
    k = frame_start
    while k > lo and frame_start - k < _FRAME_ROLE_WORDS and keys[k - 1].isalpha():
        k -= 1
    if k > lo and keys[k - 1] in _FRAME_OPENERS:
        frame_start = k
    frame_end = max(verb_end, speaker.tok_end)
    words_after = sum(1 for key in keys[frame_end:hi] if key[:1].isalnum())
    # "On Monday, Mr X told reporters: ..." has its content after the frame, not before.
    if (
        frame_start > lo + 1
        and keys[frame_start - 1] in _FRAME_OPENERS
        and words_after < frame_start - lo - 1
    ):
        end = frame_start - 1
        while end > lo and keys[end - 1] in _FRAME_OPENERS:
            end -= 1
        return lo, end
    return verb_end, hi


# Codes a statement's content gives that hold even when the content's own verb is not asserted
# ("said the government must scrap the plan": the scrapping is not coded, the demand is).
OVER_CONTENT_CODES = frozenset({"100", "020"})


def content_code(keys: list[str], lo: int, hi: int, target: MatchedActor | None) -> str | None:
    """The code the content of a statement gives by itself, or None for a plain statement:
    a denial (016) with or without a target; with a target named in it, an accusation (112),
    or a demand (100) or appeal (020) when the target is the subject of "must" or "should"."""
    words = [key for key in keys[lo:hi] if key not in _QUOTE_MARKS]  # 'not "one iota"'
    for n in range(3, 1, -1):
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in _DENIAL_PHRASES:
                return "016"
    if any(
        keys[i] in _DENIAL_WORDS and not _CLAIM_NOUNS.isdisjoint(keys[i + 1 : i + 3])
        for i in range(lo, hi)
    ):
        return "016"  # "baseless claims", not "unfounded applications"
    if target is None:
        return None
    if not _LACK_WORDS.isdisjoint(keys[lo:hi]):
        return "111"  # "the Lib Dems lack the courage to ...": no praise
    for i in range(lo, hi):
        if keys[i] in _ACCUSATION_WORDS and NEGATORS.isdisjoint(keys[max(lo, i - 3) : i]):
            return "112"
    before = target.tok_start - 1
    if (
        before > lo
        and keys[before] == "for"
        and "time" in keys[max(lo, before - 3) : before]
        and target.tok_end < hi
        and keys[target.tok_end] == "to"
    ):
        return "020"  # "it is time for the government to come clean"
    # The modal must follow the target closely: "Labour must", "the government should now".
    for i in range(target.tok_end, min(hi, target.tok_end + 3)):
        key = keys[i]
        if key in _DEMAND_MODALS or (key in _NEED_VERBS and i + 1 < hi and keys[i + 1] == "to"):
            return "100"
        if key in _APPEAL_MODALS:
            return "020"
    for i in range(lo, hi):
        if keys[i] in _CRITICISM_WORDS and NEGATORS.isdisjoint(keys[max(lo, i - 3) : i]):
            return "111"
    return None


# How many sentences back a quotation with no frame of its own may find its speaker.
_CONTINUATION_SPAN = 3


def quote_continuations(
    sentence_keys: list[list[str]],
    speech_verbs: frozenset[str],
    speakers: list[MatchedActor | None],
) -> list[int | None]:
    """For each sentence, the earlier sentence whose speaker says it, when it is a quotation
    with no reporting frame of its own that goes on from that speaker's words ('Mr X said:
    "..."' then a paragraph that is only a quote): None elsewhere. Each sentence between the
    two is such a quotation too (at most three sentences on)."""
    found: list[int | None] = [None] * len(sentence_keys)
    open_quote = False
    for index, keys in enumerate(sentence_keys):
        starts_quote = bool(keys) and keys[0] in _QUOTE_MARKS
        quoted = open_quote or starts_quote
        # Straight quotes toggle; a paragraph reopening a quote never closed stays in it.
        marks = sum(1 for key in keys if key in _QUOTE_MARKS)
        open_quote = (open_quote and not starts_quote) != (marks % 2 == 1)
        if not quoted or speakers[index] is not None or not speech_verbs.isdisjoint(keys):
            continue
        back = index - 1
        if back >= 0 and speakers[back] is not None:
            found[index] = back
        elif (
            back >= 0
            and found[back] is not None
            and index - (found[back] or 0) <= _CONTINUATION_SPAN
        ):
            found[index] = found[back]
    return found
