"""storytrace: clean, deduplicated, provenance-traced news stories."""

__version__ = "0.1.0"
