"""Outlets, and what they do to a story they reprint or publish.

An `Outlet` has a house style that stays the same across everything it publishes: blank-line
or one-line paragraphs, curly or straight quotes, a weather widget, a header block, the same
trailing furniture, the same boilerplate sentences (some that `wirewatch.ingest.normalise` strips,
like
"Share this article", and some it does not know, like "This story was auto-generated from a
syndicated feed."), bylines of its own staff, an author bio, an encoding. Since a few outlets
publish most of the copy, unrelated articles from one outlet share these lines.

Some outlets also print a long note under every story (an editor's note, an "about us"), so
short stories from one outlet share a paragraph.

`reprint` applies a random mix of the edits outlets make to wire copy (new headline, words
substituted, a paragraph moved or dropped, truncation at 40-90 % of the paragraphs or
mid-sentence with " ...", sometimes a paragraph or two of the outlet's own) and then `dress`es
the result in the outlet's page furniture. `dress` alone is used for an outlet's own stories
(rewrites), which get the furniture but no edits.
"""

from __future__ import annotations

import math
import random
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace

import lexicon
from textgen import Article, person, pick

# Lines wirewatch.ingest.normalise recognises as furniture.
KNOWN_TRAILING_FURNITURE: tuple[str, ...] = (
    "Share this article", "More News", "Latest News", "Subscribe to our newsletter",
    "Related Articles", "Advertisement", "Share on Facebook", "Most Read", "Trending Now",
    "Leave a comment", "You may also like", "Back to top", "Sign up for our newsletter",
)
# Outlet boilerplate wirewatch.ingest.normalise does not know; {outlet} and {domain} are filled in.
UNKNOWN_BOILERPLATE: tuple[str, ...] = (
    "This story was auto-generated from a syndicated feed.",
    "This article has not been edited by {outlet} staff and is published from a syndicated "
    "news service.",
    "{outlet} is not responsible for the content of external sites.",
    "Got a news tip? Email newsdesk@{domain}.",
    "The views expressed in syndicated content do not necessarily reflect those of {outlet}.",
    "For the latest headlines, keep checking our live coverage on {outlet} Online.",
    "Download the {outlet} app for breaking news alerts.",
    "Stay informed: get the {outlet} morning briefing in your inbox every weekday.",
    "We fact-check our stories; report an error to corrections@{domain}.",
    "Content from our partners at the news agency, with minor edits for style.",
    "{outlet} brings you the news that matters from across the region.",
    "Join the conversation in the comments below and keep it civil.",
    "Readers can reach the newsroom on WhatsApp at +{phone}.",
    "This content is provided by a third-party wire service and may be updated.",
    "If you value independent journalism, consider supporting {outlet} today.",
    "Our reporters work around the clock to bring you this coverage.",
)
# A longer note some outlets print under every story; wirewatch.ingest.normalise keeps it.
ABOUT_NOTES: tuple[str, ...] = (
    "Editor's note: {outlet} publishes agency copy from partner news services alongside its "
    "own reporting. Agency stories are edited for length and house style but are not "
    "independently verified by our newsroom. For corrections, complaints or syndication "
    "requests, write to editor@{domain}.",
    "About {outlet}: founded in {year}, {outlet} is an independent news organisation covering "
    "politics, business and society across the region. Our journalists are based in {city} and "
    "work with a network of freelance correspondents and partner agencies.",
    "{outlet} is committed to accurate, fair and independent reporting. If you believe this "
    "story contains an error, please contact our standards editor at standards@{domain}. We "
    "read every message and publish corrections promptly, with a note explaining what changed.",
    "This report is part of {outlet}'s coverage of regional diplomacy and security, supported "
    "by readers in {city} and abroad. Reproduction of this article, in whole or in part, "
    "requires the written permission of the publisher and of the originating news agency.",
    "{outlet} runs agency stories as received, apart from headlines and minor cuts for space. "
    "Opinions quoted are those of the people interviewed. Our own correspondents in {city} "
    "contribute follow-up reporting where they can add local context for our readers.",
    "Why you can trust {outlet}: our newsroom follows a published code of ethics, separates "
    "news from opinion and discloses who funds our work. Read our editorial standards and "
    "our ownership statement at {domain}/about before sharing our stories.",
)
# Outlet-style substitutions: a reprint changes 1-5 of these words.
SUBSTITUTIONS: dict[str, tuple[str, ...]] = {
    "said": ("told reporters", "stated", "added"),
    "agreed": ("decided",),
    "signed": ("inked",),
    "talks": ("negotiations",),
    "officials": ("authorities",),
    "government": ("administration",),
    "about": ("around", "some"),
    "more than": ("over",),
    "percent": ("per cent",),
    "would": ("will",),
    "deal": ("agreement",),
    "accord": ("agreement",),
    "border": ("frontier",),
    "announced": ("unveiled",),
    "warned": ("cautioned",),
    "urged": ("called on",),
    "criticised": ("criticized",),
    "defence": ("defense",),
    "programme": ("program",),
    "countries": ("nations",),
    "help": ("assist",),
    "nearly": ("almost",),
    "roughly": ("approximately",),
    "began": ("started",),
    "the two countries": ("both countries",),
    "statement": ("communique",),
    "also ": ("",),
}
_SUBSTITUTABLE = re.compile(
    "|".join(
        rf"\b{re.escape(word)}" + ("" if word.endswith(" ") else r"\b")
        for word in sorted(SUBSTITUTIONS, key=len, reverse=True)
    )
)


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    home_city: str
    one_per_line: bool
    curly_quotes: bool
    header_share: float
    weather_share: float
    byline_share: float
    label_share: float
    bio_share: float
    patreon: bool
    staff: tuple[str, ...]
    beat: str  # what its correspondents cover, for author bios
    trailing_furniture: tuple[str, ...]
    boilerplate: tuple[str, ...]
    boilerplate_on_top: bool
    about: str | None  # long note under every story
    encoding: str  # "utf-8", "utf-8-sig" (with BOM) or "cp1252"
    newline: str


@dataclass(frozen=True)
class PageInfo:
    """What an outlet's page shows besides the story."""

    related_headline: str  # another story, for a "Read more:" line
    tags: str
    date_iso: str


def make_outlets(rng: random.Random, n: int) -> list[Outlet]:
    """`n` outlets with distinct names, each with a house style."""
    outlets: list[Outlet] = []
    names: set[str] = set()
    while len(outlets) < n:
        stem = f"{pick(rng, lexicon.OUTLET_PLACES)} {pick(rng, lexicon.OUTLET_NOUNS)}"
        if stem in names:
            continue
        names.add(stem)
        name = f"The {stem}" if rng.random() < 0.6 else stem
        domain = stem.lower().replace(" ", "") + pick(rng, (".com", ".net", ".co", ".news"))
        home = pick(rng, lexicon.COUNTRIES)
        phone = f"{rng.randint(20, 998)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        boilerplate = tuple(
            line.format(outlet=name, domain=domain, phone=phone)
            for line in rng.sample(UNKNOWN_BOILERPLATE, rng.randint(0, 2))
        )
        about = None
        if rng.random() < 0.3:
            about = pick(rng, ABOUT_NOTES).format(
                outlet=name, domain=domain, city=home.capital, year=rng.randint(1952, 2019)
            )
        outlets.append(
            Outlet(
                name=name,
                domain=domain,
                home_city=home.capital,
                one_per_line=rng.random() < 0.45,
                curly_quotes=rng.random() < 0.4,
                header_share=0.9 if rng.random() < 0.15 else 0.0,
                weather_share=0.85 if rng.random() < 0.15 else 0.0,
                byline_share=rng.choice((0.0, 0.3, 0.7, 0.9)),
                label_share=0.15 if rng.random() < 0.2 else 0.0,
                bio_share=0.7 if rng.random() < 0.2 else 0.0,
                patreon=rng.random() < 0.08,
                staff=tuple(person(rng, home.names_from)[0] for _ in range(rng.randint(2, 6))),
                beat=pick(rng, ("regional affairs", "diplomacy", "politics", "security",
                                "the economy", f"{home.name} and its neighbours")),
                trailing_furniture=tuple(
                    rng.sample(KNOWN_TRAILING_FURNITURE, rng.randint(0, 3))
                ),
                boilerplate=boilerplate,
                boilerplate_on_top=rng.random() < 0.3,
                about=about,
                encoding=_weighted_encoding(rng),
                newline="\r\n" if rng.random() < 0.06 else "\n",
            )
        )
    return outlets


def _weighted_encoding(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:
        return "cp1252"
    if roll < 0.07:
        return "utf-8-sig"
    return "utf-8"


def pick_outlets(rng: random.Random, outlets: Sequence[Outlet], weights: Sequence[float],
                 k: int) -> list[Outlet]:
    """`k` distinct outlets, popular ones more often."""
    chosen: list[int] = []
    total = sum(weights)
    while len(chosen) < min(k, len(outlets)):
        point = rng.random() * total
        index = len(weights) - 1
        for candidate, weight in enumerate(weights):
            point -= weight
            if point < 0:
                index = candidate
                break
        if index not in chosen:
            chosen.append(index)
    return [outlets[i] for i in chosen]


# --- edits ------------------------------------------------------------------------------------
def substitute_words(rng: random.Random, paragraphs: list[str], n: int) -> tuple[list[str], int]:
    """Replace `n` randomly chosen substitutable words (fewer if there are not enough)."""
    spots = [
        (index, match.start(), match.end(), match.group(0))
        for index, paragraph in enumerate(paragraphs)
        for match in _SUBSTITUTABLE.finditer(paragraph)
    ]
    if not spots:
        return paragraphs, 0
    chosen = sorted(rng.sample(spots, min(n, len(spots))), key=lambda s: (s[0], -s[1]))
    edited = list(paragraphs)
    for index, start, end, word in chosen:
        replacement = pick(rng, SUBSTITUTIONS[word])
        text = edited[index]
        edited[index] = text[:start] + replacement + text[end:]
    return edited, len(chosen)


def move_paragraph(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Move one paragraph after the lead to another place after the lead."""
    edited = list(paragraphs)
    source = rng.randint(1, len(edited) - 1)
    moved = edited.pop(source)
    target = source
    while target == source:
        target = rng.randint(1, len(edited))
    edited.insert(target, moved)
    return edited


def drop_paragraph(rng: random.Random, paragraphs: list[str]) -> list[str]:
    index = rng.randint(1, len(paragraphs) - 2)
    return paragraphs[:index] + paragraphs[index + 1 :]


def truncate(rng: random.Random, paragraphs: list[str]) -> tuple[list[str], float, str]:
    """Keep the first 40-90 % of the paragraphs, or cut mid-sentence at 40-90 % of the
    characters and add an ellipsis. Returns the paragraphs, the share of characters kept, and
    the kind of cut."""
    total = sum(len(p) for p in paragraphs)
    share = rng.uniform(0.4, 0.9)
    if rng.random() < 0.3:
        target = total * share
        kept = index = 0
        while index < len(paragraphs) - 1 and kept + len(paragraphs[index]) <= target:
            kept += len(paragraphs[index])
            index += 1
        cut = paragraphs[index].rfind(" ", 0, int(target - kept) + 1)
        if cut > 40:
            ellipsis = " ..." if rng.random() < 0.8 else "…"
            head = paragraphs[index][:cut].rstrip(",;:")
            return [*paragraphs[:index], head + ellipsis], (kept + len(head)) / total, "mid"
    keep = max(1, math.ceil(share * len(paragraphs)))
    result = paragraphs[:keep]
    return result, sum(len(p) for p in result) / total, "para"


_QUOTED = re.compile(r'"([^"\n]*)"')


def _curly(text: str) -> str:
    """Straight quotes to typographic ones; dashes between words to em dashes."""
    text = _QUOTED.sub(r"“\1”", text).replace('"', "”")  # an unpaired one closes a cut quote
    return text.replace("'", "’").replace(" -- ", " — ").replace(" - ", " — ")


def _byline(rng: random.Random, outlet: Outlet) -> str:
    name = pick(rng, outlet.staff)
    style = rng.random()
    if style < 0.6:
        return f"By {name}"
    if style < 0.8:
        return f"By {name} | {outlet.name}"
    return f"By {name}, {outlet.name}"


def dress(rng: random.Random, article: Article, outlet: Outlet, page: PageInfo,
          *, keep_byline: bool = True) -> bytes:
    """The file an outlet publishes for `article`: its page furniture around the story."""
    lines: list[str] = []
    headline = article.headline
    if outlet.label_share and rng.random() < outlet.label_share:
        headline = f"{pick(rng, ('BREAKING', 'UPDATE', 'EXCLUSIVE', 'Breaking news'))}: {headline}"
    elif rng.random() < 0.02:
        headline = headline.upper()

    header = ""
    if outlet.header_share and rng.random() < outlet.header_share:
        slug = re.sub(r"[^a-z0-9]+", "-", article.headline.lower()).strip("-")[:70]
        header = "\n".join([
            f"Title: {article.headline}",
            f"Outlet: {outlet.name}",
            f"Published: {page.date_iso}",
            f"URL: https://{outlet.domain}/{page.date_iso.replace('-', '/')}/{slug}",
        ])
    if outlet.weather_share and rng.random() < outlet.weather_share:
        lines.extend([f"{rng.uniform(-12, 38):.1f} C", outlet.home_city])
    if not header or rng.random() < 0.6:
        lines.append(headline)
    if rng.random() < 0.08:
        lines.append("Must read")
    if keep_byline and article.byline:
        lines.append(article.byline)
    elif outlet.byline_share and rng.random() < outlet.byline_share:
        lines.append(_byline(rng, outlet))
    if outlet.boilerplate_on_top:
        lines.extend(outlet.boilerplate)

    body = [article.lead(), *article.paragraphs[1:]]
    if article.end_marker:
        body[-1] = f"{body[-1]} {article.end_marker}"
    if len(body) > 3 and rng.random() < 0.12:
        gap = rng.randint(2, len(body) - 1)
        label = pick(rng, ("Read more", "Also read", "Read also", "See also"))
        body.insert(gap, f"{label}: {page.related_headline}")
    if len(body) > 3 and rng.random() < 0.04:
        body.insert(rng.randint(1, len(body) - 1), "Advertisement")
    if rng.random() < 0.04:
        width = rng.randint(68, 80)
        body = [textwrap.fill(paragraph, width) for paragraph in body]
    lines.extend(body)
    if article.credit:
        lines.append(article.credit)

    if not outlet.boilerplate_on_top and rng.random() < 0.9:
        lines.extend(outlet.boilerplate)
    if outlet.about and rng.random() < 0.95:
        lines.append(outlet.about)
    if outlet.bio_share and rng.random() < outlet.bio_share:
        lines.append(f"{pick(rng, outlet.staff)} is a correspondent covering {outlet.beat} "
                     f"for {outlet.name}.")
    if rng.random() < 0.08:
        lines.append(f"Tags: {page.tags}")
    if rng.random() < 0.85:
        lines.extend(outlet.trailing_furniture)
    if outlet.patreon:
        lines.append(f"Liked it? Take a second to support {outlet.name} on Patreon!")
    if rng.random() < 0.06:
        lines.append(f"© {page.date_iso[:4]} {outlet.name}. All rights reserved.")

    separator = "\n" if outlet.one_per_line else "\n\n"
    text = separator.join(lines) + "\n"
    if header:
        text = f"{header}\n\n{text}"
    if outlet.curly_quotes:
        text = _curly(text)
    if outlet.newline != "\n":
        text = text.replace("\n", outlet.newline)
    return _encode(text, outlet.encoding)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "cp1252":
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            return text.encode("utf-8")
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def reprint(rng: random.Random, source: Article, outlet: Outlet, page: PageInfo,
            new_headline: str | None, own_paragraphs: Sequence[str] = ()
            ) -> tuple[bytes, list[str]]:
    """`source` as `outlet` reprints it, and the list of edits made (for diagnostics).
    `own_paragraphs`, if any, are the outlet's own additions, inserted after the lead."""
    paragraphs = list(source.paragraphs)
    edits: list[str] = []
    if new_headline is not None:
        edits.append("headline")
    if rng.random() < 0.6:
        paragraphs, n_words = substitute_words(rng, paragraphs, rng.randint(1, 5))
        edits.append(f"words={n_words}")
    if len(paragraphs) >= 4 and rng.random() < 0.2:
        paragraphs = move_paragraph(rng, paragraphs)
        edits.append("moved")
    if len(paragraphs) >= 5 and rng.random() < 0.1:
        paragraphs = drop_paragraph(rng, paragraphs)
        edits.append("dropped")
    truncated = rng.random() < 0.5
    if truncated:
        paragraphs, share, how = truncate(rng, paragraphs)
        edits.append(f"cut-{how}={share:.2f}")
    if own_paragraphs:
        at = rng.randint(1, len(paragraphs))
        paragraphs[at:at] = own_paragraphs
        edits.append(f"own-paragraphs={len(own_paragraphs)}")
    dateline = source.dateline
    if dateline and rng.random() < 0.08:
        dateline = ""
        edits.append("no-dateline")
    keep_byline = rng.random() < 0.5
    article = replace(
        source,
        headline=new_headline or source.headline,
        dateline=dateline,
        paragraphs=paragraphs,
        credit=source.credit if not truncated and rng.random() < 0.5 else None,
        end_marker=source.end_marker if not truncated and rng.random() < 0.3 else None,
    )
    if outlet.curly_quotes:
        edits.append("curly")
    return dress(rng, article, outlet, page, keep_byline=keep_byline), edits
