"""The form a matched verb takes in its sentence: used as a noun or a name, a bare gerund or
participle, an infinitive (of purpose, or completing a noun), or a passive; and who speaks
through a statement verb ("Labour said", "said the ministry").
"""

from __future__ import annotations

from wirewatch.coding.actors import MatchedActor, Tokens
from wirewatch.coding.lexicon import (
    ADVERBIAL_CLAUSE_WORDS,
    ADVERBS,
    AUXILIARIES,
    BE_FORMS,
    DETERMINERS,
    FUTURE_AUXILIARIES,
    HYPOTHETICAL_MODALS,
    NEGATORS,
    NON_POLITICAL_ROLES,
    PREPOSITIONS,
    QUANTIFIERS,
    TIME_WORDS,
    is_adverb,
    skip_back,
    word_before,
    word_list,
)
from wirewatch.coding.patterns import (
    IRREGULAR_PAST,
    PatternHit,
)

# Before a noun phrase these make it the topic of another verb ("concern about the strikes").
_TOPIC_PREPOSITIONS = word_list("about over against of for regarding despite")
_CLAUSE_WORDS = word_list("and or but that who which it he she they we i you also then")
# "its decision to buy", "a deal to supply": an infinitive that completes a noun reports no event.
_COMPLEMENT_NOUNS = word_list(
    """decision decisions plan plans deal deals agreement agreements contract bid attempt attempts
    intent intention intentions move effort efforts motivation offer proposal request call calls
    pressure right option options way ability capacity chance opportunity need member members
    country first last commitment readiness willingness order permission approval threat
    threats pledge promise refusal failure push campaign mission step steps situation time
    reason reasons desire wish goal aim objective objectives strategy policy bargaining chip
    chips talks negotiations consignment process""")
# Unions the coder tests per verb, built once (a frozenset union per call costs about 1 µs).
_ADVERBS_OR_NEGATORS = ADVERBS | NEGATORS
_BE_FORMS_ALL = BE_FORMS | {"'re", "’re", "am"}
_ASPECTUAL_VERBS = word_list(
    "began begin begins start started starts continued continue continues resumed kept keep"
)
# Participles that describe the subject's state of mind: "NATO is worried that ...", "Seoul was
# alarmed by ..." report the subject's reaction (it is the source), not a passive act.
_EMOTIVE_PARTICIPLES = word_list(
    """concerned worried alarmed troubled disturbed dismayed disappointed outraged angered
    frustrated appalled shocked incensed irked upset unhappy displeased""")


def is_noun_use(tokens: Tokens, hit: PatternHit, lo: int,
                actor_tokens: set[int]) -> bool:
    """A verb pattern whose verb is used as a noun, a proper name or a bare participle."""
    keys, texts = tokens.keys, tokens.texts
    i = hit.start
    j = i - 1
    while j >= lo and (j in actor_tokens or keys[j] in DETERMINERS):
        j -= 1
    if j < i - 1 and j >= lo and keys[j] in _TOPIC_PREPOSITIONS and \
            not (keys[i].endswith("ed") or keys[i] in IRREGULAR_PAST):
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
    if word.endswith("ing") and before in ADVERBIAL_CLAUSE_WORDS:
        return False  # "after meeting Putin", "by signing the deal": the subject acts
    if before in DETERMINERS or before in ("'s", "’s") or (
            before in ("'", "’") and (i - 2) in actor_tokens):
        return True  # "the retreat of", "Ankara's demands", "the Houthis' attacks"
    if before in PREPOSITIONS and before != "to":
        return True  # "for alleged involvement", "of supporting"
    past = word.endswith("ed") or word in IRREGULAR_PAST
    if not past and i - 2 >= lo and keys[i - 2] in DETERMINERS and \
            (i - 1) not in actor_tokens and texts[i - 1].replace("-", "").isalpha() and \
            keys[i - 1] not in AUXILIARIES and keys[i - 1] not in NEGATORS:
        return True  # "an April meeting", "a cross-border raid" (but "the two leaders met")
    after = keys[i + 1] if i + 1 < len(keys) else "."
    ends_phrase = after in PREPOSITIONS or not after.isalpha() or after in AUXILIARIES
    if not past and ends_phrase and i - 2 >= lo and keys[i - 2] in PREPOSITIONS and \
            keys[i - 2] != "to" and (i - 1) not in actor_tokens and texts[i - 1].isalpha() and \
            texts[i - 1].islower() and not word.endswith("ing") and \
            keys[i - 1] not in AUXILIARIES | NEGATORS | _CLAUSE_WORDS | ADVERBS:
        return True  # "after weeks of deadly protests": a noun after its adjective
    if not past and ends_phrase and after not in ("on", "against"):
        j = i - 1
        while j >= lo and (j in actor_tokens or texts[j][:1].isupper() or
                           texts[j].isdigit()):
            j -= 1
        if j < i - 1 and j >= lo and keys[j] in DETERMINERS | {"'s", "’s"}:
            return True  # "the Hamas attacks", "the October 7 attack", "Russia's Wagner
            # mutiny": a determiner, then names, then the act is a noun phrase
    if i + 1 < len(keys) and keys[i + 1] == "of" and not hit.pattern.of_follows:
        return True  # "purchase of the S-400"
    if not (past or word.endswith(("s", "ing"))) and i > lo and (i - 1) not in actor_tokens \
            and texts[i - 1].isalpha() and texts[i - 1].islower() \
            and keys[i - 1] not in AUXILIARIES | NEGATORS | _CLAUSE_WORDS \
            and keys[i - 1] not in HYPOTHETICAL_MODALS | FUTURE_AUXILIARIES \
            and keys[i - 1] not in ("to", "or") and not is_adverb(keys[i - 1]):
        return True  # "light attack aircraft", "the concert hall attack": a noun
    following = keys[i + 1] if i + 1 < len(keys) else "."
    if past and i > lo and (keys[i - 1].isdigit() or keys[i - 1] in DETERMINERS or
                            keys[i - 1] in QUANTIFIERS or keys[i - 1].endswith("ed")) and \
            following.isalpha() and texts[i + 1].islower() and \
            following not in PREPOSITIONS | DETERMINERS | AUXILIARIES | _CLAUSE_WORDS:
        return True  # "rescued 20 kidnapped students", "tortured detained protesters"
    if text.endswith("s") and i > lo and (i - 1) not in actor_tokens and \
            texts[i - 1].isalpha() and texts[i - 1].islower() and \
            keys[i - 1] not in AUXILIARIES | NEGATORS | _CLAUSE_WORDS and \
            not is_adverb(keys[i - 1]) and \
            (following in PREPOSITIONS or not following.isalpha()):
        return True  # "natural gas exports to Europe": a plural noun after a noun
    return is_bare_gerund(keys, lo, i)


def is_bare_gerund(keys: list[str], lo: int, i: int) -> bool:
    """An -ing form without a be-auxiliary: a gerund or participle, not a finite verb."""
    if not keys[i].endswith("ing"):
        return False
    j = skip_back(keys, lo, i, _ADVERBS_OR_NEGATORS)
    if j >= lo and (keys[j] in (",", "and") or keys[j] in ADVERBIAL_CLAUSE_WORDS
                    or keys[j] in TIME_WORDS or keys[j] in _ASPECTUAL_VERBS):
        # ", pledging more aid", "after meeting Putin", "on Monday accusing",
        # "began shelling": the main subject acts.
        return False
    return not (j >= lo and keys[j] in _BE_FORMS_ALL)


def is_complement_infinitive(keys: list[str], lo: int, anchor: int) -> bool:
    """'its decision to buy': the infinitive completes a noun."""
    j = skip_back(keys, lo, anchor, ADVERBS)
    if j < lo or keys[j] != "to":
        return False
    return j - 1 >= lo and keys[j - 1] in _COMPLEMENT_NOUNS


def is_passive(tokens: Tokens, lo: int, verb_start: int, verb_end: int) -> bool:
    keys = tokens.keys
    i = skip_back(keys, lo, verb_start, ADVERBS)
    verb = keys[verb_start]
    if verb in _EMOTIVE_PARTICIPLES:
        return False  # "is concerned that", "was alarmed by": the subject reacts
    if verb_end == verb_start + 1 and verb_end < len(keys) and keys[verb_end] == "by" and \
            verb.endswith("ed"):
        return True  # reduced relative: "a truce brokered by Qatar"
    return i >= lo and keys[i] in BE_FORMS and (verb.endswith(("ed", "en", "wn", "ld",
                                                                  "ght", "nt")) or verb in (
        "hit", "put", "set", "cut", "met", "held", "made", "shot", "struck", "led", "sold",
        "bought", "sent", "seized"))


def is_participle_clause(keys: list[str], lo: int, start: int) -> bool:
    j = skip_back(keys, lo, start, ADVERBS)
    return keys[start].endswith("ing") and j >= lo and keys[j] == ","


def is_infinitive(keys: list[str], lo: int, start: int) -> bool:
    j = skip_back(keys, lo, start, ADVERBS)
    return j >= lo and keys[j] == "to"


def statement_speaker(tokens: Tokens, actors: list[MatchedActor], lo: int, hi: int,
                      verb: int) -> MatchedActor | None:
    """Who makes the statement a speech verb reports, when it is a political actor: the actor
    just before the verb ("Labour said", "a Labour spokesman has said", "Mr X, Labour's
    spokesman, said") or just after it ("said the foreign ministry")."""
    keys = tokens.keys
    if verb + 1 < hi and keys[verb + 1] in _CLAUSE_CONTINUATIONS:
        return None  # "the cattle that Nairobi says were stolen": a parenthetical report
    j = skip_back(keys, lo, verb, _STATEMENT_SKIPPABLE)
    if j >= lo and keys[j] == ",":
        # An apposition or a parenthesis closes before the verb: its actor speaks.
        k = j - 1
        while k >= lo and j - k <= _APPOSITION_SPAN and keys[k] not in _APPOSITION_STOPS:
            k -= 1
        # "Mr X, the Labour spokesman, said" (inside) or "Chile's minister, speaking in
        # Lima, said" (before the opening comma).
        opener = skip_back(keys, lo, k, _STATEMENT_SKIPPABLE) if k >= lo else k
        before = [a for a in actors if (k < a.tok_start and a.tok_end <= j) or
                  (opener < a.tok_end <= k and a.tok_start <= opener)]
        before.sort(key=lambda a: (a.tok_start > k, a.tok_start))
    else:
        # The actor may hold the role noun skipped ("NATO leaders said").
        before = [a for a in actors if j < a.tok_end <= verb and a.tok_start <= j]
    for actor in reversed(before):
        if actor.tok_start > lo and keys[actor.tok_start - 1] in _RELATIVE_WORDS:
            return None  # "the deal which Ankara says ...": inside another clause
        if word_before(keys, lo, actor.tok_start) in PREPOSITIONS:
            continue  # "a firm, which runs stores in the US, said": a complement, no speaker
        if is_political_speaker(actor):
            return actor
    if verb == lo or keys[verb - 1] not in _INVERSION_OPENERS:
        return None  # "said X" names the speaker only after a quote or a comma
    k = verb + 1
    while k < hi and keys[k] in _SPEAKER_LEAD_WORDS:
        k += 1
    after = next((a for a in actors if a.tok_start == k), None)
    if after is not None and is_political_speaker(after):
        return after
    return None


def is_political_speaker(actor: MatchedActor) -> bool:
    """A state, government, official, party, organisation or armed group (not a firm, a
    newspaper, a school or ordinary people)."""
    mention = actor.mention
    return not actor.is_place and not actor.adjectival and \
        (mention.country is not None or mention.known_group is not None or
         (actor.is_person and mention.role in _POLITICAL_ROLES)) and \
        mention.role not in NON_POLITICAL_ROLES


# Roles that make a named person a political speaker when the text gives no country for them
# ("Schools Minister X said" in a story whose state is not found).
_POLITICAL_ROLES = frozenset({"GOV", "OPP", "LEG", "PTY", "JUD"})


# Between a speaker and its verb: auxiliaries, adverbs, role nouns the actor matcher leaves out.
_STATEMENT_SKIPPABLE = ADVERBS | word_list(
    """has have had also again earlier later then spokesman spokeswoman spokesperson
    spokesmen official officials source sources minister ministers leader leaders
    representative representatives aide aides office""")
_SPEAKER_LEAD_WORDS = word_list("the a an")
_CLAUSE_CONTINUATIONS = BE_FORMS | word_list("has have had will would")
_RELATIVE_WORDS = word_list("that which what whom")
_INVERSION_OPENERS = frozenset({",", "\"", "”", "'", "’"})
# An apposition before the verb opens after one of these, at most this many tokens back.
_APPOSITION_STOPS = frozenset({",", "(", "-", "–", "—", "\"", "“", "”"})
_APPOSITION_SPAN = 12
