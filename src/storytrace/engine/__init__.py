"""Runners of the stages: the local in-process pipeline (and later, distributed engines)."""
