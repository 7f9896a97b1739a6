"""Persistence. SQLite (WAL) by default."""

from storytrace.store.schema import SchemaTooNewError, StoreError
from storytrace.store.sqlite import Store

__all__ = ["SchemaTooNewError", "Store", "StoreError"]
