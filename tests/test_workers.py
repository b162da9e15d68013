"""The CPU stages in worker processes (`[pipeline] workers`, wirewatch/orchestration/workers.py):
a run with two workers writes the rows a run without workers writes, the flow process loads no
coder, and a run SIGKILLed with its workers busy leaves no process behind and reruns to the rows
of a clean run."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import (
    RUN_SPECIFIC_COLUMNS,
    RUN_TABLES,
    ingest,
    kill_when_paused,
    rows,
    scalar,
    table_rows,
)

from wirewatch.config import PipelineSettings, load_settings
from wirewatch.errors import ConfigError
from wirewatch.orchestration import workers

CHILD = Path(__file__).with_name("crash_child.py")
BATCH_SIZE = 4
WORKERS_SETTING = "WIREWATCH__PIPELINE__WORKERS"


def _add_mixed_files(folder: Path) -> None:
    """Beside the sample articles: another language, bad files, a reprint of a reprint."""
    extra = folder / "extra"
    extra.mkdir()
    (extra / "fr.txt").write_text(
        "Title: Conseil municipal\n\nLe conseil municipal a voté jeudi un budget plus modeste "
        "que prévu, et les élus de l'opposition ont quitté la salle avant la fin de la séance "
        "pour protester contre la fermeture de deux écoles du quartier nord.\n",
        encoding="utf-8",
    )
    (extra / "empty.txt").write_bytes(b"")
    (extra / "binary.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    wire = sorted((folder / "wire").rglob("*.txt"))[0]
    (extra / "copy.txt").write_text(
        wire.read_text(encoding="utf-8") + "\nShare this article\n", encoding="utf-8"
    )


def test_pipeline_workers_setting_defaults_to_one_per_core_and_rejects_negatives():
    assert PipelineSettings().worker_count() == len(os.sched_getaffinity(0))
    assert load_settings(environ={WORKERS_SETTING: "1"}).pipeline.worker_count() == 1
    with pytest.raises(ConfigError, match=r"pipeline\.workers"):
        load_settings(environ={WORKERS_SETTING: "-1"})


@pytest.mark.slow
def test_two_workers_write_the_same_tables_as_one(seeds_copy, tmp_path, prefect, monkeypatch):
    _add_mixed_files(seeds_copy)
    one_db, two_db = tmp_path / "one.duckdb", tmp_path / "two.duckdb"

    monkeypatch.setenv(WORKERS_SETTING, "1")
    one = ingest(seeds_copy, one_db, batch_size=BATCH_SIZE)

    monkeypatch.setenv(WORKERS_SETTING, "2")
    workers._loaded_tools.clear()
    two = ingest(seeds_copy, two_db, batch_size=BATCH_SIZE)

    # The flow process loaded no dictionaries: the workers coded.
    assert workers._loaded_tools == {}
    pids = workers._pools[2].worker_pids()
    assert len(pids) == 2 and os.getpid() not in pids

    assert {k: v for k, v in two.items() if k.startswith("n_")} == {
        k: v for k, v in one.items() if k.startswith("n_")
    }
    assert two["n_reprints"] > 0 and two["n_documents_coded"] > 0 and two["n_quarantined"] >= 2
    assert scalar(two_db, "select count(*) from events") > 0
    assert scalar(two_db, "select count(distinct lang) from documents") > 1
    for table in RUN_TABLES:
        expected = table_rows(one_db, table, RUN_SPECIFIC_COLUMNS)
        assert table_rows(two_db, table, RUN_SPECIFIC_COLUMNS) == expected, table


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(text[text.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo += children.get(pid, [])
    return found - {root}


def _alive(pid: int) -> bool:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return text[text.rindex(")") + 2 :].split()[0] != "Z"


def _kill_with_workers(stage: str, number: int, folder: Path, db: Path, api_url: str,
                       tmp: Path) -> set[int]:
    """Run crash_child.py with two workers until it pauses inside the `number`th `stage`
    transaction, SIGKILL it, and return the processes it had started."""
    marker = tmp / f"paused-{stage}-{number}"
    args = [str(folder), str(db), str(marker), stage, str(number), str(BATCH_SIZE)]
    started: set[int] = kill_when_paused(
        CHILD, args, marker, api_url, {WORKERS_SETTING: "2"}, _descendants
    )
    return started


@pytest.mark.slow
@pytest.mark.parametrize(("stage", "number"), [("write_batch", 3), ("write_coded_batch", 2)])
def test_sigkill_with_workers_busy_then_rerun_equals_clean_run(
    stage, number, seeds_copy, tmp_path, prefect_api_url, monkeypatch
):
    _add_mixed_files(seeds_copy)
    clean_db = tmp_path / "clean.duckdb"
    monkeypatch.setenv(WORKERS_SETTING, "1")
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)

    crashed_db = tmp_path / "crashed.duckdb"
    started = _kill_with_workers(stage, number, seeds_copy, crashed_db, prefect_api_url, tmp_path)
    # The fork server and two workers at least; all die with the run's process.
    assert len(started) >= 3
    deadline = time.monotonic() + 20
    while (left := {pid for pid in started if _alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"processes outlived the killed run: {left}"
    assert rows(crashed_db, "select status from runs") == [("running",)]

    monkeypatch.setenv(WORKERS_SETTING, "2")
    ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    for table in RUN_TABLES:
        expected = table_rows(clean_db, table, RUN_SPECIFIC_COLUMNS)
        assert table_rows(crashed_db, table, RUN_SPECIFIC_COLUMNS) == expected, table
    statuses = rows(crashed_db, "select status from runs order by started_at")
    assert statuses == [("abandoned",), ("completed",)]
