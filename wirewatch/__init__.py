"""wirewatch: a news event pipeline.

One folder per pipeline stage, each plain Python that imports neither Prefect nor DuckDB:
`ingest` (scan, decode, normalise), `dedup` (reprint clusters), `coding` (CAMEO events) and
`analytics` (report, export). `store` is the only module that writes the DuckDB file. The
Prefect flows that compose the stages live in the top-level `flows/` folder of a checkout and
in `wirewatch.flows` inside the wheel.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wirewatch")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+source"
