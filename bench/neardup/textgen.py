"""Event model and article renderers for the near-duplicate corpus.

An `Event` is one news event: an action (agreement, sanctions, talks, ...), two countries and an
organisation, officials with titles, a place, a date, numbers and the quotes officials gave.
`render_wire` writes the agency story about it (an ORIGINAL), `render_rewrite` an outlet's own
independently written story about the same event (a REWRITE, the hard negative): the same
slots, some of the same quotes and often the same official statement word for word, now and
then a credited sentence of the agency story, but another template set, another paragraph
plan and other people interviewed. A rewrite can be a short brief, mostly statement and quote.

Templates (`templates.py`) are compiled once into a tree of literals, slots and alternatives;
rendering walks the tree with the caller's `random.Random`, so a corpus depends on its seed
only.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import lexicon
import templates

T = TypeVar("T")


# --- template engine ------------------------------------------------------------------------
class _Slot:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


# A compiled template is a tuple of nodes; a node is literal text, a slot, or a tuple of
# alternatives, each either literal text or a tuple of nodes.
Node = str | _Slot | tuple
_COMPILED: dict[str, tuple[Node, ...]] = {}


def _alternative(nodes: tuple[Node, ...]) -> str | tuple[Node, ...]:
    """Plain text alternatives (most of them) are stored as text: no recursion to render."""
    if not nodes:
        return ""
    if len(nodes) == 1 and type(nodes[0]) is str:
        return nodes[0]
    return nodes


def _parse(text: str, pos: int, nested: bool) -> tuple[tuple[Node, ...], int]:
    nodes: list[Node] = []
    literal: list[str] = []
    while pos < len(text):
        char = text[pos]
        if nested and char in "|]":
            break
        if char == "{":
            end = text.index("}", pos)
            if literal:
                nodes.append("".join(literal))
                literal = []
            nodes.append(_Slot(text[pos + 1 : end]))
            pos = end + 1
        elif char == "[":
            if literal:
                nodes.append("".join(literal))
                literal = []
            alternatives: list[str | tuple[Node, ...]] = []
            pos += 1
            while True:
                alternative, pos = _parse(text, pos, nested=True)
                alternatives.append(_alternative(alternative))
                if pos >= len(text):
                    raise ValueError(f"unclosed '[' in template: {text!r}")
                if text[pos] == "]":
                    pos += 1
                    break
                pos += 1  # past '|'
            nodes.append(tuple(alternatives))
        else:
            literal.append(char)
            pos += 1
    if literal:
        nodes.append("".join(literal))
    return tuple(nodes), pos


def compile_template(text: str) -> tuple[Node, ...]:
    compiled = _COMPILED.get(text)
    if compiled is None:
        compiled, end = _parse(text, 0, nested=False)
        if end != len(text):
            raise ValueError(f"unbalanced ']' or '|' in template: {text!r}")
        _COMPILED[text] = compiled
    return compiled


def _emit(nodes: tuple[Node, ...], slots: Mapping[str, str], random: Callable[[], float],
          out: list[str]) -> None:
    append = out.append
    for node in nodes:
        kind = type(node)
        if kind is str:
            append(node)  # type: ignore[arg-type]
        elif kind is tuple:
            option = node[int(random() * len(node))]  # type: ignore[index, arg-type]
            if type(option) is str:
                append(option)
            else:
                _emit(option, slots, random, out)
        else:
            append(slots[node.name])  # type: ignore[union-attr]


def render(template: str, slots: Mapping[str, str], rng: random.Random,
           sentence: bool = True) -> str:
    """One random rendering of `template`; a sentence gets its first letter capitalised."""
    out: list[str] = []
    _emit(compile_template(template), slots, rng.random, out)
    text = "".join(out).replace("  ", " ").replace(" ,", ",")
    if not sentence:
        return text
    if text.startswith('"'):
        return '"' + text[1:2].upper() + text[2:]
    return text[:1].upper() + text[1:]


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


# --- the world: people who recur across events -----------------------------------------------
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth")
_VOWEL_SOUND_EXCEPTIONS = {"Ugandan": "a", "Ukrainian": "a", "Uruguayan": "a", "U.S.": "a"}


def _with_article(adjective: str) -> str:
    article = _VOWEL_SOUND_EXCEPTIONS.get(adjective, "an" if adjective[0] in "AEIOU" else "a")
    return f"{article} {adjective}"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def person(rng: random.Random, names_from: str) -> tuple[str, str]:
    """(full name, surname) of a new invented person."""
    firsts, lasts = lexicon.NAMES[names_from]
    last = pick(rng, lasts)
    return f"{pick(rng, firsts)} {last}", last


class World:
    """Who holds which office in a corpus: one minister per (country, portfolio), one
    spokesperson and one leader per country, three officials per organisation. So the same
    person is quoted in unrelated stories, as in real news. Each office holder is drawn from a
    random generator keyed by the corpus seed and the office, so who holds it does not depend
    on the order in which events are written."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._people: dict[tuple[str, int, str], tuple[str, str]] = {}
        self._leaders: dict[int, tuple[str, str, str]] = {}
        self._org_staff: dict[int, list[tuple[str, str, str]]] = {}

    def _keyed(self, *key: object) -> random.Random:
        return random.Random(":".join(["neardup-world", str(self.seed), *map(str, key)]))

    def _office_holder(self, office: str, country: int, portfolio: str) -> tuple[str, str]:
        key = (office, country, portfolio)
        if key not in self._people:
            rng = self._keyed(*key)
            self._people[key] = person(rng, lexicon.COUNTRIES[country].names_from)
        return self._people[key]

    def minister(self, country: int, portfolio: str) -> tuple[str, str]:
        return self._office_holder("minister", country, portfolio)

    def spokesperson(self, country: int) -> tuple[str, str]:
        return self._office_holder("spokesperson", country, "")

    def leader(self, country: int) -> tuple[str, str, str]:
        """(title, full name, surname)."""
        if country not in self._leaders:
            rng = self._keyed("leader", country)
            title = "President" if rng.random() < 0.6 else "Prime Minister"
            name, last = person(rng, lexicon.COUNTRIES[country].names_from)
            self._leaders[country] = (title, name, last)
        return self._leaders[country]

    def org_official(self, rng: random.Random, org: int) -> tuple[str, str, str]:
        """(role, full name, surname) of one of the three officials of an organisation."""
        if org not in self._org_staff:
            keyed = self._keyed("org", org)
            self._org_staff[org] = [
                (pick(keyed, templates.ORG_ROLES),
                 *person(keyed, pick(keyed, ("anglo", "western_europe", "nordic", "latin",
                                             "west_africa", "south_asia", "arab"))))
                for _ in range(3)
            ]
        return pick(rng, self._org_staff[org])


# --- events -----------------------------------------------------------------------------------
_ACTION_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("agreement", 0.22), ("talks", 0.14), ("sanctions", 0.09), ("condemnation", 0.10),
    ("aid", 0.10), ("military", 0.08), ("expulsion", 0.07), ("trade_dispute", 0.10),
    ("border", 0.10),
)
_DAYS = ("7", "10", "14", "21", "30", "45", "60", "90", "120", "180")
_DATELINE_STYLES: dict[str, tuple[str, ...]] = {
    # {CITY}, {MONTH}, {MON}, {DAY} are filled by _dateline.
    "Reuters": ("{CITY} (Reuters) -", "{CITY} (Reuters) -", "{CITY}, {MONTH} {DAY} (Reuters) -"),
    "AP": ("{CITY} (AP) —", "{CITY}, {MON} {DAY} (AP) —"),
    "AFP": ("{CITY}, {MONTH} {DAY} (AFP) -",),
    "Xinhua": ("{CITY}, {MONTH} {DAY} (Xinhua) --",),
    "TASS": ("{CITY}, {MONTH} {DAY} /TASS/.",),
    "Anadolu": ("{CITY} (AA) -",),
    "Bernama": ("{CITY}, {MONTH} {DAY} (Bernama) --",),
    "PTI": ("{CITY}, {MONTH} {DAY} (PTI) -",),
    "Kyodo": ("{CITY}, {MONTH} {DAY} (Kyodo) --",),
    "dpa": ("{CITY} (dpa) -",),
}


@dataclass
class Event:
    index: int
    action: str
    agency: str
    a: int  # index into lexicon.COUNTRIES
    b: int
    slots: dict[str, str]
    # Rewrites of one event deal templates from a per-event rotation, so two rewrites of the
    # same event do not pick the same template for a role.
    rotation: dict[str, int] = field(default_factory=dict)


@dataclass
class Article:
    """An article before an outlet dresses it: what the wire or the reporter wrote."""

    headline: str
    dateline: str  # "" when the story has none
    paragraphs: list[str]
    byline: str | None = None
    credit: str | None = None  # "(Reporting by ...)" or a contributor line
    end_marker: str | None = None  # Xinhua's "Enditem", glued to the last paragraph

    def lead(self) -> str:
        return f"{self.dateline} {self.paragraphs[0]}" if self.dateline else self.paragraphs[0]

    def text(self) -> str:
        """The article as its author files it: blank-line paragraphs, straight quotes."""
        parts = [self.headline]
        if self.byline:
            parts.append(self.byline)
        body = [self.lead(), *self.paragraphs[1:]]
        if self.end_marker:
            body[-1] = f"{body[-1]} {self.end_marker}"
        parts.extend(body)
        if self.credit:
            parts.append(self.credit)
        return "\n\n".join(parts) + "\n"


def _count(rng: random.Random, low: int, high: int) -> int:
    """Log-uniform integer: small counts are as common as large ones per order of magnitude."""
    value = int(low * (high / low) ** rng.random())
    if value >= 1000:
        value = round(value, -2)
    elif value >= 100:
        value = round(value, -1)
    return value


def _money(rng: random.Random) -> tuple[str, str]:
    """("$2.5 billion", "2.5 billion U.S. dollars") or the same in millions."""
    if rng.random() < 0.4:
        amount = f"{rng.randint(11, 99) / 10:g} billion"
    else:
        amount = f"{_count(rng, 5, 950)} million"
    return f"${amount}", f"{amount} U.S. dollars"


def _pick_partner(rng: random.Random, first: int) -> int:
    bloc = lexicon.COUNTRIES[first].bloc
    neighbours = [i for i, c in enumerate(lexicon.COUNTRIES) if c.bloc == bloc and i != first]
    if neighbours and rng.random() < 0.6:
        return pick(rng, neighbours)
    while True:
        other = int(rng.random() * len(lexicon.COUNTRIES))
        if other != first:
            return other


def _pick_org(rng: random.Random, bloc: str) -> int:
    regional = [i for i, o in enumerate(lexicon.ORGANISATIONS) if bloc in o.blocs]
    if regional and rng.random() < 0.55:
        return pick(rng, regional)
    global_orgs = [i for i, o in enumerate(lexicon.ORGANISATIONS) if not o.blocs]
    return pick(rng, global_orgs)


def _weighted(rng: random.Random, weights: Sequence[tuple[str, float]]) -> str:
    point = rng.random() * sum(w for _, w in weights)
    for name, weight in weights:
        point -= weight
        if point < 0:
            return name
    return weights[-1][0]


def _sentences(rng: random.Random, pool: Sequence[str], count: int,
               slots: Mapping[str, str]) -> str:
    """`count` different templates of `pool`, rendered and joined."""
    chosen = rng.sample(range(len(pool)), min(count, len(pool)))
    return " ".join(render(pool[i], slots, rng) for i in chosen)


def _quote(rng: random.Random, mood: str, slots: Mapping[str, str]) -> str:
    """What one person said: one to three sentences."""
    roll = rng.random()
    count = 1 if roll < 0.4 else 2 if roll < 0.85 else 3
    return _sentences(rng, templates.QUOTES[mood], count, slots)


def _add_comma_forms(slots: dict[str, str]) -> None:
    """`q_x_c`: the quote ending in a comma, as it reads before "he said"."""
    for key in ("q_a1", "q_a2", "q_b1", "q_org", "q_analyst", "q_local", "statement"):
        quote = slots.get(key)
        if quote is not None:
            slots[f"{key}_c"] = f"{quote[:-1]}," if quote.endswith(".") else quote


def first_sentence(quote: str) -> str:
    for end in (". ", "? ", "! "):
        cut = quote.find(end)
        if cut > 0:
            return quote[: cut + 1]
    return quote


def make_event(rng: random.Random, world: World, index: int) -> Event:
    """A new event with every slot its articles need."""
    action_name = _weighted(rng, _ACTION_WEIGHTS)
    action = templates.ACTIONS[action_name]
    a = int(rng.random() * len(lexicon.COUNTRIES))
    b = _pick_partner(rng, a)
    country_a, country_b = lexicon.COUNTRIES[a], lexicon.COUNTRIES[b]
    org = _pick_org(rng, country_a.bloc)
    organisation = lexicon.ORGANISATIONS[org]

    portfolio_a = pick(rng, action.portfolios)
    portfolio_b = portfolio_a if rng.random() < 0.7 else pick(rng, action.portfolios)
    title_a, job_a, ministry_a = templates.PORTFOLIOS[portfolio_a]
    title_b, job_b, ministry_b = templates.PORTFOLIOS[portfolio_b]
    official_a, official_a_last = world.minister(a, portfolio_a)
    official_b, official_b_last = world.minister(b, portfolio_b)
    spokesperson, spokesperson_last = world.spokesperson(a)
    leader_title, leader, _leader_last = world.leader(a)
    org_role, org_official, org_official_last = world.org_official(rng, org)
    opposition, opposition_last = person(rng, country_a.names_from)

    venue_roll = rng.random()
    if venue_roll < 0.55:
        venue_city = country_a.capital
    elif venue_roll < 0.8:
        venue_city = country_b.capital
    else:
        venue_city = pick(rng, lexicon.NEUTRAL_VENUES)
    month = int(rng.random() * 12)
    money, money_words = _money(rng)
    trade, _trade_words = _money(rng)
    debt, _debt_words = _money(rng)
    provinces_a = list(country_a.provinces)
    rng.shuffle(provinces_a)

    slots: dict[str, str] = {
        "a": country_a.name, "a_pos": _possessive(country_a.name), "a_cap": country_a.capital,
        "a_adj": country_a.adjective, "a_adj_a": _with_article(country_a.adjective),
        "a_prov": provinces_a[0], "a_prov2": provinces_a[1],
        "b": country_b.name, "b_pos": _possessive(country_b.name), "b_cap": country_b.capital,
        "b_adj": country_b.adjective, "b_prov": pick(rng, country_b.provinces),
        "org": organisation.name, "org_short": organisation.short, "org_role": org_role,
        "org_off": org_official, "org_off_last": org_official_last,
        "a_title": title_a, "a_title_lc": job_a, "a_ministry": ministry_a,
        "a_off": official_a, "a_off_last": official_a_last,
        "a_spox": spokesperson, "a_spox_last": spokesperson_last,
        "a_leader_title": leader_title, "a_leader": leader,
        "b_title": title_b, "b_title_lc": job_b, "b_ministry": ministry_b,
        "b_off": official_b, "b_off_last": official_b_last,
        "opp": opposition, "opp_last": opposition_last,
        "opp_role": pick(rng, templates.OPPOSITION_ROLES),
        "weekday": pick(rng, lexicon.WEEKDAYS), "month": lexicon.MONTHS[month],
        "month_prev": lexicon.MONTHS[(month - 1 - int(rng.random() * 5)) % 12],
        "day": str(1 + int(rng.random() * 28)), "month_index": str(month),
        "year_prev": str(rng.randint(1962, 2019)),
        "count": f"{_count(rng, 40, 48_000):,}", "count2": f"{_count(rng, 2_000, 900_000):,}",
        "small": str(rng.randint(3, 19)), "small2": str(rng.randint(2, 12)),
        "nth": pick(rng, _ORDINALS), "days": pick(rng, _DAYS),
        "pct": str(rng.randint(3, 60)), "pct2": str(rng.randint(2, 38)),
        "pct_small": f"{rng.randint(5, 79) / 10:.1f}",
        "money": money, "money_words": money_words, "trade_usd": trade, "debt": debt,
        "km": f"{_count(rng, 120, 4_100):,}",
        "venue_city": venue_city, "venue": pick(rng, templates.VENUES),
        "unit": pick(rng, action.units),
    }
    topic, aim, measure = pick(rng, action.topics)
    slots["topic"] = render(topic, slots, rng, sentence=False)
    slots["aim"] = render(aim, slots, rng, sentence=False)
    slots["measure"] = render(measure, slots, rng, sentence=False)

    quote_a1 = _quote(rng, action.mood_a, slots)
    quote_a2 = _quote(rng, action.mood_a, slots)
    slots.update(
        q_a1=quote_a1,
        q_a2=quote_a2 if quote_a2 != quote_a1 else _quote(rng, action.mood_a, slots),
        q_b1=_quote(rng, action.mood_b, slots),
        q_org=_quote(rng, "org", slots),
        statement=_sentences(
            rng, templates.STATEMENTS["coop" if action.mood_a == "coop" else "hard"],
            rng.randint(2, 3), slots,
        ),
    )
    _add_comma_forms(slots)
    agency = pick(rng, lexicon.AGENCIES)
    slots["agency"] = agency
    return Event(index=index, action=action_name, agency=agency, a=a, b=b, slots=slots)


def _article_slots(rng: random.Random, world: World, event: Event, paper: str) -> dict[str, str]:
    """Slots each article fills for itself: the analyst and the resident its reporter found."""
    slots = dict(event.slots)
    country_a = lexicon.COUNTRIES[event.a]
    analyst, analyst_last = person(
        rng, pick(rng, (country_a.names_from, "anglo", "western_europe", "nordic"))
    )
    local, local_last = person(rng, country_a.names_from)
    slots.update(
        paper=paper,
        analyst=analyst, analyst_last=analyst_last,
        local=local, local_last=local_last, local_job=pick(rng, templates.LOCAL_JOBS),
        local_place=pick(rng, country_a.provinces),
    )
    place = render(pick(rng, templates.ANALYST_PLACES), slots, rng, sentence=False)
    slots["analyst_desc"] = f"{pick(rng, templates.ANALYST_JOBS)} {place}"
    slots["q_analyst"] = _quote(rng, "analyst", slots)
    slots["q_local"] = _quote(rng, "local", slots)
    _add_comma_forms(slots)
    return slots


def _dateline(rng: random.Random, agency: str, city: str, month: int, day: str) -> str:
    style = pick(rng, _DATELINE_STYLES[agency])
    return (
        style.replace("{CITY}", city.upper())
        .replace("{MONTH}", lexicon.MONTHS[month])
        .replace("{MON}", lexicon.MONTHS_AP[month])
        .replace("{DAY}", day)
    )


def _take(rng: random.Random, pool: Sequence[str], used: set[int]) -> str:
    """A template of `pool` not used yet in this article (any, once all are used)."""
    free = [i for i in range(len(pool)) if i not in used] or list(range(len(pool)))
    choice = pick(rng, free)
    used.add(choice)
    return pool[choice]


def render_wire(rng: random.Random, world: World, event: Event) -> Article:
    """The agency's story: inverted pyramid, dateline, 8-14 paragraphs."""
    action = templates.ACTIONS[event.action]
    roles = templates.WIRE_ROLES
    slots = _article_slots(rng, world, event, paper=event.agency)
    used: dict[str, set[int]] = {}

    def para(role: str, pool: Sequence[str]) -> str:
        text = render(_take(rng, pool, used.setdefault(role, set())), slots, rng)
        # Most paragraphs carry a sentence or two of background.
        n_extra = (rng.random() < 0.65) + (rng.random() < 0.2)
        for _ in range(n_extra):
            extra = pick(rng, ("economy", "region", "history", "domestic"))
            template = _take(rng, roles[extra], used.setdefault(extra, set()))
            text = f"{text} {render(template, slots, rng)}"
        return text

    head = [
        para("lead", action.wire_leads),
        para("detail", action.wire_details),
        para("spec", action.wire_specifics),
        para("quote_a", roles["quote_a"]),
    ]
    if rng.random() < 0.7:
        head.insert(rng.randint(2, 4), render(pick(rng, roles["statement"]), slots, rng))
    n_paragraphs = rng.randint(9, 14)
    optional: list[tuple[str, Sequence[str]]] = [
        ("quote_b", roles["quote_b"]), ("org", roles["org"]), ("spec", action.wire_specifics),
        ("quote_a2", roles["quote_a2"]), ("detail", action.wire_details),
        ("criticism", roles["criticism"]), ("analyst", roles["analyst"]),
        ("domestic", roles["domestic"]),
    ]
    rng.shuffle(optional)
    middle_count = max(2, n_paragraphs - len(head) - 3)
    middle = [para(role, pool) for role, pool in optional[:middle_count]]
    background_roles = ["economy", "history", "region"]
    rng.shuffle(background_roles)
    n_background = max(0, n_paragraphs - len(head) - len(middle) - 1)
    background = [para(role, roles[role]) for role in background_roles[:n_background]]
    closing = [para("next", roles["next"])]
    tail = background + closing if rng.random() < 0.6 else closing + background
    paragraphs = head + middle + tail

    month = int(slots["month_index"])
    dateline = _dateline(rng, event.agency, slots["venue_city"], month, slots["day"])
    credit = end_marker = None
    if event.agency == "Reuters" and rng.random() < 0.85:
        names_from = ("anglo", lexicon.COUNTRIES[event.a].names_from)
        reporters = [person(rng, pick(rng, names_from))[0] for _ in range(4)]
        credit_slots = dict(slots, reporter=reporters[0], reporter2=reporters[1],
                            reporter3=reporters[2], editor=reporters[3])
        credit = render(templates.REUTERS_CREDIT, credit_slots, rng)
    elif event.agency == "AP" and rng.random() < 0.4:
        credit_slots = dict(slots, reporter2=person(rng, "anglo")[0])
        credit = render(templates.AP_CREDIT, credit_slots, rng)
    elif event.agency == "Xinhua":
        end_marker = "Enditem"
    return Article(
        headline=render(pick(rng, action.wire_headlines), slots, rng),
        dateline=dateline,
        paragraphs=paragraphs,
        credit=credit,
        end_marker=end_marker,
    )


def _rotated(event: Event, role: str, pool: Sequence[str], ordinal: int, rng: random.Random,
             used: set[int]) -> str:
    """Rewrite number `ordinal` starts at its own place in the event's rotation of `pool`, then
    takes templates it has not used yet."""
    if role not in event.rotation:
        event.rotation[role] = int(rng.random() * len(pool))
    start = event.rotation[role] + ordinal
    for step in range(len(pool)):
        index = (start + step) % len(pool)
        if index not in used:
            used.add(index)
            return pool[index]
    return pool[start % len(pool)]


def _borrowed(rng: random.Random, wire: Article, agency: str) -> list[str]:
    """One or two sentences of the agency story, credited, as reporters paste them in."""
    sentences = [
        sentence.strip()
        for paragraph in wire.paragraphs[1:]
        if '"' not in paragraph
        for sentence in paragraph.replace(". ", ".\n").split("\n")
        if len(sentence) > 60 and sentence.endswith(".")
    ]
    if not sentences:
        return []
    chosen = rng.sample(sentences, min(len(sentences), rng.randint(1, 2)))
    return [f"{s[:-1]}, {agency} reported." for s in chosen]


def render_rewrite(rng: random.Random, world: World, event: Event, ordinal: int, paper: str,
                   reporter: str | None, wire: Article | None = None,
                   brief: bool = False) -> Article:
    """An outlet's own story about `event`; `ordinal` numbers the rewrites of one event so that
    each gets other templates. Some of the officials' quotes and their statement are reused
    word for word, and with `wire` (the agency story) a sentence or two of it may be pasted in
    with credit. A `brief` has 4-6 paragraphs built around the statement and a quote, so
    much of it is verbatim official text."""
    action = templates.ACTIONS[event.action]
    roles = templates.REWRITE_ROLES
    slots = _article_slots(rng, world, event, paper=paper)
    reused = 0
    for key in ("q_a1", "q_a2", "q_b1", "q_org"):
        roll = rng.random()
        if roll < 0.55:
            reused += 1
        elif roll < 0.7:
            slots[key] = first_sentence(slots[key])
            reused += 1
        else:
            mood = {"q_a1": action.mood_a, "q_a2": action.mood_a, "q_b1": action.mood_b,
                    "q_org": "org"}[key]
            slots[key] = _quote(rng, mood, slots)
    if not reused:
        slots["q_a1"] = event.slots["q_a1"]
    _add_comma_forms(slots)
    if rng.random() < 0.5:
        opposition, opposition_last = person(rng, lexicon.COUNTRIES[event.a].names_from)
        slots.update(opp=opposition, opp_last=opposition_last,
                     opp_role=pick(rng, templates.OPPOSITION_ROLES))

    used: dict[str, set[int]] = {}

    def para(role: str, pool: Sequence[str]) -> str:
        template = _rotated(event, role, pool, ordinal, rng, used.setdefault(role, set()))
        return render(template, slots, rng)

    lead = para("lead", action.rewrite_leads)
    body_roles: list[tuple[str, Sequence[str]]] = [
        ("detail", action.rewrite_details), ("spec", action.rewrite_specifics),
        ("quote_a", roles["quote_a"]), ("quote_b", roles["quote_b"]),
        ("local", roles["local"]), ("analyst", roles["analyst"]),
        ("history", roles["history"]), ("economy", roles["economy"]),
        ("region", roles["region"]), ("criticism", roles["criticism"]),
        ("next", roles["next"]), ("org", roles["org"]),
        ("quote_a2", roles["quote_a2"]), ("spec", action.rewrite_specifics),
        ("domestic", roles["domestic"]), ("scene", roles["scene"]),
    ]
    rng.shuffle(body_roles)
    if brief:
        # Statement and minister first, then whatever else fits.
        body_roles = [role for role in body_roles if role[0] != "quote_a"]
        body_roles[:0] = [("statement", roles["statement"]), ("quote_a", roles["quote_a"])]
    elif rng.random() < 0.6:  # reporters often print the official statement as issued
        body_roles.insert(rng.randint(0, 3), ("statement", roles["statement"]))
    n_paragraphs = rng.randint(4, 6) if brief else rng.randint(10, 14)
    chosen = body_roles[: n_paragraphs - 2]
    # A reporter quotes the minister before the follow-up question.
    names = [role for role, _ in chosen]
    if "quote_a2" in names and "quote_a" in names and names.index("quote_a2") < names.index(
        "quote_a"
    ):
        i, j = names.index("quote_a2"), names.index("quote_a")
        chosen[i], chosen[j] = chosen[j], chosen[i]
    paragraphs = [lead]
    for role, pool in chosen:
        text = para(role, pool)
        if not brief and rng.random() < 0.7:  # reporters run longer paragraphs than agencies
            extra_role = pick(rng, ("economy", "region", "history", "domestic"))
            text = f"{text} {para(extra_role, roles[extra_role])}"
        paragraphs.append(text)
    if wire is not None and not brief and rng.random() < 0.35:
        for sentence in _borrowed(rng, wire, event.agency):
            paragraphs.insert(rng.randint(1, len(paragraphs)), sentence)
    paragraphs.append(para("closing", roles["closing"]))

    dateline = ""
    if rng.random() < 0.35:
        dateline = f"{slots['venue_city'].upper()} {pick(rng, ('—', '--', '-'))}"
    headline_template = _rotated(event, "headline", action.alt_headlines, ordinal, rng, set())
    headline = render(headline_template, slots, rng)
    return Article(
        headline=headline,
        dateline=dateline,
        paragraphs=paragraphs,
        byline=f"By {reporter}" if reporter else None,
    )


def outlet_paragraphs(rng: random.Random, world: World, event: Event, paper: str,
                      count: int) -> list[str]:
    """Paragraphs an outlet writes itself and adds to agency copy it reprints: a local voice,
    domestic politics, the view from the region."""
    roles = templates.REWRITE_ROLES
    slots = _article_slots(rng, world, event, paper=paper)
    chosen = rng.sample(("local", "domestic", "region", "analyst", "economy"), count)
    return [render(pick(rng, roles[role]), slots, rng) for role in chosen]


def alt_headline(rng: random.Random, event: Event) -> str:
    """A headline an outlet might put on a reprint of a story about `event`."""
    action = templates.ACTIONS[event.action]
    pool = action.alt_headlines if rng.random() < 0.7 else action.wire_headlines
    return render(pick(rng, pool), event.slots, rng)
