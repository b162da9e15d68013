"""Ingest stage: scan the watched folder, read files, decode, normalise, detect language."""
