"""Coding stage: canonical story bodies in, CAMEO events with actors, dates, places and tone out.

The event coder (`events` and the modules it is split into, `_coder_modules.CODER_MODULES`) may
be compiled in place by `tools/build_coder.py`. An extension is used only while every source of
the group is byte-identical to the one it was built from (the stamp `_compiled.json`);
otherwise, or with WIREWATCH_PURE_PYTHON=1, the whole group is loaded from its .py files, so an
edited source never runs stale machine code.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

from wirewatch.coding._coder_modules import CODER_MODULES

_PACKAGE_DIR = Path(__file__).resolve().parent
# Compiled as one group (the modules use each other's native classes): all from C or all from
# source, loaded in import order so that each finds the source modules it imports.
_COMPILED_GROUP = CODER_MODULES


def _load_compiled_group_from_source_when_stale() -> None:
    extensions = [p for name in _COMPILED_GROUP for p in _PACKAGE_DIR.glob(f"{name}.*.so")]
    if not extensions:
        return
    force_pure = os.environ.get("WIREWATCH_PURE_PYTHON", "") not in ("", "0")
    if not force_pure:
        stamp_path = _PACKAGE_DIR / "_compiled.json"
        try:
            stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stamp = {}
        stale = [name for name in _COMPILED_GROUP
                 if stamp.get(f"wirewatch/coding/{name}.py") != hashlib.sha256(
                     (_PACKAGE_DIR / f"{name}.py").read_bytes()).hexdigest()]
        if not stale:
            return
        names = ", ".join(f"wirewatch/coding/{name}.py" for name in stale)
        warnings.warn(f"{names} changed since the coder was compiled; "
                      "running the pure-Python coder (rebuild: make, or python "
                      "tools/build_coder.py)", RuntimeWarning, stacklevel=2)
    for name in _COMPILED_GROUP:
        spec = importlib.util.spec_from_file_location(f"{__name__}.{name}",
                                                      _PACKAGE_DIR / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)


_load_compiled_group_from_source_when_stale()
