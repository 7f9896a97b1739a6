"""Scorers for each benchmark, importable and used by `storytrace eval`."""
