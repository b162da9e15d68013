"""`wirewatch` command line: run the ingest flow, show the state of a database, run SQL,
export events in GDELT's layout, print or write the report."""

from __future__ import annotations

import contextlib
import csv
import ipaddress
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from wirewatch.analytics.report import DEFAULT_DAYS, DEFAULT_TOP
from wirewatch.errors import ConfigError, DatabaseLockedError, SqlParseError, WirewatchError

DEFAULT_DB = "wirewatch.duckdb"
# Exit codes: 1 failure, 2 bad input or configuration (or SQL `sql` refuses), 3 the database is
# open for writing elsewhere, 4 no Prefect API (the configured one does not answer, or the
# temporary server did not start).
EXIT_LOCKED = 3
EXIT_NO_PREFECT_API = 4
# Statement kinds `wirewatch sql` runs (DuckDB's parser's types); anything else is refused
# before it runs. `DESCRIBE`, `SHOW`, `SUMMARIZE` and read-only PRAGMAs parse as SELECT.
READ_STATEMENT_TYPES = frozenset({"SELECT", "EXPLAIN"})
# Runs shorter than this finish without a progress display.
PROGRESS_DELAY_S = 2.0
# After SIGTERM the process unwinds (server stopped, run marked failed), or is ended this
# many seconds later regardless. Unwinding measured 4-6 s (logs drained, server stopped).
SIGTERM_GRACE_S = 15.0

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="wirewatch: ingest news articles, collapse reprints, code events into DuckDB.",
)
console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file.", envvar="WIREWATCH_DB")]
ConfigOption = Annotated[
    Path | None, typer.Option(help="Settings file (default ./wirewatch.toml).")
]


def _prefect_defaults(quiet: bool) -> None:
    """Embedded-server defaults, set before Prefect is imported; explicit env wins."""
    # Offline machines: telemetry would log an error at every server start.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The first run migrates Prefect's own database; on a fresh machine that can pass 20 s.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")


class _RichProgress:
    """A live counter that appears only once a run has taken longer than PROGRESS_DELAY_S."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled and console.is_terminal
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed:,} files"),
            TextColumn("[green]{task.fields[new]:,} new"),
            TextColumn("{task.fields[dup]:,} duplicate"),
            TextColumn("[yellow]{task.fields[bad]:,} quarantined"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("ingesting", total=None, new=0, dup=0, bad=0)
        self._timer = threading.Timer(PROGRESS_DELAY_S, self._start)
        self._timer.daemon = True
        self._swapped: list[tuple[Any, Console]] = []

    def _start(self) -> None:
        # Prefect's console log handler prints through its own rich Console; pointing it at
        # ours makes log lines scroll above the live display instead of tearing through it.
        for name in ["", *logging.Logger.manager.loggerDict]:
            if name and not name.startswith("prefect"):
                continue
            for handler in logging.getLogger(name).handlers:
                handler_console = getattr(handler, "console", None)
                if isinstance(handler_console, Console) and handler_console is not console:
                    self._swapped.append((handler, handler_console))
                    handler.console = console
        self._progress.start()

    def __enter__(self) -> _RichProgress:
        if self._enabled:
            self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.cancel()
        self._progress.stop()
        for handler, original in self._swapped:
            handler.console = original

    def batch_done(self, *, n_files: int, n_new: int, n_duplicate: int, n_quarantined: int) -> None:
        fields = self._progress.tasks[0].fields
        self._progress.update(
            self._task,
            advance=n_files,
            new=fields["new"] + n_new,
            dup=fields["dup"] + n_duplicate,
            bad=fields["bad"] + n_quarantined,
        )


def _fail(message: str, code: int = 1) -> typer.Exit:
    # Messages quote paths, titles and settings verbatim: text, never rich markup.
    err_console.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _print_table(title: str | None, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    table = Table(
        title=None if title is None else Text(title), title_justify="left", show_lines=False
    )
    for column in columns:
        table.add_column(Text(column), overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
    console.print(table)


def _check_settings(config: Path | None, ingest: dict[str, Any] | None = None) -> None:
    """Load the settings as the flow will (file, environment, CLI options), so that a bad one
    is reported before a Prefect server is started for nothing."""
    from wirewatch.config import load_settings

    try:
        load_settings(config, overrides={"ingest": ingest} if ingest else None)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None


def _run_with_prefect(flow_call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run a flow under a Prefect API, mapping wirewatch errors to exit codes."""
    from wirewatch.orchestration.local_server import LocalServerError, prefect_api

    try:
        with prefect_api():
            return flow_call()
    except LocalServerError as exc:
        raise _fail(str(exc), EXIT_NO_PREFECT_API) from None
    except DatabaseLockedError as exc:
        raise _fail(str(exc), EXIT_LOCKED) from None
    except WirewatchError as exc:
        raise _fail(str(exc), 2) from None


@app.command()
def run(
    folder: Annotated[Path, typer.Argument(help="Folder of articles to scan (recursive).")] = Path(
        "seeds"
    ),
    db: DbOption = Path(DEFAULT_DB),
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            help="Pattern to match, repeatable (default **/*.txt, **/*.html, **/*.htm).",
        ),
    ] = None,
    batch_size: Annotated[int | None, typer.Option(help="Files per batch (default 1000).")] = None,
    settle_seconds: Annotated[
        float | None, typer.Option(help="Skip files modified more recently than this (default 2).")
    ] = None,
    max_file_mb: Annotated[
        float | None, typer.Option(help="Quarantine larger files (default 20).")
    ] = None,
    config: ConfigOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only warnings and errors (for cron).")
    ] = False,
) -> None:
    """Ingest new and changed articles from FOLDER into the DuckDB file."""
    if not folder.is_dir():
        raise _fail(f"folder {folder} does not exist or is not a folder", 2)
    max_file_bytes = int(max_file_mb * 1024 * 1024) if max_file_mb else None
    _check_settings(
        config,
        {
            "glob": glob,
            "batch_size": batch_size,
            "settle_seconds": settle_seconds,
            "max_file_bytes": max_file_bytes,
        },
    )
    _prefect_defaults(quiet)
    from wirewatch import progress
    from wirewatch.orchestration.flow_loader import load_flow

    # No flow retries from the command line: after `[store] busy_timeout_seconds` of waiting
    # for a held database it exits 3, and cron or the user runs it again.
    ingest_folder = load_flow("ingest_folder", "ingest_folder").with_options(retries=0)

    def run_flow() -> dict[str, Any]:
        with _RichProgress(enabled=not quiet) as sink, progress.reporting_to(sink):
            return ingest_folder(
                path=str(folder),
                db=str(db),
                glob=glob,
                batch_size=batch_size,
                settle_seconds=settle_seconds,
                max_file_bytes=max_file_bytes,
                config_file=str(config) if config else None,
            )

    started = time.perf_counter()
    summary = _run_with_prefect(run_flow)
    if not quiet:
        elapsed = time.perf_counter() - started
        _print_table(
            f"Ingested {folder} into {db} in {elapsed:.1f} s",
            [
                "new documents",
                "reprints",
                "exact duplicates",
                "quarantined",
                "unchanged",
                "still being written",
            ],
            [
                (
                    summary["n_documents_new"],
                    summary["n_reprints"],
                    summary["n_documents_duplicate"],
                    summary["n_quarantined"],
                    summary["n_files_unchanged"],
                    summary["n_files_deferred"],
                )
            ],
        )


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder of articles to watch (recursive).")],
    db: DbOption = Path(DEFAULT_DB),
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", help="Pattern to match, repeatable (default **/*.txt)."),
    ] = None,
    settle_seconds: Annotated[
        float | None,
        typer.Option(help="A file is settled once unmodified this long (default 2)."),
    ] = None,
    debounce: Annotated[
        float,
        typer.Option(
            min=0,
            help="Run once the folder has been quiet this long (at least the settle time) ...",
        ),
    ] = 0.5,
    max_wait: Annotated[
        float,
        typer.Option(min=0, help="... or this long after a burst's first change, however busy."),
    ] = 30.0,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="Run each burst as a run of a served deployment "
            "(Flow.serve), not in this process.",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Ingest FOLDER now, then again whenever files land in it, until Ctrl-C or SIGTERM."""
    from wirewatch.config import load_settings
    from wirewatch.ingest.bursts import SETTLE_MARGIN_S, BurstGatherer, ChangeFilter

    if not folder.is_dir():
        raise _fail(f"folder {folder} does not exist or is not a folder", 2)
    try:
        settings = load_settings(
            config, overrides={"ingest": {"glob": glob, "settle_seconds": settle_seconds}}
        )
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    settle_s = settings.ingest.settle_seconds
    quiet_s = max(debounce, settle_s + SETTLE_MARGIN_S)
    if max_wait < quiet_s:
        raise _fail(f"--max-wait ({max_wait} s) must be at least the quiet window ({quiet_s} s)", 2)
    _prefect_defaults(quiet=False)
    # One line per burst is the watcher's output; the flows' own logs go to the Prefect API.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    from wirewatch.orchestration import watch as watching
    from wirewatch.orchestration.flow_loader import load_flow
    from wirewatch.orchestration.local_server import LocalServerError, prefect_api

    root = folder.expanduser().resolve()
    parameters: dict[str, Any] = {
        "path": str(root),
        "db": str(db.expanduser().resolve()),
        "glob": glob,
        "settle_seconds": settle_seconds,
        "config_file": str(config.resolve()) if config else None,
    }

    def log(line: str) -> None:
        console.print(Text(f"{datetime.now():%H:%M:%S} {line}"), soft_wrap=True)

    try:
        # One Prefect API (the configured one, or one temporary server) for the whole watch.
        with prefect_api() as api_url, contextlib.ExitStack() as stack:
            if serve:
                name = watching.deployment_name(root)
                run_burst = stack.enter_context(
                    watching.served_deployment(name, parameters, api_url)
                )
                log(f"serving deployment ingest-folder/{name}")
            else:
                # No flow retries inside a burst: the watcher retries a failed burst itself
                # (2 s after a held database, 30 s after anything else).
                ingest_folder = load_flow("ingest_folder", "ingest_folder").with_options(retries=0)
                run_burst = watching.run_in_process(ingest_folder)
                watching.warm_up(settings)
            watcher = watching.Watcher(
                folder=root,
                parameters=parameters,
                change_filter=ChangeFilter(str(root), settings.ingest.glob),
                gatherer=BurstGatherer(quiet_s=quiet_s, max_wait_s=max_wait),
                settle_s=settle_s,
                run_burst=run_burst,
                log=log,
            )
            log(
                f"watching {root} into {parameters['db']} (quiet {quiet_s:g} s, "
                f"max wait {max_wait:g} s); Ctrl-C stops"
            )
            watcher.run_forever()
    except KeyboardInterrupt:
        log("stopped (SIGINT)")
    except LocalServerError as exc:
        raise _fail(str(exc), EXIT_NO_PREFECT_API) from None
    except WirewatchError as exc:
        raise _fail(str(exc), 1) from None
    except BaseException as exc:
        # Prefect's handler turns SIGTERM during a flow run into TerminationSignal.
        signum = getattr(exc, "signal", None)
        if isinstance(signum, int):
            raise typer.Exit(128 + signum) from None
        raise


def _run_maintenance_flow(
    db: Path, config: Path | None, quiet: bool, module: str, flow_name: str
) -> dict[str, Any]:
    """Run the flow `flow_name` of flows/`module`.py over an existing database (Prefect
    imported only after its defaults are set), mapping a held lock to exit 3 and any other
    wirewatch error to exit 2."""
    if not db.exists():
        raise _fail(f"db={db} does not exist; run `wirewatch run` first", 2)
    _check_settings(config)
    _prefect_defaults(quiet)

    def run_flow() -> dict[str, Any]:
        from wirewatch.orchestration.flow_loader import load_flow

        maintenance_flow = load_flow(module, flow_name).with_options(retries=0)
        return maintenance_flow(db=str(db), config_file=str(config) if config else None)

    return _run_with_prefect(run_flow)


@app.command()
def recluster(
    db: DbOption = Path(DEFAULT_DB),
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors.")] = False,
) -> None:
    """Rebuild every signature and story cluster with the current [dedup] settings."""
    summary = _run_maintenance_flow(db, config, quiet, "recluster", "recluster_documents")
    if not quiet:
        console.print(
            f"{summary['n_clusters']:,} story clusters, "
            f"{summary['n_multi_document_clusters']:,} with reprints "
            f"({summary['n_reprints']:,} reprints)"
        )


@app.command()
def recode(
    db: DbOption = Path(DEFAULT_DB),
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors.")] = False,
) -> None:
    """Re-code every story with the current event coder, replacing that coder version's
    mentions and events in one transaction."""
    summary = _run_maintenance_flow(db, config, quiet, "recode", "recode_events")
    if not quiet:
        console.print(
            f"coder {escape(summary['coder_version'])}: {summary['n_documents_coded']:,} stories, "
            f"{summary['n_event_mentions']:,} event mentions, {summary['n_events']:,} events"
        )


def _open_read_only(db: Path, *, sealed: bool = True, config: Path | None = None) -> Any:
    """The database read-only; sealed (no other file, no extension, settings locked) unless
    the command writes files itself (`export`). While a run writes it, the run's last read
    snapshot, with one line on stderr saying so. With `[store] backend = "ducklake"` in the
    settings (`config`, ./wirewatch.toml, WIREWATCH__STORE__*): the lake's tables, attached
    read-only, instead of `db`."""
    from wirewatch.config import load_settings
    from wirewatch.store import Store
    from wirewatch.store.lake import LakeTarget

    try:
        lake = LakeTarget.of(load_settings(config).store)
    except ConfigError as exc:
        raise _fail(str(exc), 2) from None
    try:
        if lake is not None:
            store = (
                Store.open_sealed(db, lake=lake)
                if sealed
                else Store.open(db, read_only=True, lake=lake)
            )
        else:
            store = Store.open_sealed(db) if sealed else Store.open(db, read_only=True)
    except DatabaseLockedError as exc:
        raise _fail(str(exc), EXIT_LOCKED) from None
    except WirewatchError as exc:
        raise _fail(str(exc), 2) from None
    if store.snapshot_reading is not None:
        # A run holds the file: this reads the state it last published, and says so.
        err_console.print(f"note: {escape(store.snapshot_reading.notice())}", soft_wrap=True)
    return store


@app.command()
def status(db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None) -> None:
    """Row counts, the last runs, story clusters, quarantine by reason, the language mix and
    the feeds (due, failing, the last poll)."""
    with _open_read_only(db, config=config) as store:
        for title, query in (
            ("Tables", "queries/count_tables.sql"),
            ("Last runs", "queries/select_last_runs.sql"),
            ("Story clusters", "queries/select_story_summary.sql"),
            ("Quarantine by reason", "queries/select_quarantine_summary.sql"),
            ("Languages", "queries/select_language_mix.sql"),
        ):
            columns, rows = store.named_query(query)
            _print_table(title, columns, rows)
        _print_feeds(store)


FAILING_FEEDS_SHOWN = 20


def _print_feeds(store: Any) -> None:
    """The feeds' tables of `status` (the report has them in its own tables): counts, the last
    poll, the failing feeds with their last error. Nothing when no feed is registered."""
    columns, rows = store.named_query("queries/select_feeds_summary.sql")
    if not rows or not rows[0][0]:
        return
    _print_table("Feeds", columns, rows)
    columns, rows = store.named_query(
        "queries/select_failing_feeds.sql", {"limit": FAILING_FEEDS_SHOWN}
    )
    if rows:
        _print_table("Failing feeds", columns, rows)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL text, or the path of a .sql file.")],
    db: DbOption = Path(DEFAULT_DB),
    output_format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    max_rows: Annotated[int, typer.Option(help="Rows shown in table format.")] = 200,
    config: ConfigOption = None,
) -> None:
    """Run SQL against the database (read-only) and print the result."""
    if output_format not in {"table", "csv", "json"}:
        raise _fail(f"--format must be table, csv or json, not {output_format!r}", 2)
    if _names_a_sql_file(query):
        candidate = Path(query.strip())
        if not candidate.is_file():
            raise _fail(f"SQL file {query} does not exist", 2)
        try:
            query = candidate.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise _fail(f"SQL file {candidate} is not UTF-8 text ({exc.reason})", 2) from None
        except OSError as exc:
            raise _fail(f"cannot read SQL file {candidate}: {exc.strerror}", 2) from None
    if not query.strip():
        raise _fail("no SQL given: pass a statement or the path of a .sql file", 2)
    with _open_read_only(db, config=config) as store:
        _refuse_unless_read(store, query, db)
        try:
            columns, rows = store.query(query)
        except WirewatchError as exc:
            message = str(exc)
            if "Permission Error" in message:
                message += f" ({_ONLY_READS}; use the DuckDB shell to read other files)"
            raise _fail(message, 2) from None
    if output_format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif output_format == "json":
        json.dump(
            [dict(zip(columns, row, strict=True)) for row in rows],
            sys.stdout,
            default=str,
            indent=1,
        )
        sys.stdout.write("\n")
    else:
        _print_table(None, columns, rows[:max_rows])
        if len(rows) > max_rows:
            err_console.print(
                f"({len(rows) - max_rows} more rows; raise --max-rows or use --format csv)"
            )


DateOption = Annotated[
    datetime | None,
    typer.Option(
        "--since", formats=["%Y-%m-%d"], help="Only events dated on or after DATE (YYYY-MM-DD)."
    ),
]


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Folder to write the files into (created).")],
    db: DbOption = Path(DEFAULT_DB),
    output_format: Annotated[
        str, typer.Option("--format", help="gdelt (tab-separated, no header), parquet or csv.")
    ] = "gdelt",
    since: DateOption = None,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Also write the mentions of the exported events.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Write the current coder's events (GDELT 2.0's 61 columns) and optionally their mentions."""
    from wirewatch.analytics.export import EXPORT_FORMATS, ExportError, export_events

    if output_format not in EXPORT_FORMATS:
        choices = ", ".join(EXPORT_FORMATS)
        raise _fail(f"--format must be one of {choices}, not {output_format!r}", 2)
    with _open_read_only(db, sealed=False, config=config) as store:
        try:
            result = export_events(
                store,
                output_format,
                out,
                since=since.date() if since else None,
                include_mentions=mentions,
            )
        except ExportError as exc:
            raise _fail(str(exc), 2) from None
        except DatabaseLockedError as exc:
            raise _fail(str(exc), 3) from None
        except WirewatchError as exc:
            raise _fail(str(exc), 1) from None
    for path, n_rows in result.files:
        console.print(f"wrote {n_rows:,} rows to {escape(str(path))}")
    if result.n_events_undated:
        err_console.print(
            f"{result.n_events_undated:,} events without a resolvable date were not exported "
            "(GDELT's layout has no undated events); see stg_events where event_date is null"
        )


@app.command()
def report(
    db: DbOption = Path(DEFAULT_DB),
    since: DateOption = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")
    ] = None,
    days: Annotated[
        int, typer.Option(min=1, help="Days of the index table, up to the latest event.")
    ] = DEFAULT_DAYS,
    top: Annotated[
        int, typer.Option(min=1, help="Rows of the top dyads and stories.")
    ] = DEFAULT_TOP,
    config: ConfigOption = None,
) -> None:
    """Print the headline tables; with --html, also write them with charts to one HTML file."""
    from wirewatch.analytics import report as report_stage

    with _open_read_only(db, config=config) as store:
        try:
            data = report_stage.collect_report(
                store.named_query, since=since.date() if since else None, days=days, top=top
            )
        except WirewatchError as exc:
            raise _fail(str(exc), 1) from None
        report_stage.print_report(data, console)
    if html is not None:
        try:
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_text(report_stage.render_html(data), encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot write the HTML report to {html}: {exc}", 1) from None
        console.print(f"wrote {escape(str(html))}")


_ONLY_READS = "`wirewatch sql` only reads the database"
_EXPLAIN_PREFIX = re.compile(r"^\s*explain\s+(?:analy[sz]e\s+)?(?:\([^)]*\)\s*)?", re.IGNORECASE)


def _refuse_unless_read(store: Any, sql_text: str, db: Path) -> None:
    """Exit 2 before anything runs unless every statement in `sql_text` is a read, as
    DuckDB's own parser classifies it (EXPLAIN only of a read)."""
    try:
        statements = store.statement_kinds(sql_text)
    except SqlParseError as exc:
        # IMPORT DATABASE is expanded while parsing, so the sealed connection fails on it here.
        keyword = _leading_keyword(sql_text)
        if keyword in {"IMPORT", "COPY", "ATTACH", "EXPORT", "INSTALL", "LOAD"}:
            raise _refused(keyword, db) from None
        raise _fail(f"SQL error: {exc}", 2) from None
    if not statements:
        raise _fail("no SQL statement given (only comments or semicolons)", 2)
    for kind, query in statements:
        read = query
        if kind == "EXPLAIN":
            read = _EXPLAIN_PREFIX.sub("", query, count=1)
            try:
                kinds = [inner_kind for inner_kind, _ in store.statement_kinds(read)]
            except SqlParseError:
                kinds = ["EXPLAIN"]
            if kinds != ["SELECT"]:
                raise _refused(f"EXPLAIN of {_leading_keyword(read) or 'a non-read'}", db)
        elif kind not in READ_STATEMENT_TYPES:
            keyword = _leading_keyword(query) or kind
            raise _refused(keyword if keyword == kind else f"{keyword} (a {kind} statement)", db)
        outside = store.outside_functions(read)
        if outside:
            raise _refused(f"{', '.join(outside)} (reads another database)", db)


def _leading_keyword(sql_text: str) -> str:
    without_comments = re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql_text, flags=re.DOTALL)
    match = re.search(r"[A-Za-z_]+", without_comments)
    return match.group(0).upper() if match else ""


def _refused(what: str, db: Path) -> typer.Exit:
    return _fail(
        f"{_ONLY_READS}: {what} is refused. Use the DuckDB shell for that "
        f"(`duckdb {db}`, once no wirewatch run holds the file; a lake: docs/scale-out.md, "
        '"Reading the lake")',
        2,
    )


def _names_a_sql_file(query: str) -> bool:
    """A `.sql` path, or an existing file; anything else is SQL text."""
    text = query.strip()
    if text.endswith(".sql") and not any(ch.isspace() for ch in text):
        return True
    try:
        return Path(text).is_file()
    except OSError:  # e.g. a long statement is "File name too long"
        return False


# --- feeds -----------------------------------------------------------------------------------
feeds_app = typer.Typer(
    no_args_is_help=True,
    help="Register RSS, Atom and JSON feeds and poll them into the database.",
)
app.add_typer(feeds_app, name="feeds")

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_EVERY_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _every_seconds(text: str) -> float:
    """`90`, `90s`, `15m`, `2h`, `1d` -> seconds (at least one)."""
    match = _EVERY.match(text)
    if match is None or float(match.group(1)) <= 0:
        raise _fail(f"--every {text!r}: expected a positive duration such as 30s, 15m, 2h, 1d", 2)
    return max(1.0, float(match.group(1)) * _EVERY_UNITS[match.group(2).lower()])


def _feed_url(url: str) -> str:
    """The URL as registered: http or https with a host, else exit 2 naming the problem."""
    from wirewatch.feeds.safety import AddressPolicy, RefusedUrl, check_url

    try:
        # Scheme and shape only: addresses are judged at every fetch, with the settings then.
        check_url(url, AddressPolicy(allowed=(ipaddress.ip_network("0.0.0.0/0"),
                                              ipaddress.ip_network("::/0"))))
    except RefusedUrl as exc:
        raise _fail(exc.detail, 2) from None
    return url.strip()


def _default_feed_name(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path.rstrip('/')}" or url


# A registry edit waits this long for a run writing the database, then exits 3 naming it.
_REGISTRY_BUSY_TIMEOUT_S = 120.0


def _open_for_writing(db: Path) -> Any:
    from wirewatch.store import Store

    # The store logs once whom it waits for; the user sees that line on stderr.
    waiting = logging.getLogger("wirewatch.cli.registry")
    if not waiting.handlers:
        waiting.addHandler(logging.StreamHandler(sys.stderr))
        waiting.setLevel(logging.INFO)
        waiting.propagate = False
    try:
        return Store.open(db, busy_timeout_s=_REGISTRY_BUSY_TIMEOUT_S, logger=waiting)
    except DatabaseLockedError as exc:
        raise _fail(str(exc), EXIT_LOCKED) from None
    except WirewatchError as exc:
        raise _fail(str(exc), 2) from None


def _add_feeds(db: Path, feeds: list[tuple[str, str, float]]) -> list[str]:
    import pyarrow as pa

    table = pa.table(
        {
            "url": [url for url, _, _ in feeds],
            "name": [name for _, name, _ in feeds],
            "every_seconds": [every for _, _, every in feeds],
            "ord": list(range(len(feeds))),
        }
    )
    with _open_for_writing(db) as store:
        return store.add_feeds(table)


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="The feed's http(s) URL.")],
    db: DbOption = Path(DEFAULT_DB),
    name: Annotated[
        str | None, typer.Option(help="A short unique name (default: host and path).")
    ] = None,
    every: Annotated[str, typer.Option(help="Poll interval: 30s, 15m, 2h, 1d.")] = "15m",
) -> None:
    """Register a feed; it is due at once."""
    url = _feed_url(url)
    name = (name or _default_feed_name(url)).strip()
    if not name:
        raise _fail("--name must not be empty", 2)
    added = _add_feeds(db, [(url, name, _every_seconds(every))])
    if not added:
        raise _fail(f"a feed with URL {url} or name {name!r} is already registered", 2)
    console.print(Text(f"added {name} ({url}), every {every}"))


@feeds_app.command("list")
def feeds_list(db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None) -> None:
    """The registered feeds with their last outcome and next due time."""
    with _open_read_only(db, config=config) as store:
        columns, rows = store.named_query("queries/select_feeds.sql")
        _print_table("Feeds", columns, rows)
        columns, rows = store.named_query("queries/select_feed_failures.sql")
        if rows:
            _print_table("Fetch failures by reason", columns, rows)


@feeds_app.command("remove")
def feeds_remove(
    key: Annotated[str, typer.Argument(help="The feed's URL or name.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Stop polling a feed; the documents it brought stay."""
    if not db.exists():
        raise _fail(f"db={db} does not exist", 2)
    with _open_for_writing(db) as store:
        removed = store.remove_feed(key)
    if not removed:
        raise _fail(f"no feed with URL or name {key!r}", 2)
    console.print(Text(f"removed {', '.join(removed)}"))


@feeds_app.command("import")
def feeds_import(
    opml: Annotated[Path, typer.Argument(help="An OPML file (a feed reader's export).")],
    db: DbOption = Path(DEFAULT_DB),
    every: Annotated[str, typer.Option(help="Poll interval of the imported feeds.")] = "15m",
) -> None:
    """Register every feed of an OPML file (outlines with an xmlUrl); known ones are skipped."""
    from wirewatch.feeds.opml import OpmlError, read_opml

    try:
        outlines = read_opml(opml.read_bytes())
    except OSError as exc:
        raise _fail(f"cannot read {opml}: {exc.strerror}", 2) from None
    except OpmlError as exc:
        raise _fail(f"{opml}: {exc}", 2) from None
    seconds = _every_seconds(every)
    feeds = [(_feed_url(url), title or _default_feed_name(url), seconds) for url, title in outlines]
    added = _add_feeds(db, feeds)
    console.print(Text(f"{len(added)} feeds added, {len(feeds) - len(added)} already registered"))


@feeds_app.command("poll")
def feeds_poll(
    db: DbOption = Path(DEFAULT_DB),
    all_feeds: Annotated[
        bool, typer.Option("--all", help="Poll every feed, due or not.")
    ] = False,
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors.")] = False,
) -> None:
    """Run the ingest-feeds flow once over the due feeds."""
    if not db.exists():
        raise _fail(f"db={db} does not exist; add a feed first (`wirewatch feeds add URL`)", 2)
    _check_settings(config)
    _prefect_defaults(quiet)

    def run_flow() -> dict[str, Any]:
        from wirewatch.orchestration.flow_loader import load_flow

        ingest_feeds = load_flow("ingest_feeds", "ingest_feeds")
        return ingest_feeds(
            db=str(db), all_feeds=all_feeds, config_file=str(config) if config else None
        )

    summary = _run_with_prefect(run_flow)
    if not quiet:
        _print_table(
            f"Polled {summary['n_feeds']} feeds into {db}",
            ["not modified", "failed", "new entries", "new documents", "fetch failures"],
            [
                (
                    summary["n_not_modified"],
                    summary["n_failed_feeds"],
                    summary["n_entries_new"],
                    summary["n_documents_new"],
                    summary["n_failures"],
                )
            ],
        )


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    """SIGTERM (`timeout`, `kill`, a service manager) unwinds like Ctrl-C, so the temporary
    Prefect server is stopped and the run recorded as failed. (During a flow run Prefect's
    own handler takes its place and raises TerminationSignal, to the same effect.)"""
    raise SystemExit(128 + signum)


def _exit_after_sigterm_grace(read_fd: int) -> None:
    """Exit SIGTERM_GRACE_S after a SIGTERM even if unwinding did not: an exception raised by
    a signal handler is lost when the signal lands in a `__del__` (seen in about one run in
    four signalled mid-ingest, which then ran to the end)."""
    while True:
        if signal.SIGTERM in os.read(read_fd, 64):
            time.sleep(SIGTERM_GRACE_S)
            from wirewatch.orchestration.local_server import kill_running_servers

            kill_running_servers()
            os._exit(128 + signal.SIGTERM)


def _watch_sigterm() -> None:
    # The C-level handler writes each signal's number to the wakeup fd whichever Python
    # handler is installed (ours, or Prefect's during a flow run), before any Python runs.
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    threading.Thread(
        target=_exit_after_sigterm_grace, args=(read_fd,), name="sigterm-grace", daemon=True
    ).start()


def main() -> None:
    _watch_sigterm()
    app()


if __name__ == "__main__":
    main()
