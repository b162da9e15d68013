"""The fetcher against real HTTP servers on 127.0.0.1: conditional GET, retries, deadlines,
redirect handling, byte and decompression caps, politeness and robots.txt. The address policy
of these tests allows 127.0.0.1 alone; nothing is sent anywhere else."""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import brotli
import pytest
from feeds_data import STORIES, article_page, rss20
from feeds_server import (
    Handler,
    brotli_bomb,
    chunked_forever,
    conditional,
    drip,
    failing_then,
    feed_server,
    gzip_bomb,
    redirect,
    self_signed_certificate,
    send,
    static,
)

from wirewatch.config import FeedsSettings
from wirewatch.feeds.fetch import USER_AGENT, Fetcher, FetchResult
from wirewatch.feeds.safety import AddressPolicy

ONLY_127_0_0_1 = AddressPolicy(allowed=(ipaddress.ip_network("127.0.0.1/32"),))
FAST = FeedsSettings(
    per_host_delay_seconds=0.0,
    backoff_seconds=0.05,
    connect_timeout_seconds=2.0,
    read_timeout_seconds=2.0,
    request_timeout_seconds=3.0,
    max_feed_bytes=256 * 1024,
)


def fetch(url: str, cfg: FeedsSettings = FAST, **kwargs: object) -> FetchResult:
    async def run() -> FetchResult:
        async with Fetcher(cfg, ONLY_127_0_0_1) as fetcher:
            return await fetcher.fetch(url, max_bytes=cfg.max_feed_bytes, **kwargs)

    return asyncio.run(run())


def test_a_feed_is_fetched_with_our_user_agent_and_validators_make_a_304() -> None:
    with feed_server() as server:
        body = rss20(server.base, ["harbour-talks"])
        lm = "Mon, 02 Nov 2026 07:00:00 GMT"
        server.routes["/rss"] = conditional(body, "application/rss+xml", '"v1"', lm)
        first = fetch(server.url("/rss"))
        assert first.ok and first.body == body and first.status == 200
        assert (first.etag, first.last_modified) == ('"v1"', lm)
        second = fetch(server.url("/rss"), etag=first.etag, last_modified=first.last_modified)
        assert second.not_modified and second.body is None and second.reason is None
        seen = server.hits("/rss")
        assert seen[0].headers["user-agent"] == USER_AGENT and "wirewatch/" in USER_AGENT
        assert "if-none-match" not in seen[0].headers
        assert seen[1].headers["if-none-match"] == '"v1"'
        assert seen[1].headers["if-modified-since"] == lm


def test_500_then_200_is_retried_and_429_honours_retry_after() -> None:
    with feed_server() as server:
        server.routes["/flaky"] = failing_then(b"<rss/>", "application/rss+xml", [500, 503])
        server.routes["/busy"] = failing_then(
            b"<rss/>", "application/rss+xml", [429], {"Retry-After": "1"}
        )
        flaky = fetch(server.url("/flaky"))
        assert flaky.ok and flaky.n_attempts == 3
        started = time.monotonic()
        busy = fetch(server.url("/busy"))
        assert busy.ok and busy.n_attempts == 2
        assert time.monotonic() - started >= 0.95  # waited the server's Retry-After
        server.routes["/down"] = failing_then(b"", "text/plain", [500] * 10)
        down = fetch(server.url("/down"))
        assert down.reason == "http_500" and down.n_attempts == FAST.max_retries + 1
        server.routes["/later"] = failing_then(
            b"", "text/plain", [429], {"Retry-After": "86400"}
        )
        assert fetch(server.url("/later")).reason == "http_429"  # too long to wait


def test_a_slow_server_is_cut_at_the_whole_request_deadline() -> None:
    with feed_server() as server:
        server.routes["/slow"] = drip(total_bytes=100, every_seconds=0.1)
        started = time.monotonic()
        once = replace(FAST, request_timeout_seconds=1.0, max_retries=0)
        result = fetch(server.url("/slow"), once)
        assert result.reason == "timeout" and result.n_attempts == 1
        assert time.monotonic() - started < 2.5


def slow_then(body: bytes, n_slow: int) -> Handler:
    """Drips the first `n_slow` answers (past any deadline), then answers at once."""
    slow = drip(total_bytes=100, every_seconds=0.1)
    remaining = [n_slow]

    def handle(h: BaseHTTPRequestHandler) -> None:
        if remaining[0] > 0:
            remaining[0] -= 1
            slow(h)
        else:
            send(h, 200, body, "text/html; charset=utf-8")

    return handle


def test_a_timeout_is_retried_with_backoff_and_the_last_reason_kept() -> None:
    cfg = replace(FAST, request_timeout_seconds=0.5, backoff_seconds=0.2)
    with feed_server() as server:
        server.routes["/once-slow"] = slow_then(b"<p>late but whole</p>", 1)
        started = time.monotonic()
        late = fetch(server.url("/once-slow"), cfg)
        assert late.ok and late.body == b"<p>late but whole</p>" and late.n_attempts == 2
        assert time.monotonic() - started >= 0.5 + 0.2  # the deadline, then the backoff
        server.routes["/always-slow"] = slow_then(b"", 99)
        started = time.monotonic()
        gone = fetch(server.url("/always-slow"), cfg)
        assert gone.reason == "timeout" and gone.n_attempts == cfg.max_retries + 1
        assert f"({cfg.max_retries + 1} attempts)" in (gone.detail or "")
        assert time.monotonic() - started >= 3 * 0.5 + 0.2 + 0.4  # backoff doubles
        assert len(server.hits("/always-slow")) == cfg.max_retries + 1


def test_redirects_are_followed_to_a_limit_and_loops_named() -> None:
    with feed_server() as server:
        server.routes["/old"] = redirect("/new", 301)
        server.routes["/new"] = static(b"<rss/>", "application/rss+xml")
        moved = fetch(server.url("/old"))
        assert moved.ok and moved.final_url == server.url("/new")
        server.routes["/a"] = redirect("/b")
        server.routes["/b"] = redirect(server.url("/a"))
        assert fetch(server.url("/a")).reason == "redirect_loop"
        for i in range(10):
            server.routes[f"/hop{i}"] = redirect(f"/hop{i + 1}")
        assert fetch(server.url("/hop0")).reason == "too_many_redirects"


def test_redirects_to_refused_addresses_never_connect() -> None:
    with feed_server() as server:
        # 127.0.0.2 is loopback too, but this policy allows 127.0.0.1 alone.
        server.routes["/to-other-loopback"] = redirect("http://127.0.0.2:9/feed")
        server.routes["/to-metadata"] = redirect("http://169.254.169.254/latest/meta-data/")
        server.routes["/to-private"] = redirect("http://10.0.0.1/feed")
        server.routes["/to-file"] = redirect("file:///etc/passwd")
        for path, reason in (
            ("/to-other-loopback", "refused_address"),
            ("/to-metadata", "refused_address"),
            ("/to-private", "refused_address"),
            ("/to-file", "unsupported_scheme"),
        ):
            result = fetch(server.url(path))
            assert result.reason == reason, (path, result)
            assert result.n_attempts == 1  # only the redirecting request was sent


def test_a_gzip_bomb_stops_at_the_cap() -> None:
    with feed_server() as server:
        server.routes["/bomb"] = gzip_bomb(512 * 1024 * 1024)  # ~0.5 MB on the wire
        started = time.monotonic()
        result = fetch(server.url("/bomb"), replace(FAST, max_feed_bytes=1024 * 1024))
        assert result.reason == "too_large" and "inflates" in (result.detail or "")
        assert time.monotonic() - started < 2.0  # never inflated 512 MiB
        server.routes["/small-gzip"] = gzip_bomb(2000)
        small = fetch(server.url("/small-gzip"))
        assert small.ok and small.body == b" " * 2000


def test_brotli_is_asked_for_and_a_brotli_bomb_stops_at_the_cap() -> None:
    with feed_server() as server:
        server.routes["/bomb"] = brotli_bomb(512 * 1024 * 1024)  # under 1 KB on the wire
        started = time.monotonic()
        result = fetch(server.url("/bomb"), replace(FAST, max_feed_bytes=1024 * 1024))
        assert result.reason == "too_large" and "br body inflates" in (result.detail or "")
        assert time.monotonic() - started < 2.0  # never inflated 512 MiB
        assert "br" in server.hits("/bomb")[0].headers["accept-encoding"].split(", ")
        server.routes["/small-br"] = brotli_bomb(3000)
        small = fetch(server.url("/small-br"))
        assert small.ok and small.body == b" " * 3000
        # Cut short: the stream never finishes, which is an encoding failure, not a body.
        whole = brotli.compress(b"a long enough text to be cut in two " * 50)
        truncated = whole[: len(whole) // 2]
        server.routes["/cut-br"] = lambda h: send(
            h, 200, truncated, "text/plain", {"Content-Encoding": "br"}
        )
        assert fetch(server.url("/cut-br")).reason == "bad_encoding"


def test_oversized_bodies_stop_at_the_cap_with_or_without_a_length() -> None:
    with feed_server() as server:
        server.routes["/big"] = static(b"x" * (FAST.max_feed_bytes + 1), "application/rss+xml")
        server.routes["/endless"] = chunked_forever()
        assert fetch(server.url("/big")).reason == "too_large"
        endless = fetch(server.url("/endless"))
        assert endless.reason == "too_large" and "passed the cap" in (endless.detail or "")


def test_requests_to_one_host_are_spaced_by_the_politeness_delay() -> None:
    with feed_server() as server:
        server.routes["/p"] = static(b"ok", "text/plain")
        cfg = replace(FAST, per_host_delay_seconds=0.3, max_concurrency=4)

        async def run() -> list[FetchResult]:
            async with Fetcher(cfg, ONLY_127_0_0_1) as fetcher:
                return await asyncio.gather(
                    *(fetcher.fetch(server.url("/p"), max_bytes=1024) for _ in range(4))
                )

        started = time.monotonic()
        results = asyncio.run(run())
        assert all(r.ok for r in results)
        assert time.monotonic() - started >= 0.9  # three gaps of 0.3 s


def test_robots_txt_is_read_once_per_site_and_obeyed() -> None:
    with feed_server() as server:
        server.routes["/robots.txt"] = static(
            b"User-agent: *\nDisallow: /private/\n", "text/plain"
        )

        async def run() -> list[tuple[bool, str]]:
            async with Fetcher(FAST, ONLY_127_0_0_1) as fetcher:
                return [
                    await fetcher.robots_allow(server.url("/articles/a.html")),
                    await fetcher.robots_allow(server.url("/private/b.html")),
                ]

        (allowed, _), (refused, why) = asyncio.run(run())
        assert allowed and not refused and "disallows" in why
        assert len(server.hits("/robots.txt")) == 1


def test_the_default_policy_refuses_the_loopback_server() -> None:
    with feed_server() as server:
        server.routes["/p"] = static(article_page(STORIES["rail-bridge"]))

        async def run() -> FetchResult:
            async with Fetcher(FAST) as fetcher:  # allow_loopback is false by default
                return await fetcher.fetch(server.url("/p"), max_bytes=1024 * 1024)

        result = asyncio.run(run())
        assert result.reason == "refused_address" and server.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    assert fetch(url).reason == "unsupported_scheme"


def test_article_pages_are_retried_after_a_5xx_or_a_timeout() -> None:
    from wirewatch.feeds.poll import BODY_PAGE, BODY_SUMMARY, DueFeed, poll_feeds

    cfg = replace(FAST, request_timeout_seconds=0.5, allow_loopback=True)
    with feed_server() as server:
        slugs = ["harbour-talks", "orchard-frost", "library-reopens"]
        server.routes["/rss"] = static(rss20(server.base, slugs), "application/rss+xml")
        page = {slug: article_page(STORIES[slug]) for slug in slugs}
        server.routes["/articles/harbour-talks.html"] = failing_then(
            page["harbour-talks"], "text/html; charset=utf-8", [503, 502]
        )
        server.routes["/articles/orchard-frost.html"] = slow_then(page["orchard-frost"], 1)
        server.routes["/articles/library-reopens.html"] = slow_then(b"", 99)
        (polled,) = poll_feeds([DueFeed(server.url("/rss"), "rss")], cfg, lambda _: {})
    by_slug = {a.entry.entry_url.rsplit("/", 1)[-1][:-5]: a.entry for a in polled.articles}
    assert by_slug["harbour-talks"].body_source == BODY_PAGE
    assert by_slug["orchard-frost"].body_source == BODY_PAGE
    # Timed out on every attempt: the feed's summary, and the last attempt's reason.
    assert by_slug["library-reopens"].body_source == BODY_SUMMARY
    assert by_slug["library-reopens"].fetch_reason == "timeout"
    (failure,) = polled.failures
    assert failure.kind == "page" and failure.reason == "timeout"
    assert f"({cfg.max_retries + 1} attempts)" in failure.detail
    assert len(server.hits("/articles/harbour-talks.html")) == 3
    assert len(server.hits("/articles/library-reopens.html")) == cfg.max_retries + 1


def test_https_is_fetched_over_verified_tls(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    with feed_server(tls=(cert, key)) as server:
        body = rss20(server.base, ["harbour-talks"])
        server.routes["/rss"] = static(body, "application/rss+xml")
        trusting = ssl.create_default_context(cafile=str(cert))

        async def run(context: ssl.SSLContext | None) -> list[FetchResult]:
            async with Fetcher(FAST, ONLY_127_0_0_1, ssl_context=context) as fetcher:
                return [
                    await fetcher.fetch(server.url("/rss"), max_bytes=FAST.max_feed_bytes)
                    for _ in range(2)  # the second over the kept-alive TLS connection
                ]

        assert all(r.ok and r.body == body for r in asyncio.run(run(trusting)))
        # certifi's authorities do not know our certificate: refused, never read.
        (untrusted, _) = asyncio.run(run(None))
        assert untrusted.reason == "connect_error" and "CERTIFICATE_VERIFY_FAILED" in (
            untrusted.detail or ""
        )
