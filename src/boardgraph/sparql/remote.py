"""HTTP for SPARQL endpoints and stores, with the guarantees ``urllib`` lacks.

* one overall deadline per request (a server that drips a byte a second
  cannot hold a command past ``--timeout``);
* redirects followed by hand, and credentials sent only to the host, port and
  scheme they were given for;
* URLs in messages with any password masked;
* the status and content type of every answer given back to the caller to check.
"""

from __future__ import annotations

import base64
import http.client
import os
import ssl
import time
import urllib.parse
from dataclasses import dataclass

from boardgraph.errors import BoardgraphError

USER_ENV = "BOARDGRAPH_ENDPOINT_USER"
PASSWORD_ENV = "BOARDGRAPH_ENDPOINT_PASSWORD"
MAX_REDIRECTS = 3
MAX_BODY_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str  # media type only, lower case ("application/sparql-results+json")
    body: bytes
    url: str  # where the answer came from, after redirects (password masked)


def mask(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``: safe to print."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if parts.password is None and "@" not in parts.netloc:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    netloc = f"{user}:***@{host}" if parts.password is not None else f"{user}@{host}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def credentials(url: str | None = None) -> tuple[str, str] | None:
    """Basic-auth credentials: from the URL's user info, else the environment."""
    if url:
        parts = urllib.parse.urlsplit(url)
        if parts.username:
            return urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    user = os.environ.get(USER_ENV)
    if not user:
        return None
    return user, os.environ.get(PASSWORD_ENV, "")


def check_url(url: str) -> str:
    try:
        parts = urllib.parse.urlsplit(url or "")
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise BoardgraphError(f"{mask(url)!r} is not an http(s) endpoint URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BoardgraphError(f"{mask(url)!r} is not an http(s) endpoint URL")
    return url


def _origin(parts: urllib.parse.SplitResult) -> tuple[str, str, int]:
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def request(
    url: str,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
    what: str = "endpoint",
) -> Response:
    """One request, its redirects followed, finished within ``timeout`` seconds overall.

    Network failures and the deadline raise :class:`BoardgraphError` (one
    line, password masked); any HTTP status is returned for the caller to judge.
    """
    check_url(url)
    deadline = time.monotonic() + timeout
    first = urllib.parse.urlsplit(url)
    auth = credentials(url)
    shown = mask(url)
    for _ in range(MAX_REDIRECTS + 1):
        parts = urllib.parse.urlsplit(url)
        send = dict(headers or {})
        # Credentials never follow a redirect to another host, port or scheme.
        if auth and _origin(parts) == _origin(first):
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            send["Authorization"] = f"Basic {token}"
        try:
            response = _once(parts, method, body, send, deadline)
        except TimeoutError:
            raise BoardgraphError(f"{what} {shown} did not answer within {timeout:.3g} s") from None
        except (OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise BoardgraphError(f"cannot reach {what} {shown}: {reason}") from None
        status, ctype, data, location = response
        if status in (301, 302, 303, 307, 308) and location:
            url = urllib.parse.urljoin(url, location)
            check_url(url)
            if status == 303 or (status in (301, 302) and method == "POST"):
                method, body = "GET", None
            shown = mask(url)
            continue
        return Response(status, ctype, data, shown)
    raise BoardgraphError(f"{shown}: more than {MAX_REDIRECTS} redirects")


def _once(
    parts: urllib.parse.SplitResult, method: str, body: bytes | None, headers: dict[str, str], deadline: float
) -> tuple[int, str, bytes, str | None]:
    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    host, port = parts.hostname or "", parts.port
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        context = ssl.create_default_context()
        conn = http.client.HTTPSConnection(host, port, timeout=remaining(), context=context)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=remaining())
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn.request(method, path, body=body, headers=headers)
        sock = conn.sock
        if sock is not None:
            sock.settimeout(remaining())
        response = conn.getresponse()
        chunks: list[bytes] = []
        size = 0
        while True:
            if sock is not None:
                sock.settimeout(remaining())
            chunk = response.read1(65536) if method != "HEAD" else b""
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise http.client.HTTPException("answer too large")
            chunks.append(chunk)
            remaining()
        ctype = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        return response.status, ctype, b"".join(chunks), response.getheader("Location")
    finally:
        conn.close()
