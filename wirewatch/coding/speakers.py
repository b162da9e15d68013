"""Who speaks in a sentence: the actor next to a speech verb, first-person pronouns in
quotes resolved to that speaker, and the group a sentence says claimed an attack; and
sentences whose speaker is no party to the news: analysts' and critics' views, and what a book
or documentary says.
"""

from __future__ import annotations

from wirewatch.coding.actors import (
    ActorMention,
    MatchedActor,
    Tokens,
)
from wirewatch.coding.lexicon import (
    SPEECH_VERBS,
    word_before,
    word_list,
)

_FIRST_PERSON = frozenset({"we", "I", "i"})  # keys of first-person pronouns in quotes


def attack_claimant(tokens: Tokens, actors: list[MatchedActor]) -> MatchedActor | None:
    """The group a sentence says claimed the violence: "in an attack claimed by Islamic
    State", "al-Shabaab claimed responsibility"."""
    keys = tokens.keys
    for actor in actors:
        if actor.mention.known_group is None or actor.is_place:
            continue
        before = word_before(keys, 0, actor.tok_start)
        j = actor.tok_start - (2 if before == keys[actor.tok_start - 1] else 3)
        if before == "by" and j >= 0 and keys[j] == "claimed":
            return actor
        after = keys[actor.tok_end:actor.tok_end + 4]
        if "claimed" in after and "responsibility" in keys[actor.tok_end:actor.tok_end + 6]:
            return actor
    return None


def nearby_speaker(speakers: list[MatchedActor | None], paragraph_ids: list[int],
                   index: int) -> MatchedActor | None:
    """The speaker of this sentence, else of the next two (a quote closing later) or the
    previous one, within the same paragraph."""
    for other in (index, index + 1, index + 2, index - 1):
        if 0 <= other < len(speakers) and paragraph_ids[other] == paragraph_ids[index] \
                and speakers[other] is not None:
            return speakers[other]
    return None


def resolve_first_person(tokens: Tokens, actors: list[MatchedActor],
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


def sentence_speaker(tokens: Tokens, actors: list[MatchedActor]) -> MatchedActor | None:
    """The actor next to a speech verb ("Aksoy said", "said Davis", "X told reporters")."""
    if SPEECH_VERBS.isdisjoint(tokens.keys):
        return None
    for i, key in enumerate(tokens.keys):
        if key not in SPEECH_VERBS:
            continue
        for actor in actors:
            if actor.is_place or actor.adjectival:
                continue
            if 0 <= i - actor.tok_end <= 2 or 0 <= actor.tok_start - i - 1 <= 1:
                return actor
    return None


# People whose words are views, forecasts or readings of the news, not acts of a party to it.
_COMMENTATORS = word_list(
    """analyst analysts economist economists strategist strategists observer observers
    commentator commentators pundit pundits forecaster forecasters pollster pollsters expert
    experts critics columnist columnists""")
# Verbs by which a commentator gives a view ("analysts said", "economists expect").
_VIEW_VERBS = SPEECH_VERBS | word_list(
    """believe believes believed think thinks thought expect expects expected predict predicts
    predicted warn warns warned argue argues argued suggest suggests suggested reckon reckons
    fear fears feared see sees say""")
# Works whose content is the author's account, not the news ("the book claims ...").
_PUBLICATIONS = word_list(
    """book books memoir memoirs autobiography biography diaries diary novel documentary""")
_ACCOUNT_VERBS = word_list(
    """says said claims claimed alleges alleged suggests suggested reveals revealed describes
    described argues argued recounts recounted writes wrote asserts asserted portrays
    portrayed accuses accused""")


def is_commentary(tokens: Tokens) -> bool:
    """A sentence that gives analysts', economists' or critics' view ("Analysts said China
    would cut rates", "according to economists", "critics say ..."): a view, not an act. An
    organisation's experts ("U.N. experts said", "the IAEA's analysts") report for it."""
    keys, texts = tokens.keys, tokens.texts
    if _COMMENTATORS.isdisjoint(keys):
        return False
    for i, key in enumerate(keys):
        if key not in _COMMENTATORS:
            continue
        owner = i - 2 if i > 1 and keys[i - 1] in ("'s", "’s") else i - 1
        if owner >= 0 and texts[owner][:1].isupper():
            continue  # "U.N. experts", "CIA analysts": an organisation's own staff report
        after = keys[i + 1:i + 4]
        before = keys[max(0, i - 3):i]
        if not _VIEW_VERBS.isdisjoint(after) or "said" in before or "say" in before or \
                ("according" in keys[max(0, i - 4):i] and "to" in before):
            return True
    return False


def is_publication_account(keys: list[str]) -> bool:
    """A sentence that reports what a book, memoir or documentary says ("In his memoir, the
    former minister claims the army shelled the town"): the author's account of a third
    party, not an act the news asserts."""
    if _PUBLICATIONS.isdisjoint(keys):
        return False
    for i, key in enumerate(keys):
        if key not in _PUBLICATIONS:
            continue
        if i >= 2 and keys[i - 2] == "in" and keys[i - 1] in (
                "his", "her", "their", "the", "a", "its", "new"):
            return True  # "in his book, ..."
        if not _ACCOUNT_VERBS.isdisjoint(keys[i + 1:i + 8]):
            return True  # "the book, published on Monday, claims ..."
    return False
