"""The modules of the event coder, compiled by tools/build_coder.py with mypyc as one group (they
call each other's native classes and functions), in import order: each imports only modules
before it. Read by `wirewatch/coding/__init__.py` and, without importing the package, by the
build script; the Makefile's CODER_SOURCES lists the same files (tests/test_coder_build.py)."""

CODER_MODULES = ("actors", "lexicon", "sentences", "speakers", "patterns", "verbs", "matching",
                 "slots", "background", "modality", "dyads", "topic", "statements",
                 "events")
