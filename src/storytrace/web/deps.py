"""Request-scoped dependencies shared by the API and the pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from storytrace.store.web_queries import connect

MAX_PAGE = 200
MAX_OFFSET = 1_000_000


def open_connection(request: Request) -> Iterator[sqlite3.Connection]:
    connection = connect(request.app.state.settings.db_path)
    try:
        yield connection
    finally:
        connection.close()


Connection = Annotated[sqlite3.Connection, Depends(open_connection)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
