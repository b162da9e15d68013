"""Wheel build hook: ship the compiled event coder where a C compiler and the Python headers exist.

It runs the same mypyc build as `make` (tools/build_coder.py) and adds the extensions, the
group's runtime library and the stamp `wirewatch/coding/_compiled.json` to the wheel, which then
gets a platform tag. Where the build fails (no compiler, no headers) it says so once and the
wheel stays pure Python, coding the same events about half as fast. WIREWATCH_PURE_PYTHON_WHEEL=1
skips the compile; editable installs never compile (`make` builds in place instead).
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledCoderHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("WIREWATCH_PURE_PYTHON_WHEEL", "") not in ("", "0"):
            return
        root = Path(self.root)
        coder_build = runpy.run_path(str(root / "tools" / "build_coder.py"))
        problem = coder_build["build"]()
        if problem is not None:
            print(f"wirewatch: shipping the pure-Python coder: {problem}",
                  file=sys.stderr)
            return
        for path in coder_build["built_artifacts"]():
            relative = path.relative_to(root).as_posix()
            build_data["force_include"][str(path)] = relative
        stamp = coder_build["STAMP"]
        build_data["force_include"][str(stamp)] = stamp.relative_to(root).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
