"""The portal as an ASGI app: `create_app(db_path)`, and `serve` to run it with uvicorn.

    from newsdesk.web import create_app, serve
    app = create_app("newsdesk.db", token="s3cret")     # any ASGI server
    serve("newsdesk.db", "127.0.0.1", 8000)             # or this, as `newsdesk serve` does

Layers, outermost first: security headers on every answer, gzip, ETags, a
Content-Length guard, then the routes (pages, feeds, the JSON API, static files).
Handlers are synchronous and run in the server's thread pool, each thread with its
own read-only connection (`connections.ReadPool`), so `newsdesk ingest` can write
to the same store (SQLite WAL) while the portal serves.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import socket
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from newsdesk import __version__, settings
from newsdesk.store import Store
from newsdesk.web import api, feeds, pages, templating
from newsdesk.web.caching import ETags
from newsdesk.web.connections import ReadPool
from newsdesk.web.security import ContentLengthLimit, SecurityHeaders
from newsdesk.web.upload import StoriesRefresher

log = logging.getLogger(__name__)

GZIP_MIN_BYTES = 500  # smaller answers gain less than gzip's header costs
# Level 5 compresses a page nearly as well as 9 (the default) at a third of the CPU,
# which matters more than a few hundred bytes on a busy two-core server.
GZIP_LEVEL = 5
WARM_BARRIER_SECONDS = 10.0  # how long start-up waits for every handler thread to start
STORIES_SHUTDOWN_WAIT = 30.0  # seconds a stopping server gives a running stories step

DESCRIPTION = (
    "The newsdesk store over HTTP: latest articles, one article (`newsdesk.article/2` "
    "JSON), search with filters, stories, entities, related articles and what is hot. "
    "Lists take `limit` and `offset` and return `next`. Answers carry ETags and are "
    "gzipped on request. `POST /api/pages` needs the API token."
)


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    max_upload_bytes: int | None = None,
    remote_images: bool | None = None,
) -> FastAPI:
    """The portal over the store at `db_path` (created or migrated now).

    `token` guards `POST /api/pages` (default: the `api_token` setting; none means
    uploads are refused).  `max_upload_bytes` bounds a request body (default: the
    `max_upload_bytes` setting).  `remote_images` says whether a reader may choose to
    see articles' images, loaded from their sites (default: the setting of that name).
    """
    path = str(db_path)
    Store.open(path).close()  # create or migrate once, before any read connection
    limit = max_upload_bytes or settings.get_int("max_upload_bytes")
    threads = max(1, settings.get_int("web_threads"))
    pool = ReadPool(path)

    refresher = StoriesRefresher(path, done=_forget)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Page handlers run in this pool; each thread holds a connection and its cache.
        to_thread.current_default_thread_limiter().total_tokens = threads
        await run_in_threadpool(_warm, pool)
        await _warm_threads(pool, threads)
        if app.state.token:
            # Uploads are enriched as ingest enriches: load the models now, not in the
            # first upload's answer (a second or two).
            from newsdesk.enrich.step import warm_up

            await run_in_threadpool(warm_up)
        # What start-up loaded (modules, models, the warmed answers) lives as long as
        # the server: left out of the collector's full passes, which otherwise walk
        # all of it again while every request waits.
        gc.freeze()
        yield
        # A stories run after an upload finishes its batch (a killed one is rolled back)
        await run_in_threadpool(refresher.wait, STORIES_SHUTDOWN_WAIT)
        pool.close()

    app = FastAPI(
        title="newsdesk",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the default docs page loads scripts from a CDN; /api/docs does not
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL),
            Middleware(ETags),
            Middleware(ContentLengthLimit, limit=limit),
        ],
    )
    app.state.pool = pool
    app.state.db_path = path
    app.state.token = (token if token is not None else settings.get("api_token")) or None
    app.state.max_upload_bytes = limit
    app.state.remote_images = (
        remote_images if remote_images is not None else settings.get_int("remote_images") == 1
    )
    app.state.stories = refresher
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.add_api_route("/healthz", healthz, methods=["GET"], summary="Health check", tags=["api"])
    static = resources.files("newsdesk.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    return app


def _forget() -> None:
    from newsdesk.web import memo

    memo.forget()


def _warm(pool: ReadPool) -> None:
    """Fill the aggregate caches and compile the templates before the first reader
    arrives (a second on 100k)."""
    from newsdesk.web import memo

    memo.warm(pool.connection())
    templating.compile_all()


async def _warm_threads(pool: ReadPool, threads: int) -> None:
    """Open and warm every handler thread's connection before the first reader:
    `threads` calls held at a barrier run on `threads` different threads."""
    from newsdesk.web import memo

    barrier = threading.Barrier(threads)

    def warm_this_thread() -> None:
        memo.read_one(pool.connection())
        # Fewer threads than asked (a broken barrier): the others open on first use.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=WARM_BARRIER_SECONDS)

    await asyncio.gather(*(run_in_threadpool(warm_this_thread) for _ in range(threads)))


def healthz(request: Request) -> dict[str, object]:
    """Liveness and the store's size: 200 while the store can be read."""
    from newsdesk.web import memo

    return {"status": "ok", "articles": memo.count(pages.reader(request))}


def _wants_json(request: Request) -> bool:
    p = request.url.path
    return p.startswith(("/api/", "/feeds/", "/static/")) or p == "/healthz"


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _wants_json(request) or exc.status_code not in (404, 400, 405):
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )
    return pages.error_page(request, exc.status_code)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    return JSONResponse({"detail": exc.errors()}, status_code=422)


def serve(
    db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, *, workers: int = 1
) -> None:
    """Run the portal with uvicorn until interrupted (what `newsdesk serve` does).

    With several `workers`, uvicorn starts that many processes on one socket, each
    building its app from the store named in the environment (`app_from_settings`).
    """
    import uvicorn

    quiet: dict[str, Any] = {"log_level": "warning", "access_log": False, "server_header": False}
    if workers <= 1:
        uvicorn.run(create_app(db_path), host=host, port=port, **quiet)
        return
    Store.open(str(db_path)).close()  # migrate once, before the workers start
    os.environ[settings.setting("db").env] = str(db_path)
    uvicorn.run(
        "newsdesk.web.app:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **quiet,
    )


def unusable(host: str, port: int) -> str | None:
    """Why the portal cannot listen on `host:port` (taken, not an address of this
    machine, not allowed), or None: checked before it says where it serves."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def app_from_settings() -> FastAPI:
    """The portal over the store the `db` setting names: each server process's app."""
    return create_app(settings.get("db"))
