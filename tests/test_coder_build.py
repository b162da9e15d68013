"""The compiled event coder (tools/build_coder.py) codes exactly as its source does, and an
edited source is never shadowed by a stale compiled module."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BENCH_EVENTS, REPO_ROOT, REPO_SEEDS, SHARED_SEEDS

# Codes the seed articles and the gold texts, one JSON line per event, in the process's build.
_DUMP_EVENTS = """
import dataclasses, datetime as dt, json, sys
from pathlib import Path
from wirewatch.coding.events import EventCoder, coder_build
from seed_refs import load_items
coder = EventCoder.load()
print(coder_build())
texts = [p.read_text(encoding="utf-8") for folder in sys.argv[1:3]
         for p in sorted(Path(folder).glob("*.txt"))]
for item in load_items(Path(sys.argv[3]), Path(sys.argv[2])).items:
    published = item["context"]["published"]
    texts.append((item["text"], dt.date.fromisoformat(published) if published else None))
for text in texts:
    text, ref_date = text if isinstance(text, tuple) else (text, None)
    for event in coder.code_text(text, ref_date):
        print(json.dumps(dataclasses.asdict(event), sort_keys=True, default=str))
"""


def _dump_events(pure: bool, package_root: Path = REPO_ROOT) -> list[str]:
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join(map(str, (package_root, REPO_ROOT, BENCH_EVENTS)))}
    env.pop("WIREWATCH_PURE_PYTHON", None)
    if pure:
        env["WIREWATCH_PURE_PYTHON"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", _DUMP_EVENTS, str(REPO_SEEDS), str(SHARED_SEEDS),
         str(REPO_ROOT / "bench" / "events" / "gold.jsonl")],
        capture_output=True, text=True, check=True, env=env, cwd=package_root,
    )
    return result.stdout.splitlines()


def _require_compiled() -> None:
    if not list((REPO_ROOT / "wirewatch" / "coding").glob("events.*.so")):
        if os.environ.get("WIREWATCH_REQUIRE_COMPILED", "") not in ("", "0"):
            pytest.fail("WIREWATCH_REQUIRE_COMPILED=1 but wirewatch/coding/ has no compiled coder: "
                        "run python tools/build_coder.py --require to see why")
        pytest.skip("the coder is not compiled here (python tools/build_coder.py)")


def test_compiled_coder_codes_seeds_and_gold_exactly_as_its_source(shared_seeds: Path) -> None:
    _require_compiled()
    compiled = _dump_events(pure=False)
    source = _dump_events(pure=True)
    assert compiled[0] == "compiled (mypyc)"
    assert source[0] == "pure Python"
    assert len(compiled) > 400  # the gold set alone codes hundreds of events
    assert compiled[1:] == source[1:]


def test_edited_coder_source_runs_instead_of_its_stale_compiled_module(
        tmp_path: Path, shared_seeds: Path) -> None:
    _require_compiled()
    shutil.copytree(REPO_ROOT / "wirewatch", tmp_path / "wirewatch",
                    ignore=shutil.ignore_patterns("__pycache__"))
    package = tmp_path / "wirewatch" / "coding"
    # Unchanged copy: the compiled module is current and runs.
    assert _dump_events(pure=False, package_root=tmp_path)[0] == "compiled (mypyc)"
    # An edit that changes what is coded: the compiled module must not run any more.
    events_source = package / "events.py"
    events_source.write_text(
        events_source.read_text(encoding="utf-8")
        + "\n\ndef _no_events(*args: object, **kwargs: object) -> list[object]:\n"
        "    return []\n\n\nEventCoder.code_text = _no_events  # type: ignore[method-assign]\n",
        encoding="utf-8",
    )
    edited = _dump_events(pure=False, package_root=tmp_path)
    assert edited == ["pure Python"]



def test_coder_modules_import_each_other_in_one_direction_and_make_knows_them() -> None:
    """Each module of the compiled group imports only modules listed before it (the source
    loader relies on that order), and the Makefile rebuilds when any of them changes."""
    from wirewatch.coding._coder_modules import CODER_MODULES

    package = REPO_ROOT / "wirewatch" / "coding"
    for position, name in enumerate(CODER_MODULES):
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        imported = {node.module.rsplit(".", 1)[1] for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module
                    and node.module.startswith("wirewatch.coding.")}
        later = imported & set(CODER_MODULES[position:])
        assert not later, f"{name} imports {sorted(later)}, listed at or after it"
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"CODER_SOURCES := .*?addsuffix \.py,(.*?)\)\)", makefile, re.S)
    assert listed is not None
    assert tuple(listed.group(1).replace("\\", " ").split()) == CODER_MODULES
