"""Extraction quality of wirewatch/feeds/extract.py on pages written for this benchmark, scored
the way trafilatura's own evaluation scores extractors: each page lists segments that must be
in the extracted text (`with`) and segments that must not (`without`: navigation, cookie
banners, comments, related links, newsletter boxes, scripts). A `with` segment found is a true
positive, missed a false negative; a `without` segment found is a false positive.

    .venv/bin/python bench/extract.py            # prints precision, recall, F1 and per page

Target (issue 17): F1 >= 0.90. The stories and page furniture are invented for this file.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from html import escape

from wirewatch.feeds.extract import extract_html

STORIES: list[tuple[str, list[str]]] = [
    (
        "Dockers in Valmora vote to end nine-day strike",
        [
            "Dock workers in Valmora voted by a large majority on Sunday to end a strike that "
            "had stranded dozens of cargo ships outside the harbour for nine days.",
            "The vote followed an offer from the port authority to raise night shift pay and "
            "to replace worn safety harnesses before the end of the year.",
            "Union officials said cranes would start moving again at dawn on Monday and that "
            "the backlog should clear within a fortnight.",
        ],
    ),
    (
        "Frost cuts northern apple harvest by a third",
        [
            "A late frost in the northern valleys destroyed about a third of this year's "
            "apple blossom, according to the first estimate by the growers' association.",
            "The agriculture ministry has promised inspections of the worst affected "
            "orchards before deciding whether farmers will receive compensation.",
            "Cooperatives warned that shoppers should expect higher prices for local fruit "
            "next autumn, while imports are likely to fill part of the gap.",
        ],
    ),
    (
        "Dunmore library reopens after long repair",
        [
            "The central library of Dunmore welcomed its first readers in three years on "
            "Wednesday, after repairs to a leaking roof and a flooded archive.",
            "More than forty thousand volumes were cleaned and catalogued again by staff and "
            "volunteers while the building was closed to the public.",
            "The rare maps room will open next month, the head librarian said, once the "
            "humidity in the new display cases has settled.",
        ],
    ),
    (
        "Ministers agree joint commission on river dispute",
        [
            "The foreign ministers of two neighbouring states agreed on Thursday to create a "
            "joint commission of engineers to study the flow of the disputed river.",
            "One side had accused the other of building a dam without consultation, a charge "
            "the other government rejected at a tense news conference.",
            "Diplomats said a second round of talks was planned for early next year in the "
            "capital of the downstream country.",
        ],
    ),
    (
        "Estuary rail bridge carries its first freight trains",
        [
            "The first freight trains crossed the new bridge over the Selva estuary on Friday "
            "after engineers finished their final load tests.",
            "The operator expects the link to cut forty minutes from journeys between the two "
            "industrial ports and to take hundreds of lorries off the coast road.",
            "Passenger services will follow in the spring once new signalling has been "
            "installed along the line.",
        ],
    ),
    (
        "Hospital opens new emergency wing ahead of winter",
        [
            "The regional hospital in Kessel opened a new emergency wing on Tuesday with "
            "forty extra beds, weeks before the winter peak in admissions.",
            "Doctors had warned for years that the old department was too small, with "
            "patients waiting on trolleys in corridors during busy nights.",
            "The health board said it had recruited sixty nurses for the wing and was still "
            "looking for specialists in intensive care.",
        ],
    ),
]

# Furniture every template may carry; none of it may reach the extracted text.
NAV = ["Home", "World", "Business", "Sport", "Weather"]
COOKIE = "We use cookies to improve your experience on our site. Accept all cookies"
NEWSLETTER = "Sign up for our morning briefing and get the headlines in your inbox"
RELATED = [
    "Ten things to know about the new tax rules",
    "Weekend weather: showers clearing from the west",
    "Quiz: how well do you know the coastline?",
]
COMMENTS = [
    "Great article, thanks for sharing this with us all.",
    "I disagree completely with the point about prices going up next year.",
]
FOOTER = "Contact us | Privacy policy | Terms of use | Advertise with us"
SCRIPT = "window.dataLayer = window.dataLayer || []; trackPageView('article');"
AD = "Advertisement: Save twenty percent on garden furniture this weekend only"
SHARE = "Share on Facebook Share on Twitter Email this story"


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    with_segments: list[str]
    without_segments: list[str]


def _paragraphs(paragraphs: list[str], wrap: str = "p") -> str:
    return "\n".join(f"<{wrap}>{escape(p)}</{wrap}>" for p in paragraphs)


def news_site(title: str, paragraphs: list[str]) -> str:
    nav = " ".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/r{i}">{r}</a></li>' for i, r in enumerate(RELATED))
    return f"""<!DOCTYPE html><html lang="en"><head><title>{escape(title)} - Courier</title>
<script>{SCRIPT}</script><style>body {{ font-family: serif }}</style></head><body>
<header><ul class="nav">{nav}</ul></header>
<div class="cookie-banner">{COOKIE}</div>
<main><article><h1>{escape(title)}</h1><p class="byline">By Mira Castell</p>
{_paragraphs(paragraphs)}
</article>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside></main>
<footer>{FOOTER}</footer></body></html>"""


def blog(title: str, paragraphs: list[str]) -> str:
    comments = "".join(
        f'<li class="comment"><p>{escape(c)}</p></li>' for c in COMMENTS
    )
    return f"""<html><head><title>{escape(title)}</title></head><body>
<div id="top-bar"><a href="/">Home</a> <a href="/about">About</a></div>
<div class="post"><h2 class="post-title">{escape(title)}</h2>
<div class="entry-content">{_paragraphs(paragraphs)}</div>
<div class="share-buttons">{SHARE}</div></div>
<section id="comments"><h3>2 comments</h3><ol class="comment-list">{comments}</ol></section>
<div class="widget newsletter">{NEWSLETTER}</div>
<script>{SCRIPT}</script></body></html>"""


def ad_heavy(title: str, paragraphs: list[str]) -> str:
    first, rest = paragraphs[:1], paragraphs[1:]
    related = "".join(f"<div class='teaser'><a href='/t{i}'>{r}</a></div>"
                      for i, r in enumerate(RELATED))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="{escape(title)}"><title>{escape(title)}</title></head>
<body><div class="masthead">Evening Chronicle</div>
<div class="content"><h1>{escape(title)}</h1>
{_paragraphs(first)}
<div class="ad-slot">{AD}</div>
{_paragraphs(rest)}
</div>
<div class="more-news">{related}</div>
<div class="subscribe-box">{NEWSLETTER}</div>
<div class="site-footer">{FOOTER}</div></body></html>"""


def plain_divs(title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<div class='para'>{escape(p)}</div>" for p in paragraphs)
    nav = " | ".join(NAV)
    return f"""<html><head><title>{escape(title)}</title></head><body>
<div class="menu">{nav}</div>
<div class="cookie-notice">{COOKIE}</div>
<div class="story"><div class="headline">{escape(title)}</div>
{body}</div>
<noscript>Please enable JavaScript to view the comments</noscript>
<div class="footer">{FOOTER}</div></body></html>"""


TEMPLATES = {"news_site": news_site, "blog": blog, "ad_heavy": ad_heavy, "plain_divs": plain_divs}
WITHOUT = {
    "news_site": [COOKIE, *RELATED, FOOTER, SCRIPT, "Weather"],
    "blog": [*COMMENTS, NEWSLETTER, SCRIPT, SHARE],
    "ad_heavy": [AD, *RELATED, NEWSLETTER, FOOTER, "Evening Chronicle"],
    "plain_divs": [COOKIE, FOOTER, "Please enable JavaScript", "Business | Sport"],
}


def pages() -> list[Page]:
    out = []
    for template_name, template in TEMPLATES.items():
        for index, (title, paragraphs) in enumerate(STORIES):
            out.append(
                Page(
                    name=f"{template_name}-{index}",
                    html=template(title, paragraphs),
                    with_segments=list(paragraphs),
                    without_segments=WITHOUT[template_name],
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()
    tp = fn = fp = tn = 0
    per_template: dict[str, list[int]] = {name: [0, 0, 0] for name in TEMPLATES}
    started = time.perf_counter()
    all_pages = pages()
    for page in all_pages:
        extracted = extract_html(page.html.encode("utf-8"))
        text = " ".join(extracted.text.split()) if extracted else ""
        counts = per_template[page.name.rsplit("-", 1)[0]]
        for segment in page.with_segments:
            if " ".join(segment.split()) in text:
                tp += 1
                counts[0] += 1
            else:
                fn += 1
                counts[1] += 1
                if args.verbose:
                    print(f"missed  {page.name}: {segment[:60]}")
        for segment in page.without_segments:
            if segment in text:
                fp += 1
                counts[2] += 1
                if args.verbose:
                    print(f"leaked  {page.name}: {segment[:60]}")
            else:
                tn += 1
    seconds = time.perf_counter() - started
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"pages: {len(all_pages)} ({len(TEMPLATES)} layouts x {len(STORIES)} stories)")
    for name, (t, n, f) in per_template.items():
        print(f"  {name:<11} with found {t}, missed {n}; without leaked {f}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  (target F1 >= 0.90)")
    print(f"accuracy {(tp + tn) / (tp + tn + fp + fn):.3f}; {seconds:.2f} s")


if __name__ == "__main__":
    main()
