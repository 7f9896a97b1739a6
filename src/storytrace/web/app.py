"""The FastAPI app: JSON API under ``/api``, server-rendered pages, local static assets.

Every response carries a strict Content-Security-Policy (scripts and styles from this app only, no
inline script, nothing fetched elsewhere); request bodies over the cap are refused with 413.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from storytrace.store.sqlite import Store

if TYPE_CHECKING:
    from storytrace.nlp.pipeline import Analyzer

HERE = Path(__file__).parent
MAX_BODY_BYTES = 5 * 1024 * 1024
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


@dataclass(slots=True, frozen=True)
class WebSettings:
    db_path: Path
    write_token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES


def create_app(
    db_path: str | Path,
    *,
    write_token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    analyzer: Analyzer | None = None,
) -> FastAPI:
    """The app over the database at ``db_path`` (created and migrated if needed).

    ``analyzer`` (an ``nlp.pipeline.Analyzer``) serves writes; by default one is loaded on the first write.
    """
    from storytrace.web import api, pages

    Store(db_path).close()  # brings the schema up to date once, before any read
    app = FastAPI(title="storytrace", version="1", docs_url=None, redoc_url=None)
    app.state.settings = WebSettings(Path(db_path), write_token or None, max_body_bytes)
    app.state.analyzer = analyzer
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(GuardMiddleware, max_body_bytes=max_body_bytes)
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    message = str(error.detail)
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=error.status_code, headers=getattr(error, "headers", None))
    from storytrace.web.pages import error_page

    return error_page(request, error.status_code, message)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = [_describe(problem) for problem in error.errors()]
    message = "invalid request: " + "; ".join(problems)
    if wants_json(request):
        return JSONResponse({"error": message, "problems": problems}, status_code=422)
    from storytrace.web.pages import error_page

    return error_page(request, 422, message)


def _describe(problem: dict) -> str:
    where = ".".join(str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body"))
    return f"{where or 'request'}: {problem.get('msg', 'invalid')}"


class GuardMiddleware:
    """Adds the security headers to every response and refuses over-long request bodies (413)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        if self._declared_size(scope) > self.max_body_bytes:
            message = f"request body over the {self.max_body_bytes:,}-byte cap"
            response = JSONResponse({"error": message}, status_code=413)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _declared_size(scope: Scope) -> int:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                return int(value) if value.isdigit() else 0
        return 0
