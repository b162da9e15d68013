"""`pip install .` gives a package that works from any folder: the wheel holds one top-level
package (plus the compiled coder's runtime library), the flows, SQL and dictionaries inside it,
and `wirewatch run` / `status` work from a folder far from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from helpers import REPO_ROOT, REPO_SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
         "--disable-pip-version-check", "-w", str(out), str(REPO_ROOT)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("wirewatch-*.whl")
    return built


def test_the_wheel_installs_only_the_wirewatch_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names}
    dist_info = {t for t in top_level if t.endswith(".dist-info")}
    runtime = {t for t in top_level if t.startswith("wirewatch_coder__mypyc")}
    assert top_level - dist_info - runtime == {"wirewatch"}
    assert "wirewatch/flows/ingest_folder.py" in names
    assert "wirewatch/sql/migrations/001_create_runs.sql" in names
    assert "wirewatch/coding/data/cameo/verb_patterns.csv" in names
    assert not any(name.startswith(("flows/", "sql/", "tests/")) for name in names)


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    # The dependencies come from this test's environment (no download); its site-packages is
    # appended after the new environment's own, so `wirewatch` itself is the installed wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--quiet",
                    "--disable-pip-version-check", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "news").mkdir(parents=True)
    for article in sorted((REPO_SEEDS / "wire").rglob("*.txt"))[:4]:
        (elsewhere / "news" / article.name).write_bytes(article.read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PREFECT_API_URL")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True,
                              timeout=600)

    probe = run(str(python), "-c",
                "import wirewatch, wirewatch.coding.events as e, importlib.util; "
                "print(wirewatch.__file__); print(e.coder_build()); "
                "print(importlib.util.find_spec('flows'))")
    assert probe.returncode == 0, probe.stderr
    location, build, flows_spec = probe.stdout.splitlines()
    assert location.startswith(site) and flows_spec == "None"
    if os.environ.get("WIREWATCH_REQUIRE_COMPILED", "") not in ("", "0"):
        assert build == "compiled (mypyc)"
    wirewatch = str(env_dir / "bin" / "wirewatch")
    ran = run(wirewatch, "run", "news", "--db", "news.duckdb", "--quiet")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    status = run(wirewatch, "status", "--db", "news.duckdb")
    assert status.returncode == 0, status.stderr
    assert "documents" in status.stdout
    documents = run(wirewatch, "sql", "select count(*) as n from documents", "--db", "news.duckdb",
                    "--format", "csv")
    assert documents.stdout.split() == ["n", "4"]
