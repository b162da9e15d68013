"""Sentence templates for the near-duplicate corpus, in a tiny grammar that `textgen.py`
compiles: `{slot}` is replaced by an event slot, `[a|b|c]` picks one alternative at random (an
empty alternative makes a part optional; alternatives nest).

Two disjoint template sets describe the same events:

- WIRE_* and each action's `wire_*` fields: agency copy (inverted pyramid, dateline, "said on
  Tuesday", "according to a copy seen by Reuters"); ORIGINAL documents and singletons.
- REWRITE_* and each action's `rewrite_*` fields: an outlet's own reporter writing up the same
  event (scene-setting leads, quotes up front, local voices, analysts); REWRITE documents, the
  hard negatives. Rewrites of one event draw different templates from these pools.

Quotes (QUOTES) are rendered once per event and shared by every article about it, since
reporters quote the same official; rewrites reuse some of them.

Many alternatives per template keep unrelated articles apart: two articles about different
events should share little beyond names of countries, officials and function words.
"""

from __future__ import annotations

from typing import NamedTuple


class ActionTemplates(NamedTuple):
    """What one kind of event (an agreement, sanctions, ...) says, in both styles."""

    # (topic, aim, measure): noun phrase, infinitive phrase without "to", noun phrase.
    topics: tuple[tuple[str, str, str], ...]
    units: tuple[str, ...]
    portfolios: tuple[str, ...]
    mood_a: str  # key of QUOTES for the acting side
    mood_b: str  # key of QUOTES for the other side
    wire_headlines: tuple[str, ...]
    alt_headlines: tuple[str, ...]  # outlets' headlines for reprints and rewrites
    wire_leads: tuple[str, ...]
    wire_details: tuple[str, ...]
    wire_specifics: tuple[str, ...]
    rewrite_leads: tuple[str, ...]
    rewrite_details: tuple[str, ...]
    rewrite_specifics: tuple[str, ...]


# Title used before a name, lower-case job, ministry that speaks for the portfolio.
PORTFOLIOS: dict[str, tuple[str, str, str]] = {
    "foreign": ("Foreign Minister", "foreign minister", "foreign ministry"),
    "interior": ("Interior Minister", "interior minister", "interior ministry"),
    "defence": ("Defence Minister", "defence minister", "defence ministry"),
    "trade": ("Trade Minister", "trade minister", "trade ministry"),
    "energy": ("Energy Minister", "energy minister", "energy ministry"),
    "finance": ("Finance Minister", "finance minister", "finance ministry"),
    "health": ("Health Minister", "health minister", "health ministry"),
    "transport": ("Transport Minister", "transport minister", "transport ministry"),
    "agriculture": ("Agriculture Minister", "agriculture minister", "agriculture ministry"),
    "deputy_pm": ("Deputy Prime Minister", "deputy prime minister", "government"),
    "security": ("National Security Adviser", "national security adviser", "presidency"),
    "development": ("Development Minister", "development minister", "development ministry"),
}

ORG_ROLES: tuple[str, ...] = (
    "special envoy", "spokesperson", "regional director", "commissioner", "deputy head",
    "chief of mission", "senior adviser", "country representative",
)
VENUES: tuple[str, ...] = (
    "the presidential palace", "the foreign ministry", "a hotel on the outskirts of the city",
    "the state guest house", "a conference centre near the airport", "the parliament building",
    "the prime minister's office", "a military base outside the capital",
    "the headquarters of the regional bloc", "a lakeside resort",
)
ANALYST_PLACES: tuple[str, ...] = (
    "the Institute for Security Studies", "Chatham House", "the International Crisis Group",
    "the University of {a_cap}", "a think tank in {b_cap}", "the Centre for Strategic Research",
    "a consultancy in {venue_city}", "the Regional Policy Forum", "an economic research firm",
    "the School of Oriental and African Studies", "a political risk consultancy",
    "the Peace Research Institute", "the {a_adj} Institute of International Affairs",
)
ANALYST_JOBS: tuple[str, ...] = (
    "a researcher at", "an analyst at", "a senior fellow at", "a professor at",
    "the director of", "an economist at", "a former diplomat now at",
)
LOCAL_JOBS: tuple[str, ...] = (
    "a trader", "a farmer", "a schoolteacher", "a taxi driver", "a shopkeeper", "a herder",
    "a nurse", "a fisherman", "a truck driver", "a local councillor", "a student", "a pastor",
    "a market vendor", "a retired civil servant", "a community leader", "a mechanic",
)
OPPOSITION_ROLES: tuple[str, ...] = (
    "an opposition lawmaker", "a senior opposition figure", "the leader of the main opposition "
    "party", "a member of parliament's foreign affairs committee", "an independent senator",
    "a former minister now in opposition",
)

QUOTES: dict[str, tuple[str, ...]] = {
    "coop": (
        "[This|Today's] [agreement|accord|step] [opens|marks|begins] a new [chapter|phase|page] in"
        " [the relations|the partnership|the friendship] between our [two countries|two nations|"
        "peoples].",
        "We [will|intend to|are determined to] [implement|honour|carry out] "
        "[every|each] [commitment|clause|provision] [we made today|in this document|of this deal]"
        " [in full|without delay|to the letter].",
        "[The people of|Families in|Communities in] {a_prov} [have waited|have been waiting] [too "
        "long|for years|a long time] for [this kind of|such|real] [cooperation|progress|action] on "
        "{topic}.",
        "[Nobody|No country] can [solve|handle|tackle] {topic} alone[, and today we proved that|. "
        "That is the lesson of the past years|].",
        "[There is|We have] [a lot of|much|serious] work [ahead|still to do|left to do], but [the "
        "direction is clear|we have the political will|both sides are committed].",
        "[When|Once] [the|our] [ministers|teams|experts] [meet again|sit down again|reconvene] in "
        "{month}, [we expect|we want|I hope] to see [concrete|measurable|visible] results [on the "
        "ground|for our citizens|in {a_prov}].",
        "{b} is [a reliable|a trusted|an important] [partner|neighbour|friend], and we [will|"
        "want to|intend to] [deepen|expand|broaden] [this|our] [cooperation|partnership] "
        "[in every field|in trade and security|beyond {topic}].",
        "[Our|The] [economies|markets|businesses] [need|depend on] [predictable|stable|open] "
        "[rules|borders|conditions], and [this|today's] [deal|accord] [gives|offers] them [exactly"
        " that|that certainty|a foundation].",
        "[Words|Signatures|Documents] are [not enough|only the beginning|the easy part]. [What "
        "matters|The real test|Our job now] is [implementation|what happens on the ground|delivery]"
        ".",
        "We [owe|promised] [this|it] to [the young people|the families|the workers] of {a_prov} "
        "[who|that] [have been|were] [hit hardest|most affected|left behind] by {topic}.",
    ),
    "hard": (
        "[We|Our government] will not [accept|tolerate|stand by while] [such|these] [actions|"
        "behaviour|provocations] [threaten|undermine|endanger] [our|the] [security|sovereignty|"
        "citizens].",
        "[The|This] [decision|measure|step] [was not|is not] taken lightly[, but {b} left us no "
        "choice|. It is a response to months of provocation|].",
        "[Those|Anyone] responsible for {topic} [will be held|must be held] [accountable|to "
        "account|responsible], [whoever they are|whatever their rank|at home or abroad].",
        "[Our patience|Our goodwill] [has limits|is not unlimited|has been tested], and [we have|"
        "{b} has] [reached|crossed] [them|that line|every red line].",
        "[We remain open to|The door remains open for|We are still ready for] [dialogue|talks|"
        "negotiation], but [only on the basis of|not at the expense of] [respect|our sovereignty|"
        "international law].",
        "[Every|Each] [option|measure|tool] [remains|is] on the table[, and we will use them if "
        "necessary|. We will decide at the right time|].",
        "[This|What happened] is [unacceptable|a serious violation|a grave breach] of [every norm|"
        "the most basic rules|international law] [between neighbours|between states|that governs "
        "relations between countries].",
        "[We have|Our services have] [clear|solid|documented] evidence, and [we|our partners] "
        "[will|are ready to] [share it|present it] [with the international community|at the "
        "United Nations|with our allies].",
        "[We|The government] [will protect|will defend|must protect] our [citizens|workers|"
        "farmers] and their [livelihoods|interests|safety][ by every legal means|].",
    ),
    "defend": (
        "[These|The] [accusations|allegations|claims] are [baseless|unfounded|false] and "
        "[politically motivated|aimed at a domestic audience|contradict the facts].",
        "{a} [is trying|wants|seeks] to [shift|divert] [attention|blame] from its own [failures|"
        "problems|responsibilities].",
        "We [reserve the right|will not hesitate] to [respond|take measures|defend our interests] "
        "[in kind|proportionately|by all legal means].",
        "[This|Such a] [step|decision|move] [does not help|will not help|harms] [anyone|the "
        "people of both countries|regional stability], and [we regret it|we call on {a} to "
        "reconsider|it will have consequences].",
        "[Our|The] [position|policy] [has not changed|remains the same|is well known]: [we "
        "respect|we have always respected|we abide by] [international law|our commitments|the "
        "agreements we signed].",
        "We have [asked for|requested|demanded] [an explanation|the evidence|clarification] "
        "and [received nothing|are still waiting|have had no answer].",
        "[If|Should] {a} [wants|want] [dialogue|a solution|better relations], [it knows where to "
        "find us|our door is open|it should stop issuing ultimatums].",
    ),
    "org": (
        "[We|The {org_short}] [urge|call on|encourage] [both sides|all parties|the two "
        "governments] to [exercise restraint|keep talking|resolve their differences through "
        "dialogue].",
        "[We welcome|We are encouraged by|We take note of] [this|today's] [step|development|"
        "announcement] and [stand ready|remain ready|are prepared] to [support|assist|help] "
        "[its implementation|both countries|the process].",
        "[The humanitarian|The human] cost of {topic} [is rising|is too high|cannot be ignored], "
        "and [the region|ordinary people|civilians] [cannot afford|deserve better than] "
        "[another setback|further delay|more uncertainty].",
        "[Lasting|Real|Durable] [solutions|progress|peace] will [only come|depend on|require] "
        "[trust|transparency|political will] [on both sides|from both capitals|and sustained "
        "funding].",
        "[Our teams|Our staff|We] [are on the ground|are present|have been working] in {a_prov} "
        "and [will|stand ready to] [monitor|report on|support] [the situation|implementation|"
        "those affected] [closely|every week|as long as needed].",
    ),
    "local": (
        "[We|My family|People here] [have|had] [lost|suffered|struggled] [a lot|for years|so "
        "much] because of {topic}.",
        "[I|We] [will believe it|will only trust it] when [I see|we see] [it on the ground|the "
        "results|real change].",
        "[Prices have gone up|Business has slowed down|Life has changed] [since|because of] "
        "[the crisis|the dispute|all this].",
        "[Nobody|No one] [asked|consulted] us. [The people|Those] who [decide|signed] [these "
        "things|this] [do not live here|never come here|live far away].",
        "[It is good news|It is a start|It is something], [but|though] [we have heard|we heard] "
        "[promises|nice words] [like this|before|many times].",
        "[My children|My neighbours|Half the village] [cross|crossed|used to cross] the border "
        "[every week|for work|to sell goods]. [We need|All we want is] [peace|calm|stability].",
        "[If|When] [it works|this holds], [it will change|it changes] [everything|our lives|"
        "business] here.",
    ),
    "analyst": (
        "[The|This] [deal|move|decision] [is|looks] [largely symbolic|more significant than it "
        "looks|a test of political will], [but|and] [implementation|the details|financing] will "
        "[decide|determine] [everything|its fate|whether it works].",
        "[Both|The two] governments [need|wanted] [a win|a headline|good news] [before|ahead of] "
        "[elections|the budget season|a difficult year], [and that|which] [explains|shapes] "
        "[the timing|a lot|much of this].",
        "[We have|The region has] seen [similar|comparable] [announcements|pledges|deals] "
        "[before|in the past], and [most|many] [of them|] [stalled|were never implemented|faded].",
        "[What matters|The key question|The real issue] is [whether|if] [the money|the troops|the "
        "officials] [actually arrive|show up|follow through][, and how quickly|, not the "
        "signatures|].",
        "[This|It] [changes|shifts|reshapes] the [balance|calculus|dynamics] [in the region|for "
        "neighbouring states|for {org}] [more than|far more than] [people|most observers] "
        "[realise|expect].",
    ),
}

# Official statements: rendered once per event from three sentences, printed word for word by
# the wire and, often, by the reporters who write the event up themselves.
STATEMENTS: dict[str, tuple[str, ...]] = {
    "coop": (
        "The two sides [reaffirmed|underlined|stressed] their [commitment|determination] to "
        "[strengthening|deepening|expanding] [cooperation|ties|relations] [in all fields|on the "
        "basis of mutual respect|for the benefit of both peoples], [in particular|including|"
        "especially] [on|in the area of] {topic}.",
        "[They|Both delegations] agreed to [set up|establish|convene] [a joint working group|"
        "an expert committee|a technical commission] [that will meet|meeting] [regularly|every "
        "{small} months|at least twice a year] to [monitor|review|oversee] [implementation|"
        "progress|the commitments made today].",
        "[The parties|Both governments|The two ministers] [welcomed|noted|praised] the "
        "[constructive|positive|friendly] [atmosphere|spirit|tone] of the [talks|meeting|"
        "discussions] and [expressed|voiced] [hope|confidence] that [the agreement|today's "
        "decisions|these steps] [would|will] [bring|deliver] [tangible|concrete|lasting] "
        "[benefits|results] to [communities in {a_prov}|people on both sides of the border|"
        "their citizens].",
        "[They|The two sides] [also|further] [discussed|exchanged views on] [regional|"
        "international|security] [issues|developments] of [common|mutual] [interest|concern], "
        "[including|notably] the situation in {b_prov} and the role of {org}.",
        "{a} [thanked|expressed its gratitude to] {org} for [its support|its facilitation|"
        "hosting the talks] and [invited|asked] [it|the organisation] to [continue|keep] "
        "[accompanying|supporting|assisting] the process.",
        "The next [meeting|session|round] [will be held|is to take place] in {b_cap} [in "
        "{month}|at a date to be agreed through diplomatic channels|before the end of the "
        "year].",
    ),
    "hard": (
        "The government [of {a}|in {a_cap}] [holds|considers] {b} [fully|directly|entirely] "
        "responsible for {topic} and [reserves the right|will not hesitate] to take [all|any] "
        "[necessary|appropriate|further] [measures|steps] to [protect|defend|safeguard] its "
        "[interests|citizens|sovereignty].",
        "[These|The] [actions|practices|violations] [are in breach of|contravene|violate] "
        "[international law|bilateral agreements|the principles of good-neighbourly relations] "
        "and [cannot be tolerated|will not go unanswered|undermine regional stability].",
        "{a} [calls on {b} to|urges {b} to|demands that {b}] [cease|halt|end] [such actions|"
        "these practices|all such activities] [immediately|without delay|forthwith] and "
        "[provide|offer] [full|credible|written] [guarantees|explanations|assurances].",
        "[The ministry|The government] [has informed|is informing|will inform] {org} and "
        "[its partners|friendly countries|the international community] [of|about] [the "
        "measures taken|its decision|these developments].",
        "[The measures|These steps] [take effect|enter into force|apply] [immediately|from "
        "{month}|within {days} days] and will [remain in place|be reviewed|stay in force] "
        "[until further notice|as long as necessary|depending on {b_pos} conduct].",
        "{a} [remains|stays] [open to|committed to|ready for] [dialogue|diplomacy|a negotiated "
        "solution] [on the basis of|grounded in|that respects] [international law|mutual "
        "respect|its legitimate interests].",
    ),
}

ACTIONS: dict[str, ActionTemplates] = {
    "agreement": ActionTemplates(
        topics=(
            ("border security", "set up joint border patrols and a shared early-warning centre",
             "the joint patrols"),
            ("a cross-border railway", "build a [railway line|rail link] between {a_prov} and "
             "{b_prov}", "the rail project"),
            ("electricity trade", "connect their power grids and trade surplus electricity",
             "the grid connection"),
            ("fishing rights", "[share|divide] fishing grounds and jointly police illegal "
             "trawling", "the fisheries arrangement"),
            ("labour migration", "open legal work routes and speed up the return of irregular "
             "migrants", "the migration arrangement"),
            ("counter-terrorism cooperation", "share intelligence on armed groups and train "
             "special forces together", "the security pact"),
            ("water sharing", "divide the waters of a shared river during the dry season",
             "the water-sharing plan"),
            ("customs procedures", "cut waiting times at border crossings with a single customs "
             "window", "the customs reform"),
            ("offshore gas", "jointly develop a gas field in waters both countries claim",
             "the gas project"),
            ("student exchanges", "grant scholarships and recognise each other's university "
             "degrees", "the scholarship scheme"),
            ("disease surveillance", "coordinate vaccination campaigns and share disease "
             "surveillance data", "the health programme"),
            ("farm trade", "remove tariffs on farm products and share seed research",
             "the farm trade arrangement"),
            ("cross-border payments", "link their payment systems and cut fees on remittances",
             "the payments link"),
            ("defence production", "jointly produce armoured vehicles and drones",
             "the defence production deal"),
            ("air links", "open direct flights between {a_cap} and {b_cap}", "the new air routes"),
            ("port access", "give {b_adj} exporters access to a port in {a_prov}",
             "the port arrangement"),
        ),
        units=("police officers and border guards", "engineers", "inspectors", "technical staff",
               "customs officers", "civil servants"),
        portfolios=("foreign", "interior", "trade", "energy", "transport", "deputy_pm", "health"),
        mood_a="coop",
        mood_b="coop",
        wire_headlines=(
            "{a}, {b} sign [deal|pact|agreement] on {topic}",
            "{a} and {b} agree to {aim}",
            "{a_adj}, {b_adj} [ministers|officials] [seal|sign] {topic} [accord|deal]",
            "{a} [signs|inks] {topic} agreement with {b}",
        ),
        alt_headlines=(
            "{a_cap} and {b_cap} [seal|strike] {topic} [pact|accord]",
            "[New|Landmark|Historic] {topic} deal [for|between] {a} and {b}",
            "{a_adj}-{b_adj} {topic} accord [signed|sealed] in {venue_city}",
            "What the {a}-{b} deal means for {topic}",
            "{a} and {b} [bet on|turn to] {measure} [after years of mistrust|to ease tensions]",
            "{a_off_last} and {b_off_last} [sign|agree] [deal|pact] on {topic}",
        ),
        wire_leads=(
            "{a} and {b} [signed|concluded] an agreement on {weekday} to {aim}, [officials from "
            "both governments said|the two governments said in a joint statement|according to "
            "officials from both sides].",
            "{a} and {b} agreed on {weekday} to {aim}, [in a deal signed in {venue_city}|under an "
            "accord reached after two days of talks|in what officials called a breakthrough on "
            "{topic}].",
            "{a} [signed|struck] a [deal|pact] with {b} on {weekday} under which the two countries "
            "will {aim}, [the {a_adj} government said|{a_pos} {a_ministry} said|according to a "
            "joint statement].",
        ),
        wire_details=(
            "The [agreement|accord|pact] was signed [in {venue_city}|at {venue}] by {a_adj} "
            "{a_title} {a_off} and {b_adj} {b_title} {b_off} [at the end of|after|following] "
            "[two days of|three days of|a round of] talks [hosted|facilitated|mediated] by {org}.",
            "{a_off} and {b_off} signed the documents [at {venue}|in {venue_city}] in the presence "
            "of [{org_short} {org_role} {org_off}|diplomats from {org}|{a_adj} {a_leader_title} "
            "{a_leader}].",
        ),
        wire_specifics=(
            "Under the [deal|agreement], the two countries will [deploy|assign|commit] {count} "
            "{unit} [to|for] {measure} [within {days} days|by the end of {month}|over the next "
            "{small2} years], according to a copy of the [agreement|text|document] seen by "
            "{agency}.",
            "{measure} will cost [about|around|roughly] {money}, [to be shared equally|to be "
            "split between the two governments|with support from {org}], [officials said|the "
            "statement said|the {a_ministry} said].",
            "The [accord|deal] also [provides for|includes|sets out] [a joint committee|a joint "
            "commission|a monitoring body] that will [meet|report] every {small} months [to "
            "review progress|to settle disputes|and publish its findings] on {topic}.",
        ),
        rewrite_leads=(
            "[After|Following] [months|years|a year] of [stop-start|difficult|on-off] "
            "negotiations, {a} and {b} have [put their names to|finally signed|sealed] [a deal|an "
            "accord|a pact] [that commits them|committing them] to {aim}.",
            "[Officials in|Leaders in] {a_cap} and {b_cap} [are hailing|have hailed|were "
            "hailing] [a new|the] [agreement|accord] on {topic} as a [turning point|breakthrough|"
            "fresh start] [after|following] [years|decades] of [mistrust|friction|stalled talks].",
            "[It took|It has taken] [two days|three rounds|a year] of [talks|negotiations] in "
            "{venue_city}, but {a} and {b} [now have|have] [a signed deal|an agreement|a "
            "framework] on {topic}.",
            "[The two neighbours|{a} and {b}] [say they will|have promised to|are pledging to] "
            "{aim}, [under|in] [a deal|an accord] [their ministers signed|sealed by their "
            "ministers] [this week|on {weekday}].",
        ),
        rewrite_details=(
            "The [document|text|deal], [signed|inked|initialled] [on {weekday}|this week|late on "
            "{weekday}] [at {venue}|in {venue_city}], [came out of|emerged from] [talks brokered "
            "by {org}|negotiations led by {a_off} and {b_off}|a process backed by {org}].",
            "[Representing|Signing for] {a} was {a_off}, [its|the country's] {a_title_lc}; "
            "[{b} sent|across the table sat] {b_off}, [its|the] {b_title_lc}.",
        ),
        rewrite_specifics=(
            "[On paper|In practical terms|Concretely], [the plan|the deal|the accord] [means|"
            "involves|calls for] [sending|putting|mobilising] {count} {unit} [to work on|behind|"
            "into] {measure}[, at a cost put at {money}| over the coming {days} days|].",
            "[The price tag|The bill|The cost], [put at|estimated at|reported to be] {money}, "
            "[will be shared|is to be divided|will be split] [between the two capitals|by both "
            "sides|with help from {org}].",
            "[A joint committee|A new commission|A small secretariat] [will|is to] [check|"
            "track|oversee] [progress|implementation] [and report|reporting] every {small} "
            "months, [officials say|according to the text|diplomats say].",
        ),
    ),
    "talks": ActionTemplates(
        topics=(
            ("a long-running border dispute", "narrow their differences over the demarcation "
             "of the border", "a joint demarcation commission"),
            ("the return of refugees", "prepare the voluntary return of refugees",
             "a return programme"),
            ("a stalled free trade agreement", "revive negotiations on a free trade agreement",
             "a working group on tariffs"),
            ("detained nationals", "secure the release of each other's detained nationals",
             "a prisoner exchange mechanism"),
            ("maritime boundaries", "settle competing claims to maritime boundaries",
             "a maritime commission"),
            ("debt relief", "restructure {b_pos} debts to {a}", "a new repayment schedule"),
            ("a fragile ceasefire", "consolidate a fragile ceasefire along the border",
             "a ceasefire monitoring mechanism"),
            ("nuclear safety", "agree inspections at a nuclear power plant near the border",
             "an inspection regime"),
            ("visa rules", "ease visa rules for students and business travellers",
             "a visa facilitation scheme"),
            ("a hydropower dam", "resolve a dispute over a hydropower dam on a shared river",
             "a technical committee on the dam"),
            ("gas transit fees", "agree new fees for gas pipelines that cross {a}",
             "a transit pricing formula"),
            ("airspace access", "reopen their airspace to each other's airlines",
             "a flight resumption plan"),
        ),
        units=("refugees", "families", "detainees", "fishermen", "traders", "people"),
        portfolios=("foreign", "foreign", "deputy_pm", "security", "finance", "energy"),
        mood_a="coop",
        mood_b="coop",
        wire_headlines=(
            "{a}, {b} hold talks on {topic}",
            "{a_adj}, {b_adj} ministers meet in {venue_city} over {topic}",
            "{a} and {b} agree to keep talking on {topic}",
            "{a} [hosts|holds] talks with {b} on {topic}",
        ),
        alt_headlines=(
            "[Progress|Slow progress|No breakthrough] in {a}-{b} talks on {topic}",
            "{a_cap} and {b_cap} [back at the table|resume dialogue] over {topic}",
            "[Talks|Negotiations] on {topic}: {a} and {b} [inch forward|agree next steps]",
            "{a_off_last} meets {b_off_last} [as|while] {topic} [dominates agenda|tops agenda]",
            "[Can|Will] {a} and {b} [finally|really] settle {topic}?",
        ),
        wire_leads=(
            "{a_adj} and {b_adj} [officials|ministers|negotiators] held talks in {venue_city} on "
            "{weekday} [in a bid to|to try to|in an attempt to] {aim}, [both sides said|according "
            "to a joint statement|officials said].",
            "{a} and {b} agreed on {weekday} to [set up|create|establish] {measure} [after|"
            "following] talks in {venue_city} [aimed at efforts|meant] to {aim}, [the two "
            "governments said|a joint statement said].",
            "[Senior|Top] {a_adj} and {b_adj} officials met in {venue_city} on {weekday} for "
            "[the first time in|their first talks in|the first formal talks in] {small2} years to "
            "[discuss|address|tackle] {topic}, [diplomats said|officials said].",
        ),
        wire_details=(
            "The {a_adj} delegation was led by {a_title} {a_off}, while {b_title} {b_off} headed "
            "the {b_adj} side, [according to|said] {a_pos} {a_ministry}.",
            "The talks [at {venue}|in {venue_city}] were [hosted|facilitated|chaired] by {org}, "
            "whose {org_role} {org_off} [shuttled between the delegations|opened the session|"
            "attended both days], [diplomats said|according to officials].",
        ),
        wire_specifics=(
            "The [two sides|delegations] agreed that {measure} would [report back|present "
            "proposals|meet] within {days} days, [according to the joint statement|the statement "
            "said|{agency} was told].",
            "[About|Some|Roughly] {count} {unit} [are affected by|have been caught up in|depend on"
            " a solution to] {topic}, according to [{org}|figures from {org}|{org_short} "
            "estimates].",
            "{a_off} told reporters the [meeting|session] had lasted [more than|nearly|about] "
            "{small} hours and [had been|was] [frank|constructive|difficult at times].",
        ),
        rewrite_leads=(
            "[For the first time in|After] {small2} years, [senior officials from|envoys of] {a} "
            "and {b} [sat down together|met face to face] [to talk about|over] {topic}.",
            "[Nobody expected a breakthrough|Expectations were low|Hopes were modest], and "
            "[none came|there was none|the talks delivered little], but {a} and {b} [at least|"
            "did] [agreed|agree] to keep talking about {topic}.",
            "[Diplomats|Negotiators] from {a} and {b} [spent|have spent] [two days|the week|long "
            "hours] in {venue_city} [trying|seeking] to {aim}.",
        ),
        rewrite_details=(
            "{a_off}, the {a_title_lc}, [led|headed] the {a_adj} team; {b_off} [spoke for|"
            "represented] {b}, [with|and] {org} [acting as host|in the chair|keeping the "
            "process on track].",
            "[Behind closed doors|Away from the cameras|In a closed session] [at {venue}|in "
            "{venue_city}], the [delegations|two teams] [went through|worked on|argued over] "
            "[a draft|the text|a list of proposals] [line by line|for hours|late into the night].",
        ),
        rewrite_specifics=(
            "[The main outcome|What came out of it|The one concrete result] [is|was] {measure}, "
            "[due to|expected to|supposed to] [report|deliver proposals] [within {days} days|by "
            "{month}].",
            "[At stake|What is at stake|Behind the talks] [are|is the fate of] [roughly|nearly|"
            "some] {count} {unit}, [according to {org}|by the count of {org}|if {org_short} "
            "figures are right].",
        ),
    ),
    "sanctions": ActionTemplates(
        topics=(
            ("human rights abuses", "", "{small} senior security officials"),
            ("alleged election fraud", "", "{small} officials of the electoral commission"),
            ("arms shipments to rebel groups", "", "{small} companies and {small2} individuals"),
            ("cyber attacks on government networks", "", "{small} state-linked technology "
             "firms"),
            ("support for armed groups", "", "{small} military commanders"),
            ("illegal fishing", "", "{small} shipping companies and their vessels"),
            ("money laundering", "", "{small} banks and exchange houses"),
            ("the crackdown on protesters", "", "{small} police commanders"),
            ("the detention of journalists", "", "{small} judges and prosecutors"),
            ("oil smuggling", "", "{small} tankers and their owners"),
        ),
        units=("people", "civilians", "voters", "activists", "families"),
        portfolios=("foreign", "finance", "foreign", "trade"),
        mood_a="hard",
        mood_b="defend",
        wire_headlines=(
            "{a} imposes sanctions on {b_adj} [officials|targets] over {topic}",
            "{a} sanctions {measure} in {b} over {topic}",
            "{a} [slaps|imposes] sanctions on {b} over {topic}",
        ),
        alt_headlines=(
            "{a_cap} [targets|hits] {b_adj} [officials|entities] with sanctions",
            "[New|Fresh|Tough] sanctions [on|against] {b} over {topic}",
            "{b} [vows|threatens] to retaliate [after|over] {a_adj} sanctions",
            "Why {a} [sanctioned|blacklisted] {measure}",
            "{topic} [row|dispute]: {a} [turns to|reaches for] sanctions",
        ),
        wire_leads=(
            "{a} imposed sanctions on {measure} [in|from] {b} on {weekday} over {topic}, "
            "[freezing any assets they hold in {a}|the {a_ministry} said|in the latest sign of "
            "worsening ties between the two countries].",
            "{a} [said|announced] on {weekday} it was imposing sanctions on {measure} from {b} it "
            "[accuses|blames] [of|for] {topic}, [barring them from entering the country|and "
            "freezing their assets|in a move that drew an angry response from {b_cap}].",
            "The {a_adj} government [blacklisted|sanctioned] {measure} [in|from] {b} on "
            "{weekday}, [citing|over|because of] {topic}, [according to a statement from|"
            "said] {a_pos} {a_ministry}.",
        ),
        wire_details=(
            "{a_adj} {a_title} {a_off} said the [measures|sanctions] [were a response to|followed"
            "] [reports by {org}|months of warnings|what {a_off_last} called mounting evidence] "
            "[of|about] {topic}.",
            "{b_pos} {b_ministry} [summoned|called in] {a_pos} ambassador in {b_cap} [hours "
            "later|on {weekday}|late on {weekday}], [state media|officials|diplomats] said.",
        ),
        wire_specifics=(
            "The {a_ministry} said the [individuals|targets] were [responsible for|involved in|"
            "linked to] {topic} [that had|which had] [affected|harmed|hurt] [at least|more than|"
            "about] {count} {unit} [since {month_prev}|over the past year].",
            "[Any|All] [property|assets] [they hold|belonging to them] [in {a}|under {a_adj} "
            "jurisdiction] [will be|are] [frozen|blocked], and {a_adj} [citizens|companies|banks] "
            "are [barred|prohibited] from [doing business|dealing] with them, [the statement said"
            "|according to the order].",
            "[It was|It is] the {nth} round of sanctions {a} has imposed on {b} since "
            "{year_prev}, [according to figures compiled by {agency}|officials said|a "
            "spokesperson said].",
        ),
        rewrite_leads=(
            "{a} has [turned to|reached for] [sanctions|financial penalties] [in its dispute|in "
            "its row] with {b} over {topic}, [targeting|blacklisting|going after] {measure}.",
            "[Tensions|Relations] between {a_cap} and {b_cap} [took|have taken] [another|a "
            "fresh] [turn for the worse|blow|hit] [this week|on {weekday}] [as|when] {a} "
            "[announced|unveiled|slapped] sanctions on {measure}.",
            "[Asset freezes|Travel bans|Frozen bank accounts] [now await|are now in store for|"
            "will hit] {measure} in {b}, [after|as] {a} [acted|moved] over {topic}.",
        ),
        rewrite_details=(
            "[The announcement|The decision] [came from|was made by] {a_off}, {a_pos} "
            "{a_title_lc}, [who|and the minister] [cited|pointed to] [reports by {org}|mounting "
            "evidence|months of warnings] [about|on] {topic}.",
            "{b_cap} [reacted swiftly|did not wait long|hit back within hours], [summoning|"
            "calling in] {a_pos} ambassador [to|for] [a dressing-down|an explanation|a formal "
            "protest].",
        ),
        rewrite_specifics=(
            "[Anyone|Any company|Any bank] [in|from] {a} [doing business|dealing] with the "
            "[blacklisted|sanctioned|targeted] [names|entities] [now risks|will face|faces] "
            "[heavy fines|prosecution|penalties].",
            "[By {org_short} estimates|According to {org}|If {org_short} figures are right], "
            "{topic} [has affected|has hurt|has harmed] [nearly|more than|some] {count} {unit}.",
        ),
    ),
    "condemnation": ActionTemplates(
        topics=(
            ("the detention of {small} {a_adj} citizens", "", "their immediate release"),
            ("a missile test near its coast", "", "an end to such tests"),
            ("the shelling of border villages in {a_prov}", "", "an end to the attacks"),
            ("the expulsion of aid workers", "", "their return"),
            ("repeated violations of its airspace", "", "guarantees that they will stop"),
            ("the seizure of a fishing boat registered in {a}", "",
             "the release of the crew and the vessel"),
            ("the construction of a dam upstream on a shared river", "",
             "a halt to the works"),
            ("an attack on its embassy in {b_cap}", "", "a full investigation"),
            ("military drills near the border", "", "the withdrawal of troops"),
            ("the mistreatment of {a_adj} migrant workers", "", "compensation for the victims"),
        ),
        units=("people", "residents", "villagers", "migrant workers", "fishermen"),
        portfolios=("foreign", "foreign", "defence", "interior"),
        mood_a="hard",
        mood_b="defend",
        wire_headlines=(
            "{a} condemns {b} over {topic}",
            "{a} [demands|calls for] {measure} [as|after] row with {b} [grows|deepens]",
            "{a} summons {b_adj} envoy over {topic}",
        ),
        alt_headlines=(
            "{a_cap} [furious|angry] over {topic}",
            "{topic}: {a} [protests|lodges protest] to {b}",
            "[Diplomatic row|Row] [erupts|deepens] between {a} and {b}",
            "{a_off_last} [slams|condemns] {b} over {topic}",
            "{b} [rejects|dismisses] {a_adj} [protest|accusations] over {topic}",
        ),
        wire_leads=(
            "{a} [condemned|denounced|strongly condemned] {topic} [on {weekday}|in a statement "
            "on {weekday}], [calling it|describing it as] [a violation of|a breach of|an affront "
            "to] [its sovereignty|international law|good-neighbourly relations] and demanding "
            "{measure}.",
            "{a} [summoned|called in] {b_pos} [ambassador|envoy|charge d'affaires] on {weekday} "
            "to protest against {topic}, [the {a_ministry} said|according to a statement], "
            "[and|as it] [demanded|called for] {measure}.",
            "{a_adj} {a_title} {a_off} on {weekday} [condemned|denounced] {topic} [as|calling it]"
            " [unacceptable|a grave provocation|a hostile act] and said {a} [expected|demanded] "
            "{measure}.",
        ),
        wire_details=(
            "A {a_ministry} statement said {b_pos} [ambassador|envoy] had been [handed|given] a "
            "[protest note|formal note of protest] and told that {a} [would|could] [review|"
            "reconsider] [cooperation|its ties] [if|unless] [the matter was|things were] "
            "[resolved|settled] [quickly|within {days} days].",
            "{b_adj} {b_title} {b_off} [rejected|dismissed] the [accusations|criticism|protest] "
            "[hours later|later on {weekday}], [according to|in comments carried by] [state "
            "media|the {b_adj} state news agency].",
        ),
        wire_specifics=(
            "[At least|Some|About] {count} {unit} [were|had been] [affected|displaced|caught up] "
            "[by|in] [the incident|the events] [in {a_prov}], according to [local authorities|"
            "{org}|the {a_adj} interior ministry].",
            "[It was|This was] the {nth} [such|similar] [incident|protest] [this year|since "
            "{month_prev}], [according to|based on] [figures compiled by {agency}|official figures|"
            "{a_adj} officials].",
        ),
        rewrite_leads=(
            "[Anger|Fury|Outrage] [is growing|grew|has been building] in {a_cap} [over|after] "
            "{topic}, with the government [now|on {weekday}] [demanding|insisting on] "
            "{measure}.",
            "[The row|The dispute|The spat] between {a} and {b} over {topic} [escalated|deepened|"
            "flared up again] [this week|on {weekday}], [as|when] {a_off} [went public|spoke out|"
            "lashed out].",
            "[For|In] {a_cap}, {topic} [was|is] [the last straw|a red line|one provocation too "
            "many], and [officials|ministers] [say|are saying] so [openly|loudly|in public].",
        ),
        rewrite_details=(
            "{b_pos} [ambassador|envoy] [was summoned|was called in] and handed a [stern|formal|"
            "strongly worded] [protest note|note], [diplomats said|officials "
            "said|the {a_ministry} said].",
            "{b_cap} [shrugged off|brushed aside|rejected] the [criticism|accusations], "
            "[with|and] {b_off} [insisting|saying] [nothing improper had happened|{a} had its "
            "facts wrong|the matter was an internal one].",
        ),
        rewrite_specifics=(
            "[Local officials|Authorities in {a_prov}|Residents] [say|said] [roughly|nearly|"
            "around] {count} {unit} [have been|were] [affected|displaced|caught up in it].",
            "[This is|It is|That makes it] [not the first|the {nth}] [incident|such "
            "incident|episode] [this year|since {month_prev}|in recent months].",
        ),
    ),
    "aid": ActionTemplates(
        topics=(
            ("flood relief", "help families displaced by floods in {b_prov}",
             "the flood relief package"),
            ("drought recovery", "support herders and farmers hit by drought in {b_prov}",
             "the drought response"),
            ("school reconstruction", "rebuild schools damaged in fighting in {b_prov}",
             "the school programme"),
            ("earthquake reconstruction", "rebuild homes destroyed by the earthquake in "
             "{b_prov}", "the reconstruction fund"),
            ("refugee assistance", "help {b} host refugees in camps in {b_prov}",
             "the refugee assistance package"),
            ("power generation", "build a solar power plant in {b_prov}", "the power plant"),
            ("food security", "import grain and fertiliser ahead of the planting season",
             "the food security package"),
            ("hospital construction", "build and equip {small} district hospitals",
             "the hospital project"),
            ("road building", "upgrade the main road linking {b_cap} and {b_prov}",
             "the road project"),
            ("clean water", "drill boreholes and repair water networks in {b_prov}",
             "the water programme"),
        ),
        units=("families", "people", "pupils", "farmers", "patients", "households"),
        portfolios=("development", "foreign", "finance", "health", "agriculture"),
        mood_a="coop",
        mood_b="coop",
        wire_headlines=(
            "{a} pledges {money} to {b} for {topic}",
            "{a} [to give|announces] {money} in aid to {b}",
            "{b} [gets|wins] {money} {a_adj} pledge for {topic}",
        ),
        alt_headlines=(
            "{money} [lifeline|boost] for {b} from {a}",
            "{a_cap} [steps in|comes to the rescue] with {topic} aid for {b}",
            "[Aid|Help] on the way: {a} [backs|funds] {measure}",
            "{b} [welcomes|thanks] {a} for {topic} [support|funding]",
            "Where {a_pos} {money} for {b} will go",
        ),
        wire_leads=(
            "{a} pledged {money} in [aid|assistance|grants and loans] to {b} on {weekday} to "
            "{aim}, [the two governments said|officials said|according to a joint statement].",
            "{a} will [give|provide|lend] {b} {money} to {aim}, {a_adj} {a_title} {a_off} said on "
            "{weekday} [during a visit to|on a visit to|after talks in] {b_cap}.",
            "{b} has [secured|received|been promised] {money} from {a} to {aim}, [the "
            "{b_adj} government said on {weekday}|officials in {b_cap} said on {weekday}].",
        ),
        wire_details=(
            "The [pledge|package|agreement] was announced [in {venue_city}|at {venue}] by {a_off} "
            "and {b_adj} {b_title} {b_off}, [who thanked|who praised|who welcomed] {a} for [its "
            "support|its solidarity|the swift response].",
            "{a_adj} {a_title} {a_off} said the [money|funds] would be [disbursed|released|paid] "
            "[in {small} instalments|over {small2} years|by the end of {month}] [and|, and that "
            "it would be] [audited by|monitored by|partly channelled through] {org}.",
        ),
        wire_specifics=(
            "[The money|The package|The funding] [is expected to|will] [reach|benefit|help] "
            "[about|around|some] {count} {unit} [over|within] the next {days} days, [officials "
            "said|the statement said].",
            "[Part|Half|A third] of the [money|package] will be [channelled|delivered|disbursed] "
            "through {org}, [which|and the agency] [will|is to] [oversee|monitor|audit] "
            "[spending|the projects|delivery].",
            "{org} [estimates|says] that [about|more than|nearly] {count2} people in {b_prov} "
            "[need|require] [humanitarian assistance|urgent help|food aid] [this year|until "
            "{month}].",
        ),
        rewrite_leads=(
            "[Help|Money|Relief] is [on its way|coming] to {b_prov}: {a} [has promised|is "
            "putting up|has committed] {money} to {aim}.",
            "[When|As] {a_off} [landed|arrived] in {b_cap} [this week|on {weekday}], [the "
            "minister|the visitor] [brought|came with|carried] [a|the] [promise|pledge|cheque] "
            "of {money} to {aim}.",
            "{b} [will get|is getting|has been promised] {money} from {a}, [money that|cash that"
            "|funds that] [officials|ministers] [say|hope] will [help|be used to] {aim}.",
        ),
        rewrite_details=(
            "[Receiving the pledge|Accepting the money|Standing beside the visitor], {b_off}, "
            "{b_pos} {b_title_lc}, [spoke of|called it|praised] [a gesture of solidarity|true "
            "friendship|timely support].",
            "[The funds|The money] [will be released|will arrive|is to be paid] [in stages|in "
            "{small} tranches|over {small2} years], [with|and] {org} [keeping watch over|"
            "auditing|monitoring] [how it is spent|spending|delivery].",
        ),
        rewrite_specifics=(
            "[If all goes to plan|If the money arrives on time|In theory], [roughly|nearly|"
            "around] {count} {unit} [should|will] [benefit|feel the difference|see help] [within"
            "|in the next] {days} days.",
            "[The needs are|Needs remain] [huge|vast|enormous]: {org} [puts|estimates] the number "
            "of people [needing help|in need] in {b_prov} at [about|more than|nearly] {count2}.",
        ),
    ),
    "military": ActionTemplates(
        topics=(
            ("joint naval exercises", "rehearse [search and rescue|anti-piracy|mine clearance] "
             "operations", "the naval drills"),
            ("air defence drills", "test how their air defence systems work together",
             "the air defence drills"),
            ("counter-insurgency training", "train units to fight armed groups in border areas",
             "the training mission"),
            ("border troop deployments", "reinforce posts along their common border",
             "the deployment"),
            ("a joint peacekeeping brigade", "form a joint brigade for regional peacekeeping "
             "missions", "the joint brigade"),
            ("disaster response exercises", "rehearse emergency responses to floods and "
             "earthquakes", "the disaster drills"),
            ("mountain warfare exercises", "practise operations in high-altitude terrain",
             "the mountain exercises"),
        ),
        units=("troops", "soldiers", "sailors", "personnel", "special forces"),
        portfolios=("defence", "defence", "security"),
        mood_a="coop",
        mood_b="coop",
        wire_headlines=(
            "{a}, {b} [begin|launch|start] {topic}",
            "{a} and {b} hold {topic} in {a_prov}",
            "{a_adj}, {b_adj} forces [begin|start] {topic}",
        ),
        alt_headlines=(
            "[Thousands of|Hundreds of] troops [in|join] {a}-{b} {topic}",
            "{a_cap} and {b_cap} [flex|show] military muscle with {topic}",
            "{topic} [signal|show] [closer|deepening] {a}-{b} defence ties",
            "[Why|What] {a} and {b} [are|were] [practising|rehearsing] in {a_prov}",
        ),
        wire_leads=(
            "{a} and {b} [began|launched|started] {topic} [on {weekday}|in {a_prov} on {weekday}]"
            " [to|in order to] {aim}, [the {a_adj} defence ministry said|military officials said|"
            "{a_pos} armed forces said].",
            "[Troops|Forces] from {a} and {b} [began|started] {topic} in {a_prov} on {weekday} "
            "[designed|intended] to {aim}, [according to|said] [a statement from the {a_adj} "
            "military|the {a_adj} defence ministry].",
        ),
        wire_details=(
            "{a_adj} {a_title} {a_off} and {b_adj} {b_title} {b_off} [attended|watched|observed] "
            "the [opening|first day|start] of {measure} [at|from] {venue}, [officials said|"
            "according to the statement].",
            "[Observers|Military attaches] from {org} [and|as well as] {small} other countries "
            "[were invited|will attend|are attending], [the ministry said|according to "
            "organisers].",
        ),
        wire_specifics=(
            "[About|Some|More than] {count} {unit}, [{small} warships|{small} aircraft|{small} "
            "helicopters] and [armoured vehicles|drones|support ships] are taking part in "
            "{measure}, which [will last|runs for] {small2} days, [the ministry said|according "
            "to the statement].",
            "{measure} will cost [about|around] {money}, [to be shared by the two countries|"
            "mostly paid by {a}], [a defence official said|according to budget documents seen "
            "by {agency}].",
        ),
        rewrite_leads=(
            "[Helicopters|Warships|Armoured columns] [roared|thundered|moved] [through|over|"
            "across] {a_prov} [this week|on {weekday}] as {a} and {b} [opened|kicked off] "
            "{topic}.",
            "[It is|This is] [the largest|one of the biggest|a rare] [show of|display of] "
            "[military|joint] [cooperation|force] between {a} and {b} [in years|in a decade|"
            "since {year_prev}]: {topic} [meant|designed] to {aim}.",
        ),
        rewrite_details=(
            "{a_off}, {a_pos} {a_title_lc}, [watched|followed] the [first day|opening "
            "manoeuvres] [alongside|together with] {b_off}, [who|and the {b_adj} minister] "
            "[had flown in|arrived] [for the occasion|the night before].",
            "[Guests|Observers] from {org} [and|plus] [a handful of|{small}] other [armies|"
            "countries] [were|have been] [invited|asked] [to watch|to observe].",
        ),
        rewrite_specifics=(
            "[Roughly|Around|Nearly] {count} {unit} [are involved|are taking part|have been "
            "mobilised], [backed by|supported by|with] [{small} aircraft|{small} ships|{small} "
            "helicopters], [for|over] {small2} days.",
            "[The exercise|It all] [comes at|costs] [a price of|roughly] {money}, [most of it|"
            "the bulk of it] [paid|borne] by {a}[, according to budget papers|].",
        ),
    ),
    "expulsion": ActionTemplates(
        topics=(
            ("espionage", "", "{small} {b_adj} diplomats"),
            ("interference in its elections", "", "{small} staff of the {b_adj} embassy"),
            ("remarks by {b_pos} ambassador", "", "the {b_adj} ambassador"),
            ("the alleged recruitment of fighters", "", "{small} {b_adj} diplomats"),
            ("a smuggling case involving embassy vehicles", "",
             "{small} employees of the {b_adj} embassy"),
            ("the alleged surveillance of exiled dissidents", "", "{small} {b_adj} diplomats"),
        ),
        units=("diplomats", "staff", "people"),
        portfolios=("foreign", "foreign", "interior", "security"),
        mood_a="hard",
        mood_b="defend",
        wire_headlines=(
            "{a} expels {measure} over {topic}",
            "{a} orders out {measure} [in|amid] {topic} row",
            "{a} expels [envoys|diplomats] of {b} over {topic}",
        ),
        alt_headlines=(
            "[Diplomatic expulsions|Expulsions] [deepen|widen] {a}-{b} rift",
            "{b} [vows|promises] response [as|after] {a} expels [diplomats|envoys]",
            "{a_cap} [kicks out|throws out] {b_adj} [diplomats|envoys]",
            "{topic}: {a} [orders|tells] {b_adj} [diplomats|staff] to leave",
        ),
        wire_leads=(
            "{a} [ordered the expulsion of|expelled] {measure} on {weekday} over [allegations of|"
            "accusations of|what it called] {topic}, [giving them|and gave them] {small2} days to "
            "leave the country, [the {a_ministry} said|according to a statement].",
            "{a} [declared|said it had declared] {measure} persona non grata on {weekday} "
            "[over|because of|citing] {topic}, [in a move likely to|in a step that could] "
            "[further strain|deepen the chill in] relations with {b}.",
        ),
        wire_details=(
            "{a_adj} {a_title} {a_off} said the [decision|step] [followed|came after] [an "
            "investigation by|a report from|months of monitoring by] [the security services|"
            "police|intelligence officials] [into|on] {topic}.",
            "{b_pos} {b_ministry} [said it would respond|promised a response|vowed to retaliate] "
            "[in kind|proportionately|in due course], [state media reported|according to "
            "{b_adj} state media].",
        ),
        wire_specifics=(
            "The [diplomats|staff] [must|have to] leave [within|in] {small2} days, [the "
            "statement said|according to the order|officials said], [and|while] {b_pos} embassy "
            "[will|would] [keep|retain] [about|some] {small} [staff|people|accredited "
            "diplomats].",
            "[It is|This is|It was] the [largest|second|first] expulsion of {b_adj} diplomats "
            "[since|from {a} since] {year_prev}, [according to {agency} records|diplomats said].",
        ),
        rewrite_leads=(
            "[Bags are being packed|Suitcases are being packed|Goodbyes are being said] at "
            "{b_pos} embassy in {a_cap}: {a} has [ordered|told] {measure} to leave over {topic}.",
            "[Relations|Ties] between {a} and {b} [hit|reached|sank to] a new low [this week|on "
            "{weekday}] [when|as] {a_cap} [sent home|expelled|threw out] {measure}.",
        ),
        rewrite_details=(
            "{a_off}, the {a_title_lc}, [pointed to|cited|invoked] [an investigation|a "
            "security service report|evidence gathered over months] [into|on|about] {topic}.",
            "{b_cap} [promised|vowed|threatened] to [respond|retaliate|hit back] "
            "[in kind|proportionately|soon], [with|and] {b_off} [calling|describing] the "
            "[move|expulsions] [\"a provocation\"|\"absurd\"|\"regrettable\"].",
        ),
        rewrite_specifics=(
            "[They have|The diplomats have|Those expelled have] {small2} days [to leave|to get "
            "out|before they must go]; [the embassy|{b_pos} mission] [will be left|is left] "
            "with [roughly|about] {small} [staff|people].",
            "[Not since|Not since the crisis of] {year_prev} [has|had] {a} [expelled|thrown "
            "out] [so many|this many] {b_adj} [diplomats|envoys] [at once|in one go].",
        ),
    ),
    "trade_dispute": ActionTemplates(
        topics=(
            ("steel imports", "", "a {pct} percent tariff"),
            ("poultry imports", "", "an import ban"),
            ("rice imports", "", "import quotas"),
            ("sugar imports", "", "a {pct} percent duty"),
            ("cement imports", "", "anti-dumping duties"),
            ("textile imports", "", "a {pct} percent tariff"),
            ("used car imports", "", "an import ban"),
            ("fertiliser imports", "", "new licensing rules"),
            ("solar panel imports", "", "anti-dumping duties"),
            ("dairy imports", "", "a {pct} percent levy"),
        ),
        units=("jobs", "workers", "tonnes", "farmers"),
        portfolios=("trade", "trade", "finance", "agriculture"),
        mood_a="hard",
        mood_b="defend",
        wire_headlines=(
            "{a} imposes {measure} on {b_adj} {topic}",
            "{a} [targets|hits] {topic} from {b} with {measure}",
            "{b} [protests|criticises] {a_adj} curbs on {topic}",
        ),
        alt_headlines=(
            "Trade [row|spat|war] [flares|looms] between {a} and {b}",
            "{a_cap} [clamps down on|curbs] {b_adj} {topic}",
            "{b} [threatens|warns of] WTO [case|complaint] over {a_adj} {measure}",
            "[Local producers cheer|Importers fume] as {a} [imposes|announces] {measure}",
        ),
        wire_leads=(
            "{a} [imposed|announced] {measure} on {topic} from {b} on {weekday}, [saying|arguing]"
            " [cheap imports|dumped goods|subsidised products] were [hurting|undercutting|"
            "threatening] [local producers|{a_adj} factories|domestic farmers].",
            "{a} [will impose|is imposing] {measure} on {topic} from {b} [from|starting] {month}"
            ", [its|the] {a_ministry} said on {weekday}, in a [move|step] [that|which] "
            "[{b_cap} called unjustified|drew protests from {b_cap}|could escalate a trade row].",
        ),
        wire_details=(
            "{a_adj} {a_title} {a_off} said the [measure|decision] [followed|came after] [an "
            "investigation|a six-month review|complaints from industry] [into|about] [pricing|"
            "subsidies|dumping] [by|of] {b_adj} [exporters|producers].",
            "{b_adj} {b_title} {b_off} said {b} would [consider|study|weigh] [a complaint to|"
            "taking the case to|legal action at] the World Trade Organization.",
        ),
        wire_specifics=(
            "{a_adj} [producers|industry groups|manufacturers] say [imports|shipments] [from "
            "{b}|of {topic}] [rose|jumped|surged] {pct2} percent last year and [put|threatened]"
            " [about|around|some] {count} {unit} at risk.",
            "{b} [exported|shipped|sold] goods worth [about|around|roughly] {trade_usd} to {a} "
            "last year, according to [customs data|trade figures|{org}].",
        ),
        rewrite_leads=(
            "[Cheap|Low-cost|Subsidised] {topic} from {b} [are about to get|just got] [a lot|"
            "much] more expensive: {a} is [slapping|putting] {measure} on them.",
            "[Factories|Producers|Farmers] in {a} [had long lobbied for|had been demanding|"
            "got what they wanted:] {measure} on {topic} from {b}[, and now they have it|].",
        ),
        rewrite_details=(
            "{a_off}, who [runs|heads|leads] {a_pos} {a_ministry}, [said|argued] [an "
            "investigation|a review|months of study] had [found|shown|uncovered] [dumping|unfair"
            " subsidies|below-cost pricing].",
            "[In {b_cap}|Across the border], {b_off} [floated|raised|mentioned] [a case at|a "
            "complaint to|legal action through] the World Trade Organization.",
        ),
        rewrite_specifics=(
            "[Imports|Shipments] [climbed|grew|shot up] {pct2} percent last year, [producers "
            "say|industry figures show|according to trade groups], [endangering|threatening|"
            "putting at risk] [roughly|some|nearly] {count} {unit}.",
            "[Overall|In total|All told], {b} [sells|sold] [roughly|about|some] {trade_usd} "
            "[worth of goods|of goods|in goods] to {a} [a year|each year|last year].",
        ),
    ),
    "border": ActionTemplates(
        topics=(
            ("smuggling", "", "the main crossing at {a_prov}"),
            ("a cholera outbreak", "", "all land crossings"),
            ("protests by truck drivers", "", "{small} border crossings"),
            ("security incidents", "", "its border"),
            ("a dispute over customs fees", "", "the main border crossing"),
            ("an influx of migrants", "", "{small} crossings"),
            ("attacks by armed groups", "", "the border in {a_prov}"),
        ),
        units=("trucks", "travellers", "traders", "people"),
        portfolios=("interior", "interior", "security", "health", "trade"),
        mood_a="hard",
        mood_b="defend",
        wire_headlines=(
            "{a} closes {measure} with {b} over {topic}",
            "{a} shuts border with {b}, citing {topic}",
            "{b} [protests|criticises] {a_adj} border closure",
        ),
        alt_headlines=(
            "[Trucks|Travellers|Traders] stranded as {a} [shuts|closes] border with {b}",
            "{a}-{b} border [closed|sealed] over {topic}",
            "{topic}: {a_cap} [seals|shuts] border",
            "[Queues|Chaos] at the {a}-{b} border [after|as] {a} [closes|shuts] crossings",
        ),
        wire_leads=(
            "{a} closed {measure} with {b} on {weekday} [because of|citing|over] {topic}, "
            "[leaving|stranding] [about|more than] {count} {unit} [on both sides|at the crossings"
            "], [officials said|according to officials].",
            "{a} [shut|sealed] {measure} with {b} on {weekday}, [its|the] {a_ministry} said, "
            "[citing|blaming] {topic} [and giving no date for reopening|in a move that {b} "
            "called unjustified].",
        ),
        wire_details=(
            "{a_adj} {a_title} {a_off} said the [closure|measure] would [last|remain in place] "
            "[at least|for] {days} days [and would be reviewed|while authorities assessed the "
            "situation].",
            "{b_adj} {b_title} {b_off} called the [decision|closure] [unjustified|"
            "disproportionate|unilateral] and [urged|asked] {a} to [reconsider|reopen the "
            "crossings], [state media|officials in {b_cap}] said.",
        ),
        wire_specifics=(
            "[About|Around|Some] {count} {unit} [normally|usually] [cross|pass through] [each "
            "day|every week], and trade through the [crossings|border] was worth about "
            "{trade_usd} last year, [according to|said] [customs data|{org}].",
            "{org} [urged|called on] both governments to [allow|let] [humanitarian cargo|aid "
            "convoys|medical supplies] through [despite|during] the closure.",
        ),
        rewrite_leads=(
            "[Long lines of|Hundreds of|Rows of] [trucks|travellers|traders] [sat|waited|were "
            "stuck] at the {a}-{b} border [this week|on {weekday}] after {a} [shut|closed] "
            "{measure}, [blaming|citing|pointing to] {topic}.",
            "[Overnight|Without warning|With hours of notice], {a} [closed|sealed] {measure} "
            "with {b}; [the reason|the official reason], [officials say|according to "
            "{a_cap}], is {topic}.",
        ),
        rewrite_details=(
            "{a_off}, the {a_title_lc}, [said|insisted] the [closure|measure] [would last|was "
            "needed for] [at least|a minimum of|about] {days} days.",
            "[In {b_cap}|On the other side], {b_off} [called|branded|described] the move "
            "[\"unjustified\"|\"unilateral\"|\"disproportionate\"] and [demanded|asked for] "
            "[an immediate reopening|talks|an explanation].",
        ),
        rewrite_specifics=(
            "[On a normal day|Usually|In normal times], [roughly|about|some] {count} {unit} "
            "[cross|use the crossings|pass through]; [trade|commerce] across the border [was "
            "worth|came to|reached] [nearly|about|roughly] {trade_usd} last year.",
            "[Aid agencies|{org_short} officials|Relief groups] [are pressing|have urged|want] "
            "[both governments|the two capitals] to [let aid through|make an exception for "
            "aid|keep a humanitarian corridor open].",
        ),
    ),
}

# --- generic paragraphs ---------------------------------------------------------------------
WIRE_ROLES: dict[str, tuple[str, ...]] = {
    "quote_a": (
        "\"{q_a1_c}\" {a_off_last} [told reporters|told a news conference|said] [after the "
        "meeting|in {venue_city}|on {weekday}].",
        "\"{q_a1_c}\" the {a_adj} {a_title_lc} said[ in a statement| at a joint press conference "
        "with {b_off_last}|].",
        "{a_off_last} [said|told reporters] {a} [was ready|stood ready|would be ready] to "
        "[act|move] [quickly|on its commitments]. \"{q_a1}\"",
    ),
    "quote_a2": (
        "\"{q_a2_c}\" {a_off_last} added.",
        "{a_off_last} added: \"{q_a2}\"",
        "\"{q_a2_c}\" {a_off_last} said, [according to|in remarks carried by] [a transcript "
        "released by the {a_ministry}|state television|the {a_adj} state news agency].",
    ),
    "quote_b": (
        "{b_off_last} said {b} [would|will] [study|review|examine] [the text|the details|the "
        "outcome] [carefully|in detail]. \"{q_b1_c}\" the {b_adj} {b_title_lc} said.",
        "\"{q_b1_c}\" {b_off_last} [told reporters|said] [in {b_cap}|later on {weekday}|in a "
        "separate statement].",
        "{b_adj} {b_title} {b_off} [struck a similar tone|responded|said] [on {weekday}|later].",
    ),
    "statement": (
        "In a [joint|] statement [issued|released] after the [meeting|talks|announcement], "
        "[the two sides|the governments|{a_pos} {a_ministry}] said: \"{statement}\"",
        "\"{statement_c}\" [the statement said|a statement from the {a_ministry} said|the "
        "two governments said in a statement].",
    ),
    "org": (
        "{org_short} {org_role} {org_off} [welcomed|praised|noted] the [move|step|announcement] "
        "and [urged|called on] [both sides|the two governments] to [follow through on their "
        "commitments|keep the channels of communication open|protect civilians].",
        "\"{q_org_c}\" {org_off_last} said in a statement [on {weekday}|late on {weekday}|"
        "issued in {venue_city}].",
        "In a statement, {org} said: \"{q_org}\"",
    ),
    "history": (
        "{a_pos} {a_leader_title} {a_leader} [visited|toured] {b_cap} in {month_prev}, the "
        "first such visit [in|for] {small2} years, [and|but] [the trip|that visit] [ended|"
        "closed] [without|with only] [a joint statement|a communique|concrete results].",
        "[Diplomats|Western diplomats|Regional officials] [have long said|have often noted] that"
        " {topic} [is|remains] [the main|the biggest|a persistent] [obstacle|irritant] [in|to] "
        "[relations|ties] between {a_cap} and {b_cap}.",
        "{a} and {b} [established|restored] diplomatic relations in {year_prev}, [but|and] "
        "[ties have been|relations have been] [strained by|tested by|marked by] [disputes|"
        "tension] over {topic}[ for most of the past decade| ever since|].",
        "The two countries last [signed|concluded] a [major|comprehensive|formal] [accord|"
        "agreement|pact] in {year_prev}, [but|although] [much of it|key parts of it] [was never"
        " implemented|stalled], [diplomats say|according to diplomats|officials have "
        "acknowledged].",
        "[Relations|Ties] between {a_cap} and {b_cap} have been [uneasy|strained|cool] "
        "since {year_prev}, when [a dispute|a row|clashes] over {topic} [led to|prompted|"
        "triggered] the [recall|withdrawal] of [ambassadors|envoys].",
    ),
    "economy": (
        "[The {a_adj} currency|{a_pos} benchmark stock index|{a_adj} government bonds] [rose|"
        "edged higher|slipped|fell] {pct_small} percent [on {weekday}|after the announcement], "
        "[traders said|according to market data|dealers in {a_cap} said].",
        "{a_pos} [foreign reserves|budget deficit|public debt] [stood at|reached|has climbed to] "
        "{debt} [at the end of {month_prev}|in {month_prev}|last year], [according to|the "
        "latest figures from] [the central bank|the finance ministry|the {org_short}].",
        "Trade between the two countries [was worth|reached|totalled] {trade_usd} last year, "
        "[up|down] {pct} percent [from|on] [a year earlier|the previous year], according to "
        "[official figures|{a_adj} customs data|the {a_adj} statistics office].",
        "{b} is {a_pos} [third|fourth|fifth|second]-largest trading partner, [buying|supplying] "
        "mainly [fuel|grain|machinery|textiles|fertiliser|vehicles] and [cement|steel|"
        "electronics|livestock|timber].",
        "The {a_adj} economy [grew|expanded] {pct_small} percent last year, [while|and] "
        "inflation [stood at|reached|eased to] {pct2} percent in {month_prev}, [central bank|"
        "official] data [show|showed].",
    ),
    "region": (
        "[Aid agencies|{org_short} officials] say [roads|the roads] [into|across] {a_prov} are "
        "[often impassable|washed out|unsafe] [during the rainy season|for months each year|at "
        "night], [slowing|hampering] [deliveries|trade|patrols] [to|in] the area.",
        "[Many|Most] [residents|families] in {a_prov2} [speak the same language as|share a "
        "language with|share dialects with] [communities|people] across the border in "
        "{b_prov}, "
        "[and|where] [intermarriage|seasonal migration|cross-border trade] [is common|is "
        "routine|has gone on for generations].",
        "The border between the two countries runs for about {km} km [through|across] "
        "[mountainous terrain|semi-arid grazing land|dense forest|desert|river valleys] [and is "
        "poorly policed|that is hard to patrol|where smuggling is common].",
        "[About|Roughly|Some] {count2} people live in {a_prov} [near|along|close to] the "
        "[border|frontier], [many of them|most of them] [herders|farmers|traders|fishermen] "
        "[who cross it regularly|who depend on cross-border trade|with relatives on both "
        "sides].",
        "{a_prov} has [seen|suffered|recorded] [repeated|frequent|sporadic] [unrest|outbreaks of"
        " violence|shortages] [since {year_prev}|in recent years], [and|while] [aid agencies|"
        "{org_short} officials] [say|estimate] {pct} percent of [its|the province's] residents "
        "[need help|live in poverty|lack clean water].",
    ),
    "domestic": (
        "{a_leader_title} {a_leader} faces [elections|a referendum|a confidence vote|party "
        "primaries] in {month}, [and|while] [the opposition has accused the government of|critics "
        "have accused the government of|rivals have accused ministers of] [being weak on|"
        "mishandling] {topic}.",
        "[Ministers|Government officials] in {a_cap} [have been|are] under [pressure|fire] "
        "[from|by] [trade unions|business groups|farmers' associations] [over|about] {topic} "
        "[since {month_prev}|for months|this year].",
        "[Protests|Demonstrations|Rallies] [over|about] {topic} [drew|brought out] [several "
        "thousand|hundreds of|about {small} thousand] people in {a_cap} in {month_prev}, "
        "[police said|organisers said|according to local media].",
        "[Lawmakers|Legislators|Members of parliament] in {b_cap} [are due to|will] [debate|"
        "discuss|question ministers on] {topic} [next week|in {month}|before the summer "
        "recess], the [speaker's office|parliamentary spokesperson] said.",
    ),
    "criticism": (
        "[Opposition lawmakers|Critics|Rights groups] in {a} [criticised|questioned|attacked] "
        "the [deal|decision|move], saying it had been [negotiated|agreed|taken] without "
        "[consulting|informing] [parliament|local leaders|civil society]. {opp}, {opp_role}, "
        "said [parliament|lawmakers] would [demand|seek] [a review|a debate|answers].",
        "{opp}, {opp_role} in {a_cap}, said the government had [given too much ground|acted "
        "too late|failed to explain the costs] and [called for|demanded] [a parliamentary "
        "inquiry|the publication of the full text|a debate].",
    ),
    "analyst": (
        "\"{q_analyst_c}\" said {analyst}, {analyst_desc}.",
        "{analyst}, {analyst_desc}, said [the|this] [step|move|decision] [was|would be] "
        "[closely watched|tested quickly|hard to reverse]. \"{q_analyst}\"",
    ),
    "next": (
        "The [agreement|measures|decision] [must still be|will have to be] [ratified|approved|"
        "endorsed] by {a_pos} [parliament|cabinet|council of ministers], which [meets|is due to "
        "meet] [next week|in {month}|later this month], [an official said|a {a_ministry} "
        "spokesperson said|officials said].",
        "[Officials from both sides|The two delegations|Technical teams] [will meet again|are "
        "due to reconvene|will hold a follow-up meeting] in {b_cap} [within {days} days|in "
        "{month}|before the end of the year], [according to the joint statement|the statement "
        "said|{a_spox_last} said].",
        "{a_pos} {a_ministry} spokesperson {a_spox} said [further|more] [details|steps] would "
        "be [announced|published|set out] [in the coming days|after the cabinet meets|by "
        "{month}].",
    ),
}

REWRITE_ROLES: dict[str, tuple[str, ...]] = {
    "quote_a": (
        "\"{q_a1_c}\" {a_off_last}, who [led|headed] the {a_adj} delegation, [said|told "
        "journalists|insisted].",
        "Speaking [to journalists|to the press|at a briefing] [in {venue_city}|afterwards|later "
        "that day], {a_off_last} [insisted|stressed|argued]: \"{q_a1}\"",
        "For {a_off}, the {a_title_lc}, the [message|point] was [simple|clear]: \"{q_a1}\"",
        "\"{q_a1}\" That was how {a_off_last} [summed up|described|framed] the [outcome|mood|day]"
        " [to reporters|afterwards].",
    ),
    "quote_a2": (
        "[Pressed|Asked] [on|about] [the details|the timetable|the cost], {a_off_last} "
        "[replied|answered|said]: \"{q_a2}\"",
        "\"{q_a2_c}\" [the minister|{a_off_last}] [went on|continued|said later].",
    ),
    "quote_b": (
        "{b_pos} {b_title_lc}, {b_off}, [struck a|took a] [more cautious|similar|firmer] "
        "[tone|line]. \"{q_b1}\"",
        "[On the other side|Across the table|For its part], {b} was represented by {b_off}. "
        "\"{q_b1_c}\" {b_off_last} said.",
        "\"{q_b1_c}\" [countered|replied|said] {b_off_last}, [speaking|who spoke] [in {b_cap}|"
        "to state television|on {weekday}].",
    ),
    "local": (
        "In {a_prov}, {local}, {local_job}, said the [news|announcement|decision] had been "
        "[met with|greeted with] [relief|scepticism|caution|anger] [locally|in the area|among "
        "neighbours]. \"{q_local}\"",
        "\"{q_local_c}\" said {local}, {local_job} [from|in|near] {a_prov}.",
        "[Residents|People] in {local_place} [were|seemed] [divided|sceptical|hopeful]. "
        "\"{q_local_c}\" said {local_last}, {local_job}.",
    ),
    "analyst": (
        "\"{q_analyst_c}\" said {analyst}, {analyst_desc}.",
        "[Not everyone is convinced|Analysts are cautious|Observers remain sceptical]. "
        "\"{q_analyst_c}\" {analyst}, {analyst_desc}, [told {paper}|said].",
        "{analyst}, {analyst_desc}, [sees it as|reads it as|calls it] [a gamble|a calculated "
        "move|a test]. \"{q_analyst}\"",
    ),
    "statement": (
        "[The official statement|A written statement|The communique] [read|said|was "
        "worded carefully]: \"{statement}\"",
        "[According to|In] [the text|the statement|a statement] [released|put out|issued] "
        "[afterwards|later|by the {a_ministry}]: \"{statement}\"",
    ),
    "org": (
        "[From|At] {org}, [the reaction|the response] was [positive|measured|cautious]: "
        "\"{q_org}\"",
        "{org_off}, {org_short} {org_role}, [weighed in|added a note of caution|also spoke]: "
        "\"{q_org}\"",
    ),
    "history": (
        "[Go back|Look back] [a few|{small2}] years and [the picture|the mood|the relationship] "
        "[was|looked] [very different|far worse|hardly better]: [in|by] {year_prev}, [the two "
        "capitals|{a_cap} and {b_cap}] were barely [on speaking terms|talking|exchanging "
        "letters].",
        "[When|The last time] {a_leader} [travelled|flew] to {b_cap}, in {month_prev}, [the visit"
        "|the trip] [produced|yielded|brought] [little more than|only|mostly] [handshakes|"
        "photographs|polite words].",
        "[It is|This is] not the first time [the two neighbours|{a} and {b}|the two governments]"
        " have [tried to|sought to|promised to] [settle|address|resolve] [their differences|"
        "matters] over {topic}: [a previous|an earlier|a similar] [accord|deal|understanding] "
        "[from|signed in] {year_prev} [collapsed|fell apart|was quietly shelved] [within "
        "months|amid mutual recriminations|after a change of government].",
        "Memories of {year_prev}, when [the two|both] [countries|capitals] [recalled|withdrew] "
        "their [ambassadors|envoys] over {topic}, [still weigh on|continue to shape|still "
        "colour] [the relationship|relations|every meeting].",
    ),
    "economy": (
        "[Markets|Investors|Traders] [took note|noticed|reacted]: [the {a_adj} currency|{a_adj} "
        "shares|{a_adj} bonds] [moved|shifted|swung] {pct_small} percent [within hours|by the "
        "close|that afternoon].",
        "[Public finances|The budget|State coffers] in {a} [are|remain] [stretched|under "
        "pressure|tight], with [debt|the deficit|reserves] [at|near|around] {debt}, [so|and] "
        "[every|each] [concession|commitment|dollar] [counts|matters|will be scrutinised].",
        "[According to|Going by figures from] the {a_adj} [statistics office|customs service|trade "
        "ministry], [bilateral|two-way] trade [amounted to|came to|stood at] [roughly|nearly|"
        "about] {trade_usd} [last year|in the most recent year], a [change|swing] of {pct} "
        "percent.",
        "[Money|Economics|Trade] [matters here too|is part of the story|is never far away]: "
        "{b} [buys|sells] [a large share of|much of] {a_pos} [fuel|grain|machinery|textiles|"
        "livestock] and [inflation|prices] in {a} [ran at|hit|reached] {pct2} percent in "
        "{month_prev}.",
    ),
    "region": (
        "[Drive|Travel|Head] [east|north|south|west] from {a_cap} for [a day|several hours|a "
        "long day] and [the roads give way to|the tarmac turns into|the asphalt becomes] "
        "[dirt tracks|gravel|potholes] [long before|well before] [you reach|one reaches] "
        "{a_prov2}.",
        "[Families|Clans|Communities] [straddle|live on both sides of] the [frontier|border]; "
        "[in|around] {b_prov}, [people|many] [have|keep] [relatives|cousins|land] [in|across "
        "the border in] {a_prov2}.",
        "[The|Their] [shared|common] border, [some|about|nearly] {km} kilometres long, "
        "[cuts through|crosses|winds through] [some of the region's poorest districts|remote "
        "country|rough terrain] where [smugglers|armed groups|traffickers] [operate|move] "
        "[largely unchecked|with relative ease|freely].",
        "[In|Across] {a_prov}, [home to|with] [roughly|some|about] {count2} people, "
        "[daily life depends|business depends|livelihoods depend] [heavily|largely] on what "
        "happens at the border.",
    ),
    "domestic": (
        "[At home|Domestically|Inside {a}], [the stakes|the politics] [are|look] [high|"
        "tricky|delicate]: {a_leader} [needs|faces] [a good result|a difficult vote|"
        "elections] [in {month}|this year|soon], and {topic} [is|has become] [a campaign "
        "issue|a sore point|a test of credibility].",
        "[In {b_cap}|On the {b_adj} side], [too|as well], [lawmakers|parliamentarians|party "
        "officials] [want|are demanding|have asked for] [a say|answers|details] [on|about] "
        "{topic}.",
        "[Unions|Business lobbies|Farmers' groups] in {a} [have made|made] {topic} [their|a] "
        "[rallying cry|top demand|main grievance] [this year|in recent months], and [ministers|"
        "the cabinet] [know|are aware] [it|that] [costs votes|matters at the ballot box].",
        "[Street protests|Rallies|Marches] [over|about] {topic} [filled|brought crowds to] "
        "[the centre of {a_cap}|{a_cap}|the streets of {a_prov}] [in {month_prev}|earlier this "
        "year|last spring], [a reminder|a signal] of [how raw|how sensitive] the [issue|subject] "
        "[remains|is].",
    ),
    "scene": (
        "[The mood|The atmosphere] [at|inside] {venue} was [tense|businesslike|relaxed|"
        "cordial], [according to|by the account of] [people who were there|participants|"
        "two officials present].",
        "[Flags|Cameras|Security guards] [lined|filled|surrounded] [the hall|the corridor|the "
        "entrance] [as|when] {a_off_last} and {b_off_last} [arrived|walked in|shook hands] "
        "[shortly before noon|in the late afternoon|after a delay of {small} hours].",
    ),
    "criticism": (
        "[Back in|In] {a_cap}, [the opposition|opposition parties|critics of the government] "
        "[were quick to|moved swiftly to] [denounce|condemn|pick apart] the [deal|move|"
        "announcement]. {opp}, {opp_role}, [called it|described it as|dismissed it as] [\"a "
        "blank cheque\"|\"a public relations exercise\"|\"a surrender\"|\"too little, too "
        "late\"].",
        "Not everyone in {a} is [pleased|happy|convinced]: {opp}, {opp_role}, "
        "[wants|is demanding|has called for] [a vote in parliament|the full text|a public "
        "debate] before [anything is implemented|any money is spent|ratification].",
    ),
    "next": (
        "[What happens next|The next step|Implementation] [depends on|will hinge on|rests "
        "with] [parliament|{a_pos} parliament|the cabinet], [which is expected to|which is due "
        "to|set to] [take up|debate|vote on] the [text|measure|agreement] [in {month}|next "
        "week|within weeks].",
        "[A follow-up meeting|Another round of talks|A further session] [is planned|is "
        "scheduled|has been pencilled in] [in {b_cap}|for {month}|within {days} days], "
        "[officials said|according to the {a_ministry}|diplomats said].",
    ),
    "closing": (
        "[For now|For the moment|Until then], [the people of {a_prov}|residents of the border "
        "areas|traders on both sides] [will be watching|are watching|will judge the outcome] "
        "[closely|by its results|to see whether anything changes].",
        "[Whether|If] [any of this|the promises|the plan] [survives|holds|works] [the next|"
        "the coming] [months|year|crisis] [remains to be seen|is another matter|is the real "
        "question].",
        "[As {local_last} put it|In the words of {local_last}|{local_last} sums it up]: "
        "\"[We will see|Time will tell|Let us wait and see].\"",
    ),
}

# Who writes the credit line of a Reuters story.
REUTERS_CREDIT = (
    "(Reporting by {reporter} in {venue_city}[; Additional reporting by {reporter2}|]; "
    "[Writing by {reporter3}; |]Editing by {editor})"
)
AP_CREDIT = "Associated Press writer {reporter2} in {b_cap} contributed to this report."
