"""Compile the event coder (the modules of wirewatch/coding/_coder_modules.py) to C extensions
with mypyc.

Usage:
    python tools/build_coder.py [--require] [--clean]

The coder is pure Python and runs as such; compiled, the same source codes about twice as
many documents per second (docs/benchmarks.md, "Event coding speed"). The extensions are
built in place beside the sources, with a stamp (wirewatch/coding/_compiled.json) recording the
SHA-256
of each compiled source. `wirewatch/coding/__init__.py` reads the stamp at import: a module whose
source
no longer matches it is loaded from its .py instead, so an edit never runs stale machine code.

A machine without a C compiler or the Python headers keeps the pure-Python coder: the build
failure is reported, recorded in the stamp, and the script exits 0, unless --require is given
or WIREWATCH_REQUIRE_COMPILED=1 is set (CI sets it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "wirewatch" / "coding"
# Run as a file, not imported: importing wirewatch.coding would load the coder it is to rebuild.
COMPILED_MODULES = tuple(
    f"wirewatch/coding/{name}.py"
    for name in runpy.run_path(str(PACKAGE / "_coder_modules.py"))["CODER_MODULES"])
STAMP = PACKAGE / "_compiled.json"
# The shared runtime library mypyc emits for a group of modules; importable from the root.
GROUP_NAME = "wirewatch_coder"


def source_digest(relative_path: str) -> str:
    return hashlib.sha256((ROOT / relative_path).read_bytes()).hexdigest()


def built_artifacts() -> list[Path]:
    """Extension files of a previous build (in place), to remove before a new one."""
    found = [p for p in PACKAGE.glob("*.so") if p.name.split(".")[0] in
             {Path(m).stem for m in COMPILED_MODULES}]
    found += list(ROOT.glob(f"{GROUP_NAME}__mypyc*.so"))
    found += list(PACKAGE.glob("*.pyd")) + list(ROOT.glob(f"{GROUP_NAME}__mypyc*.pyd"))
    return found


def clean() -> None:
    for path in built_artifacts():
        path.unlink()
    STAMP.unlink(missing_ok=True)


def build() -> str | None:
    """Compile in place; None on success, else why it failed."""
    clean()
    with tempfile.TemporaryDirectory(prefix="wirewatch-mypyc-") as build_dir:
        setup_py = Path(build_dir) / "setup.py"
        # mypycify writes C into build_dir and the extensions in place (build_ext --inplace).
        setup_py.write_text(
            "from setuptools import setup\n"
            "from mypyc.build import mypycify\n"
            "setup(name='wirewatch-coder', packages=[], py_modules=[],\n"
            f"      ext_modules=mypycify({list(COMPILED_MODULES)!r}, opt_level='3',\n"
            f"                           group_name={GROUP_NAME!r},\n"
            f"                           target_dir={build_dir + '/c'!r}))\n",
            encoding="utf-8",
        )
        command = [sys.executable, str(setup_py), "build_ext", "--inplace",
                   "--build-temp", str(Path(build_dir) / "tmp")]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": os.pathsep.join(
                                    # Kept: a pip build environment is exposed this way.
                                    filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))},
                                check=False)
        if result.returncode != 0:
            clean()
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            return f"mypyc build failed (exit {result.returncode}):\n{tail}"
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    stamp = {module: source_digest(module) for module in COMPILED_MODULES}
    STAMP.write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require", action="store_true",
                        default=os.environ.get("WIREWATCH_REQUIRE_COMPILED", "") not in ("", "0"),
                        help="exit 1 when the compiled coder cannot be built (default from "
                        "WIREWATCH_REQUIRE_COMPILED=1)")
    parser.add_argument("--clean", action="store_true",
                        help="remove the compiled coder (back to pure Python) and exit")
    args = parser.parse_args()
    if args.clean:
        clean()
        print("build_coder: removed the compiled coder; pure Python from now on")
        return 0
    try:
        import mypyc  # noqa: F401  (only to report a missing build dependency clearly)
    except ImportError:
        problem: str | None = "mypyc is not installed (pip install 'mypy[mypyc]')"
    else:
        problem = build()
    if problem is None:
        print(f"build_coder: compiled {', '.join(COMPILED_MODULES)}")
        return 0
    print(f"build_coder: keeping the pure-Python coder: {problem}", file=sys.stderr)
    if args.require:
        return 1
    # Recorded so that make does not retry on every command until the sources change.
    STAMP.write_text(json.dumps({"pure_python": problem.splitlines()[0]}, indent=1) + "\n",
                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
