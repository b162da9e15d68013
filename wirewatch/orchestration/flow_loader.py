"""Find the Prefect flows: `flows/` at the root of a source checkout, `wirewatch.flows` in the
wheel.

The flows are deployment entrypoints (`prefect.yaml` names `flows/<module>.py:<flow>`), so they
live at the top of the repository; the wheel carries the same files as `wirewatch/flows/`, so an
installed `wirewatch` never puts a top-level module named `flows` on anyone's path.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

_PACKAGES = ("wirewatch.flows", "flows")


def flow_module(name: str) -> ModuleType:
    """The module `name` of the flows folder, from the wheel or else from the checkout."""
    for package in _PACKAGES:
        try:
            return importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as exc:
            # Only "this layout has no such module" moves on; a missing dependency is an error.
            if exc.name not in (package, f"{package}.{name}", package.split(".")[0]):
                raise
    raise ModuleNotFoundError(f"no flows module {name!r} in {' or '.join(_PACKAGES)}")


def load_flow(module: str, flow_name: str) -> Any:
    """The Prefect flow object `flow_name` defined in flows/`module`.py."""
    return getattr(flow_module(module), flow_name)
