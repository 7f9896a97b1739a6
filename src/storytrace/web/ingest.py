"""``POST /api/articles``: one article in the JSONL shape, stored by the local pipeline.

Writing is off unless the app was given a token; then the request must carry
``Authorization: Bearer <token>``. The spaCy analyser is loaded on the first write, once.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from storytrace.ingest.extract import to_article
from storytrace.ingest.jsonl import doc_from_record, load_object
from storytrace.ingest.limits import BadInput
from storytrace.model import RawDoc

if TYPE_CHECKING:
    from storytrace.nlp.pipeline import Analyzer

_WRITE_LOCK = threading.Lock()


@dataclass(slots=True)
class IngestResult:
    id: str
    status: str  # "stored" | "already-stored" | "skipped"
    reason: str | None = None


async def ingest_body(request: Request) -> IngestResult:
    check_token(request)
    body = await _read_capped(request, request.app.state.settings.max_body_bytes)
    try:
        raw = doc_from_record(load_object(body), "api:POST /api/articles")
    except BadInput as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    return await run_in_threadpool(_store_article, request.app, raw)


def check_token(request: Request) -> None:
    expected = request.app.state.settings.write_token
    if expected is None:
        raise HTTPException(status_code=403, detail="writing is disabled: the server was started without a write token")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(
            status_code=401, detail="a valid `Authorization: Bearer <token>` header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip


async def _read_capped(request: Request, cap: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > cap:
            raise HTTPException(status_code=413, detail=f"request body over the {cap:,}-byte cap")
    return bytes(body)


def _store_article(app: FastAPI, raw: RawDoc) -> IngestResult:
    from storytrace.engine.stages import full_pipeline
    from storytrace.store.sqlite import Store

    article_id = to_article(raw).id
    with _WRITE_LOCK, Store(app.state.settings.db_path) as store:
        report = full_pipeline(store, _analyzer(app)).ingest_items([raw], ["api"])
    if report.inserted:
        return IngestResult(article_id, "stored")
    if report.already_stored or report.repeated_in_input:
        return IngestResult(article_id, "already-stored")
    reason = report.skipped[0].reason if report.skipped else "not stored"
    raise HTTPException(status_code=422, detail=f"article not stored: {reason}")


def _analyzer(app: FastAPI) -> Analyzer:
    if app.state.analyzer is None:
        from storytrace.nlp.pipeline import Analyzer

        app.state.analyzer = Analyzer()
    return app.state.analyzer
