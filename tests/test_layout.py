"""The layout shows the architecture: stage packages are plain Python, the store alone talks to
DuckDB, Prefect stays in `flows/` and the orchestration package, and no stage reaches into
another stage's private names."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO_ROOT

PACKAGE = REPO_ROOT / "wirewatch"
STAGES = ("ingest", "dedup", "coding", "analytics", "feeds")
# Modules shared by every stage: plain Python too.
SHARED_MODULES = ("config.py", "errors.py", "schemas.py", "progress.py")


def _imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(module, imported names) for every import statement, at any depth of the file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [alias.name for alias in node.names]


def _stage_files() -> list[Path]:
    files = [p for stage in STAGES for p in sorted((PACKAGE / stage).rglob("*.py"))]
    return files + [PACKAGE / name for name in SHARED_MODULES]


def test_every_stage_folder_exists_with_modules() -> None:
    for stage in STAGES:
        assert len(list((PACKAGE / stage).glob("*.py"))) >= 2, stage


@pytest.mark.parametrize("path", _stage_files(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_stage_module_imports_neither_prefect_nor_duckdb(path: Path) -> None:
    banned = [module for module, _ in _imports(path)
              if module.split(".")[0] in ("prefect", "duckdb")]
    assert banned == [], f"{path.relative_to(REPO_ROOT)} imports {banned}"


def test_only_the_store_imports_duckdb() -> None:
    importers = sorted(
        str(path.relative_to(REPO_ROOT))
        for path in PACKAGE.rglob("*.py")
        if any(module.split(".")[0] == "duckdb" for module, _ in _imports(path))
    )
    assert importers and all(name.startswith("wirewatch/store/") for name in importers), importers


def test_no_stage_imports_another_stages_private_names() -> None:
    offences = []
    for path in PACKAGE.rglob("*.py"):
        own = path.relative_to(PACKAGE).parts[0]
        for module, names in _imports(path):
            parts = module.split(".")
            if parts[0] != "wirewatch" or len(parts) < 2 or parts[1] == own:
                continue
            private = [n for n in names if n.startswith("_")]
            if private or any(part.startswith("_") for part in parts[2:]):
                offences.append(f"{path.relative_to(REPO_ROOT)}: {module} {private}")
    assert offences == []


def test_flows_folder_holds_only_prefect_flows() -> None:
    modules = sorted(p for p in (REPO_ROOT / "flows").glob("*.py") if p.name != "__init__.py")
    assert modules
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        flows = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)
                 and any("flow" in ast.unparse(d) for d in node.decorator_list)]
        others = [node.name for node in tree.body
                  if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name not in flows]
        assert len(flows) == 1 and others == [], (path.name, flows, others)
        # A flow composes the package; it never imports a sibling flow module.
        assert not [m for m, _ in _imports(path) if m.split(".")[0] == "flows"], path.name
