"""Feeds stage: RSS, Atom and JSON Feed documents and the web articles they link to, fetched
with httpx under an address policy, parsed, and extracted to text (plain Python)."""
