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

This module orchestrates; each concern has its module, imported in one direction: ``lexicon``
(shared word lists), ``sentences``, ``speakers``, ``patterns`` (language and data files),
``verbs`` (verb forms), ``matching``, ``slots`` (subject and object), ``background``,
``modality``, ``dyads`` (pairs and participant-dependent codes), ``topic`` (what the document
is about, and which actors and acts are political), then ``events``.

Failure reasons: bad data files raise ``EventDataError`` (a ``ValueError``) naming the file, line
and problem when the coder is loaded; coding itself never raises on text input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wirewatch.coding.actors import (
    ActorMatcher,
    ActorMention,
    CorefState,
    MatchedActor,
    Tokens,
    document_country,
    document_period,
    primary_code,
    tokenize,
    with_document_country,
)
from wirewatch.coding.background import (
    is_background,
    is_dated_relative,
    is_earlier_year,
    is_time_reference,
    sub_clause,
)
from wirewatch.coding.dyads import (
    IRREGULAR_ROLES,
    actor_pairs,
    home_actor,
    is_mass_killing,
    is_mutual,
    locate,
    violent_pair_code,
    visit_or_host,
)
from wirewatch.coding.lexicon import (
    ADVERBS,
    BE_FORMS,
    DETERMINERS,
    MONTHS,
    NEGATORS,
    NON_POLITICAL_ROLES,
    SPEECH_VERBS,
    skip_back,
    word_before,
    word_list,
)
from wirewatch.coding.matching import (
    PatternDispatch,
    match_patterns,
    with_passive_hits,
)
from wirewatch.coding.modality import (
    ADVERBIAL_MODALITIES,
    UNASSERTED_MODALITIES,
    allegation_before,
    is_conditional,
    is_forecast_warning,
    is_personal_remark,
    is_reported,
    is_scheduled,
    is_speculative_content,
    is_statistic_subject,
    modal_code,
    verb_modality,
)
from wirewatch.coding.patterns import (
    IRREGULAR_PAST,
    EventCodeInfo,
    EventDataError,
    PatternHit,
    VerbPattern,
    cameo_data_dir,
    is_statement,
    load_event_codes,
    load_verb_patterns,
)
from wirewatch.coding.sentences import (
    DATELINE_RE,
    lead_paragraph,
    sentence_paragraphs,
    split_clauses,
    split_sentences,
)
from wirewatch.coding.slots import (
    Group,
    actor_groups,
    coordinated_verb,
    fronted_subject,
    has_state_or_group,
    is_told_outlet,
    object_group,
    same_actor,
    subject_for,
    that_clause_subject,
)
from wirewatch.coding.speakers import (
    attack_claimant,
    is_commentary,
    is_publication_account,
    nearby_speaker,
    resolve_first_person,
    sentence_speaker,
)
from wirewatch.coding.statements import (
    OVER_CONTENT_CODES,
    content_code,
    content_span,
    quote_continuations,
    speaking_for_party,
    statement_target,
)
from wirewatch.coding.topic import (
    document_subject,
    keeps_event,
    state_owned,
)
from wirewatch.coding.verbs import (
    is_bare_gerund,
    is_complement_infinitive,
    is_infinitive,
    is_participle_clause,
    is_passive,
    is_political_speaker,
    statement_speaker,
)

__all__ = ["ActorMention", "CodedEvent", "EventCoder", "EventDataError"]

# Bump on any change to the rules below or to the files in wirewatch/coding/data/cameo/.
RULESET_VERSION = "1.2"
_APPEAL_WORDS = word_list(
    """urge urged urges urging call called calls calling ask asked asks asking appeal appealed
    appeals press pressed presses demand demanded demands invite invited invites encourage
    encouraged encourages"""
)
# Objects that make a fight verb figurative: "battle wildfires", "combat inflation".
_NON_VIOLENT_OBJECTS = word_list(
    """fire fires wildfire wildfires blaze blazes flames pandemic epidemic outbreak drought
    floods flooding inflation corruption poverty disease climate hunger misinformation""")
# Weapons handed over by these verbs are military aid (072) unless the clause names a sale.
_GIVING_VERBS = ("deliver+", "send+", "give+", "provide+", "ship+")
_SALE_WORDS = word_list(
    """buy buys bought buying purchase purchased purchases sale sales sell sold selling contract
    contracts deal order ordered orders""")
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Roles that bear no arms: when they "clash" it is a row (111), not fighting (190).
_CIVILIAN_POLITICAL_ROLES = frozenset({"GOV", "LEG", "PTY", "OPP", "JUD"})
_EXERCISE_CODES = frozenset({"150"})
# "a system designed to detect, track and destroy planes": what a thing is for, not an act.
_DESCRIPTIVE_PARTICIPLES = word_list("designed intended built engineered")
# Acts with no named target that are done to people at home (guideline: domestic events keep
# both ends in one country): resignations, releases, arrests, repression, restrictions.
_DOMESTIC_CODES = frozenset({"0831", "084", "0841", "173", "175", "172", "1721", "1722",
                             "1723", "1724", "1822", "1823", "180", "181", "035", "0341",
                             "1231", "082", "151"})
_DOMESTIC_ROOTS = frozenset({"09", "14", "15", "20"})
_REDUCE_AND_FORCE_ROOTS = frozenset({"16", "17", "18", "19", "20"})
# "Deutsche Boerse, which has now asked ...": a perfect in a relative clause that is news.
_RECENT_WORDS = frozenset({"now", "just", "recently", "today", "yesterday"})
# Words that end the content of a warning ("warned Finland ... after it joined NATO").
_WARNING_CONTENT_STOPS = frozenset({",", ";", "and", "but", "while", "after", "before", "when",
                                    "because", "as", "since"})
# What a statement says that makes it no plain position (no 010): speculation ("could",
# "might"), a report of acts done or suffered ("had documented", "two fishermen died").
_NOT_A_POSITION = word_list(
    """could might perhaps possibly probably died killed dead injured wounded missing""")


# Words that make a statement about another actor a criticism.
_DAMNING_WORDS = word_list(
    """failure failures failed failing lies lied lying liar liars dishonest betrayal betrayed
    shameful disgrace disgraceful incompetent incompetence hypocrisy hypocritical reckless
    irresponsible unacceptable scandal scandalous cynical arrogant arrogance vindictive chaos
    shambles smear scaremongering deplorable outrageous appalling vacuous misleading
    misled deceived deceit disaster disastrous pathetic ridiculous absurd nonsense dreadful
    woeful abysmal inept shoddy farce farcical insult insulting cowardly contemptible""")
# Words that make a statement about another actor praise (051): "said the minister had done
# a superb job", "said France had shown great courage".
_PRAISE_WORDS = word_list(
    """superb excellent outstanding brilliant courage courageous admirable remarkable
    tremendous magnificent wonderful fantastic commendable heroic impressive honourable
    honorable statesmanlike exemplary tireless praiseworthy congratulate congratulated
    congratulations tribute gratitude grateful""")


def _statement_tone(keys: list[str], lo: int, hi: int) -> str | None:
    """'111' or '051' when the content of a statement holds a damning or praising word that
    no negator just before it turns round ("was not a failure" stays a plain statement)."""
    for i in range(lo, hi):
        if keys[i] not in _DAMNING_WORDS and keys[i] not in _PRAISE_WORDS:
            continue
        if not NEGATORS.isdisjoint(keys[max(lo, i - 3):i]):
            continue
        return "111" if keys[i] in _DAMNING_WORDS else "051"
    return None


def _is_refusal_content(keys: list[str], lo: int, hi: int) -> bool:
    """'said it would not extend the deal': a decision about an act, not a plain statement."""
    return any(keys[i] in ("will", "would", "wo") and keys[i + 1] in ("not", "n't", "n’t", "never")
               for i in range(lo, hi - 1))


def _reports_acts(keys: list[str], lo: int, hi: int) -> bool:
    """'said it had documented executions', 'said weapons had been moved': a report of acts
    (the acts' own event or none), not a position ('said the summit had been a success')."""
    for i in range(lo, hi - 1):
        if keys[i] != "had":
            continue
        following = keys[i + 1]
        if following == "been":
            following = keys[i + 2] if i + 2 < hi else ""
            if following.endswith(("ed", "en")) or following in IRREGULAR_PAST:
                return True
        elif following.endswith(("ed", "en")) or following in IRREGULAR_PAST:
            return True
    return False
# Acts a condition turns into a threat when someone states them ("would retaliate if").
_THREAT_ROOTS = _REDUCE_AND_FORCE_ROOTS | {"13"}


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


def coder_build() -> str:
    """How this module runs here: compiled by tools/build_coder.py, or from its source."""
    return "pure Python" if __file__.endswith(".py") else "compiled (mypyc)"


def rules_digest(data_dir: Path | None = None) -> str:
    """8 hex digits over the CAMEO data files and the coding modules' source: any edit to a
    rule gives a new coder version, so stored rows of the old rules are never mistaken for new."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    data_files = sorted((data_dir or cameo_data_dir()).glob("*.csv"))
    # Every module of the coding stage shapes an event_mentions row (actor files are versioned
    # by their own VERSION).
    for path in [*data_files, *sorted(package.glob("*.py"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def political_events(text: str, events: list[CodedEvent],
                     subject: str | None) -> list[CodedEvent]:
    """The events a document's subject lets through (``topic``): in a business, sports,
    culture or technology story only events between two political actors; anywhere, a
    business end only in a political act (a government fining a firm, a firm lobbying)."""
    return [e for e in events if keeps_event(state_owned(e.actor1, text),
                                             state_owned(e.actor2, text), e.event_code, subject)]


class EventCoder:
    """Rule-based CAMEO coder over the packaged actor and verb data (formats.md C)."""

    def __init__(self, matcher: ActorMatcher, codes: dict[str, EventCodeInfo],
                 patterns: list[VerbPattern]) -> None:
        self.matcher = matcher
        self.codes = codes
        self.patterns = patterns
        self.version = f"cameo-{RULESET_VERSION}+actors-{matcher.version}+rules.{rules_digest()}"
        # The bare statement pattern ("said"), the verb of a quotation with no frame.
        self._statement_pattern = next(p for p in patterns if is_statement(p))
        self._index: dict[str, list[VerbPattern]] = {}
        for pattern in patterns:
            for word in pattern.elements[0].words:
                self._index.setdefault(word, []).append(pattern)
        # The same index with each pattern's required words and elements unpacked for the
        # inner loop of match_patterns.
        self._dispatch: PatternDispatch = {
            word: [(p, p.required, p.elements, len(p.elements)) for p in patterns_of_word]
            for word, patterns_of_word in self._index.items()
        }

    @classmethod
    def load(cls, actor_dirs: Sequence[Path | str] = ()) -> EventCoder:
        """Coder over the packaged data files, plus optional user actor directories."""
        codes = load_event_codes()
        return cls(ActorMatcher.load(actor_dirs), codes, load_verb_patterns(codes))

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans [start, end) in text (`sentences.split_sentences`)."""
        return split_sentences(text)





    # -- coding ----------------------------------------------------------------------------

    def code_text(self, text: str, ref_date: dt.date | None = None,
                  spans: list[tuple[int, int]] | None = None) -> list[CodedEvent]:
        """All events in a document body, in sentence order; offsets index `text`.

        `spans` is `split_sentences(text)` when the caller has it already."""
        if spans is None:
            spans = self.split_sentences(text)
        lead_start, lead_end = lead_paragraph(text, spans)
        dateline = DATELINE_RE.match(text)
        skip_until = dateline.end() if dateline else 0
        state = CorefState(period=None if ref_date is not None else document_period(text))
        # Pass 1: tokens and actors in reading order (coreference needs the order).
        sentences: list[tuple[int, int, Tokens, list[MatchedActor]]] = []
        for start, end in spans:
            tokens = tokenize(text, max(start, skip_until), end)
            sentences.append((start, end, tokens, self.matcher.find(tokens, state, ref_date)))
        # Role nouns with no country ("the mayor", "MPs") belong to the state the story is about.
        dateline_actors = self.matcher.find(tokenize(text, 0, skip_until), CorefState(),
                                            ref_date) if skip_until else []
        home = document_country((actors for *_, actors in sentences), dateline_actors)
        if home is not None:
            home_name = self.matcher.country_name(home)
            sentences = [(start, end, tokens, with_document_country(actors, home, home_name))
                         for start, end, tokens, actors in sentences]
        # Pass 2: first-person pronouns in quotes take the speaker, then code each clause.
        paragraph_ids = sentence_paragraphs(text, spans)
        speakers = [sentence_speaker(tokens, actors) for _, _, tokens, actors in sentences]
        # A paragraph that is only a quote goes on with the words of the speaker before it.
        quoted_by = quote_continuations([tokens.keys for _, _, tokens, _ in sentences],
                                        SPEECH_VERBS, speakers)
        events: list[CodedEvent] = []
        triggers = self._index.keys()
        for index, (start, end, tokens, actors) in enumerate(sentences):
            if not tokens.texts or triggers.isdisjoint(tokens.keys):
                continue  # no verb pattern can start in this sentence
            speaker = nearby_speaker(speakers, paragraph_ids, index)
            continued = quoted_by[index]
            quote_speaker = speakers[continued] if continued is not None else None
            if quote_speaker is not None and not is_political_speaker(quote_speaker):
                quote_speaker = None  # a shopper's or a firm's words go on: no act
            elif quote_speaker is not None and continued is not None:
                quote_speaker = speaking_for_party(sentences[continued][2],
                                                   sentences[continued][3], quote_speaker)
            if speaker is None:
                speaker = quote_speaker
            if speaker is not None:
                actors = resolve_first_person(tokens, actors, speaker)
            if not actors:
                continue  # every event needs an actor
            is_lead = lead_start <= start < lead_end
            if text[start:end].rstrip("\"'”’) ").endswith("?"):
                continue  # a question reports no event ("Could Germany send tanks?")
            if is_commentary(tokens) or is_publication_account(tokens.keys):
                continue  # an analyst's view or a book's account, not an act of the news
            claimant = attack_claimant(tokens, actors)
            sentence_events: list[CodedEvent] = []
            statements: list[CodedEvent | None] = []
            for clause_start, clause_end in split_clauses(tokens, actors):
                sentence_events.extend(self._code_clause(
                    tokens, actors, clause_start, clause_end, index, start, end, is_lead,
                    ref_date, claimant, speakers[index] or quote_speaker, statements,
                    history_date=ref_date or state.period))
            if quote_speaker is not None and not sentence_events and None not in statements:
                statements.append(self._quote_statement(tokens, actors, quote_speaker, index,
                                                        start, end, is_lead))
            # A statement is the event only when what it says holds no act at all ("X said Y
            # attacked Z" is Y's attack, ANNOTATION.md reported speech; "X said it would not
            # extend the deal" is about the deal, not a plain statement); one per sentence.
            demands = [e for e in statements
                       if e is not None and e.event_code in OVER_CONTENT_CODES]
            if sentence_events:
                events.extend(sentence_events)
            elif demands:
                events.append(demands[0])  # "said Labour must scrap the plan": the demand
            elif None not in statements:
                events.extend(e for e in statements[:1] if e is not None)
        if not events:
            return events
        return political_events(text, events,
                                document_subject(s[2].keys for s in sentences))

    def _code_clause(self, tokens: Tokens, actors: list[MatchedActor], lo: int, hi: int,
                     sentence_index: int, sentence_start: int, sentence_end: int,
                     is_lead: bool, ref_date: dt.date | None = None,
                     claimant: MatchedActor | None = None,
                     speaker: MatchedActor | None = None,
                     statements: list[CodedEvent | None] | None = None,
                     history_date: dt.date | None = None) -> list[CodedEvent]:
        """The events of tokens [lo, hi). Statements made there by political speakers are
        added to `statements`, and None when the clause matched any other verb pattern (the
        caller codes a statement only for a sentence with neither). `history_date` dates the
        news for "in 1973" (the reference date, else the year the document names most)."""
        clause_actors = [a for a in actors if lo <= a.tok_start and a.tok_end <= hi]
        # Places may fill an explicit @ slot ("arrived in @"), never a default subject/object.
        actor_at = {a.tok_start: a for a in clause_actors}
        hits = match_patterns(self._dispatch, tokens, lo, hi, actor_at)
        hits = with_passive_hits(self._index, tokens, lo, hi, hits)
        if statements is not None and any(not is_statement(h.pattern) for h in hits):
            statements.append(None)
        if not hits or is_earlier_year(tokens.keys, lo, hi, history_date) or \
                "whenever" in tokens.keys[lo:hi]:
            return []  # history, or a habit the writer generalises ("whenever Turkey ...")
        described_from = next((i + 2 for i in range(lo, hi - 1)
                               if tokens.keys[i] in _DESCRIPTIVE_PARTICIPLES
                               and tokens.keys[i + 1] == "to"), hi)
        hits = [h for h in hits if h.start < described_from]  # "a system designed to destroy"
        groups = actor_groups(tokens, clause_actors, lo, hi)
        keys = tokens.keys
        planned = [(hit, *verb_modality(tokens, lo, hit.start)) for hit in hits]
        consumed = {where for _, modality, where in planned
                    if where is not None and modality not in ADVERBIAL_MODALITIES}
        # Pass 1: which pattern matches are asserted verbs of this clause, and their subjects.
        live: list[tuple[PatternHit, str | None, int, Group | None]] = []
        subjects: list[tuple[int, Group | None]] = []  # (anchor, subject) of earlier verbs
        appeal_content_end = -1  # end of the last verb dropped as the content of an appeal
        statement_hits: list[PatternHit] = []
        for hit, modality, where in planned:
            if hit.start in consumed:
                continue  # "threatened" in "threatened to impose sanctions" is a modifier
            if is_statement(hit.pattern):
                if modality is None and not tokens.texts[hit.start][:1].isupper():
                    # not "did not say", "would say", nor a headline's "Turkey Says Talks Go On"
                    statement_hits.append(hit)
                continue  # a statement takes no part in finding the other verbs' subjects
            modifier = where if where is not None and modality not in ADVERBIAL_MODALITIES \
                else None
            anchor = hit.start if modifier is None else modifier
            part_start, part_end = sub_clause(keys, lo, hi, anchor, hit.end)
            if is_background(keys, part_start, part_end) or \
                    is_dated_relative(keys, lo, hi, part_start, ref_date) or \
                    is_statistic_subject(keys, lo, anchor) or (
                part_start > lo and keys[part_start - 1] in ("who", "whose", "which") and
                ("had" in keys[part_start:anchor] or (
                    not {"has", "have"}.isdisjoint(keys[part_start:anchor]) and
                    _RECENT_WORDS.isdisjoint(keys[part_start:anchor])))
            ) or (
                part_start - 2 >= lo and keys[part_start - 1] == "when" and
                keys[part_start - 2] == "," and part_start - 3 >= lo and
                (keys[part_start - 3].isdigit() or keys[part_start - 3] in MONTHS)
            ):
                # "has hosted Hamas since 2012", "since 2012, when Beijing took ...", "Prigozhin,
                # whose fighters had seized Rostov, said ...": background, not the news
                continue
            if hit.pattern.code[:2] in _VIOLENT_ROOTS and any(
                    k in _NON_VIOLENT_OBJECTS for k in keys[hit.end:min(hi, hit.end + 3)]):
                continue  # "help Bolivia battle forest fires", "fight corruption"
            if is_time_reference(keys, lo, anchor, groups):
                continue  # "... since Russia launched its full-scale invasion"
            subject = subject_for(tokens, groups, lo, anchor, subjects)
            if subject is None or subject.tok_start > anchor:
                subject = fronted_subject(keys, groups, lo, hi, anchor) or subject
            coordinated = coordinated_verb(keys, lo, anchor, groups)
            if coordinated and live:
                # "France will train and equip a brigade and supply jets": a verb joined to the
                # previous one shares its subject and, unless it has its own, its modality.
                if subject is None or subject is not live[-1][3]:
                    subject = live[-1][3]
                if modality is None and live[-1][1] not in ADVERBIAL_MODALITIES - {"future"}:
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
            claim_at = allegation_before(keys, lo, anchor)
            if claim_at is not None and modality is None:
                alleger = next((g for g in reversed(groups) if g.tok_end <= claim_at), None)
                own = subject is not None and subject.tok_start > lo and \
                    keys[subject.tok_start - 1] in ("its", "their", "his", "her", "our")
                # "X, who alleged that Mr Y and his accomplices sent ...": a subject found
                # before the allegation while the content names its own is no evidence.
                unnamed = subject is not None and subject.tok_start < claim_at and \
                    anchor - claim_at > 3
                if not own and (subject is None or alleger is None or unnamed or not any(
                        same_actor(a.mention, b.mention)
                        for a in subject.actors for b in alleger.actors)):
                    # "Ukraine alleged that Belarus had attacked": the allegation (112) is
                    # the event, not the act alleged (guideline: claims about third parties).
                    modality = "claimed"
            if modifier is not None and (
                is_bare_gerund(keys, lo, modifier)  # "by agreeing to buy": an adjunct
                or any((keys[k] in DETERMINERS or keys[k] in ("'s", "’s")) and not any(
                           g.tok_start <= k < g.tok_end or k < g.tok_start < modifier
                           for g in groups)
                       for k in range(max(lo, modifier - 2), modifier))  # "the plan to buy"
                # (but "the Philippines agreed to": the article belongs to an actor)
            ):
                continue
            if is_complement_infinitive(keys, lo, anchor):
                continue
            if live and modifier is None and is_infinitive(keys, lo, hit.start):
                continue  # "signed an accord ... to purchase": purpose, not a second event
            if live and live[-1][0].pattern.code[:2] in ("02", "10") and \
                    0 <= hit.start - live[-1][0].end <= 4 and \
                    keys[skip_back(keys, lo, hit.start, ADVERBS)] not in BE_FORMS:
                appeal_content_end = hit.end
                continue  # "urged Israel to resume talks": the content of the appeal
            if modifier is None and is_infinitive(keys, lo, hit.start) and any(
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
            if live and live[-1][0].pattern.text.startswith(("warn", "issue+ * warning")) and \
                    hit.pattern.code[:2] != "13" and 0 <= hit.start - live[-1][0].end <= 12 and \
                    not any(keys[k] in _WARNING_CONTENT_STOPS
                            for k in range(live[-1][0].end, hit.start)):
                continue  # "warned that the number killed could rise": what was warned of
            if live and live[-1][0].pattern.code == "016" and \
                    0 <= hit.start - live[-1][0].end <= 8 and \
                    "that" in keys[live[-1][0].end:hit.start]:
                continue  # "denying a report that Tokyo had agreed to": what was denied
            live.append((hit, modality, anchor, subject))
        # Pass 2: codes and participants.
        events: list[CodedEvent] = []
        live_starts = [hit.start for hit, *_ in live]
        for hit, modality, anchor, subject in live:
            if modality in UNASSERTED_MODALITIES or "?" in keys[hit.end:hi]:
                continue  # not asserted, or asked ("'Did Russia bomb it?' she asked")
            if hit.pattern.text == "kill+" and any(
                e.event_root_code in _VIOLENT_ROOTS for e in events
            ):
                continue  # "an attack that killed 43 people": the toll of an act already coded
            confidence = 0.9
            slot_group = next((g for g in groups if hit.slot is not None
                               and g.tok_start == hit.slot), None)
            if slot_group is None and hit.slot is not None and hit.slot in actor_at:
                slot_actor = actor_at[hit.slot]
                slot_group = Group([slot_actor], slot_actor.tok_start, slot_actor.tok_end)
            next_verb = next((s for s in live_starts if s >= hit.end), hi)
            passive = is_passive(tokens, lo, hit.start, hit.end)
            if passive:
                agent = next((g for g in groups if g.tok_start >= hit.end and
                              word_before(keys, lo, g.tok_start) == "by"), None)
                sources: list[MatchedActor | None] = list(agent.actors) if agent else [None]
                target_group = slot_group or subject
                if agent is None:
                    if subject is None or not all(a.adjectival for a in subject.actors):
                        # "Two soldiers were killed", "the pupils were freed": who acted is
                        # not said, so there is no dyad to code (annotation guideline).
                        continue
                    # "Russian weapons were moved to Belarus": the demonym names the agent.
                    sources = list(subject.actors)
                    target_group = slot_group or object_group(
                        keys, groups, hit, subject, hi)
            else:
                sources = list(subject.actors) if subject else [None]
                if subject is not None and anchor - subject.tok_end > 12:
                    confidence -= 0.15
                target_group = slot_group or object_group(
                    keys, groups, hit, subject, next_verb)
                if target_group is None and hit.pattern.code[:2] in ("02", "10", "11", "13"):
                    target_group = that_clause_subject(keys, groups, hit, hi, subject)
                if target_group is not None and slot_group is None and \
                        target_group.tok_start - hit.end > 5:
                    confidence -= 0.1
            if target_group is None and is_forecast_warning(hit.pattern.text) and not any(
                    a.tok_start >= hit.end and has_state_or_group(a) for a in clause_actors):
                # "warned that prices could rise": a forecast about no actor, not a threat
                # ("warned that any Israeli response would be met with force" still is).
                continue
            if is_forecast_warning(hit.pattern.text) and is_speculative_content(
                    keys, hit.end, hi, {a.tok_start for a in clause_actors}):
                continue  # "warned that the scheme could weaken trust": a forecast
            targets: list[MatchedActor | None] = list(target_group.actors) if target_group \
                else [None]
            base_code = hit.pattern.target_code if (
                hit.pattern.target_code and target_group is not None) else hit.pattern.code
            if ((modality in (None, "future") and base_code[:2] in _REDUCE_AND_FORCE_ROOTS) or
                    (modality == "future" and base_code[:2] == "12")) and any(
                keys[k] in ("unless", "if") for k in range(hit.end, hi)
            ):
                # "would halt funding unless ...", "will vote against the bill unless ...": a
                # conditional threat, not the act
                modality = "threat"
            if modality == "future" and base_code[:2] == "09" and \
                    is_scheduled(keys, lo, hit.start):
                continue  # "the committee is to examine": no act yet, and CAMEO has no intent
            if modality in (None, "future") and is_conditional(keys, lo, hi, hit.start) and (
                    base_code[:2] not in _THREAT_ROOTS or not is_reported(keys)):
                continue  # "we would investigate if someone complained": hypothetical
            if modality == "intent" and any(keys[k] in ("if", "unless")
                                            for k in range(hit.end, hi)):
                continue  # "planned to press charges if his attacker was caught"
            if modality == "future" and base_code[:2] >= "09" and speaker is not None and \
                    subject is not None and not any(
                        same_actor(speaker.mention, a.mention) for a in subject.actors) and \
                    not any(a.tok_start < speaker.tok_start for a in subject.actors):
                # "a Labour spokesperson said the Liberal Democrats would restrict access": a
                # forecast about another actor, not a decision its maker announced.
                continue
            code = modal_code(base_code, modality, self.codes)
            if code is None:
                continue
            if code == "190" and hit.pattern.text == "clash+" and subject is not None and all(
                    a.mention.role in _CIVILIAN_POLITICAL_ROLES for a in subject.actors):
                code = "111"  # "the two party leaders clashed": words, not arms
            if code == "040" and target_group is not None:
                code = visit_or_host(clause_actors, sources, target_group)
            place = next((a for a in clause_actors if a.is_place and a.mention.country), None)
            if place is None and speaker is not None and speaker.mention.country and \
                    not speaker.mention.known_group:
                # "Israeli officials said the army had withdrawn": the army is Israel's.
                place = speaker
            if code in ("040", "042", "043") and target_group is None and place is not None and \
                    not passive and subject is not None and len(subject.actors) < 2 and all(
                        s.mention.country != place.mention.country for s in subject.actors):
                # "Blinken held talks in Beijing": the host country is the counterpart.
                target_group = Group([place], place.tok_start, place.tok_end)
                targets = [place]
            if (code[:2] == "04" or code == "036") and target_group is None and (
                subject is None or len(subject.actors) < 2
            ):
                continue  # a meeting or talks with no counterpart named is not a dyad
            if not passive and subject is not None and len(subject.actors) > 1 and \
                    code in _EXERCISE_CODES and (target_group is None or not any(
                        has_state_or_group(a) for a in target_group.actors)):
                # "South Korea and the U.S. kicked off their annual exercise": held together.
                code, target_group = "062", None
            if target_group is not None and not passive and subject is not None and \
                    len(subject.actors) > 1 and is_mutual(code, hit.pattern) and \
                    not any(has_state_or_group(a) for a in target_group.actors):
                # "Russia and Iran deepened military ties": a bare role noun after the verb
                # ("military") is no counterpart; the two sides are each other's.
                target_group = None
                targets = [None]
            if (not passive and subject is not None and len(subject.actors) > 1
                    and target_group is None and is_mutual(code, hit.pattern)):
                # "Turkey and Russia signed a deal": each side acts toward the other.
                targets = list(subject.actors)
            elif passive and len(sources) > 1 and targets == [None] and \
                    is_mutual(code, hit.pattern):
                targets = list(sources)  # "the deal was signed by Armenia and Azerbaijan"
            if is_participle_clause(keys, lo, hit.start) and code[:2] in (
                    _VIOLENT_ROOTS) and (
                target_group is None
                or not any(has_state_or_group(a) for a in target_group.actors)
            ):
                continue  # ", killing 11 people": a consequence, not a separate dyad
            if code[:2] in ("18", "19") and is_mass_killing(keys, hit, hi):
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
            if hit.pattern.text.startswith(("should", "must")):
                # "Germany should do more, the Polish foreign minister said": the speaker
                # advises the subject (an appeal, 02; "must", a demand, 10); with no other
                # speaker there is none.
                if speaker is None or subject is None or any(
                        same_actor(speaker.mention, a.mention) for a in subject.actors):
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
                targets = [locate(t, home) if t is not None else None for t in targets]
            for source, target in actor_pairs(sources, targets):
                if place is not None:
                    # "Police fired tear gas at protesters in Nairobi": the place gives the
                    # country of actors the text names only by role (a domestic event).
                    source, target = locate(source, place), locate(target, place)
                unnamed_source = source is None or (
                    source.mention.known_group is None and
                    source.mention.role in IRREGULAR_ROLES)
                if code[:2] in _VIOLENT_ROOTS and claimant is not None and unnamed_source and \
                        claimant is not target:
                    # "Gunmen opened fire ..., in an attack claimed by Islamic State": the
                    # claimant is the attacker; the act keeps its code (gunmen: 18).
                    pair_code = violent_pair_code(code, source, target)
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
                pair_code = violent_pair_code(code, source, target)
                if target is None and source is not None and source.mention.country and \
                        primary_code(source.mention) == source.mention.country and \
                        (pair_code[:2] in _DOMESTIC_ROOTS or pair_code in _DOMESTIC_CODES):
                    # "Belarus released 18 political prisoners", "Hasina resigned", "Serbians
                    # marched against the government": a domestic act has both ends at home.
                    target = home_actor(source, self.matcher.country_name(source.mention.country))
                events.append(self._event(tokens, hit, pair_code, source, target, confidence,
                                          sentence_index, sentence_start, sentence_end, is_lead))
        if statements is not None and not events and statement_hits and \
                "?" not in keys[lo:hi] and _NOT_A_POSITION.isdisjoint(keys[lo:hi]) and \
                not _is_refusal_content(keys, lo, hi) and not is_personal_remark(keys, lo, hi) and \
                (not _reports_acts(keys, lo, hi) or _statement_tone(keys, lo, hi) is not None):
            # "Labour said the poster was not anti-Jewish": the speaker's statement (010),
            # toward the first other actor it names ("said relations with Washington were at
            # rock bottom").
            for hit in statement_hits:
                source = statement_speaker(tokens, clause_actors, lo, hi, hit.start)
                if source is None:
                    continue
                source = speaking_for_party(tokens, clause_actors, source)
                # What is said: after "X said:", or before '"...," said X' / '..., X said'.
                said_lo, said_hi = content_span(keys, lo, hi, hit.start, hit.end, source)
                if sum(1 for k in range(said_lo, said_hi) if keys[k][:1].isalnum()) < 3:
                    break  # "He said." says nothing to code
                audience_free = [a for a in clause_actors if not is_told_outlet(
                    keys, hit.start, hit.end, [a], a.tok_start)]
                target = statement_target(keys, audience_free, said_lo, said_hi, source.mention)
                # "said Labour's rule had been a failure": a damning statement about another
                # actor is criticism (111), a praising one praise (051).
                # Not when the actor only qualifies the thing judged ("relations with Peru
                # were excellent").
                tone = _statement_tone(keys, said_lo, said_hi) if target is not None and \
                    word_before(keys, lo, target.tok_start) not in ("with", "between", "among") \
                    else None
                tone = content_code(keys, said_lo, said_hi, target) or tone
                if tone is None and _reports_acts(keys, lo, hi):
                    break  # "said the troops had moved": a report of acts, no position
                code = tone or hit.pattern.code
                statements.append(self._event(
                    tokens, hit, code, source, target, 0.7, sentence_index,
                    sentence_start, sentence_end, is_lead))
                break
        return events

    def _quote_statement(self, tokens: Tokens, actors: list[MatchedActor],
                         speaker: MatchedActor, sentence_index: int, sentence_start: int,
                         sentence_end: int, is_lead: bool) -> CodedEvent | None:
        """A quotation going on from an earlier speaker's words ('"It is a disgrace."'): the
        speaker's criticism, praise, accusation, demand, appeal or denial of the first other
        actor it names, or a statement (010) about that actor; nothing about no one."""
        keys = tokens.keys
        hi = len(keys)
        if "?" in keys or not _NOT_A_POSITION.isdisjoint(keys) or \
                _is_refusal_content(keys, 0, hi):
            return None
        political = [a for a in actors if a.mention.role not in NON_POLITICAL_ROLES]
        target = statement_target(keys, political, 0, hi, speaker.mention)
        tone = _statement_tone(keys, 0, hi) if target is not None and \
            word_before(keys, 0, target.tok_start) not in ("with", "between", "among") else None
        code = content_code(keys, 0, hi, target) or tone
        if code is None and (target is None or _reports_acts(keys, 0, hi)):
            return None
        hit = PatternHit(self._statement_pattern, 0, hi, None)
        return self._event(tokens, hit, code or "010", speaker, target, 0.6, sentence_index,
                           sentence_start, sentence_end, is_lead)

    def _event(self, tokens: Tokens, hit: PatternHit, code: str,
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
            if actor.mention.start < sentence_start or actor.mention.end > sentence_end:
                # The speaker of a quotation going on from an earlier sentence: the evidence
                # stays inside this sentence (its offsets are the sentence's, not a span).
                continue
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
