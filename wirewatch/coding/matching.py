"""Matching the verb patterns over a clause's tokens.

Patterns are indexed by their first word (``PatternDispatch``); a match is a backtracking walk
over the pattern's elements (words, optional words, gaps, phrases and the ``@`` actor slot).
Overlapping matches keep the longest; a verb used as a noun is dropped. Passive uses of object
patterns ("the sanctions were lifted by the EU") are added by ``with_passive_hits``.

Senses that are no event are dropped after the overlap is settled, so that they also block
the shorter pattern they overlap: a pattern coded ``---`` ("seize+ * opportunity"), a match
whose ``near`` rule says so (a fee "charged"), and, in a sentence about sport, all but
statements and coercion ("England beat France 2-1", "the attacking midfielder", "hailed the
Italians").
"""

from __future__ import annotations

from wirewatch.coding.actors import (
    MatchedActor,
    Tokens,
    is_score_dash,
)
from wirewatch.coding.lexicon import (
    ADVERBS,
    BE_FORMS,
    skip_back,
    word_list,
)
from wirewatch.coding.patterns import (
    IRREGULAR_PAST,
    NEAR_AFTER,
    NEAR_BEFORE,
    NULL_CODE,
    Element,
    PatternHit,
    VerbPattern,
)
from wirewatch.coding.verbs import is_noun_use

# First word of a pattern -> (pattern, its required words, its elements, their number) for the
# inner loop of match_patterns.
PatternDispatch = dict[
    str, list[tuple[VerbPattern, tuple[frozenset[str], ...], tuple[Element, ...], int]]]


def match_patterns(dispatch: PatternDispatch, tokens: Tokens, lo: int, hi: int,
                   actor_at: dict[int, MatchedActor]) -> list[PatternHit]:
    """The verb patterns asserted in tokens [lo, hi): where matches overlap the longest wins,
    and a verb used as a noun is dropped."""
    hits: list[PatternHit] = []
    keys = tokens.keys
    clause = keys[lo:hi]
    verb_positions = [i for i, key in enumerate(clause, lo) if key in dispatch]
    if not verb_positions:
        return hits
    clause_keys = set(clause)
    match_from = _match_from
    for i in verb_positions:
        for pattern, required, elements, n_elements in dispatch[keys[i]]:
            # Cheap pre-check: every required literal word must occur in the clause.
            for words in required:
                if clause_keys.isdisjoint(words):
                    break
            else:
                if n_elements == 1:
                    hits.append(PatternHit(_sense(pattern, keys, i, i + 1, lo, hi),
                                           i, i + 1, None))
                    continue
                result = match_from(elements, 1, keys, i + 1, hi, actor_at, None)
                if result is not None:
                    hits.append(PatternHit(_sense(pattern, keys, i, result[0], lo, hi),
                                           i, result[0], result[1]))
    if not hits:
        return hits
    actor_tokens = {i for a in actor_at.values() for i in range(a.tok_start, a.tok_end)}
    if len(hits) == 1:
        if hits[0].pattern.code == NULL_CODE or is_noun_use(tokens, hits[0], lo,
                                                             actor_tokens):
            return []
        return _without_sport(keys, hits)
    # Longest match wins where matches overlap; ties go to the earlier, then the file order.
    def matched_length(hit: PatternHit) -> int:
        slot_actor = actor_at.get(hit.slot) if hit.slot is not None else None
        slot_len = slot_actor.tok_end - slot_actor.tok_start if slot_actor else 0
        return hit.end - hit.start - slot_len

    hits.sort(key=lambda h: (-matched_length(h), h.start, h.pattern.line_no))
    chosen: list[PatternHit] = []
    taken: set[int] = set()
    for hit in hits:
        span = set(range(hit.start, hit.end))
        if hit.slot is not None and hit.slot in actor_at:
            span -= set(range(hit.slot, actor_at[hit.slot].tok_end))
        if span & taken:
            continue
        # A verb used as a noun competes with nothing ("demanded the release of its
        # citizens"); tested only for hits that would be chosen (the order is total).
        if is_noun_use(tokens, hit, lo, actor_tokens):
            continue
        taken |= span
        if hit.pattern.code != NULL_CODE:
            chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return _without_sport(keys, chosen)


def _sense(pattern: VerbPattern, keys: list[str], start: int, end: int, lo: int,
           hi: int) -> VerbPattern:
    """The pattern a match stands for once its "near" rules have looked around it."""
    if not pattern.near:
        return pattern
    window = keys[max(lo, start - NEAR_BEFORE):start] + keys[end:min(hi, end + NEAR_AFTER)]
    for words, prefixes, variant in pattern.near:
        for key in window:
            if key in words or (prefixes and key.startswith(prefixes)):
                return variant
    return pattern


def is_sport(keys: list[str]) -> bool:
    """A sentence about a match or a team: a result ("2-1", not a vote's "14-0"), or a word
    only sport uses."""
    scores_count = _VOTE_WORDS.isdisjoint(keys)
    for i, key in enumerate(keys):
        if key in _SPORT_WORDS:
            return True
        if scores_count and is_score_dash(keys, i):
            return True  # a score, "2-1" (the tokenizer splits it)
    return False


def _without_sport(keys: list[str], hits: list[PatternHit]) -> list[PatternHit]:
    """Drop the senses a verb has in a sentence about sport (all but statements and
    coercion)."""
    if not hits or not any(h.pattern.code[:2] in _SPORT_SENSE_ROOTS for h in hits) or \
            not is_sport(keys):
        return hits
    return [h for h in hits if h.pattern.code[:2] not in _SPORT_SENSE_ROOTS]


def _match_from(elements: tuple[Element, ...], e: int, keys: list[str], i: int,
                hi: int, actor_at: dict[int, MatchedActor],
                slot: int | None) -> tuple[int, int | None] | None:
    """Backtracking match of elements[e:] at token i; returns (end, slot) or None."""
    n_elements = len(elements)
    # A required literal word has no alternative to backtrack to, so a run of them is
    # matched in a loop; only optional, gap, phrase and slot elements recurse.
    while e < n_elements:
        element = elements[e]
        if element.kind != "word" or element.optional:
            break
        if i >= hi:
            return None
        key = keys[i]
        if key not in element.words and not (element.prefixes and
                                             key.startswith(element.prefixes)):
            return None
        e += 1
        i += 1
    else:
        return i, slot
    if element.kind == "gap":
        following = elements[e + 1] if e + 1 < n_elements else None
        if following is not None and following.kind == "word" and not following.optional:
            # Only positions holding the required next word can continue the match.
            words, prefixes = following.words, following.prefixes
            for j in range(i, min(i + element.max_gap + 1, hi)):
                key = keys[j]
                if key in words or (prefixes and key.startswith(prefixes)):
                    result = _match_from(elements, e + 2, keys, j + 1, hi, actor_at,
                                              slot)
                    if result is not None:
                        return result
            return None
        for skip in range(element.max_gap + 1):
            if i + skip > hi:
                break
            result = _match_from(elements, e + 1, keys, i + skip, hi, actor_at, slot)
            if result is not None:
                return result
        return None
    if element.kind == "phrase":
        for phrase in element.phrases:
            end = i + len(phrase)
            if end > hi:
                continue
            for k, words in enumerate(phrase):
                if keys[i + k] not in words:
                    break
            else:
                result = _match_from(elements, e + 1, keys, end, hi, actor_at, slot)
                if result is not None:
                    return result
        if element.optional:
            return _match_from(elements, e + 1, keys, i, hi, actor_at, slot)
        return None
    if element.kind == "slot":
        # "on the EU", "on four Iranian airlines", "on dozens of Russian firms"
        j = i
        while j < hi and j - i < 4 and j not in actor_at and (
                keys[j] in _SLOT_LEAD_WORDS or keys[j].isdigit()):
            j += 1
        actor = actor_at.get(j)
        if actor is not None:
            end = actor.tok_end
            if end + 1 < hi and keys[end] in ("'s", "’s") and (end + 1) in actor_at:
                end = actor_at[end + 1].tok_end  # "invited Brazil's Lula to visit"
            result = _match_from(elements, e + 1, keys, end, hi, actor_at, j)
            if result is not None:
                return result
        if element.optional:
            return _match_from(elements, e + 1, keys, i, hi, actor_at, slot)
        return None
    if i < hi:
        key = keys[i]
        if key in element.words or (element.prefixes and key.startswith(element.prefixes)):
            result = _match_from(elements, e + 1, keys, i + 1, hi, actor_at, slot)
            if result is not None:
                return result
    if element.optional:
        return _match_from(elements, e + 1, keys, i, hi, actor_at, slot)
    return None


def with_passive_hits(index: dict[str, list[VerbPattern]], tokens: Tokens, lo: int, hi: int,
                      hits: list[PatternHit]) -> list[PatternHit]:
    """Add passive uses of object patterns: 'The sanctions were lifted by the EU' matches
    'lift+ * sanctions' with its object words in the few words before the be-verb."""
    keys = tokens.keys
    taken = {i for h in hits for i in range(h.start, h.end)}
    added: list[PatternHit] = []
    for i in range(lo + 1, hi):
        patterns = index.get(keys[i])
        if not patterns or i in taken or not (keys[i].endswith("ed") or
                                              keys[i] in IRREGULAR_PAST):
            continue
        j = skip_back(keys, lo, i, ADVERBS)
        if j < lo or keys[j] not in BE_FORMS:
            continue
        before = set(keys[max(lo, j - 6):j])
        best: tuple[int, VerbPattern] | None = None
        for pattern in patterns:
            pattern = _sense(pattern, keys, i, i + 1, lo, hi)
            words = [e for e in pattern.elements[1:] if e.kind == "word" and not e.optional]
            if not pattern.verbal or not words or any(
                    e.kind in ("slot", "phrase") for e in pattern.elements[1:]):
                continue
            if all(not before.isdisjoint(e.words) for e in words) and (
                    best is None or len(words) > best[0]):
                best = (len(words), pattern)
        if best is not None and best[1].code != NULL_CODE:
            added.append(PatternHit(best[1], i, i + 1, None))
    added = _without_sport(keys, added)
    return sorted(hits + added, key=lambda h: h.start) if added else hits


# Words that may stand between a pattern's words and its @ actor: articles and quantities.
_SLOT_LEAD_WORDS = word_list(
    """the a an two three four five six seven eight nine ten dozen dozens hundreds thousands
    several some of more than at least""")

# Roots whose verbs have a sporting sense ("opposed", "beat", "attacking", "shot", "hailed",
# "hosted", "helped to a 2-0 lead"): all but statements (an official's comment on a tour is
# one) and coercion, since arrests and bans of fans and players are real acts of the state.
_SPORT_SENSE_ROOTS = frozenset(f"{n:02d}" for n in range(1, 21)) - {"01", "17"}
_VOTE_WORDS = word_list("vote votes voted voting ballot majority margin ruling ruled verdict")
# Words that, in a news sentence, only sport uses.
_SPORT_WORDS = word_list(
    """football soccer rugby cricket tennis basketball baseball hockey golf snooker athletics
    footballer footballers midfielder midfielders striker strikers goalkeeper goalkeepers
    winger wingers fullback full-back centre-back defenders playmaker batsman bowler wicket
    wickets innings fixture fixtures premiership semi-final semi-finals quarter-final
    quarter-finals semifinal quarterfinal knockout play-off play-offs playoff playoffs
    championship championships tournament tournaments olympics olympic medal medals champions
    team-mate teammate team-mates teammates keeper scrum-half fly-half sevens athlete athletes
    scored scoring equaliser equalizer hat-trick penalty-kick touchdown
    half-time halftime stoppage-time cup derby relegation unbeaten referee""")
