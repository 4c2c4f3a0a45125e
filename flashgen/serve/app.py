"""The serve page's web app: Starlette routes over :mod:`flashgen.serve.work`, and the server.

Starlette (ASGI, small, typed, well kept) and uvicorn serve one page and a few JSON routes;
the page itself is plain HTML, CSS and JavaScript from ``static/``, so it works offline.

=========================================  =================================================
route                                      does
=========================================  =================================================
``GET /``                                  the page
``GET /static/...``                        its CSS and JavaScript
``POST /api/open``                         open a pasted text, a file (and translation), or
                                           a recipe with its texts; optionally a curated TSV
``GET /api/progress/{token}``              how far the request sent with ``?progress=token``
                                           has got: ``{stage, done, total}``
``POST /api/{workspace}/preview``          a term's cards, rendered, day and night
``POST /api/{workspace}/download/{kind}``  .apkg, CSV, Pleco, PDF, HTML handout or the TSV
``GET /api/{workspace}/explain?term=T``    why T ranked where it did
``POST /api/{workspace}/term``             a term selected in the text, annotated
``POST /api/{workspace}/more``             the next terms the filters keep, below the list
=========================================  =================================================

A user's mistake (a file that is not Chinese, an empty list...) is the command line's one
line as ``{"error": ...}`` with status 400; an upload over the limit gets 413.
"""

from __future__ import annotations

import json
import re
import socket
import sys
import threading
import traceback
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from flashgen.errors import FlashgenError, InputError
from flashgen.serve import work

STATIC = Path(__file__).parent / "static"
#: Requests whose progress is kept for the page to poll; the oldest go first.
MAX_PROGRESS = 64
#: The page's own files only; card previews are sandboxed ``srcdoc`` frames whose inline
#: ``<style>`` is the note type's CSS.
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: Form fields and files the multipart parser accepts, beyond which a request is refused.
_MAX_PARTS = 64


class TooLarge(InputError):
    """An upload over :data:`flashgen.serve.work.MAX_UPLOAD` (HTTP 413)."""


def _too_large(size: float | None = None) -> TooLarge:
    limit = work.MAX_UPLOAD / 2**20
    what = f"the upload is {size / 2**20:.1f} MB" if size else "the upload is too large"
    return TooLarge(f"{what}, over the page's {limit:.0f} MB limit: build a larger text "
                    "with flashgen build on the command line")


class Progress:
    """The stage each running request has reached, by the token the page sent with it."""

    def __init__(self) -> None:
        self._stages: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def callback(self, request: Request) -> work.Progress:
        """A pipeline progress callback recording under the request's ``?progress=`` token."""
        token = request.query_params.get("progress", "")
        if not _TOKEN.fullmatch(token):
            return lambda stage, done, total: None

        def update(stage: str, done: int, total: int) -> None:
            with self._lock:
                self._stages[token] = {"stage": stage, "done": done, "total": total}
                self._stages.move_to_end(token)
                while len(self._stages) > MAX_PROGRESS:
                    self._stages.popitem(last=False)

        return update

    def get(self, token: str) -> dict[str, Any]:
        with self._lock:
            return self._stages.get(token, {"stage": "waiting", "done": 0, "total": 0})


Handler = Callable[[Request], Awaitable[Response]]


def _answers(handler: Handler) -> Handler:
    """The route, with errors as the page shows them: one line, and a status."""

    async def wrapped(request: Request) -> Response:
        try:
            response = await handler(request)
        except TooLarge as error:
            response = JSONResponse({"error": str(error)}, status_code=413)
        except InputError as error:
            response = JSONResponse({"error": " ".join(str(error).split())}, status_code=400)
        except FlashgenError as error:
            response = JSONResponse({"error": " ".join(str(error).split())}, status_code=500)
        except Exception as error:  # an internal failure: say so, keep the traceback
            traceback.print_exc()
            message = (f"internal error: {type(error).__name__}: {error} (the traceback is in "
                       "the terminal running flashgen serve)")
            response = JSONResponse({"error": " ".join(message.split())}, status_code=500)
        response.headers.update(_SECURITY_HEADERS)
        return response

    return wrapped


def _check_length(request: Request) -> None:
    """Refuse, before reading it, a body over the limit (or one that does not say its size,
    which a browser always does)."""
    length = request.headers.get("content-length", "")
    if not length.isdigit():
        raise InputError("the request does not say its size (Content-Length): send the "
                         "form from the page")
    # The form's boundaries and field names come on top of the files themselves.
    if int(length) > work.MAX_UPLOAD + 64 * 1024:
        raise _too_large(int(length))


async def _json(request: Request) -> dict[str, Any]:
    _check_length(request)
    body = await request.body()
    if len(body) > work.MAX_UPLOAD:
        raise _too_large(len(body))
    try:
        data = json.loads(body)
    except ValueError:
        raise InputError("the page sent a request that is not JSON: reload it") from None
    if not isinstance(data, dict):
        raise InputError("the page sent a request that is not a JSON object: reload it")
    return data


async def _upload(value: Any) -> work.Upload | None:
    """A form's file, or None when the field was left empty."""
    if not isinstance(value, UploadFile) or not value.filename:
        return None
    return work.Upload(value.filename, await value.read())


def create_app(allowed_hosts: list[str] | None = None) -> Starlette:
    """The web app; ``allowed_hosts`` are the names the page may be reached by (a page on
    another site cannot then reach this server through a name of its own)."""
    workspaces = work.Workspaces()
    progress = Progress()

    warming = threading.Event()

    async def page(request: Request) -> Response:
        # While the user pastes or picks a text, the pipeline loads its data; started by
        # the page rather than at start-up, so that the server answers at once.
        if not warming.is_set():
            warming.set()
            threading.Thread(target=work.warm_up, args=(workspaces,), daemon=True).start()
        return FileResponse(STATIC / "index.html", headers=_SECURITY_HEADERS)

    async def open_text(request: Request) -> Response:
        _check_length(request)
        try:
            form = await request.form(
                max_files=_MAX_PARTS, max_fields=_MAX_PARTS, max_part_size=work.MAX_UPLOAD
            )
        except HTTPException as error:  # the parser's refusal: a part too large, or malformed
            if "size" in str(error.detail):
                raise _too_large() from None
            raise InputError(f"the upload could not be read ({error.detail}): try again") from None
        try:
            files = [u for u in [await _upload(v) for v in form.getlist("recipe")] if u]
            uploads = {key: await _upload(form.get(key)) for key in ("source", "translation",
                                                                    "terms")}
            text, name = str(form.get("text") or ""), str(form.get("name") or "")
        finally:
            await form.close()
        total = len(text.encode()) + sum(len(u.data) for u in [*files, *uploads.values()] if u)
        if total > work.MAX_UPLOAD:
            raise _too_large(total)
        opened = await run_in_threadpool(
            lambda: work.open_workspace(
                workspaces, text=text, name=name, recipe_files=files,
                progress=progress.callback(request), **uploads,
            )
        )
        return JSONResponse(opened)

    async def progress_of(request: Request) -> Response:
        return JSONResponse(progress.get(request.path_params["token"]))

    async def preview(request: Request) -> Response:
        space = workspaces.get(request.path_params["workspace"])
        data = await _json(request)
        shown = await run_in_threadpool(
            lambda: work.preview(space, data.get("rows"), str(data.get("term", "")),
                                 cards=data.get("cards"), progress=progress.callback(request))
        )
        return JSONResponse(shown)

    async def download(request: Request) -> Response:
        space = workspaces.get(request.path_params["workspace"])
        data = await _json(request)
        stamp = data.get("timestamp")
        if stamp is not None and (isinstance(stamp, bool) or not isinstance(stamp, int | float)):
            raise InputError(f"timestamp {stamp!r} is not a number of Unix seconds")
        name, body = await run_in_threadpool(
            lambda: work.download(
                space, data.get("rows"), request.path_params["kind"], cards=data.get("cards"),
                timestamp=stamp, progress=progress.callback(request),
            )
        )
        return Response(body, media_type="application/octet-stream", headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        })

    async def explain(request: Request) -> Response:
        space = workspaces.get(request.path_params["workspace"])
        term = request.query_params.get("term", "")
        lines = await run_in_threadpool(lambda: work.explain(space, term))
        return JSONResponse({"term": term, "lines": lines})

    async def more_terms(request: Request) -> Response:
        space = workspaces.get(request.path_params["workspace"])
        data = await _json(request)
        rows = await run_in_threadpool(
            lambda: work.runners_up(space, data.get("terms"), progress=progress.callback(request))
        )
        return JSONResponse({"terms": rows})

    async def add_term(request: Request) -> Response:
        space = workspaces.get(request.path_params["workspace"])
        data = await _json(request)
        row = await run_in_threadpool(lambda: work.added_term(space, str(data.get("text", ""))))
        return JSONResponse(row)

    routes = [
        Route("/", page),
        Route("/api/open", _answers(open_text), methods=["POST"]),
        Route("/api/progress/{token}", _answers(progress_of)),
        Route("/api/{workspace}/preview", _answers(preview), methods=["POST"]),
        Route("/api/{workspace}/download/{kind}", _answers(download), methods=["POST"]),
        Route("/api/{workspace}/explain", _answers(explain)),
        Route("/api/{workspace}/term", _answers(add_term), methods=["POST"]),
        Route("/api/{workspace}/more", _answers(more_terms), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"])]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        workspaces.close()

    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or the one-line reason it cannot be."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise InputError(f"--host {host!r} is not an address here ({error}): give an IP "
                         "address such as 127.0.0.1") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port} ({error.strerror}): another program "
                         "may be using the port; choose another with --port") from None
    sock.listen(128)
    return sock


def _hosts(host: str) -> list[str]:
    """The Host names the page answers to: loopback names, or any when serving others."""
    loopback = {"127.0.0.1", "localhost", "::1", "[::1]"}
    return sorted(loopback | {host}) if host in loopback else ["*"]


def serve(host: str, port: int, open_browser: bool) -> None:
    """Serve the page on ``host:port`` until interrupted; open it in a browser if asked."""
    import uvicorn

    sock = _listen(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{actual}/"
    # No websockets: the page polls, so the websocket protocol need not even be imported.
    config = uvicorn.Config(create_app(_hosts(host)), log_level="warning", ws="none")
    server = uvicorn.Server(config)
    print(f"flashgen serve: {url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
