"""Fetching with httpx: one async transport per poll, shared by every feed and article.

What a fetch promises, whatever the server does:
- only addresses the `AddressPolicy` allows are connected to: the host is resolved here and
  the address judged is the address connected to (`GuardedBackend`); no proxy from the
  environment (it would connect on our behalf to anywhere);
- redirects are followed by this code, each target judged again, up to a limit, and a loop is
  named as one;
- a body is streamed and cut at a byte cap, both as sent and after decompression, which this
  code does itself with an output limit (a small gzip bomb stops at the cap);
- connect, read and whole-request deadlines; retries with backoff after 5xx, 429 and a
  timeout, honouring Retry-After up to a limit (the last attempt's reason is the result's);
- conditional GET: a 304 returns no body;
- at most `max_concurrency` requests at once, and `per_host_delay_seconds` between two
  requests to one host; robots.txt is read (once per site) before an article page is fetched.

Every failure is a `FetchResult` with a reason code, never an exception.
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import certifi
import httpcore
import httpx

from wirewatch import __version__
from wirewatch.config import FeedsSettings
from wirewatch.feeds.safety import AddressPolicy, RefusedUrl, check_url

_brotli: Any
try:  # br is asked for only where a decoder with an output limit (brotli >= 1.2) is installed
    import brotli as _brotli
except ImportError:  # pragma: no cover - a dependency; optional for environments without it
    _brotli = None
if _brotli is not None and not hasattr(_brotli.Decompressor(), "can_accept_more_data"):
    _brotli = None

PROJECT_URL = "https://github.com/wirewatch/wirewatch"
USER_AGENT = f"wirewatch/{__version__} (+{PROJECT_URL}; news event research)"

# --- fetch failure reasons (feed_fetch_failures.reason; also `http_<status>`) ---------------
TIMEOUT = "timeout"  # a connect, read or whole-request deadline passed
TOO_LARGE = "too_large"  # body over its cap, as sent or decompressed
REFUSED_ADDRESS = "refused_address"  # the host is or resolves to an address the policy refuses
UNSUPPORTED_SCHEME = "unsupported_scheme"  # not http or https (file://, ftp://, javascript:)
BAD_URL = "bad_url"
ROBOTS = "robots"  # the site's robots.txt disallows the page
REDIRECT_LOOP = "redirect_loop"
TOO_MANY_REDIRECTS = "too_many_redirects"
CONNECT_ERROR = "connect_error"  # the name did not resolve, or nothing listens
NETWORK_ERROR = "network_error"  # the connection broke, or the server spoke bad HTTP
BAD_ENCODING = "bad_encoding"  # a Content-Encoding we did not ask for, or corrupt data

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRIED = frozenset({429, 500, 502, 503, 504})
_ROBOTS_MAX_BYTES = 512 * 1024

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# Only encodings `_Decoder` inflates under its own output limit.
ACCEPT_ENCODING = "gzip, deflate, br" if _brotli is not None else "gzip, deflate"


@dataclass(frozen=True)
class FetchResult:
    """One URL's outcome: a body, a 304, or a failure `reason` (with `detail`)."""

    url: str
    final_url: str
    status: int | None = None
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    reason: str | None = None
    detail: str | None = None
    n_attempts: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.reason is None and self.body is not None

    @property
    def not_modified(self) -> bool:
        return self.reason is None and self.status == 304


class _Failure(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# --- connecting only to judged addresses --------------------------------------------------
class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with our own name resolution: every address a host resolves
    to is judged by the policy, and the socket is opened to that judged address literal, so
    no second lookup can answer differently (DNS rebinding)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self._policy = policy

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await _resolve(host, port)
        # A name with any refused address is refused whole: it is pointing somewhere it
        # should not, and trying the others would make the outcome depend on order.
        for address in addresses:
            self._policy.check_address(host, address)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await _open_stream(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise RefusedUrl(REFUSED_ADDRESS, f"unix socket {path!r} is never connected to")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


async def _open_stream(
    address: str,
    port: int,
    timeout: float | None,
    local_address: str | None,
    socket_options: Iterable[Any] | None,
) -> AsyncioStream:
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(
                address, port, local_addr=(local_address, 0) if local_address else None
            )
    except TimeoutError:
        detail = f"connecting to {address}:{port} took over {timeout} s"
        raise httpcore.ConnectTimeout(detail) from None
    except OSError as exc:
        raise httpcore.ConnectError(f"{address}:{port}: {exc}") from exc
    sock = writer.get_extra_info("socket")
    for option in socket_options or ():
        sock.setsockopt(*option)
    return AsyncioStream(reader, writer)


class AsyncioStream(httpcore.AsyncNetworkStream):
    """httpcore's network stream over asyncio's own streams. httpcore's AnyIO stream opens a
    cancel scope for every read and write and rebuilds a dict of socket attributes for every
    idle-connection check: together about 0.5 ms of CPU a request, as much as a third of
    trafilatura's extraction of a page."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError:
            raise httpcore.ReadTimeout(f"nothing received for {timeout} s") from None
        except OSError as exc:
            raise httpcore.ReadError(str(exc)) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        try:
            self._writer.write(buffer)
            async with asyncio.timeout(timeout):
                await self._writer.drain()
        except TimeoutError:
            raise httpcore.WriteTimeout(f"could not send for {timeout} s") from None
        except OSError as exc:
            raise httpcore.WriteError(str(exc)) from exc

    async def aclose(self) -> None:
        self._writer.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"TLS handshake took over {timeout} s") from None
        except (OSError, ssl.SSLError) as exc:
            raise httpcore.ConnectError(f"TLS: {exc}") from exc
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # Bytes or EOF on an idle keep-alive connection: the server closed or broke it.
            return self._reader.at_eof() or bool(getattr(self._reader, "_buffer", b""))
        name = _EXTRA_INFO.get(info)
        return self._writer.get_extra_info(name) if name else None


_EXTRA_INFO = {
    "ssl_object": "ssl_object",
    "client_addr": "sockname",
    "server_addr": "peername",
    "socket": "socket",
}


async def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"{host} does not resolve: {exc.strerror}") from exc
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0]).split("%")[0]  # drop an IPv6 zone
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise httpcore.ConnectError(f"{host} resolves to no address")
    return addresses


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over `GuardedBackend`: no proxy, no unix socket, certifi's CAs (or
    the given TLS context's)."""

    def __init__(
        self,
        policy: AddressPolicy,
        max_connections: int,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context or ssl.create_default_context(cafile=certifi.where()),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=GuardedBackend(policy),
        )


# --- the fetcher ----------------------------------------------------------------------------
@dataclass
class _HostState:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_request: float = float("-inf")


class Fetcher:
    """Use as `async with Fetcher(cfg) as fetcher: await fetcher.fetch(url, max_bytes=...)`."""

    def __init__(
        self,
        cfg: FeedsSettings,
        policy: AddressPolicy | None = None,
        user_agent: str = USER_AGENT,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.cfg = cfg
        self._ssl_context = ssl_context
        self.policy = policy or AddressPolicy.from_settings(cfg.allow_loopback)
        self.user_agent = user_agent
        self._slots = asyncio.Semaphore(cfg.max_concurrency)
        self._hosts: dict[str, _HostState] = {}
        self._robots: dict[str, asyncio.Task[RobotFileParser | None]] = {}
        self._transport: GuardedTransport | None = None
        self._headers = {"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING}
        self._timeouts = {
            "connect": cfg.connect_timeout_seconds,
            "read": cfg.read_timeout_seconds,
            "write": cfg.read_timeout_seconds,
            "pool": cfg.request_timeout_seconds,
        }

    async def __aenter__(self) -> Fetcher:
        # The transport itself, not an httpx.AsyncClient over it: the client's cookie jar,
        # auth and redirect machinery (none of which we use) cost ~0.4 ms of CPU a request.
        self._transport = GuardedTransport(
            self.policy, self.cfg.max_concurrency * 2, self._ssl_context
        )
        return self

    async def __aexit__(self, *_exc: object) -> None:
        for task in self._robots.values():
            task.cancel()
        if self._transport is not None:
            await self._transport.aclose()

    async def fetch(
        self,
        url: str,
        *,
        max_bytes: int,
        accept: str = FEED_ACCEPT,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET `url`, following redirects ourselves; never raises for what a server does."""
        started = time.perf_counter()
        current = url
        seen: set[str] = set()
        attempts = [0]  # requests sent, counted where they are sent
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            for _hop in range(self.cfg.max_redirects + 1):
                seen.add(current)
                host = check_url(current, self.policy)
                outcome = await self._get_with_retries(
                    current, host, headers, max_bytes, attempts
                )
                if isinstance(outcome, str):  # a redirect target
                    target = outcome
                    if target in seen:
                        raise _Failure(REDIRECT_LOOP, f"{current} redirects back to {target}")
                    current = target
                    continue
                return FetchResult(
                    url=url,
                    final_url=current,
                    n_attempts=attempts[0],
                    seconds=time.perf_counter() - started,
                    **outcome,
                )
            raise _Failure(
                TOO_MANY_REDIRECTS, f"more than {self.cfg.max_redirects} redirects from {url}"
            )
        except RefusedUrl as exc:
            reason, detail = exc.reason, exc.detail
        except _Failure as exc:
            reason, detail = exc.reason, exc.detail
        return FetchResult(
            url=url,
            final_url=current,
            status=int(reason[5:]) if reason.startswith("http_") else None,
            reason=reason,
            detail=detail[:500],
            n_attempts=attempts[0],
            seconds=time.perf_counter() - started,
        )

    async def _get_with_retries(
        self,
        url: str,
        host: str,
        headers: dict[str, str],
        max_bytes: int,
        attempts: list[int],
    ) -> dict[str, Any] | str:
        """Response fields, or a redirect target; `attempts[0]` counts the requests sent.
        A 5xx, a 429 and a timeout are tried again, at most `max_retries` times."""
        attempt = 0
        while True:
            attempt += 1
            attempts[0] += 1
            try:
                status, wait, outcome = await self._get_once(url, host, headers, max_bytes)
            except _Failure as exc:
                if exc.reason != TIMEOUT:
                    raise
                if attempt > self.cfg.max_retries:
                    raise _Failure(TIMEOUT, f"{exc.detail} ({attempt} attempts)") from None
                await asyncio.sleep(self.cfg.backoff_seconds * 2 ** (attempt - 1))
                continue
            if outcome is not None:
                return outcome
            if attempt > self.cfg.max_retries:
                raise _Failure(f"http_{status}", f"HTTP {status} after {attempt} attempts")
            if wait is None:
                wait = self.cfg.backoff_seconds * 2 ** (attempt - 1)
            elif wait > self.cfg.max_retry_after_seconds:
                raise _Failure(
                    f"http_{status}",
                    f"HTTP {status} with Retry-After {wait:.0f} s "
                    f"> feeds.max_retry_after_seconds={self.cfg.max_retry_after_seconds:g}",
                )
            await asyncio.sleep(wait)

    async def _get_once(
        self, url: str, host: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, float | None, dict[str, Any] | str | None]:
        """One request: (status, Retry-After seconds, outcome); outcome None means retry."""
        assert self._transport is not None, "use Fetcher as an async context manager"
        await self._polite_turn(host)
        async with self._slots:
            try:
                async with asyncio.timeout(self.cfg.request_timeout_seconds):
                    request = httpx.Request(
                        "GET",
                        url,
                        headers=self._headers | headers,
                        extensions={"timeout": self._timeouts},
                    )
                    response = await self._transport.handle_async_request(request)
                    try:
                        return await self._handle(url, response, max_bytes)
                    finally:
                        await response.aclose()
            except TimeoutError:
                raise _Failure(
                    TIMEOUT,
                    f"{url} took longer than feeds.request_timeout_seconds="
                    f"{self.cfg.request_timeout_seconds:g}",
                ) from None
            except httpx.TimeoutException as exc:
                raise _Failure(TIMEOUT, f"{url}: {type(exc).__name__}") from None
            except httpx.ConnectError as exc:
                raise _Failure(CONNECT_ERROR, f"{url}: {exc}") from None
            except httpx.DecodingError as exc:
                raise _Failure(BAD_ENCODING, f"{url}: {exc}") from None
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
                raise _Failure(NETWORK_ERROR, f"{url}: {type(exc).__name__}: {exc}") from None

    async def _handle(
        self, url: str, response: httpx.Response, max_bytes: int
    ) -> tuple[int, float | None, dict[str, Any] | str | None]:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("Location")
            if not location:
                raise _Failure(f"http_{status}", f"HTTP {status} without a Location header")
            return status, None, urljoin(url, location.strip())
        if status in _RETRIED:
            return status, _retry_after(response.headers.get("Retry-After")), None
        fields: dict[str, Any] = {
            "status": status,
            "content_type": response.headers.get("Content-Type"),
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
        }
        if status == 304:
            return status, None, fields
        if status >= 400 or status < 200:
            raise _Failure(f"http_{status}", f"HTTP {status} from {url}")
        fields["body"] = await _read_capped(url, response, max_bytes)
        return status, None, fields

    async def _polite_turn(self, host: str) -> None:
        """Wait until `per_host_delay_seconds` have passed since the last request to `host`."""
        state = self._hosts.setdefault(host, _HostState())
        async with state.lock:
            wait = state.last_request + self.cfg.per_host_delay_seconds - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            state.last_request = time.monotonic()

    # --- robots.txt ---------------------------------------------------------------------------
    async def robots_allow(self, url: str) -> tuple[bool, str]:
        """Whether the site's robots.txt lets our User-Agent fetch `url` (read once per
        site): (allowed, why not)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        task = self._robots.get(origin)
        if task is None:
            task = asyncio.create_task(self._read_robots(origin))
            self._robots[origin] = task
        parser = await asyncio.shield(task)
        if parser is None:
            return False, f"{origin}/robots.txt could not be read"
        if parser.can_fetch(self.user_agent, url):
            return True, ""
        return False, f"{origin}/robots.txt disallows {url}"

    async def _read_robots(self, origin: str) -> RobotFileParser | None:
        """The parsed robots.txt; an empty one (all allowed) when the site has none (4xx),
        all disallowed on 401/403, None when it could not be read (5xx, timeout, refused):
        then no page of the site is fetched this poll."""
        result = await self.fetch(
            f"{origin}/robots.txt", max_bytes=_ROBOTS_MAX_BYTES, accept="text/plain"
        )
        parser = RobotFileParser()
        if result.ok:
            assert result.body is not None
            parser.parse(result.body.decode("utf-8", "replace").splitlines())
            return parser
        if result.reason in ("http_401", "http_403"):
            parser.disallow_all = True
            return parser
        if result.reason is not None and result.reason.startswith("http_4"):
            parser.allow_all = True
            return parser
        return None


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now (delta-seconds or an HTTP date), None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


async def _read_capped(url: str, response: httpx.Response, max_bytes: int) -> bytes:
    """The body, decompressed by us, never more than `max_bytes` as sent or as decoded."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _Failure(TOO_LARGE, f"{url}: Content-Length {declared} > cap {max_bytes}")
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    decoder = _decoder(url, encoding, max_bytes)
    parts: list[bytes] = []
    n_sent = n_decoded = 0
    async for chunk in _raw_chunks(response):
        n_sent += len(chunk)
        if n_sent > max_bytes:
            raise _Failure(TOO_LARGE, f"{url}: body passed the cap of {max_bytes} bytes")
        decoded = decoder.feed(chunk, max_bytes + 1 - n_decoded)
        n_decoded += len(decoded)
        if n_decoded > max_bytes or decoder.over_limit:
            raise _Failure(
                TOO_LARGE, f"{url}: {encoding} body inflates past the cap of {max_bytes} bytes"
            )
        parts.append(decoded)
    tail = decoder.flush(max_bytes + 1 - n_decoded)
    if n_decoded + len(tail) > max_bytes or decoder.over_limit:
        raise _Failure(TOO_LARGE, f"{url}: {encoding} body inflates past the cap of {max_bytes}")
    parts.append(tail)
    return b"".join(parts)


async def _raw_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    # aiter_raw: the bytes as sent; httpx's own decoders have no output limit.
    async for chunk in response.aiter_raw():
        yield chunk


class _Decoder:
    """Incremental Content-Encoding decoder with an output limit per call."""

    def __init__(self, url: str, encoding: str) -> None:
        self.url = url
        self.encoding = encoding
        self.over_limit = False
        self._zlib: Any = None
        self._brotli: Any = None
        self._pending_deflate = b""
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "br":
            assert _brotli is not None
            self._brotli = _brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        if self.encoding in ("identity", ""):
            return data
        if self._brotli is not None:
            return self._unbrotli(data, limit)
        if self._zlib is None:  # deflate: zlib-wrapped per the RFC, raw from some servers
            self._pending_deflate += data
            if len(self._pending_deflate) < 2:
                return b""
            wrapped = (self._pending_deflate[0] & 0x0F) == 8 and (
                int.from_bytes(self._pending_deflate[:2], "big") % 31 == 0
            )
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._pending_deflate = self._pending_deflate, b""
        return self._inflate(data, limit)

    def flush(self, limit: int) -> bytes:
        if self._brotli is not None:
            tail = self._unbrotli(b"", limit)
            if not self.over_limit and not self._brotli.is_finished():
                raise _Failure(BAD_ENCODING, f"{self.url}: truncated br data")
            return tail
        if self._zlib is None:
            return b"" if self.encoding in ("identity", "") else self._inflate(b"", limit)
        return self._inflate(b"", limit)

    def _inflate(self, data: bytes, limit: int) -> bytes:
        if self._zlib is None:
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            out = self._zlib.decompress(data, max(1, limit))
        except zlib.error as exc:
            detail = f"{self.url}: corrupt {self.encoding} data: {exc}"
            raise _Failure(BAD_ENCODING, detail) from None
        # Output stopped at the limit with input left over: it would inflate further.
        if self._zlib.unconsumed_tail:
            self.over_limit = True
        return out


    def _unbrotli(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._brotli.process(data, output_buffer_limit=max(1, limit))
        except _brotli.error as exc:
            raise _Failure(BAD_ENCODING, f"{self.url}: corrupt br data: {exc}") from None
        # Output stopped at the limit with more to come: it would inflate further.
        if len(out) >= limit or not self._brotli.can_accept_more_data():
            self.over_limit = True
        return out


def _decoder(url: str, encoding: str, _max_bytes: int) -> _Decoder:
    accepted = ("identity", "", "gzip", "x-gzip", "deflate") + (("br",) if _brotli else ())
    if encoding not in accepted:
        raise _Failure(BAD_ENCODING, f"{url}: Content-Encoding {encoding!r} was not asked for")
    return _Decoder(url, encoding)
