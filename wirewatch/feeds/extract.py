"""HTML bytes -> article text and metadata, through trafilatura (given a parsed tree, never a
URL, so it fetches nothing).

Before trafilatura sees the page, every element whose text is code or hidden (script, style,
noscript, template, iframe, object, svg, ...) is removed and every event-handler attribute
dropped, so no script, style or handler text can reach a stored body whatever the extractor
keeps. The same extraction serves article pages of feeds and `.html` / `.htm` files of the
watched folder.

`article_text` writes the result as the metadata header the normaliser already reads
(`Title:`, `Author:`, `Outlet:`, `Published:`, `URL:`), then the text: feed articles and saved
pages go through the same normalise stage as `.txt` files.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import lxml.etree
import lxml.html

# Elements whose content is never article text.
_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "canvas",
    "form",
    "button",
    "select",
    "textarea",
)
_DROP_XPATH = " | ".join(f"//{tag}" for tag in _DROPPED_TAGS)
_MAX_LANG_HINT = 16


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    published: date | None
    language: str | None  # the page's own declaration (html lang, meta), not a detection
    sitename: str | None


def clean_tree(content: bytes | str) -> lxml.html.HtmlElement | None:
    """The page parsed, without code, hidden elements and event-handler attributes; None
    when it does not parse to any element."""
    try:
        tree = lxml.html.document_fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return None
    _clean(tree)
    return tree


def _clean(tree: lxml.html.HtmlElement) -> None:
    for element in tree.xpath(_DROP_XPATH):
        element.drop_tree()
    for element in tree.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        for name in [n for n in element.attrib if n.lower().startswith("on")]:
            del element.attrib[name]
    for comment in tree.xpath("//comment()"):
        comment.drop_tree()


def extract_html(
    content: bytes | str,
    url: str | None = None,
    *,
    with_date: bool = True,
    with_author: bool = True,
) -> Extracted | None:
    """Main text and metadata of an HTML page; None when nothing like an article is found.
    A caller that has the date or the author already (a feed entry's) passes False to skip
    looking for it.

    The page is parsed once. The metadata comes from trafilatura's own functions, chosen:
    `bare_extraction(with_metadata=True)` also looks for categories, tags, licence, image and
    description we do not keep, which took as long as a third of the extraction."""
    try:
        tree = lxml.html.document_fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return None
    from trafilatura import bare_extraction

    # Read before cleaning: JSON-LD lives in <script> elements, which cleaning drops.
    meta = _metadata(tree, url, with_date=with_date, with_author=with_author)
    _clean(tree)
    result = bare_extraction(tree, options=_extractor_options())
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        return None
    return Extracted(
        text=text,
        title=_one_line(meta.title),
        author=_one_line(meta.author),
        published=_date(meta.date),
        language=_one_line(tree.get("lang") or tree.get("xml:lang"), _MAX_LANG_HINT),
        sitename=_one_line(meta.sitename),
    )


def extract_page(
    content: bytes, url: str | None, with_date: bool, with_author: bool
) -> tuple[Extracted | None, float]:
    """`extract_html` and the seconds it took: what a worker process runs for a feed poll
    (positional arguments, as a process pool passes them)."""
    started = time.perf_counter()
    extracted = extract_html(content, url, with_date=with_date, with_author=with_author)
    return extracted, time.perf_counter() - started


def _metadata(
    tree: lxml.html.HtmlElement, url: str | None, *, with_date: bool, with_author: bool
) -> Any:
    """Title, author, date and site name, as trafilatura's `extract_metadata` finds them."""
    from htmldate import find_date
    from trafilatura import metadata as tm
    from trafilatura.settings import set_date_params

    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:  # a handle, not a name (as trafilatura does)
        meta.author = None
    with contextlib.suppress(Exception):  # its JSON-LD reader has bugs; meta tags still count
        meta = tm.extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = tm.extract_title(tree)
    if with_author and not meta.author and _may_have_byline(tree):
        meta.author = tm.extract_author(tree)  # a byline in the page, by its own heuristics
    if not with_author:
        meta.author = None
    # trafilatura's date options (extensive search), with today as the latest date.
    meta.date = find_date(tree, url=url or meta.url, **set_date_params(True)) if with_date else None
    if not meta.sitename:
        meta.sitename = tm.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
    return meta


def _may_have_byline(tree: lxml.html.HtmlElement) -> bool:
    """Whether trafilatura's byline search can find anything. It copies the whole tree and
    prunes comments, dates and figures from the copy before trying its author XPaths (a
    quarter of our extraction time on a page without a byline). Those XPaths test only
    element names and attribute values, each value for a word of `_BYLINE_WORDS` (or a
    longer string holding one), and pruning only removes elements: when no element here
    passes this looser test, none in the pruned copy passes theirs and the search returns
    None. A plain loop: their regular expressions call back into Python per element."""
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        if tag in _BYLINE_TAGS:
            return True
        attributes = element.attrib
        for name in _BYLINE_ATTRIBUTES:
            value = attributes.get(name)
            if value and any(word in value.lower() for word in _BYLINE_WORDS):
                return True
    return False


# A superset of what trafilatura's AUTHOR_XPATHS (trafilatura/xpaths.py, 2.3) look for.
_BYLINE_TAGS = frozenset({"author", "rel"})  # `//author`, and `rel='me'` (a child element)
_BYLINE_ATTRIBUTES = ("class", "id", "rel", "itemprop", "data-testid", "data-component")
_BYLINE_WORDS = (
    "author",
    "byl",  # byline, byl
    "bbl",
    "username",
    "screenname",
    "writer",
    "channel-name",
    "zuozhe",
    "bianji",
    "xiaobian",
    "submitted-by",
    "posted-by",
    "journalist-name",
)


@cache
def _extractor_options() -> Any:
    """trafilatura's options, built once: building them per page (a configparser read) cost
    a fifth of the extraction time. Imported here: trafilatura takes half a second to import,
    and a folder of .txt files never needs it. No URL: it only fills a field we do not use."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python",
        comments=False,
        tables=False,
        images=False,
        links=False,
        with_metadata=False,  # chosen metadata functions run in `_metadata`
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), code and hidden elements removed,
    block elements on their own lines."""
    if "<" not in fragment:
        return "\n".join(line.strip() for line in fragment.splitlines() if line.strip())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.xpath(" | ".join(f".//{tag}" for tag in _DROPPED_TAGS)):
        element.drop_tree()
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def article_text(
    body: str,
    *,
    title: str | None = None,
    author: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    url: str | None = None,
) -> str:
    """The body under the metadata header that wirewatch/ingest/normalise.py parses."""
    header = [
        f"{key}: {value}"
        for key, value in (
            ("Title", _one_line(title)),
            ("Author", _one_line(author)),
            ("Outlet", _one_line(outlet)),
            ("Published", published.isoformat() if published else None),
            ("URL", _one_line(url)),
        )
        if value
    ]
    if not header:
        return body
    return "\n".join(header) + "\n\n" + body


def _one_line(value: str | None, limit: int = 500) -> str | None:
    if not value:
        return None
    cleaned = " ".join(value.split())[:limit]
    return cleaned or None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
