"""Which URLs and addresses the fetcher may reach.

Only http and https. A host is resolved by us and every address is judged before a socket is
opened: private, loopback, link-local, multicast, reserved, unspecified and cloud-metadata
addresses are refused unless the policy allows them. The fetcher connects to the very address
that was judged (`GuardedBackend` in fetch.py), so a name that resolves to a public address
when checked and to a private one when connected (DNS rebinding) cannot slip through; every
redirect target is judged again the same way.

`AddressPolicy.decide` is a pure decision on an address: no connection, no lookup.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from wirewatch.errors import WirewatchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Instance metadata services: the address a fetch is most often tricked into.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    }
)
LOOPBACK_NETWORKS: tuple[IPNetwork, ...] = (
    ipaddress.ip_network("127.0.0.0/8"),
    ipaddress.ip_network("::1/128"),
)
# Shared address space (carrier-grade NAT) is not `is_private` in every Python version.
_SHARED_SPACE = ipaddress.ip_network("100.64.0.0/10")


class RefusedUrl(WirewatchError):
    """A URL or an address the policy does not allow; `reason` is the stored reason code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses only, plus the networks in `allowed` (loopback when
    `feeds.allow_loopback` is set; tests may allow narrower ones, such as 127.0.0.1/32)."""

    allowed: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_settings(cls, allow_loopback: bool) -> AddressPolicy:
        return cls(LOOPBACK_NETWORKS if allow_loopback else ())

    def decide(self, address: str | IPAddress) -> str | None:
        """None when the address may be connected to, else why not (a short label)."""
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
        if ip in METADATA_ADDRESSES:
            return "cloud metadata"  # never, whatever is allowed
        if any(ip in network for network in self.allowed):
            return None
        for label, hit in (
            ("unspecified", ip.is_unspecified),
            ("loopback", ip.is_loopback),
            ("link-local", ip.is_link_local),
            ("multicast", ip.is_multicast),
            ("reserved", ip.is_reserved),
            ("private", ip.is_private or ip in _SHARED_SPACE),
            ("not globally routable", not ip.is_global),
        ):
            if hit:
                return label
        return None

    def check_address(self, host: str, address: str) -> None:
        """Raise RefusedUrl(`refused_address`) unless `address` (what `host` resolved to)
        may be connected to."""
        why = self.decide(address)
        if why is not None:
            shown = host if host == address else f"{host} ({address})"
            raise RefusedUrl("refused_address", f"{shown} is a {why} address")


def check_url(url: str, policy: AddressPolicy) -> str:
    """The URL's host, after checking its scheme and, for an address literal, the address
    itself (refused before any lookup or connection). Host names are judged on resolution."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        raise RefusedUrl("bad_url", f"{url!r} is not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise RefusedUrl(
            "unsupported_scheme", f"{url!r}: only http and https are fetched, not {scheme or '?'}"
        )
    if not host:
        raise RefusedUrl("bad_url", f"{url!r} has no host")
    literal = _address_literal(host)
    if literal is not None:
        policy.check_address(host, str(literal))
    return host


def _address_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
