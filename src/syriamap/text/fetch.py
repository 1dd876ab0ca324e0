"""Fetching one web page for :mod:`syriamap.text.sources`, safely, whoever chose the URL.

A URL comes from an article list or a batch line, so it is hostile input: it must not make the
tool read local files, reach the machine's own services or a cloud metadata endpoint, or hang
and fill memory.  The policy (docs/scaling.md, "URLs"):

* only ``http://`` and ``https://`` are fetched, on every hop;
* the host's addresses are resolved once, *every* one is checked, and the connection goes to
  an address that was checked (the original name is still sent as Host and TLS SNI): a name
  that answers a public address to the check and a private one to the connection (DNS
  rebinding) gains nothing;
* loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata
  address, fe80::/10), carrier-grade NAT (100.64/10), unspecified, multicast and reserved
  addresses — also written as IPv4-mapped, 6to4 or NAT64 IPv6 — are refused unless the caller
  passes ``allow_private=True`` (``--allow-private-urls``);
* at most :data:`MAX_REDIRECTS` redirects, each checked like the first URL; at most
  ``max_bytes`` + 1 bytes are read; connect, each read and the whole fetch are bounded by
  ``timeout`` seconds.

Proxy variables (``http_proxy``…) are not used: a proxy would resolve the name itself, out of
reach of the address check.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

from ..errors import InputError, one_line

__all__ = ["MAX_REDIRECTS", "Fetched", "check_address", "fetch_url"]

MAX_REDIRECTS = 5
"""Redirects followed before a fetch is refused (browsers allow ~20; news pages need one or two)."""

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65_536
_MAX_URL = 8_192

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Ranges `ipaddress` does not flag (or flags only through is_global), named for the message.
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page's body (at most ``max_bytes`` + 1 bytes), media type, charset and final URL."""

    body: bytes
    media_type: str | None
    charset: str | None
    url: str


def check_address(address: IPAddress) -> str | None:
    """Why ``address`` is not a public internet address (a word for the message), or None.

    An IPv6 form that carries an IPv4 address (IPv4-mapped, 6to4, NAT64) is judged by it.

    >>> check_address(ipaddress.ip_address("::ffff:169.254.169.254"))
    'link-local'
    >>> check_address(ipaddress.ip_address("93.184.215.14")) is None
    True
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return check_address(embedded)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("carrier-grade NAT", isinstance(address, ipaddress.IPv4Address) and address in _SHARED),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((reason for reason, hit in checks if hit), None)


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def _target(url: str, name: str) -> _Target:
    if len(url) > _MAX_URL:
        raise InputError(f"{name}: URL longer than {_MAX_URL} characters")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise InputError(f"{name}: not a valid URL ({err})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}: URL" if scheme else "a URL without scheme"
        raise InputError(f"{name}: only http:// and https:// URLs are fetched, not {shown}")
    host = parts.hostname
    if not host:
        raise InputError(f"{name}: the URL has no host")
    try:
        host = host.encode("idna").decode("ascii")  # the form DNS and the Host header take
    except UnicodeError:
        raise InputError(f"{name}: the host name is not valid") from None
    if any(c.isspace() or not c.isprintable() for c in url):
        raise InputError(f"{name}: the URL contains spaces or control characters")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def _addresses(target: _Target, name: str, allow_private: bool) -> list[str]:
    """Every address ``target.host`` resolves to, all checked (one bad one refuses the URL:
    which one a connection would use is not ours to predict)."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise InputError(f"{name}: cannot resolve {target.host!r} ({one_line(err)})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise InputError(f"{name}: {target.host!r} has no address")
    if not allow_private:
        for text in addresses:
            reason = check_address(ipaddress.ip_address(text.split("%", 1)[0]))
            if reason is not None:
                shown = "" if text == target.host else f" ({text})"
                raise InputError(
                    f"{name}: refused: {target.host} is a {reason} address{shown}; "
                    "--allow-private-urls (allow_private=True) fetches it"
                )
    return addresses


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a checked address, sending the URL's own host name as Host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address
        # kept after http.client hands the socket to the response (and drops self.sock)
        self.pinned: socket.socket | None = None

    def connect(self) -> None:
        self.sock = self.pinned = socket.create_connection((self.address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPS(_PinnedHTTP):
    """The same over TLS, the certificate checked against the URL's host name (SNI too)."""

    default_port = 443

    def connect(self) -> None:
        super().connect()
        self.sock = self.pinned = ssl.create_default_context().wrap_socket(
            self.sock, server_hostname=self.host
        )


class _Deadline:
    """Shuts the socket down when the whole fetch's time is up: a server trickling a byte
    per second would otherwise pass every per-read timeout forever."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._timer: threading.Timer | None = None

    def left(self) -> float:
        return max(self.end - time.monotonic(), 0.001)

    def watch(self, connection: _PinnedHTTP) -> None:
        def expire() -> None:
            self.expired = True
            sock = connection.pinned
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        self.cancel()
        self._timer = threading.Timer(self.left(), expire)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


def _open(
    target: _Target, addresses: list[str], deadline: _Deadline, user_agent: str
) -> tuple[_PinnedHTTP, http.client.HTTPResponse]:
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    error: Exception | None = None
    for address in addresses:
        connection = kind(target.host, target.port, address, deadline.left())
        deadline.watch(connection)
        try:
            connection.request(
                "GET",
                target.path,
                headers={
                    "User-Agent": user_agent,
                    "Accept-Encoding": "identity",
                    "Connection": "close",
                },
            )
            return connection, connection.getresponse()
        except (OSError, http.client.HTTPException) as err:
            connection.close()
            error = err
            if deadline.expired or isinstance(err, ssl.SSLError | http.client.HTTPException):
                break  # the server answered: another of its addresses will not do better
    assert error is not None
    raise error


def fetch_url(
    url: str,
    *,
    name: str,
    max_bytes: int,
    timeout: float,
    user_agent: str,
    allow_private: bool = False,
) -> Fetched:
    """GET ``url`` under the policy of this module; every failure is a one-line
    :class:`~syriamap.errors.InputError` starting with ``name``.

    A body over ``max_bytes`` is refused once ``max_bytes`` + 1 bytes have come (or at once,
    by its Content-Length); nothing more is read.
    """
    deadline = _Deadline(timeout)
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            target = _target(url, name)
            addresses = _addresses(target, name, allow_private)
            connection, response = _open(target, addresses, deadline, user_agent)
            try:
                location = response.getheader("Location")
                if response.status in _REDIRECTS and location:
                    url = urllib.parse.urljoin(url, location.strip())
                    continue
                if response.status >= 300:
                    raise InputError(f"{name}: HTTP {response.status} {one_line(response.reason)}")
                return _body(response, url, name, max_bytes, deadline)
            finally:
                response.close()
                connection.close()
                if connection.pinned is not None:
                    connection.pinned.close()
        raise InputError(f"{name}: more than {MAX_REDIRECTS} redirects")
    except InputError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as err:
        if deadline.expired or isinstance(err, TimeoutError):
            raise InputError(f"{name}: timed out after {timeout:g} s") from None
        raise InputError(f"{name}: cannot fetch ({one_line(err)})") from None
    finally:
        deadline.cancel()


def _body(
    response: http.client.HTTPResponse, url: str, name: str, max_bytes: int, deadline: _Deadline
) -> Fetched:
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = response.read1(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if deadline.expired:
        raise TimeoutError
    if size > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes} bytes")
    return Fetched(
        b"".join(chunks),
        response.headers.get_content_type(),
        response.headers.get_content_charset(),
        url,
    )
