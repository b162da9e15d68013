"""bench/e2e.py at a small N: the real flow over the mixed corpus, in its own processes, ends
with one JSON line that scripts can read."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import REPO_ROOT

E2E = REPO_ROOT / "bench" / "e2e.py"
N = 150


@pytest.mark.slow
def test_e2e_benchmark_prints_its_figures_as_a_json_last_line(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PREFECT_API_URL", "WIREWATCH__"))
    } | {"PREFECT_HOME": str(tmp_path / "prefect-home")}
    finished = subprocess.run(
        [sys.executable, str(E2E), str(N), "--workers", "2", "--keep", str(tmp_path / "corpus")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    figures = json.loads(finished.stdout.strip().splitlines()[-1])

    assert figures["n"] == N and figures["ok"] is True
    # Every good file became a document or an exact duplicate; 1 % are bad files.
    assert 0.9 * N < figures["n_documents_new"] < N
    assert figures["docs_per_s"] > 0 and figures["seconds_run"] > 0
    assert 0 < figures["cores_used"] <= (os.cpu_count() or 1) + 0.5
    assert figures["new_file_latency_s"] > 0
    labels = [name.rsplit(" ", 1)[0] for name in figures["peak_rss_mb"]]
    assert labels.count("stage worker") == 2 and labels.count("flow process") == 1
    assert "Prefect server" in labels
    assert figures["peak_rss_mb_total"] == pytest.approx(
        sum(figures["peak_rss_mb"].values()), abs=1
    )
    assert figures["stage_docs_per_s"]["event coding (+ its write)"] > 0
    assert figures["stage_docs_per_s"]["language detection"] > 0
