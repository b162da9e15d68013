"""Feeds and article pages written for the feed tests (our own invented stories), in each
format the fetcher must read: RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.1."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    published: str  # ISO date
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


STORIES = {
    story.slug: story
    for story in (
        Story(
            "harbour-talks",
            "Harbour workers and port authority agree to resume talks",
            "2026-11-02",
            (
                "VALMORA, Nov 2 - Harbour workers in the port city of Valmora agreed on Monday "
                "to resume negotiations with the regional port authority after a strike that "
                "left dozens of cargo ships waiting offshore for nine days.",
                "The union leader told reporters that the workers wanted guarantees on night "
                "shift pay and safety equipment before any agreement could be signed.",
                "A spokesman for the port authority said the talks would begin on Wednesday "
                "and that managers were ready to discuss the pay scale in detail.",
                "Shipping companies welcomed the announcement and said the backlog of "
                "containers would take at least two weeks to clear once cranes moved again.",
            ),
        ),
        Story(
            "orchard-frost",
            "Late frost damages apple orchards across the northern valleys",
            "2026-11-03",
            (
                "Growers in the northern valleys counted their losses on Tuesday after an "
                "unusually late frost blackened blossoms in hundreds of apple orchards.",
                "The agriculture ministry said inspectors would visit the worst affected "
                "farms this week to estimate the damage before deciding on compensation.",
                "Several cooperatives warned that prices for local apples could rise sharply "
                "next autumn if the harvest falls by a third, as early estimates suggest.",
                "Farmers had lit fires between the rows overnight, but temperatures fell "
                "faster than forecast and the smoke gave little protection.",
            ),
        ),
        Story(
            "library-reopens",
            "City library reopens after three years of repairs",
            "2026-11-04",
            (
                "The central library of Dunmore reopened its doors on Wednesday after three "
                "years of repairs to its roof, reading rooms and flooded basement archive.",
                "The mayor cut a ribbon in front of a queue of readers that stretched around "
                "the square, and children were first through the doors.",
                "Librarians said more than forty thousand books had been cleaned and "
                "catalogued again, and that the rare maps collection would open next month.",
                "The repairs cost slightly less than planned, according to the council, "
                "because the old oak shelving could be restored rather than replaced.",
            ),
        ),
        Story(
            "border-ministers",
            "Foreign ministers of Arvania and Belstrom meet over river dispute",
            "2026-11-05",
            (
                "The foreign ministers of Arvania and Belstrom met on Thursday in the border "
                "town of Kessel to discuss the dispute over water from the Tarn river.",
                "Arvania accused Belstrom of building a dam without consultation, while "
                "Belstrom said the project would not reduce the flow downstream.",
                "Both ministers agreed to set up a joint commission of engineers to measure "
                "the river at six points during the coming dry season.",
                "Diplomats described the meeting as tense but useful, and a second round of "
                "talks is expected in the Arvanian capital early next year.",
            ),
        ),
        Story(
            "rail-bridge",
            "New rail bridge opens to freight trains after safety checks",
            "2026-11-06",
            (
                "A new rail bridge over the Selva estuary opened to freight trains on Friday "
                "after engineers completed a final round of load tests and safety checks.",
                "The railway operator said the bridge would cut the journey between the two "
                "industrial ports by forty minutes and take hundreds of lorries off the road.",
                "Passenger services are due to start in the spring once new signalling has "
                "been installed and tested along the whole line.",
                "Residents of the estuary villages had campaigned for years for the old "
                "swing bridge to be replaced after repeated breakdowns.",
            ),
        ),
        Story(
            "ministers-meet",
            "French and German foreign ministers meet in Paris over energy prices",
            "2026-11-07",
            (
                "PARIS, Nov 7 - The foreign minister of France met the foreign minister of "
                "Germany in Paris on Saturday to discuss rising energy prices and a shared "
                "plan for winter gas storage.",
                "France and Germany agreed to coordinate purchases of liquefied gas for the "
                "coming winter, officials from both governments told reporters after the talks.",
                "The two ministers also discussed aid to farmers hit by the late frost and "
                "promised to present a joint proposal to the other European governments.",
                "A further meeting is planned in Berlin in January, when energy ministers of "
                "both countries are expected to join the talks.",
            ),
        ),
    )
}


def article_page(story: Story, *, site: str = "Valley Courier", hostile: bool = False) -> bytes:
    """An article page with navigation, a footer and, if `hostile`, script, style and event
    handler text that must never reach a stored body."""
    paragraphs = "\n".join(
        f'<p onclick="HANDLER_TEXT_{i}()">{escape(p)}</p>' if hostile else f"<p>{escape(p)}</p>"
        for i, p in enumerate(story.paragraphs)
    )
    evil = (
        "<script>var SCRIPT_TEXT = 'document.cookie';</script>"
        "<style>.STYLE_TEXT { color: red }</style>"
        "<noscript>NOSCRIPT_TEXT please enable scripts</noscript>"
        if hostile
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(story.title)} | {site}</title>
<meta name="author" content="Mira Castell">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{story.published}T08:00:00Z">
{evil}
</head>
<body onload="ONLOAD_TEXT()">
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>{escape(story.title)}</h1>
{paragraphs}
</article></main>
<footer>Valley Courier, all rights reserved.</footer>
</body></html>""".encode()


def rss20(base: str, slugs: list[str], *, title: str = "Valley Courier") -> bytes:
    items = "\n".join(
        f"""<item><title>{escape(STORIES[s].title)}</title>
<link>{base}/articles/{s}.html</link><guid>urn:valley:{s}</guid>
<pubDate>{_rfc822(STORIES[s].published)}</pubDate>
<description>{escape(STORIES[s].paragraphs[0])}</description></item>"""
        for s in slugs
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>{base}/</link>
<description>News from the valleys</description>
{items}
</channel></rss>""".encode()


def rss10(base: str, slugs: list[str]) -> bytes:
    seq = "".join(f'<rdf:li resource="{base}/articles/{s}.html"/>' for s in slugs)
    items = "\n".join(
        f"""<item rdf:about="{base}/articles/{s}.html"><title>{escape(STORIES[s].title)}</title>
<link>{base}/articles/{s}.html</link><dc:date>{STORIES[s].published}T09:00:00Z</dc:date>
<description>{escape(STORIES[s].paragraphs[0])}</description></item>"""
        for s in slugs
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{base}/rdf"><title>Estuary Gazette</title><link>{base}/</link>
<description>RDF news</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>
{items}
</rdf:RDF>""".encode()


def atom(base: str, slugs: list[str]) -> bytes:
    entries = "\n".join(
        f"""<entry><title>{escape(STORIES[s].title)}</title>
<link rel="alternate" href="{base}/articles/{s}.html"/><id>tag:atom.test,2026:{s}</id>
<updated>{STORIES[s].published}T10:00:00Z</updated>
<summary>{escape(STORIES[s].paragraphs[0])}</summary></entry>"""
        for s in slugs
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Northern Atom Post</title>
<link href="{base}/"/><id>tag:atom.test,2026:feed</id><updated>2026-11-06T00:00:00Z</updated>
{entries}
</feed>""".encode()


def json_feed(base: str, slugs: list[str]) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Selva Daily JSON",
            "home_page_url": f"{base}/",
            "items": [
                {
                    "id": f"json-{s}",
                    "url": f"{base}/articles/{s}.html",
                    "title": STORIES[s].title,
                    "content_text": STORIES[s].paragraphs[0],
                    "date_published": f"{STORIES[s].published}T11:00:00Z",
                    "authors": [{"name": "Ilse Varga"}],
                }
                for s in slugs
            ],
        }
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>
<link>http://127.0.0.1/laughs</link></item></channel></rss>"""


def _rfc822(iso_day: str) -> str:
    day = date.fromisoformat(iso_day)
    return format_datetime(datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC))
