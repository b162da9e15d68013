"""What the words before a verb do to it, and the code that results.

Negation, future and hypothetical modals, conditionals, and modifier verbs or adjectives
("refused to", "threatened to", "agreed to", "ready for") give a modality; ``modal_code`` maps
an act's code to the refusal (12x), threat (13x) or intent (03x) code it becomes, or to none.

Only asserted acts are coded (bench/events/ANNOTATION.md, "What is an event"). Besides
negation and hypothetical modals these modalities drop the act: ``generic`` (a habit or
standing position: "often criticises", "has always denied"), ``counterfactual`` ("would have
sanctioned"), ``forecast`` ("is expected to", "is likely to"), ``claimed`` (the content of an
allegation about someone else: "alleged that X had attacked", "allegedly attacked").
A scheduled act ("is to visit", "is due to visit", "is set to sign") is ``future``.
"""

from __future__ import annotations

from wirewatch.coding.actors import Tokens
from wirewatch.coding.lexicon import (
    ADVERBS,
    BE_FORMS,
    FUTURE_AUXILIARIES,
    HYPOTHETICAL_MODALS,
    MONTHS,
    NEGATORS,
    SPEECH_VERBS,
    TIME_WORDS,
    skip_back,
    word_list,
)
from wirewatch.coding.patterns import EventCodeInfo, inflections

# Words of a place or time adjunct between a modifier and its infinitive.
_ADJUNCT_WORDS = word_list("at in on during the a last this next earlier later")
_SUBORDINATORS = frozenset({"before", "after", "while", "when", "because", "although",
                           "though", "whereas"})
# Modalities that qualify a verb without being a verb of their own ("not", "will", "could").
ADVERBIAL_MODALITIES = frozenset({"negated", "negated_future", "hypothetical", "future",
                                  "generic", "counterfactual", "forecast", "claimed"})
# Modalities of acts the sentence does not assert: no event.
UNASSERTED_MODALITIES = frozenset({"negated", "hypothetical", "failure", "generic",
                                   "counterfactual", "forecast", "claimed"})
# "None of the states have endorsed", "nobody has criticised": a negated subject.
_NEGATIVE_PRONOUNS = word_list("nobody none nothing")
# Habits and standing positions, not acts of the news period ("often criticises").
_HABITUAL_ADVERBS = word_list(
    """often usually always regularly routinely frequently typically generally traditionally
    habitually sometimes rarely seldom customarily""")
# Before "to" + verb after a be-form: a schedule ("is due to visit") or a forecast.
_SCHEDULE_WORDS = word_list("due scheduled set slated poised going about")
_FORECAST_WORDS = word_list("expected likely unlikely predicted forecast projected tipped")
_FORECAST_BE = word_list("is are was were be been 's ’s 're seems seem appears appear")
# Verbs that report an allegation: what follows is the speaker's claim, not an asserted act.
_ALLEGATION_VERBS = word_list(
    """allege alleges alleged alleging claim claims claimed claiming contend contends
    contended""")
_ALLEGATION_ADVERBS = word_list("allegedly purportedly supposedly")
_CONDITIONALS = frozenset({"if", "unless", "whether"})
# Before "to" + verb, words that leave the act unasserted (issue 16, dev audit):
# hearsay after a be-form ("is said to back", "are thought to have agreed"): someone's report;
_HEARSAY_WORDS = word_list(
    """said reported thought believed understood rumoured rumored alleged reputed supposed""")
# an obligation or need ("has to work with", "need to act"): what ought to happen, not an act
# ("had to" only as the content of a statement: "said states had to work with the US");
_OBLIGATION_WORDS = word_list("has have need needs needed having")
# an adjective of ease or difficulty ("will be hard to beat", "impossible to stop").
_EASE_WORDS = word_list("hard difficult easy tough impossible possible harder easier")
# a noun of duty or capacity ("their duty to investigate", "the power to arrest"): what
# someone may or must do, not what they did.
_CAPACITY_NOUNS = word_list("duty duties obligation obligations power powers ability right")
# Modifier verbs: (inflected forms) -> modality. "refused to sign" -> reject family, etc.
_MODIFIER_STEMS = {
    "refusal": word_list("refuse decline reject"),
    "failure": word_list("fail"),
    "threat": word_list("threaten"),
    "intent": word_list(
        "plan intend pledge promise vow offer agree want seek hope aim prepare try attempt"
    ),
    # "expected to ship", "predicted Sony to sell": what someone foresees is no act
    "forecast": word_list("expect predict forecast"),
}
_MODIFIER_ADJECTIVES = {"ready": "intent", "willing": "intent", "prepared": "intent",
                        "determined": "intent", "unwilling": "refusal", "reluctant": "refusal"}
_MODIFIER_PHRASE_GAP = 4  # tokens allowed between a modifier and its verb ("to", adverbs)


def _modifier_kinds() -> dict[str, str]:
    """Modifier adjectives and every inflected form of a modifier verb -> its modality."""
    kinds: dict[str, str] = dict(_MODIFIER_ADJECTIVES)
    for kind, stems in _MODIFIER_STEMS.items():
        for stem in stems:
            for form in inflections(stem):
                kinds[form] = kind
    return kinds


_MODIFIER_KINDS = _modifier_kinds()
_MODIFIER_KINDS_SET = frozenset(_MODIFIER_KINDS.values())
# A future act someone only foresees: "Blair predicted the government will give aid".
_FORECAST_VERBS = word_list(
    """predict predicts predicted predicting forecast forecasts expect expects expected believe
    believes believed imagine imagines imagined think thinks thought reckon reckons reckoned""")


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


def verb_modality(tokens: Tokens, lo: int, verb_start: int) -> tuple[str | None, int | None]:
    """What the words just before the verb do to it, and the modifier's token index."""
    keys = tokens.keys
    window_start = max(lo, verb_start - 6)
    modality: str | None = None
    where: int | None = None
    for i in range(verb_start - 1, window_start - 1, -1):
        key = keys[i]
        if key in (",", ";", ":", "that") or key in SPEECH_VERBS or key in _SUBORDINATORS:
            break  # "did not inform Congress before approving the sale": not negated
        if key in _ALLEGATION_ADVERBS:
            return "claimed", i  # "a man who allegedly attacked": the charge, not an act
        if key in NEGATORS or key in _NEGATIVE_PRONOUNS or (
                key == "longer" and i > 0 and keys[i - 1] == "no"):
            if i > lo and keys[i - 1] in FUTURE_AUXILIARIES and (
                    i + 1 >= verb_start or keys[i + 1] != "have"):
                return "negated_future", i  # "will not turn back": a refusal
            return "negated", i
        if key in _HABITUAL_ADVERBS:
            return "generic", i  # "often criticises", "has always denied"
        if (key in FUTURE_AUXILIARIES or key in HYPOTHETICAL_MODALS) and \
                i + 1 < verb_start and keys[i + 1] == "have":
            return "counterfactual", i  # "would have sanctioned", "should have stopped"
        if key == "to" and modality is None and i > lo:
            scheduled = _scheduled_or_forecast(keys, lo, i)
            if scheduled is not None:
                return scheduled
            unasserted = _unasserted_infinitive(keys, lo, i)
            if unasserted is not None:
                return unasserted
        if key in FUTURE_AUXILIARIES and modality is None:
            modality, where = "future", i
            continue
        if key in HYPOTHETICAL_MODALS and modality is None:
            modality, where = "hypothetical", i
            continue
        if key in HYPOTHETICAL_MODALS and modality in _MODIFIER_KINDS_SET and \
                keys[i + 1] not in NEGATORS:
            return "hypothetical", i  # "may offer to sell", "could agree to meet"
        if key in _FORECAST_VERBS and modality == "future":
            return "forecast", i  # "predicted the government will give", "I imagine we will"
        kind = _MODIFIER_KINDS.get(key)
        if kind is not None and verb_start - i <= _MODIFIER_PHRASE_GAP and \
                modality in (None, "hypothetical", "future") and \
                i + 1 < verb_start and (keys[i + 1] in ("to", "on") or (
                    keys[i + 1] == "for" and key in _MODIFIER_ADJECTIVES)):
            modality, where = kind, i  # "refused to sign", "ready for talks"
    if modality is None:
        modality, where = _distant_modifier(tokens, lo, verb_start)
    if modality is None:
        later = _future_time_clause(keys, lo, verb_start)
        if later is not None:
            return "hypothetical", later
    if modality in (None, "future", "intent", "threat", "refusal"):
        for i in range(verb_start - 1, lo - 1, -1):
            if keys[i] in (",", ";", ":"):
                break  # "If X happens, Y warned ...": the main clause is asserted
            if keys[i] in _CONDITIONALS:
                return "hypothetical", i
    return modality, where


# "... could hold up the package when EU leaders meet": a present tense after these words,
# under a future or hypothetical main clause, is a time to come, not an act.
_TIME_CLAUSE_WORDS = word_list("when once until whenever")
_PAST_FORMS = word_list(
    """met held made took went came began sent struck fought led won sold bought left gave told
    said signed hit put set cut shot""")


def _future_time_clause(keys: list[str], lo: int, verb_start: int) -> int | None:
    """Index of the 'when' of a future time clause the verb stands in, or None."""
    verb = keys[verb_start]
    if verb.endswith("ed") or verb in _PAST_FORMS:
        return None
    for i in range(verb_start - 1, max(lo, verb_start - 8) - 1, -1):
        if keys[i] in (",", ";", ":"):
            return None
        if keys[i] in BE_FORMS and keys[i] in ("was", "were"):
            return None
        if keys[i] in _TIME_CLAUSE_WORDS:
            main = keys[max(lo, i - 12):i]
            if not FUTURE_AUXILIARIES.isdisjoint(main) or \
                    not HYPOTHETICAL_MODALS.isdisjoint(main):
                return i
            return None
    return None


def _scheduled_or_forecast(keys: list[str], lo: int,
                           to: int) -> tuple[str, int] | None:
    """'is to visit', 'is due to visit' (future); 'is expected to', 'is likely to' (forecast):
    `to` is the index of the infinitive's "to"."""
    j = to - 1
    while j >= lo and keys[j] in ADVERBS:  # listed adverbs only: "likely" is no adverb here
        j -= 1
    if j < lo:
        return None
    if keys[j] in BE_FORMS and keys[j] not in ("be", "being"):
        return "future", j  # "the minister is to visit"
    be = skip_back(keys, lo, j, ADVERBS)
    if be < lo or keys[be] not in _FORECAST_BE:
        return None
    if keys[j] in _FORECAST_WORDS:
        return "forecast", j
    if keys[j] in _SCHEDULE_WORDS:
        return "future", j
    return None


def _unasserted_infinitive(keys: list[str], lo: int, to: int) -> tuple[str, int] | None:
    """'is said to back' (claimed), 'has to work with', 'need to act', 'hard to beat', 'the
    duty to investigate' (hypothetical), 'has yet to decide' (negated): `to` is the index of
    the infinitive's "to"."""
    j = to - 1
    while j > lo and keys[j] in ADVERBS:
        j -= 1
    key = keys[j]
    if key in _HEARSAY_WORDS and j > lo and keys[j - 1] in BE_FORMS:
        return "claimed", j
    if key in _OBLIGATION_WORDS or key in _EASE_WORDS or key in _CAPACITY_NOUNS:
        return "hypothetical", j
    if key == "yet" and j > lo and keys[j - 1] in ("has", "have", "had", "is", "are", "was",
                                                   "were"):
        return "negated", j  # "had yet to consider the status": not done
    if key == "had" and not SPEECH_VERBS.isdisjoint(keys[lo:j]):
        return "hypothetical", j  # "said states had to work with the US": an opinion
    return None


def allegation_before(keys: list[str], lo: int, verb_start: int) -> int | None:
    """Index of an allegation verb this verb is the content of ("alleged that Belarus had
    attacked", "claimed the army shot"), or None. 'Claimed responsibility' is no allegation."""
    for i in range(verb_start - 1, max(lo, verb_start - 12) - 1, -1):
        key = keys[i]
        if key in (";", ":") or key in SPEECH_VERBS:
            return None
        if key in _ALLEGATION_VERBS and i + 1 < verb_start and \
                keys[i + 1] not in ("responsibility", "credit", "victory", "to"):
            return i
    return None


def _distant_modifier(tokens: Tokens, lo: int,
                      verb_start: int) -> tuple[str | None, int | None]:
    """'agreed at Camp David on Friday to share data': a modifier separated from its
    infinitive only by a place or time adjunct."""
    keys, texts = tokens.keys, tokens.texts
    k = skip_back(keys, lo, verb_start, ADVERBS)
    if k < lo or keys[k] != "to":
        return None, None
    for i in range(k - 1, max(lo, k - 9) - 1, -1):
        kind = _MODIFIER_KINDS.get(keys[i])
        if kind is not None:
            return (kind, i) if i < k - 1 else (None, None)
        if not (keys[i] in _ADJUNCT_WORDS or keys[i] in TIME_WORDS or keys[i] in MONTHS
                or texts[i][:1].isupper() or texts[i].isdigit()):
            return None, None
    return None, None


def modal_code(code: str, modality: str | None,
               codes: dict[str, EventCodeInfo]) -> str | None:
    """The code after refusal / threat / intent modifiers; None when nothing is coded (or the
    mapped code is not in `codes`)."""
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
    return mapped if mapped in codes else None


# Words that show someone stated the act: a decision or threat announced, not a forecast.
_REPORTING_WORDS = SPEECH_VERBS | word_list(
    """warned warns warning threatened threatens vowed vows pledged pledges promised promises
    announced announces signalled signaled confirmed confirms decided decides ordered orders
    statement " “ ” '""")
_CONDITIONAL_AUXILIARIES = word_list("would could 'd ’d might")
_CONDITION_WORDS = word_list("if unless provided")
# Bare warnings (the pattern names no threat): with no addressee they forecast a situation.
_WARNING_PATTERNS = frozenset({"warn+", "issue+ * warning"})


def is_reported(keys: list[str]) -> bool:
    """The sentence attributes what it says to someone (a speech verb, a quote)."""
    return not _REPORTING_WORDS.isdisjoint(keys)


def is_conditional(keys: list[str], lo: int, hi: int, verb_start: int) -> bool:
    """'would investigate ... if someone complained': a conditional auxiliary before the verb
    and a condition anywhere in the clause."""
    before = keys[max(lo, verb_start - 4):verb_start + 1]  # "would retaliate" is a pattern
    return not _CONDITIONAL_AUXILIARIES.isdisjoint(before) and \
        not _CONDITION_WORDS.isdisjoint(keys[lo:hi])


def is_speculative_content(keys: list[str], verb_end: int, hi: int,
                           actor_starts: set[int]) -> bool:
    """'warned that the scheme could weaken trust', 'warned that the loss of government
    files could harm inquiries': the content of a warning is what may happen (could, might,
    may) with no actor as its subject, a forecast, not a threat ("warned that Iran could face
    sanctions" names an actor first and stays a threat)."""
    if verb_end >= hi or keys[verb_end] != "that":
        return False
    subject_at = verb_end + 2 if verb_end + 1 < hi and keys[verb_end + 1] in (
        "the", "a", "an", "any") else verb_end + 1
    if subject_at in actor_starts:
        return False  # the warning names who would act or suffer: a threat
    for i in range(verb_end + 1, min(hi, verb_end + 12)):
        if keys[i] in (",", ";", ":", "if", "unless"):
            return False
        if keys[i] in ("could", "might", "may"):
            return True
    return False


# A statement about the speaker's own feelings, family, health or tastes ("said she was
# shocked", "Maybe I wasn't as driven as I thought", "said his wife had been ill"): a personal
# remark, not a political position (issue 16, dev audit).
_PERSONAL_PRONOUNS = word_list("i he she i'm i’m me myself himself herself")
_PERSONAL_WORDS = word_list(
    """shocked surprised delighted happy sad saddened bored boring tired driven excited
    thrilled relieved nervous unfulfilling fulfilling wife husband children daughter son
    daughters sons mother father grandfather grandmother family ill illness health cancer
    surgery favourite favorite enjoy enjoys enjoyed hobby hobbies""")


def is_personal_remark(keys: list[str], lo: int, hi: int) -> bool:
    """A statement whose content is the speaker's own state: a personal pronoun and a word of
    feeling, family, health or taste, or "found it hard"."""
    clause = keys[lo:hi]
    if _PERSONAL_PRONOUNS.isdisjoint(clause):
        return False
    if not _PERSONAL_WORDS.isdisjoint(clause):
        return True
    return any(clause[i] == "found" and clause[i + 1] == "it" and
               clause[i + 2] in ("hard", "difficult", "easy")
               for i in range(len(clause) - 2))


def is_forecast_warning(pattern_text: str) -> bool:
    """A bare warning pattern: with no addressee it is a forecast ("warned that 40 people
    would be admitted"), not a threat (13)."""
    return pattern_text in _WARNING_PATTERNS


_NUMBER_WORDS = word_list("one two three four five six seven eight nine ten")
# Words that end the stretch before a verb in which its subject can stand.
_SUBJECT_STOPS = frozenset({",", ";", ":", "that", "after", "before", "when", "because", "as",
                            "while", "since", "if", "unless"})


def is_statistic_subject(keys: list[str], lo: int, verb_start: int) -> bool:
    """'one in 10 recognised the leader', '45% of voters backed the plan', '60 per cent of
    members opposed it': the subject is a share of a population, so the sentence reports a
    statistic, not an act."""
    for i in range(verb_start - 1, max(lo, verb_start - 10) - 1, -1):
        key = keys[i]
        if key in _SUBJECT_STOPS:
            return False
        if (key in ("%", "percent") or (key == "cent" and i > lo and keys[i - 1] == "per")) \
                and i + 1 < verb_start and keys[i + 1] == "of":
            return True  # "45% of voters", not "a 35 per cent surcharge it had imposed"
        if key == "in" and lo < i < verb_start - 1 and (
                keys[i + 1].isdigit() or keys[i + 1] in _NUMBER_WORDS) and (
                keys[i - 1].isdigit() or keys[i - 1] in _NUMBER_WORDS):
            return True  # "one in 10", "3 in 4"
    return False


def is_scheduled(keys: list[str], lo: int, verb_start: int) -> bool:
    """'is to examine', 'is due to visit', 'is set to sign': an act on a timetable, not yet
    done (unlike "said it would investigate", an announced decision)."""
    to = skip_back(keys, lo, verb_start, ADVERBS)
    if to <= lo or keys[to] != "to":
        return False
    return _scheduled_or_forecast(keys, lo, to) == ("future", _be_or_schedule_word(keys, lo, to))


def _be_or_schedule_word(keys: list[str], lo: int, to: int) -> int:
    """Index of the word before an infinitive's "to", past listed adverbs."""
    j = to - 1
    while j >= lo and keys[j] in ADVERBS:
        j -= 1
    return j
