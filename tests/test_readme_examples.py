"""The README's example queries show the real output of a fresh ingest of seeds/."""

from __future__ import annotations

import importlib.util

from helpers import REPO_ROOT


def _examples_module():
    spec = importlib.util.spec_from_file_location("examples", REPO_ROOT / "docs" / "examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_example_outputs_match_a_fresh_ingest_of_the_seeds(prefect):
    examples = _examples_module()
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert examples.readme_block(readme) == examples.generated_block(), (
        "README.md examples are stale: run .venv/bin/python docs/examples.py"
    )
