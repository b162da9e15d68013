"""From actor slots to coded pairs: one (source, target) pair per coordinated actor, the home
country as the other end of a domestic act, places that locate role-only actors, and codes
refined by who takes part (violence by gunmen, police or protesters; visit or host; mutual acts;
mass killing).
"""

from __future__ import annotations

from wirewatch.coding.actors import (
    UNRESOLVED_ROLE,
    ActorMention,
    MatchedActor,
)
from wirewatch.coding.lexicon import word_list
from wirewatch.coding.patterns import (
    PatternHit,
    VerbPattern,
)
from wirewatch.coding.slots import (
    Group,
    same_actor,
)

# Roles of actors that are not political: firms (a deal between two firms is commerce).
_COMMERCIAL_ROLES = frozenset({"BUS"})
# Roles of non-state armed actors, whose violence CAMEO codes as assault (18), not fighting.
IRREGULAR_ROLES = frozenset({"REB", "UAF", "CRM", "INS", "SEP"})


def violent_pair_code(code: str, source: MatchedActor | None,
                      target: MatchedActor | None) -> str:
    """A fight code (19) by who commits it: gunmen and militants assault (18), protesters
    riot (145), police repress (175) unless they fight armed men."""
    if code[:2] != "19" or source is None:
        return code
    mention = source.mention
    if code not in ("191", "192", "195") and mention.known_group is None and \
            mention.role in IRREGULAR_ROLES:
        return "180"  # gunmen, militants: unconventional violence (CAMEO 18)
    if mention.role == "CVL":
        return "145"  # protesters storming or clashing: a violent protest
    if code != "195" and mention.role == "COP" and mention.known_group is None and (
        target is None or (target.mention.known_group is None
                           and target.mention.role not in _ARMED_ROLES)
    ):
        return "175"  # police storming, shooting or beating people: repression
    if code in ("190", "193") and target is not None and target.mention.role == "CVL" and \
            target.mention.known_group is None:
        return "180"  # "troops killed civilians in Bucha": violence against civilians
    return code


def visit_or_host(clause_actors: list[MatchedActor], sources: list[MatchedActor | None],
                  target_group: Group) -> str:
    """'X met Y in Y's country' is X's visit (042); in X's own country X hosts (043)."""
    places = {a.mention.country for a in clause_actors if a.is_place}
    source_countries = {s.mention.country for s in sources if s is not None}
    target_countries = {t.mention.country for t in target_group.actors}
    if places & target_countries and not places & source_countries:
        return "042"
    if places & source_countries and not places & target_countries:
        return "043"
    return "040"


def is_mass_killing(keys: list[str], hit: PatternHit, hi: int) -> bool:
    """A main-verb killing of ten or more (or dozens, hundreds...) unarmed people."""
    if not hit.pattern.text.startswith(("kill+", "execute+", "massacre+", "slaughter+")) \
            or keys[hit.start].endswith("ing"):
        return False  # ", killing 19 people": the toll of another act
    window = keys[hit.start + 1:min(hi, hit.start + 7)]
    counted = any((k.isdigit() and int(k) >= 10) or k in _MASS_NUMBERS for k in window)
    return counted and any(k in _CIVILIAN_NOUNS for k in window)


_MASS_NUMBERS = word_list("dozens hundreds thousands scores")
_CIVILIAN_NOUNS = word_list(
    """civilians villagers worshippers residents women children refugees students
    pupils protesters demonstrators farmers ethnic muslims christians yazidis rohingya""")
_ARMED_ROLES = frozenset({"MIL", "COP", "REB", "UAF", "CRM", "INS", "SEP", "SPY"})
_MUTUAL_CODES = frozenset({"0871", "193", "190", "0841"})
_MUTUAL_VERBS = ("exchange", "clash", "fight", "agree", "swap")


def is_mutual(code: str, pattern: VerbPattern) -> bool:
    """Whether coordinated subjects without a target act on each other ("A and B met")."""
    if code in ("042", "043"):
        return False
    if code[:2] in ("03", "04", "05", "06"):
        return True
    return code in _MUTUAL_CODES and pattern.text.startswith(_MUTUAL_VERBS)


def locate(actor: MatchedActor | None, place: MatchedActor) -> MatchedActor | None:
    """A role-only actor placed in the country of a place named in the same clause."""
    if actor is None or actor.mention.country or actor.mention.known_group or \
            actor.mention.role == UNRESOLVED_ROLE:
        return actor
    m, country = actor.mention, place.mention.country
    assert country is not None
    mention = ActorMention(country + (m.role or ""), m.name, country, None, m.role, m.start,
                           m.end, False)
    return MatchedActor(mention, actor.tok_start, actor.tok_end, is_person=actor.is_person)


def home_actor(actor: MatchedActor, country_name: str) -> MatchedActor:
    """The actor's own state as the other end of a domestic event (not in the raw text)."""
    m = actor.mention
    assert m.country is not None
    mention = ActorMention(m.country, country_name, m.country, None, None, m.start, m.end, False)
    return MatchedActor(mention, actor.tok_start, actor.tok_end)


def is_commercial(actor: MatchedActor | None) -> bool:
    """A firm (CAMEO BUS) acting as a firm."""
    return actor is not None and actor.mention.role in _COMMERCIAL_ROLES


def actor_pairs(sources: list[MatchedActor | None], targets: list[MatchedActor | None]
                ) -> list[tuple[MatchedActor | None, MatchedActor | None]]:
    """One (source, target) per coordinated pair; no actor acts on itself; a firm is a party
    only facing a political actor ("the EU fined Google" is coded, a deal between two firms or
    a firm's own business is not; bench/events/ANNOTATION.md)."""
    pairs = []
    seen: set[tuple[str | None, str | None]] = set()
    # An unresolved pronoun is someone the text does not let us name: no event as source,
    # no target as target.
    sources = [s for s in sources if s is None or s.mention.role != UNRESOLVED_ROLE]
    targets = [None if t is not None and t.mention.role == UNRESOLVED_ROLE else t
               for t in targets]
    for source in sources:
        kept = False
        for target in targets:
            if is_commercial(source) and (target is None or is_commercial(target)):
                continue
            if source is not None and target is not None and \
                    same_actor(source.mention, target.mention):
                continue
            if source is None and target is None:
                continue
            key = (source.mention.code if source else None,
                   target.mention.code if target else None)
            kept = True
            if key in seen:
                continue  # "Erdogan and his Russian counterpart, Vladimir Putin": one Russia
            seen.add(key)
            pairs.append((source, target))
        if not kept and source is not None and not is_commercial(source) and \
                (source.mention.code, None) not in seen:
            seen.add((source.mention.code, None))
            pairs.append((source, None))
    return pairs
