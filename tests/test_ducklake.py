"""DuckLake with a PostgreSQL catalog (`[store] backend = "ducklake"`): a real PostgreSQL started
on 127.0.0.1 by the fixture (tests/postgres_server.py), the DuckLake and Postgres extensions
loaded from their PyPI packages, real worker processes running the real flow at once.

The must-show: two workers ingest disjoint folders that share reprints, at the same time;
every document lands once, each reprint family is one story cluster, and every view answers as
the single-file store does on the same input.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO_ROOT, REPO_SEEDS, RUN_SPECIFIC_COLUMNS, ingest
from postgres_server import PostgresServer, postgres_server

from wirewatch.config import StoreSettings, load_settings
from wirewatch.errors import ConfigError, DatabaseLockedError
from wirewatch.schemas import FileStat
from wirewatch.store import Store
from wirewatch.store.lake import LakeTarget, Shard
from wirewatch.store.store import list_migrations, list_views

sys.path.insert(0, str(REPO_ROOT / "bench"))
from corpus import make_article

WORKER = Path(__file__).with_name("ducklake_worker.py")


# --- settings and shards (no PostgreSQL needed) ----------------------------------------------
def test_store_settings_name_the_backend_catalog_data_path_and_shard():
    settings = load_settings(
        environ={
            "WIREWATCH__STORE__BACKEND": "ducklake",
            "WIREWATCH__STORE__CATALOG": "host=127.0.0.1 dbname=lake password=secret",
            "WIREWATCH__STORE__DATA_PATH": "/tmp/lake-data",
            "WIREWATCH__STORE__SHARD": "1/3",
        }
    )
    target = LakeTarget.of(settings.store)
    assert target is not None and target.data_path == "/tmp/lake-data"
    assert "secret" not in target.describe()
    assert Shard.parse(settings.store.shard) == Shard(1, 3)
    assert LakeTarget.of(StoreSettings()) is None


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"backend": "parquet"}, "store.backend"),
        ({"backend": "ducklake", "data_path": "/d"}, "store.catalog"),
        ({"backend": "ducklake", "catalog": "dbname=x"}, "store.data_path"),
        ({"shard": "3/3"}, "store.shard"),
        ({"shard": "one/two"}, "store.shard"),
    ],
)
def test_bad_store_settings_name_the_key(values, key):
    with pytest.raises(ConfigError, match=key):
        load_settings(environ={}, overrides={"store": values})


def test_shards_split_paths_into_disjoint_stable_shares():
    paths = [f"/corpus/folder-{i // 10}/article-{i}.txt" for i in range(600)]
    shards = [Shard(k, 3) for k in range(3)]
    owners = [[s for s in shards if s.owns(p)] for p in paths]
    assert all(len(found) == 1 for found in owners)  # each path in exactly one shard
    sizes = [sum(found[0] == s for found in owners) for s in shards]
    assert min(sizes) > 150  # roughly even: 200 each expected
    assert Shard.parse("") is None and Shard.parse("0/1") is None


# --- with PostgreSQL ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


_databases = iter(range(1_000_000))


@pytest.fixture
def lake_settings(postgres, tmp_path) -> dict[str, str]:
    """A fresh catalog database and data folder: the environment that makes a worker use them."""
    catalog = postgres.create_database(f"lake_{next(_databases)}")
    return {
        "WIREWATCH__STORE__BACKEND": "ducklake",
        "WIREWATCH__STORE__CATALOG": catalog,
        "WIREWATCH__STORE__DATA_PATH": str(tmp_path / "lake-data"),
    }


def _target(env: dict[str, str]) -> LakeTarget:
    target = LakeTarget.of(load_settings(environ=env).store)
    assert target is not None
    return target


def test_a_lake_store_migrates_once_and_has_every_view(lake_settings):
    target = _target(lake_settings)
    with Store.open("unused", lake=target) as store:
        assert len(store.migrate()) == 0  # open applied them all
        versions = [row[0] for row in store.query("select version from schema_migrations")[1]]
    assert sorted(versions) == [m.version for m in list_migrations()]
    with Store.open("unused", lake=target) as again:  # a second worker: nothing to apply
        (n,) = again.query("select count(*) from schema_migrations")[1][0]
        assert n == len(list_migrations())
        for name, _text in list_views():
            again.query(f'select * from "{name}" limit 0')
    assert (Path(target.data_path)).is_dir()


def test_a_sharded_lake_store_hands_out_only_its_share_of_files(lake_settings):
    stats = [FileStat(f"/corpus/article-{i}.txt", 100, 1, i) for i in range(40)]
    shares = []
    for k in range(2):
        with Store.open("unused", lake=_target(lake_settings), shard=Shard(k, 2)) as store:
            shares.append({s.path for s in store.select_changed(stats)})
    assert shares[0] and shares[1] and not shares[0] & shares[1]
    assert shares[0] | shares[1] == {s.path for s in stats}


def test_lake_write_transactions_wait_for_each_other(lake_settings):
    """The catalog's write lock: a second store's transaction starts only once the first's
    has ended."""
    target = _target(lake_settings)
    with Store.open("unused", lake=target) as first, Store.open("unused", lake=target) as second:
        waited: list[float] = []

        def write_second() -> None:
            started = time.monotonic()
            with second.transaction():
                waited.append(time.monotonic() - started)

        with first.transaction():
            other = threading.Thread(target=write_second)
            other.start()
            time.sleep(1.0)
            assert other.is_alive()  # still waiting for the lock
        other.join(timeout=30)
    assert waited and waited[0] >= 0.9


def test_a_lake_writer_gives_up_after_busy_timeout(lake_settings):
    target = _target(lake_settings)
    with (
        Store.open("unused", lake=target) as first,
        Store.open("unused", lake=target, busy_timeout_s=0.5) as impatient,
        first.transaction(),
    ):
        started = time.monotonic()
        with (
            pytest.raises(DatabaseLockedError, match="busy_timeout_seconds"),
            impatient.transaction(),
        ):
            pass
        assert 0.4 < time.monotonic() - started < 10


# --- two workers at once ----------------------------------------------------------------------
N_PER_FOLDER = 16


def _near_copy(text: str, rng: random.Random) -> str:
    """A reprint as an outlet runs it: its own headline, the last paragraph cut, a paragraph
    of its own added in the middle."""
    paragraphs = text.rstrip("\n").split("\n\n")
    kept = paragraphs[:-1] if len(paragraphs) > 5 else paragraphs
    kept[0] = f"Regional desk update {rng.randint(100, 999)}"
    kept.insert(len(kept) // 2, "Our correspondent in the region contributed to this report.")
    return "\n\n".join(kept) + "\n"


def _write_folders(root: Path) -> tuple[Path, Path, list[list[Path]]]:
    """Folders a and b of distinct articles, plus reprint families that span both: an
    article of one folder with an exact and a near copy in the other. Returns the folders and
    the files of each family."""
    rng = random.Random(18)
    folders = (root / "a", root / "b")
    for folder in folders:
        folder.mkdir(parents=True)
    families: list[list[Path]] = []
    for side, folder in enumerate(folders):
        other = folders[1 - side]
        for i in range(N_PER_FOLDER):
            text = make_article(rng, 1800).text
            original = folder / f"story-{i:03d}.txt"
            original.write_text(text, encoding="utf-8")
            if i < 4:
                exact = other / f"copy-of-{folder.name}-{i:03d}.txt"
                exact.write_text(text, encoding="utf-8")  # one document, two sightings
                near = other / f"rerun-of-{folder.name}-{i:03d}.txt"
                near.write_text(_near_copy(text, rng), encoding="utf-8")
                families.append([original, exact, near])
    (folders[0] / "empty.txt").write_text("", encoding="utf-8")  # a quarantine row
    return folders[0], folders[1], families


# Views whose rows describe runs (ids, timings): they differ between any two runs by nature.
_RUN_VIEWS = {"recent_runs", "ingest_health"}


def _view_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every view's rows, less the columns of arrival times and of the first document to
    arrive, with story ids replaced by the story's canonical doc_id and file paths by the
    doc_id of their body: a cluster is named after its earliest document and a document after
    the first file seen with its body, and which of two copies from two workers at once comes
    first is up to the race, not the input."""
    _columns, clusters = store.query("select cluster_id, canonical_doc_id from story_clusters")
    canonical = dict(clusters)
    canonical.update(store.query("select path, doc_id from files where doc_id is not null")[1])
    out = {}
    for name, _text in list_views():
        if name in _RUN_VIEWS:
            continue
        columns, rows = store.query(f'select * from "{name}"')
        keep = [i for i, c in enumerate(columns) if c not in _ORDER_COLUMNS]
        out[name] = sorted(
            (tuple(_renamed(row[i], canonical) for i in keep) for row in rows), key=repr
        )
    return out


# Columns of when a run wrote a row, and of the first document or source to arrive.
_ORDER_COLUMNS = {
    *RUN_SPECIFIC_COLUMNS,
    "DATEADDED",
    "EventTimeDate",
    "MentionTimeDate",
    "hours_seen",
    "first_doc_id",
    "source_url",
    "SOURCEURL",
}


def _renamed(value: Any, canonical: dict[str, str]) -> Any:
    if isinstance(value, str):
        return canonical.get(value, value)
    if isinstance(value, list):
        return sorted((_renamed(v, canonical) for v in value), key=repr)
    return value


def _clusters_by_doc(store: Store) -> dict[str, str]:
    return dict(store.query("select doc_id, cluster_id from document_clusters")[1])


def _doc_of_path(store: Store) -> dict[str, str]:
    return dict(store.query("select path, doc_id from files where doc_id is not null")[1])


def _start_worker(
    folder: Path, ready: Path, work: Path, env: dict[str, str], api_url: str
) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(folder), str(ready), str(work / "go"), "5"],
        env=os.environ | env | {"PREFECT_API_URL": api_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("split", ["folders", "shards"])
def test_two_workers_at_once_land_each_document_once_and_match_the_single_file_store(
    prefect, lake_settings, tmp_path, split
):
    """`folders`: each worker ingests its own folder (the folders share reprints). `shards`:
    both ingest the folder holding the two, worker K taking the files of shard K/2."""
    folder_a, folder_b, families = _write_folders(tmp_path / "input")

    # The single-file store on the same input, one folder after the other.
    single = tmp_path / "single.duckdb"
    ingest(folder_a, single, batch_size=5)
    ingest(folder_b, single, batch_size=5)

    work = tmp_path / "work"
    work.mkdir()
    if split == "folders":
        plan = [(folder_a, lake_settings), (folder_b, lake_settings)]
    else:
        plan = [
            (tmp_path / "input", lake_settings | {"WIREWATCH__STORE__SHARD": f"{k}/2"})
            for k in range(2)
        ]
    ready = [work / f"worker-{k}.ready" for k in range(2)]
    workers = [
        _start_worker(folder, marker, work, env, prefect)
        for (folder, env), marker in zip(plan, ready, strict=True)
    ]
    try:
        deadline = time.monotonic() + 240
        while not all(marker.exists() for marker in ready):
            assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
            assert time.monotonic() < deadline, "workers never got ready"
            time.sleep(0.05)
        (work / "go").write_text("go")
        started = time.monotonic()
        outputs = [w.communicate(timeout=600) for w in workers]
        elapsed = time.monotonic() - started
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait()
    for w, (out, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, f"worker failed:\n{out}\n{err}"
    summaries = [json.loads(out.strip().splitlines()[-1]) for out, _err in outputs]
    assert all(s["n_documents_new"] > 0 for s in summaries), summaries

    with (
        Store.open("unused", lake=_target(lake_settings), read_only=True) as lake,
        Store.open(single, read_only=True) as file_store,
    ):
        # The two runs overlapped in time, and both completed (neither abandoned the other).
        runs = lake.query("select status, started_at, ended_at from runs order by started_at")[1]
        assert [status for status, _, _ in runs] == ["completed", "completed"]
        assert runs[1][1] < runs[0][2], runs  # the second started before the first ended

        # Every document once, and the same documents as the single-file store.
        ((n_rows, n_ids),) = lake.query("select count(*), count(distinct doc_id) from documents")[1]
        assert n_rows == n_ids
        lake_docs = set(lake.query("select doc_id from documents")[1])
        assert lake_docs == set(file_store.query("select doc_id from documents")[1])
        assert len(lake_docs) == 2 * N_PER_FOLDER + 8  # + the near copies; exact copies share
        (n_seqs,) = lake.query("select count(distinct doc_seq) from documents")[1][0]
        assert n_seqs == n_rows  # no two documents numbered alike by the two workers
        for table in ("document_signatures", "document_clusters"):
            ((n, n_distinct),) = lake.query(
                f"select count(*), count(distinct doc_id) from {table}"
            )[1]
            assert n == n_distinct == n_rows, table
        sightings = lake.query("select doc_id, source from document_sources order by all")[1]
        assert (
            sightings
            == file_store.query("select doc_id, source from document_sources order by all")[1]
        )

        # Each family (an original and its exact and near copy from the other worker's
        # folder) is one story cluster; the partition into clusters is the single file's.
        doc_of = _doc_of_path(lake)
        cluster_of = _clusters_by_doc(lake)
        for family in families:
            clusters = {cluster_of[doc_of[str(path)]] for path in family}
            assert len(clusters) == 1, family

        def partition(store: Store) -> set[frozenset[str]]:
            groups: dict[str, set[str]] = {}
            for doc_id, cluster_id in _clusters_by_doc(store).items():
                groups.setdefault(cluster_id, set()).add(doc_id)
            return {frozenset(g) for g in groups.values()}

        assert partition(lake) == partition(file_store)

        # The views answer alike.
        lake_views, file_views = _view_rows(lake), _view_rows(file_store)
        assert lake_views.keys() == file_views.keys()
        assert any(lake_views[name] for name in ("events_gdelt", "dyads"))  # events were coded
        differing = {
            name: (
                [r for r in lake_views[name] if r not in file_views[name]][:2],
                [r for r in file_views[name] if r not in lake_views[name]][:2],
            )
            for name in file_views
            if lake_views[name] != file_views[name]
        }
        assert differing == {}

        if split == "shards":
            # Both workers coded: each its own shard's stories first, then what was left.
            (n_coded,) = lake.query("select count(*) from coded_documents")[1][0]
            coded = [s["n_documents_coded"] for s in summaries]
            assert all(n > 0 for n in coded) and sum(coded) >= n_coded, coded
    print(f"two DuckLake workers ({split}): {n_rows} documents in {elapsed:.1f} s")


# --- the commands that read: sql, status, report, export ---------------------------------------
@pytest.fixture(scope="module")
def lake_and_file(postgres, prefect_api_url, tmp_path_factory) -> tuple[dict[str, str], Path]:
    """One small corpus (articles, an exact and a near copy, an empty file) ingested by the
    real flow into a fresh lake and into a single file: the lake's settings and the file."""
    root = tmp_path_factory.mktemp("commands")
    folder_a, folder_b, _families = _write_folders(root / "input")
    single = root / "single.duckdb"
    settings = {
        "WIREWATCH__STORE__BACKEND": "ducklake",
        "WIREWATCH__STORE__CATALOG": postgres.create_database(f"lake_{next(_databases)}"),
        "WIREWATCH__STORE__DATA_PATH": str(root / "lake-data"),
    }
    for folder in (folder_a, folder_b):
        ingest(folder, single, batch_size=8)
    with pytest.MonkeyPatch.context() as env:
        for key, value in settings.items():
            env.setenv(key, value)
        for folder in (folder_a, folder_b):
            ingest(folder, root / "unused.duckdb", batch_size=8)
    assert not (root / "unused.duckdb").exists()  # the lake run wrote no file
    return settings, single


def _command(args: list[str], env: dict[str, str] | None = None) -> str:
    """Run `wirewatch ARGS` in this process (lake settings from `env`, else none); the output."""
    from typer.testing import CliRunner

    from wirewatch.cli import app

    with pytest.MonkeyPatch.context() as patch:
        for key in ("BACKEND", "CATALOG", "DATA_PATH", "SHARD"):
            patch.delenv(f"WIREWATCH__STORE__{key}", raising=False)
        for key, value in (env or {}).items():
            patch.setenv(key, value)
        result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


_TIME_OF_DAY = re.compile(r"\b\d\d:\d\d(:\d\d(\.\d+)?)?\b")


def _tables_by_title(output: str, leave_out: tuple[str, ...]) -> dict[str, str]:
    """The tables rich printed, by title (a line that opens no box), less those whose title
    starts with one of `leave_out`, with times of day masked (when a run saw a file)."""
    tables: dict[str, list[str]] = {}
    title = ""
    for line in _TIME_OF_DAY.sub("hh:mm:ss", output).splitlines():
        if line.strip() and line.lstrip()[0] not in "┏┃┡│└╇━─╭╰":
            title = line.strip()
            tables[title] = []
        elif title:
            tables[title].append(line)
    return {t: "\n".join(lines) for t, lines in tables.items() if not t.startswith(leave_out)}


_SQL_CHECKS = (
    "select count(*) as n, count(distinct doc_id) as ids from documents",
    "select lang, count(*) as n from documents group by all order by all",
    "select reason, count(*) as n from quarantine group by all order by all",
    "select count(*) as clusters, max(n_docs) as largest, sum(n_events) as events "
    "from story_clusters_overview",
    "select count(*) as n, sum(NumMentions) as mentions, round(sum(GoldsteinScale), 2) as g "
    "from events_gdelt",
    "select EventCode, count(*) as n from events_gdelt group by all order by all",
)


@pytest.mark.slow
def test_sql_status_and_report_on_a_lake_give_the_single_files_figures(lake_and_file):
    settings, single = lake_and_file
    (n_events,) = json.loads(
        _command(["sql", "select count(*) as n from events_gdelt", "--format", "json"], settings)
    )
    assert n_events["n"] > 0  # the corpus was coded: the events figures below mean something
    for query in _SQL_CHECKS:
        on_lake = json.loads(_command(["sql", query, "--format", "json"], settings))
        on_file = json.loads(_command(["sql", query, "--format", "json", "--db", str(single)]))
        assert on_lake == on_file, query
        assert on_lake, query

    # status: every table but the runs (their ids and timings are the run's own).
    lake_status = _tables_by_title(_command(["status"], settings), ("Last runs",))
    file_status = _tables_by_title(_command(["status", "--db", str(single)]), ("Last runs",))
    assert {"Tables", "Story clusters", "Languages"} <= lake_status.keys()
    assert lake_status == file_status

    # report: the headline tables, less the runs and the line naming the time span's ends.
    lake_report = _tables_by_title(_command(["report"], settings), ("Last ",))
    file_report = _tables_by_title(_command(["report", "--db", str(single)]), ("Last ",))
    assert len(lake_report) >= 3
    assert lake_report == file_report


_RUN_STAMP = re.compile(r"(?<!\d)20\d{12}(?!\d)")


@pytest.mark.slow
def test_export_from_a_lake_writes_the_single_files_rows(lake_and_file, tmp_path):
    settings, single = lake_and_file
    _command(["export", str(tmp_path / "lake"), "--format", "csv", "--mentions"], settings)
    _command(
        ["export", str(tmp_path / "file"), "--format", "csv", "--mentions", "--db", str(single)]
    )
    written = sorted(p.name for p in (tmp_path / "lake").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "file").iterdir()) and written
    for name in written:
        # DATEADDED, EventTimeDate, MentionTimeDate (YYYYMMDDHHMMSS): when a run wrote the row.
        lake_lines = sorted(
            _RUN_STAMP.sub("stamp", (tmp_path / "lake" / name).read_text()).splitlines()
        )
        file_lines = sorted(
            _RUN_STAMP.sub("stamp", (tmp_path / "file" / name).read_text()).splitlines()
        )
        assert len(lake_lines) > 1 and lake_lines == file_lines, name


@pytest.mark.slow
def test_sql_on_a_lake_reads_only_the_lake(lake_and_file, postgres, tmp_path):
    """Sealed as on a file: no file outside the lake's data path, no settings change, nothing
    written, and no PostgreSQL function that would reach the catalog or another server."""
    from typer.testing import CliRunner

    from wirewatch.cli import app

    settings, _single = lake_and_file
    outside = tmp_path / "notes.csv"
    outside.write_text("name,value\nsecret,kept-out-of-the-lake\n", encoding="utf-8")
    refused = {
        f"select * from read_csv('{outside}')": "Permission Error",
        "set enable_external_access = true": "SET",
        "delete from documents": "DELETE",
        "create table kept as select 1": "CREATE",
        f"select * from postgres_scan('{postgres.catalog('postgres')}', 'pg_catalog', "
        "'pg_authid')": "postgres_scan",
        "select * from postgres_query('__ducklake_metadata_lake', 'select 1')": "postgres_query",
    }
    for query, what in refused.items():
        result = CliRunner().invoke(app, ["sql", query], env=settings | {"COLUMNS": "300"})
        assert result.exit_code == 2, (query, result.output)
        # The console may wrap the message whatever COLUMNS says: compare with spaces folded.
        said = " ".join(result.output.split())
        assert what in said and "kept-out" not in said, result.output
    (count,) = json.loads(
        _command(["sql", "select count(*) as n from documents", "--format", "json"], settings)
    )
    assert count["n"] == 2 * N_PER_FOLDER + 8


# --- the Prefect server on PostgreSQL -------------------------------------------------------------
@pytest.mark.slow
def test_a_prefect_server_on_postgres_runs_the_ingest_deployment_into_the_lake(
    postgres, lake_settings, tmp_path
):
    """docs/scale-out.md section 4: `prefect server start` with its database in PostgreSQL
    (PREFECT_API_DATABASE_CONNECTION_URL), `prefect deploy --all`, and a process worker with
    the lake's settings completes a run of the ingest deployment, whose rows are in the lake."""
    from test_deployment import prefect_cli
    from test_schedules import _api, _project_copy, prefect_server

    prefect_db = f"prefect_{next(_databases)}"
    postgres.create_database(prefect_db)
    database_url = f"postgresql+asyncpg://wirewatch@127.0.0.1:{postgres.port}/{prefect_db}"
    folder = tmp_path / "articles"
    folder.mkdir()
    rng = random.Random(4)
    for i in range(6):
        (folder / f"article-{i}.txt").write_text(make_article(rng, 1500).text, encoding="utf-8")
    project = _project_copy(tmp_path / "project")
    server_settings = {
        "PREFECT_API_DATABASE_CONNECTION_URL": database_url,
        # Only the run asked for below: no scheduled runs of the interval deployment.
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
    }
    started = time.monotonic()
    with prefect_server(tmp_path / "home", tmp_path / "server.log", extra_env=server_settings) as (
        api_url
    ):
        server_up = time.monotonic() - started
        for args in (
            ["work-pool", "create", "wirewatch-local", "--type", "process"],
            ["deploy", "--all"],
        ):
            done = prefect_cli(args, api_url, cwd=project)
            assert done.returncode == 0, done.stdout + done.stderr
        asked = prefect_cli(
            [
                "deployment",
                "run",
                "ingest-folder/every-15-minutes",
                "--param",
                f"path={folder}",
                "--param",
                "settle_seconds=0",
            ],
            api_url,
            cwd=project,
        )
        assert asked.returncode == 0, asked.stdout + asked.stderr
        worker = prefect_cli(
            ["worker", "start", "--pool", "wirewatch-local", "--run-once"],
            api_url,
            timeout=600,
            cwd=tmp_path,
            extra_env=lake_settings,  # the flow run inherits the worker's environment
        )
        assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]
        deployment = _api(api_url, "GET", "/deployments/name/ingest-folder/every-15-minutes")
        runs = _api(
            api_url,
            "POST",
            "/flow_runs/filter",
            {"flow_runs": {"deployment_id": {"any_": [deployment["id"]]}}},
        )
        assert [r["state"]["type"] for r in runs] == ["COMPLETED"], runs
        run_id = runs[0]["id"]

    # The server kept the run in PostgreSQL (no SQLite database in its home) ...
    assert not list((tmp_path / "home").glob("*.db"))
    recorded = subprocess.run(
        [
            str(postgres.bin / "psql"),
            "-At",
            "-c",
            f"select state_type from flow_run where id = '{run_id}'",
        ],
        env=os.environ
        | {
            "PGHOST": "127.0.0.1",
            "PGPORT": str(postgres.port),
            "PGUSER": "wirewatch",
            "PGDATABASE": prefect_db,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert recorded.stdout.strip() == "COMPLETED"
    # ... and the run's rows are in the lake, under the flow run's id; no file was written.
    with Store.open("unused", lake=_target(lake_settings), read_only=True) as lake:
        assert lake.query("select run_id, status from runs")[1] == [(run_id, "completed")]
        (n_docs,) = lake.query("select count(*) from documents")[1][0]
    assert n_docs == 6
    assert not (project / "wirewatch.duckdb").exists()
    elapsed = time.monotonic() - started
    print(f"Prefect server on PostgreSQL up in {server_up:.1f} s; whole test {elapsed:.1f} s")


# --- incremental events on a lake ---------------------------------------------------------------
def _events(store: Store) -> list[tuple[Any, ...]]:
    columns = [row[0] for row in store.query("describe events")[1]]
    kept = ", ".join(f'"{c}"' for c in columns if c not in _ORDER_COLUMNS and c != "date_added")
    return store.query(f"select {kept} from events order by all")[1]


@pytest.mark.slow
def test_lake_runs_rebuild_only_what_changed_and_match_the_single_file(
    lake_settings, prefect, tmp_path, monkeypatch
):
    """The check and rebuild marks of a lake (migration 014): runs that grow stories, add
    sources, hand a story to a fuller canonical copy and merge stories leave the events of
    the single file (whose incremental rebuild equals a full one, tests/test_coding_flow.py),
    and each run leaves the queue consumed, its hold dropped and a check mark behind."""
    from test_coding_flow import ORIGINAL

    seeds = sorted(p for p in REPO_SEEDS.rglob("*.txt") if p.stat().st_size)
    folder = tmp_path / "in"
    folder.mkdir()
    single = tmp_path / "single.duckdb"
    paragraphs = [p for p in ORIGINAL.read_text(encoding="utf-8").split("\n") if p.strip()]

    def add(paths: list[Path], prefix: str = "") -> None:
        for path in paths:
            (folder / f"{prefix}{path.parent.name}-{path.name}").write_bytes(path.read_bytes())

    runs = [
        lambda: add(seeds[::2]),
        lambda: (add(seeds[1::2]), add(seeds[:1], prefix="again-")),
        lambda: (folder / "half-a.txt").write_text("\n".join(paragraphs[:5]), encoding="utf-8"),
        lambda: (folder / "whole.txt").write_text(
            ORIGINAL.read_text(encoding="utf-8") + "\n\nThe envoys met again in May.\n",
            encoding="utf-8",
        ),
    ]
    for number, prepare in enumerate(runs):
        prepare()
        ingest(folder, single)
        with monkeypatch.context() as env:
            for key, value in lake_settings.items():
                env.setenv(key, value)
            ingest(folder, tmp_path / "unused.duckdb")
        with (
            Store.open("unused", lake=_target(lake_settings), read_only=True) as lake,
            Store.open(single, read_only=True) as file_store,
        ):
            assert _events(lake) == _events(file_store), f"run {number}"
            assert lake.query("select count(*) from event_refresh_queue")[1] == [(0,)]
            assert lake.query("select count(*) from event_refresh_holds")[1] == [(0,)]
            (n_marks,) = lake.query("select count(*) from noncanonical_check_state")[1][0]
            assert n_marks == 1, f"run {number}"
    with Store.open(single, read_only=True) as file_store:
        assert _events(file_store)
