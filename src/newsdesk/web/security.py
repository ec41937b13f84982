"""Safety of the portal: crawled text is untrusted, and so is every request.

* Every field reaches HTML through Jinja2 with autoescape on; the only markup built
  in Python is `highlight`, which escapes each piece of text before adding `<mark>`.
* Links taken from crawled pages pass `safe_href`: `http(s)` with a host, or nothing
  (no `javascript:`, `data:`, `vbscript:`, protocol-relative tricks or control
  characters).
* Every response carries a Content-Security-Policy that allows scripts and styles
  only from this server's own files (`script-src 'self'`), so even a string that got
  past escaping could not run inline; plus nosniff, no referrer, no framing.  Images
  come from this server only, except on an article page whose reader chose to see
  its images: that page's policy adds the origins of those images alone (`csp`).
* Uploads need the API token, compared in constant time, and are size-limited both
  by the declared Content-Length and by counting the bytes as they stream in.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.store.search import normalized
from newsdesk.text.urls import join_url, split_url

log = logging.getLogger(__name__)

_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{images}; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")


def csp(images: Iterable[str] = ()) -> str:
    """The Content-Security-Policy; `images` are the origins (`csp_source`) a page
    that shows an article's own images may load them from, and no others."""
    return _CSP.format(images="".join(" " + origin for origin in sorted(set(images))))


CSP = csp()


def csp_source(url: str) -> str | None:
    """The origin of a `safe_href` address as a CSP source (`https://img.example.com`),
    None when its host cannot be written as one (IDN, stray characters) or is no
    public name: an address (127.0.0.1, 10.0.0.1) or a local name (localhost, router)
    would have the reader's browser send requests into the reader's own network."""
    parts = split_url(url)
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if not _HOST.fullmatch(host) or "." not in host or host.endswith(".localhost"):
        return None
    if _is_address(host):
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port else "")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Search queries are in our URLs; the crawled sites we link to need not see them.
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")  # controls, spaces, backslashes


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # Starlette's last-resort 500 is sent from outside every middleware, so
            # without this an error page would be the one response without headers.
            if started:
                raise
            log.exception("error serving %s", scope.get("path"))
            await _plain(send_with_headers, 500, "internal error; the log has the details")


class ContentLengthLimit:
    """ASGI middleware: a request declaring a body over `limit` bytes gets 413 at once.

    Counting the bytes that actually arrive is the upload handler's job
    (`read_body`), since a client may send no Content-Length or a false one.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope.get("headers", []):
                if name == b"content-length":
                    size = int(value) if value.isdigit() else -1
                    if size < 0 or size > self.limit:
                        await _too_large(send, self.limit, bad=size < 0)
                        return
        await self.app(scope, receive, send)


async def _too_large(send: Send, limit: int, *, bad: bool = False) -> None:
    status = 400 if bad else 413
    text = (
        "invalid Content-Length" if bad else f"request body too large: the limit is {limit} bytes"
    )
    await _plain(send, status, text)


async def _plain(send: Send, status: int, text: str) -> None:
    """A JSON `{"detail": text}` answer sent straight to the ASGI server."""
    body = json.dumps({"detail": text}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """The body went over the limit while streaming in."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body too large: the limit is {limit} bytes")
        self.limit = limit


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (`BodyTooLarge`) as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def token_matches(given: str | None, expected: str | None) -> bool:
    """Whether the request's token is the configured one, in constant time.

    No configured token means uploads are off: nothing matches.
    """
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def request_token(request: Request) -> str | None:
    """The token a client sent: `Authorization: Bearer T` or `X-API-Token: T`."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-api-token")


def safe_href(url: str | None, base: str | None = None) -> str | None:
    """`url` (resolved against `base`) when it is an http(s) address with a host, else None."""
    if not url or _UNSAFE_URL_CHARS.search(url.strip()):
        return None
    url = unicodedata.normalize("NFKC", url.strip())
    relative = split_url(url)
    if base and safe_href(base) and relative is not None and not relative.scheme:
        url = join_url(base, url)
    parts = split_url(url)
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def highlight(text: str | None, terms: Iterable[str]) -> Markup:
    """`text` escaped, with each occurrence of a search term wrapped in `<mark>`.

    Matching is done on the raw text (after the same NFKC + case folding as the
    index), and every piece between and inside the marks is escaped on its own, so
    no crawled character can become markup.
    """
    if not text:
        return Markup("")
    spans = _spans(text, [t for t in terms if t])
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(str(escape(text[pos:start])))
        out.append("<mark>" + str(escape(text[start:end])) + "</mark>")
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of `text` where a normalized term occurs."""
    # NFKC or case folding may change lengths (…, ﬁ, ß): then `owner` maps positions back
    norm, offsets = normalized(text)
    owner: Sequence[int] = range(len(text)) if offsets is None else offsets
    found: list[tuple[int, int]] = []
    for term in set(terms):
        start = norm.find(term)
        while start >= 0:
            found.append((owner[start], owner[start + len(term) - 1] + 1))
            start = norm.find(term, start + len(term))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):  # overlapping or touching matches make one mark
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans
