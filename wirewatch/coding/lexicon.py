"""Word lists and token look-around helpers shared by the modules of the event coder.

A list used by one module only lives in that module; the ones here are used by several
(adverbs, negators, prepositions, auxiliaries, months ...).
"""

from __future__ import annotations


def word_list(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
ADVERBS = word_list(
    """also reportedly already recently previously now still just then again later allegedly
    formally officially finally jointly quickly swiftly repeatedly publicly strongly sharply
    further once effectively apparently""")
NEGATORS = frozenset({"not", "n't", "n’t", "never", "neither", "nor", "without", "cannot",
                       "no"})
# Prepositions that make an actor group a complement, not a subject.
PREPOSITIONS = word_list(
    """of to with from for against on by over about between among toward towards than like
    into onto upon via under despite including regarding in at near outside inside across
    around within throughout""")
DETERMINERS = word_list(
    "the a an its their his her our your my this these those any every each no"
)
QUANTIFIERS = word_list(
    "number some many several most all one two three dozens hundreds thousands group members"
)
AUXILIARIES = word_list(
    """will would has have had is are was were be been being 's 're am do does did can shall
    also often reportedly already now still""")
SPEECH_VERBS = word_list(
    """said says say told tells added adds noted notes stated states underlined stressed
    insisted insists wrote tweeted explained declared declares announced replied replies""")
# Verbs that report a statement: coded 010 by a political speaker when the sentence gives no
# other event (the content, when it is an act, is coded instead: ANNOTATION.md, reported speech).
STATEMENT_VERBS = word_list(
    """said says stated declared declares insisted insists stressed stresses argued argues
    added adds announced announces told tells reiterated reiterates maintained maintains
    asserted asserts affirmed affirms replied replies saying adding""")
# Roles of a speaker whose statement is no political act: firms, media, schools, hospitals,
# ordinary people, criminals.
NON_POLITICAL_ROLES = frozenset({"BUS", "MED", "EDU", "HLH", "CVL", "CRM", "AGR", "DEV", "ENV",
                                 "ELI"})
# Before an -ing form these start an adverbial clause whose subject is the main subject.
ADVERBIAL_CLAUSE_WORDS = frozenset({"after", "before", "while", "when", "since", "upon", "by"})
FUTURE_AUXILIARIES = frozenset({"will", "would", "'ll", "’ll", "shall", "wo"})
HYPOTHETICAL_MODALS = frozenset(
    {"could", "might", "may", "should", "must", "ought", "probably", "possibly", "perhaps",
     "maybe"}
)
TIME_WORDS = word_list(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday overnight
    week month year earlier later"""
)
MONTHS = word_list(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""")


def skip_back(keys: list[str], lo: int, i: int, skip: frozenset[str]) -> int:
    """Index of the first token before i (going left) that is not in `skip`; lo-1 if none."""
    j = i - 1
    while j >= lo and (keys[j] in skip or (skip is not NEGATORS and is_adverb(keys[j]))):
        j -= 1
    return j


def is_adverb(key: str) -> bool:
    """Listed adverbs and -ly words ("normally", "reportedly")."""
    return key in ADVERBS or (key.endswith("ly") and len(key) > 4)


def word_before(keys: list[str], lo: int, start: int) -> str:
    """The word before a token, looking past an article ("by the United States" -> by)."""
    j = start - 1
    if j >= lo and keys[j] in ("the", "a", "an"):
        j -= 1
    return keys[j] if j >= lo else ""
