"""``storytrace serve``: the web app over one database, on the local machine by default."""

from __future__ import annotations

from pathlib import Path


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted; ``token`` turns on ``POST /api/articles``."""
    import uvicorn

    from storytrace.web.app import create_app

    print(f"storytrace: browse {db} at http://{host}:{port}/", flush=True)
    uvicorn.run(create_app(db, write_token=token), host=host, port=port, log_level="warning")
