"""Shared fixtures: one Prefect test harness per session, real DuckDB files in tmp_path."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before Prefect is imported anywhere: offline telemetry off, private Prefect home.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="wirewatch-prefect-home-"))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

from helpers import REPO_SEEDS, require_shared_seeds


@pytest.fixture(scope="session")
def prefect_api_url() -> Iterator[str]:
    """A real Prefect API (the test harness server), shared by the whole test session."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(PREFECT_API_URL.value())


@pytest.fixture
def prefect(prefect_api_url: str) -> str:
    return prefect_api_url


@pytest.fixture
def shared_seeds() -> Path:
    """The five shared seed articles' folder; the test is skipped (failed in CI) without it."""
    return require_shared_seeds()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """The bundled sample folder, copied so a test may add or change files."""
    target = tmp_path / "seeds"
    shutil.copytree(REPO_SEEDS, target, symlinks=True)
    return target
