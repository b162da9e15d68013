"""Synthetic wire-copy corpus for benchmarks: N distinct English news articles of ~SIZE bytes.

`write_corpus(root, n, size=3000, seed=7)` writes `root/group-GG/folder-FFFF/article-NNNNNN.txt`
(100 files per folder, 10 folders per group) plus a `corpus.json` manifest, and returns a
`CorpusStats`. The same (n, size, seed) always gives byte-identical files.

Each article is shaped like agency copy: a headline line, an optional `By ...` byline, a lead
paragraph that usually opens with a dateline (`NAIROBI, March 12 (Reuters) -`), then 6-12
paragraphs of sentences rendered from templates. `{slot}`s are filled with countries,
capitals, regions, ministers with invented names, organisations, verbs and numbers;
`[a|b|c]` alternatives vary the wording every two or three words. A fraction of the files end
with page furniture or a wire credit line ("Share this article", "More News", "(Reporting by
...)"), which the normaliser strips.

Bodies are checked for uniqueness, so every file should become a new document. The
alternatives keep unrelated articles apart the way real copy is: two articles share ~1 % of
their 5-word shingles (mean Jaccard ~0.01, max ~0.04 over 300 articles), so a near-duplicate
stage finds candidate pairs only rarely, and no pair is a reprint. Fixed-phrase templates gave
~0.12 and made most pairs LSH candidates, which measured the dedup stage on a pathological
input instead of news.

Generation is pure string work: about 0.4 ms per 3 KB article, plus the file writes.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")
# A compiled template: parts, each a tuple of options (a literal part is a 1-tuple).
_Template = tuple[tuple[str, ...], ...]

# Bump when the same (n, size, seed) gives different files, so a kept corpus is regenerated.
GENERATOR_VERSION = 2
FILES_PER_FOLDER = 100
FOLDERS_PER_GROUP = 10
MANIFEST_NAME = "corpus.json"  # not *.txt: the default glob does not ingest it

# Share of articles with each optional part.
DATELINE_SHARE = 0.85
BYLINE_SHARE = 0.30
FURNITURE_SHARE = 0.25
MIN_PARAGRAPHS = 6
MAX_PARAGRAPHS = 12

# (country, capital, adjective). Capitals avoid a leading "THE", which no dateline parser
# accepts as a place.
_COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("Kenya", "Nairobi", "Kenyan"),
    ("Ethiopia", "Addis Ababa", "Ethiopian"),
    ("Nigeria", "Abuja", "Nigerian"),
    ("Ghana", "Accra", "Ghanaian"),
    ("Senegal", "Dakar", "Senegalese"),
    ("Egypt", "Cairo", "Egyptian"),
    ("Morocco", "Rabat", "Moroccan"),
    ("Tunisia", "Tunis", "Tunisian"),
    ("South Africa", "Pretoria", "South African"),
    ("Uganda", "Kampala", "Ugandan"),
    ("Tanzania", "Dodoma", "Tanzanian"),
    ("Chad", "N'Djamena", "Chadian"),
    ("Turkey", "Ankara", "Turkish"),
    ("Iran", "Tehran", "Iranian"),
    ("Iraq", "Baghdad", "Iraqi"),
    ("Jordan", "Amman", "Jordanian"),
    ("Lebanon", "Beirut", "Lebanese"),
    ("Pakistan", "Islamabad", "Pakistani"),
    ("India", "New Delhi", "Indian"),
    ("Bangladesh", "Dhaka", "Bangladeshi"),
    ("Vietnam", "Hanoi", "Vietnamese"),
    ("Laos", "Vientiane", "Lao"),
    ("Thailand", "Bangkok", "Thai"),
    ("Malaysia", "Kuala Lumpur", "Malaysian"),
    ("Indonesia", "Jakarta", "Indonesian"),
    ("Philippines", "Manila", "Philippine"),
    ("Japan", "Tokyo", "Japanese"),
    ("South Korea", "Seoul", "South Korean"),
    ("China", "Beijing", "Chinese"),
    ("Russia", "Moscow", "Russian"),
    ("Ukraine", "Kyiv", "Ukrainian"),
    ("Poland", "Warsaw", "Polish"),
    ("Germany", "Berlin", "German"),
    ("France", "Paris", "French"),
    ("Spain", "Madrid", "Spanish"),
    ("Italy", "Rome", "Italian"),
    ("Lithuania", "Vilnius", "Lithuanian"),
    ("Brazil", "Brasilia", "Brazilian"),
    ("Argentina", "Buenos Aires", "Argentine"),
    ("Colombia", "Bogota", "Colombian"),
    ("Ecuador", "Quito", "Ecuadorean"),
    ("Mexico", "Mexico City", "Mexican"),
    ("Peru", "Lima", "Peruvian"),
    ("Canada", "Ottawa", "Canadian"),
    ("Australia", "Canberra", "Australian"),
)
_FIRST_NAMES = (
    "Daniel", "Amina", "Tsegaye", "Wanjiru", "Olusegun", "Fatou", "Karim", "Leila", "Mehmet",
    "Ayse", "Reza", "Nadia", "Arjun", "Priya", "Tran", "Khamphet", "Somchai", "Siti", "Maria",
    "José", "Lucía", "Ana", "Pieter", "Ingrid", "Tomasz", "Olena", "Dmitri", "Hiroshi", "Min-jun",
    "Wei", "Chidi", "Grace", "Samuel", "Miriam", "Yusuf", "Elena", "Marco", "Sophie", "Rafael",
)
_SURNAMES = (
    "Mwangemi", "Alemayehu", "Okonkwo", "Mensah", "Diallo", "Haddad", "Benali", "Yilmaz",
    "Demir", "Rahimi", "Karimi", "Sharma", "Chowdhury", "Nguyen", "Vongsouvanh", "Srisuk",
    "Rahman", "Santos", "García", "Moreno", "Kowalski", "Shevchenko", "Volkov", "Tanaka",
    "Park", "Zhang", "Adeyemi", "Otieno", "Mutua", "Hassan", "Rossi", "Dubois", "Müller",
    "Novak", "Petrauskas", "Silva", "Ortega", "Quispe", "Campbell", "Whitfield",
)
_PORTFOLIOS = (
    "foreign minister", "interior minister", "defence minister", "finance minister",
    "trade minister", "energy minister", "agriculture minister", "health minister",
    "deputy prime minister", "prime minister", "president", "central bank governor",
    "army chief", "police chief", "transport minister", "justice minister",
)
_ORGS = (
    "the United Nations", "the African Union", "the European Union", "ASEAN",
    "the World Bank", "the International Monetary Fund", "the World Food Programme",
    "the Red Cross", "NATO", "the Arab League", "IGAD", "the Organization of American States",
    "the World Health Organization", "the International Atomic Energy Agency",
)
_TOPICS = (
    "border security", "grain exports", "a disputed oil field", "refugee returns",
    "electricity trade", "a new railway line", "fishing rights", "drug trafficking",
    "a stalled peace process", "fuel subsidies", "debt restructuring", "water sharing",
    "customs clearance", "a hostage release", "election monitoring", "port access",
    "cattle raids", "a fertiliser shortage", "visa rules", "wheat imports", "a mining licence",
)
_AGREE_VERBS = (
    "signed an agreement with", "reached a deal with", "held talks with", "agreed to work with",
    "opened negotiations with", "pledged closer ties with", "renewed a pact with",
)
_CONFLICT_VERBS = (
    "accused", "criticised", "warned", "threatened to sanction", "summoned the envoy of",
    "expelled diplomats from", "demanded an apology from", "rejected a proposal by",
)
_SAY_VERBS = ("said", "told reporters", "told a news conference", "said in a statement", "added")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTHS_SHORT = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
                 "Oct.", "Nov.", "Dec.")
_AGENCIES = ("Reuters", "AFP", "AP", "Xinhua", "Anadolu", "Bernama", "PTI")
_UNITS = ("people", "soldiers", "police officers", "families", "refugees", "migrants",
          "students", "workers", "farmers", "civilians")

# Templates: `{slot}` is filled from `_slots`, `[a|b|c]` picks one alternative (may be empty).
# Alternatives every two or three words keep 5-word shingles of unrelated articles apart, as in
# real copy: a corpus whose articles share long fixed phrases makes every pair a near-duplicate
# candidate for the dedup stage, which real news does not.
_HEADLINES = (
    "{country} and {country2} [agree on|strike deal on|settle row over|sign pact on] {topic} "
    "[after talks in {capital}|in {capital}|following {weekday} talks|]",
    "{country} [accuses|warns|criticises|threatens] {country2} over {topic}",
    "{adjective} {portfolio} [visits|flies to|heads to|arrives in] {capital2} [to discuss|"
    "for talks on|seeking deal on|amid row over] {topic}",
    "{org_title} [urges|calls on|presses|asks] {country} and {country2} to [settle|resolve|"
    "end|defuse] {topic} [dispute|row|standoff|spat]",
    "{count} {unit} [affected|displaced|stranded|hit] as {country} [tightens|changes|"
    "suspends|reviews] rules on {topic}",
    "[Talks|Negotiations|Meeting] on {topic} between {country} and {country2} [end|close|"
    "break up] without [deal|agreement|breakthrough]",
    "{region} [protests|clashes|strikes|unrest] [spread|escalate|ease|continue] as {country} "
    "[debates|weighs|delays|rejects] {topic} [plan|bill|reform|measures]",
)
_SENTENCES = (
    "{country} {verb_agree} {country2} on {weekday} [to cooperate on|over|on|to resolve "
    "differences over] {topic}, [officials from both governments|diplomats|"
    "government spokesmen|people familiar with the talks] said.",
    "{Minister} {say} [that the two sides|both delegations|the negotiators] had [agreed|"
    "promised|decided|undertaken] to [meet again|reconvene|hold another round] within "
    "{days} days.",
    "The {adjective} {portfolio}, {name}, said {country} would [send|deploy|move|dispatch] "
    "{count} {unit} to {region} [by the end of|before|in early|in late] {month}.",
    "{country} {verb_conflict} {country2} [on|late on|early on] {weekday}, [saying|arguing|"
    "complaining|alleging] [its neighbour|the other side|{capital2}] had [failed to honour|"
    "ignored|broken|walked away from] [commitments|promises|pledges] on {topic}.",
    "\"We will not [accept|tolerate|allow] any [further|more|new] [delay|excuses|"
    "provocations],\" {name} {say}[, according to a transcript|| in {capital}| on {weekday}].",
    "[Trade|Two-way trade|Bilateral commerce] [between the two countries|across the border] "
    "[reached|hit|totalled|climbed to] {money} billion dollars [last year|in {year}], "
    "[up|down] {percent} percent [from a year earlier|on the previous year|year on year].",
    "{org} has [offered to mediate|proposed talks|sent observers|called for calm], and its "
    "[envoy|special representative|delegation|mission chief] is [expected|due|set to arrive] "
    "in {capital} [next week|within days|on {weekday}|before {month}].",
    "At least {count} {unit} have been [affected|displaced|evacuated|stranded] since "
    "{month}, [according to {source}|{source} said|{source} estimated].",
    "The [talks|meeting|session|negotiations] in {capital} [were|was] the first [at "
    "ministerial level|between leaders|of its kind|in public] since {year}.",
    "[Analysts|Economists|Bankers|Risk consultants] [said|noted|warned|believe] the "
    "[dispute|row|standoff|quarrel] over {topic} had [weighed on|hurt|dampened|held back] "
    "[investment|trade|tourism|growth] in {region} for [several|many|{small}] years.",
    "{name}, [a senior adviser to|an aide to|a spokesperson for|the chief of staff to] the "
    "{portfolio}, said a [joint committee|working group|task force|panel of experts] would "
    "[report|deliver findings|make proposals|meet again] within {days} days.",
    "[Opposition lawmakers|Rights groups|Business leaders|Union officials] in {capital2} "
    "[criticised|denounced|questioned|welcomed] the [deal|accord|plan|announcement], "
    "[saying|arguing|warning] it [gave too much ground|did too little|came too late|"
    "offered little] on {topic}.",
    "Under the [agreement|accord|deal|memorandum], the two [governments|sides|countries] "
    "will [open|build|staff|reopen] {small} [new|additional|joint] [crossing points|"
    "checkpoints|trade posts|liaison offices] and [share data|exchange information|"
    "coordinate] on {topic}.",
    "{country2} [denied|rejected|dismissed|disputed] the [accusation|claims|allegations|"
    "charge] and said it [remained committed to|was open to|still sought|would pursue] "
    "[dialogue|talks|a negotiated solution|diplomacy] with {country}.",
    "[Prices of staple goods|Food prices|Fuel prices|Consumer prices] in {capital} [rose|"
    "jumped|climbed|fell] {percent} percent in {month}, [the statistics office said|"
    "official data showed|according to {source}].",
    "[Diplomats|Officials|Observers|Participants] said the [meeting|session|exchange|"
    "dinner] had been [tense|cordial|difficult|frank|long] but [both delegations|the two "
    "sides|the ministers] [stayed until the end|agreed to keep talking|signed the minutes].",
    "{org} said in a [report|statement|briefing|note] on {weekday} that {count} {unit} in "
    "{region} [needed|required|were waiting for] [urgent|emergency|immediate] "
    "[assistance|food aid|shelter|medical care].",
    "The {adjective} [government|cabinet|treasury|parliament] has [set aside|approved|"
    "earmarked|pledged] {money} million dollars for {topic} [this year|over {small} years|"
    "in its budget].",
    "[Police|Security forces|Local authorities] said {small} people were [arrested|detained|"
    "injured|questioned] after [protests|clashes|demonstrations|a march] over {topic} in "
    "{region}.",
    "{Minister} is [due|expected|scheduled|set] to [travel to|visit|fly to] {capital2} in "
    "{month} for [a further round of|another round of|follow-up|final] talks.",
    "The two [countries|neighbours|governments] last [signed|concluded|agreed] a [major|"
    "comprehensive|landmark] [accord|treaty|pact] in {year}, [covering|on|dealing with] "
    "{topic} and [trade|security|migration|energy].",
    "[Officials|Border guards|Aid workers|Local leaders] said about {count} {unit} had "
    "[crossed the border|arrived in {region}|fled the area|returned home] in the past "
    "{days} days.",
    "[Shares|Bonds|The currency|Stocks] in {capital} [fell|rose|slipped|rallied] {percent} "
    "percent [after|as|when] [the news|the announcement|reports of the deal] [broke|spread|"
    "emerged] on {weekday}.",
    "{name}, [who|a veteran diplomat who|a former general who|an economist who] [leads|heads|"
    "chairs|runs] the {adjective} [delegation|team|commission], said [progress|the outcome|"
    "the result] [depended on|hinged on|would rest on] {topic}.",
    "[Farmers|Traders|Fishermen|Truck drivers] in {region} [complained|said|told reporters] "
    "that [delays|shortages|restrictions|new checks] had [cost them|wiped out|eaten into|"
    "halved] [their income|their savings|profits|sales] [this season|since {month}|"
    "for weeks].",
    "[The|A] [statement|communique|joint declaration|readout] [released|issued|published] "
    "after the [talks|meeting|summit] [made no mention of|did not address|skirted|"
    "referred only briefly to] {topic2}.",
    "[Satellite images|Local media|Residents|Witnesses] [showed|reported|described] "
    "[long queues|heavy traffic|troop movements|empty markets] [near|around|outside] "
    "{region} on {weekday}.",
    "[In|During|Earlier in] {month}, {country} [raised|cut|froze|doubled] [tariffs|quotas|"
    "fees|duties] on {topic2}, [a move|a decision|a step] that {country2} [called|described "
    "as|condemned as|saw as] [unfair|hostile|a breach of trust|premature].",
    "[Speaking|Writing|Posting] [on social media|in a televised address|at a rally|"
    "to parliament] on {weekday}, {name} [promised|vowed|pledged|undertook] to [protect|"
    "defend|compensate|support] {unit} in {region}.",
    "[Neither|None of the] [ministry|ministries|embassies|spokespeople] [responded|replied] "
    "to [requests|calls|emails|questions] [for comment|from {agency}|seeking comment] "
    "[on {weekday}|by late afternoon|by press time|].",
    "{org} [estimates|believes|has warned|calculates] that [roughly|nearly|more than|up to] "
    "{count} {unit} [could|may|might|would] [lose|need|be denied|struggle to find] "
    "[work|food|shelter|schooling] [if|as long as|while] {topic} [remains|stays] "
    "[unresolved|deadlocked|frozen|unsettled].",
    "[Last|Earlier this|Late last|In the first week of the] {month}, [envoys|mediators|"
    "deputy ministers|technical teams] from {capital} and {capital2} [drafted|outlined|"
    "exchanged|circulated] [proposals|a text|maps|lists of demands] on {topic}.",
    "[Turnout|Attendance|Participation] at [the rally|the vigil|the protest|the meeting] in "
    "{region} was [estimated|put|reported] at {count} by {source}.",
    "{adjective} [television|radio|newspapers|websites] [showed|carried|broadcast|published] "
    "[footage|images|pictures|interviews] of [crowds|convoys|queues|officials] [in|near|"
    "along] {region}.",
    "[Rail|Road|Ferry|Air] [links|traffic|services|connections] between {capital} and "
    "{capital2} [resumed|were suspended|remain limited|doubled] [after|following|despite] "
    "[the talks|the protests|heavy rain|a strike] [on {weekday}|in {month}|this week].",
    "[The IMF|The World Bank|A regional development bank|A ratings agency] [forecast|"
    "projected|expects] {adjective} [growth|inflation|unemployment|debt] [of|at|near] {percent} "
    "percent [in {year}|next year|this year].",
)
_SOURCES = (
    "local officials", "the interior ministry", "aid agencies", "the health ministry",
    "a government spokesman", "the provincial governor", "police", "the army",
    "state media", "the national disaster agency", "a United Nations official",
    "community leaders", "the central bank", "customs data",
)
_REGIONS = (
    "the border region", "the north", "the south", "the east", "the west", "the coastal strip",
    "the capital", "the highlands", "the delta", "the eastern provinces", "Marsabit county",
    "the Oromia region", "the Sahel belt", "the river valley", "the mining districts",
    "the port city", "the northern plains", "the frontier towns", "the island provinces",
    "the southern lowlands", "the refugee camps", "the industrial zone", "the oil fields",
)
_FURNITURE = (
    "Share this article", "More News", "Latest News", "Subscribe to our newsletter",
    "Related Articles", "Advertisement", "Share on Facebook",
)
_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class CorpusStats:
    """What `write_corpus` wrote: parameters, counts and a digest of all file bytes."""

    n_files: int
    size: int
    seed: int
    total_bytes: int
    n_with_dateline: int
    n_with_furniture: int
    sha256: str
    version: int = 0  # GENERATOR_VERSION that wrote it; 0 for manifests from before versions

    @property
    def mean_bytes(self) -> float:
        return self.total_bytes / self.n_files if self.n_files else 0.0


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    return items[int(rng.random() * len(items))]


def _person(rng: random.Random) -> str:
    return f"{_pick(rng, _FIRST_NAMES)} {_pick(rng, _SURNAMES)}"


def _slots(rng: random.Random) -> dict[str, str]:
    """One random filling for every template slot."""
    first = int(rng.random() * len(_COUNTRIES))
    second = (first + 1 + int(rng.random() * (len(_COUNTRIES) - 1))) % len(_COUNTRIES)
    country, capital, adjective = _COUNTRIES[first]
    country2, capital2, _adjective2 = _COUNTRIES[second]
    name = _person(rng)
    minister = _person(rng)
    portfolio = _pick(rng, _PORTFOLIOS)
    org = _pick(rng, _ORGS)
    return {
        "country": country, "capital": capital, "adjective": adjective,
        "country2": country2, "capital2": capital2,
        "name": name, "portfolio": portfolio,
        "Minister": f"{adjective} {portfolio.title()} {minister}",
        "org": org[0].upper() + org[1:], "org_title": org.removeprefix("the "),
        "topic": _pick(rng, _TOPICS), "topic2": _pick(rng, _TOPICS),
        "source": _pick(rng, _SOURCES), "agency": _pick(rng, _AGENCIES),
        "region": _pick(rng, _REGIONS),
        "verb_agree": _pick(rng, _AGREE_VERBS), "verb_conflict": _pick(rng, _CONFLICT_VERBS),
        "say": _pick(rng, _SAY_VERBS), "weekday": _pick(rng, _WEEKDAYS),
        "month": _pick(rng, _MONTHS), "unit": _pick(rng, _UNITS),
        "count": f"{rng.randint(12, 48_000):,}", "small": str(rng.randint(2, 40)),
        "days": str(rng.randint(7, 120)), "percent": str(rng.randint(2, 60)),
        "money": f"{rng.randint(1, 900) / 10:.1f}", "year": str(rng.randint(1994, 2024)),
    }


def _compile(template: str) -> _Template:
    """`a [b|c] {d}` -> (("a ",), ("b", "c"), (" {d}",))."""
    parts: list[tuple[str, ...]] = []
    position = 0
    for match in _ALTERNATIVES.finditer(template):
        parts.append((template[position:match.start()],))
        parts.append(tuple(match.group(1).split("|")))
        position = match.end()
    parts.append((template[position:],))
    return tuple(part for part in parts if part != ("",))


_COMPILED_HEADLINES = tuple(_compile(t) for t in _HEADLINES)
_COMPILED_SENTENCES = tuple(_compile(t) for t in _SENTENCES)


def _render(rng: random.Random, template: _Template, slots: dict[str, str]) -> str:
    """Pick one option per part, fill the slots, tidy spaces, capitalise the first letter."""
    text = "".join(part[0] if len(part) == 1 else _pick(rng, part) for part in template)
    text = " ".join(text.format(**slots).split())
    return text[0].upper() + text[1:]


def _headline(rng: random.Random, slots: dict[str, str]) -> str:
    return _render(rng, _pick(rng, _COMPILED_HEADLINES), slots)


def _dateline(rng: random.Random, capital: str) -> str:
    """`NAIROBI, March 12 (Reuters) -` and its common variants."""
    place = capital.upper()
    agency = _pick(rng, _AGENCIES)
    day = rng.randint(1, 28)
    shape = rng.random()
    if shape < 0.6:
        return f"{place}, {_pick(rng, _MONTHS)} {day} ({agency}) -"
    if shape < 0.8:
        return f"{place}, {_pick(rng, _MONTHS_SHORT)} {day} ({agency}) --"
    return f"{place} ({agency}) -"


def _paragraphs(rng: random.Random, slots: dict[str, str], budget: int) -> list[str]:
    """6-12 paragraphs of template sentences adding up to about `budget` characters."""
    n_paragraphs = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
    per_paragraph = max(budget // n_paragraphs, 1)
    # Templates are dealt from a shuffled deck, so one article repeats none until all are used.
    deck: list[_Template] = []
    paragraphs: list[str] = []
    for _ in range(n_paragraphs):
        sentences: list[str] = []
        length = 0
        while True:
            if not deck:
                deck = list(_COMPILED_SENTENCES)
                rng.shuffle(deck)
            if rng.random() < 0.3:  # a new minister, number or topic; same two countries
                kept = {key: slots[key] for key in ("country", "capital", "adjective", "country2")}
                slots = slots | _slots(rng) | kept
            sentence = _render(rng, deck.pop(), slots)
            # Stop at whichever side of the target is nearer, so sizes do not drift low.
            if sentences and length + len(sentence) / 2 > per_paragraph:
                break
            sentences.append(sentence)
            length += len(sentence) + 1
        paragraphs.append(" ".join(sentences))
    return paragraphs


@dataclass(frozen=True, slots=True)
class Article:
    text: str  # the whole file
    body: str  # what should remain after normalisation: no headline, byline, dateline, furniture
    has_dateline: bool
    has_furniture: bool


def make_article(rng: random.Random, size: int) -> Article:
    """One article of ~`size` bytes."""
    slots = _slots(rng)
    head = [_headline(rng, slots)]
    if rng.random() < BYLINE_SHARE:
        head.append(f"By {_person(rng)}")
    tail: list[str] = []
    has_furniture = rng.random() < FURNITURE_SHARE
    if has_furniture:
        if rng.random() < 0.5:
            tail.append(f"(Reporting by {_person(rng)}; Editing by {_person(rng)})")
        tail.extend(rng.sample(_FURNITURE, rng.randint(1, 3)))
    has_dateline = rng.random() < DATELINE_SHARE
    dateline = _dateline(rng, slots["capital"]) if has_dateline else ""
    fixed = sum(len(line) + 2 for line in head + tail) + len(dateline) + 1
    body = _paragraphs(rng, slots, size - fixed)
    lead = f"{dateline} {body[0]}" if dateline else body[0]
    text = "\n\n".join([*head, lead, *body[1:], *tail]) + "\n"
    return Article(text, "\n".join(body), has_dateline, has_furniture)


def article_path(root: Path, index: int) -> Path:
    folder = index // FILES_PER_FOLDER
    return (
        root
        / f"group-{folder // FOLDERS_PER_GROUP:02d}"
        / f"folder-{folder:04d}"
        / f"article-{index:06d}.txt"
    )


def write_corpus(root: Path, n: int, size: int = 3000, seed: int = 7) -> CorpusStats:
    """Write `n` distinct articles under `root` and a `corpus.json` manifest; return stats."""
    if n < 1:
        raise ValueError(f"n={n} must be >= 1")
    if size < 600:
        raise ValueError(f"size={size} must be >= 600 bytes (6 paragraphs of one sentence)")
    rng = random.Random(seed)
    digest = hashlib.sha256()
    seen_bodies: set[bytes] = set()
    total_bytes = n_dateline = n_furniture = 0
    made_folders: set[Path] = set()
    for index in range(n):
        while True:
            article = make_article(rng, size)
            # doc_id hashes the body alone: two files may share a headline, never a body.
            key = hashlib.sha256(article.body.encode("utf-8")).digest()
            if key not in seen_bodies:
                seen_bodies.add(key)
                break
        data = article.text.encode("utf-8")
        path = article_path(root, index)
        if path.parent not in made_folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_folders.add(path.parent)
        path.write_bytes(data)
        digest.update(data)
        total_bytes += len(data)
        n_dateline += article.has_dateline
        n_furniture += article.has_furniture
    stats = CorpusStats(
        n_files=n, size=size, seed=seed, total_bytes=total_bytes,
        n_with_dateline=n_dateline, n_with_furniture=n_furniture, sha256=digest.hexdigest(),
        version=GENERATOR_VERSION,
    )
    (root / MANIFEST_NAME).write_text(json.dumps(asdict(stats), indent=2) + "\n", encoding="utf-8")
    return stats


def read_manifest(root: Path) -> CorpusStats | None:
    """Stats of a corpus written earlier under `root`, or None if there is no manifest."""
    path = root / MANIFEST_NAME
    if not path.is_file():
        return None
    return CorpusStats(**json.loads(path.read_text(encoding="utf-8")))
