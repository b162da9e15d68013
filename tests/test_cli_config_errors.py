"""Configuration errors reach the user before any Prefect server starts, as one clear line and
exit code: the CLI runs as a subprocess with no Prefect API configured and a fresh Prefect
home, so a temporary server, had one started, would leave its database there."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("wirewatch")


def run_cli(tmp_path: Path, *args: str, **env_updates: str) -> tuple[int, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PREFECT_API", "WIREWATCH__")) and key != "PREFECT_PROFILES_PATH"
    }
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["COLUMNS"] = "250"
    env.update(env_updates)
    result = subprocess.run(
        [str(CLI), *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result.returncode, output


def assert_no_server_started(tmp_path: Path) -> None:
    home = tmp_path / "prefect-home"
    assert not (home / "prefect.db").exists(), "a temporary Prefect server was started"
    assert not (home / "wirewatch-servers").exists()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "one.txt").write_text("Title: A\n\nSome words of an article.\n", encoding="utf-8")
    return path


def test_unknown_toml_section_is_named_before_any_server_starts(tmp_path, folder):
    config = tmp_path / "bad.toml"
    config.write_text("[ingset]\nbatch_size = 5\n", encoding="utf-8")
    code, output = run_cli(tmp_path, "run", str(folder), "--config", str(config))
    assert code == 2, output
    assert "unknown settings section [ingset]" in output
    assert_no_server_started(tmp_path)


def test_non_utf8_config_file_is_a_clear_error(tmp_path, folder):
    config = tmp_path / "latin1.toml"
    config.write_bytes("[ingest]\n# r\xe9sum\xe9\n".encode("latin-1"))
    code, output = run_cli(tmp_path, "run", str(folder), "--config", str(config))
    assert code == 2, output
    assert "is not UTF-8" in output
    assert_no_server_started(tmp_path)


def test_bad_environment_override_is_named(tmp_path, folder):
    code, output = run_cli(tmp_path, "run", str(folder), WIREWATCH__INGEST__BATCH_SIZE="many")
    assert code == 2, output
    assert "ingest.batch_size" in output
    assert_no_server_started(tmp_path)


def test_bad_cli_option_is_named(tmp_path, folder):
    code, output = run_cli(tmp_path, "run", str(folder), "--batch-size", "0")
    assert code == 2, output
    assert "invalid setting ingest.batch_size: must be >= 1" in output
    assert_no_server_started(tmp_path)


def test_recode_checks_its_config_before_any_server_starts(tmp_path):
    from wirewatch.store import Store

    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    config = tmp_path / "bad.toml"
    config.write_text("[coding]\nbatch_size = -1\n", encoding="utf-8")
    code, output = run_cli(tmp_path, "recode", "--db", str(db), "--config", str(config))
    assert code == 2, output
    assert "coding.batch_size" in output
    assert_no_server_started(tmp_path)


def test_unreachable_prefect_api_is_a_clear_error_with_exit_4(tmp_path, folder):
    # A bound socket that never listens: connections to it are refused for as long as it is
    # held, so no other process can take the port meanwhile.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        url = f"http://127.0.0.1:{port}/api"
        code, output = run_cli(tmp_path, "run", str(folder), PREFECT_API_URL=url)
    assert code == 4, output
    assert f"the Prefect API at {url} (PREFECT_API_URL) does not answer" in output
    assert_no_server_started(tmp_path)
