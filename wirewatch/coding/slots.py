"""Actor slots of a verb: coordinated actor groups, the subject (relative pronoun antecedent,
"for X to", a fronted phrase's subject, the matrix subject, or the nearest group before the
verb), the object, and the subject of a "that" clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.coding.actors import (
    ActorMention,
    MatchedActor,
    Tokens,
    primary_code,
)
from wirewatch.coding.lexicon import (
    ADVERBIAL_CLAUSE_WORDS,
    ADVERBS,
    AUXILIARIES,
    NEGATORS,
    PREPOSITIONS,
    QUANTIFIERS,
    SPEECH_VERBS,
    skip_back,
    word_before,
    word_list,
)
from wirewatch.coding.patterns import PatternHit

_COORDINATORS = frozenset({"and", ",", "or", "&"})
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their"})
# Between a verb and its object these end the search: a new clause or a quotation starts.
_OBJECT_STOPS = word_list(
    """, ; : " “ ” ( ) that which who whom whose after before when while because since as if
    although though whereas unless until where""")
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# After a demonym these name the state's forces: "Russian drones struck Kyiv" -> RUS acts.
_FORCE_NOUNS = word_list(
    """drones drone missiles missile rockets rocket artillery tanks bombers jets warplanes
    warships forces troops soldiers navy aircraft helicopters airstrike airstrikes strike
    strikes weapons"""
)
_AUXILIARIES_ADVERBS_OR_NEGATORS = AUXILIARIES | ADVERBS | NEGATORS


@dataclass(slots=True)
class Group:
    """Coordinated actors ("France and Italy") as one slot filler."""

    actors: list[MatchedActor]
    tok_start: int
    tok_end: int


def actor_groups(tokens: Tokens, actors: list[MatchedActor], lo: int, hi: int) -> list[Group]:
    """Coordinated actor groups inside [lo, hi): 'France, Germany and Italy'."""
    groups: list[Group] = []
    keys = tokens.keys
    for actor in actors:
        if actor.tok_start < lo or actor.tok_end > hi or actor.is_place:
            continue
        if groups:
            last = groups[-1]
            between = keys[last.tok_end:actor.tok_start]
            if not between or (len(between) == 2 and between[0] == "," and
                               between[1] in _POSSESSIVE_DETERMINERS):
                # Apposition ("the country Ankara", "Foreign Minister Sergei Lavrov", "Putin,
                # his Russian counterpart"): one participant; a role-only mention gives way to
                # one with a country.
                previous = last.actors[-1]
                if not has_state_or_group(previous) and has_state_or_group(actor):
                    last.actors[-1] = actor
                elif _primary(actor.mention) != _primary(previous.mention) and \
                        has_state_or_group(actor):
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
        groups.append(Group([actor], actor.tok_start, actor.tok_end))
    return groups


def that_clause_subject(keys: list[str], groups: list[Group], hit: PatternHit, hi: int,
                        subject: Group | None) -> Group | None:
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


def fronted_subject(keys: list[str], groups: list[Group], lo: int, hi: int,
                    anchor: int) -> Group | None:
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


def coordinated_verb(keys: list[str], lo: int, anchor: int, groups: list[Group]) -> bool:
    """'... and supply jets': a verb right after 'and'/'or' with no actor of its own
    between the conjunction and the verb."""
    j = skip_back(keys, lo, anchor, ADVERBS | AUXILIARIES)
    if j < lo or keys[j] not in ("and", "or"):
        return False
    return not any(g.tok_end == j for g in groups) and not any(
        j < g.tok_start < anchor for g in groups)


def subject_for(tokens: Tokens, groups: list[Group], lo: int, anchor: int,
                earlier: list[tuple[int, Group | None]]) -> Group | None:
    """The acting group: relative pronoun antecedent, 'for X to', matrix subject, or nearest."""
    keys = tokens.keys
    j = skip_back(keys, lo, anchor, _AUXILIARIES_ADVERBS_OR_NEGATORS)
    if j >= lo and keys[j] in _RELATIVE_PRONOUNS:
        antecedent = next((g for g in groups if 0 <= j - g.tok_end <= 2), None)
        if antecedent is not None or keys[j] != "that" or (
            j - 1 >= lo and tokens.texts[j - 1].isalpha() and
            tokens.texts[j - 1].islower() and keys[j - 1] not in SPEECH_VERBS
        ):
            return antecedent  # "a missile that killed": the antecedent is no actor
    if j >= lo and (keys[j] in (",", "and") or keys[j] in ADVERBIAL_CLAUSE_WORDS) and \
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
    return _subject_group(tokens, groups, lo, anchor)


def _subject_group(tokens: Tokens, groups: list[Group], lo: int,
                   verb_start: int) -> Group | None:
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
        before = word_before(keys, lo, group.tok_start)
        if before == "of" and group.tok_start - 2 >= lo and \
                keys[group.tok_start - 2] in QUANTIFIERS:
            before = ""  # "a number of NATO member states have ..."
        if before == "including" and group.tok_end + 1 == verb_start and \
                keys[group.tok_end] == ",":
            return group  # "Several countries, including Germany, paused funding"
        if before in PREPOSITIONS:
            continue
        if all(a.adjectival for a in group.actors) and group.tok_end < verb_start and \
                keys[group.tok_end] not in _COORDINATORS and keys[group.tok_end] != "'s" \
                and keys[group.tok_end] not in _FORCE_NOUNS:
            continue  # "Russian systems": a modifier of a thing, not an agent
        return group
    return None


def object_group(keys: list[str], groups: list[Group], hit: PatternHit,
                 subject: Group | None, next_verb: int) -> Group | None:
    """First actor group after the verb (or inside its gaps) up to the next clause or verb."""
    candidates: list[Group] = []
    for group in groups:
        if group.tok_start <= hit.start or group is subject:
            continue
        if group.tok_start >= next_verb or group.tok_start - hit.end > 10:
            break
        between = keys[hit.end:group.tok_start] if group.tok_start > hit.end else []
        if not (_OBJECT_STOPS.isdisjoint(between) and SPEECH_VERBS.isdisjoint(between)):
            break
        if word_before(keys, 0, group.tok_start) == "by":
            continue
        if is_told_outlet(keys, hit.start, hit.end, group.actors, group.tok_start):
            continue
        if subject is not None and all(
            any(same_actor(a.mention, s.mention) for s in subject.actors)
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


# The verb forms and phrases that make the media named next the outlet a statement was given
# to ("told the BBC", "in an interview with Reuters"), not the event's target.
_TELL_WORDS = word_list("tell tells told telling")


def is_told_outlet(keys: list[str], verb_start: int, verb_end: int,
                   actors: list[MatchedActor], tok_start: int) -> bool:
    """Whether media at tok_start follow "told" (from verb_start on) or "an interview with":
    the audience of a statement, not its target ("told Reuters the plan was wrong")."""
    if not all(a.mention.role == "MED" for a in actors):
        return False
    j = tok_start - 1
    if j >= 0 and keys[j] == "the":
        j -= 1
    if j >= 0 and keys[j] in _TELL_WORDS and verb_start <= j:
        return True
    return j >= 1 and keys[j] in ("with", "to") and keys[j - 1] in ("interview", "interviews")


# Words that open a sentence-initial adverbial phrase whose act belongs to the main subject.
_FRONTING_WORDS = word_list("after following during in at before upon on while")


def has_state_or_group(actor: MatchedActor | None) -> bool:
    return actor is not None and (actor.mention.country is not None
                                  or actor.mention.known_group is not None)


def same_actor(a: ActorMention, b: ActorMention) -> bool:
    """Same participant: same primary code, unless both carry different roles
    ("Syrian troops shelled Syrian rebels" is SYRMIL -> SYRREB, a domestic event) or belong
    to different known groups (two parties of one state)."""
    if _primary(a) != _primary(b):
        return False
    if a.known_group and b.known_group and a.known_group != b.known_group:
        return False  # two parties or groups of one state: "the Tories attacked Labour"
    return not (a.role and b.role and a.role != b.role)


def _primary(mention: ActorMention) -> str:
    """Primary code for dyads (formats.md A; UN agencies UNO, other groups their state)."""
    return primary_code(mention)
