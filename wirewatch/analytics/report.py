"""Report stage: the headline tables of a wirewatch database, for a terminal, an HTML file and
a Prefect artifact.

Input: a query function (`Store.named_query`) that runs the `sql/queries/select_report_*.sql`,
`select_conflict_cooperation_index.sql` and `select_daily_events_by_quad_class.sql` files over
the analyst views. Output: a `Report` (plain rows), rendered by `print_report` (rich tables),
`render_html` (one self-contained page: inline SVG charts drawn with matplotlib, no scripts,
no network) and `summary_markdown` (the Prefect markdown artifact `wirewatch-report`).

Headline tables: events by CAMEO root and QuadClass, top dyads, the conflict/cooperation index
of the last N days, the most widely carried stories, the last runs and, when feeds are
registered, the feeds' summary and the failing feeds. Charts: the daily
conflict/cooperation index, events per day by QuadClass, and the top dyads.

Failure reasons: none of its own; store errors from the query function propagate.
"""

from __future__ import annotations

import html
import io
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

RunQuery = Callable[[str, Mapping[str, Any] | None], tuple[list[str], list[tuple[Any, ...]]]]

REPORT_ARTIFACT_KEY = "wirewatch-report"
DEFAULT_DAYS = 14  # days of the conflict/cooperation index shown as a table
DEFAULT_TOP = 10  # rows of the top-N tables (dyads, stories)
N_RUNS_SHOWN = 5
N_FAILING_FEEDS = 20  # rows of the failing-feeds table

QUAD_CLASS_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# Chart colours. Each chart has its own, so a screenshot test can find each chart's marks.
COLOR_INDEX_POSITIVE = "#1a9850"  # index chart: days whose Goldstein sum is >= 0
COLOR_INDEX_NEGATIVE = "#d73027"  # index chart: days whose Goldstein sum is < 0
COLOR_INDEX_MEAN = "#f28e2b"  # index chart: mean Goldstein line
COLOR_DYAD_COOPERATION = "#2166ac"
COLOR_DYAD_CONFLICT = "#762a83"
COLOR_QUAD_CLASS = {1: "#80cdc1", 2: "#018571", 3: "#dfc27d", 4: "#a6611a"}

MAX_BARS = 120  # longer spans are charted by week, then by month
_CHART_WIDTH_IN = 11.0
_CHART_HEIGHT_IN = 3.6


@dataclass(frozen=True, slots=True)
class ReportTable:
    title: str
    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Report:
    generated_at: datetime
    since: date | None
    days: int
    totals: dict[str, Any]
    tables: list[ReportTable]  # the headline tables, in reading order
    index_series: list[tuple[Any, ...]]  # event_date, n_events, n_coop, n_conflict, sum, mean
    quad_series: list[tuple[Any, ...]]  # event_date, quad_class, n_events
    top_dyads: list[tuple[Any, ...]]  # as in select_report_top_dyads.sql


def collect_report(
    run_query: RunQuery,
    *,
    since: date | None = None,
    days: int = DEFAULT_DAYS,
    top: int = DEFAULT_TOP,
) -> Report:
    """Run the report's queries; `since` limits events, stories and runs to that date on."""
    if days < 1 or top < 1:
        raise ValueError(f"days={days} and top={top} must both be at least 1")
    window = {"since": since}
    columns, rows = run_query("queries/select_report_totals.sql", window)
    totals = dict(zip(columns, rows[0], strict=True))

    _, by_root = run_query("queries/select_report_events_by_root.sql", window)
    _, dyads = run_query("queries/select_report_top_dyads.sql", window | {"top": top})
    _, last_days = run_query(
        "queries/select_conflict_cooperation_index.sql", window | {"days": days}
    )
    _, index_series = run_query(
        "queries/select_conflict_cooperation_index.sql", window | {"days": None}
    )
    _, quad_series = run_query("queries/select_daily_events_by_quad_class.sql", window)
    _, stories = run_query("queries/select_report_story_clusters.sql", window | {"top": top})
    _, runs = run_query("queries/select_report_ingest_health.sql", window | {"top": N_RUNS_SHOWN})

    tables = [
        ReportTable(
            "Events by CAMEO root and QuadClass",
            ["root", "name", "quad class", "events", "mentions", "mean Goldstein"],
            [
                (root, _root_names().get(root, ""), _quad_label(quad), n, n_mentions, mean)
                for root, quad, n, n_mentions, mean in by_root
            ],
        ),
        ReportTable(
            f"Top {top} dyads",
            [
                "actor 1",
                "actor 2",
                "events",
                "cooperation",
                "conflict",
                "mean Goldstein",
                "first",
                "last",
            ],
            dyads,
        ),
        ReportTable(
            f"Conflict/cooperation index, the {days} days up to the latest event",
            ["day", "events", "cooperation", "conflict", "Goldstein sum", "Goldstein mean"],
            last_days,
        ),
        ReportTable(
            f"Top {top} stories",
            ["headline", "wire agency", "bodies", "sources", "outlets", "events", "first seen"],
            stories,
        ),
        ReportTable(
            f"Last {N_RUNS_SHOWN} runs",
            [
                "started",
                "flow",
                "status",
                "seconds",
                "new documents",
                "duplicates",
                "quarantined",
                "documents/s",
                "new quarantine rows by reason",
            ],
            runs,
        ),
    ]
    tables += _feed_tables(run_query)
    return Report(
        generated_at=datetime.now(UTC),
        since=since,
        days=days,
        totals=totals,
        tables=tables,
        index_series=index_series,
        quad_series=quad_series,
        top_dyads=dyads,
    )


# --- text renderings -----------------------------------------------------------------------
@cache
def _feed_tables(run_query: RunQuery) -> list[ReportTable]:
    """The feeds at a glance and the failing ones, when any feed is registered (a folder-only
    database shows no feed tables)."""
    columns, summary = run_query("queries/select_feeds_summary.sql", None)
    if not summary or not summary[0][0]:
        return []
    tables = [ReportTable("Feeds", columns, summary)]
    columns, failing = run_query("queries/select_failing_feeds.sql", {"limit": N_FAILING_FEEDS})
    if failing:
        tables.append(ReportTable("Failing feeds", columns, failing))
    return tables


def _root_names() -> dict[str, str]:
    """CAMEO root code -> name, from the pinned code table the coder uses."""
    from wirewatch.coding.patterns import load_event_codes

    return {code: info.name for code, info in load_event_codes().items() if len(code) == 2}


def _quad_label(quad_class: int) -> str:
    return f"{quad_class} {QUAD_CLASS_NAMES.get(quad_class, '')}".strip()


def _cell(value: Any) -> str:
    """One table cell as text: empty for NULL, minutes for timestamps, 'k: v' for maps."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _headline(report: Report) -> str:
    totals = report.totals
    window = f"since {report.since.isoformat()}" if report.since else "all time"
    if not totals["n_events"]:
        return f"No coded events ({window})."
    undated = (
        f", {totals['n_events_undated']:,} without a resolvable date"
        if totals["n_events_undated"]
        else ""
    )
    return (
        f"{totals['n_events']:,} events ({window}{undated}) from {totals['n_mentions']:,} "
        f"mentions, dated {_cell(totals['first_event_date'])} to "
        f"{_cell(totals['last_event_date'])}; coder {totals['coder_version']}."
    )


def print_report(report: Report, console: Console) -> None:
    """The headline tables as rich tables; stored values are printed as text, never markup
    (a headline may contain `[/x]` or `[bold]`)."""
    console.print(Text.assemble(("wirewatch report", "bold"), ": ", _headline(report)))
    for table in report.tables:
        rich_table = Table(title=Text(table.title), title_justify="left")
        for column in table.columns:
            rich_table.add_column(Text(column), overflow="fold")
        for row in table.rows:
            rich_table.add_row(*(Text(_cell(v)) for v in row))
        if not table.rows:
            rich_table.caption = "(none yet)"
        console.print(rich_table)


def _markdown_cell(value: Any) -> str:
    return _cell(value).replace("|", "\\|").replace("\n", " ")


def summary_markdown(report: Report) -> str:
    """The headline tables as Markdown, for the Prefect artifact `wirewatch-report`."""
    lines = ["# wirewatch report", "", _headline(report), ""]
    for table in report.tables:
        lines += [f"## {table.title}", ""]
        if not table.rows:
            lines += ["(none yet)", ""]
            continue
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        lines += ["| " + " | ".join(_markdown_cell(v) for v in row) + " |" for row in table.rows]
        lines.append("")
    return "\n".join(lines)


# --- charts and HTML -----------------------------------------------------------------------
def _new_figure() -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(_CHART_WIDTH_IN, _CHART_HEIGHT_IN), layout="constrained")
    return figure, figure.add_subplot()


def _svg(figure: Any) -> str:
    """The figure as an inline <svg> element (no XML prolog), deterministic ids, text as text."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "wirewatch"}):
        # No date (reproducible output) and no RDF block naming remote vocabularies.
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _empty_chart(message: str) -> str:
    figure, axes = _new_figure()
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=14, color="#666666")
    return _svg(figure)


def _period(days: Sequence[date]) -> tuple[str, int]:
    """The bar period that keeps a chart to at most MAX_BARS bars: (name, length in days)."""
    span_days = (max(days) - min(days)).days + 1
    if span_days <= MAX_BARS:
        return "day", 1
    if span_days <= MAX_BARS * 7:
        return "week", 7
    return "month", 30


def _period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())  # weeks start on Monday
    if period == "month":
        return day.replace(day=1)
    return day


def _date_axis(axes: Any, starts: Sequence[date], period: str) -> None:
    """One tick per day (or per few days) for short spans; matplotlib's concise dates beyond."""
    import matplotlib.dates as mdates

    span_days = (max(starts) - min(starts)).days + 1
    if period == "day" and span_days <= 31:
        axes.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, span_days // 10)))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    else:
        locator = mdates.AutoDateLocator()
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def index_chart_svg(series: Sequence[tuple[Any, ...]]) -> str:
    """Goldstein sum per day (week, month on long spans) as bars, green >= 0 and red < 0, and
    the mean Goldstein score of the period's events as a line."""
    if not series:
        return _empty_chart("No dated events yet")
    period, length = _period([row[0] for row in series])
    n_events: dict[date, int] = defaultdict(int)
    sums: dict[date, float] = defaultdict(float)
    for day, n, _coop, _conflict, sum_goldstein, _mean in series:
        start = _period_start(day, period)
        n_events[start] += int(n)
        sums[start] += float(sum_goldstein)
    starts = sorted(n_events)
    bar_sums = [sums[s] for s in starts]
    means = [sums[s] / n_events[s] for s in starts]
    figure, axes = _new_figure()
    axes.bar(
        starts,
        bar_sums,
        width=0.8 * length,
        align="edge" if length > 1 else "center",
        color=[COLOR_INDEX_POSITIVE if s >= 0 else COLOR_INDEX_NEGATIVE for s in bar_sums],
    )
    axes.axhline(0, color="#444444", linewidth=0.8)
    axes.set_ylabel(f"sum of Goldstein scores per {period}")
    mean_axes = axes.twinx()
    mean_axes.plot(
        [s + timedelta(days=0.4 * length) if length > 1 else s for s in starts],
        means,
        color=COLOR_INDEX_MEAN,
        linewidth=2.5,
        marker="o" if len(starts) <= 60 else None,
    )
    mean_axes.set_ylim(-10.5, 10.5)
    mean_axes.set_ylabel("mean Goldstein (-10 .. +10)")
    axes.set_title(f"Conflict/cooperation index by {period}")
    _date_axis(axes, starts, period)
    figure.autofmt_xdate()
    return _svg(figure)


def quad_chart_svg(series: Sequence[tuple[Any, ...]]) -> str:
    """Events per day (week, month on long spans), stacked by QuadClass."""
    if not series:
        return _empty_chart("No dated events yet")
    period, length = _period([row[0] for row in series])
    counts: dict[tuple[date, int], int] = defaultdict(int)
    for day, quad_class, n in series:
        counts[_period_start(day, period), int(quad_class)] += int(n)
    starts = sorted({start for start, _ in counts})
    figure, axes = _new_figure()
    bottoms = [0] * len(starts)
    for quad_class, color in COLOR_QUAD_CLASS.items():
        heights = [counts.get((start, quad_class), 0) for start in starts]
        if not any(heights):
            continue
        axes.bar(
            starts,
            heights,
            width=0.8 * length,
            align="edge" if length > 1 else "center",
            bottom=bottoms,
            color=color,
            label=_quad_label(quad_class),
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_ylabel(f"events per {period}")
    axes.set_title(f"Events per {period} by QuadClass")
    axes.legend(loc="upper left", fontsize=9)
    _date_axis(axes, starts, period)
    figure.autofmt_xdate()
    return _svg(figure)


def dyads_chart_svg(dyads: Sequence[tuple[Any, ...]]) -> str:
    """Top dyads as horizontal bars split into cooperation and conflict events."""
    if not dyads:
        return _empty_chart("No dyads yet")
    ordered = list(reversed(dyads))  # largest at the top
    labels = [f"{row[0]} → {row[1]}" for row in ordered]
    cooperation = [int(row[3]) for row in ordered]
    conflict = [int(row[4]) for row in ordered]
    figure, axes = _new_figure()
    axes.barh(labels, cooperation, color=COLOR_DYAD_COOPERATION, label="cooperation events")
    axes.barh(
        labels, conflict, left=cooperation, color=COLOR_DYAD_CONFLICT, label="conflict events"
    )
    for y, row in enumerate(ordered):
        axes.text(int(row[2]), y, f"  mean {float(row[5]):+.2f}", va="center", fontsize=9)
    axes.set_xlabel("events")
    axes.set_title("Top dyads (actor 1 → actor 2)")
    axes.legend(loc="lower right", fontsize=9)
    axes.margins(x=0.15)
    return _svg(figure)


_PAGE_STYLE = """
body { font-family: sans-serif; margin: 24px; color: #222; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px 0; }
p.meta { color: #555; margin: 0 0 16px 0; }
figure { margin: 0 0 16px 0; max-width: 1100px; }
figure svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin: 8px 0 24px 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
caption { text-align: left; font-weight: bold; font-size: 15px; padding: 6px 0; }
"""


def _html_table(table: ReportTable) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = (
        "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
            for row in table.rows
        )
        or f'<tr><td colspan="{len(table.columns)}">(none yet)</td></tr>'
    )
    return (
        f"<table><caption>{html.escape(table.title)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def render_html(report: Report) -> str:
    """One self-contained HTML page: the charts as inline SVG, then the headline tables."""
    charts = [
        ("chart-index", index_chart_svg(report.index_series)),
        ("chart-quad-class", quad_chart_svg(report.quad_series)),
        ("chart-dyads", dyads_chart_svg(report.top_dyads)),
    ]
    figures = "\n".join(f'<figure id="{key}">{svg}</figure>' for key, svg in charts)
    tables = "\n".join(_html_table(table) for table in report.tables)
    generated = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>wirewatch report</title>"
        f"<style>{_PAGE_STYLE}</style></head><body>\n"
        f'<h1>wirewatch report</h1><p class="meta">{html.escape(_headline(report))} '
        f"Generated {generated}.</p>\n"
        f"{figures}\n{tables}\n</body></html>\n"
    )
