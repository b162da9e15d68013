"""Sharing one DuckDB file between a writer, waiting writers and readers.

DuckDB lets one process hold a file while it writes, and no reader alongside it. Two small
files beside the database make that bearable:

- `<db>.writer.json`, written by the writer once it holds the file and removed when it closes
  it: who writes (flow, run id, pid, since when), so a waiting run and a reader can say for
  whom they wait. One whose pid is dead on this host, or that DuckDB's lock message
  contradicts, is stale and ignored.
- `<db stem>.snapshot.duckdb`, a copy of the database published by the writer after a commit
  (CHECKPOINT, then copy to a temporary name in the same folder, fsync, rename): readers who
  find the file held open it instead. It only ever holds committed state, and its mtime is the
  moment of that state. `<db stem>.snapshot.json` records what it was copied from and how long
  publishing took, for the writer's schedule.

Plain file operations; the store decides when to call them.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from wirewatch.dedup.bandindex import fsync_dir

WRITER_SUFFIX = ".writer.json"
SNAPSHOT_SUFFIX = ".snapshot.duckdb"
SNAPSHOT_INFO_SUFFIX = ".snapshot.json"


def writer_path(db: str | Path) -> Path:
    return Path(f"{db}{WRITER_SUFFIX}")


def snapshot_path(db: str | Path) -> Path:
    """`wirewatch.duckdb` -> `wirewatch.snapshot.duckdb`, in the same folder."""
    path = Path(db)
    return path.with_name(path.stem + SNAPSHOT_SUFFIX)


def snapshot_info_path(db: str | Path) -> Path:
    path = Path(db)
    return path.with_name(path.stem + SNAPSHOT_INFO_SUFFIX)


def _clock(moment: datetime) -> str:
    """HH:MM:SS in local time, with the date when it is not today."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%Y-%m-%d %H:%M:%S")


# --- who writes -------------------------------------------------------------------------------
@dataclass(frozen=True)
class WriterIdentity:
    """The run that holds a database open for writing."""

    flow_name: str
    run_id: str
    pid: int
    host: str
    started_at: str  # ISO 8601, UTC

    @classmethod
    def of_this_process(cls, flow_name: str, run_id: str) -> WriterIdentity:
        return cls(
            flow_name=flow_name,
            run_id=run_id,
            pid=os.getpid(),
            host=socket.gethostname(),
            started_at=datetime.now(UTC).isoformat(),
        )

    def describe(self) -> str:
        """e.g. `ingest-folder run 0f3c... (pid 4242) since 14:02:11`."""
        since = _clock(datetime.fromisoformat(self.started_at))
        return f"{self.flow_name} run {self.run_id} (pid {self.pid}) since {since}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def write_writer_file(db: str | Path, identity: WriterIdentity) -> None:
    """Record the writer (temporary file, then rename: never read half-written)."""
    target = writer_path(db)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(asdict(identity), sort_keys=True), encoding="utf-8")
    os.replace(temporary, target)


def read_writer_file(db: str | Path, lock_pid: int | None = None) -> WriterIdentity | None:
    """The recorded writer, or None when there is none or it is stale: its process is gone
    (same host), or DuckDB's lock message names another process."""
    try:
        data = json.loads(writer_path(db).read_text(encoding="utf-8"))
        identity = WriterIdentity(**data)
    except (OSError, ValueError, TypeError):
        return None
    if identity.host == socket.gethostname() and not _pid_alive(identity.pid):
        return None
    if lock_pid is not None and identity.pid != lock_pid:
        return None
    return identity


def remove_writer_file(db: str | Path, identity: WriterIdentity) -> None:
    """Remove the record if it is still this writer's."""
    current = read_writer_file(db)
    if current is not None and (current.pid, current.run_id) == (identity.pid, identity.run_id):
        writer_path(db).unlink(missing_ok=True)


_LOCK_PID = re.compile(r"PID (\d+)")


def lock_holder_pid(message: str) -> int | None:
    """The pid in DuckDB's "Conflicting lock is held in ... (PID 123)" message."""
    match = _LOCK_PID.search(message)
    return int(match.group(1)) if match else None


def describe_holder(db: str | Path, lock_message: str) -> str:
    """Who holds `db`, for log lines and errors: the recorded run, else DuckDB's pid."""
    pid = lock_holder_pid(lock_message)
    identity = read_writer_file(db, pid)
    if identity is not None:
        return f"is being written by {identity.describe()}"
    return f"is open for writing in another process{f' (pid {pid})' if pid else ''}"


# --- the read snapshot ------------------------------------------------------------------------
def file_state(path: str | Path) -> dict[str, int]:
    """What identifies a file's content cheaply: inode, size, mtime."""
    stat = os.stat(path)
    return {"ino": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


@dataclass(frozen=True)
class SnapshotRecord:
    """`<db stem>.snapshot.json`: the state of the database the snapshot was copied from,
    when, and what publishing cost."""

    source: dict[str, int]
    published_at: float  # time.time() of the copied state
    seconds: float  # checkpoint + copy

    @classmethod
    def read(cls, db: str | Path) -> SnapshotRecord | None:
        try:
            data = json.loads(snapshot_info_path(db).read_text(encoding="utf-8"))
            record = cls(
                source={k: int(v) for k, v in data["source"].items()},
                published_at=float(data["published_at"]),
                seconds=float(data["seconds"]),
            )
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        return record if snapshot_path(db).is_file() else None


def copy_snapshot(db: str | Path, state_time: float) -> None:
    """Copy the (checkpointed, not being written) database to its snapshot name: a temporary
    file in the same folder, fsynced, stamped with `state_time`, renamed over the old
    snapshot. A reader that opened the old one keeps reading it."""
    target = snapshot_path(db)
    _remove_dead_copies(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # A child process copies: DuckDB holds the file with an fcntl lock, and POSIX drops a
        # process's locks on a file when that process closes ANY descriptor of it, so
        # reading the file here would hand the lock to the next writer mid-run.
        subprocess.run(["cp", "--", str(db), str(temporary)], check=True, capture_output=True)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.utime(temporary, (state_time, state_time))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def _remove_dead_copies(target: Path) -> None:
    """Temporary copies left by a writer killed mid-copy (its pid is in the name)."""
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        pid = leftover.name[len(target.name) + 2 : -len(".tmp")]
        if pid.isdigit() and not _pid_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def write_snapshot_record(db: str | Path, record: SnapshotRecord) -> None:
    target = snapshot_info_path(db)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(asdict(record), sort_keys=True), encoding="utf-8")
    os.replace(temporary, target)


@dataclass(frozen=True)
class SnapshotPolicy:
    """When the writer publishes: no sooner than `interval_s` after the last snapshot, nor
    sooner than `cost_factor` times what the last one took."""

    interval_s: float = 10.0
    cost_factor: float = 20.0

    def is_due(self, last: SnapshotRecord | None, now: float) -> bool:
        if last is None:
            return True
        wait = max(self.interval_s, self.cost_factor * last.seconds)
        return now - last.published_at >= wait


@dataclass(frozen=True)
class SnapshotReading:
    """A reader was given the snapshot because a writer holds the database."""

    db: str
    snapshot: str
    published_at: float
    holder: str  # describe_holder(): "is being written by ..."

    def notice(self) -> str:
        when = _clock(datetime.fromtimestamp(self.published_at, UTC))
        age = max(0.0, time.time() - self.published_at)
        return (
            f"db={self.db} {self.holder}; reading the state published at {when} "
            f"({age:.0f} s ago) from {self.snapshot}"
        )


def snapshot_reading(db: str | Path, lock_message: str) -> SnapshotReading | None:
    """The snapshot a reader may open instead of the held `db`, if one exists."""
    path = snapshot_path(db)
    try:
        published_at = os.stat(path).st_mtime
    except OSError:
        return None
    return SnapshotReading(str(db), str(path), published_at, describe_holder(db, lock_message))
