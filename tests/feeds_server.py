"""A real HTTP server on 127.0.0.1 for the feed tests: routes map a path to a handler that
writes the response itself (so a test can send a 304, drip bytes slowly, or redirect in a
loop), and every request is recorded with its headers. It listens on loopback only."""

from __future__ import annotations

import gzip
import ipaddress
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class FeedServer:
    base: str
    routes: dict[str, Handler]
    requests: list[Seen] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


@contextmanager
def feed_server(tls: tuple[Path, Path] | None = None) -> Iterator[FeedServer]:
    server_state: dict[str, Any] = {}

    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            state: FeedServer = server_state["server"]
            state.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            handler = state.routes.get(self.path)
            if handler is None:
                send(self, 404, b"not here", "text/plain")
                return
            handler(self)

        def log_message(self, *_args: object) -> None:
            pass

    class _Server(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client hanging up on a bomb or a drip is what the test wants

    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    scheme = "http"
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        scheme = "https"
    state = FeedServer(f"{scheme}://127.0.0.1:{httpd.server_address[1]}", {})
    server_state["server"] = state
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    if body:
        handler.wfile.write(body)


def static(body: bytes, content_type: str = "text/html; charset=utf-8",
           headers: dict[str, str] | None = None) -> Handler:
    return lambda h: send(h, 200, body, content_type, headers)


def conditional(body: bytes, content_type: str, etag: str, last_modified: str) -> Handler:
    """200 with validators, or 304 when the request carries a matching one."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == etag or (
            h.headers.get("If-Modified-Since") == last_modified
        ):
            h.send_response(304)
            h.send_header("ETag", etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        send(h, 200, body, content_type, {"ETag": etag, "Last-Modified": last_modified})

    return handle


def failing_then(body: bytes, content_type: str, failures: list[int],
                 headers: dict[str, str] | None = None) -> Handler:
    """Answers with each status of `failures` in turn, then with `body`."""
    remaining = list(failures)

    def handle(h: BaseHTTPRequestHandler) -> None:
        if remaining:
            send(h, remaining.pop(0), b"try later", "text/plain", headers)
        else:
            send(h, 200, body, content_type)

    return handle


def redirect(location: str, status: int = 302) -> Handler:
    return lambda h: send(h, status, b"", "text/plain", {"Location": location})


def drip(total_bytes: int, every_seconds: float) -> Handler:
    """Headers at once, then one byte every `every_seconds`: no read timeout ever fires."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Length", str(total_bytes))
        h.end_headers()
        try:
            for _ in range(total_bytes):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(every_seconds)
        except OSError:
            pass  # the client gave up, as it should

    return handle


def gzip_bomb(inflated_bytes: int) -> Handler:
    """A small gzip body that inflates to `inflated_bytes` of spaces."""
    body = gzip.compress(b" " * inflated_bytes, compresslevel=9)
    return lambda h: send(h, 200, body, "application/rss+xml", {"Content-Encoding": "gzip"})


def brotli_bomb(inflated_bytes: int) -> Handler:
    """A small br body that inflates to `inflated_bytes` of spaces (compressed a MiB at a
    time, so the test never holds the inflated bytes)."""
    import brotli

    compressor = brotli.Compressor(quality=5)
    chunk = b" " * min(inflated_bytes, 1 << 20)
    parts = [compressor.process(chunk) for _ in range(inflated_bytes // len(chunk))]
    parts += [compressor.process(b" " * (inflated_bytes % len(chunk))), compressor.finish()]
    body = b"".join(parts)
    return lambda h: send(h, 200, body, "application/rss+xml", {"Content-Encoding": "br"})


def chunked_forever(chunk: bytes = b"x" * 65536) -> Handler:
    """A body with no Content-Length that never ends (until the client hangs up)."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        try:
            for _ in range(100_000):
                h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except OSError:
            pass

    return handle


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made here (valid one day): (cert, key)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path

