"""OPML (a feed reader's subscription list) -> (feed URL, title) pairs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from wirewatch.errors import WirewatchError

_DECLARATIONS = re.compile(rb"<!(?:ENTITY|DOCTYPE)", re.IGNORECASE)
MAX_OPML_BYTES = 10 * 1024 * 1024


class OpmlError(WirewatchError):
    pass


def read_opml(content: bytes) -> list[tuple[str, str | None]]:
    """Every outline with an `xmlUrl`, at any depth, in document order, each URL once."""
    if len(content) > MAX_OPML_BYTES:
        raise OpmlError(f"larger than {MAX_OPML_BYTES} bytes")
    # The standard library's parser expands entities: a DOCTYPE is refused outright.
    if _DECLARATIONS.search(content):
        raise OpmlError("a DOCTYPE or entity declaration is not accepted in OPML")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise OpmlError(f"not well-formed XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"the root element is <{root.tag}>, not <opml>")
    found: dict[str, str | None] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in found:
            title = (outline.get("title") or outline.get("text") or "").strip()
            found[url] = " ".join(title.split()) or None
    if not found:
        raise OpmlError("no outline with an xmlUrl attribute")
    return list(found.items())
