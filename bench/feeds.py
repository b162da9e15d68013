"""Feed polling against a local HTTP server (127.0.0.1 only): N feeds x M entries, each entry
with its own article page. Measures the fetch, parse and extract path (`poll_feeds`, the stage
the `ingest-feed-batch` task runs before normalising), then a second poll of the same feeds
that the server answers with 304 everywhere, and trafilatura's own `extract()` on the same
pages for comparison.

    .venv/bin/python bench/feeds.py                      # 200 feeds x 50 entries
    .venv/bin/python bench/feeds.py --feeds 20 --entries 50
    .venv/bin/python bench/feeds.py --workers 1          # extraction in the event loop

Targets (issue 17): fetch + extract path at most 1.3x trafilatura's extract() time on the same
pages; the all-304 poll under 5 s; peak RSS under 500 MB. The server runs in a child process
so that it does not share the client's interpreter. Every feed is on one host, so the
per-host politeness delay is set to 0 (with the default 1 s, 10,000 pages of one host would
take hours by design).

Pages are extracted in `--workers` worker processes (default: `[pipeline] workers`, one per
core, as the `ingest-feeds` flow does; 1: in the polling process). CPU and peak RSS are
reported for the polling process and its workers together (each worker's VmHWM read from
/proc while it is alive); the server's are left out.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import tempfile
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirewatch.config import FeedsSettings, PipelineSettings
from wirewatch.feeds.pagecache import PageCache
from wirewatch.feeds.poll import DueFeed, PollCounts, poll_feeds
from wirewatch.orchestration.workers import StagePool

WORDS = [
    "council",
    "minister",
    "harbour",
    "river",
    "valley",
    "winter",
    "talks",
    "agreement",
    "workers",
    "union",
    "price",
    "market",
    "farmers",
    "bridge",
    "railway",
    "hospital",
    "library",
    "border",
    "commission",
    "report",
    "officials",
    "spokesman",
    "government",
    "region",
    "city",
    "village",
    "school",
    "budget",
    "election",
    "court",
    "police",
    "energy",
    "water",
    "trade",
    "said",
    "announced",
    "agreed",
    "warned",
    "promised",
    "expected",
    "planned",
    "rejected",
    "welcomed",
    "criticised",
    "new",
    "old",
    "large",
    "small",
    "early",
    "late",
    "first",
    "second",
    "local",
    "regional",
    "national",
    "northern",
    "southern",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def page_html(feed: int, entry: int) -> bytes:
    rng = random.Random(feed * 100_003 + entry)
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
    paragraphs = "".join(
        "<p>" + " ".join(_sentence(rng) for _ in range(3)) + "</p>" for _ in range(8)
    )
    nav = "".join(f'<li><a href="/{w}">{w}</a></li>' for w in WORDS[:8])
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>"
        "<script>var tracking = 1;</script><style>p{margin:0}</style>"
        "<meta property='article:published_time' content='2026-11-20T08:00:00Z'></head>"
        f"<body><nav><ul>{nav}</ul></nav><main><article><h1>{title}</h1>{paragraphs}"
        "</article></main><footer>Contact | Privacy | Terms</footer></body></html>"
    ).encode()


def feed_xml(base: str, feed: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {feed}-{e}</title><link>{base}/a/{feed}/{e}.html</link>"
        f"<guid>urn:bench:{feed}:{e}</guid><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate>"
        f"<description>Summary of story {feed}-{e}.</description></item>"
        for e in range(entries)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed {feed}</title>'
        f"<link>{base}/</link><description>bench</description>{items}</channel></rss>"
    ).encode()


def serve(port_queue: Any, entries: int) -> None:
    etag = '"bench-v1"'

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body in one send: written apart, Nagle's algorithm and the client's
        # delayed ACK hold each response ~40 ms, and the server, not the client, was measured.
        wbufsize = 1 << 16

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            parts = self.path.strip("/").split("/")
            if self.path.startswith("/feed/"):
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", {"ETag": etag})
                    return
                body = feed_xml(base, int(parts[1]), entries)
                self._send(200, body, {"ETag": etag, "Content-Type": "application/rss+xml"})
            elif self.path.startswith("/a/"):
                body = page_html(int(parts[1]), int(parts[2].split(".")[0]))
                self._send(200, body, {"Content-Type": "text/html; charset=utf-8"})
            else:
                self._send(404, b"", {})

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of process `pid` so far (from /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--workers",
        type=int,
        default=PipelineSettings().worker_count(),
        help="extraction worker processes (1: extract in the polling process)",
    )
    args = parser.parse_args()

    queue: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(queue, args.entries), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{queue.get(timeout=30)}"
    cfg = replace(
        FeedsSettings(),
        allow_loopback=True,
        per_host_delay_seconds=0.0,
        max_concurrency=args.concurrency,
        max_new_entries_per_poll=args.entries,
    )
    feeds = [DueFeed(f"{base}/feed/{i}", f"bench-{i}") for i in range(args.feeds)]

    def nothing_known(_candidates: pa.Table) -> dict[str, tuple[str, str | None]]:
        return {}

    # Started before the clock, as the flow's pool is (it is kept between runs).
    workers = StagePool(args.workers)
    worker_pids = workers.worker_pids()
    try:
        counts = PollCounts()
        # The page cache the flow uses (each page written to a file as it is fetched).
        pages = PageCache(Path(tempfile.mkdtemp(prefix="bench-feed-pages-")))
        workers_cpu = [_cpu_seconds(pid) for pid in worker_pids]
        assert server.pid is not None
        server_cpu = _cpu_seconds(server.pid)
        started, cpu_started = time.perf_counter(), time.process_time()
        polls = poll_feeds(
            feeds,
            cfg,
            nothing_known,
            counts=counts,
            pages=pages,
            workers=None if workers.in_process else workers,
        )
        seconds = time.perf_counter() - started
        # The client's CPU, its workers' included: the server's (another process) excluded.
        cpu_poller = time.process_time() - cpu_started
        cpu_workers = sum(_cpu_seconds(p) for p in worker_pids) - sum(workers_cpu)
        cpu_seconds = cpu_poller + cpu_workers
        # The server shares the machine's cores: its CPU is the floor under the poll's wall.
        cpu_server = _cpu_seconds(server.pid) - server_cpu
        assert not counts.workers_broken
        n_entries = sum(len(p.articles) for p in polls)
        n_failed = sum(p.failed for p in polls) + sum(len(p.failures) for p in polls)
        assert n_failed == 0, [f for p in polls for f in p.failures][:3]
        from_pages = sum(a.entry.body_source == "page" for p in polls for a in p.articles)

        again = [
            replace(f, etag=p.etag, last_modified=p.last_modified)
            for f, p in zip(feeds, polls, strict=True)
        ]
        del polls
        started = time.perf_counter()
        second = poll_feeds(again, cfg, nothing_known)
        seconds_304 = time.perf_counter() - started
        assert all(p.not_modified for p in second)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_workers_mb = [_peak_rss_mb(pid) for pid in worker_pids]
    finally:
        server.terminate()
        pages.clear()
        workers.shutdown()

    import trafilatura

    pages = [page_html(i, e) for i in range(args.feeds) for e in range(args.entries)]
    started, cpu_started = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(page)
    seconds_trafilatura = time.perf_counter() - started
    cpu_trafilatura = time.process_time() - cpu_started
    # extract() leaves out the metadata (title, author, date) the pipeline needs.
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, with_metadata=True)
    seconds_with_metadata = time.perf_counter() - started

    load = os.getloadavg()
    print(
        f"{args.feeds} feeds x {args.entries} entries, concurrency {args.concurrency}, "
        f"{args.workers if not workers.in_process else 'no'} extraction workers; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end"
    )
    print(
        f"first poll: {n_entries} entries ({from_pages} from their pages) in {seconds:.1f} s "
        f"= {n_entries / seconds:.0f} entries/s"
    )
    print(
        f"  time inside extraction (extract_html, summed over pages, "
        f"{'in the workers' if worker_pids else 'in the event loop'}): "
        f"{counts.seconds_extract:.1f} s = {counts.seconds_extract / seconds:.0%} of the poll"
    )
    print(
        f"trafilatura.extract() alone on the same {len(pages)} pages: "
        f"{seconds_trafilatura:.1f} s; poll / extract() = {seconds / seconds_trafilatura:.2f}x "
        "(target <= 1.3x)"
    )
    print(
        f"trafilatura.extract(with_metadata=True) on them: {seconds_with_metadata:.1f} s; "
        f"poll / that = {seconds / seconds_with_metadata:.2f}x"
    )
    print(
        f"client CPU: poll {cpu_seconds:.1f} s (polling process {cpu_poller:.1f} s + workers "
        f"{cpu_workers:.1f} s) vs extract() {cpu_trafilatura:.1f} s = "
        f"{cpu_seconds / cpu_trafilatura:.2f}x"
    )
    print(f"  the local server's CPU meanwhile (same cores): {cpu_server:.1f} s")
    print(f"second poll, all 304: {seconds_304:.2f} s (target < 5 s)")
    total_mb = peak_mb + sum(peak_workers_mb)
    each = " + ".join(f"{mb:.0f}" for mb in peak_workers_mb)
    print(
        f"peak RSS: polling process {peak_mb:.0f} MB"
        + (f" + workers {each} MB = {total_mb:.0f} MB" if peak_workers_mb else "")
        + " (target < 500 MB)"
    )


if __name__ == "__main__":
    main()
