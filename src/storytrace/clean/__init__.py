"""Boilerplate removal. Every removal is a Removal(span, reason); nothing is dropped silently."""

from storytrace.clean.cleaner import clean_article
from storytrace.clean.options import CleanOptions
from storytrace.clean.stats import LineStats

__all__ = ["CleanOptions", "LineStats", "clean_article"]
