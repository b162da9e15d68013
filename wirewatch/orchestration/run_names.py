"""Flow-run names that say what a run works on, for the Prefect UI's run lists: "ingest seeds →
wirewatch.duckdb" rather than a generated "clever-fox". Each is a `flow_run_name` callable; Prefect
calls it with no arguments once the run's parameters are known, so it reads them from the run's
context, falling back to the flow's own defaults for parameters the caller left out."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from prefect.context import FlowRunContext


def _parameter(name: str) -> Any:
    """The current run's value of parameter `name`, else the flow's default for it."""
    context = FlowRunContext.get()
    if context is None:
        return None
    if name in (context.parameters or {}):
        return context.parameters[name]
    fn = context.flow.fn if context.flow is not None else None
    if fn is None:
        return None
    declared = inspect.signature(fn).parameters.get(name)
    if declared is None or declared.default is inspect.Parameter.empty:
        return None
    return declared.default


def _basename(value: Any) -> str:
    """The last component of a path parameter, short enough for a run list ("." names the
    folder it means); "?" when the parameter is missing."""
    if not value:
        return "?"
    path = Path(str(value)).expanduser()
    name = path.name if path.name not in ("", "..") else path.resolve().name
    return name or str(value)


def ingest_run_name() -> str:
    return f"ingest {_basename(_parameter('path'))} → {_basename(_parameter('db'))}"


def recode_run_name() -> str:
    return f"recode → {_basename(_parameter('db'))}"


def recluster_run_name() -> str:
    return f"recluster → {_basename(_parameter('db'))}"


def feeds_run_name() -> str:
    scope = "all feeds" if _parameter("all_feeds") else "due feeds"
    return f"poll {scope} → {_basename(_parameter('db'))}"
