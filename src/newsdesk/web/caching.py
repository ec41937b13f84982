"""ETags: a GET answer that has not changed costs the client one round trip, no body.

Why a middleware and not per handler: every page, feed and API answer gets the same
treatment without each handler remembering it.  The tag is a hash of the body, so
it is right by construction (two answers with the same bytes share a tag, any change
gives a new one) and needs no notion of when the store last changed.  It is weak
(`W/`) because the same answer may travel gzipped or not.
"""

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_DROP_ON_304 = {b"content-length", b"content-type", b"content-encoding"}


def etag_of(body: bytes) -> bytes:
    return b'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def _matches(header: bytes, tag: bytes) -> bool:
    """If-None-Match against `tag`, comparing weakly as RFC 9110 asks for GET."""
    if header.strip() == b"*":
        return True
    bare = tag.removeprefix(b"W/")
    return any(t.strip().removeprefix(b"W/") == bare for t in header.split(b","))


class ETags:
    """ASGI middleware: tag 200 answers to GET/HEAD; answer 304 when the client has it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        wanted = dict(scope.get("headers", [])).get(b"if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []
        passthrough = False

        async def wrapped(message: Message) -> None:
            nonlocal start, passthrough
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                if message["status"] != 200 or b"etag" in names:
                    passthrough = True
                    await send(message)
                else:
                    start = message
                return
            if passthrough or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _finish(send, start, b"".join(chunks), wanted)

        await self.app(scope, receive, wrapped)


async def _finish(send: Send, start: Message, body: bytes, wanted: bytes | None) -> None:
    tag = etag_of(body)
    headers = [*start.get("headers", []), (b"etag", tag)]
    if wanted is not None and _matches(wanted, tag):
        kept = [(k, v) for k, v in headers if k.lower() not in _DROP_ON_304]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body})
