"""Error kinds shared by every stage.

A stage raises `TerminalError(reason=...)` for input that will never succeed as it is (the
pipeline turns it into a quarantine row carrying `reason`), and `TransientError` for failures
that may pass on their own (a locked database, a network hiccup), which tasks retry.
Anything else is a bug and fails the batch loudly.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base class of every error wirewatch raises on purpose."""


class TransientError(WirewatchError):
    """A failure that a retry may cure (lock held by another process, I/O hiccup)."""


class TerminalError(WirewatchError):
    """Input that cannot be processed as it is; `reason` is a stable quarantine code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class ConfigError(WirewatchError, ValueError):
    """A setting is missing, unknown or out of range; the message names the key."""


class StoreError(WirewatchError):
    """The database refused an operation in a way retrying will not fix."""


class DatabaseLockedError(TransientError):
    """Another process holds the DuckDB file open for writing."""


class SqlParseError(StoreError):
    """SQL a user typed that DuckDB's parser rejects; the message is the parser's."""
