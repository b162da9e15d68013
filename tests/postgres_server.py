"""A throwaway PostgreSQL server on 127.0.0.1 for the DuckLake tests: Debian's binaries
(`apt-get install postgresql`), a fresh cluster in a temporary folder, a free port, stopped and
deleted afterwards.

PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user the
Debian package creates and its commands run through `runuser`. Clients connect over TCP with
`trust` authentication, which only loopback can reach.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

# CI sets this: a missing PostgreSQL then fails the tests instead of skipping them.
REQUIRE_POSTGRES_SETTING = "WIREWATCH_REQUIRE_POSTGRES"
SUPERUSER = "wirewatch"


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def require_postgres_bin() -> Path:
    """The binaries folder, or skip (fail under WIREWATCH_REQUIRE_POSTGRES=1) saying why."""
    folder = postgres_bin()
    if folder is not None:
        return folder
    reason = (
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
        "`apt-get install postgresql` runs the DuckLake tests"
    )
    if os.environ.get(REQUIRE_POSTGRES_SETTING) == "1":
        pytest.fail(f"{REQUIRE_POSTGRES_SETTING}=1 but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    bin: Path
    port: int

    def catalog(self, database: str) -> str:
        """The libpq connection string of one database of this server."""
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def create_database(self, name: str) -> str:
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
             SUPERUSER, name],
            check=True, capture_output=True, text=True,
        )
        return self.catalog(name)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """initdb, start on 127.0.0.1 at a free port, yield, stop, delete."""
    bin_dir = require_postgres_bin()
    as_user: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root and there is no `postgres` user to run PostgreSQL as")
        as_user = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="wirewatch-postgres-"))
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    data = root / "data"
    port = _free_port()
    try:
        subprocess.run(
            [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", SUPERUSER,
             "--no-sync", "-E", "UTF8"],
            check=True, capture_output=True, text=True,
        )
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
             "-w", "-t", "60", "-o", f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off", "start"],
            check=True, capture_output=True, text=True,
        )
    except subprocess.CalledProcessError as exc:
        log = root / "server.log"
        detail = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stderr or exc.stdout}\n{detail}")
    try:
        yield PostgresServer(bin_dir, port)
    finally:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
