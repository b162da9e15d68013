"""Who speaks in a sentence: the actor next to a speech verb, first-person pronouns in
quotes resolved to that speaker, and the group a sentence says claimed an attack.
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
